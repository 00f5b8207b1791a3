"""Schema problems come back in Swedish, at the line of the offending value."""

from __future__ import annotations

from pathlib import Path

import pytest

from iopdocs.case.load import load_yaml_text
from iopdocs.case.model import Case
from iopdocs.case.validate import to_model
from iopdocs.errors import CaseError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml").read_text(encoding="utf-8")


def problems_of(text: str):
    with pytest.raises(CaseError) as info:
        to_model(load_yaml_text(text, "fall.yaml"), Case)
    return info.value.problems


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_example_is_valid():
    case = to_model(load_yaml_text(EXAMPLE, "fall.yaml"), Case)
    assert case.parter[1].arlig_ersattning == 452948


@pytest.mark.parametrize(
    ("old", "new", "field", "code", "words"),
    [
        ("rubrik: Förl", "rubriik: Förl", "rubriik", "S002", "Menade du 'rubrik'?"),
        (
            "beslutstyp: förlängning",
            "beslutstyp: förlänging",
            "beslutstyp",
            "S003",
            "'ny', 'förlängning' eller 'avslut'",
        ),
        ("från: 2024-01-01", "från: 2024-13-01", "period.från", "S003", "inget giltigt datum"),
        ("datum: 2023-08-30", "datum: 30/8 2023", "datum", "S003", "ÅÅÅÅ-MM-DD"),
        (
            "årlig_ersättning: 339690",
            "årlig_ersättning: 339,690",
            "parter[0].årlig_ersättning",
            "S003",
            "inte ett heltal",
        ),
        (
            "årlig_ersättning: 339690",
            "årlig_ersättning: 0339690",
            "parter[0].årlig_ersättning",
            "S003",
            "inte ett heltal",
        ),
        (
            "årlig_ersättning: 339690",
            "årlig_ersättning: yes",
            "parter[0].årlig_ersättning",
            "S003",
            "inte ett heltal",
        ),
    ],
)
def test_schema_problem_names_line_field_and_fix(old, new, field, code, words):
    text = EXAMPLE.replace(old, new, 1)
    [problem] = [p for p in problems_of(text) if p.field == field]
    assert (problem.field, problem.code, problem.line) == (field, code, line_of(text, new))
    assert words in problem.message


def test_missing_key_is_named():
    text = EXAMPLE.replace("jämställdhet: |", "jamstalldhet_saknas: |", 1)
    codes = {(p.code, p.field) for p in problems_of(text)}
    assert ("S001", "jämställdhet") in codes and ("S002", "jamstalldhet_saknas") in codes


def test_all_problems_are_reported_together():
    text = EXAMPLE.replace("rubrik: Förl", "rubriik: Förl").replace(
        "från: 2024-01-01", "från: igår"
    )
    assert len(problems_of(text)) == 3  # unknown key, missing rubrik, bad date


# Format characters (category Cf) and letters drawn blank: a value of only these
# shows nothing in the document, so it is as empty as one of spaces.
INVISIBLE = ["\u200b", "\ufeff", "\u2060", "\u200e", "\u00ad", "\u2800", "\u3164", "\u115f"]


@pytest.mark.parametrize("chars", [*INVISIBLE, "\u200b \u00a0\u2060"], ids=ascii)
def test_a_value_of_only_invisible_characters_is_empty(chars):
    written = chars.replace("\ufeff", "\\ufeff")  # a BOM is refused by the loader itself
    text = EXAMPLE.replace(
        "  namn: John Fristedt\n", f'  namn: John Fristedt\n  titel: "{written}"\n'
    )
    (problem,) = problems_of(text)
    assert (problem.code, problem.field) == ("S003", "handläggare.titel")
    assert problem.line == line_of(text, "titel:")
    assert "får inte vara tomt" in problem.message


def test_invisible_characters_inside_a_visible_text_are_kept():
    text = EXAMPLE.replace(
        "  namn: John Fristedt\n", '  namn: John Fristedt\n  titel: "Chef\u00ad"\n'
    )
    case = to_model(load_yaml_text(text, "fall.yaml"), Case)
    assert case.handlaggare.titel == "Chef\u00ad"


@pytest.mark.parametrize("written", ["8025065742", "16802506-5742", "802506 5742", "168025065742"])
def test_an_organisationsnummer_is_stored_as_nnnnnn_nnnn(written):
    text = EXAMPLE.replace("organisationsnummer: 802506-5742", f'organisationsnummer: "{written}"')
    case = to_model(load_yaml_text(text, "fall.yaml"), Case)
    assert case.parter[0].organisationsnummer == "802506-5742"


def test_an_organisationsnummer_of_another_shape_is_kept_for_i001_to_explain():
    text = EXAMPLE.replace("organisationsnummer: 802506-5742", "organisationsnummer: 802506-574")
    assert to_model(load_yaml_text(text, "fall.yaml"), Case).parter[0].organisationsnummer == (
        "802506-574"
    )
