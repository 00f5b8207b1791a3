"""Generate the Word templates in templates/ from code, deterministically.

Run `python tools/make_templates.py` after changing this file and commit the
script together with the .docx files it writes; tests/test_templates_generated.py
fails when they disagree. The templates use docxtpl tags:

- `{{ expr }}` inline, `{{r expr }}` for a filter that returns a whole run,
- `{{p expr|md }}` alone in a paragraph that the filter replaces by paragraphs,
- `{%p ... %}` alone in a paragraph, `{%tr ... %}` alone in a table row.

Every output is then wrapped in a content control tagged with its field's path
(`iopdocs.word.fieldmarks`), so that `iopdocs hamta` can take edits made in
Word back into the case file; the sections below write plain tags only.

The context is `case`, `org`, `d` and `doc` (see iopdocs.case.model and iopdocs.case.derive).
The module is long because it is mostly data, in small functions read top to
bottom: raw OOXML helpers, the style sheet, numbering and settings, the page
header, a `Body` writer, then each document's sections in reading order, then
the deterministic packaging.
"""

from __future__ import annotations

import argparse
import functools
import io
import re
import sys
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.document import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from iopdocs.word.fieldmarks import wrap_outputs  # noqa: E402

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
TJANSTESKRIVELSE = "tjansteskrivelse.docx"
OVERENSKOMMELSE = "iop-overenskommelse.docx"
UPPFOLJNING = "uppfoljning.docx"
PROTOKOLLSUTDRAG = "protokollsutdrag.docx"

FONT = "Arial"
TEXT_WIDTH = 9070  # twips: A4 (11906) minus 2 x 1418 margins
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
CORE_DATE = datetime(2024, 1, 1)
W = nsdecls("w")
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
DROPPED_DOCUMENT_RELS = (RT.CUSTOM_XML, STYLES_WITH_EFFECTS)
DROPPED_PACKAGE_RELS = (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES)


# --- raw OOXML helpers ------------------------------------------------------


def _x(fragment: str):
    """Return the element parsed from `fragment`, with the w: namespace declared."""
    name_end = fragment.index(" ") if " " in fragment.split(">")[0] else fragment.index(">")
    return parse_xml(fragment[:name_end] + f" {W}" + fragment[name_end:])


def _xt(text: str) -> str:
    """Return a run's text element, preserving spaces."""
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def _xborder(side: str, size: int = 6, space: int = 4) -> str:
    """Return a single black border of `size` eighths of a point."""
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="000000"/>'


_AFTER_PBDR = (
    "w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap w:overflowPunct w:topLinePunct "
    "w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd w:snapToGrid w:spacing w:ind "
    "w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc w:textDirection w:textAlignment "
    "w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle w:rPr w:sectPr w:pPrChange"
)
AFTER_PBDR = tuple(_AFTER_PBDR.split())
"""The elements that follow w:pBdr inside w:pPr (ECMA-376 CT_PPrBase order)."""


