"""PdfConverter: one LibreOffice start per batch, accessible and reproducible PDFs."""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
import threading
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import add_amount_table
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from pypdf import PdfReader

from iopdocs.cli import main
from iopdocs.publish.accessibility import check_accessibility
from iopdocs.publish.pdf import PdfConverter, PdfError, export_filter, normalise_pdf, require_all
from iopdocs.word.structure import visible_text

ROOT = Path(__file__).resolve().parents[2]
HEADINGS = [(1, "Bakgrund"), (2, "Så togs förslaget fram"), (1, "Ekonomi"), (2, "Finansiering")]
TOC_PLACEHOLDER = "Högerklicka och välj Uppdatera fält."
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")


def make_document(path: Path, title: str, toc: bool = False) -> Path:
    """Write a small accessible .docx: sv-SE, a title, headings on two levels and a table."""
    document = docx.Document()
    lang = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")[0]
    lang.set(qn("w:val"), "sv-SE")
    document.core_properties.title = title
    document.core_properties.modified = datetime(2024, 10, 15, tzinfo=UTC)
    document.add_paragraph(title, "Title")
    if toc:
        add_toc(document)
    for level, text in HEADINGS:
        document.add_heading(text, level)
        document.add_paragraph(f"Text om {text.lower()} i {title}.")
    add_amount_table(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def add_toc(document: docx.document.Document) -> None:
    """Add a TOC field showing only a placeholder, then a page break, as the templates do."""
    paragraph = document.add_paragraph()
    for xml in [
        '<w:fldChar w:fldCharType="begin" w:dirty="true"/>',
        '<w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        f"<w:t>{TOC_PLACEHOLDER}</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ]:
        paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}>{xml}</w:r>"))
    document.add_page_break()


def pdf_text(data: bytes) -> list[str]:
    """Return the text of each page."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def counting_soffice(folder: Path) -> tuple[Path, Path]:
    """Return a soffice wrapper that logs each start, and its log."""
    log = folder / "starts.log"
    wrapper = folder / "soffice"
    wrapper.write_text(f'#!/bin/sh\necho start >> "{log}"\nexec soffice "$@"\n')
    wrapper.chmod(0o755)
    return wrapper, log


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Convert three documents (two with the same name) in one converter; return what we know."""
    folder = tmp_path_factory.mktemp("batch")
    sources = [
        make_document(folder / "a" / "memo.docx", "Tjänsteskrivelse A", toc=True),
        make_document(folder / "b" / "memo.docx", "Tjänsteskrivelse B"),
        make_document(folder / "c" / "avtal.docx", "Överenskommelse C"),
    ]
    soffice, log = counting_soffice(folder)
    with PdfConverter(soffice=soffice) as converter:
        results = converter.convert_files(sources)
    return sources, results, converter.starts, log.read_text().count("start")


@needs_soffice
def test_one_start_converts_the_whole_batch_into_one_pdf_each(batch):
    sources, results, starts, logged = batch
    require_all(results)
    assert [r.source for r in results] == sources
    assert [r.path for r in results] == [s.with_suffix(".pdf") for s in sources]
    assert all(r.path.read_bytes() == r.data for r in results)
    assert starts == logged == 1


@needs_soffice
@pytest.mark.parametrize("number", [0, 1, 2])
def test_pdf_is_tagged_swedish_titled_with_bookmarks(batch, number):
    sources, results, _, _ = batch
    reader = PdfReader(results[number].path)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv-SE"
    assert catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    title = docx.Document(sources[number]).core_properties.title
    assert reader.metadata.title == title
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == [text for level, text in HEADINGS if level == 1]
    assert b"<pdfuaid:part>1</pdfuaid:part>" in reader.xmp_metadata.stream.get_data()


@needs_soffice
def test_pdfs_pass_the_accessibility_check(batch):
    _, results, _, _ = batch
    assert check_accessibility([r.path for r in results]) == []


@needs_soffice
def test_table_of_contents_is_updated_with_page_numbers(batch):
    pages = pdf_text(batch[1][0].data)
    assert TOC_PLACEHOLDER not in "".join(pages)
    entries = re.findall(r"^(\S.*?)\s*\.{3,}\s*(\d+)\s*$", pages[0], re.MULTILINE)
    assert [text for text, _ in entries] == [text for _, text in HEADINGS]
    for text, page in entries:
        assert text in pages[int(page) - 1], (text, page)


@needs_soffice
def test_same_document_gives_the_same_bytes_in_a_new_converter(batch):
    sources, results, _, _ = batch
    with PdfConverter() as converter:
        again = converter.convert(sources[:2])
    assert [r.data for r in again] == [r.data for r in results[:2]]
    assert b"D:20241015000000Z'" in again[0].data


@needs_soffice
def test_pdf_a_on_request_gives_the_same_text_every_time(batch):
    source = batch[0][2]
    texts = []
    for _ in range(2):
        with PdfConverter(pdf_a=True) as converter:
            (result,) = converter.convert([source])
        assert b"<pdfaid:part>2</pdfaid:part>" in result.data
        texts.append(pdf_text(result.data))
    assert texts[0] == texts[1]


@needs_soffice
def test_parallel_converters_each_use_their_own_profile(batch, tmp_path):
    sources = batch[0]
    results: dict[int, list] = {}

    def run(number: int) -> None:
        with PdfConverter() as converter:
            results[number] = converter.convert_files([sources[number]], tmp_path / str(number))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(results[n][0].ok for n in range(3)), results


# --- A fake soffice: hangs, failures and process starts without LibreOffice ---------------------

FAKE_SOFFICE = """#!{python}
import pathlib, subprocess, sys, zipfile
args = sys.argv[1:]
out = pathlib.Path(args[args.index("--outdir") + 1])
documents = [pathlib.Path(a) for a in args if a.endswith(".docx")]
with open({log!r}, "a") as log:
    log.write(" ".join(d.name for d in documents) + "\\n")
for document in documents:
    kind = zipfile.ZipFile(document).read("word/document.xml").decode()
    if kind == "HANG":
        child = subprocess.Popen(["sleep", "60"])
        with open({pids!r}, "a") as pids:
            pids.write(f"{{child.pid}}\\n")
        child.wait()
    elif kind == "OK":
        (out / (document.stem + ".pdf")).write_bytes(b"%PDF-1.4\\n" + document.read_bytes() + b"\\n%%EOF\\n")
"""


def fake_docx(path: Path, kind: str) -> Path:
    """Write a zip that passes as a .docx; the fake soffice reads `kind` from it."""
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", kind)
    return path


@pytest.fixture
def fake(tmp_path):
    """Return the fake soffice, its log of starts and the file of the children it spawned."""
    log, pids = tmp_path / "fake.log", tmp_path / "pids"
    script = tmp_path / "fake-soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable, log=str(log), pids=str(pids)))
    script.chmod(0o755)
    return script, log, pids


def gone(pid: int) -> bool:
    """Return whether a process no longer runs (a zombie waiting for its parent counts)."""
    try:
        return "State:\tZ" in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True


def test_hung_document_is_killed_and_reported_and_the_rest_converted(fake, tmp_path):
    script, log, pids = fake
    kinds = ["OK", "HANG", "OK", "OK"]
    sources = [fake_docx(tmp_path / f"d{n}.docx", kind) for n, kind in enumerate(kinds)]
    with PdfConverter(timeout=1.0, soffice=script) as converter:
        results = converter.convert(sources)
    assert [r.ok for r in results] == [True, False, True, True]
    assert "d1.docx: LibreOffice blev inte klart med dokumentet inom 1 s" in results[1].error
    assert converter.starts == 2
    assert log.read_text().splitlines() == [
        "0001.docx 0002.docx 0003.docx 0004.docx",
        "0003.docx 0004.docx",
    ]
    assert all(gone(int(pid)) for pid in pids.read_text().split())


def test_document_libreoffice_skips_gets_an_error(fake, tmp_path):
    script, _, _ = fake
    sources = [fake_docx(tmp_path / f"d{n}.docx", kind) for n, kind in enumerate(["SKIP", "OK"])]
    with PdfConverter(soffice=script) as converter:
        results = converter.convert(sources)
    assert [r.ok for r in results] == [False, True]
    assert "d0.docx: LibreOffice gjorde ingen PDF av dokumentet" in results[0].error
    with pytest.raises(PdfError, match="1 av 2 dokument blev inte PDF"):
        require_all(results)


def test_missing_and_non_word_files_are_reported_without_starting(fake, tmp_path):
    script, _, _ = fake
    text = tmp_path / "text.docx"
    text.write_text("inte ett Word-dokument")
    with PdfConverter(soffice=script) as converter:
        results = converter.convert([tmp_path / "saknas.docx", text])
    assert converter.starts == 0
    assert "saknas.docx: filen finns inte" in results[0].error
    assert "text.docx: är inte ett Word-dokument" in results[1].error


def test_missing_soffice_is_an_error_that_says_what_to_install(tmp_path):
    source = fake_docx(tmp_path / "d.docx", "OK")
    with (
        PdfConverter(soffice=tmp_path / "finns-inte") as converter,
        pytest.raises(PdfError, match="apt-get install libreoffice-writer-nogui"),
    ):
        converter.convert([source])


def test_two_documents_to_the_same_pdf_are_refused(fake, tmp_path):
    script, log, _ = fake
    sources = [fake_docx(tmp_path / "a.docx", "OK"), fake_docx(tmp_path / "a.docx", "OK")]
    with PdfConverter(soffice=script) as converter, pytest.raises(PdfError, match="samma PDF"):
        converter.convert_files(sources, tmp_path / "ut")
    assert not log.exists()


def test_converter_outside_with_is_an_error(tmp_path):
    with pytest.raises(PdfError, match="with-sats"):
        PdfConverter().convert([fake_docx(tmp_path / "d.docx", "OK")])


def test_profile_is_removed_afterwards(fake, tmp_path):
    with PdfConverter(soffice=fake[0]) as converter:
        converter.convert([fake_docx(tmp_path / "d.docx", "OK")])
        work = converter._work
        assert (work / "profil" / "user" / "basic" / "Standard" / "Iopdocs.xba").is_file()
    assert not work.exists()


# --- Pure helpers -------------------------------------------------------------------------------


def test_export_filter_asks_for_tags_pdf_ua_bookmarks_and_title():
    name, options = export_filter().split(":", 2)[1:]
    assert name == "writer_pdf_Export"
    values = {key: value["value"] for key, value in json.loads(options).items()}
    assert values == {
        "UseTaggedPDF": "true",
        "PDFUACompliance": "true",
        "ExportBookmarks": "true",
        "DisplayPDFDocumentTitle": "true",
        "SelectPdfVersion": "0",
    }
    assert (
        json.loads(export_filter(pdf_a=True).split(":", 2)[2])["SelectPdfVersion"]["value"] == "2"
    )


def test_normalise_pdf_fixes_dates_and_identifiers_in_place():
    def pdf(stamp: bytes, file_id: bytes) -> bytes:
        return (
            b"%PDF-1.6\n<xmp:CreateDate>" + stamp[:4] + b"-11-25T14:56:05Z</xmp:CreateDate>\n"
            b"/CreationDate(D:"
            + stamp
            + b"Z')>>\ntrailer\n/ID [ <"
            + file_id
            + b">\n<"
            + file_id
            + b"> ]\n/DocChecksum /"
            + file_id
            + b"\n%%EOF\n"
        )

    when = datetime(2024, 10, 15, 8, 30, tzinfo=UTC)
    first = normalise_pdf(pdf(b"20261125145605", b"A" * 32), when)
    second = normalise_pdf(pdf(b"20251125145606", b"B" * 32), when)
    assert first == second and len(first) == len(pdf(b"20261125145605", b"A" * 32))
    assert b"D:20241015083000Z'" in first and b"2024-10-15T08:30:00Z" in first
    assert normalise_pdf(first, when) == first


# --- The shipped examples -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_pdfs(tmp_path_factory) -> list[Path]:
    """Build the shipped examples and convert every document in one batch; return the PDFs."""
    if not list((ROOT / "templates").glob("*.docx")):
        pytest.skip("mallarna i templates/ finns inte än")
    root = tmp_path_factory.mktemp("examples")
    shutil.copy(ROOT / "iopdocs.yaml", root / "iopdocs.yaml")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "cases", root / "cases")
    settings, output = str(root / "iopdocs.yaml"), str(root / "output")
    result = CliRunner().invoke(main, ["build", "--installningar", settings, "--ut", output])
    assert result.exit_code == 0, result.output
    with PdfConverter() as converter:
        results = converter.convert_files(sorted((root / "output").glob("*/*.docx")))
    require_all(results)
    return [r.path for r in results]


