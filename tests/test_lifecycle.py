"""The life of an IOP: ending it early; drafting new cases and renewals."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from iopdocs.build import load_settings
from iopdocs.cli import main
from iopdocs.derive import derive
from iopdocs.documents import documents_for
from iopdocs.errors import CaseError
from iopdocs.load import load_yaml, load_yaml_text
from iopdocs.model import Case, merge_settings
from iopdocs.text import docx_text
from iopdocs.validate import to_model

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "iopdocs.yaml"
EXAMPLE = ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"
ENDING = ROOT / "cases" / "iop-avslut-berga-motesplats-2025.yaml"
NBSP = "\u00a0"


def kr(amount: int) -> str:
    return f"{amount:,}".replace(",", NBSP) + NBSP + "kr"


def case_of(text: str) -> Case:
    return to_model(load_yaml_text(text, "fall.yaml"), Case)


def schema_problems(text: str) -> list:
    with pytest.raises(CaseError) as error:
        case_of(text)
    return error.value.problems


def derived_of(case: Case):
    return derive(case, merge_settings(load_settings(SETTINGS), case.organisation))


def build(files: list[Path], out: Path, settings: Path = SETTINGS):
    return CliRunner().invoke(
        main, ["build", *map(str, files), "--installningar", str(settings), "--ut", str(out)]
    )


# --- ending an agreement: the schema -------------------------------------------------


def test_an_ending_needs_no_agreement_and_no_party_budgets():
    case = to_model(load_yaml(ENDING), Case)
    assert case.overenskommelse is None and case.parter[0].kostnadsbudget is None
    assert [k.filename for k in documents_for(case)] == ["tjansteskrivelse.docx"]


def test_a_renewal_without_the_agreement_is_refused_naming_the_key():
    text = EXAMPLE.read_text(encoding="utf-8")
    start, end = text.index("\növerenskommelse:"), text.index("\n# Uppföljningar")
    text = text[:start] + text[end:]
    [problem] = [p for p in schema_problems(text) if p.field == "överenskommelse"]
    assert "nyckeln 'överenskommelse' saknas" in problem.message
    assert "'förlängning'" in problem.message


def test_a_new_agreement_needs_each_partys_agreement_fields():
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("    firmatecknare:\n      - namn: Lisa Hallingström\n"
                        "      - namn: Carin Hansson\n", "", 1)  # fmt: skip
    [problem] = schema_problems(text)
    assert problem.field == "parter"
    assert "parter[0].firmatecknare saknas" in problem.message


def test_an_ending_without_its_block_is_refused():
    text = ENDING.read_text(encoding="utf-8")
    start, end = text.index("avslut:\n  datum"), text.index("ekonomiska_konsekvenser:")
    [problem] = schema_problems(text[:start] + text[end:])
    assert problem.field == "avslut"
    assert "nyckeln 'avslut' saknas" in problem.message


def test_an_ending_block_in_a_renewal_is_refused():
    text = EXAMPLE.read_text(encoding="utf-8") + "avslut:\n  datum: 2025-06-30\n  skäl: Nej.\n"
    [problem] = schema_problems(text)
    assert "'avslut' används bara när beslutstyp är 'avslut'" in problem.message


@pytest.mark.parametrize("day", ["2023-12-31", "2026-12-31", "2027-03-31"])
def test_the_end_date_must_end_the_period_early(day):
    text = ENDING.read_text(encoding="utf-8").replace("datum: 2025-06-30", f"datum: {day}", 1)
    [problem] = schema_problems(text)
    assert f"avslutsdatumet {day} ligger inte inom perioden" in problem.message


# --- ending an agreement: the figures ------------------------------------------------


def test_reduction_is_the_yearly_total_for_the_time_left():
    ending = derived_of(to_model(load_yaml(ENDING), Case)).avslut
    assert ending.forsta_dag_utan == date(2025, 7, 1)
    assert ending.aterstaende == "ett år och sex månader"
    assert [(r.label, r.amount) for r in ending.rader] == [
        ("2025 (sex månader)", 206000),
        ("2026 (ett år)", 412000),
    ]
    assert ending.minskning == 618000 == 412000 * 18 // 12
    assert ending.arlig_minskning == 412000


def test_a_mid_month_end_counts_the_days_of_that_year():
    text = ENDING.read_text(encoding="utf-8").replace("datum: 2025-06-30", "datum: 2025-06-15", 1)
    ending = derived_of(case_of(text)).avslut
    first = ending.rader[0]
    assert first.label == f"2025 (199{NBSP}dagar)"
    assert first.amount == round(412000 * 199 / 365)
    assert ending.minskning == sum(r.amount for r in ending.rader)


def test_a_case_that_does_not_end_anything_has_no_reduction():
    assert derived_of(to_model(load_yaml(EXAMPLE), Case)).avslut is None


@pytest.fixture(scope="module")
def ending_memo(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("out")
    result = build([ENDING], out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / ENDING.stem).glob("*.docx")) == ["tjansteskrivelse.docx"]
    return docx_text(out / ENDING.stem / "tjansteskrivelse.docx")


def section(text: str, heading: str) -> str:
    """Return the lines under `heading` up to the next heading of its level or higher."""
    level = heading.split(" ")[0]
    body = text.split(f"\n{heading}\n", 1)[1]
    return re.split(rf"\n#{{1,{len(level)}}} ", body, maxsplit=1)[0]


def test_ending_memo_states_period_funding_and_split(ending_memo):
    background = section(ending_memo, "# Bakgrund")
    assert "från och med 2024-01-01 till och med 2026-12-31" in background
    assert f"Kommunens ersättning till Berga Mötesplats är {kr(412000)} per år." in background
    split = section(ending_memo, "## Fördelning")
    assert re.search(rf"Berga Mötesplats +\| {kr(412000)}", split)
    assert re.search(rf"Total ersättning +\| {kr(412000)}", split)


def test_ending_memo_gives_the_reasons(ending_memo):
    reasons = section(ending_memo, "## Skäl till att överenskommelsen avslutas")
    assert reasons.count("\n- ") + reasons.startswith("- ") == 3
    assert "årsmöte" in reasons


def test_ending_memo_figures_agree(ending_memo):
    reduction = section(ending_memo, "## Minskad kostnad när överenskommelsen avslutas")
    assert "avslutas den 30 juni 2025" in reduction
    assert "från och med 2025-07-01 till och med 2026-12-31 (ett år och sex månader)" in reduction
    assert f"Kostnaden minskar då med {kr(618000)}" in reduction
    rows = re.findall(r"^(.+?) +\| ([\d\u00a0]+)\u00a0kr$", reduction, re.MULTILINE)
    amounts = {label: int(value.replace(NBSP, "")) for label, value in rows}
    assert amounts == {
        "2025 (sex månader)": 206000,
        "2026 (ett år)": 412000,
        "Minskad kostnad totalt": 618000,
    }
    assert amounts["2025 (sex månader)"] + amounts["2026 (ett år)"] == 618000


def test_ending_memo_names_the_legal_unit_in_samrad_and_no_agreement(ending_memo):
    assert "juridiska enhet" in section(ending_memo, "# Samråd")
    basis = section(ending_memo, "# Beslutsunderlag")
    assert basis.strip().splitlines() == [
        "Tjänsteskrivelse – Avslut av idéburet offentligt partnerskap (IOP) med Berga "
        "Mötesplats, 2024-12-04"
    ]
