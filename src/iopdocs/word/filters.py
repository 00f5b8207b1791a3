"""The filters templates may use, guarded so that a wrong value is said in Swedish.

The formatting filters take what the case model holds: whole numbers and
Decimals, dates. A data file for `prova-mall` holds what YAML gives: a
number with decimals is a float, and a date in quotes is text. A float is
taken as the Decimal it was written as; anything else a filter cannot take
stops the template with a message naming the filter and the value, instead
of Python's own words ("expected int or Decimal, got str").
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from iopdocs.swedish import formatting
from iopdocs.word import markup

NUMBERS = frozenset({"kr", "tkr", "mnkr", "number", "percent"})
DATES = frozenset({"iso_date", "long_date", "period_length_words"})


def filters() -> dict[str, Callable[..., Any]]:
    """Return every filter a template may use, by name."""
    found: dict[str, Callable[..., Any]] = {
        name: _guarded(name, function) for name, function in formatting.FILTERS.items()
    }
    found.update({"md": markup.md, "md_inline": markup.md_inline, "link": markup.link})
    return found


def _guarded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Return `function` taking floats as Decimals and refusing wrong values in Swedish."""

    @functools.wraps(function)
    def guarded(value: Any, *args: Any, **kwargs: Any) -> Any:
        if name in NUMBERS:
            value = _number(name, value)
        elif name in DATES:
            for given in (value, *args[:1]) if name == "period_length_words" else (value,):
                _date(name, given)
        return function(value, *args, **kwargs)

    return guarded


def _number(name: str, value: Any) -> Any:
    """Return a number a formatting filter takes: a float becomes the Decimal it was written as."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return value
    raise ValueError(f"filtret {name} tar ett tal, inte {_described(value)}")


def _date(name: str, value: Any) -> None:
    """Raise ValueError unless `value` is a date."""
    if not isinstance(value, date):
        raise ValueError(
            f"filtret {name} tar ett datum, inte {_described(value)}. I en datafil skrivs ett "
            "datum utan citattecken: 2025-03-04"
        )


def _described(value: Any) -> str:
    """Return a value as a message shows it: 'abc' (text), 1.5, tomt."""
    if value is None:
        return "tomt"
    if isinstance(value, str):
        return f"'{value[:40]}' (text)"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return f"{value!r}"[:40]
