"""Content controls that tie a document's text to the field it came from.

Each output of a template (`{{p case.arende|md }}`, `{{ part.namn }}`) sits in a
content control (`w:sdt`) whose tag is the output's path in the template
context: `case.arende`, `case.parter[1].ansvarsomraden`, `d.fordelning[0].amount`.
Loop indexes in a tag are Jinja (`case.parter[{{ part_i }}].namn`), so a
generated document says exactly which field produced each piece of its text.

In a template, a text with markup (`{{p x|md }}`) and an item of a list (a
paragraph holding one output and nothing else, in a list style) are wrapped
whole, in a block-level control; any other output is wrapped where it
stands, in a run-level control. That is what a template author does in Word
(Developer › Rich Text Content Control › Properties › Tag).

In a rendered document every field control is run-level (`inline_blocks`):
each paragraph of a text gets a control of its own, titled "Text: …"; the
others are titled "Värde: …". LibreOffice 7.4 flattens the formatting of the
first paragraph of a block-level control when it saves (bold is lost), and
drops every control's tag; run-level controls are harmless to it. Reading
an edited document back therefore aligns it with the generated one instead
of trusting the controls it still has (`fieldmap`).

In reading order: tags and paths; wrapping a template (`wrap_outputs`, used by
the template generators); the controls of a rendered document; finding the
outputs a template leaves unwrapped (`unwrapped_outputs`, check-templates).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

_W_P, _W_R, _W_T, _W_TBL, _W_TR, _W_TC = (qn(f"w:{t}") for t in ("p", "r", "t", "tbl", "tr", "tc"))
_W_SDT, _W_SDTPR, _W_SDTCONTENT = qn("w:sdt"), qn("w:sdtPr"), qn("w:sdtContent")
_W_TAG, _W_ALIAS, _W_VAL, _W_RPR = qn("w:tag"), qn("w:alias"), qn("w:val"), qn("w:rPr")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

ROOTS = ("case", "d", "org", "doc", "moete")
"""The names of the template context; an output under one of them is a field."""

LIST_STYLES = frozenset({"ListBullet", "ListBullet2", "ListNumber", "ListNumber2"})
"""Paragraph styles whose paragraph, holding one output, is an item of a list."""

TEXT, VALUE = "Text", "Värde"
"""What a rendered control holds, said first in its title: a text's paragraph, or a value."""

_OUTPUT = re.compile(r"\{\{(?P<kind>[pr]\s)?\s*(?P<expr>.*?)\s*\}\}", re.DOTALL)
_STATEMENT = re.compile(r"\{%-?(?:[prc]|tr|tc)?\s*(?P<body>.*?)\s*-?%\}", re.DOTALL)
_TAGS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_FOR = re.compile(r"^for\s+(\w+)\s+in\s+(.+)$", re.DOTALL)
_SET = re.compile(r"^set\s+(\w+)\s*=\s*(.+)$", re.DOTALL)
_NAME = re.compile(r"^\s*([A-Za-z_]\w*)((?:\s*\.\s*[A-Za-z_]\w*|\[[^\[\]]+\])*)")
_PATH = re.compile(r"([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*|\[[^\[\]]*\])*)")
_STEP = re.compile(r"\.([A-Za-z_]\w*)|\[([^\[\]]*)\]")

Step = str | int
"""One step of a path: an attribute or key (str), or a list index (int)."""


@dataclass(frozen=True)
class Path:
    """A field's path read from a tag: the context name and the steps under it."""

    root: str
    steps: tuple[Step, ...]

    def __str__(self) -> str:
        text = self.root
        for step in self.steps:
            text += f".{step}" if isinstance(step, str) and step.isidentifier() else f"[{step}]"
        return text


def parse_path(tag: str) -> Path | None:
    """Return the path a content control's tag names, None when it is not a field's tag."""
    match = _PATH.fullmatch(tag.strip())
    if match is None or match[1] not in ROOTS:
        return None
    steps: list[Step] = []
    for name, key in _STEP.findall(match[2]):
        steps.append(name if name else int(key) if key.isdigit() else key)
    return Path(match[1], tuple(steps))


