"""The filters take what a data file gives, and say in Swedish what they cannot take."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from iopdocs.word import render


def fill(source: str, **context) -> str:
    return render.environment().from_string(source).render(context)


def test_a_float_from_a_data_file_is_formatted_as_written():
    assert fill("{{ x|kr }}", x=12345.5) == "12\u00a0345,50\u00a0kr"
    assert fill("{{ x|percent }}", x=4.6) == "4,6\u00a0%"
    assert fill("{{ x|kr }}", x=Decimal("2.5")) == fill("{{ x|kr }}", x=2.5)


@pytest.mark.parametrize(
    ("source", "value", "said"),
    [
        ("{{ x|kr }}", "abc", "filtret kr tar ett tal, inte 'abc' (text)"),
        ("{{ x|number }}", None, "filtret number tar ett tal, inte tomt"),
        ("{{ x|long_date }}", "2025-01-01", "filtret long_date tar ett datum, inte '2025-01-01'"),
        ("{{ x|iso_date }}", 2025, "filtret iso_date tar ett datum, inte 2025"),
        ("{{ d|period_length_words(x) }}", "2026-01-01", "period_length_words tar ett datum"),
    ],
)
def test_a_value_a_filter_cannot_take_is_said_in_swedish(source, value, said):
    with pytest.raises(ValueError, match=re.escape(said)):
        fill(source, x=value, d=date(2025, 1, 1))


def test_dates_still_work():
    assert fill("{{ x|long_date }}", x=date(2025, 3, 4)) == "4 mars 2025"
    assert fill("{{ a|period_length_words(b) }}", a=date(2025, 1, 1), b=date(2025, 12, 31)) == (
        "ett år"
    )
