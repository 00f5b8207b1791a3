"""`iopdocs new --andring`: a decided case is corrected by a new case that names the decision."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import build_in

from iopdocs.case.load import load_yaml
from iopdocs.case.model import Case
from iopdocs.case.validate import to_model
from iopdocs.cli import main
from iopdocs.word.text import docx_text

DECIDED = "iop-avslut-berga-motesplats-2025"


def amend(project: Path, case: Path, *args: str):
    settings = ["--installningar", str(project / "iopdocs.yaml")]
    return CliRunner().invoke(main, ["new", "--andring", str(case), *args, *settings])


def test_the_amendment_is_an_undecided_case_naming_the_decision(project_dir):
    original = project_dir / "cases" / f"{DECIDED}.yaml"
    result = amend(project_dir, original, "--datum", "2025-02-03")
    assert result.exit_code == 0, result.output
    draft = original.with_name(f"{DECIDED}-andring.yaml")
    assert f"Skapade {draft}" in result.output and "W001" in result.output
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert "beslut" not in data and "sammanträde" not in data
    assert data["ändrar"] == {
        "diarienummer": "SON 2023-0412",
        "beslutsdatum": data["ändrar"]["beslutsdatum"],
        "paragraf": 142,
    }
    assert str(data["ändrar"]["beslutsdatum"]) == "2024-12-18"
    assert str(data["datum"]) == "2025-02-03"
    assert data["rubrik"].startswith("Ändring av beslut 2024-12-18 § 142: Avslut av")
    assert data["ärende"].startswith("SKRIV:")
    text = draft.read_text(encoding="utf-8")
    assert text.startswith(
        f"# yaml-language-server: $schema=../arendefil.schema.json\n# Ändringsbeslut till {DECIDED}"
    )
    assert text.count("yaml-language-server") == 1  # the decided case's own line is not copied
    assert "# Texterna skrivs i iopdocs enkla märkspråk" in text  # the comments are kept
    case = to_model(load_yaml(draft), Case)
    assert case.beslut is None and case.parter == to_model(load_yaml(original), Case).parter


def test_the_amendments_memo_names_the_changed_decision(project_dir):
    original = project_dir / "cases" / f"{DECIDED}.yaml"
    assert amend(project_dir, original, "--datum", "2025-02-03").exit_code == 0
    draft = original.with_name(f"{DECIDED}-andring.yaml")
    result = build_in(project_dir, "--utkast", str(draft))  # its ärende is still to write
    assert result.exit_code == 0, result.output
    memo = docx_text(project_dir / "output" / draft.stem / "tjansteskrivelse.docx")
    assert (
        "Ärendet gäller en ändring av social- och omsorgsnämndens beslut den 18 december 2024, "
        "§ 142, i ärende SON 2023-0412." in memo
    )
    assert not (project_dir / "output" / draft.stem / "protokollsutdrag.docx").exists()


def test_an_undecided_case_has_nothing_to_amend(project_dir):
    undecided = project_dir / "cases" / "iop-ny-tre-parter-2025-2027.yaml"
    result = amend(project_dir, undecided)
    assert result.exit_code == 2
    assert "ärendet är inte beslutat" in result.output
    assert not undecided.with_name(f"{undecided.stem}-andring.yaml").exists()


def test_an_amendment_is_never_written_over_without_force(project_dir):
    original = project_dir / "cases" / f"{DECIDED}.yaml"
    assert amend(project_dir, original).exit_code == 0
    again = amend(project_dir, original)
    assert again.exit_code == 2 and "finns redan" in again.output
    assert amend(project_dir, original, "--force").exit_code == 0


def test_extending_a_decided_case_drops_its_decision_and_dates_the_earlier_one(project_dir):
    case = project_dir / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(
        text.replace(
            "sammanträde: 2023-09-20\n",
            "sammanträde: 2023-09-20\nbeslut:\n  datum: 2023-09-21\n  paragraf: 87\n",
            1,
        ),
        encoding="utf-8",
    )
    settings = ["--installningar", str(project_dir / "iopdocs.yaml")]
    result = CliRunner().invoke(main, ["extend", str(case), *settings])
    assert result.exit_code == 0, result.output
    renewal = yaml.safe_load(
        case.with_name("iop-iogt-nto-pingst-2027-2029.yaml").read_text(encoding="utf-8")
    )
    assert "beslut" not in renewal
    assert str(renewal["tidigare_ärende"]["beslutsdatum"]) == "2023-09-21"
