"""check_accessibility: good documents pass; each broken rule is found, placed and explained."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import add_amount_table
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from iopdocs.cli import main
from iopdocs.errors import IopdocsError
from iopdocs.publish.accessibility import Finding, check_accessibility, documents_in, summary

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def good_document() -> Document:
    """Return a document that follows every rule: title, sv-SE, headings, table, list, image."""
    document = docx.Document()
    lang = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")[0]
    lang.set(qn("w:val"), "sv-SE")
    document.core_properties.title = "Tjänsteskrivelse"
    document.add_paragraph("Tjänsteskrivelse", "Title")
    document.add_heading("Bakgrund", 1)
    document.add_paragraph("Förslaget bygger på:")
    document.add_paragraph("en överenskommelse", "List Bullet")
    document.add_heading("Ekonomi", 1)
    document.add_heading("Fördelning", 2)
    add_amount_table(document)
    document.add_picture(io.BytesIO(PNG))
    doc_pr(document)[-1].set("descr", "Kommunens logotyp")
    document.add_paragraph("Minus -5 grader är inte en lista.")
    document.add_paragraph("")  # the last paragraph of a document may be empty
    return document


def doc_pr(document: Document) -> list:
    """Return the wp:docPr elements (one per image) of the body."""
    return document.element.body.xpath(".//wp:docPr")


def save(document: Document, path: Path) -> Path:
    document.save(path)
    return path


def findings_of(document: Document, tmp_path: Path) -> list[Finding]:
    return check_accessibility([save(document, tmp_path / "dokument.docx")])


def test_good_document_has_no_findings(tmp_path):
    assert findings_of(good_document(), tmp_path) == []


def insert_before_table(document: Document, make: Callable[[Document], object]) -> None:
    """Add a paragraph with `make` and move it to just before the first table."""
    paragraph = make(document)
    document.tables[0]._tbl.addprevious(paragraph._p)


def skip_to_heading_3(document: Document) -> None:
    document.paragraphs[5].style = document.styles["Heading 3"]  # "Fördelning" under Ekonomi


def heading_2_under_title(document: Document) -> None:
    document.paragraphs[1].style = document.styles["Heading 2"]


def no_language(document: Document) -> None:
    lang = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")[0]
    lang.getparent().remove(lang)


def english(document: Document) -> None:
    document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")[0].set(
        qn("w:val"), "en-US"
    )


def no_title(document: Document) -> None:
    document.core_properties.title = ""


def no_header_row(document: Document) -> None:
    header = document.tables[0].rows[0]._tr.trPr
    header.remove(header.find(qn("w:tblHeader")))


def merged_across(document: Document) -> None:
    table = document.tables[0]
    table.cell(1, 0).merge(table.cell(1, 1))


def merged_down(document: Document) -> None:
    table = document.tables[0]
    table.cell(1, 1).merge(table.cell(2, 1))


def empty_paragraph(document: Document) -> None:
    insert_before_table(document, lambda d: d.add_paragraph(""))


def image_without_alt_text(document: Document) -> None:
    del doc_pr(document)[-1].attrib["descr"]


def typed_bullet(document: Document) -> None:
    insert_before_table(document, lambda d: d.add_paragraph("• Första punkten"))


def typed_dash(document: Document) -> None:
    insert_before_table(document, lambda d: d.add_paragraph("-\tAndra punkten"))


BROKEN = [
    (skip_to_heading_3, "T001", "stycke 6 ”Fördelning”", "nivå 3 direkt under Rubrik 1"),
    (heading_2_under_title, "T001", "stycke 2 ”Bakgrund”", "direkt under dokumentets titel"),
    (no_language, "T002", "formatmallarna", "språk är inte angivet. Ange sv-SE"),
    (english, "T002", "formatmallarna", "språk är en-US, inte sv-SE"),
    (no_title, "T003", "egenskaperna", "saknar titel"),
    (no_header_row, "T004", "tabell 1 ”Post | Belopp”", "Upprepa som rubrikrad"),
    (merged_across, "T005", "tabell 1 ”Post | Belopp”", "sammanslagna celler (rad 2)"),
    (merged_down, "T005", "tabell 1 ”Post | Belopp”", "sammanslagna celler (rad 2, 3)"),
    (empty_paragraph, "T006", "stycke 7 (efter ”Fördelning”)", "tomt stycke"),
    (image_without_alt_text, "T007", "bild 1 ”Picture 1” i brödtexten", "alternativtext"),
    (typed_bullet, "T008", "stycke 7 ”• Första punkten”", "tecknet ”•”"),
    (typed_dash, "T008", "stycke 7 ”- Andra punkten”", "riktig lista"),
]


@pytest.mark.parametrize(
    ("breakage", "code", "place", "words"), BROKEN, ids=[b[0].__name__ for b in BROKEN]
)
def test_broken_rule_is_found_placed_and_explained(tmp_path, breakage, code, place, words):
    document = good_document()
    breakage(document)
    findings = findings_of(document, tmp_path)
    assert [(f.code, f.place) for f in findings] == [(code, place)]
    assert words in findings[0].message
    assert str(findings[0]).startswith(f"{tmp_path / 'dokument.docx'}: {place}: {code}: ")


def page_break_paragraph(document: Document) -> None:
    insert_before_table(document, lambda d: d.add_paragraph())
    document.tables[0]._tbl.getprevious().append(
        parse_xml(f'<w:r {nsdecls("w")}><w:br w:type="page"/></w:r>')
    )


def field_paragraph(document: Document) -> None:
    insert_before_table(document, lambda d: d.add_paragraph())
    document.tables[0]._tbl.getprevious().append(
        parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>')
    )


def decorative_image(document: Document) -> None:
    pr = doc_pr(document)[-1]
    del pr.attrib["descr"]
    pr.append(
        parse_xml(
            '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
            '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
            "</a:ext></a:extLst>"
        )
    )


def dash_in_a_real_list(document: Document) -> None:
    insert_before_table(document, lambda d: d.add_paragraph("- i en riktig lista", "List Bullet"))


def one_row_layout_table(document: Document) -> None:
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1))
    document.tables[0]._tbl.addprevious(table._tbl)


ALLOWED = [
    page_break_paragraph,
    field_paragraph,
    decorative_image,
    dash_in_a_real_list,
    one_row_layout_table,
]


@pytest.mark.parametrize("allowed", ALLOWED, ids=[a.__name__ for a in ALLOWED])
def test_allowed_variations_are_not_findings(tmp_path, allowed):
    document = good_document()
    allowed(document)
    assert findings_of(document, tmp_path) == []


def test_all_problems_of_a_document_are_reported_together(tmp_path):
    document = good_document()
    for breakage in (no_title, no_language, empty_paragraph, typed_bullet):
        breakage(document)
    codes = sorted(f.code for f in findings_of(document, tmp_path))
    assert codes == ["T002", "T003", "T006", "T008"]


def test_unreadable_word_file_is_a_finding_not_a_crash(tmp_path):
    path = tmp_path / "trasig.docx"
    path.write_bytes(b"inte en zip")
    assert [(f.code, f.place) for f in check_accessibility([path])] == [("T009", "dokumentet")]


# --- PDF ---------------------------------------------------------------------------------------


def make_pdf(
    path: Path, tagged: bool = True, outline: bool = True, page_tagged: bool = True
) -> Path:
    """Write a one-page PDF; tagged ones have a structure tree with one H1, language and title."""
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 10 10 Td (Bakgrund) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(content)
    root = writer._root_object
    if tagged:
        heading = DictionaryObject(
            {NameObject("/S"): NameObject("/H1"), NameObject("/K"): NumberObject(0)}
        )
        tree = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructTreeRoot"),
                NameObject("/K"): ArrayObject([writer._add_object(heading)]),
            }
        )
        root[NameObject("/StructTreeRoot")] = writer._add_object(tree)
        root[NameObject("/MarkInfo")] = DictionaryObject(
            {NameObject("/Marked"): BooleanObject(True)}
        )
        root[NameObject("/Lang")] = TextStringObject("sv-SE")
        root[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)}
        )
        writer.add_metadata({"/Title": "Tjänsteskrivelse"})
        if page_tagged:
            page[NameObject("/StructParents")] = NumberObject(0)
        if outline:
            writer.add_outline_item(title="Bakgrund", page_number=0)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def codes_of(path: Path) -> list[tuple[str, str]]:
    return [(f.code, f.place) for f in check_accessibility([path])]


def test_tagged_pdf_with_language_title_and_bookmarks_passes(tmp_path):
    assert codes_of(make_pdf(tmp_path / "bra.pdf")) == []


def test_untagged_pdf_is_found_with_what_to_do(tmp_path):
    path = make_pdf(tmp_path / "otaggad.pdf", tagged=False)
    findings = check_accessibility([path])
    assert [f.code for f in findings] == ["T101", "T102", "T103", "T104"]
    assert "PDF:en är inte taggad" in findings[0].message and "--pdf" in findings[0].message


def test_pdf_with_headings_but_no_bookmarks(tmp_path):
    assert codes_of(make_pdf(tmp_path / "p.pdf", outline=False)) == [("T105", "dokumentet")]


def test_pdf_page_outside_the_structure_tree(tmp_path):
    assert codes_of(make_pdf(tmp_path / "p.pdf", page_tagged=False)) == [("T106", "sida 1")]


def test_unreadable_pdf_is_a_finding(tmp_path):
    path = tmp_path / "trasig.pdf"
    path.write_bytes(b"%PDF-1.4 trasig")
    assert codes_of(path) == [("T009", "dokumentet")]


# --- Finding the documents ---------------------------------------------------------------------


def test_folders_are_searched_for_word_and_pdf_files(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ["a/x.docx", "a/y.pdf", "b.docx", "a/~$x.docx", "a/.dold.pdf", "a/z.txt"]:
        (tmp_path / name).write_bytes(b"")
    assert documents_in([tmp_path]) == [
        tmp_path / "a/x.docx",
        tmp_path / "a/y.pdf",
        tmp_path / "b.docx",
    ]


@pytest.mark.parametrize(
    ("count", "line"),
    [(0, "Inga brister i"), (1, "1 brist i"), (2, "2 brister i")],
)
def test_summary_counts_in_swedish(tmp_path, count, line):
    findings = [Finding(tmp_path, "dokumentet", "T003", "")] * count
    assert summary(findings, 3) == f"{line} tillgängligheten i 3 dokument."


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(IopdocsError, match="saknas.docx: finns inte"):
        documents_in([tmp_path / "saknas.docx"])


# --- iopdocs check-accessibility -----------------------------------------------------------------


def test_cli_passes_good_documents_in_output_by_default(tmp_path, monkeypatch):
    save(good_document(), (tmp_path / "output").mkdir() or tmp_path / "output" / "bra.docx")
    make_pdf(tmp_path / "output" / "bra.pdf")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check-accessibility"])
    assert result.exit_code == 0, result.output
    assert result.output == "Inga brister i tillgängligheten i 2 dokument.\n"


def test_cli_lists_findings_and_exits_1(tmp_path):
    document = good_document()
    no_title(document)
    path = save(document, tmp_path / "utan-titel.docx")
    save(good_document(), tmp_path / "bra.docx")
    result = CliRunner().invoke(main, ["check-accessibility", str(path), str(tmp_path)])
    assert result.exit_code == 1
    assert f"{path}: egenskaperna: T003: dokumentet saknar titel." in result.output
    assert result.output.endswith("1 brist i tillgängligheten i 2 dokument.\n")


def test_cli_missing_path_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["check-accessibility", str(tmp_path / "saknas")])
    assert result.exit_code == 2 and "saknas: finns inte" in result.output
