"""build --pdf: one LibreOffice batch, incremental PDFs, the meeting's merged handlingar."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import build_in
from pypdf import PdfReader

from iopdocs.publish import pdf
from iopdocs.word.text import docx_text

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")
EXAMPLE = "iop-iogt-nto-pingst-2024-2026"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def counted(monkeypatch):
    """Count the LibreOffice converters (one start each) the build opens."""
    starts = []

    class Counting(pdf.PdfConverter):
        def __enter__(self):
            starts.append(self)
            self.sources = []
            return super().__enter__()

        def convert(self, sources):
            self.sources.extend(sources)
            return super().convert(sources)

    monkeypatch.setattr(pdf, "PdfConverter", Counting)
    return starts


def test_every_document_gets_an_accessible_pdf_from_one_batch(project_dir, counted):
    result = build_in(project_dir, "--pdf", "--jobb", "1")
    assert result.exit_code == 0, result.output
    documents = sorted((project_dir / "output").rglob("*.docx"))
    assert len(documents) >= 4
    assert len(counted) == 1  # one LibreOffice start for the whole batch
    for document in documents:
        reader = PdfReader(document.with_suffix(".pdf"))
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "sv-SE" and "/StructTreeRoot" in root
        assert reader.metadata.title
        words = " ".join(page.extract_text() for page in reader.pages).split()
        first_heading = next(
            line.lstrip("# ") for line in docx_text(document).splitlines() if line.startswith("# ")
        )
        assert " ".join(first_heading.split()[:3]) in " ".join(words)
    # Names kept whole by a non-breaking hyphen are still found by a search for "IOGT-NTO".
    memo = PdfReader(project_dir / "output" / EXAMPLE / "tjansteskrivelse.pdf")
    text = " ".join(page.extract_text() for page in memo.pages)
    assert re.search(r"IOGT-NTO\s+339\W690\Wkr", text)  # the Fördelning table's cell
    assert "\u2011" not in text


def test_unchanged_pdfs_are_not_converted_again(project_dir, example_case, counted):
    build_in(project_dir, "--pdf")
    counted.clear()
    assert build_in(project_dir, "--pdf").exit_code == 0
    assert counted == []
    text = example_case.read_text("utf-8")
    example_case.write_text(
        text.replace("Parterna är överens", "Parterna är helt överens"), "utf-8"
    )
    assert build_in(project_dir, "--pdf").exit_code == 0
    [converter] = counted
    assert converter.sources and {p.parent.name for p in converter.sources} == {EXAMPLE}
    memo = PdfReader(project_dir / "output" / EXAMPLE / "tjansteskrivelse.pdf")
    assert "helt överens" in " ".join(page.extract_text() for page in memo.pages)


def test_meeting_gets_a_merged_bookmarked_pdf(project_dir):
    result = build_in(project_dir, "--pdf", "--sammantrade", "2023-09-20")
    assert result.exit_code == 0, result.output
    reader = PdfReader(project_dir / "output" / "sammantrade-2023-09-20" / "handlingar.pdf")
    outline = reader.outline
    assert outline[0].title == "Föredragningslista"
    assert outline[1].title.startswith("4. Förlängning av ett idéburet offentligt partnerskap")
    assert [item.title for item in outline[2]][:2] == ["Tjänsteskrivelse", "Överenskommelse"]
    parts = [project_dir / "output" / "sammantrade-2023-09-20" / "foredragningslista.pdf"]
    parts += [
        project_dir / "output" / EXAMPLE / f"{n}.pdf"
        for n in ("tjansteskrivelse", "iop-overenskommelse")
    ]
    assert len(reader.pages) >= sum(len(PdfReader(p).pages) for p in parts)
    from iopdocs.publish.accessibility import check_accessibility

    merged = project_dir / "output" / "sammantrade-2023-09-20" / "handlingar.pdf"
    assert check_accessibility([merged]) == []  # tagged, sv-SE, title shown, bookmarks
    assert reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTreeNextKey"] > len(parts)


def test_the_settings_can_make_pdf_the_default(project_dir):
    settings = project_dir / "iopdocs.yaml"
    settings.write_text(settings.read_text("utf-8") + "\npdf: ja\n", "utf-8")
    assert build_in(project_dir, str(project_dir / "cases" / f"{EXAMPLE}.yaml")).exit_code == 0
    assert (project_dir / "output" / EXAMPLE / "tjansteskrivelse.pdf").is_file()


def test_a_meeting_file_s_attachments_are_in_handlingar_with_their_pages(project_dir):
    from iopdocs.publish.accessibility import check_accessibility

    shutil.copytree(ROOT / "sammantraden", project_dir / "sammantraden")
    result = build_in(project_dir, "--pdf", "--sammantrade", "2024-11-20")
    assert result.exit_code == 0, result.output
    folder = project_dir / "output" / "sammantrade-2024-11-20"
    merged = folder / "handlingar.pdf"
    assert check_accessibility([merged]) == []
    reader = PdfReader(merged)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == [
        "Föredragningslista",
        "4. Förvaltningen informerar om de idéburna partnerskapen under 2024",
        "5. Idéburet offentligt partnerskap (IOP) med Stångåmissionen, Kvinnojouren Fyrljuset "
        "och Kvarnbackens IK",
        "6. Redovisning av delegationsbeslut oktober 2024",
    ]
    text = [page.extract_text() for page in reader.pages]
    for source in (
        project_dir / "sammantraden" / "bilagor" / "lagesrapport-iop-2024.pdf",
        project_dir / "cases" / "bilagor" / "verksamhetsplaner-2025.pdf",
    ):
        pages = [page.extract_text() for page in PdfReader(source).pages]
        start = text.index(pages[0])  # the attachment's pages, in order, as they were
        assert text[start : start + len(pages)] == pages
    words = " ".join(" ".join(text).split())
    assert "Förteckning över delegationsbeslut oktober 2024" in words  # the .docx, converted
    assert "Avtal om lokal för anhörigstöd" in words
    listed = (folder / "handlingar.json").read_text("utf-8")
    assert '"källa": "sammantraden/bilagor/delegationsbeslut-2024-10.docx"' in listed


def test_the_shipped_example_attachments_are_accessible():
    from iopdocs.publish.accessibility import check_accessibility

    attached = sorted((ROOT / "cases" / "bilagor").glob("*.pdf"))
    attached += sorted((ROOT / "sammantraden" / "bilagor").glob("*.pdf"))
    assert len(attached) == 3
    assert check_accessibility(attached) == []
