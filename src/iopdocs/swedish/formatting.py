"""Swedish formatting of amounts, numbers, dates and periods.

Every amount uses a no-break space (U+00A0) between digit groups and before
the unit, so "452 948 kr" never wraps, and the minus sign U+2212. Babel's
sv_SE locale supplies the separators; its output is normalised because the
characters differ between CLDR versions (U+00A0 or U+202F, "-" or U+2212).
Money is rounded half up, as in accounting, not half to even.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from iopdocs.swedish import LOCALE

NBSP = "\u00a0"
MINUS = "\u2212"

Gender = Literal["n", "c"]
Amount = int | Decimal

_SPACES_TO_NBSP = str.maketrans({" ": NBSP, "\u202f": NBSP, "\u2009": NBSP})
_HYPHEN_TO_MINUS = str.maketrans({"-": MINUS})


# --- numbers and amounts ---------------------------------------------------


def _to_decimal(value: Amount) -> Decimal:
    """Return `value` as a finite Decimal; reject floats, whose digits are inexact."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"expected int or Decimal, got {type(value).__name__}")
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"cannot format {value!r}")
    return result


def _round(value: Decimal, decimals: int) -> Decimal:
    """Return `value` rounded half up to `decimals` places, never negative zero."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)


def _grouped(value: Decimal, decimals: int) -> str:
    """Return `value` rounded and grouped the Swedish way, with NBSP and U+2212."""
    from babel.numbers import format_decimal  # at first use: validating needs no Babel

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    text = format_decimal(_round(value, decimals), format=pattern, locale=LOCALE)
    return text.translate(_SPACES_TO_NBSP).translate(_HYPHEN_TO_MINUS)


def _own_decimals(value: Decimal) -> int:
    """Return how many decimals `value` shows, ignoring trailing zeros."""
    if value == value.to_integral_value():
        return 0
    return -int(value.normalize().as_tuple().exponent)


def number(n: Amount, decimals: int | None = None) -> str:
    """Return `n` grouped with no-break spaces: 1962362 -> "1 962 362".

    With `decimals` None, a whole number has no decimals and any other shows
    its own (Decimal("2.50") -> "2,5").
    """
    value = _to_decimal(n)
    places = _own_decimals(value) if decimals is None else decimals
    return _grouped(value, places)


def _with_unit(text: str, unit: str) -> str:
    """Return `text` followed by a no-break space and `unit`."""
    return f"{text}{NBSP}{unit}"


def kr(amount: Amount) -> str:
    """Return an amount in kronor: 452948 -> "452 948 kr", 12345.5 -> "12 345,50 kr"."""
    value = _round(_to_decimal(amount), 2)
    decimals = 0 if value == value.to_integral_value() else 2
    return _with_unit(_grouped(value, decimals), "kr")


def tkr(amount: Amount, decimals: int = 0) -> str:
    """Return an amount in thousands of kronor: 452948 -> "453 tkr"."""
    return _with_unit(_grouped(_to_decimal(amount) / 1000, decimals), "tkr")


def mnkr(amount: Amount, decimals: int = 1) -> str:
    """Return an amount in millions of kronor: 2755000 -> "2,8 mnkr"."""
    return _with_unit(_grouped(_to_decimal(amount) / 1_000_000, decimals), "mnkr")


def percent(rate: Amount, decimals: int = 1) -> str:
    """Return a rate given in percent as text: Decimal("4.6") -> "4,6 %"."""
    return _with_unit(_grouped(_to_decimal(rate), decimals), "%")


# --- dates and periods -----------------------------------------------------


def iso_date(d: date) -> str:
    """Return the date as YYYY-MM-DD, for headers, metadata and tables."""
    if isinstance(d, datetime):
        d = d.date()
    return d.isoformat()


def long_date(d: date) -> str:
    """Return the date for running text: "30 augusti 2023"."""
    from babel.dates import format_date  # at first use, as in _grouped

    return format_date(d, "d MMMM y", locale=LOCALE)


def _check_order(start: date, end: date) -> None:
    """Raise ValueError if the period ends before it starts."""
    if end < start:
        raise ValueError(
            f"Perioden slutar {iso_date(end)}, före sitt startdatum {iso_date(start)}. "
            "Byt plats på datumen eller rätta dem."
        )


def period(start: date, end: date) -> str:
    """Return an inclusive period: "från och med 2024-01-01 till och med 2026-12-31"."""
    _check_order(start, end)
    return f"från och med {iso_date(start)} till och med {iso_date(end)}"


def _whole_months(start: date, end: date) -> int | None:
    """Return how many whole months the inclusive period spans, or None if not whole.

    A period is whole months when the day after its end has the start's day of
    the month (2024-03-15..2025-03-14). Month ends are not clamped, so
    2024-01-31..2024-02-29 is not a whole month.
    """
    after = end + timedelta(days=1)
    if after.day != start.day:
        return None
    return (after.year - start.year) * 12 + after.month - start.month


def period_length(start: date, end: date) -> tuple[int, int]:
    """Return (whole years, remaining months) of an inclusive period of whole months."""
    _check_order(start, end)
    months = _whole_months(start, end)
    if months is None:
        raise ValueError(
            f"Perioden {iso_date(start)}–{iso_date(end)} är inte ett helt antal månader. "
            "Låt den sluta dagen före samma dag i månaden som den börjar."
        )
    years, rest = divmod(months, 12)
    return years, rest


# --- numbers in words ------------------------------------------------------

_ONES = (
    *("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"),
    *("tio", "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton"),
    *("arton", "nitton"),
)
_TENS = ("", "", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio")
_MAX_WORDS = 999_999
# Språkrådet: write numbers up to twelve in words, larger ones in digits.
_MAX_SPELLED_OUT = 12


def _below_hundred(n: int) -> str:
    """Return 1..99 in neuter words; 0 gives the empty string."""
    if n == 0:
        return ""
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (_ONES[ones] if ones else "")


def _below_thousand(n: int) -> str:
    """Return 1..999 in neuter words; 0 gives the empty string."""
    hundreds, rest = divmod(n, 100)
    head = _ONES[hundreds] + "hundra" if hundreds else ""
    return head + _below_hundred(rest)


def _neuter_words(n: int) -> str:
    """Return 0..999 999 in neuter words, written as one word."""
    if n == 0:
        return _ONES[0]
    thousands, rest = divmod(n, 1000)
    head = _below_thousand(thousands) + "tusen" if thousands else ""
    # Three equal consonants are written as two: "ettusen", "tjugoettusen".
    return head.replace("tttusen", "ttusen") + _below_thousand(rest)


def number_words(n: int, gender: Gender = "n") -> str:
    """Return 0..999 999 in Swedish words: 3 -> "tre", 21 -> "tjugoett".

    `gender` is that of the counted noun: "n" (neuter, "ett år") or "c"
    (common, "en månad", 21 -> "tjugoen").
    """
    if gender not in ("n", "c"):
        raise ValueError(f"gender must be 'n' or 'c', got {gender!r}")
    if not 0 <= n <= _MAX_WORDS:
        raise ValueError(f"can only spell out 0..{_MAX_WORDS}, got {n}")
    words = _neuter_words(n)
    if gender == "c" and words.endswith("ett"):
        return words[: -len("ett")] + "en"
    return words


def count_words(n: int, singular: str, plural: str, gender: Gender = "n") -> str:
    """Return a count in words with its noun: "ett år", "tre år", "en månad", "sex månader"."""
    noun = singular if n == 1 else plural
    return f"{number_words(n, gender)} {noun}"


def count(n: int, singular: str, plural: str) -> str:
    """Return a count in digits with its noun in the right number: "1 varning", "2 varningar"."""
    return f"{n} {singular if n == 1 else plural}"


def _count(n: int, singular: str, plural: str, gender: Gender) -> str:
    """Return a count for running text: words up to twelve, digits above."""
    if n <= _MAX_SPELLED_OUT:
        return count_words(n, singular, plural, gender)
    return _with_unit(number(n), plural)


def period_length_words(start: date, end: date) -> str:
    """Return the length of an inclusive period: "tre år", "ett år och sex månader".

    A period that is not whole months is given in days: "45 dagar".
    """
    _check_order(start, end)
    months = _whole_months(start, end)
    if months is None:
        return _count((end - start).days + 1, "dag", "dagar", "c")
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(_count(years, "år", "år", "n"))
    if rest:
        parts.append(_count(rest, "månad", "månader", "c"))
    return " och ".join(parts)


def add_months(day: date, months: int) -> date:
    """Return `day` moved `months` ahead, clamped to the end of the month (31 jan + 1 = 28/29 feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("every month has 28 days")


# --- words -------------------------------------------------------------------


def join_names(names: list[str]) -> str:
    """Join names the Swedish way: 'A, B och C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " och " + names[-1]


def genitive(noun: str) -> str:
    """Return the Swedish genitive: 'nämnden' -> 'nämndens', 'Linköpings' stays."""
    return noun if noun.endswith(("s", "x", "z")) else noun + "s"


NB_HYPHEN = "\u2011"
_JOINING_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def nobreak(text: object) -> str:
    """Return `text` with every hyphen between two letters or digits made non-breaking.

    "IOGT-NTO" keeps together in a heading or a table cell; "Social- och"
    (a hyphen before a space) is left alone. The Word layer writes U+2011 as
    Word's own non-breaking hyphen.
    """
    return _JOINING_HYPHEN.sub(NB_HYPHEN, str(text))


FILTERS: dict[str, Callable[..., str]] = {
    "kr": kr,
    "tkr": tkr,
    "mnkr": mnkr,
    "number": number,
    "percent": percent,
    "iso_date": iso_date,
    "long_date": long_date,
    "period_length_words": period_length_words,
    "nobreak": nobreak,
}
