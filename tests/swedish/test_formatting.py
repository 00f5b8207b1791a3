"""Tests for Swedish formatting: exact strings, with U+00A0 and U+2212 spelled out."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopdocs.swedish.formatting import (
    count_words,
    iso_date,
    kr,
    long_date,
    mnkr,
    nobreak,
    number,
    number_words,
    percent,
    period,
    period_length,
    period_length_words,
    tkr,
)

NBSP = "\u00a0"
MINUS = "\u2212"

# --- amounts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (452948, "452\xa0948\xa0kr"),
        (0, "0\xa0kr"),
        (7, "7\xa0kr"),
        (999, "999\xa0kr"),
        (1000, "1\xa0000\xa0kr"),
        (2755000, "2\xa0755\xa0000\xa0kr"),
        (-1500, "\u22121\xa0500\xa0kr"),
        (Decimal("12345.50"), "12\xa0345,50\xa0kr"),
        (Decimal("12345.5"), "12\xa0345,50\xa0kr"),
        (Decimal("12345.00"), "12\xa0345\xa0kr"),
        (Decimal("0.005"), "0,01\xa0kr"),
        (Decimal("0.004"), "0\xa0kr"),
        (Decimal("-0.004"), "0\xa0kr"),
        (Decimal("-12.5"), "\u221212,50\xa0kr"),
        (Decimal("1E+3"), "1\xa0000\xa0kr"),
    ],
)
def test_kr(amount: int | Decimal, expected: str) -> None:
    assert kr(amount) == expected


@pytest.mark.parametrize(
    ("amount", "decimals", "expected"),
    [
        (452948, 0, "453\xa0tkr"),
        (452499, 0, "452\xa0tkr"),
        (452500, 0, "453\xa0tkr"),
        (2755000, 0, "2\xa0755\xa0tkr"),
        (792638, 1, "792,6\xa0tkr"),
        (0, 0, "0\xa0tkr"),
        (-1500, 0, "\u22122\xa0tkr"),
        (-400, 0, "0\xa0tkr"),
    ],
)
def test_tkr(amount: int, decimals: int, expected: str) -> None:
    assert tkr(amount, decimals) == expected


def test_tkr_defaults_to_whole_thousands() -> None:
    assert tkr(452948) == "453\xa0tkr"


@pytest.mark.parametrize(
    ("amount", "decimals", "expected"),
    [
        (2755000, 1, "2,8\xa0mnkr"),
        (2850000, 1, "2,9\xa0mnkr"),  # half up, not half to even
        (2220000, 2, "2,22\xa0mnkr"),
        (1234567890, 0, "1\xa0235\xa0mnkr"),
        (-2755000, 1, "\u22122,8\xa0mnkr"),
    ],
)
def test_mnkr(amount: int, decimals: int, expected: str) -> None:
    assert mnkr(amount, decimals) == expected


def test_mnkr_defaults_to_one_decimal() -> None:
    assert mnkr(2755000) == "2,8\xa0mnkr"


@pytest.mark.parametrize("amount", [0, 1, 999, 452948, -1500, 2755000, 10**12])
def test_amount_units_are_never_the_discouraged_ones(amount: int) -> None:
    texts = [kr(amount), tkr(amount), mnkr(amount)]
    for text in texts:
        for wrong in ("kkr", "mkr", "MSEK", "SEK", " ", "-", "\u202f"):
            assert wrong not in text


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_kr_round_trips_whole_amounts(amount: int) -> None:
    text = kr(amount)
    assert text.endswith(NBSP + "kr")
    digits = text.removesuffix(NBSP + "kr").replace(NBSP, "").replace(MINUS, "-")
    assert int(digits) == amount


@pytest.mark.parametrize("bad", [1.5, "100", None, True])
def test_amounts_reject_floats_and_other_types(bad: object) -> None:
    with pytest.raises(TypeError):
        kr(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity")])
def test_amounts_reject_non_finite_decimals(bad: Decimal) -> None:
    with pytest.raises(ValueError):
        kr(bad)


# --- numbers and percent ------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "decimals", "expected"),
    [
        (1962362, None, "1\xa0962\xa0362"),
        (0, None, "0"),
        (-1962362, None, "\u22121\xa0962\xa0362"),
        (Decimal("2.50"), None, "2,5"),
        (Decimal("1234.125"), None, "1\xa0234,125"),
        (Decimal("1234.00"), None, "1\xa0234"),
        (Decimal("1234.125"), 2, "1\xa0234,13"),
        (12, 2, "12,00"),
    ],
)
def test_number(n: int | Decimal, decimals: int | None, expected: str) -> None:
    assert number(n, decimals) == expected


@pytest.mark.parametrize(
    ("rate", "decimals", "expected"),
    [
        (Decimal("4.6"), 1, "4,6\xa0%"),
        (Decimal("3"), 1, "3,0\xa0%"),
        (Decimal("2.65"), 1, "2,7\xa0%"),
        (Decimal("-1.5"), 1, "\u22121,5\xa0%"),
        (Decimal("80"), 0, "80\xa0%"),
        (Decimal("1.55"), 2, "1,55\xa0%"),
    ],
)
def test_percent(rate: Decimal, decimals: int, expected: str) -> None:
    assert percent(rate, decimals) == expected


def test_percent_defaults_to_one_decimal() -> None:
    assert percent(Decimal("4.6")) == "4,6\xa0%"


# --- dates and periods ---------------------------------------------------------


def test_iso_date() -> None:
    assert iso_date(date(2023, 8, 30)) == "2023-08-30"


def test_iso_date_drops_time_of_datetime() -> None:
    assert iso_date(datetime(2023, 8, 30, 14, 5)) == "2023-08-30"


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2023, 8, 30), "30 augusti 2023"),
        (date(2024, 1, 1), "1 januari 2024"),
        (date(2026, 12, 31), "31 december 2026"),
        (date(2024, 3, 5), "5 mars 2024"),
    ],
)
def test_long_date(d: date, expected: str) -> None:
    assert long_date(d) == expected


def test_period() -> None:
    text = period(date(2024, 1, 1), date(2026, 12, 31))
    assert text == "från och med 2024-01-01 till och med 2026-12-31"


def test_period_of_one_day() -> None:
    text = period(date(2024, 1, 1), date(2024, 1, 1))
    assert text == "från och med 2024-01-01 till och med 2024-01-01"


def test_period_rejects_end_before_start() -> None:
    with pytest.raises(ValueError, match="före sitt startdatum"):
        period(date(2024, 1, 2), date(2024, 1, 1))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 1, 1), date(2026, 12, 31), (3, 0)),
        (date(2024, 1, 1), date(2024, 6, 30), (0, 6)),
        (date(2024, 3, 15), date(2025, 3, 14), (1, 0)),
        (date(2024, 1, 1), date(2025, 6, 30), (1, 6)),
        (date(2024, 1, 1), date(2024, 1, 31), (0, 1)),
        (date(2024, 2, 1), date(2024, 2, 29), (0, 1)),
        (date(2023, 7, 1), date(2024, 6, 30), (1, 0)),
        (date(2024, 1, 31), date(2024, 3, 30), (0, 2)),
    ],
)
def test_period_length(start: date, end: date, expected: tuple[int, int]) -> None:
    assert period_length(start, end) == expected


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2024, 1, 1), date(2024, 1, 1)),
        (date(2024, 1, 1), date(2026, 12, 30)),
        (date(2024, 1, 31), date(2024, 2, 29)),
        (date(2024, 1, 15), date(2024, 2, 15)),
    ],
)
def test_period_length_rejects_parts_of_months(start: date, end: date) -> None:
    with pytest.raises(ValueError, match="inte ett helt antal månader"):
        period_length(start, end)


def test_period_length_rejects_end_before_start() -> None:
    with pytest.raises(ValueError, match="före sitt startdatum"):
        period_length(date(2024, 2, 1), date(2024, 1, 31))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 1, 1), date(2026, 12, 31), "tre år"),
        (date(2024, 1, 1), date(2024, 12, 31), "ett år"),
        (date(2024, 1, 1), date(2024, 6, 30), "sex månader"),
        (date(2024, 1, 1), date(2024, 1, 31), "en månad"),
        (date(2024, 1, 1), date(2025, 6, 30), "ett år och sex månader"),
        (date(2024, 1, 1), date(2026, 1, 31), "två år och en månad"),
        (date(2024, 1, 1), date(2035, 11, 30), "elva år och elva månader"),
        (date(2024, 1, 1), date(2037, 12, 31), "14\xa0år"),
        (date(2024, 1, 1), date(2024, 1, 1), "en dag"),
        (date(2024, 1, 1), date(2024, 1, 12), "tolv dagar"),
        (date(2024, 1, 1), date(2024, 2, 14), "45\xa0dagar"),
        (date(2024, 1, 1), date(2024, 12, 30), "365\xa0dagar"),
    ],
)
def test_period_length_words(start: date, end: date, expected: str) -> None:
    assert period_length_words(start, end) == expected


def test_period_length_words_rejects_end_before_start() -> None:
    with pytest.raises(ValueError):
        period_length_words(date(2024, 2, 1), date(2024, 1, 31))


# --- numbers in words -----------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "noll"),
        (1, "ett"),
        (2, "två"),
        (3, "tre"),
        (7, "sju"),
        (8, "åtta"),
        (11, "elva"),
        (12, "tolv"),
        (13, "tretton"),
        (18, "arton"),
        (19, "nitton"),
        (20, "tjugo"),
        (21, "tjugoett"),
        (30, "trettio"),
        (40, "fyrtio"),
        (48, "fyrtioåtta"),
        (70, "sjuttio"),
        (80, "åttio"),
        (99, "nittionio"),
        (100, "etthundra"),
        (101, "etthundraett"),
        (111, "etthundraelva"),
        (250, "tvåhundrafemtio"),
        (999, "niohundranittionio"),
        (1000, "ettusen"),
        (1001, "ettusenett"),
        (2024, "tvåtusentjugofyra"),
        (21000, "tjugoettusen"),
        (101000, "etthundraettusen"),
        (999999, "niohundranittioniotusenniohundranittionio"),
    ],
)
def test_number_words_neuter(n: int, expected: str) -> None:
    assert number_words(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "en"), (21, "tjugoen"), (101, "etthundraen"), (11, "elva"), (2, "två"), (0, "noll")],
)
def test_number_words_common_gender(n: int, expected: str) -> None:
    assert number_words(n, "c") == expected


@pytest.mark.parametrize("n", [-1, 1_000_000])
def test_number_words_rejects_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        number_words(n)


def test_number_words_rejects_unknown_gender() -> None:
    with pytest.raises(ValueError):
        number_words(1, "m")  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=999_999))
def test_number_words_are_one_lowercase_word(n: int) -> None:
    words = number_words(n)
    assert words.isalpha()
    assert words.islower()
    assert "ttt" not in words


@pytest.mark.parametrize(
    ("n", "singular", "plural", "gender", "expected"),
    [
        (1, "år", "år", "n", "ett år"),
        (3, "år", "år", "n", "tre år"),
        (1, "månad", "månader", "c", "en månad"),
        (6, "månad", "månader", "c", "sex månader"),
        (21, "månad", "månader", "c", "tjugoen månader"),
        (0, "dag", "dagar", "c", "noll dagar"),
    ],
)
def test_count_words(n: int, singular: str, plural: str, gender: str, expected: str) -> None:
    assert count_words(n, singular, plural, gender) == expected  # type: ignore[arg-type]


def test_count_words_defaults_to_neuter() -> None:
    assert count_words(1, "år", "år") == "ett år"


# --- Jinja filters ---------------------------------------------------------------


def test_filters_work_in_templates() -> None:
    from iopdocs.word.render import environment

    template = environment().from_string(
        "{{ a|kr }}|{{ a|tkr }}|{{ a|mnkr }}|{{ d|iso_date }}|{{ d|long_date }}|{{ r|percent }}"
    )
    out = template.render(a=2755000, d=date(2023, 8, 30), r=Decimal("4.6"))
    assert out == (
        "2\u00a0755\u00a0000\u00a0kr|2\u00a0755\u00a0tkr|2,8\u00a0mnkr|"
        "2023-08-30|30 augusti 2023|4,6\u00a0%"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IOGT-NTO", "IOGT\u2011NTO"),
        ("Social- och omsorgsnämnden", "Social- och omsorgsnämnden"),
        ("IOP-överenskommelse 2024-01-01", "IOP\u2011överenskommelse 2024\u201101\u201101"),
        ("- punkt", "- punkt"),
        ("a -b c- d", "a -b c- d"),
    ],
)
def test_nobreak_joins_only_hyphens_inside_a_word(text: str, expected: str) -> None:
    assert nobreak(text) == expected
