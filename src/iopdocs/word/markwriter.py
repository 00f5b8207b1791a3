"""The case files' markup written back from paragraphs: the inverse of `markup`.

A text with markup is, to a reader, a sequence of `Para`: plain paragraphs and
list items (with their level and whether their list is numbered), each a
sequence of `Atom` (text that is bold, italic or a link, or a line break).
`paragraphs_of` reads a markup text into that shape, as `markup.md` renders it;
`write` writes the shape as markup text. `canonical(text)` is therefore what a
text looks like after a trip through a document, and two texts that render to
the same paragraphs have the same canonical form.

`write` keeps the source of paragraphs it is given (`Para.source`), so that a
text read back from a document keeps the line breaks the handläggare wrote
wherever a paragraph did not change; new paragraphs are wrapped at `width`.
"""

from __future__ import annotations

import difflib
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from markdown_it.token import Token

from iopdocs.word.markup import PARSER

Edit = Callable[[str], str]
"""A change to the markup of a paragraph written anew (placeholders put back …)."""


@dataclass(frozen=True)
class Atom:
    """A piece of a paragraph: text with its marks, or a line break (`text` is "\\n")."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Para:
    """A paragraph or list item, as a reader sees it.

    `levels` holds, for a list item, whether each enclosing list is numbered
    (outermost first); it is empty for a plain paragraph. `start` is the
    number a numbered list starts at, on its first item. `source` is the
    markup the paragraph was read from, when it was read from markup.
    """

    atoms: tuple[Atom, ...]
    levels: tuple[bool, ...] = ()
    start: int | None = None
    source: str | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        """Return the paragraph's visible text."""
        return "".join(a.text for a in self.atoms)


def paragraphs_of(text: str) -> list[Para]:
    """Return the paragraphs a markup text renders as, each with its source lines."""
    lines = str(text).split("\n")
    out: list[Para] = []
    stack: list[list] = []  # [ordered, start, first item not yet seen]
    for token in PARSER.parse(str(text)):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            ordered = token.type == "ordered_list_open"
            stack.append(
                [ordered, int(token.attrs.get("start", 1) or 1) if ordered else None, True]
            )
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            stack.pop()
        elif token.type == "paragraph_open":
            source = "\n".join(lines[token.map[0] : token.map[1]]) if token.map else None
            out.append(Para((), tuple(s[0] for s in stack), None, source))
        elif token.type == "inline":
            start = None
            if stack and stack[-1][2]:
                start, stack[-1][2] = stack[-1][1], False
            out[-1] = replace(out[-1], atoms=_atoms(token.children or []), start=start)
    return out


def _atoms(children: list[Token]) -> tuple[Atom, ...]:
    """Return the atoms of one inline token, as `markup` renders them."""
    atoms: list[Atom] = []
    bold = italic = False
    link: str | None = None
    for child in children:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            bold = kind == "strong_open"
        elif kind in ("em_open", "em_close"):
            italic = kind == "em_open"
        elif kind == "link_open":
            url = str(child.attrs.get("href", ""))
            link = url if url.startswith(("http://", "https://", "mailto:")) else None
        elif kind == "link_close":
            link = None
        elif kind == "softbreak":
            atoms.append(Atom(" ", bold, italic, link))
        elif kind == "hardbreak":
            atoms.append(Atom("\n"))
        elif child.content:
            atoms.append(Atom(child.content, bold, italic, link))
    return merge(atoms)


def merge(atoms: list[Atom]) -> tuple[Atom, ...]:
    """Return atoms in one form per rendering.

    Spaces at the edges of a bold or italic piece are unmarked, the spaces and
    line breaks at the paragraph's edges are dropped (markup cannot hold them),
    and neighbours with the same marks are joined.
    """
    pieces: list[Atom] = []
    for atom in atoms:
        pieces.extend(_unmark_edges(atom))
    while pieces and (pieces[0].text == "\n" or not pieces[0].text.strip()):
        pieces.pop(0)
    while pieces and (pieces[-1].text == "\n" or not pieces[-1].text.strip()):
        pieces.pop()
    if pieces:
        pieces[0] = replace(pieces[0], text=pieces[0].text.lstrip())
        pieces[-1] = replace(pieces[-1], text=pieces[-1].text.rstrip())
    out: list[Atom] = []
    for atom in pieces:
        previous = out[-1] if out else None
        if (
            previous is not None
            and "\n" not in (atom.text, previous.text)
            and (previous.bold, previous.italic, previous.link)
            == (atom.bold, atom.italic, atom.link)
        ):
            out[-1] = replace(previous, text=previous.text + atom.text)
        else:
            out.append(atom)
    return tuple(out)


