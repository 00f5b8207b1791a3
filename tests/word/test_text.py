"""Tests of the plain-text dump, on small .docx files built with python-docx."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from iopdocs.errors import IopdocsError
from iopdocs.word.text import Block, DocxReadError, docx_blocks, docx_text

NBSP = "\u00a0"


def _dump(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def _text_of(document, tmp_path: Path) -> str:
    path = tmp_path / "dokument.docx"
    document.save(path)
    return docx_text(path)


def _xml(markup: str):
    return parse_xml(f"<w:r {nsdecls('w', 'r')}>{markup}</w:r>")


def _complex_field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """Append a w:fldChar field (begin, instruction, separate, cached result, end)."""
    for markup in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        f'<w:t xml:space="preserve">{cached}</w:t>',
        '<w:fldChar w:fldCharType="end"/>',
    ):
        paragraph._p.append(_xml(markup))


def _simple_field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """Append a w:fldSimple field with its cached result."""
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} ">'
            f"<w:r><w:t>{cached}</w:t></w:r></w:fldSimple>"
        )
    )


def _hyperlink(
    paragraph: Paragraph, text: str, url: str | None = None, anchor: str | None = None
) -> None:
    """Append a w:hyperlink to an external URL or to a bookmark in the document."""
    target = ""
    if url:
        target = f' r:id="{paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)}"'
    if anchor:
        target += f' w:anchor="{anchor}"'
    paragraph._p.append(
        parse_xml(
            f"<w:hyperlink {nsdecls('w', 'r')}{target}>"
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'
        )
    )


def _numbered(paragraph: Paragraph, num_id: int, ilvl: int = 0) -> Paragraph:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = num_id
    num_pr.get_or_add_ilvl().val = ilvl
    return paragraph


def _add_num(document, abstract_id: int, num_id: int, restart: bool) -> None:
    """Add a w:num for an abstract list; with `restart` it starts again at 1."""
    override = (
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
    )
    document.part.numbering_part.element.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
        )
    )


def _add_outline_list(
    document,
    formats: tuple[str, ...] = ("decimal", "lowerLetter", "bullet"),
    abstract_id: int = 90,
    num_id: int = 90,
) -> None:
    """Add a list whose levels have the given numFmt values, by default 1. / a. / bullet."""
    levels = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="%{ilvl + 1}."/></w:lvl>'
        for ilvl, fmt in enumerate(formats)
    )
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    numbering.insert(
        numbering.index(first_num),
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'
        ),
    )
    _add_num(document, abstract_id, num_id, restart=False)


def _list_number_abstract(document) -> int:
    numbering = document.part.numbering_part.element
    num_id = document.styles["List Number"].element.pPr.numPr.numId.val
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    return int(num.find(qn("w:abstractNumId")).get(qn("w:val")))


def test_title_headings_and_paragraphs_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Beslutsunderlag", 0)
    document.add_paragraph("Inledande text.")
    document.add_heading("Ärendet", 1)
    paragraph = document.add_paragraph("Rad ett   ")
    paragraph.add_run().add_break()
    paragraph.add_run("Rad\ttvå")
    document.add_paragraph("")
    document.add_paragraph("   ")
    document.add_heading("Bakgrund", 2)
    document.add_paragraph(f"Belopp: 100{NBSP}000 kr")

    assert _text_of(document, tmp_path) == _dump(
        "= Beslutsunderlag",
        "Inledande text.",
        "",
        "# Ärendet",
        "Rad ett",
        "Rad två",
        "",
        "## Bakgrund",
        f"Belopp: 100{NBSP}000 kr",
    )


def _custom_style(document, name: str, based_on: str | None = None, outline: int | None = None):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on:
        style.base_style = document.styles[based_on]
    if outline is not None:
        element = OxmlElement("w:outlineLvl")
        element.set(qn("w:val"), str(outline))
        style.element.get_or_add_pPr().append(element)
    return style


@pytest.mark.parametrize(
    ("make_style", "expected"),
    [
        (lambda d: _custom_style(d, "Rubrik 2"), "## Rubrik"),
        (lambda d: _custom_style(d, "Rubrik"), "= Rubrik"),
        (lambda d: _custom_style(d, "Avsnitt", outline=2), "### Rubrik"),
        (lambda d: _custom_style(d, "Kapitel", based_on="Heading 1"), "# Rubrik"),
        (lambda d: _custom_style(d, "Brödtext", outline=9), "Rubrik"),
        (lambda d: d.styles["TOC Heading"], "Rubrik"),
    ],
    ids=[
        "swedish-name",
        "swedish-title",
        "outline-level",
        "based-on-heading",
        "body-level",
        "toc-heading",
    ],
)
def test_heading_level_comes_from_style_name_or_outline_level(
    tmp_path: Path, make_style: Callable, expected: str
) -> None:
    document = docx.Document()
    document.add_paragraph("Rubrik", style=make_style(document))
    assert _text_of(document, tmp_path) == _dump(expected)


def test_outline_level_on_the_paragraph_itself_makes_a_heading(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Direkt")
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), "1")
    paragraph._p.get_or_add_pPr().append(element)
    assert _text_of(document, tmp_path) == _dump("## Direkt")


def test_list_styles_number_and_continue_until_a_restart(tmp_path: Path) -> None:
    document = docx.Document()
    _add_num(document, _list_number_abstract(document), num_id=80, restart=True)
    document.add_paragraph("Punkt", style="List Bullet")
    document.add_paragraph("Första", style="List Number")
    document.add_paragraph("Andra", style="List Number")
    document.add_paragraph("Mellanliggande text.")
    document.add_paragraph("Tredje", style="List Number")
    _numbered(document.add_paragraph("Ny lista", style="List Number"), 80)
    _numbered(document.add_paragraph("Andra i nya", style="List Number"), 80)
    document.add_paragraph("Fjärde", style="List Number")

    assert _text_of(document, tmp_path) == _dump(
        "- Punkt",
        "1. Första",
        "2. Andra",
        "Mellanliggande text.",
        "3. Tredje",
        "1. Ny lista",
        "2. Andra i nya",
        "4. Fjärde",
    )


def test_nested_levels_indent_and_restart_below_a_higher_level(tmp_path: Path) -> None:
    document = docx.Document()
    _add_outline_list(document)
    for text, ilvl in [
        ("Mål", 0),
        ("Delmål ett", 1),
        ("Delmål två", 1),
        ("Aktivitet", 2),
        ("Uppföljning", 0),
        ("Rapport", 1),
    ]:
        _numbered(document.add_paragraph(text), 90, ilvl)
    paragraph = _numbered(document.add_paragraph("Lång punkt"), 90, 1)
    paragraph.add_run().add_break()
    paragraph.add_run("som fortsätter")

    assert _text_of(document, tmp_path) == _dump(
        "1. Mål",
        "  a. Delmål ett",
        "  b. Delmål två",
        "    - Aktivitet",
        "2. Uppföljning",
        "  a. Rapport",
        "  b. Lång punkt",
        "     som fortsätter",
    )


@pytest.mark.parametrize(
    ("number_format", "labels"),
    [
        ("upperLetter", ["A.", "B.", "C.", "D."]),
        ("lowerRoman", ["i.", "ii.", "iii.", "iv."]),
        ("upperRoman", ["I.", "II.", "III.", "IV."]),
        ("decimalZero", ["1.", "2.", "3.", "4."]),
        ("none", ["", "", "", ""]),
    ],
)
def test_number_formats(tmp_path: Path, number_format: str, labels: list[str]) -> None:
    document = docx.Document()
    _add_outline_list(document, (number_format,))
    for _ in labels:
        _numbered(document.add_paragraph("Punkt"), 90)
    _numbered(document.add_paragraph("Odefinierad nivå"), 90, ilvl=3)
    expected = [f"{label} Punkt".lstrip() for label in labels] + ["Odefinierad nivå"]
    assert _text_of(document, tmp_path) == _dump(*expected)


def test_table_is_aligned_with_a_rule_under_the_header_row(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Före tabellen.")
    table = document.add_table(rows=3, cols=3)
    for row, texts in zip(
        table.rows,
        [
            ("Post", "Belopp", "Kommentar"),
            ("Lön", "100 000", ""),
            ("Lokalhyra", "20 000", "Del ett"),
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    table.cell(2, 2).add_paragraph("Del två")
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    document.add_paragraph("Efter tabellen.")

    assert _text_of(document, tmp_path) == _dump(
        "Före tabellen.",
        "",
        "Post      | Belopp  | Kommentar",
        "-" * 39,
        "Lön       | 100 000 |",
        "Lokalhyra | 20 000  | Del ett / Del två",
        "",
        "Efter tabellen.",
    )


def test_hyperlink_shows_its_url_unless_the_text_is_the_url(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Läs mer på ")
    _hyperlink(paragraph, "kommunens webbplats", url="https://example.se/iop")
    paragraph.add_run(".")
    _hyperlink(document.add_paragraph(), "https://example.se", url="https://example.se")
    paragraph = document.add_paragraph("Se ")
    _hyperlink(paragraph, "bilaga 1", anchor="Bilaga1")
    _hyperlink(document.add_paragraph(), "Avsnitt", url="https://example.se/a", anchor="del-2")

    assert _text_of(document, tmp_path) == _dump(
        "Läs mer på kommunens webbplats <https://example.se/iop>.",
        "https://example.se",
        "Se bilaga 1",
        "Avsnitt <https://example.se/a#del-2>",
    )


def _page_header(paragraph: Paragraph, add_field: Callable) -> None:
    paragraph.text = "Sida "
    add_field(paragraph, "PAGE \\* MERGEFORMAT", "1")
    paragraph.add_run(" av ")
    add_field(paragraph, "NUMPAGES", "3")


@pytest.mark.parametrize("add_field", [_complex_field, _simple_field], ids=["complex", "simple"])
def test_headers_and_footers_come_first_once_each(tmp_path: Path, add_field: Callable) -> None:
    document = docx.Document()
    first = document.sections[0]
    _page_header(first.header.paragraphs[0], add_field)
    first.different_first_page_header_footer = True
    first.first_page_header.paragraphs[0].text = "Första sidan"
    footer = first.footer
    footer.paragraphs[0].text = "Utskrivet "
    add_field(footer.paragraphs[0], "DATE \\@ yyyy-MM-dd", "2024-05-01")
    cells = footer.add_table(rows=1, cols=2, width=first.page_width).rows[0].cells
    cells[0].text, cells[1].text = "Kommunen", "Dnr 2024/1"
    document.add_paragraph("Brödtext.")
    second = document.add_section()
    second.header.is_linked_to_previous = False
    _page_header(second.header.paragraphs[0], add_field)
    document.add_paragraph("Andra avsnittet.")

    assert _text_of(document, tmp_path) == _dump(
        "[sidhuvud] Sida {sida} av {antal sidor}",
        "[sidhuvud] Första sidan",
        "[sidfot] Utskrivet 2024-05-01",
        "[sidfot] Kommunen | Dnr 2024/1",
        "",
        "Brödtext.",
        "Andra avsnittet.",
    )


def _toc_entry(paragraph: Paragraph, title: str, page: str) -> None:
    link = parse_xml(f'<w:hyperlink {nsdecls("w")} w:anchor="_Toc{page}"/>')
    paragraph._p.append(link)
    link.append(_xml(f"<w:t>{title}</w:t><w:tab/>"))
    for markup in (
        '<w:fldChar w:fldCharType="begin"/>',
        f"<w:instrText> PAGEREF _Toc{page} \\h </w:instrText>",
        '<w:fldChar w:fldCharType="separate"/>',
        f"<w:t>{page}</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        link.append(_xml(markup))


def test_toc_field_spanning_paragraphs_shows_marker_and_cached_entries(tmp_path: Path) -> None:
    document = docx.Document()
    first = document.add_paragraph()
    for markup in (
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
    ):
        first._p.append(_xml(markup))
    _toc_entry(first, "1 Ärendet", "2")
    _toc_entry(document.add_paragraph(), "2 Bakgrund", "3")
    document.add_paragraph()._p.append(_xml('<w:fldChar w:fldCharType="end"/>'))
    document.add_heading("Ärendet", 1)
    paragraph = document.add_paragraph("Denna sida: ")
    _complex_field(paragraph, "PAGE", "2")

    assert _text_of(document, tmp_path) == _dump(
        "[innehållsförteckning]",
        "1 Ärendet 2",
        "2 Bakgrund 3",
        "",
        "# Ärendet",
        "Denna sida: {sida}",
    )


@pytest.mark.parametrize(
    "add_toc",
    [
        lambda p: _simple_field(p, "TOC \\o &quot;1-3&quot;", ""),
        lambda p: [
            p._p.append(_xml(m))
            for m in (
                '<w:fldChar w:fldCharType="begin"/>',
                "<w:instrText>TOC \\o</w:instrText>",
                '<w:fldChar w:fldCharType="end"/>',
            )
        ],
    ],
    ids=["simple", "never-updated"],
)
def test_toc_without_entries_still_shows_its_marker(tmp_path: Path, add_toc: Callable) -> None:
    document = docx.Document()
    add_toc(document.add_paragraph())
    document.add_paragraph("Text.")
    assert _text_of(document, tmp_path) == _dump("[innehållsförteckning]", "Text.")


def test_tracked_changes_and_content_controls(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Beslut ")
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">'
            "<w:r><w:delText>avslag</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z">'
            "<w:r><w:t>bifall</w:t></w:r></w:ins>"
        )
    )
    document.element.body.insert(
        0,
        parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Dnr"/></w:sdtPr><w:sdtContent>'
            "<w:p><w:r><w:t>Dnr 2024/17</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    assert _text_of(document, tmp_path) == _dump("Dnr 2024/17", "Beslut bifall")


def _sample(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Titel", 0)
    document.add_paragraph("Punkt", style="List Number")
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "A"
    document.save(path)
    return path


def test_same_document_gives_same_text_from_any_source(tmp_path: Path) -> None:
    one, two = _sample(tmp_path / "ett.docx"), _sample(tmp_path / "två.docx")
    data = one.read_bytes()
    texts = {docx_text(one), docx_text(two), docx_text(data), docx_text(io.BytesIO(data))}
    assert texts == {_dump("= Titel", "1. Punkt", "", "A |")}


def test_blocks_carry_kind_level_and_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "Kommunen"
    document.add_heading("Beslut", 2)
    document.add_paragraph("Mål", style="List Bullet")
    document.add_table(rows=1, cols=2).rows[0].cells[1].text = "x"
    path = tmp_path / "block.docx"
    document.save(path)

    blocks = docx_blocks(path)

    assert blocks == [
        Block("footer", 0, "[sidfot] Kommunen"),
        Block("heading", 2, "## Beslut"),
        Block("list", 0, "- Mål"),
        Block("table", 0, " | x"),
    ]
    assert (
        docx_text(path)
        == "\n".join(["[sidfot] Kommunen", "", "## Beslut", "- Mål", "", " | x"]) + "\n"
    )


def test_default_template_documents_work(tmp_path: Path) -> None:
    empty = tmp_path / "tom.docx"
    docx.Document().save(empty)
    document = docx.Document()
    document.add_paragraph("Citat", style="Quote")
    document.add_paragraph("Stort citat", style="Intense Quote")
    document.add_paragraph("Listparagraf", style="List Paragraph")
    document.add_paragraph("Underrubrik", style="Subtitle")
    document.add_page_break()
    table = document.add_table(rows=2, cols=2, style="Light Grid Accent 1")
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Sammanslagen"
    table.cell(1, 1).text = "B"
    document.add_paragraph("Bildtext", style="Caption")

    assert docx_text(empty) == ""
    assert _text_of(document, tmp_path) == _dump(
        "Citat",
        "Stort citat",
        "Listparagraf",
        "Underrubrik",
        "",
        "Sammanslagen",
        " " * 12 + " | B",
        "",
        "Bildtext",
    )


@pytest.mark.parametrize("source", [b"inte en docx", Path("saknas.docx")], ids=["bytes", "path"])
def test_unreadable_input_raises_a_swedish_error(tmp_path: Path, source) -> None:
    if isinstance(source, Path):
        source = tmp_path / source
    with pytest.raises(DocxReadError, match="kan inte läsas") as info:
        docx_text(source)
    assert isinstance(info.value, IopdocsError)
    assert "Package not found" not in str(info.value)
    assert "finns inte" in str(info.value) or "inget Word-paket" in str(info.value)
