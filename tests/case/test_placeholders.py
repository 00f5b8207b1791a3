"""Placeholders such as {period}: filled from the case's own data, unknown ones named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from iopdocs.case import placeholders
from iopdocs.case.load import load_yaml, load_yaml_text
from iopdocs.case.model import Case
from iopdocs.case.validate import to_model

ROOT = Path(__file__).resolve().parents[2]
RENEWAL = ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"
ENDING = ROOT / "cases" / "iop-avslut-berga-motesplats-2025.yaml"


def case_of(path: Path, old: str = "", new: str = "") -> Case:
    text = path.read_text(encoding="utf-8").replace(old, new, 1)
    return to_model(load_yaml_text(text, path.name), Case)


def test_each_placeholder_stands_for_the_case_data():
    assert placeholders.values(case_of(RENEWAL)) == {
        "period": "från och med 2024-01-01 till och med 2026-12-31",
        "längd": "tre år",
        "från": "1 januari 2024",
        "till": "31 december 2026",
    }
    assert placeholders.values(case_of(ENDING))["slutdatum"] == "30 juni 2025"


@pytest.mark.parametrize(
    ("text", "filled"),
    [
        (
            "gäller i {längd}, {period}.",
            "gäller i två år, från och med 2025-01-01 till och med 2026-12-31.",
        ),
        ("från den {från} till den {till}", "från den 1 januari 2025 till den 31 december 2026"),
        ("{{period}} och {okänd}", "{period} och {okänd}"),
        ("ingen klammer", "ingen klammer"),
    ],
)
def test_a_text_is_filled_and_double_braces_are_braces(text, filled):
    case = case_of(RENEWAL)
    case = case.model_copy(
        update={"period": case.period.model_copy(update={"fran": date(2025, 1, 1)})}
    )
    assert placeholders.fill_text(text, placeholders.values(case)) == filled


def test_fill_returns_the_case_with_every_text_filled():
    point = "Nämnden förlänger för {längd}, {period}."
    case = case_of(
        RENEWAL,
        "  - Social- och omsorgsdirektören får",
        f"  - {point}\n  - Social- och omsorgsdirektören får",
    )
    filled = placeholders.fill(case)
    assert filled.beslutsforslag[1] == (
        "Nämnden förlänger för tre år, från och med 2024-01-01 till och med 2026-12-31."
    )
    assert filled.parter == case.parter and filled.period == case.period


def test_only_cases_with_a_brace_need_filling():
    assert not placeholders.used(load_yaml(RENEWAL).data)
    assert placeholders.used({"beslutsförslag": ["gäller {period}"]})


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("gäller {perioden}", "{perioden} är ingen platshållare. Menade du {period}?"),
        ("gäller {Period}", "Menade du {period}?"),
        ("{xyz}", "Platshållarna är {period}, {längd}, {från}, {till} och {slutdatum}"),
        ("upphör efter den {slutdatum}", "{slutdatum} finns bara när beslutstyp är avslut"),
    ],
)
def test_an_unknown_placeholder_says_what_to_write(text, words):
    [found] = placeholders.unknown(text, case_of(RENEWAL))
    assert words in found.message
    assert text[found.start :].startswith(found.written)


def test_known_placeholders_and_double_braces_are_not_unknown():
    text = "{period} {längd} {från} {till} {slutdatum} {{x}} {a b} {"
    assert placeholders.unknown(text, case_of(ENDING)) == []


def test_a_filled_text_is_written_back_with_the_placeholders_its_field_used():
    known = placeholders.values(case_of(RENEWAL))
    written = "Nämnden förlänger i {längd}, {period}."
    filled = placeholders.fill_text(written, known)
    edited = filled.replace("förlänger", "förlänger {igen}")
    assert placeholders.unfill(edited, written, known) == (
        "Nämnden förlänger {{igen}} i {längd}, {period}."
    )
    assert placeholders.fill_text(placeholders.unfill(edited, written, known), known) == edited
    # A field that wrote the period out keeps it written out.
    assert placeholders.unfill(filled, "skrivet utan platshållare", known) == filled