def _add_border(paragraph: Paragraph, side: str) -> None:
    """Draw a line above or below `paragraph`, in schema order inside its pPr."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(_x(f"<w:pBdr>{_xborder(side)}</w:pBdr>"), *AFTER_PBDR)


def _field_runs(instruction: str, cached: str) -> list:
    """Return the runs of a complex field: begin, instruction, separate, result, end."""
    return [
        _x('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'),
        _x(f'<w:r><w:instrText xml:space="preserve">{escape(instruction)}</w:instrText></w:r>'),
        _x('<w:r><w:fldChar w:fldCharType="separate"/></w:r>'),
        _x(f"<w:r><w:rPr><w:noProof/></w:rPr>{_xt(cached)}</w:r>"),
        _x('<w:r><w:fldChar w:fldCharType="end"/></w:r>'),
    ]


# --- styles -----------------------------------------------------------------


def _pstyle(
    style_id: str,
    name: str,
    ppr: str = "",
    rpr: str = "",
    *,
    based_on: str | None = "Normal",
    next_id: str | None = None,
    priority: int = 10,
    custom: bool = False,
    gallery: bool = True,
) -> str:
    """Return a paragraph style; properties are given as raw pPr/rPr content.

    `custom` marks the municipality's own styles, `gallery` shows the style in
    Word's quick-style gallery.
    """
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_id}"/>' if next_id else ""
    quick = "<w:qFormat/>" if gallery else ""
    return (
        f'<w:style w:type="paragraph" w:customStyle="{int(custom)}" '
        f'w:styleId="{style_id}"><w:name w:val="{name}"/>{based}{nxt}'
        f'<w:uiPriority w:val="{priority}"/>{quick}'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _spacing(before: int = 0, after: int = 0, line: int = 264) -> str:
    """Return paragraph spacing in twips, line spacing in 240ths of a line."""
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="auto"/>'


def _size(half_points: int) -> str:
    """Return a font size in half points, for Latin and complex scripts."""
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


BOLD = "<w:b/><w:bCs/>"
KEEP = "<w:keepNext/><w:keepLines/>"
NUMBERED = '<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>'


def _doc_defaults() -> str:
    """Return the document defaults: Arial 11 pt, Swedish (sv-SE)."""
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    lang = '<w:lang w:val="sv-SE" w:eastAsia="sv-SE" w:bidi="ar-SA"/>'
    return (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts}{_size(22)}{lang}</w:rPr></w:rPrDefault>"
        f"<w:pPrDefault><w:pPr>{_spacing(after=0, line=240)}</w:pPr></w:pPrDefault></w:docDefaults>"
    )


def _base_styles() -> list[str]:
    """Return Normal and the defaults Word expects for characters, tables and lists."""
    return [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f"<w:qFormat/><w:pPr><w:widowControl/>{_spacing(after=160)}</w:pPr><w:rPr/></w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" '
        'w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        "</w:style>",
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
    ]


def _heading_styles() -> list[str]:
    """Return Title, Heading 1 and Heading 2: bold, black, spacing in the style."""
    return [
        _pstyle(
            "Title", "Title", KEEP + _spacing(240, 240, 240), BOLD + _size(36), next_id="Normal"
        ),
        _pstyle(
            "Heading1",
            "heading 1",
            KEEP + _spacing(360, 120, 240) + '<w:outlineLvl w:val="0"/>',
            BOLD + _size(28),
            next_id="Normal",
            priority=9,
        ),
        _pstyle(
            "Heading2",
            "heading 2",
            KEEP + _spacing(240, 80, 240) + '<w:outlineLvl w:val="1"/>',
            BOLD + _size(24),
            next_id="Normal",
            priority=9,
        ),
    ]


def _list_styles() -> list[str]:
    """Return the list styles the markdown filter uses, bound to numbering.xml."""

    def item(style_id: str, name: str, num: int, lvl: int) -> str:
        indent = 360 * (lvl + 1)
        ppr = (
            NUMBERED.format(lvl=lvl, num=num)
            + _spacing(after=80)
            + f'<w:ind w:left="{indent}" w:hanging="360"/>'
        )
        return _pstyle(style_id, name, ppr, priority=99)

    return [
        _pstyle("ListParagraph", "List Paragraph", '<w:ind w:left="720"/>', priority=34),
        item("ListBullet", "List Bullet", 1, 0),
        item("ListBullet2", "List Bullet 2", 1, 1),
        item("ListNumber", "List Number", 2, 0),
        item("ListNumber2", "List Number 2", 2, 1),
    ]


def _character_styles() -> list[str]:
    """Return Hyperlink (blue, underlined: 5.9:1 contrast), Strong and Emphasis."""

    def char(style_id: str, name: str, rpr: str, priority: int) -> str:
        return (
            f'<w:style w:type="character" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="{priority}"/>'
            f"<w:unhideWhenUsed/><w:rPr>{rpr}</w:rPr></w:style>"
        )

    return [
        char("Hyperlink", "Hyperlink", '<w:color w:val="0563C1"/><w:u w:val="single"/>', 99),
        char("Strong", "Strong", BOLD, 22),
        char("Emphasis", "Emphasis", "<w:i/><w:iCs/>", 20),
    ]


def _page_styles() -> list[str]:
    """Return header, footer and table-of-contents styles."""
    toc_tab = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
    return [
        _pstyle("Header", "header", _spacing(line=240), _size(18), priority=99, gallery=False),
        _pstyle("Footer", "footer", _spacing(line=240), _size(18), priority=99, gallery=False),
        _pstyle(
            "TOCHeading",
            "TOC Heading",
            KEEP + _spacing(480, 120, 240) + '<w:outlineLvl w:val="9"/>',
            BOLD + _size(28),
            next_id="Normal",
            priority=39,
        ),
        _pstyle(
            "TOC1",
            "toc 1",
            toc_tab + _spacing(60, 60),
            next_id="Normal",
            priority=39,
            gallery=False,
        ),
        _pstyle(
            "TOC2",
            "toc 2",
            toc_tab + _spacing(0, 60) + '<w:ind w:left="284"/>',
            next_id="Normal",
            priority=39,
            gallery=False,
        ),
    ]


def _own_styles() -> list[str]:
    """Return the municipality's own styles: compact lines, tables, signatures."""
    line = _xborder("top", 6, 4)
    own = functools.partial(_pstyle, custom=True)
    return [
        own("Kompakt", "Kompakt", _spacing()),
        # Recipients keep together: the last one has no next paragraph to keep with.
        own("Mottagare", "Mottagare", "<w:keepNext/>" + _spacing(), based_on="Kompakt"),
        # Rows keep with the next one so a short table stays on one page; the sum does not.
        own("Tabelltext", "Tabelltext", "<w:keepNext/>" + _spacing(40, 40, 240)),
        own("Tabellrubrik", "Tabellrubrik", "", BOLD, based_on="Tabelltext"),
        own("Tabellsumma", "Tabellsumma", '<w:keepNext w:val="0"/>', BOLD, based_on="Tabelltext"),
        own("Avsandare", "Avsändare", KEEP + _spacing(480, 0)),
        own("Undertecknare", "Undertecknare", KEEP + _spacing(480, 0)),
        own("Underskriftspart", "Underskriftspart", KEEP + _spacing(240, 0), BOLD),
        own("OrtOchDatum", "Ort och datum", KEEP + _spacing(240, 0)),
        own(
            "Signaturrad",
            "Signaturrad",
            f"<w:keepLines/><w:pBdr>{line}</w:pBdr>"
            + _spacing(720, 120)
            + '<w:ind w:right="3969"/>',
        ),
    ]