def expression_path(expression: str, scope: dict[str, str]) -> str | None:
    """Return the tag of an output: the path of its leading name, loop variables resolved.

    Filters and whatever follows the leading name (`or`, arithmetic) are not
    part of the path; a bracketed key that is an expression is left to Jinja.
    None when the output does not start with a name of the context or a loop.
    """
    match = _NAME.match(expression)
    if match is None:
        return None
    root = match[1]
    base = scope.get(root, root if root in ROOTS else None)
    if base is None:
        return None
    suffix = re.sub(r"\s+", "", match[2])
    suffix = re.sub(
        r"\[([^\[\]]+)\]",
        lambda m: f"[{m[1]}]" if m[1].isdigit() else f"[{{{{ {m[1]} }}}}]",
        suffix,
    )
    return base + suffix


def tag_of(control: etree._Element) -> str | None:
    """Return the tag of a content control, None when it has none."""
    properties = control.find(_W_SDTPR)
    tag = properties.find(_W_TAG) if properties is not None else None
    return tag.get(_W_VAL) if tag is not None else None


def kind_of(control: etree._Element) -> str:
    """Return what a rendered field control holds: TEXT (a text's paragraph) or VALUE."""
    properties = control.find(_W_SDTPR)
    alias = properties.find(_W_ALIAS) if properties is not None else None
    title = alias.get(_W_VAL, "") if alias is not None else ""
    return TEXT if title.startswith(f"{TEXT}:") else VALUE


def control(tag: str, title: str, children: list[etree._Element]) -> etree._Element:
    """Return a rich-text content control with a title and a tag around `children`."""
    made = etree.Element(_W_SDT)
    properties = etree.SubElement(made, _W_SDTPR)
    etree.SubElement(properties, _W_ALIAS).set(_W_VAL, title)
    etree.SubElement(properties, _W_TAG).set(_W_VAL, tag)
    etree.SubElement(made, _W_SDTCONTENT).extend(children)
    return made


def _title(kind: str, tag: str) -> str:
    """Return a control's title: what it holds, then the field's last name."""
    plain = re.sub(r"\{\{.*?\}\}", "0", tag)
    path = parse_path(plain)
    names = [s for s in path.steps if isinstance(s, str)] if path else []
    return f"{kind}: {names[-1] if names else plain}"


def text_of(element: etree._Element) -> str:
    """Return the text of the w:t elements under `element`."""
    return "".join(t.text or "" for t in element.iter(_W_T))


# --- wrapping a template --------------------------------------------------------------------


