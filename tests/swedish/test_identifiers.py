"""Tests for Swedish identifiers: Luhn, organisationsnummer, personnummer search."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopdocs.swedish.identifiers import (
    PersonalNumberMatch,
    find_personal_numbers,
    luhn_check_digit,
    luhn_valid,
    normalize_orgnr,
    orgnr_problem,
)

REAL_ORGNR = ["802506-5742", "822000-3811", "212000-0449"]


def check_digit(nine: str) -> str:
    """Return the check digit for nine digits: weights 2, 1 from the left, mod 10.

    Written independently of the module so the tests do not check it against itself.
    """
    total = 0
    for index, char in enumerate(nine):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def personnummer(date_part: str, serial: str, sep: str = "-") -> str:
    """Return a valid number from YYMMDD or YYYYMMDD, three serial digits and a separator."""
    check = check_digit(date_part[-6:] + serial)
    return f"{date_part}{sep}{serial}{check}"


def corrupt(number: str) -> str:
    """Return `number` with its last digit changed, so the check fails."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)


# --- Luhn --------------------------------------------------------------------


@pytest.mark.parametrize("orgnr", REAL_ORGNR)
def test_luhn_accepts_real_organisation_numbers(orgnr: str) -> None:
    assert luhn_valid(orgnr.replace("-", ""))


@pytest.mark.parametrize("digits", ["8025065741", "2120000448", "1234567890"])
def test_luhn_rejects_wrong_check_digit(digits: str) -> None:
    assert not luhn_valid(digits)


@pytest.mark.parametrize("text", ["", "802506-5742", "80250657 42", "٨٠٢٥٠٦٥٧٤٢", "abc"])
def test_luhn_rejects_anything_but_ascii_digits(text: str) -> None:
    assert not luhn_valid(text)


@pytest.mark.parametrize("orgnr", REAL_ORGNR)
def test_luhn_check_digit_reproduces_real_numbers(orgnr: str) -> None:
    digits = orgnr.replace("-", "")
    assert luhn_check_digit(digits[:9]) == digits[9]


def test_luhn_check_digit_rejects_non_digits() -> None:
    with pytest.raises(ValueError):
        luhn_check_digit("80250-65")


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_luhn_check_digit_agrees_with_weights_from_the_left(nine: str) -> None:
    assert luhn_check_digit(nine) == check_digit(nine)
    assert luhn_valid(nine + check_digit(nine))


@given(
    st.text(alphabet="0123456789", min_size=9, max_size=9),
    st.integers(min_value=0, max_value=9),
    st.integers(min_value=1, max_value=9),
)
def test_luhn_detects_every_single_digit_error(nine: str, position: int, shift: int) -> None:
    digits = nine + check_digit(nine)
    wrong = digits[:position] + str((int(digits[position]) + shift) % 10) + digits[position + 1 :]
    assert not luhn_valid(wrong)


# --- organisationsnummer -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("802506-5742", "802506-5742"),
        ("8025065742", "802506-5742"),
        ("212000\u20130449", "212000-0449"),
        ("82 20 00-3811", "822000-3811"),
        ("  802506-5742\n", "802506-5742"),
        ("802506\u00a0-\u00a05742", "802506-5742"),
        ("802506\u22125742", "802506-5742"),
        ("16802506-5742", "802506-5742"),
        ("168025065742", "802506-5742"),
        ("16 212000-0449", "212000-0449"),
    ],
)
def test_normalize_orgnr_accepts_common_spellings(text: str, expected: str) -> None:
    assert normalize_orgnr(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "802506-574",
        "802506-57421",
        "80250-65742",
        "802506--5742",
        "802506_5742",
        "19802506-5742",
        "SON 2019-1251",
        "802506-574X",
        "١٢٣٤٥٦-٧٨٩٠",
    ],
)
def test_normalize_orgnr_rejects_wrong_shape(text: str) -> None:
    assert normalize_orgnr(text) is None


@pytest.mark.parametrize("text", [*REAL_ORGNR, "8025065742", "16 822000 3811"])
def test_orgnr_problem_is_none_for_valid_numbers(text: str) -> None:
    assert orgnr_problem(text) is None


def test_orgnr_problem_explains_wrong_shape() -> None:
    problem = orgnr_problem("802506-574")
    assert problem is not None
    assert "802506-574" in problem
    assert "NNNNNN-NNNN" in problem


