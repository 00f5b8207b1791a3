"""Derived values: the figures of the board's 2023 decision come out of the example case."""

from __future__ import annotations

from pathlib import Path

import pytest

from iopdocs.build.prepare import load_settings
from iopdocs.case.derive import derive
from iopdocs.case.load import load_yaml
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
