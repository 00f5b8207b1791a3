"""Derived values: the figures of the board's 2023 decision come out of the example case."""

from __future__ import annotations

from pathlib import Path

import pytest

from iopdocs.build.prepare import load_settings
from iopdocs.case.derive import derive
from iopdocs.case.load import load_yaml, load_yaml_text
from iopdocs.case.model import Case
from iopdocs.case.settings import merge_settings
from iopdocs.case.validate import to_model
from iopdocs.swedish.formatting import genitive, join_names

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def derived():
    case = to_model(load_yaml(ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"), Case)
    settings = merge_settings(load_settings(ROOT / "iopdocs.yaml"), case.organisation)
    return derive(case, settings)


def test_example_economy(derived):
    assert [(r.label, r.amount) for r in derived.fordelning] == [
        ("IOGT-NTO", 339690),
        ("Pingstförsamlingen", 452948),
    ]
    assert derived.total_ersattning == 792638
    assert [b.total for b in derived.budgetar] == [535000, 2220000]
    assert derived.totalkostnad == 2755000
    assert derived.kommunens_finansiering == 792638
    assert derived.egen_finansiering == 1962362
    assert derived.differens == 0


def test_period_wording(derived):
    assert derived.period_langd == "tre år"
    assert derived.period_mening == (
        "Överenskommelsen gäller tre år, från och med 2024-01-01 till och med 2026-12-31."
    )
    assert derived.uppsagningstid == "sex (6) månader"


@pytest.mark.parametrize(
    ("names", "joined"),
    [([], ""), (["A"], "A"), (["A", "B"], "A och B"), (["A", "B", "C"], "A, B och C")],
)
def test_join_names(names, joined):
    assert join_names(names) == joined


@pytest.mark.parametrize(
    ("noun", "result"),
    [("social- och omsorgsnämnden", "social- och omsorgsnämndens"), ("Linköpings", "Linköpings")],
)
def test_genitive(noun, result):
    assert genitive(noun) == result


# --- the earlier decision, and the goals ---------------------------------------------

EXAMPLE_TEXT = (ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml").read_text("utf-8")


def derived_from(text: str):
    case = to_model(load_yaml_text(text, "fall.yaml"), Case)
    return derive(case, merge_settings(load_settings(ROOT / "iopdocs.yaml"), case.organisation))


def previous(block: str) -> str | None:
    return derived_from(EXAMPLE_TEXT + f"\ntidigare_ärende:\n{block}").tidigare_arende


def test_the_earlier_decision_names_the_body_that_made_it():
    block = "  diarienummer: OÄN 2017-0345\n  beslutsdatum: 2017-11-22\n"
    assert previous(block) == (
        "Social- och omsorgsnämnden beslutade om den nuvarande överenskommelsen den "
        "22 november 2017, diarienummer OÄN 2017-0345."
    )
    assert previous(block + "  nämnd: Omsorgs- och äldrenämnden\n") == (
        "Omsorgs- och äldrenämnden beslutade om den nuvarande överenskommelsen den "
        "22 november 2017, diarienummer OÄN 2017-0345."
    )
    assert previous("  diarienummer: OÄN 2017-0345\n  nämnd: Omsorgs- och äldrenämnden\n") == (
        "Den nuvarande överenskommelsen beslutades av Omsorgs- och äldrenämnden i ärende "
        "OÄN 2017-0345."
    )
    assert previous("  diarienummer: OÄN 2017-0345\n") == (
        "Den nuvarande överenskommelsen beslutades i ärende OÄN 2017-0345."
    )


def test_goals_are_all_of_the_settings_unless_the_case_chooses():
    settings = load_settings(ROOT / "iopdocs.yaml")
    assert derived_from(EXAMPLE_TEXT).kommunala_mal == tuple(settings.kommunala_mal)
    chosen = "\nkommunala_mål:\n  mål:\n    - hållbar  EKONOMI för att värna kärnverksamheten\n"
    chosen += "    - Stark gemenskap och människor i arbete\n"
    assert derived_from(EXAMPLE_TEXT + chosen).kommunala_mal == (
        "Stark gemenskap och människor i arbete",
        "Hållbar ekonomi för att värna kärnverksamheten",
    )
