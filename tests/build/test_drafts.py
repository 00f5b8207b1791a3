"""An unfinished case never passes as final: refused (U001), or built as a marked draft."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import build_in

from iopdocs.cli import main
from iopdocs.word import ooxml
from iopdocs.word.text import docx_text

NEW = ["new", "--typ", "ny", "--part", "Ryds Bollklubb=802519-7743", "--fran", "2026-01-01",
       "--diarienummer", "SON 2025-0777", "--datum", "2025-10-01"]  # fmt: skip
CASE = "iop-ny-ryds-bollklubb-2026-2028"


def new_case(project_dir: Path, *extra: str) -> Path:
    settings = ["--installningar", str(project_dir / "iopdocs.yaml")]
    result = CliRunner().invoke(main, [*NEW, *settings, *extra])
    assert result.exit_code == 0, result.output
    return project_dir / "cases" / f"{CASE}.yaml"


def only_case(project_dir: Path, path: Path) -> None:
    """Leave `path` the only case of the project copy."""
    for other in (project_dir / "cases").glob("*.yaml"):
        if other != path:
            other.unlink()


def finish(path: Path) -> None:
    """Write the texts and amounts that the draft left to write."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'"?SKRIV: [^"\n]*"?', "Skriven text.", text)
    text = text.replace("årlig_ersättning: 0", "årlig_ersättning: 250000")
    path.write_text(text.replace("belopp: 0", "belopp: 300000"), encoding="utf-8")


def parts(docx: Path) -> dict[str, bytes]:
    return ooxml.read_package(docx.read_bytes()).parts


def test_an_unfinished_case_is_refused_and_writes_nothing(project_dir):
    path = new_case(project_dir)
    result = build_in(project_dir, str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    [refused] = [line for line in lines if line.startswith(f"{path}:") and " U001" in line]
    text = path.read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(text, 1) if ': "SKRIV:' in line)
    assert refused.startswith(f"{path}:{first}:")  # at the first thing left to write
    assert "26 ställen att skriva klart (W001)" in refused and "--utkast" in refused
    # the build's lock may leave an empty output/ behind; no document, no folder in it
    assert not any((project_dir / "output").glob("*"))


def test_a_draft_says_utkast_on_every_page_and_in_its_properties(project_dir):
    path = new_case(project_dir)
    result = build_in(project_dir, "--utkast", str(path))
    assert result.exit_code == 0, result.output
    assert "som utkast" in result.output
    for name in ("tjansteskrivelse.docx", "iop-overenskommelse.docx"):
        docx = project_dir / "output" / CASE / name
        assert docx_text(docx).startswith("[sidhuvud] UTKAST\n")
        package = parts(docx)
        headers = [n for n in package if re.fullmatch(r"word/header\d*\.xml", n)]
        assert headers and all(b'string="UTKAST"' in package[n] for n in headers)
        core = package["docProps/core.xml"].decode()
        assert "<dc:title>UTKAST: " in core and "<cp:contentStatus>Utkast<" in core
        assert b"iopdocs-utkast" in package["docProps/custom.xml"]


def test_a_finished_draft_is_built_again_without_the_marks(project_dir):
    path = new_case(project_dir)
    assert build_in(project_dir, "--utkast", str(path)).exit_code == 0
    finish(path)
    result = build_in(project_dir, str(path))
    assert result.exit_code == 0, result.output
    docx = project_dir / "output" / CASE / "tjansteskrivelse.docx"
    assert "UTKAST" not in docx_text(docx)
    assert b"contentStatus" not in parts(docx)["docProps/core.xml"]


def test_a_draft_built_before_is_refused_again_without_the_option(project_dir):
    path = new_case(project_dir)
    assert build_in(project_dir, "--utkast", str(path)).exit_code == 0
    result = build_in(project_dir, str(path))
    assert result.exit_code == 1 and " U001" in result.output
    assert "0 byggda, 0 oförändrade, 1 med fel" in result.output


def test_a_draft_is_never_in_the_meetings_agenda_or_papers(project_dir, example_case):
    path = new_case(project_dir)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("# sammanträde: ÅÅÅÅ-MM-DD", "sammanträde: 2023-09-20", 1), encoding="utf-8"
    )
    result = build_in(project_dir, "--utkast", "--sammantrade", "2023-09-20")
    assert result.exit_code == 1
    assert f"{path}: är ett utkast; dess handlingar går inte till sammanträdet." in result.output
    assert "E003" in result.output and "ärendet är inte klart (ett utkast)" in result.output
    folder = project_dir / "output" / "sammantrade-2023-09-20"
    assert not (folder / "foredragningslista.docx").exists(), "a meeting with a gap is refused"
    result = build_in(project_dir, "--utkast", "--ofullstandig", "--sammantrade", "2023-09-20")
    assert result.exit_code == 1
    agenda = docx_text(folder / "foredragningslista.docx")
    assert "SON 2019-1251" in agenda
    draft_item = agenda.split("SON 2025-0777", 1)[1]
    assert "Handlingarna saknas: ärendet är inte klart." in draft_item
    assert "Förslag till beslut" not in draft_item.split("\n## ", 1)[0]
    listed = json.loads((folder / "handlingar.json").read_text(encoding="utf-8"))
    assert CASE not in json.dumps(listed["handlingar"])
    assert "iop-iogt-nto-pingst-2024-2026" in json.dumps(listed)
    assert [gap["orsak"] for gap in listed["saknas"]] == ["ärendet är inte klart"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")
def test_a_drafts_pdf_carries_the_mark_and_stays_accessible(project_dir):
    from pypdf import PdfReader

    from iopdocs.publish.accessibility import check_accessibility, documents_in

    path = new_case(project_dir)
    only_case(project_dir, path)
    assert build_in(project_dir, "--utkast", "--pdf", str(path)).exit_code == 0
    pdf = project_dir / "output" / CASE / "tjansteskrivelse.pdf"
    reader = PdfReader(pdf)
    assert all("UTKAST" in page.extract_text() for page in reader.pages)
    assert str(reader.metadata.title).startswith("UTKAST: ")
    documents = documents_in([project_dir / "output" / CASE])
    assert check_accessibility(documents, "sv-SE") == []
