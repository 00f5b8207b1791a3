"""Check Word and PDF documents against the accessibility rules for published documents.

The rules (from DOS-lagen, EN 301 549 / WCAG 2.1 AA, for published documents):

    T001 heading levels without skips       T101 PDF tagged (/MarkInfo, /StructTreeRoot)
    T002 language in the style defaults     T102 PDF language (/Lang)
    T003 a title in the core properties     T103 PDF title in the metadata
    T004 a marked table header row          T104 the viewer shows the title (DisplayDocTitle)
    T005 no merged table cells              T105 bookmarks when there are headings
    T006 no empty paragraphs for spacing    T106 every page's content tagged
    T007 alt text on every image            T009 the file can be read at all
    T008 real lists, not typed bullets

Each finding names the document, the place (paragraph, table, image or page)
and says in Swedish what to fix. A one-row table counts as layout, not data,
and is not checked. The module reads only; raw OOXML is reached through
python-docx's element tree with XPath, PDFs through pypdf.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import BooleanObject, DictionaryObject

from iopdocs.errors import IopdocsError
from iopdocs.swedish import LANGUAGE
from iopdocs.word import zipread
from iopdocs.word.structure import is_header_row, style_level, visible_text

SUFFIXES = (".docx", ".pdf")
_EXCERPT = 40
_TYPED_BULLET = re.compile(r"^\s*([•\-–*·▪◦])[ \t\u00a0]")
_NOT_SPACING = (
    "w:pPr/w:sectPr | .//w:fldChar | .//w:fldSimple | .//w:instrText | .//w:drawing"
    " | .//w:pict | .//w:object | .//w:br[@w:type='page' or @w:type='column']"
)
_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
_PDF_HEADINGS = {"/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}


# What each finding says; the key's first word is the code. All Swedish text is here.
_MESSAGES = {
    "T001": "rubriken har nivå {level} direkt under {above}, så en rubriknivå hoppas över. Använd formatmallen Rubrik {fix} (Heading {fix}).",
    "T002": "dokumentets språk är inte angivet. Ange {language} i formatmallarnas standardinställningar (w:lang i docDefaults), inte bara i egenskaperna.",
    "T002 fel": "dokumentets språk är {value}, inte {language}. Ändra språket i formatmallarnas standardinställningar (w:lang i docDefaults).",
    "T003": "dokumentet saknar titel. Ange en titel i dokumentets egenskaper (Arkiv > Info > Titel); den visas i PDF-läsarens namnlist och läses upp av skärmläsare.",
    "T004": "tabellens första rad är inte markerad som rubrikrad. Markera den: Tabellegenskaper > Rad > Upprepa som rubrikrad (w:tblHeader).",
    "T005": "tabellen har sammanslagna celler (rad {rows}). Dela cellerna så att varje rad har en cell per kolumn; en skärmläsare kan annars inte koppla cellerna till sina rubriker.",
    "T006": "ett tomt stycke används som mellanrum. Ta bort det och ge i stället stycket avstånd före eller efter i formatmallen.",
    "T007": "bilden saknar alternativtext. Skriv en kort beskrivning av vad bilden visar (högerklicka > Visa alternativtext), eller markera den som dekorativ.",
    "T008": "stycket är skrivet som en punkt i en lista med tecknet ”{bullet}”. Använd en riktig lista (formatmallen Punktlista, List Bullet), så att skärmläsare hör att det är en lista.",
    "T009 docx": "filen kan inte läsas som Word-dokument. Spara den som .docx och kontrollera igen.",
    "T009 pdf": "filen kan inte läsas som PDF. Skapa den igen från Word-dokumentet.",
    "T101": "PDF:en är inte taggad, så skärmläsare kan inte följa rubriker, listor och tabeller. Skapa den med taggar: iopdocs build --pdf, eller i Word Spara som PDF med Dokumentstrukturtaggar för hjälpmedel.",
    "T102": "PDF:en saknar dokumentspråk (/Lang). Ange {language} som språk i Word-dokumentets formatmallar och skapa PDF:en igen.",
    "T102 fel": "PDF:ens språk är {value}, inte {language}. Ändra språket i Word-dokumentet och skapa PDF:en igen.",
    "T103": "PDF:en saknar titel. Ange en titel i Word-dokumentets egenskaper och skapa PDF:en igen.",
    "T104": "PDF-läsaren visar filnamnet i stället för dokumentets titel. Skapa PDF:en igen med inställningen att visa dokumenttiteln (DisplayDocTitle).",
    "T105": "PDF:en har rubriker men inga bokmärken. Skapa den igen med bokmärken från rubrikerna.",
    "T106": "sidans innehåll är inte taggat. Skapa PDF:en igen från Word-dokumentet med taggar.",
}


@dataclass(frozen=True)
class Finding:
    """One accessibility problem: which document, where in it, what to do."""

    document: Path
    place: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.document}: {self.place}: {self.code}: {self.message}"


# A check yields (place, message key, values for the message).
Found = Iterator[tuple[str, str, dict[str, object]]]


def _findings(path: Path, found: Found) -> list[Finding]:
    """Return the findings of one document from what its checks yielded."""
    return [
        Finding(path, place, key.split()[0], _MESSAGES[key].format(**values))
        for place, key, values in found
    ]


def check_accessibility(paths: Sequence[Path], language: str = LANGUAGE) -> list[Finding]:
    """Return the findings of every .docx and .pdf in `paths`; folders are searched."""
    findings: list[Finding] = []
    for path in documents_in(paths):
        check = check_docx if path.suffix.lower() == ".docx" else check_pdf
        findings += check(path, language)
    return findings


def documents_in(paths: Sequence[Path]) -> list[Path]:
    """Return the documents named, and those in the folders named, in a stable order."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if _is_document(p))
        elif path.is_file():
            found.append(path)
        else:
            raise IopdocsError(f"{path}: finns inte. Ange en .docx- eller .pdf-fil eller en mapp.")
    return list(dict.fromkeys(found))


