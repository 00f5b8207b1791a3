"""Amounts of money written in Swedish running text: "452 948 kr", "0,8 mnkr", "en (1) miljon kronor".

`find_amounts` reads each amount with its unit into kronor, and remembers
how precisely it is written (its step: "0,8 mnkr" is exact to 100 000 kr),
so that `same_amount` can tell whether a known figure, rounded or cut to
that precision, is what the text says. Amounts after words such as
"cirka" or "högst" are marked approximate: they are not meant exactly.
Pure text functions; the case rules decide what counts as known.

Besides the recommended form (space between thousands, decimal comma, unit
after), the forms municipal papers also use are read: "450 000:-",
"450.000 kr" (a dot between thousands), "450 000 SEK", "450 tkr". A dot is
a thousands separator when groups of exactly three digits follow it; with
kr, kronor, SEK or ":-" nothing else is possible (no amount has three
decimals of öre), but "2.755 mnkr" may also be an English decimal point,
so such an amount carries that second reading (`decimal_point`). A dot
followed by one, two or four or more digits ("1.5 mnkr") is a decimal point.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

# A space between digit groups or words: plain, no-break, narrow no-break, thin, figure.
_SPACE = "[ \u00a0\u202f\u2009\u2007]"
# Between digit groups, and before the unit, a literal block's wrapped line may also
# break ("450\n000 kr"): one line break, never a blank line.
_GAP = rf"(?:{_SPACE}|\n)"
# Digits of any script ("４５０", "٤٥٠") are read as digits: they must not hide an amount.
# Groups of three after a space or a dot (the dot group not followed by a fourth
# digit: "1.5000" is a decimal number), else digits with a decimal comma or point.
_DIGITS = (
    rf"\d{{1,3}}(?:{_GAP}\d{{3}})+(?:,\d+)?"
    r"|(?P<dotted>\d{1,3}(?:\.\d{3})+(?!\d)(?:,\d+)?)"
    r"|\d+(?:[,.]\d+)?"
)
_TWO_TO_TWELVE = ("två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")
_WORD_VALUES = {
    "en och en halv": Decimal("1.5"),
    "två och en halv": Decimal("2.5"),
    "en halv": Decimal("0.5"),
    "halv": Decimal("0.5"),
    **dict.fromkeys(("en", "ett"), Decimal(1)),
    **{word: Decimal(n) for n, word in enumerate(_TWO_TO_TWELVE, start=2)},
}
_WORDS = "|".join(sorted(map(re.escape, _WORD_VALUES), key=len, reverse=True))
# Each unit and how many kronor it is. Longer spellings first, so that
# "miljoner kronor" is read as one unit and not as "miljoner" + "kronor".
UNITS: dict[str, int] = {
    "miljarder kronor": 10**9,
    "miljard kronor": 10**9,
    "mdkr": 10**9,
    "miljoner kronor": 10**6,
    "miljon kronor": 10**6,
    "miljoner kr": 10**6,
    "mn kr": 10**6,
    "miljon kr": 10**6,
    "milj. kr": 10**6,
    "mnkr": 10**6,
    "mkr": 10**6,
    "msek": 10**6,
    "tusen kronor": 10**3,
    "tusen kr": 10**3,
    "tkr": 10**3,
    "kkr": 10**3,
    "ksek": 10**3,
    "tsek": 10**3,
    "kronor": 1,
    "kr": 1,
    "sek": 1,
    ":-": 1,
    ":–": 1,
}
_UNIT = "|".join(
    re.escape(unit).replace(r"\ ", f"{_SPACE}+") for unit in sorted(UNITS, key=len, reverse=True)
)
# A number in figures or words, then (checked apart, see find_amounts) its unit. Each
# number is read whole before its unit is looked for, so a long run of digit groups
# with no unit after it costs one pass, not one pass per group.
_NUMBER = re.compile(
    rf"(?<![\w,.])(?:(?P<word>{_WORDS})(?:{_SPACE}*\((?P<paren>\d+(?:,\d+)?)\))?(?!\w)"
    rf"|(?P<digits>{_DIGITS}))",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(rf"{_SPACE}*(?:\n{_SPACE}*)?(?P<unit>{_UNIT})(?!\w)", re.IGNORECASE)
# Units in whole kronor: after them a single dot group is always thousands.
_KRONOR = frozenset(unit for unit, size in UNITS.items() if size == 1)
_APPROXIMATE = re.compile(
    r"(?:cirka|ca\.?|c:a|ungefär|omkring|runt|drygt|knappt|nästan|över|under|upp till|"
    r"högst|minst|mer än|mindre än|uppemot|närmare)\s*$",
    re.IGNORECASE,
)
LARGEST = 10**9
"""More than 1 000 mnkr is no amount a nämnd's partnership paper states."""
_CLOSE = Decimal("0.1")


