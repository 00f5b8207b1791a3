"""The same thing written in two ways."""

from __future__ import annotations

import pytest

from iopdocs.swedish.consistency import acronym_endings, name_variants
from iopdocs.swedish.prose import prose

BOARD = "Social- och omsorgsnämnden"


@pytest.mark.parametrize(
    ("word", "right"), [("IOP´n", "IOP:n"), ("IOP'n", "IOP:n"), ("IOP’s", "IOP:s"), ("MBLen", None)]
)
def test_an_ending_on_an_abbreviation_goes_after_a_colon(word, right):
    found = [v.right for v in acronym_endings(prose(word).words, {"IOP"})]
    assert found == ([right] if right else [])


def test_an_ending_without_separator_counts_when_the_abbreviation_is_used():
    words = prose("IOPn och OPIn").words
    assert [(v.found, v.right) for v in acronym_endings(words, {"IOP"})] == [("IOPn", "IOP:n")]


def test_a_right_ending_is_no_finding():
    assert list(acronym_endings(prose("IOP:n IOP:s IOP").words, {"IOP"})) == []


@pytest.mark.parametrize(
    ("text", "right"),
    [
        ("Enligt social och omsorgsnämnden ska", "social- och omsorgsnämnden"),
        ("Social och omsorgsnämndens budget", "Social- och omsorgsnämndens"),
        ("social -och omsorgsnämnden", "social- och omsorgsnämnden"),
        ("social – och omsorgsnämnden", "social- och omsorgsnämnden"),
        ("social och\n  omsorgsnämnden", "social- och omsorgsnämnden"),
    ],
)
def test_a_board_name_without_its_hyphen_is_found(text, right):
    masked = prose(text).masked
    assert [v.right for v in name_variants(masked, BOARD)] == [right]


@pytest.mark.parametrize(
    "text",
    [
        "Social- och omsorgsnämnden beslutar",
        "social- och omsorgsnämndens budget",
        "SOCIAL- OCH OMSORGSNÄMNDEN",
        "socialnämnden och omsorgsnämnden",
        "social och annan omsorg",
    ],
)
def test_the_right_name_in_any_case_or_form_is_no_finding(text):
    assert list(name_variants(prose(text).masked, BOARD)) == []


def test_a_name_without_a_shortened_part_is_not_searched():
    assert list(name_variants("Linköping kommun", "Linköpings kommun")) == []


def test_the_variant_is_placed_where_it_starts():
    text = "Beslut: social och omsorgsnämnden."
    (variant,) = name_variants(prose(text).masked, BOARD)
    assert text[variant.start :].startswith("social och")