def test_orgnr_problem_explains_low_third_digit() -> None:
    number = personnummer("850101", "123")
    problem = orgnr_problem(number)
    assert problem is not None
    assert "Tredje siffran" in problem
    assert "är 0" in problem
    assert "2 eller högre" in problem


@pytest.mark.parametrize("orgnr", REAL_ORGNR)
def test_a_wrong_check_digit_says_where_to_look_but_never_which_digit_passes(orgnr: str) -> None:
    wrong = corrupt(orgnr)
    problem = orgnr_problem(wrong)
    assert problem is not None
    assert "Kontrollsiffran" in problem and "Bolagsverket" in problem
    assert normalize_orgnr(orgnr) not in problem  # the passing number is not given away
    assert not re.search(r"ska (den sista )?vara \d", problem)


# --- personnummer and samordningsnummer -------------------------------------


def test_finds_ten_digit_personnummer_with_position() -> None:
    number = personnummer("850101", "123")
    text = f"Sökande: {number}, Storgatan 1."
    assert find_personal_numbers(text) == [
        PersonalNumberMatch(9, 9 + len(number), number, "personnummer")
    ]


@pytest.mark.parametrize(
    ("date_part", "sep"),
    [
        ("850101", "-"),
        ("850101", ""),
        ("121212", "+"),
        ("000229", "-"),
        ("19850101", "-"),
        ("19850101", ""),
        ("20121231", "-"),
        ("850101", "\u2013"),
        ("18991231", "-"),
    ],
)
def test_finds_every_written_form(date_part: str, sep: str) -> None:
    number = personnummer(date_part, "987", sep)
    matches = find_personal_numbers(f"pnr {number} ")
    assert [(m.text, m.kind) for m in matches] == [(number, "personnummer")]


@pytest.mark.parametrize("date_part", ["850161", "19850191", "991291"])
def test_finds_samordningsnummer(date_part: str) -> None:
    number = personnummer(date_part, "246")
    matches = find_personal_numbers(number)
    assert [(m.text, m.kind) for m in matches] == [(number, "samordningsnummer")]


def test_finds_several_numbers_in_order() -> None:
    first, second = personnummer("850101", "123"), personnummer("19920615", "456", "")
    text = f"{first} och {second}"
    matches = find_personal_numbers(text)
    assert [m.text for m in matches] == [first, second]
    assert all(text[m.start : m.end] == m.text for m in matches)


@pytest.mark.parametrize(
    "number",
    [
        corrupt(personnummer("850101", "123")),
        corrupt(personnummer("19850101", "123")),
        personnummer("850230", "123"),  # 30 February
        personnummer("851301", "123"),  # month 13
        personnummer("850100", "123"),  # day 0
        personnummer("850192", "123"),  # samordning day 32
        personnummer("19000229", "123"),  # 1900 was not a leap year
        personnummer("000229", "123", "+"),  # 1900 or 1800: neither a leap year
        personnummer("21850101", "123"),  # no century but 18, 19 and 20
    ],
)
def test_ignores_impossible_numbers(number: str) -> None:
    assert find_personal_numbers(f"nr {number}") == []


@pytest.mark.parametrize("template", ["X{}", "{}X", "1{}", "{}1", "ä{}", "{}Ö", "99{}"])
def test_ignores_numbers_inside_longer_runs(template: str) -> None:
    number = personnummer("850101", "123", "")
    assert find_personal_numbers(template.format(number)) == []


@pytest.mark.parametrize("template", ["({}), ", "nr:{}.", "»{}«", "_{}_", "{}\n", "\t{}"])
def test_finds_numbers_next_to_punctuation(template: str) -> None:
    number = personnummer("850101", "123")
    assert [m.text for m in find_personal_numbers(template.format(number))] == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Föreningen har organisationsnummer 802506-5742.",
        "Org. nr 822000-3811 och 212000-0449",
        "8025065742",
        "16802506-5742",
        "Diarienummer SON 2019-1251",
        "SON:2019\u20131251",
        "Perioden börjar 2024-01-01 och slutar 2026-12-31.",
        "Ersättningen är 452 948 kr.",
        "Totalt 1 962 362 kr, 2\u00a0755\u00a0000 kr.",
        "Ring 013-20 60 00.",
        "Verksamhetsåret 2023/2024.",
        "OPI 2023 var 4,6 %.",
    ],
)
def test_ignores_other_numbers(text: str) -> None:
    assert find_personal_numbers(text) == []


def test_ignores_empty_text() -> None:
    assert find_personal_numbers("") == []