def summary(findings: Sequence[Finding], documents: int) -> str:
    """Return the closing line of a check: how many findings in how many documents."""
    count = "Inga brister" if not findings else f"{len(findings)} brist"
    plural = "er" if len(findings) > 1 else ""
    return f"{count}{plural} i tillgängligheten i {documents} dokument."


def _is_document(path: Path) -> bool:
    """Return whether a file in a searched folder is a document (not a lock or hidden file)."""
    hidden = path.name.startswith(("~$", "."))
    return path.suffix.lower() in SUFFIXES and not hidden and path.is_file()


def _excerpt(text: str) -> str:
    """Return the start of a text, in Swedish quotation marks, for naming a place."""
    text = " ".join(text.split())
    short = text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rstrip() + "…"
    return f"”{short}”"


# --- Word documents ----------------------------------------------------------------------------


def check_docx(path: Path, language: str = LANGUAGE) -> list[Finding]:
    """Return the accessibility findings of one .docx."""
    try:
        document = docx.Document(io.BytesIO(zipread.read_docx_file(path)))
    except (
        OSError,
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        etree.XMLSyntaxError,
    ):
        return _findings(path, iter([("dokumentet", "T009 docx", {})]))
    checks = (_language, _title, _headings, _tables, _empty_paragraphs, _images, _typed_bullets)
    return _findings(path, (found for check in checks for found in check(document, language)))


def _language(document: DocxDocument, language: str) -> Found:
    """Find a missing or wrong language in the style defaults."""
    lang = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    value = "" if lang is None else (lang.get(qn("w:val")) or "")
    if not value:
        yield "formatmallarna", "T002", {"language": language}
    elif value.lower() != language.lower():
        yield "formatmallarna", "T002 fel", {"value": value, "language": language}


def _title(document: DocxDocument, language: str) -> Found:
    """Find a missing title in the core properties."""
    if not (document.core_properties.title or "").strip():
        yield "egenskaperna", "T003", {}


def _body_paragraphs(document: DocxDocument) -> list[Paragraph]:
    """Return the paragraphs directly in the body (also inside content controls), in order."""
    body = document.element.body
    return [Paragraph(p, document._body) for p in body.xpath("./w:p | ./w:sdt/w:sdtContent/w:p")]


def _place(number: int, paragraph: Paragraph) -> str:
    """Return how a finding names a body paragraph: its number and the start of its text."""
    return f"stycke {number} {_excerpt(visible_text(paragraph._p))}".rstrip()