def _unmark_edges(atom: Atom) -> list[Atom]:
    """Return an atom split so that its marks do not cover spaces at its edges."""
    if not atom.text or atom.text == "\n":
        return [atom] if atom.text else []
    if not (atom.bold or atom.italic):
        return [atom]
    core = atom.text.strip()
    if not core:
        return [Atom(atom.text, link=atom.link)]
    lead = atom.text[: len(atom.text) - len(atom.text.lstrip())]
    trail = atom.text[len(atom.text.rstrip()) :]
    parts = [Atom(lead, link=atom.link), replace(atom, text=core), Atom(trail, link=atom.link)]
    return [p for p in parts if p.text]


def reads_back(para: Para) -> bool:
    """Return whether a paragraph's bold and italic read back from its markup as they are.

    Markup cannot open a mark at punctuation that follows a letter, nor close
    one at punctuation before a letter ("krisen*. Deras*"): such marks would
    be written as stars that show in the paper. Spaces are not compared
    (markup trims them).
    """
    if not any(a.bold or a.italic for a in para.atoms):
        return True
    back = paragraphs_of(inline(para.atoms))
    return _chars(para.atoms, _marks) == [c for p in back for c in _chars(p.atoms, _marks)]


def links_read_back(para: Para) -> bool:
    """Return whether a paragraph's links read back from its markup as links, on the same words.

    Markup refuses some addresses (file:, javascript:, a drive letter such as
    G:\\, a tel: with spaces): the link would be lost, or its brackets shown
    in the paper. How an address is spelt (%20 for a space) is not compared.
    """
    if not any(a.link for a in para.atoms):
        return True
    back = paragraphs_of(inline(para.atoms))
    return _chars(para.atoms, _linked) == [c for p in back for c in _chars(p.atoms, _linked)]


def _marks(atom: Atom) -> tuple[bool, bool]:
    return atom.bold, atom.italic


def _linked(atom: Atom) -> bool:
    return atom.link is not None


def _chars(atoms: tuple[Atom, ...], what: Callable[[Atom], object]) -> list[tuple[str, object]]:
    """Return the characters of atoms other than spaces, each with `what` of its atom."""
    return [(c, what(a)) for a in atoms for c in a.text if not c.isspace()]


def canonical(text: str) -> str:
    """Return a markup text as it reads back from a document: one form per rendering."""
    return write([replace(p, source=None) for p in paragraphs_of(text)])


# --- writing markup ---------------------------------------------------------------------


def write(paragraphs: list[Para], width: int = 0, fresh: Edit | None = None) -> str:
    """Return markup text for paragraphs: blank lines between paragraphs, lists tight.

    A paragraph with a source is written as its source; `fresh` changes the
    markup of each other one before it is wrapped.
    """
    chunks: list[str] = []
    previous: Para | None = None
    numbers: list[int] = []
    for para in paragraphs:
        numbers = _numbers(numbers, previous, para)
        if previous is not None:
            chunks.append("\n" if para.levels and previous.levels else "\n\n")
        chunks.append(_source(para, numbers) or _para(para, numbers, width, fresh))
        previous = para
    return "".join(chunks)


def _source(para: Para, numbers: list[int]) -> str | None:
    """Return the source a paragraph was read from, if it still fits where it stands now."""
    if para.source is None:
        return None
    if para.levels and para.levels[-1]:
        match = re.match(r"\s*(\d+)[.)]", para.source)
        if match is None or int(match[1]) != numbers[-1]:
            return None
    return para.source


