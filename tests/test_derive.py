"""Derived values: the figures of seed 001 come out of the example case."""

from __future__ import annotations

from pathlib import Path

import pytest

from iopdocs.build import load_settings
from iopdocs.derive import derive, genitive, join_names
from iopdocs.load import load_yaml
from iopdocs.model import Case, merge_settings
from iopdocs.validate import to_model

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def derived():
    case = to_model(load_yaml(ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"), Case)
    settings = merge_settings(load_settings(ROOT / "iopdocs.yaml"), case.organisation)
    return derive(case, settings)


def test_seed_001_economy(derived):
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


def test_beslutsunderlag_lists_memo_then_agreement_with_dates(derived):
    lines = [d.line for d in derived.beslutsunderlag]
    assert lines[0].startswith("Tjänsteskrivelse – Förlängning av ett idéburet")
    assert lines[0].endswith(", 2023-08-30")
    assert lines[1] == (
        "Bilaga 1: Idéburet offentligt partnerskap (IOP) mellan IOGT-NTO, "
        "Pingstförsamlingen och Linköpings kommun, 2023-08-30"
    )


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
