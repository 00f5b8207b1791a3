"""`iopdocs hamta` on the command line: what it says and its exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from wordlike import WordDoc, built_project

from iopdocs.cli import main

NEW = "iop-ny-tre-parter-2025-2027"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return built_project(tmp_path_factory.mktemp("projekt"), NEW)


def hamta(project: Path, document: Path, *args: str):
    options = ["--installningar", str(project / "iopdocs.yaml"), "--ut", str(project / "output")]
    return CliRunner().invoke(main, ["hamta", str(document), *options, *args])


def test_an_untouched_document_has_nothing_to_take(project):
    result = hamta(project, project / "output" / NEW / "tjansteskrivelse.docx")
    assert result.exit_code == 0
    assert result.output.endswith("Dokumentet är som när det skapades: inget att hämta.\n")


def test_changes_are_shown_as_a_diff_and_written_only_when_asked(project, tmp_path):
    source = project / "output" / NEW / "tjansteskrivelse.docx"
    doc = WordDoc(source.read_bytes())
    doc.replace("Handläggare:", "Verksamhetsutvecklare", "Utvecklare")
    copy = tmp_path / "kopia.docx"  # sent by mail: not in the output folder
    copy.write_bytes(doc.save())
    result = hamta(project, copy)
    assert result.exit_code == 0, result.output
    assert "Ändringar som kan hämtas (1):\n  handläggare › titel (stycke 3)" in result.output
    assert "-  titel: Verksamhetsutvecklare\n+  titel: Utvecklare\n" in result.output
    assert "Kör med --skriv" in result.output


def test_a_document_that_cannot_be_read_is_a_clear_error(project, tmp_path):
    broken = tmp_path / "trasig.docx"
    broken.write_bytes(b"inte en zip")
    result = hamta(project, broken)
    assert result.exit_code == 2
    assert "trasig.docx" in result.output and "Traceback" not in result.output