class _Wrapper:
    """Walks a template part in reading order, following its loops, and wraps each output.

    A paragraph loop `{%p for x in xs %}` gets a `{%p set x_i = loop.index0 %}`
    after it, and a row loop `{%tr for %}` a `{% set x_i = loop.index0 %}` in
    its row's first cell, so that nested loops can name every index.
    """

    def __init__(self) -> None:
        self.scopes: list[dict[str, str]] = [{}]

    def scope(self) -> dict[str, str]:
        merged: dict[str, str] = {}
        for level in self.scopes:
            merged.update(level)
        return merged

    def container(self, element: etree._Element) -> None:
        for child in list(element):
            if child.tag == _W_P:
                self.paragraph(child)
            elif child.tag == _W_TBL:
                self.table(child)

    def table(self, tbl: etree._Element) -> None:
        pending: str | None = None
        for tr in [c for c in tbl if c.tag == _W_TR]:
            statement = _control_statement(text_of(tr), "tr")
            if statement is not None:
                pending = self.statement(statement, inline=False)
                continue
            first = tr.find(f"{_W_TC}/{_W_P}")
            if pending and first is not None:
                _prepend_run(first, f"{{% {pending} %}}")
            pending = None
            for tc in [c for c in tr if c.tag == _W_TC]:
                self.container(tc)

    def statement(self, body: str, inline: bool) -> str | None:
        """Follow a loop or an assignment; return the `set` a block loop needs after it."""
        word = body.split(maxsplit=1)[0] if body.split() else ""
        if word == "for":
            match = _FOR.match(body)
            self.scopes.append({})
            base = (
                expression_path(re.split(r"\s+if\s+", match[2])[0], self.scope()) if match else None
            )
            if base is None:
                return None
            var = match[1]
            index = "loop.index0" if inline else f"{var}_i"
            self.scopes[-1][var] = f"{base}[{{{{ {index} }}}}]"
            return None if inline else f"set {var}_i = loop.index0"
        if word == "endfor" and len(self.scopes) > 1:
            self.scopes.pop()
        elif word == "set":
            match = _SET.match(body)
            path = expression_path(match[2], self.scope()) if match else None
            if match and path:
                self.scopes[-1][match[1]] = path
        return None

    def paragraph(self, p: etree._Element) -> None:
        text = text_of(p)
        statement = _control_statement(text, "p")
        if statement is not None:
            after = self.statement(statement, inline=False)
            if after:
                p.addnext(_paragraph_with(f"{{%p {after} %}}"))
            return
        whole = _OUTPUT.fullmatch(text.strip())
        if whole and (whole["kind"] == "p " or _style(p) in LIST_STYLES):
            tag = expression_path(whole["expr"], self.scope())
            if tag:
                p.addprevious(control(tag, _title(TEXT, tag), []))
                p.getprevious().find(_W_SDTCONTENT).append(p)
            return
        for run in [r for r in p if r.tag == _W_R]:
            if "{{" in text_of(run) or "{%" in text_of(run):
                for piece in self._pieces(run):
                    run.addprevious(piece)
                p.remove(run)

    def _pieces(self, run: etree._Element) -> list[etree._Element]:
        """Return `run` cut at its tags: runs, and controls around outputs; tabs kept."""
        pieces: list[etree._Element] = []
        for child in run:
            if child.tag == _W_RPR:
                continue
            if child.tag != _W_T:
                pieces.append(_run_like(run, child=child))
                continue
            for piece in _split_tags(child.text or ""):
                statement = _STATEMENT.fullmatch(piece)
                if statement:
                    self.statement(statement["body"], inline=True)
                output = _OUTPUT.fullmatch(piece)
                tag = expression_path(output["expr"], self.scope()) if output else None
                new = _run_like(run, text=piece)
                pieces.append(control(tag, _title(VALUE, tag), [new]) if tag else new)
        return pieces


def wrap_outputs(root: etree._Element) -> None:
    """Wrap every output of a template part (body, page header) in a tagged content control."""
    body = root.find(qn("w:body"))
    _Wrapper().container(body if body is not None else root)


def unwrap_controls(root: etree._Element) -> None:
    """Replace every content control under `root` by what it holds."""
    for found in list(root.iter(_W_SDT)):
        content = found.find(_W_SDTCONTENT)
        for child in list(content) if content is not None else []:
            found.addprevious(child)
        found.getparent().remove(found)


def _control_statement(text: str, kind: str) -> str | None:
    """Return the statement of a `{%p … %}` paragraph (or `{%tr … %}` row), else None."""
    match = re.fullmatch(r"\s*\{%" + kind + r"\s+(.*?)\s*%\}\s*", text, re.DOTALL)
    return match[1] if match else None


def _split_tags(text: str) -> list[str]:
    """Return `text` cut into plain pieces and whole template tags, in order."""
    pieces, last = [], 0
    for match in _TAGS.finditer(text):
        pieces += [text[last : match.start()], match[0]]
        last = match.end()
    pieces.append(text[last:])
    return [piece for piece in pieces if piece]


def _run_like(
    run: etree._Element, text: str | None = None, child: etree._Element | None = None
) -> etree._Element:
    """Return a run with the properties of `run`, holding `text` or a copy of `child`."""
    new = etree.Element(_W_R)
    properties = run.find(_W_RPR)
    if properties is not None:
        new.append(_copy(properties))
    if child is not None:
        new.append(_copy(child))
        return new
    t = etree.SubElement(new, _W_T)
    t.text = text
    t.set(_XML_SPACE, "preserve")
    return new


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def _paragraph_with(text: str) -> etree._Element:
    """Return a plain paragraph holding `text` in one run."""
    p = etree.Element(_W_P)
    etree.SubElement(etree.SubElement(p, _W_R), _W_T).text = text
    return p


