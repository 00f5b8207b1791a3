"""`iopdocs redline`: Word tracked changes that turn OLD into NEW, word by word."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import soffice_pdf
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_diff import EDITS, TEMPLATES, edit_example, write_docx

from iopdocs.cli import main
from iopdocs.review import redline
from iopdocs.word.text import docx_text

NBSP = "\u00a0"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STORIES = ("word/document.xml", "word/header", "word/footer")


def resolve(data: bytes, accept: bool) -> bytes:
    """Return the document with every tracked change accepted (or rejected), as Word would."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            blob = source.read(item)
            if item.filename.startswith(STORIES):
                blob = _resolve_xml(blob, accept)
            target.writestr(item, blob)
    return out.getvalue()


def _resolve_xml(blob: bytes, accept: bool) -> bytes:
    """Accept or reject every w:ins and w:del of one part."""
    root = etree.fromstring(blob)
    for change in list(root.iter(qn("w:pPrChange"))):
        properties = change.getparent()
        properties.remove(change)
        if not accept:  # OLD's own properties come back; the mark and section stay
            kept_tags = (qn("w:rPr"), qn("w:sectPr"))
            kept_children = [c for c in properties if c.tag in kept_tags]
            properties[:] = [*change.find(qn("w:pPr")), *kept_children]
    gone, kept = (qn("w:del"), qn("w:ins")) if accept else (qn("w:ins"), qn("w:del"))
    rows = [tr for tr in root.iter(qn("w:tr")) if tr.find(f"w:trPr/{gone}", {"w": W}) is not None]
    for tr in rows:
        tr.getparent().remove(tr)
    for mark in list(root.iter(gone)):
        parent = mark.getparent()
        if parent.tag == qn("w:rPr"):  # a paragraph mark: the paragraph joins the next one
            p = parent.getparent().getparent()
            following = p.getnext()
            if following is not None and following.tag == qn("w:p"):
                properties = following.find(qn("w:pPr"))
                at = 0 if properties is None else 1
                for child in [c for c in p if c.tag != qn("w:pPr")][::-1]:
                    following.insert(at, child)
            p.getparent().remove(p)
    for element in list(root.iter(gone)):
        element.getparent().remove(element)
    for link in list(root.iter(qn("w:hyperlink"))):  # nothing left to show
        if link.find(f".//{qn('w:r')}") is None:
            link.getparent().remove(link)
    for element in list(root.iter(kept)):
        parent = element.getparent()
        if parent.tag in (qn("w:rPr"), qn("w:trPr")):
            parent.remove(element)
        else:
            for child in element:
                element.addprevious(child)
            parent.remove(element)
    for text in root.iter(qn("w:delText"), qn("w:delInstrText")):
        text.tag = qn("w:t") if text.tag == qn("w:delText") else qn("w:instrText")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def part(data: bytes, name: str = "word/document.xml") -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def revisions(data: bytes, name: str = "word/document.xml") -> list[tuple[str, str, object]]:
    """Return each w:ins/w:del that holds text: kind, its words, and where it is.

    Where: (first cell of the row, column) in a table, else the paragraph's text
    once the changes are accepted (or, for a deleted paragraph, rejected).
    """
    found = []
    for wrapper in part(data, name).iter(qn("w:ins"), qn("w:del")):
        if wrapper.getparent().tag in (qn("w:rPr"), qn("w:trPr")):
            continue
        words = "".join(wrapper.itertext())
        kind = etree.QName(wrapper).localname
        found.append((kind, words, _where(wrapper)))
    return found


def _where(element: etree._Element) -> object:
    """Return the table cell (row label, column) or paragraph text that holds `element`."""
    p = next(a for a in element.iterancestors() if a.tag == qn("w:p"))
    cell = next((a for a in p.iterancestors() if a.tag == qn("w:tc")), None)
    if cell is not None:
        row = cell.getparent()
        cells = row.findall(qn("w:tc"))
        return "".join(cells[0].itertext()), cells.index(cell)
    accepted = "".join(t.text or "" for t in p.iter(qn("w:t")) if _inserted_or_kept(t))
    return accepted or "".join(t.text or "" for t in p.iter(qn("w:delText")))