def _table_style() -> str:
    """Return the one table style: black rules above, below and between rows."""
    borders = "".join(_xborder(side, 4, 0) for side in ("top", "bottom", "insideH"))
    margins = (
        '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
    )
    return (
        '<w:style w:type="table" w:customStyle="1" w:styleId="IOPTabell">'
        '<w:name w:val="IOP Tabell"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        f"<w:pPr>{_spacing(line=240)}</w:pPr>"
        f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>{margins}</w:tblPr>"
        f'<w:tblStylePr w:type="firstRow"><w:rPr>{BOLD}</w:rPr><w:tblPr/><w:tcPr>'
        '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr></w:tblStylePr>'
        "</w:style>"
    )


def install_styles(document: Document) -> None:
    """Replace the styles with our own set; keep Word's latent-style table."""
    styles = document.styles.element
    latent = styles.find(qn("w:latentStyles"))
    for child in list(styles):
        styles.remove(child)
    styles.append(_x(_doc_defaults()))
    if latent is not None:
        styles.append(latent)
    for xml in (
        _base_styles()
        + _heading_styles()
        + _list_styles()
        + _character_styles()
        + _page_styles()
        + _own_styles()
        + [_table_style()]
    ):
        styles.append(_x(xml))


# --- numbering and settings ------------------------------------------------


def _abstract_num(num_id: int, kind: str) -> str:
    """Return a two-level list definition: bullets (•, –) or numbers (1., a))."""
    levels = {
        "bullet": (("bullet", "•"), ("bullet", "–")),
        "decimal": (("decimal", "%1."), ("lowerLetter", "%2)")),
    }[kind]
    body = "".join(
        f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{360 * (lvl + 1)}" w:hanging="360"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/></w:rPr></w:lvl>'
        for lvl, (fmt, text) in enumerate(levels)
    )
    return (
        f'<w:abstractNum w:abstractNumId="{num_id}"><w:nsid w:val="1F0D0A0{num_id}"/>'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{body}</w:abstractNum>'
    )


