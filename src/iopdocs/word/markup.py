"""The case files' text markup (a Markdown subset) as WordprocessingML.

Supported: paragraphs, bullet and numbered lists (nested), **bold**, *italic*,
[links](https://...), hard line breaks. Everything else is kept as plain
text, never as literal markup. Output uses the template's own styles.
"""

from __future__ import annotations

import contextvars
from collections.abc import Mapping
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

# The one reading of the markup; markwriter reads text back with it too.
PARSER = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .disable(["code", "fence", "blockquote", "hr", "heading", "lheading", "html_block"])
    .disable(["html_inline", "backticks", "entity", "autolink"])
)


@dataclass(frozen=True)
class Styles:
    """The style ids a template uses for generated paragraphs."""

    list_bullet: str
    list_number: str
    hyperlink: str | None
    bullet_num_id: str | None
    number_num_id: str | None
    number_abstract_id: str | None


@dataclass
class RenderState:
    """What rendering one document collects: hyperlinks and restarted lists."""

    styles: Styles
    next_num_id: int
    links: dict[str, str] = field(default_factory=dict)
    new_nums: list[tuple[int, str, int]] = field(default_factory=list)

    def link_id(self, url: str) -> str:
        """Return the relationship id for `url`, allocating one on first use."""
        if url not in self.links:
            self.links[url] = f"rIdIopLink{len(self.links) + 1}"
        return self.links[url]

    def restart_number_list(self, start: int = 1) -> str | None:
        """Return a new numbering id whose list starts (again) at `start`."""
        if self.styles.number_abstract_id is None:
            return None
        num = self.next_num_id
        self.next_num_id += 1
        self.new_nums.append((num, self.styles.number_abstract_id, start))
        return str(num)


CURRENT: contextvars.ContextVar[RenderState] = contextvars.ContextVar("iopdocs_render_state")


def md(text: str) -> Markup:
    """Render markup text as whole paragraphs (for `{{p x|md }}`)."""
    return Markup("".join(_blocks(PARSER.parse(str(text)), CURRENT.get())))


def md_inline(text: str) -> Markup:
    """Render markup text as runs inside one paragraph (for `{{r x|md_inline }}`)."""
    tokens = PARSER.parse(str(text))
    runs = []
    for token in tokens:
        if token.type == "inline":
            if runs:
                runs.append(_run(" ", {}))
            runs.append(_inline(token.children or [], CURRENT.get()))
    return Markup("".join(runs))


def link(target) -> Markup:
    """Render a link as a hyperlink run: a Link, or a mapping with text and url (a data file's)."""
    text, url = _link_parts(target)
    state = CURRENT.get()
    return Markup(_hyperlink(state, url, _run(text, {}, state.styles.hyperlink)))


def _link_parts(target) -> tuple[str, str]:
    """Return a link's text and url; raise ValueError, in Swedish, when either is missing."""
    if isinstance(target, Mapping):
        text, url = target.get("text"), target.get("url")
    else:
        text, url = getattr(target, "text", None), getattr(target, "url", None)
    if not isinstance(text, str) or not isinstance(url, str):
        raise ValueError(
            "filtret link behöver en länk med 'text' och 'url', till exempel "
            "{text: Kommunens mål, url: https://…}"
        )
    return text, url


@dataclass
class _ListLevel:
    ordered: bool
    num_id: str | None


def _blocks(tokens: list[Token], state: RenderState) -> list[str]:
    """Return paragraph XML for the block tokens."""
    out: list[str] = []
    stack: list[_ListLevel] = []
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            ordered = token.type == "ordered_list_open"
            start = int(token.attrs.get("start", 1) or 1)
            num_id = _list_num_id(state, ordered, stack, start)
            stack.append(_ListLevel(ordered, num_id))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            stack.pop()
        elif token.type == "inline":
            out.append(_paragraph(_inline(token.children or [], state), stack, state.styles))
    return out


def _list_num_id(state: RenderState, ordered: bool, parent: list, start: int) -> str | None:
    """Return the numbering id of a new list: numbered top-level lists restart."""
    if not ordered:
        return state.styles.bullet_num_id
    if parent:
        return parent[-1].num_id if parent[-1].ordered else state.styles.number_num_id
    return state.restart_number_list(start) or state.styles.number_num_id


def _paragraph(runs: str, stack: list[_ListLevel], styles: Styles) -> str:
    """Return one paragraph; in a list it takes the list style and level."""
    if not stack:
        return f"<w:p>{runs}</w:p>"
    level = stack[-1]
    style = styles.list_number if level.ordered else styles.list_bullet
    num = ""
    if level.num_id is not None:
        num = (
            f'<w:numPr><w:ilvl w:val="{len(stack) - 1}"/>'
            f'<w:numId w:val="{level.num_id}"/></w:numPr>'
        )
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{num}</w:pPr>{runs}</w:p>'


def _inline(children: list[Token], state: RenderState) -> str:
    """Return the runs of one inline token's children."""
    out: list[str] = []
    marks: dict[str, bool] = {}
    link_runs: list[str] | None = None
    link_url = ""
    for child in children:
        kind = child.type
        target = link_runs if link_runs is not None else out
        if kind in ("strong_open", "strong_close"):
            marks["b"] = kind == "strong_open"
        elif kind in ("em_open", "em_close"):
            marks["i"] = kind == "em_open"
        elif kind == "link_open":
            link_runs, link_url = [], str(child.attrs.get("href", ""))
        elif kind == "image":
            target.append(_run(child.content, marks))  # images are not supported: keep the text
        elif kind == "link_close" and link_runs is not None:
            out.append(_hyperlink(state, link_url, "".join(link_runs)))
            link_runs = None
        elif kind == "softbreak":
            target.append(_run(" ", marks))
        elif kind == "hardbreak":
            target.append("<w:r><w:br/></w:r>")
        elif child.content:
            style = state.styles.hyperlink if link_runs is not None and _is_web(link_url) else None
            target.append(_run(child.content, marks, style))
    return "".join(out)


def _hyperlink(state: RenderState, url: str, runs: str) -> str:
    """Return a hyperlink element around runs; a non-web target stays plain text."""
    if not _is_web(url):
        return runs
    return f'<w:hyperlink r:id={quoteattr(state.link_id(url))} w:history="1">{runs}</w:hyperlink>'


def _is_web(url: str) -> bool:
    """Return True for the link targets a published paper may hold."""
    return url.startswith(("http://", "https://", "mailto:"))


def _run(text: str, marks: dict[str, bool], char_style: str | None = None) -> str:
    """Return one run of text with bold/italic and an optional character style."""
    props = ""
    if char_style:
        props += f'<w:rStyle w:val="{char_style}"/>'
    if marks.get("b"):
        props += "<w:b/><w:bCs/>"
    if marks.get("i"):
        props += "<w:i/><w:iCs/>"
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
