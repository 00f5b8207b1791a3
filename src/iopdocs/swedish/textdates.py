"""Dates and periods written in Swedish running text: "2026-01-01", "30 juni 2025".

`find_dates` reads ISO dates and long dates and tells from the words
before a date whether it starts something ("från och med …") or ends it
("till och med …", "upphör efter den …"). `find_periods` reads two dates
that make a period: "från och med X till och med Y", "X – Y", "X till Y".
Pure text functions; the case rules decide which dates a case knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti")
MONTHS += ("september", "oktober", "november", "december")
# A hyphen as typed, or Word's non-breaking and Unicode hyphens; a space of any width.
_HYPHEN = "[-\u2010\u2011]"
_SPACE = "[ \u00a0\u202f\u2009\u2007]+"
_ISO = rf"(?P<y>\d{{4}}){_HYPHEN}(?P<m>\d{{2}}){_HYPHEN}(?P<d>\d{{2}})"
_LONG = rf"(?P<ld>\d{{1,2}}){_SPACE}(?P<lm>{'|'.join(MONTHS)}){_SPACE}(?P<ly>\d{{4}})"
_DATE = re.compile(
    rf"(?<![\d\-\u2010\u2011])(?:{_ISO}|{_LONG})(?![\d\-\u2010\u2011])", re.IGNORECASE
)
_STARTS = re.compile(
    r"(?:från och med|fr\.\s?o\.\s?m\.?|från|börjar(?: den)?|gäller från)\s+(?:den\s+)?$",
    re.IGNORECASE,
)
_ENDS = re.compile(
    r"(?:till och med|t\.\s?o\.\s?m\.?|till|upphör[^.]*?efter|efter|slutar|avslutas)"
    r"\s+(?:den\s+)?$",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\s*(?:–|-|—|till och med|t\.\s?o\.\s?m\.?|till)\s*", re.IGNORECASE)

Role = Literal["start", "end"]


@dataclass(frozen=True)
class TextDate:
    """A date found in a text: where, as written, the day (None if not in the calendar)."""

    start: int
    end: int
    text: str
    day: date | None
    role: Role | None
    """"start" or "end" when the words before it say so."""


@dataclass(frozen=True)
class TextPeriod:
    """Two dates of a text that make a period."""

    first: TextDate
    last: TextDate

    @property
    def text(self) -> str:
        """Return the two dates as written, for messages."""
        return f"{self.first.text} – {self.last.text}"


def find_dates(text: str) -> list[TextDate]:
    """Return every ISO or long date in `text`, in order."""
    return [_date(text, match) for match in _DATE.finditer(text)]


def _date(text: str, match: re.Match[str]) -> TextDate:
    """Return the date of one match, with its role from the words before it."""
    if match["y"]:
        parts = int(match["y"]), int(match["m"]), int(match["d"])
    else:
        parts = int(match["ly"]), MONTHS.index(match["lm"].lower()) + 1, int(match["ld"])
    try:
        day = date(*parts)
    except ValueError:
        day = None
    before = text[max(0, match.start() - 40) : match.start()]
    role: Role | None = (
        "start" if _STARTS.search(before) else "end" if _ENDS.search(before) else None
    )
    return TextDate(match.start(), match.end(), match.group(), day, role)


def find_periods(text: str, dates: list[TextDate] | None = None) -> list[TextPeriod]:
    """Return every pair of dates in `text` joined as a period ("X – Y", "X till och med Y")."""
    dates = find_dates(text) if dates is None else dates
    periods = []
    for first, last in zip(dates, dates[1:], strict=False):
        joined = _BETWEEN.fullmatch(text[first.end : last.start])
        if joined and first.day and last.day and first.day <= last.day:
            periods.append(TextPeriod(first, last))
    return periods