def install_numbering(document: Document) -> None:
    """Replace numbering.xml: numId 1 is List Bullet, numId 2 is List Number."""
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for num_id, kind in ((1, "bullet"), (2, "decimal")):
        numbering.append(_x(_abstract_num(num_id, kind)))
    for num_id in (1, 2):
        numbering.append(
            _x(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>')
        )


def configure_settings(document: Document, update_fields: bool) -> None:
    """Use Swedish defaults; ask Word to update fields (the TOC) on open if requested."""
    settings = document.settings.element
    for name in ("w:savePreviewPicture", "w:rsids", "w:updateFields"):
        for element in settings.findall(qn(name)):
            settings.remove(element)
    settings.find(qn("w:defaultTabStop")).set(qn("w:val"), "1304")
    settings.find(qn("w:themeFontLang")).attrib.clear()
    settings.find(qn("w:themeFontLang")).set(qn("w:val"), "sv-SE")
    settings.find(qn("w:decimalSymbol")).set(qn("w:val"), ",")
    settings.find(qn("w:listSeparator")).set(qn("w:val"), ";")
    if update_fields:
        settings.find(qn("w:compat")).addprevious(_x('<w:updateFields w:val="true"/>'))


# --- page and header ---------------------------------------------------------


def setup_page(
    document: Document, doc_type: str, day_expr: str, issuer: str = "org.forvaltning"
) -> None:
    """Set A4 with 2.5 cm margins and the running header: type, date, number, page, issuer."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.header_distance = section.footer_distance = Cm(1.25)
    header = section.header
    header.is_linked_to_previous = False
    first = header.paragraphs[0]
    first.add_run(doc_type).bold = True
    first.add_run(f"\t{{{{ {day_expr}|iso_date }}}}\t{{{{ case.diarienummer }}}}\t")
    for run in _field_runs(" PAGE ", "1") + [_x(f"<w:r>{_xt(' (')}</w:r>")]:
        first._p.append(run)
    for run in _field_runs(" NUMPAGES ", "1") + [_x(f"<w:r>{_xt(')')}</w:r>")]:
        first._p.append(run)
    tabs = first.paragraph_format.tab_stops
    tabs.add_tab_stop(Cm(4.5))
    tabs.add_tab_stop(Cm(8.0))
    tabs.add_tab_stop(Cm(16.0), WD_TAB_ALIGNMENT.RIGHT)
    second = header.add_paragraph(f"{{{{ org.kommun }}}}, {{{{ {issuer} }}}}", style="Header")
    second.paragraph_format.space_after = Cm(0.2)
    _add_border(second, "bottom")


# --- body --------------------------------------------------------------------


@dataclass(frozen=True)
class AmountTable:
    """A two-column table of labelled amounts, with an optional loop and total row."""

    caption: str
    headers: tuple[str, str]
    rows: tuple[tuple[str, str], ...] = ()
    loop: str | None = None
    total: tuple[str, str] | None = None


LABEL_WIDTH, AMOUNT_WIDTH = 6350, TEXT_WIDTH - 6350


@dataclass(frozen=True)
class WideTable:
    """A table of amounts with one column per item of a list (a party), for each row of a loop.

    The columns are `fixed` (header, cell) pairs, then one column per item of
    `header_loop` / `cell_loop` (docxtpl `{%tc %}` loops), then `last`. The
    grid is left empty and every cell sized automatically: the number of
    columns is only known when a case is rendered, and a w:tblGrid that does
    not match the cells would make LibreOffice squeeze the table (it shares
    the width equally between grid-less columns, so keep the columns few).
    """

    caption: str
    loop: str
    fixed: tuple[tuple[str, str], ...]
    header_loop: str
    header_cell: str
    cell_loop: str
    cell: str
    last: tuple[str, str]


class Body:
    """Write template paragraphs and tables to a document, in reading order."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def para(self, text: str = "", style: str = "Normal", label: str = "") -> Paragraph:
        """Add a paragraph; `label` is a bold lead-in such as 'Datum: '.

        Values in a title or heading keep hyphenated names whole (`nobreak`).
        """
        if style == "Title" or style.startswith("Heading"):
            text = unbroken(text)
        paragraph = self.document.add_paragraph(style=style)
        if label:
            paragraph.add_run(label).bold = True
        if text:
            paragraph.add_run(text)
        return paragraph

    def heading(self, text: str, level: int = 1) -> Paragraph:
        """Add a Heading 1 or Heading 2."""
        return self.para(text, f"Heading {level}")

    def tag(self, statement: str) -> None:
        """Add a `{%p ... %}` control paragraph (docxtpl removes it when rendering)."""
        self.para(f"{{%p {statement} %}}")

    def md(self, expr: str) -> None:
        """Add a paragraph that the `md` filter replaces by the text's paragraphs."""
        self.para(f"{{{{p {expr}|md }}}}")

    def loop(self, header: str, write: Callable[[], None]) -> None:
        """Wrap what `write` adds in `{%p for ... %}` / `{%p endfor %}`."""
        self.tag(f"for {header}")
        write()
        self.tag("endfor")

    def when(self, condition: str, write: Callable[[], None]) -> None:
        """Wrap what `write` adds in `{%p if ... %}` / `{%p endif %}`."""
        self.tag(f"if {condition}")
        write()
        self.tag("endif")

    def md_section(self, title: str, expr: str, level: int = 1) -> Paragraph:
        """Add a heading followed by a markdown text field; return the heading."""
        heading = self.heading(title, level)
        self.md(expr)
        return heading

    def table(self, spec: AmountTable) -> None:
        """Add an amount table: marked header row, right-aligned amounts, no merged cells."""
        rows = [_row(spec.headers, "Tabellrubrik", header=True)]
        if spec.loop:
            rows.append(_row((f"{{%tr for {spec.loop} %}}", ""), "Tabelltext"))
        rows += [_row(cells, "Tabelltext") for cells in spec.rows]
        if spec.loop:
            rows.append(_row(("{%tr endfor %}", ""), "Tabelltext"))
        if spec.total:
            rows.append(_row(spec.total, "Tabellsumma"))
        look = (
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        )
        xml = (
            f'<w:tbl><w:tblPr><w:tblStyle w:val="IOPTabell"/><w:tblW w:w="5000" w:type="pct"/>'
            f'<w:tblLayout w:type="fixed"/>{look}<w:tblCaption w:val={quoteattr(spec.caption)}/>'
            f'</w:tblPr><w:tblGrid><w:gridCol w:w="{LABEL_WIDTH}"/>'
            f'<w:gridCol w:w="{AMOUNT_WIDTH}"/></w:tblGrid>{"".join(rows)}</w:tbl>'
        )
        self.document.element.body._insert_tbl(_x(xml))

    def wide_table(self, spec: WideTable) -> None:
        """Add a table with a column per list item: marked header row, no merged cells."""
        header = [h for h, _ in spec.fixed]
        header += [f"{{%tc for {spec.header_loop} %}}", spec.header_cell, "{%tc endfor %}"]
        header.append(spec.last[0])
        cells = [c for _, c in spec.fixed]
        cells += [f"{{%tc for {spec.cell_loop} %}}", spec.cell, "{%tc endfor %}"]
        cells.append(spec.last[1])
        blank = [""] * (len(header) - 1)
        rows = [
            _wide_row(header, "Tabellrubrik", header=True),
            _wide_row([f"{{%tr for {spec.loop} %}}", *blank], "Tabelltext"),
            _wide_row(cells, "Tabelltext"),
            _wide_row(["{%tr endfor %}", *blank], "Tabelltext"),
        ]
        look = (
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        )
        xml = (
            f'<w:tbl><w:tblPr><w:tblStyle w:val="IOPTabell"/><w:tblW w:w="5000" w:type="pct"/>'
            f"{look}<w:tblCaption w:val={quoteattr(spec.caption)}/></w:tblPr>"
            f"<w:tblGrid/>{''.join(rows)}</w:tbl>"
        )
        self.document.element.body._insert_tbl(_x(xml))


_VALUE_TAG = re.compile(r"\{\{ (.+?) \}\}")


def unbroken(text: str) -> str:
    """Return template text whose `{{ value }}` tags keep hyphenated names whole."""
    return _VALUE_TAG.sub(lambda m: f"{{{{ {m.group(1)}|nobreak }}}}", text)


def _wide_row(cells: Sequence[str], style: str, header: bool = False) -> str:
    """Return a row of automatically sized cells: the first left-aligned, the rest right."""
    tr_pr = (
        "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        if header
        else "<w:trPr><w:cantSplit/></w:trPr>"
    )
    shade = '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' if header else ""
    out = []
    for index, text in enumerate(cells):
        align = '<w:jc w:val="right"/>' if index else ""
        run = f"<w:r>{_xt(unbroken(text))}</w:r>" if text else ""
        out.append(
            f'<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/>{shade}</w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{align}</w:pPr>{run}</w:p></w:tc>'
        )
    return f"<w:tr>{tr_pr}{''.join(out)}</w:tr>"


def _row(cells: Sequence[str], style: str, header: bool = False) -> str:
    """Return a table row: a label cell and a right-aligned amount cell."""
    tr_pr = (
        "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        if header
        else "<w:trPr><w:cantSplit/></w:trPr>"
    )
    shade = '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' if header else ""
    out = []
    for index, (text, width) in enumerate(zip(cells, (LABEL_WIDTH, AMOUNT_WIDTH), strict=True)):
        align = '<w:jc w:val="right"/>' if index == 1 else ""
        run = f"<w:r>{_xt(unbroken(text))}</w:r>" if text else ""
        out.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{align}</w:pPr>{run}</w:p></w:tc>'
        )
    return f"<w:tr>{tr_pr}{''.join(out)}</w:tr>"