def _prepend_run(p: etree._Element, text: str) -> None:
    """Put a run holding `text` first in a paragraph, after its properties."""
    run = etree.Element(_W_R)
    etree.SubElement(run, _W_T).text = text
    properties = p.find(qn("w:pPr"))
    if properties is not None:
        properties.addnext(run)
    else:
        p.insert(0, run)


def _style(p: etree._Element) -> str | None:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(_W_VAL) if style is not None else None


# --- the controls of a rendered document ------------------------------------------------------


def inline_blocks(xml: bytes) -> bytes:
    """Return a rendered part whose field controls are all run-level, one per paragraph.

    A block-level control with a field's tag is replaced by its paragraphs,
    each holding a run-level control with the same tag, titled "Text: …";
    every other field control is titled "Värde: …". A part without
    controls is returned as it is.
    """
    if b"<w:sdt>" not in xml and b"<w:sdt " not in xml:
        return xml
    root = etree.fromstring(xml)
    for found in list(root.iter(_W_SDT)):
        tag = tag_of(found)
        if tag is None or parse_path(tag) is None:
            continue
        content = found.find(_W_SDTCONTENT)
        blocks = [c for c in content if c.tag in (_W_P, _W_TBL)] if content is not None else []
        if blocks:
            _one_per_paragraph(found, tag, blocks)
        else:
            _retitle(found, _title(VALUE, tag))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _one_per_paragraph(found: etree._Element, tag: str, blocks: list[etree._Element]) -> None:
    """Replace a block-level control by its paragraphs, each holding a run-level control."""
    for block in blocks:
        found.addprevious(block)
        content = [c for c in block if c.tag != qn("w:pPr")] if block.tag == _W_P else []
        if content:
            wrapper = control(tag, _title(TEXT, tag), [])
            content[0].addprevious(wrapper)
            wrapper.find(_W_SDTCONTENT).extend(content)
    found.getparent().remove(found)


def _retitle(found: etree._Element, title: str) -> None:
    properties = found.find(_W_SDTPR)
    alias = properties.find(_W_ALIAS)
    if alias is None:
        alias = etree.Element(_W_ALIAS)
        properties.insert(0, alias)
    alias.set(_W_VAL, title)


# --- outputs a template leaves unwrapped -------------------------------------------------------


@dataclass(frozen=True)
class Unwrapped:
    """An output of a template that no tagged content control holds, and its paragraph."""

    expression: str
    paragraph: str


def unwrapped_outputs(root: etree._Element) -> Iterator[Unwrapped]:
    """Yield the field outputs of a template part that are not inside a tagged control.

    An output may be split over runs (Word does that); it counts as wrapped
    when the run where it starts is inside a control with a tag.
    """
    for p in root.iter(_W_P):
        texts = [(t, t.text or "") for t in p.iter(_W_T)]
        whole = "".join(text for _, text in texts)
        for match in _OUTPUT.finditer(whole):
            name = _NAME.match(match["expr"])
            if name is None or name[1] == "loop":
                continue
            start = _element_at(texts, match.start())
            if start is None or not any(tag_of(a) for a in start.iterancestors(_W_SDT)):
                yield Unwrapped(match[0], whole.strip())


def _element_at(texts: list[tuple[etree._Element, str]], offset: int) -> etree._Element | None:
    """Return the w:t that holds character `offset` of a paragraph's text."""
    for element, text in texts:
        if offset < len(text):
            return element
        offset -= len(text)
    return None


def tags_of(root: etree._Element) -> Iterator[str]:
    """Yield the tags of the content controls in a template part, in order."""
    for found in root.iter(_W_SDT):
        tag = tag_of(found)
        if tag:
            yield tag