def _level(paragraph: Paragraph) -> int | None:
    """Return the heading level of a paragraph (title 0), None when it is not a heading."""
    name = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    return style_level(name)


def _headings(document: DocxDocument, language: str) -> Found:
    """Find headings that skip a level (Title, then Heading 1, then Heading 2 ...)."""
    previous = 0
    for number, paragraph in enumerate(_body_paragraphs(document), start=1):
        level = _level(paragraph)
        if level is None or not visible_text(paragraph._p).strip():
            continue
        if level > previous + 1:
            above = "dokumentets titel" if previous == 0 else f"Rubrik {previous}"
            values = {"level": level, "above": above, "fix": previous + 1}
            yield _place(number, paragraph), "T001", values
        previous = level


def _tables(document: DocxDocument, language: str) -> Found:
    """Find data tables without a marked header row, or with merged cells."""
    for number, table in enumerate(document.element.body.iter(qn("w:tbl")), start=1):
        rows = table.findall(qn("w:tr"))
        if len(rows) < 2:
            continue
        place = f"tabell {number} {_excerpt(_row_text(rows[0]))}"
        if not is_header_row(rows[0]):
            yield place, "T004", {}
        merged = [str(n) for n, row in enumerate(rows, start=1) if _has_merged_cell(row)]
        if merged:
            yield place, "T005", {"rows": ", ".join(merged)}


def _row_text(row: etree._Element) -> str:
    """Return a row's cell texts joined by " | "."""
    cells = row.xpath("./w:tc")
    return " | ".join("".join(t.text or "" for t in cell.iter(qn("w:t"))) for cell in cells)


def _has_merged_cell(row: etree._Element) -> bool:
    """Return whether a row has a cell spanning columns or rows."""
    spans = row.xpath("./w:tc/w:tcPr/w:gridSpan/@w:val")
    return any(int(span) > 1 for span in spans if span.isdigit()) or bool(
        row.xpath("./w:tc/w:tcPr/w:vMerge | ./w:tc/w:tcPr/w:hMerge")
    )


def _empty_paragraphs(document: DocxDocument, language: str) -> Found:
    """Find empty body paragraphs used for spacing.

    Not counted: the paragraph a document or section must end with (before
    the sectPr), and paragraphs holding only fields, drawings or page breaks.
    """
    paragraphs = _body_paragraphs(document)
    previous = ""
    for number, paragraph in enumerate(paragraphs[:-1], start=1):
        text = visible_text(paragraph._p)
        if text.strip():
            previous = text
        elif not paragraph._p.xpath(_NOT_SPACING):
            after = f" (efter {_excerpt(previous)})" if previous else " (först i dokumentet)"
            yield f"stycke {number}{after}", "T006", {}


def _images(document: DocxDocument, language: str) -> Found:
    """Find images without alternative text in the body, headers and footers."""
    number = 0
    for part_name, element in _stories(document):
        for doc_pr in element.xpath(".//wp:docPr"):
            number += 1
            if (doc_pr.get("descr") or "").strip() or _is_decorative(doc_pr):
                continue
            name = doc_pr.get("name") or ""
            yield f"bild {number}{' ' + _excerpt(name) if name else ''} {part_name}", "T007", {}


def _stories(document: DocxDocument) -> Iterator[tuple[str, etree._Element]]:
    """Yield the body, then each header and footer part, with the words that name them."""
    yield "i brödtexten", document.element.body
    for part in document.part.package.iter_parts():
        kind = part.partname.rsplit("/", 1)[-1]
        if kind.startswith(("header", "footer")) and hasattr(part, "element"):
            yield ("i sidhuvudet" if kind.startswith("header") else "i sidfoten"), part.element


def _is_decorative(doc_pr: etree._Element) -> bool:
    """Return whether Word marked an image as decorative (no alt text needed)."""
    return any(mark.get("val") in ("1", "true") for mark in doc_pr.iter(_DECORATIVE))


def _typed_bullets(document: DocxDocument, language: str) -> Found:
    """Find paragraphs outside lists that start with a typed bullet ("• ", "- ", "* ")."""
    for number, paragraph in enumerate(_body_paragraphs(document), start=1):
        match = _TYPED_BULLET.match(visible_text(paragraph._p))
        if match and not _in_list(paragraph):
            yield _place(number, paragraph), "T008", {"bullet": match[1]}