# --- the tjänsteskrivelse ----------------------------------------------------


def write_tjansteskrivelse(body: Body) -> None:
    """Write the memo to the board, its sections in the order such memos use."""
    body.para("{{ case.datum|iso_date }}", "Kompakt", "Datum: ")
    body.para("{{ case.diarienummer }}", "Kompakt", "Diarienummer: ")
    body.para(
        "{{ case.handlaggare.namn }}{% if case.handlaggare.titel %}, "
        "{{ case.handlaggare.titel }}{% endif %}",
        "Kompakt",
        "Handläggare: ",
    )
    body.para("{{ case.rubrik }}", "Title")
    body.heading("Förslag till {{ d.namnd_genitiv }} beslut")
    body.loop(
        "punkt in case.beslutsforslag", lambda: body.para("{{r punkt|md_inline }}", "List Number")
    )
    body.md_section("Ärende", "case.arende")
    _add_border(body.heading("Beslutsunderlag"), "top")
    body.loop("underlag in d.beslutsunderlag", lambda: body.para("{{ underlag.line }}", "Kompakt"))
    _write_background(body)
    _write_economy_memo(body)
    _write_goals(body)
    body.md_section("Jämställdhet", "case.jamstalldhet")
    body.md_section("Samråd", "case.samrad")
    body.md_section("Uppföljning och utvärdering", "case.uppfoljning_och_utvardering")
    body.md_section(
        "Information eller förhandling enligt lag (1976:580) om medbestämmande i arbetslivet",
        "case.mbl",
    )
    _write_memo_signature(body)
    body.heading("Beslutet skickas till")
    body.loop(
        "mottagare in d.beslutet_skickas_till", lambda: body.para("{{ mottagare }}", "Mottagare")
    )


def _write_background(body: Body) -> None:
    """Write Bakgrund: its text, the free sub-sections and what the decision type adds.

    An ending starts with the current agreement and ends with its reasons; a
    renewal names the earlier decision after the text.
    """
    body.heading("Bakgrund")
    body.when("d.avslut", lambda: body.para("{{ d.avslut.nuvarande }}"))
    body.md("case.bakgrund.text")
    body.when("d.tidigare_arende", lambda: body.para("{{ d.tidigare_arende }}"))
    body.when("d.andrar", lambda: body.para("{{ d.andrar }}"))
    body.loop(
        "avsnitt in case.bakgrund.avsnitt",
        lambda: body.md_section("{{ avsnitt.rubrik }}", "avsnitt.text", level=2),
    )
    body.when(
        "case.avslut",
        lambda: body.md_section(
            "Skäl till att överenskommelsen avslutas", "case.avslut.skal", level=2
        ),
    )


def _write_economy_memo(body: Body) -> None:
    """Write Ekonomiska konsekvenser with the Fördelning table; for an ending, the reduction."""
    body.md_section("Ekonomiska konsekvenser", "case.ekonomiska_konsekvenser")
    body.heading("Fördelning", 2)
    body.table(FORDELNING)

    def reduction() -> None:
        body.heading("Minskad kostnad när överenskommelsen avslutas", 2)
        body.para("{{ d.avslut.mening }}")
        body.table(MINSKNING)

    body.when("d.avslut", reduction)