def _inserted_or_kept(t: etree._Element) -> bool:
    return not any(a.tag == qn("w:del") for a in t.iterancestors())


def make(tmp_path: Path, **edit) -> tuple[Path, Path, bytes]:
    """Return OLD, NEW (with `edit`) and their redline's bytes."""
    old = write_docx(tmp_path / "old.docx")
    new = write_docx(tmp_path / "new.docx", **edit)
    return old, new, redline.redline(old, new).data


EXPECTED = {
    "amount": [("del", "100", ("Föreningen A", 1)), ("ins", "120", ("Föreningen A", 1))],
    "point": [("ins", *["Beslutet gäller från och med 2025-01-01."] * 2)],
    "reword": [
        ("ins", "som lever ", "Partnerskapet vänder sig till vuxna som lever i ensamhet."),
        ("del", "socialt utanförskap", "Partnerskapet vänder sig till vuxna som lever i ensamhet."),
        ("ins", "ensamhet", "Partnerskapet vänder sig till vuxna som lever i ensamhet."),
    ],
    "remove_party": [
        ("del", "Föreningen C", ("Föreningen C", 0)),
        ("del", f"25{NBSP}000{NBSP}kr", ("Föreningen C", 1)),
        ("del", "Föreningen C", "Föreningen C"),
    ],
}


@pytest.mark.parametrize("edit", EDITS)
def test_known_edit_becomes_exactly_these_tracked_words(tmp_path, edit):
    _, _, data = make(tmp_path, **EDITS[edit][0])
    assert revisions(data) == EXPECTED[edit]


def all_edits() -> dict:
    options: dict = {}
    for edit_options, _ in EDITS.values():
        options.update(edit_options)
    return options


@pytest.mark.parametrize("edit", [*EDITS, "all"])
def test_accepting_gives_new_and_rejecting_gives_old(tmp_path, edit):
    options = all_edits() if edit == "all" else EDITS[edit][0]
    old, new, data = make(tmp_path, **options)
    assert docx_text(resolve(data, accept=True)) == docx_text(new)
    assert docx_text(resolve(data, accept=False)) == docx_text(old)


def test_removed_row_and_paragraph_marks_are_tracked(tmp_path):
    _, _, data = make(tmp_path, remove_party=True, point=True)
    root = part(data)
    deleted_rows = root.findall(".//w:tr/w:trPr/w:del", {"w": W})
    assert len(deleted_rows) == 1
    marks = {
        etree.QName(m).localname: "".join(m.getparent().getparent().getparent().itertext())
        for m in root.iterfind(".//w:p/w:pPr/w:rPr/*", {"w": W})
        if etree.QName(m).localname in ("ins", "del")
    }
    assert marks["ins"] == "Beslutet gäller från och med 2025-01-01."
    assert "Föreningen C" in marks["del"]


def test_new_styles_and_run_formatting_are_kept(tmp_path):
    _, new, data = make(tmp_path, reword=True)
    with zipfile.ZipFile(new) as original, zipfile.ZipFile(io.BytesIO(data)) as result:
        for name in ("word/styles.xml", "word/numbering.xml"):
            assert result.read(name) == original.read(name)
    paragraph = next(
        p for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.startswith("Partnerskapet")
    )
    assert [(run.text, run.bold) for run in paragraph.runs] == [
        ("Partnerskapet vänder sig till ", None),
        ("vuxna", True),
        (" ", None),
        ("i ", None),
        (".", None),
    ]


def test_same_inputs_give_same_bytes_with_unique_ids(tmp_path):
    old, new, data = make(tmp_path, **all_edits())
    assert redline.redline(old, new).data == data
    ids = [e.get(qn("w:id")) for e in part(data).iter(qn("w:ins"), qn("w:del"))]
    assert len(ids) == len(set(ids)) > 5


