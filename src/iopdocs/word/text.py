"""A stable plain-text dump of any .docx, for golden files, `iopdocs text` and diffs.

The dump shows what a reader sees, in document order, one block per line group:

    [sidhuvud] Sida {sida} av {antal sidor}    each distinct page header once,
    [sidfot] Kommunen                          then each distinct page footer

    = Title
    # Heading 1, ## Heading 2 ...              a blank line before each
    A paragraph; a tab is one space, w:br starts a new line
    - a bullet, 1. a number, a. a letter       two more spaces per list level
    [innehållsförteckning]                     then the cached entries of a TOC

    Post | Belopp                              columns aligned, " | " between
    ----------------                           under the header rows
    Lön  | 100 / 200                           a cell's paragraphs joined by " / "

Fields show their cached result, except PAGE -> {sida} and NUMPAGES ->
{antal sidor}. Text is never normalised (a no-break space stays one). The
module only reads: it walks the XML that python-docx loads, with lxml where
python-docx has no API (fields, numbering, header references).

In reading order: the public API and the joining of blocks; `_Reader`
(document-wide: headers, footers, body); `_Story` (one story: paragraphs,
runs, fields, tables); then small pure helpers. Styles and list numbering
are read in `numbering`.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from iopdocs.errors import IopdocsError, os_reason
from iopdocs.word import zipread
from iopdocs.word.numbering import Numbering, Styles, numbering_of
from iopdocs.word.structure import is_header_row, style_level, val

BlockKind = Literal["heading", "paragraph", "list", "table", "header", "footer", "title"]

_W_P, _W_TBL, _W_TR, _W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_W_R, _W_T, _W_HYPERLINK, _W_FLDSIMPLE = qn("w:r"), qn("w:t"), qn("w:hyperlink"), qn("w:fldSimple")
_W_FLDCHAR, _W_INSTRTEXT = qn("w:fldChar"), qn("w:instrText")
_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
_HIDDEN = {
    qn("w:pPr"),
    qn("w:rPr"),
    qn("w:del"),
    qn("w:moveFrom"),
    qn("w:sdtPr"),
    qn("w:sdtEndPr"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}
_RUN_CHARS = {
    qn("w:tab"): " ",
    qn("w:ptab"): " ",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "\u2011",
}
_PLACEHOLDERS = {"PAGE": "{sida}", "NUMPAGES": "{antal sidor}"}
# XML 1.0 cannot hold NUL, so it marks where a table of contents starts in a paragraph.
_TOC_MARK = "\0"
_TOC_LINE = "[innehållsförteckning]"
_FURNITURE = {"header": "[sidhuvud]", "footer": "[sidfot]"}
_REFERENCE_ORDER = {"default": 0, "first": 1, "even": 2}


@dataclass(frozen=True)
class Block:
    """One unit of the dump: a header, footer, title, heading, paragraph, list item or table.

    `level` is the heading level (title 0), the list level (ilvl) or 0; `text`
    holds the formatted lines exactly as they appear in the dump.
    """

    kind: BlockKind
    level: int
    text: str


class DocxReadError(IopdocsError):
    """A file given as a .docx cannot be opened as a Word document."""


def docx_text(source: Path | bytes | IO[bytes]) -> str:
    """Return the plain-text dump of a .docx, ending with one newline ("" when it has no text)."""
    return _join(docx_blocks(source))


def docx_blocks(source: Path | bytes | IO[bytes]) -> list[Block]:
    """Return the dump of a .docx as blocks: headers, footers, then the body in order."""
    part = _open(source).part
    reader = _Reader(part)
    return reader.furniture("header") + reader.furniture("footer") + reader.body()


def _open(source: Path | bytes | IO[bytes]) -> DocxDocument:
    """Return the python-docx Document of `source`, or raise DocxReadError.

    The package is checked (and its parts counted as they are inflated)
    before python-docx, which inflates each part whole, sees it.
    """
    if isinstance(source, bytes):
        name = "<bytes>"
    elif isinstance(source, str | os.PathLike):
        name = os.fspath(source)
    else:
        name = getattr(source, "name", "<ström>")
    try:
        if isinstance(source, str | os.PathLike):
            data = zipread.read_docx_file(Path(source))
        else:
            data = zipread.check_package(source if isinstance(source, bytes) else source.read())
        return docx.Document(io.BytesIO(data))
    except OSError as e:
        raise DocxReadError(f"{name}: kan inte läsas: {os_reason(e)}.") from e
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        etree.XMLSyntaxError,
    ) as e:
        raise DocxReadError(
            f"{name}: kan inte läsas som Word-dokument ({zipread.reason(e)}). "
            "Kontrollera att filen är en hel .docx-fil (inte .doc, .docm eller en mall)."
        ) from e


def _join(blocks: list[Block]) -> str:
    """Return the dump: blocks one after another, blank lines where _gap_between says."""
    lines: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if previous is not None and _gap_between(previous, block):
            lines.append("")
        lines.append(block.text)
        previous = block
    return "\n".join(lines) + "\n" if lines else ""


def _gap_between(previous: Block, block: Block) -> bool:
    """Return whether a blank line goes between two blocks: before headings and the title,
    around tables, and between the page headers and footers and the body."""
    if block.kind in ("heading", "title", "table") or previous.kind == "table":
        return True
    return previous.kind in _FURNITURE and block.kind not in _FURNITURE


class _Reader:
    """The document-wide definitions (styles, numbering) and the stories that use them."""

    def __init__(self, part: Part) -> None:
        self.part = part
        self.styles = Styles(_related_element(part, RT.STYLES))
        self.numbering = Numbering(_related_element(part, RT.NUMBERING), self.styles)

    def body(self) -> list[Block]:
        """Return the blocks of the main document body."""
        return _Story(self, self.part).blocks(self.part.element.body)

    def furniture(self, kind: Literal["header", "footer"]) -> list[Block]:
        """Return one block per distinct page header (or footer) of all sections."""
        blocks: list[Block] = []
        for part in self._furniture_parts(kind):
            story = _Story(self, part)
            lines = [
                f"{_FURNITURE[kind]} {line}"
                for block in story.blocks(part.element, aligned=False)
                for line in block.text.split("\n")
            ]
            block = Block(kind, 0, "\n".join(lines))
            if lines and block not in blocks:
                blocks.append(block)
        return blocks

    def _furniture_parts(self, kind: str) -> Iterator[Part]:
        """Yield the header (footer) parts that the sections reference, in section order."""
        sections = self.part.element.body.xpath(".//w:sectPr[not(ancestor::w:sectPrChange)]")
        for sect_pr in sections:
            references = sect_pr.findall(qn(f"w:{kind}Reference"))
            references.sort(key=lambda ref: _REFERENCE_ORDER.get(ref.get(qn("w:type")), 3))
            for reference in references:
                part = self.part.related_parts.get(reference.get(qn("r:id")))
                if part is not None:
                    yield part


def _related_element(part: Part, reltype: str) -> etree._Element | None:
    """Return the root element of the part related by `reltype`, None if there is none."""
    try:
        return part.part_related_by(reltype).element
    except (KeyError, AttributeError):
        return None


@dataclass
class _Field:
    """A field being read: its instruction so far and whether its result has started."""

    instruction: str = ""
    in_result: bool = False

    @property
    def name(self) -> str:
        words = self.instruction.split()
        return words[0].upper() if words else ""


class _Story:
    """Reading state of one story (the body, a header, a footer): open fields, list counters."""

    def __init__(self, reader: _Reader, part: Part) -> None:
        self.reader = reader
        self.part = part
        self.fields: list[_Field] = []
        self.counters: dict[tuple[str, str | None], list[int | None]] = {}

    def blocks(self, container: etree._Element, aligned: bool = True) -> list[Block]:
        """Return the blocks of the paragraphs and tables in `container`, in order."""
        blocks: list[Block] = []
        for child in _content(container):
            if child.tag == _W_P:
                blocks += self.paragraph(child)
            elif child.tag == _W_TBL:
                blocks += self.table(child, aligned)
        return blocks

    def paragraph(self, p: etree._Element) -> list[Block]:
        """Return the blocks of one paragraph: usually one, none when it is empty."""
        kind, level, prefix = self._classify(p)
        pieces: list[str] = []
        self._inline(p, pieces)
        blocks: list[Block] = []
        for i, segment in enumerate("".join(pieces).split(_TOC_MARK)):
            if i:
                blocks.append(Block("paragraph", 0, _TOC_LINE))
            lines = _lines(segment)
            if lines:
                blocks.append(_format(kind, level, prefix, lines))
        return blocks

    def table(self, tbl: etree._Element, aligned: bool) -> list[Block]:
        """Return a table as one block, a line per row."""
        rows = [(self._cells(tr), is_header_row(tr)) for tr in _content(tbl) if tr.tag == _W_TR]
        rows = [(cells, header) for cells, header in rows if cells]
        if not rows:
            return []
        if aligned:
            lines = _aligned_rows(rows)
        else:
            lines = [" | ".join(cells).rstrip(" ") for cells, _ in rows]
        return [Block("table", 0, "\n".join(lines))]

    def _cells(self, tr: etree._Element) -> list[str]:
        """Return the text of each cell of a row, its paragraphs joined by " / "."""
        cells = []
        for tc in _content(tr):
            if tc.tag == _W_TC:
                blocks = self.blocks(tc, aligned=False)
                lines = (line.strip(" ") for block in blocks for line in block.text.split("\n"))
                cells.append(" / ".join(line for line in lines if line))
        return cells

    def _classify(self, p: etree._Element) -> tuple[BlockKind, int, str]:
        """Return the kind, level and line prefix ("# ", "1. " ...) of a paragraph."""
        p_pr = p.find(qn("w:pPr"))
        chain = self.reader.styles.chain(val(p_pr, "w:pStyle"))
        properties = [p_pr, *(style.find(qn("w:pPr")) for style in chain)]
        properties = [props for props in properties if props is not None]
        name = (val(chain[0], "w:name") or "").lower() if chain else ""
        if style_level(name) == 0:
            return "title", 0, "= "
        heading = _heading_level(name, properties)
        if heading:
            return "heading", heading, "#" * heading + " "
        num_id, ilvl = numbering_of(properties)
        if num_id is not None and num_id != "0":
            label = self.reader.numbering.label(self.counters, num_id, ilvl)
            if label is not None:
                return "list", ilvl, "  " * ilvl + label
        return "paragraph", 0, ""

    def _inline(self, element: etree._Element, out: list[str]) -> None:
        """Append the visible text inside a paragraph (or part of one) to `out`."""
        for child in element:
            if child.tag == _W_R:
                self._run(child, out)
            elif child.tag == _W_HYPERLINK:
                self._hyperlink(child, out)
            elif child.tag == _W_FLDSIMPLE:
                self._simple_field(child, out)
            elif child.tag not in _HIDDEN:
                self._inline(child, out)

    def _run(self, run: etree._Element, out: list[str]) -> None:
        """Append a run's text; let its field characters open and close fields."""
        for child in run:
            if child.tag == _W_T:
                self._emit(child.text or "", out)
            elif child.tag in _RUN_CHARS:
                self._emit(_RUN_CHARS[child.tag], out)
            elif child.tag == _W_FLDCHAR:
                self._field_char(child.get(qn("w:fldCharType")), out)
            elif child.tag == _W_INSTRTEXT and self.fields:
                self.fields[-1].instruction += child.text or ""

    def _hyperlink(self, link: etree._Element, out: list[str]) -> None:
        """Append a hyperlink's text, then its external URL when the text is not the URL."""
        start = len(out)
        self._inline(link, out)
        text = "".join(out[start:]).strip()
        url = self._external_url(link)
        if url and url != text:
            self._emit(f" <{url}>" if text else f"<{url}>", out)

    def _external_url(self, link: etree._Element) -> str | None:
        """Return the external target of a w:hyperlink, None for an anchor in the document."""
        relationship = self.part.rels.get(link.get(qn("r:id")) or "")
        if relationship is None or not relationship.is_external:
            return None
        anchor = link.get(qn("w:anchor"))
        return relationship.target_ref + (f"#{anchor}" if anchor else "")

    def _simple_field(self, element: etree._Element, out: list[str]) -> None:
        """Append a w:fldSimple as a complex field would be: its result or placeholder."""
        field = _Field(instruction=element.get(qn("w:instr")) or "")
        self.fields.append(field)
        self._start_result(field, out)
        self._inline(element, out)
        self._close(out)

    def _field_char(self, kind: str | None, out: list[str]) -> None:
        """Open, separate or close the innermost complex field."""
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            self._start_result(self.fields[-1], out)
        elif kind == "end" and self.fields:
            self._close(out)

    def _start_result(self, field: _Field, out: list[str]) -> None:
        """Switch a field from its instruction to its result; a TOC shows its marker here."""
        field.in_result = True
        if field.name == "TOC":
            self._emit(_TOC_MARK, out)

    def _close(self, out: list[str]) -> None:
        """Close the innermost field; a TOC without a result still shows its marker."""
        field = self.fields.pop()
        if field.name == "TOC" and not field.in_result:
            self._emit(_TOC_MARK, out)
        if field.name in _PLACEHOLDERS:
            self._emit(_PLACEHOLDERS[field.name], out)

    def _emit(self, text: str, out: list[str]) -> None:
        """Append text unless it is a field instruction or a result we replace."""
        if all(f.in_result and f.name not in _PLACEHOLDERS for f in self.fields):
            out.append(text)


