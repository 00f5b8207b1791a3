"""Where a document's text comes from in the case file, and what to change instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from iopdocs.build.prepare import prepare
from iopdocs.build.project import Project
from iopdocs.case.load import load_yaml
from iopdocs.case.sources import label, source_of

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def followed():
    """Return the case with a follow-up report, its derived values and its file's data."""
    case_file = ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"
    prepared = prepare(case_file, Project(ROOT / "iopdocs.yaml", ROOT / "output"))
    return prepared.case, prepared.derived, load_yaml(case_file).data


def source(followed, root, *steps):
    case, derived, data = followed
    return source_of(root, steps, case, derived, data)


def test_a_text_of_the_case_file_stands_at_its_keys(followed):
    assert source(followed, "case", "arende").path == ("ärende",)
    assert source(followed, "case", "parter", 1, "ansvarsomraden").path == (
        "parter",
        1,
        "ansvarsområden",
    )
    assert source(followed, "case", "beslutsforslag").path == ("beslutsförslag",)


def test_values_that_are_not_texts_and_derived_ones_name_what_to_change(followed):
    assert source(followed, "case", "datum").change == ("datum",)
    amount = source(followed, "d", "fordelning", 0, "amount")
    assert amount.path is None
    assert amount.change == ("parter › IOGT-NTO › årlig_ersättning",)
    assert source(followed, "d", "total_ersattning").change == (
        "parter › IOGT-NTO › årlig_ersättning",
        "parter › Pingstförsamlingen › årlig_ersättning",
    )
    assert source(followed, "d", "period_mening").change == ("period › från", "period › till")
    assert source(followed, "case", "parter", 0, "legal_name").change == (
        "parter › IOGT-NTO › organisation",
        "parter › IOGT-NTO › namn",
    )
    assert source(followed, "org", "kommun").change == (
        "iopdocs.yaml › kommun",
        "organisation › kommun",
    )


def test_a_follow_up_report_leads_back_to_its_year_in_the_case_file(followed):
    case, _, _ = followed
    label_of_report = f"Uppföljning {case.uppfoljningar[0].ar}"
    assert source(followed, "d", "uppfoljningar", label_of_report, "bedomning").path == (
        "uppföljningar",
        0,
        "bedömning",
    )
    party = list(case.uppfoljningar[0].parter)[1]
    assert source(followed, "d", "uppfoljningar", label_of_report, "parter", 1, "text").path == (
        "uppföljningar",
        0,
        "parter",
        party,
    )
    assert source(followed, "d", "uppfoljningar", label_of_report, "titel").path is None


def test_places_are_named_the_way_people_read_the_file(followed):
    _, _, data = followed
    assert label(("parter", 1, "kostnadsbudget", 0, "belopp"), data).startswith(
        "parter › Pingstförsamlingen › kostnadsbudget › "
    )
    assert label(("beslutsförslag", 1), data) == "beslutsförslag › 2"
    assert label(("uppföljningar", 0, "bedömning"), data) == "uppföljningar › 2024 › bedömning"