def test_author_and_date_default_to_iopdocs_and_new_modified_date(tmp_path):
    old = write_docx(tmp_path / "old.docx")
    document = docx.Document(write_docx(tmp_path / "new.docx", point=True))
    document.core_properties.modified = datetime(2024, 3, 5, 9, 30)
    document.save(tmp_path / "new.docx")
    marks = list(part(redline.redline(old, tmp_path / "new.docx").data).iter(qn("w:ins")))
    assert {(m.get(qn("w:author")), m.get(qn("w:date"))) for m in marks} == {
        ("iopdocs", "2024-03-05T09:30:00Z")
    }
    data = redline.redline(old, tmp_path / "new.docx", "Granskare", date(2025, 1, 2)).data
    marks = list(part(data).iter(qn("w:ins")))
    assert {(m.get(qn("w:author")), m.get(qn("w:date"))) for m in marks} == {
        ("Granskare", "2025-01-02T00:00:00Z")
    }


def test_equal_documents_give_no_revisions(tmp_path):
    old = write_docx(tmp_path / "old.docx")
    new = write_docx(tmp_path / "new.docx")
    result = redline.redline(old, new)
    assert (result.insertions, result.deletions) == (0, 0)
    assert revisions(result.data) == []
    assert docx_text(result.data) == docx_text(new)


def with_header(path: Path, text: str) -> Path:
    document = docx.Document(path)
    document.sections[0].header.paragraphs[0].text = text
    document.save(path)
    return path


def test_page_header_changes_are_tracked_too(tmp_path):
    old = with_header(write_docx(tmp_path / "old.docx"), "Tjänsteskrivelse 2023-08-30")
    new = with_header(write_docx(tmp_path / "new.docx"), "Tjänsteskrivelse 2023-09-01")
    data = redline.redline(old, new).data
    header = next(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "header" in n)
    assert [(kind, words) for kind, words, _ in revisions(data, header)] == [
        ("del", "2023-08-30"),
        ("ins", "2023-09-01"),
    ]
    assert docx_text(resolve(data, accept=False)) == docx_text(old)


def add_link(path: Path, text: str, url: str) -> Path:
    """Append a paragraph that is one external hyperlink."""
    document = docx.Document(path)
    paragraph = document.add_paragraph()
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), document.part.relate_to(url, RT.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)
    document.save(path)
    return path