FORDELNING = AmountTable(
    caption="Fördelning av den årliga ersättningen per part",
    headers=("Part", "Årlig ersättning"),
    loop="rad in d.fordelning",
    rows=(("{{ rad.label }}", "{{ rad.amount|kr }}"),),
    total=("Total ersättning", "{{ d.total_ersattning|kr }}"),
)


MINSKNING = AmountTable(
    caption="Minskad kostnad per år när överenskommelsen avslutas",
    headers=("År", "Minskad kostnad"),
    loop="rad in d.avslut.rader",
    rows=(("{{ rad.label }}", "{{ rad.amount|kr }}"),),
    total=("Minskad kostnad totalt", "{{ d.avslut.minskning|kr }}"),
)


def _write_goals(body: Body) -> None:
    """Write Kommunala mål: the goals the case serves, its own reason, then the link."""
    body.heading("Kommunala mål")
    body.loop("mal in d.kommunala_mal", lambda: body.para("{{ mal }}", "List Bullet"))
    body.when("case.kommunala_mal.motivering", lambda: body.md("case.kommunala_mal.motivering"))
    body.para("{{r org.mal_lank|link }}")


def _write_memo_signature(body: Body) -> None:
    """Write the förvaltning and the signer's name and title."""
    body.para("{{ org.forvaltning }}", "Avsändare")
    body.para("{{ org.undertecknare.namn }}", "Undertecknare")
    body.when(
        "org.undertecknare.titel", lambda: body.para("{{ org.undertecknare.titel }}", "Kompakt")
    )


# --- the IOP agreement -------------------------------------------------------

AGREEMENT = "case.overenskommelse"
PARTY_NAMES = (
    "{% for part in case.parter %}{{ part.namn }}{% if loop.revindex == 2 %} och "
    "{% elif not loop.last %}, {% endif %}{% endfor %}"
)
TOC_PLACEHOLDER = "Högerklicka här och välj Uppdatera fält för att visa innehållsförteckningen."


def write_overenskommelse(body: Body) -> None:
    """Write the agreement (the bilaga), its sections in the order IOP agreements use."""
    body.para("{{ d.overenskommelse_titel }}", "Title")
    body.para("{{ case.diarienummer }}", "Kompakt", "Diarienummer: ")
    body.para("{{ d.overenskommelse_datum|iso_date }}", "Kompakt", "Datum: ")
    body.para("{{ case.handlaggare.namn }}", "Kompakt", "Handläggare: ")
    body.para("{{ org.kommun }}, {{ org.forvaltning }}", "Kompakt", "Organisation: ")
    _write_toc(body)
    first = body.md_section("Bakgrund till överenskommelsen", f"{AGREEMENT}.bakgrund")
    first.paragraph_format.page_break_before = True
    body.md_section("Överenskommelsens utgångspunkter", f"{AGREEMENT}.utgangspunkter")
    body.md_section("Värdegrund", f"{AGREEMENT}.vardegrund")
    body.heading("Aktörer i överenskommelsen")
    body.para("{{ org.namnd }} – {{ org.kommun }}.", label="Offentlig sektor: ")
    body.para(f"{PARTY_NAMES}.", label="Idéburen sektor: ")
    body.md(f"{AGREEMENT}.aktorer")
    body.md_section(
        "Överenskommelsens gemensamma samhällsutmaning och syfte",
        f"{AGREEMENT}.samhallsutmaning_och_syfte",
    )
    body.md_section("Målsättning", f"{AGREEMENT}.malsattning")
    body.md_section("Målgrupp", f"{AGREEMENT}.malgrupp")
    _write_responsibilities(body)
    body.md_section("Avstämning och uppföljning", f"{AGREEMENT}.avstamning_och_uppfoljning")
    _write_economy_agreement(body)
    _write_period(body)
    _write_signatures(body)


def _write_toc(body: Body) -> None:
    """Write 'Innehåll' and a TOC field that Word fills in when it updates fields."""
    body.para("Innehåll", "TOC Heading")
    paragraph = body.para()
    runs = _field_runs(' TOC \\o "1-2" \\h \\z \\u ', TOC_PLACEHOLDER)
    runs[0].find(qn("w:fldChar")).set(qn("w:dirty"), "true")
    for run in runs:
        paragraph._p.append(run)


def _write_responsibilities(body: Body) -> None:
    """Write one sub-section per party, then the municipality's and the joint ones."""
    body.heading("Innehåll med ansvarsområden")
    body.loop(
        "part in case.parter",
        lambda: body.md_section("{{ part.namn }} – ansvarsområden", "part.ansvarsomraden", level=2),
    )
    body.md_section("{{ org.kommun }}", f"{AGREEMENT}.kommunens_ansvar", level=2)
    body.md_section("Gemensamt ansvar", f"{AGREEMENT}.gemensamt_ansvar", level=2)