def _in_list(paragraph: Paragraph) -> bool:
    """Return whether a paragraph is numbered, directly or through its style."""
    if paragraph._p.xpath("./w:pPr/w:numPr"):
        return True
    style = paragraph.style
    while style is not None:
        if style.element.xpath("./w:pPr/w:numPr"):
            return True
        style = style.base_style
    return False


# --- PDF documents -----------------------------------------------------------------------------


def check_pdf(path: Path, language: str = LANGUAGE) -> list[Finding]:
    """Return the accessibility findings of one PDF."""
    try:
        reader = PdfReader(path)
        catalog = reader.trailer["/Root"]
    except (OSError, PyPdfError, KeyError, ValueError):
        return _findings(path, iter([("dokumentet", "T009 pdf", {})]))
    checks = (_pdf_tags, _pdf_language, _pdf_title, _pdf_bookmarks, _pdf_pages)
    found = (found for check in checks for found in check(reader, catalog, language))
    return _findings(path, found)


def _is_tagged(catalog: DictionaryObject) -> bool:
    """Return whether the PDF is tagged: marked content and a structure tree."""
    mark_info = catalog.get("/MarkInfo")
    marked = mark_info is not None and _is_true(mark_info.get_object().get("/Marked"))
    return marked and "/StructTreeRoot" in catalog


def _is_true(value: object) -> bool:
    """Return whether a PDF value is the boolean true."""
    return isinstance(value, BooleanObject) and bool(value.value)


def _pdf_tags(reader: PdfReader, catalog: DictionaryObject, language: str) -> Found:
    """Find an untagged PDF."""
    if not _is_tagged(catalog):
        yield "dokumentet", "T101", {}


def _pdf_language(reader: PdfReader, catalog: DictionaryObject, language: str) -> Found:
    """Find a missing or wrong document language."""
    value = str(catalog.get("/Lang", "")).strip()
    if not value:
        yield "dokumentet", "T102", {"language": language}
    elif value.lower() != language.lower():
        yield "dokumentet", "T102 fel", {"value": value, "language": language}


def _pdf_title(reader: PdfReader, catalog: DictionaryObject, language: str) -> Found:
    """Find a missing title, or a viewer told to show the file name instead."""
    info = reader.metadata
    xmp = reader.xmp_metadata
    titles = [
        info.title if info else None,
        *(xmp.dc_title.values() if xmp and xmp.dc_title else []),
    ]
    if not any((t or "").strip() for t in titles):
        yield "dokumentet", "T103", {}
    preferences = catalog.get("/ViewerPreferences")
    if preferences is None or not _is_true(preferences.get_object().get("/DisplayDocTitle")):
        yield "dokumentet", "T104", {}


def _pdf_bookmarks(reader: PdfReader, catalog: DictionaryObject, language: str) -> Found:
    """Find a tagged PDF with headings but no bookmarks."""
    if _is_tagged(catalog) and _has_headings(catalog) and not reader.outline:
        yield "dokumentet", "T105", {}


def _has_headings(catalog: DictionaryObject) -> bool:
    """Return whether the structure tree holds a heading element (H, H1 ... H6)."""
    tree = catalog["/StructTreeRoot"].get_object()
    roles = tree.get("/RoleMap")
    roles = roles.get_object() if roles is not None else {}
    stack, seen = [tree.get("/K")], 0
    while stack and seen < 100_000:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        seen += 1
        if isinstance(node, list):
            stack += node
        elif isinstance(node, dict):
            kind = node.get("/S")
            if kind in _PDF_HEADINGS or roles.get(kind) in _PDF_HEADINGS:
                return True
            stack.append(node.get("/K"))
    return False


def _pdf_pages(reader: PdfReader, catalog: DictionaryObject, language: str) -> Found:
    """Find pages with content outside the structure tree of a tagged PDF."""
    if not _is_tagged(catalog):
        return
    for number, page in enumerate(reader.pages, start=1):
        if "/Contents" in page and "/StructParents" not in page:
            yield f"sida {number}", "T106", {}