def test_removed_hyperlink_paragraph_keeps_a_working_link(tmp_path):
    old = add_link(write_docx(tmp_path / "old.docx"), "Kommunens mål", "https://example.org/mal")
    new = write_docx(tmp_path / "new.docx")
    data = redline.redline(old, new).data
    assert revisions(data) == [("del", "Kommunens mål", "Kommunens mål")]
    link = next(part(data).iter(qn("w:hyperlink")))
    rels = part(data, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    assert targets[link.get(qn("r:id"))] == "https://example.org/mal"
    assert docx_text(resolve(data, accept=False)) == docx_text(old)


def test_changed_hyperlink_paragraph_is_replaced_whole(tmp_path):
    old = add_link(write_docx(tmp_path / "old.docx"), "Mål 2023", "https://example.org/a")
    new = add_link(write_docx(tmp_path / "new.docx"), "Mål 2024", "https://example.org/a")
    data = redline.redline(old, new).data
    assert [(kind, words) for kind, words, _ in revisions(data)] == [
        ("del", "Mål 2023"),
        ("ins", "Mål 2024"),
    ]
    assert docx_text(resolve(data, accept=True)) == docx_text(new)
    assert docx_text(resolve(data, accept=False)) == docx_text(old)


def test_unreadable_inputs_are_all_named_in_swedish(tmp_path):
    bad = tmp_path / "trasig.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(redline.RedlineError) as error:
        redline.redline(bad, tmp_path / "saknas.docx")
    message = str(error.value)
    assert f"{bad}: kan inte läsas som Word-dokument" in message
    assert f"{tmp_path / 'saknas.docx'}: finns inte" in message


def test_input_with_tracked_changes_is_refused(tmp_path):
    _, new, data = make(tmp_path, point=True)
    (tmp_path / "granskad.docx").write_bytes(data)
    result = CliRunner().invoke(
        main, ["redline", str(tmp_path / "granskad.docx"), str(new), "-o", str(tmp_path / "x.docx")]
    )
    assert result.exit_code == 2
    assert "innehåller redan spårade ändringar" in result.output
    assert not (tmp_path / "x.docx").exists()


def test_cli_writes_the_redline_and_counts_changes(tmp_path):
    old = write_docx(tmp_path / "old.docx")
    new = write_docx(tmp_path / "new.docx", amount="120 000 kr")
    out = tmp_path / "granskning" / "changes.docx"
    result = CliRunner().invoke(
        main, ["redline", str(old), str(new), "-o", str(out), "--datum", "2024-01-01"]
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"{out}: 1 infogat och 1 borttaget textavsnitt\n"
    assert out.read_bytes() == redline.redline(old, new, when=date(2024, 1, 1)).data
    assert [p.name for p in out.parent.iterdir()] == ["changes.docx"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")
def test_libreoffice_opens_the_redline_and_shows_both_versions(tmp_path):
    from pypdf import PdfReader

    old = write_docx(tmp_path / "old.docx")
    new = write_docx(tmp_path / "new.docx", **all_edits())
    out = redline.write_redline(old, new, tmp_path / "changes.docx")
    assert out.insertions and out.deletions
    soffice_pdf([tmp_path / "changes.docx"], tmp_path / "pdf", tmp_path / "profile")
    pdf = tmp_path / "pdf" / "changes.pdf"
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    for words in ("120", "100", "Föreningen C", "ensamhet", "utanförskap", "Beslutet gäller"):
        assert words in text, words


def build(project_dir: Path, out: Path) -> None:
    settings = str(project_dir / "iopdocs.yaml")
    result = CliRunner().invoke(main, ["build", "--installningar", settings, "--ut", str(out)])
    assert result.exit_code == 0, result.output


@pytest.mark.skipif(not TEMPLATES, reason="mallarna i templates/ saknas")
def test_real_output_redline_has_exactly_the_edited_words(project_dir, example_case, tmp_path):
    build(project_dir, project_dir / "before")
    edit_example(example_case)
    build(project_dir, project_dir / "after")
    folder = example_case.stem
    expected = {
        "tjansteskrivelse.docx": [("del", "638"), ("del", "690"), ("ins", "648"), ("ins", "700")]
        + [("ins", "helt")],
        "iop-overenskommelse.docx": [("del", "362"), ("del", "638"), ("del", "638")]
        + [("del", "690"), ("ins", "352"), ("ins", "648"), ("ins", "648"), ("ins", "700")],
    }
    for name, words in expected.items():
        old = project_dir / "before" / folder / name
        new = project_dir / "after" / folder / name
        data = redline.write_redline(old, new, tmp_path / name).data
        found = sorted((kind, text.strip()) for kind, text, _ in revisions(data))
        assert found == sorted(words), name
        assert docx_text(resolve(data, accept=True)) == docx_text(new)
        assert docx_text(resolve(data, accept=False)) == docx_text(old)


WORDS = ["Nämnden", "beslutar", "att", "förlänga", "avtalet", "100", "000", "kr", "IOGT-NTO", "."]
texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=5).map(" ".join)
rows = st.lists(st.tuples(texts, texts), min_size=1, max_size=4)
bodies = st.lists(st.one_of(texts, rows), min_size=0, max_size=6)


def write_body(path: Path, body: list) -> Path:
    """Write paragraphs (str) and two-column tables (lists of rows) in order."""
    document = docx.Document()
    for item in body:
        if isinstance(item, str):
            document.add_paragraph(item, style="List Number" if "kr" in item else None)
            continue
        table = document.add_table(rows=0, cols=2)
        for left, right in item:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = left, right
    document.save(path)
    return path


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(old_body=bodies, new_body=bodies)
def test_any_edit_accepts_to_new_and_rejects_to_old(tmp_path, old_body, new_body):
    old = write_body(tmp_path / "old.docx", old_body)
    new = write_body(tmp_path / "new.docx", new_body)
    data = redline.redline(old, new).data
    assert docx_text(resolve(data, accept=True)) == docx_text(new)
    assert docx_text(resolve(data, accept=False)) == docx_text(old)