def _write_economy_agreement(body: Body) -> None:
    """Write Ekonomi: compensation, indexation, payment, budgets and financing."""
    body.heading("Ekonomi")
    body.para(
        f"{{{{ org.kommun }}}} betalar följande årliga ersättning, angiven i "
        f"{{{{ {AGREEMENT}.vardear }}}} års nivå:"
    )
    body.table(FORDELNING)
    # A heading, not a bare paragraph, follows the table: Word adds no space after tables.
    body.heading("Uppräkning och utbetalning", 2)
    body.md(f"{AGREEMENT}.uppraknning")
    body.md(f"{AGREEMENT}.utbetalning")

    def indexed() -> None:
        body.heading("Ersättning per år", 2)
        body.para("{{ d.uppraknade.mening }}")
        body.wide_table(PER_AR)

    body.when("d.uppraknade", indexed)

    def budget() -> None:
        body.heading("{{ budget.party }}: kostnader för verksamheten per år", 2)
        body.table(BUDGET)

    body.loop("budget in d.budgetar", budget)
    body.heading("Finansiering", 2)
    body.table(FINANSIERING)


PER_AR = WideTable(
    caption="Ersättning per part och år, uppräknad med omsorgsprisindex (OPI)",
    loop="rad in d.uppraknade.rows",
    fixed=(("År", "{{ rad.year }}"),),
    header_loop="namn in d.uppraknade.parties",
    header_cell="{{ namn }}",
    cell_loop="belopp in rad.amounts",
    cell="{{ belopp|kr }}",
    last=("Totalt", "{{ rad.total|kr }}"),
)
BUDGET = AmountTable(
    caption="Partens kostnader för verksamheten per år",
    headers=("Kostnad", "Belopp"),
    loop="rad in budget.rows",
    rows=(("{{ rad.label }}", "{{ rad.amount|kr }}"),),
    total=("Summa kostnader", "{{ budget.total|kr }}"),
)
FINANSIERING = AmountTable(
    caption="Verksamheternas finansiering per år",
    headers=("Post", "Belopp"),
    rows=(
        ("Totalkostnad för verksamheterna", "{{ d.totalkostnad|kr }}"),
        ("Finansiering från {{ org.kommun }}", "{{ d.kommunens_finansiering|kr }}"),
        ("Verksamheternas egen finansiering", "{{ d.egen_finansiering|kr }}"),
    ),
    total=("Differens", "{{ d.differens|kr }}"),
)


def _write_period(body: Body) -> None:
    """Write the period, the notice period and how the agreement may change."""
    body.heading("Period för överenskommelsen")
    body.para("{{ d.period_mening }}")
    body.para(
        "En part som vill säga upp överenskommelsen gör det skriftligen till de andra "
        "parterna. Uppsägningstiden är {{ d.uppsagningstid }}."
    )
    body.md(f"{AGREEMENT}.andringar")


SIGNATORY = "{{ %s.namn }}{%% if %s.titel %%}, {{ %s.titel }}{%% endif %%}"
DATE_LINE = "____-__-__"


def _write_signatures(body: Body) -> None:
    """Write one signature block per party: organisation, org. nr, place, date, name."""
    body.heading("Underskrifter")
    body.para("Överenskommelsen undertecknas av parterna nedan.")
    body.heading("Offentlig sektor", 2)
    body.para(
        "{{ org.namnd }}, {{ org.kommun }}, org. nr {{ org.organisationsnummer }}",
        "Underskriftspart",
    )
    body.para("{{ org.forvaltning }}", "Kompakt")
    body.para(f"{{{{ org.ort }}}} {DATE_LINE}", "Ort och datum", "Ort och datum: ")
    body.para(SIGNATORY % (("org.undertecknare",) * 3), "Signaturrad")
    body.heading("Idéburen sektor", 2)

    def signatory() -> None:
        body.para(f"{{{{ part.ort or org.ort }}}} {DATE_LINE}", "Ort och datum", "Ort och datum: ")
        body.para(SIGNATORY % (("person",) * 3), "Signaturrad")

    def party() -> None:
        body.para(
            "{{ part.legal_name }}, org. nr {{ part.organisationsnummer }}", "Underskriftspart"
        )
        body.loop("person in part.firmatecknare", signatory)

    body.loop("part in case.parter", party)


# --- the follow-up report ---------------------------------------------------

FOLLOW_UP = "d.uppfoljningar[doc.typ]"


def write_uppfoljning(body: Body) -> None:
    """Write one year's follow-up report, its sections in the order such reports use."""
    body.tag(f"set u = {FOLLOW_UP}")
    body.para("{{ u.datum|iso_date }}", "Kompakt", "Datum: ")
    body.para("{{ case.diarienummer }}", "Kompakt", "Diarienummer: ")
    body.para(
        "{{ u.handlaggare.namn }}{% if u.handlaggare.titel %}, {{ u.handlaggare.titel }}"
        "{% endif %}",
        "Kompakt",
        "Handläggare: ",
    )
    body.para("{{ u.titel }}", "Title")
    body.heading("Bakgrund")
    body.para("{{ u.inledande_mening }}")
    body.when("u.bakgrund", lambda: body.md("u.bakgrund"))
    body.md_section("Syfte med överenskommelsen", "u.syfte")
    body.heading("Uppföljning av överenskommelsen")
    body.when("u.inledning", lambda: body.md("u.inledning"))
    body.loop("part in u.parter", lambda: body.md_section("{{ part.namn }}", "part.text", 2))
    body.md_section("Bedömning", "u.bedomning")