@dataclass(frozen=True)
class TextAmount:
    """An amount found in a text: where, as written, in kronor, and how precisely."""

    start: int
    end: int
    text: str
    number: Decimal
    """The number as written, in its own unit: 1 850 000 for "1 850 000 mnkr"."""
    unit: str
    kronor: Decimal
    step: Decimal
    """The kronor that the last digit written stands for: 1 for kr, 100 000 for "0,8 mnkr"."""
    approximate: bool
    decimal_point: TextAmount | None = None
    """The amount read with its one dot as a decimal point ("2.755 mnkr"), if it can be."""


def find_amounts(text: str) -> list[TextAmount]:
    """Return every amount with a unit in `text`, in order."""
    found = []
    for number in _NUMBER.finditer(text):
        unit = _UNIT_AFTER.match(text, number.end())
        if unit is not None:
            found.append(_amount(text, number, unit))
    return found


def _amount(text: str, number: re.Match[str], unit: re.Match[str]) -> TextAmount:
    """Return the amount of a number and the unit after it."""
    name = re.sub(f"{_SPACE}+", " ", unit["unit"].lower())
    written = number["digits"] or number["paren"]
    if number["dotted"]:
        value, decimals = _figures(written.replace(".", ""), ",")
    elif written:
        value, decimals = _figures(written, ",.")
    else:
        value = _WORD_VALUES[re.sub(f"{_SPACE}+", " ", number["word"].lower())]
        decimals = 0 if value == value.to_integral_value() else 1
    decimal_point = None
    if number["dotted"] and written.count(".") == 1 and "," not in written and name not in _KRONOR:
        decimal_point = _reading(text, number, unit, name, *_figures(written, "."))
    return _reading(text, number, unit, name, value, decimals, decimal_point)


def _figures(written: str, marks: str) -> tuple[Decimal, int]:
    """Return a number written in figures and its count of decimals after any of `marks`."""
    digits = _ascii_digits(re.sub(_GAP, "", written))
    whole, mark, decimals = digits.partition(next((m for m in marks if m in digits), " "))
    return Decimal(f"{whole}.{decimals}" if mark else whole), len(decimals)


def _reading(
    text: str,
    number: re.Match[str],
    unit: re.Match[str],
    name: str,
    value: Decimal,
    decimals: int,
    decimal_point: TextAmount | None = None,
) -> TextAmount:
    """Return the amount of `value` in the unit `name`, written as precisely as `decimals`."""
    per_unit = Decimal(UNITS[name])
    before = text[max(0, number.start() - 20) : number.start()]
    return TextAmount(
        number.start(),
        unit.end(),
        text[number.start() : unit.end()],
        value,
        name,
        value * per_unit,
        per_unit * Decimal(10) ** -decimals,
        bool(_APPROXIMATE.search(before)),
        decimal_point,
    )


def _ascii_digits(written: str) -> str:
    """Return a number with every digit, of any script, as 0-9."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in written)


def same_amount(found: TextAmount, known: int) -> bool:
    """Return whether `known` kronor, written as precisely as `found`, is `found`.

    Both rounding and cutting off to the written precision count ("792 638
    kr" may be "793 tkr" or "792 tkr"), but never a figure more than 10 %
    away: "en miljon kronor" is no rounding of 618 000 kr.
    """
    difference = abs(found.kronor - known)
    if found.step <= 1:
        return difference < 1
    within = difference <= found.step / 2 or found.kronor <= known < found.kronor + found.step
    return within and difference <= _CLOSE * max(known, 1)


def same_as_any(found: TextAmount, known: Sequence[int]) -> bool:
    """Return whether `found` is `same_amount` as any of `known`, sorted in ascending order.

    Only the figures within 10 % (and 1 kr) of `found` can be the same, so
    only those are compared: a text of thousands of amounts costs a search
    each, not a comparison with every figure of the case.
    """
    low = bisect.bisect_left(known, found.kronor / Decimal("1.1") - 1)
    high = bisect.bisect_right(known, found.kronor / Decimal("0.9") + 1)
    return any(same_amount(found, k) for k in known[low:high])


def implausible(found: TextAmount) -> bool:
    """Return whether an amount is too large for any figure of a nämnd's IOP paper."""
    return found.kronor > LARGEST