def _content(element: etree._Element) -> Iterator[etree._Element]:
    """Yield the children of `element`, looking through content controls and custom XML."""
    for child in element:
        if child.tag in _WRAPPERS:
            yield from _content(child)
        else:
            yield child


def _lines(text: str) -> list[str]:
    """Return the lines of a paragraph's text without trailing spaces or blank edges."""
    lines = [line.rstrip(" ") for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def _format(kind: BlockKind, level: int, prefix: str, lines: list[str]) -> Block:
    """Return a paragraph's block; a heading stays on one line, a list item hangs."""
    if kind in ("title", "heading"):
        return Block(kind, level, prefix + " ".join(line for line in lines if line))
    hang = " " * len(prefix)
    rest = [hang + line if line else "" for line in lines[1:]]
    return Block(kind, level, "\n".join([prefix + lines[0], *rest]))


def _heading_level(name: str, properties: list[etree._Element]) -> int | None:
    """Return the heading level from the style name, else from the outline level."""
    level = style_level(name)
    if level:
        return level
    for props in properties:
        outline = val(props, "w:outlineLvl")
        if outline is not None:
            # Outline level 9 is body text; 0-8 are heading levels 1-9.
            return int(outline) + 1 if outline.isdigit() and int(outline) < 9 else None
    return None


def _aligned_rows(rows: list[tuple[list[str], bool]]) -> list[str]:
    """Return table rows with padded columns and a dashed line under the header rows."""
    columns = max(len(cells) for cells, _ in rows)
    widths = [
        max((len(cells[i]) for cells, _ in rows if i < len(cells)), default=0)
        for i in range(columns)
    ]
    rule = "-" * (sum(widths) + 3 * (columns - 1))
    lines = []
    for i, (cells, header) in enumerate(rows):
        padded = (cell.ljust(width) for cell, width in zip(cells, widths, strict=False))
        lines.append(" | ".join(padded).rstrip(" "))
        next_is_header = i + 1 < len(rows) and rows[i + 1][1]
        if header and not next_is_header:
            lines.append(rule)
    return lines