@needs_soffice
def test_examples_number_their_pages_n_of_total(example_pdfs):
    for path in example_pdfs:
        pages = pdf_text(path.read_bytes())
        for number, text in enumerate(pages, start=1):
            assert re.search(rf"\b{number} \({len(pages)}\)", text), (path, number)


@needs_soffice
def test_example_agreements_list_their_headings_in_the_toc(example_pdfs):
    agreements = [p for p in example_pdfs if p.name == "iop-overenskommelse.pdf"]
    assert agreements
    for path in agreements:
        document = docx.Document(path.with_suffix(".docx"))
        headings = [
            visible_text(p._p)
            for p in document.paragraphs
            if p.style.name in ("Heading 1", "Heading 2")
        ]
        pages = pdf_text(path.read_bytes())
        toc = re.findall(r"^(\S.*?)\s*\.{3,}\s*(\d+)\s*$", "\n".join(pages[:2]), re.MULTILINE)
        assert [text for text, _ in toc] == headings, path
        for text, page in toc:
            assert text in pages[int(page) - 1], (path, text, page)


@needs_soffice
def test_examples_pass_the_accessibility_check(example_pdfs):
    documents = example_pdfs + [p.with_suffix(".docx") for p in example_pdfs]
    assert [str(f) for f in check_accessibility(documents)] == []