def rewrite(
    base: list[Para], edited: list[Para], current: str, width: int = 0, fresh: Edit | None = None
) -> str:
    """Return `current` changed the way `edited` changed `base`, unchanged paragraphs kept.

    `base` must be what `current` reads as (`canonical(current) == write(base)`):
    the paragraphs an edit left alone keep their source lines; changed and
    new paragraphs are written anew (changed by `fresh`), wrapped at `width`
    (0: one line each).
    """
    sources = paragraphs_of(current)
    keys_b = [(p.levels, p.atoms) for p in base]
    keys_e = [(p.levels, p.atoms) for p in edited]
    out: list[Para] = []
    matcher = difflib.SequenceMatcher(None, keys_b, keys_e, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" and len(sources) == len(base):
            out += sources[i1:i2]
        else:
            out += [replace(p, source=None) for p in edited[j1:j2]]
    return write(out, width, fresh)


def canonical_inline(text: str) -> str:
    """Return a one-paragraph text (a beslutspunkt) as it reads back from a document."""
    atoms = [a for p in paragraphs_of(text) for a in (*p.atoms, Atom(" "))]
    return inline(merge(atoms))


def width_of(text: str) -> int:
    """Return the width a text's lines were wrapped at, 0 when it is not wrapped."""
    lines = [line for line in str(text).split("\n") if line.strip()]
    if len(lines) < 2:
        return 0
    return max(len(line) for line in lines)


def _numbers(numbers: list[int], previous: Para | None, para: Para) -> list[int]:
    """Return the item numbers per level after `para` (a new list starts at its start)."""
    depth = len(para.levels)
    if not depth:
        return []
    same_list = previous is not None and previous.levels[: depth - 1] == para.levels[: depth - 1]
    numbers = list(numbers[:depth]) if same_list and previous.levels else []
    continues = same_list and len(previous.levels) >= depth and len(numbers) == depth
    if continues and previous.levels[depth - 1] == para.levels[depth - 1]:
        numbers[-1] += 1
    else:
        numbers = numbers[: depth - 1] + [para.start or 1]
    return numbers


def _para(para: Para, numbers: list[int], width: int, fresh: Edit | None) -> str:
    """Return one paragraph's markup: its list marker and indentation, wrapped lines."""
    indent = "".join(
        _marker(ordered, n) for ordered, n in zip(para.levels[:-1], numbers, strict=False)
    )
    indent = " " * len(indent)
    marker = _marker(para.levels[-1], numbers[-1]) if para.levels else ""
    body = inline(para.atoms, first=not para.levels)
    if fresh is not None:
        body = fresh(body)
    lines = body.split("\n")
    if width:
        lines = _wrapped(lines, width - len(indent) - len(marker))
    hang = " " * len(marker)
    return "\n".join(
        (indent + marker if i == 0 else indent + hang) + line for i, line in enumerate(lines)
    )


def _marker(ordered: bool, number: int) -> str:
    return f"{number}. " if ordered else "- "


def _wrapped(lines: list[str], width: int) -> list[str]:
    """Return lines wrapped at `width`, never starting a line that markup would misread."""
    out: list[str] = []
    for line in lines:
        wrapped = textwrap.wrap(
            line, max(width, 20), break_long_words=False, break_on_hyphens=False
        )
        if not wrapped or any(_starts_block(w) for w in wrapped[1:]):
            wrapped = [line]
        out.extend(wrapped)
    return out


_BLOCK_START = re.compile(r"^(?:[-+*]\s|\d{1,9}[.)](?:\s|$))")


def _starts_block(line: str) -> bool:
    """Return whether a line would start a list if it began a paragraph's line."""
    return bool(_BLOCK_START.match(line))


def inline(atoms: tuple[Atom, ...], first: bool = True) -> str:
    """Return the markup of a paragraph's atoms: marks as ** and *, links, escapes.

    A line break becomes a backslash at the end of the line. `first` escapes a
    start that would read as a list marker.
    """
    out: list[str] = []
    for group in _link_groups(atoms):
        link = group[0].link
        text = _marked(group)
        out.append(f"[{text}]({_url(link)})" if link else text)
    text = "".join(out)
    lines = text.split("\\\n")
    if first:
        lines = [_escape_start(line) for line in lines]
    else:
        lines = [lines[0], *(_escape_start(line) for line in lines[1:])]
    return "\\\n".join(lines)


def _link_groups(atoms: tuple[Atom, ...]) -> list[list[Atom]]:
    """Return atoms grouped by the link they belong to (None: no link)."""
    groups: list[list[Atom]] = []
    for atom in atoms:
        if groups and groups[-1][0].link == atom.link and atom.text != "\n":
            groups[-1].append(atom)
        else:
            groups.append([atom])
    return groups


def _marked(atoms: list[Atom]) -> str:
    """Return text with bold and italic marks, whitespace kept outside the marks."""
    out: list[str] = []
    for atom in atoms:
        if atom.text == "\n":
            out.append("\\\n")
            continue
        text = _escape(atom.text)
        mark = ("**" if atom.bold else "") + ("*" if atom.italic else "")
        if not mark or not text.strip():
            out.append(text)
            continue
        core = text.strip(" ")
        lead = text[: len(text) - len(text.lstrip(" "))]
        trail = text[len(text.rstrip(" ")) :]
        out.append(f"{lead}{mark}{core}{mark[::-1]}{trail}")
    return "".join(out)


_SPECIAL = re.compile(r"([\\*_\[\]`])")


def _escape(text: str) -> str:
    """Return text with the characters markup would read as marks escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def _escape_start(line: str) -> str:
    """Return a line whose start would read as a list marker, escaped."""
    match = re.match(r"^(\s*)(\d{1,9})([.)])(\s|$)", line)
    if match:
        return f"{match[1]}{match[2]}\\{match[3]}{line[match.end(3) :]}"
    match = re.match(r"^(\s*)([-+])(\s|$)", line)
    if match:
        return f"{match[1]}\\{match[2]}{line[match.end(2) :]}"
    return line


def _url(url: str) -> str:
    """Return a link target that markup reads back whole."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
