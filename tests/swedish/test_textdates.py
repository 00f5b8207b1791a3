"""Dates and periods in Swedish running text, with what the words before a date say."""

from __future__ import annotations

from datetime import date

import pytest

from iopdocs.swedish.textdates import find_dates, find_periods


@pytest.mark.parametrize(
    ("text", "day", "role"),
    [
        ("gäller från och med 2026-01-01.", date(2026, 1, 1), "start"),
        ("fr.o.m. 2026-01-01", date(2026, 1, 1), "start"),
        ("till och med 2028-12-31", date(2028, 12, 31), "end"),
        ("upphör att gälla efter den 30 juni 2025.", date(2025, 6, 30), "end"),
        ("beslutade den 23 november 2022", date(2022, 11, 23), None),
        ("2025-02-30", None, None),
        # as Word may write them: non-breaking hyphens and spaces, other digits
        ("till och med 2028\u201112\u201131", date(2028, 12, 31), "end"),
        ("från och med 1\u202fjanuari\u00a02027", date(2027, 1, 1), "start"),
        ("från och med ٢٠٢٧-٠١-٠١", date(2027, 1, 1), "start"),
    ],
)
def test_a_date_is_read_with_its_role(text, day, role):
    [found] = find_dates(text)
    assert (found.day, found.role) == (day, role)
    assert text[found.start : found.end] == found.text


def test_numbers_that_touch_a_date_are_no_date():
    assert find_dates("SON 2019-1251, 12024-01-01 och 2024-01-011") == []
    assert find_dates("nr 1\u20112024\u201101\u201101") == []


@pytest.mark.parametrize(
    "text",
    [
        "i tre år, från och med 2026-01-01 till och med 2028-12-31.",
        "perioden 2026-01-01 – 2028-12-31",
        "perioden 2026-01-01–2028-12-31",
        "från 1 januari 2026 till 31 december 2028",
    ],
)
def test_two_dates_joined_make_a_period(text):
    [period] = find_periods(text)
    assert (period.first.day, period.last.day) == (date(2026, 1, 1), date(2028, 12, 31))


def test_dates_apart_or_backwards_make_no_period():
    assert find_periods("2026-01-01 och sedan 2028-12-31") == []
    assert find_periods("2028-12-31 – 2026-01-01") == []