# --- the protokollsutdrag ------------------------------------------------------

DECISION = "d.beslut"


def write_protokollsutdrag(body: Body) -> None:
    """Write the extract of the board's protokoll for one paragraph, as DOMAIN.md describes it."""
    body.para(f"{{{{ {DECISION}.datum|iso_date }}}}", "Kompakt", "Sammanträdesdatum: ")
    body.para(f"{{{{ {DECISION}.rubrik }}}}", "Kompakt", "Paragraf: ")
    body.para("{{ case.diarienummer }}", "Kompakt", "Diarienummer: ")
    body.para(f"{{{{ {DECISION}.rubrik }}}} {{{{ case.rubrik }}}}", "Title")
    body.heading("Beslut")
    body.para(f"{{{{ {DECISION}.inledning }}}}")
    body.loop(
        f"punkt in {DECISION}.punkter", lambda: body.para("{{r punkt|md_inline }}", "List Number")
    )
    body.heading("Beslutsunderlag")
    body.loop("underlag in d.beslutsunderlag", lambda: body.para("{{ underlag.line }}", "Kompakt"))
    body.heading("Justering")
    body.para(f"{{{{ {DECISION}.justering }}}}")

    def attestation() -> None:
        body.para("Rätt utdraget intygar", "Avsändare")
        body.para(f"{{{{ {DECISION}.sekreterare }}}}", "Undertecknare")

    body.when(f"{DECISION}.sekreterare", attestation)
    body.heading("Beslutet skickas till")
    body.loop(
        f"mottagare in {DECISION}.skickas_till", lambda: body.para("{{ mottagare }}", "Mottagare")
    )


# --- package -----------------------------------------------------------------


def _drop_rels(rels, reltypes: Sequence[str]) -> None:
    """Remove the relationships of the given types (unused parts of python-docx's template)."""
    for rid in [rid for rid, rel in rels.items() if rel.reltype in reltypes]:
        del rels[rid]


def new_document(title: str, update_fields: bool) -> Document:
    """Return an empty document with our styles, lists, settings and properties."""
    document = docx.Document()
    _drop_rels(document.part.rels, DROPPED_DOCUMENT_RELS)
    _drop_rels(document.part.package.rels, DROPPED_PACKAGE_RELS)
    install_styles(document)
    install_numbering(document)
    configure_settings(document, update_fields)
    props = document.core_properties
    props.title, props.subject, props.author = title, "Mall för iopdocs", "iopdocs"
    props.comments = "Genereras av tools/make_templates.py. Ändra skriptet, inte filen."
    props.language, props.last_modified_by, props.revision = "sv-SE", "iopdocs", 1
    props.created = props.modified = CORE_DATE
    return document


def build(name: str) -> Document:
    """Return the template `name` (one of TEMPLATES) as a python-docx document."""
    doc_type, day_expr, write, update_fields = TEMPLATES[name]
    document = new_document(f"Mall: {doc_type}", update_fields)
    setup_page(document, doc_type, day_expr, ISSUERS.get(name, "org.forvaltning"))
    write(Body(document))
    mark_fields(document)
    return document


def mark_fields(document: Document) -> None:
    """Wrap every output of the body and the page header in a content control tagged with
    its field's path, so that edits made in Word can be taken back (`iopdocs hamta`)."""
    wrap_outputs(document.element)
    wrap_outputs(document.sections[0].header._element)


TEMPLATES: dict[str, tuple[str, str, Callable[[Body], None], bool]] = {
    TJANSTESKRIVELSE: ("Tjänsteskrivelse", "case.datum", write_tjansteskrivelse, False),
    OVERENSKOMMELSE: ("Överenskommelse", "d.overenskommelse_datum", write_overenskommelse, True),
    UPPFOLJNING: ("Uppföljning", f"{FOLLOW_UP}.datum", write_uppfoljning, False),
    PROTOKOLLSUTDRAG: ("Protokollsutdrag", f"{DECISION}.datum", write_protokollsutdrag, False),
}
ISSUERS = {PROTOKOLLSUTDRAG: "org.namnd"}
"""The header's second line names the förvaltning, or the nämnd on what the nämnd issues."""


def deterministic_bytes(document: Document) -> bytes:
    """Return the .docx bytes with fixed member dates, so a rerun gives identical bytes."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for member in src.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=ZIP_DATE)
            info.compress_type, info.create_system = zipfile.ZIP_DEFLATED, 0
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(member.filename))
    return out.getvalue()


def write_templates(out_dir: Path) -> list[Path]:
    """Write every template to `out_dir` and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in TEMPLATES:
        path = out_dir / name
        path.write_bytes(deterministic_bytes(build(name)))
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments and write the templates."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TEMPLATE_DIR, help="målmapp (templates/)")
    args = parser.parse_args(argv)
    for path in write_templates(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
