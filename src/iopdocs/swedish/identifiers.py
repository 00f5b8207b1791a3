"""Swedish identifiers: organisationsnummer and personnummer.

Organisation numbers are checked so that a typo in a signature block is
caught before the paper goes out. Personnummer and samordningsnummer must
never appear in a published paper, so this module also finds them in free
text. Both use the Luhn check (mod 10, weights 2, 1 from the left over the
10-digit form).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

PersonalNumberKind = Literal["personnummer", "samordningsnummer"]

# Hyphen-like characters people (and word processors) type between the parts.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"

_ORGNR_SHAPE = re.compile(rf"(?:16)?([0-9]{{6}})[{_DASHES}]?([0-9]{{4}})")

# A letter or digit; a match must not touch one on either side. The 12-digit
# form must start with a plausible century, else "99" + a number would match.
_NOT_ALNUM_BEFORE = r"(?<![^\W_])"
_NOT_ALNUM_AFTER = r"(?![^\W_])"
_PERSONAL_NUMBER = re.compile(
    _NOT_ALNUM_BEFORE
    + rf"""
    (?:
        (?P<century>18|19|20)(?P<date12>[0-9]{{6}})[{_DASHES}]?
      | (?P<date10>[0-9]{{6}})(?P<sep10>[{_DASHES}+]?)
    )
    (?P<tail>[0-9]{{4}})
    """
    + _NOT_ALNUM_AFTER,
    re.VERBOSE,
)

_SAMORDNING_DAY_OFFSET = 60


def _is_ascii_digits(text: str) -> bool:
    """Return whether `text` is non-empty and only ASCII digits 0-9."""
    return text.isascii() and text.isdigit()


def _luhn_sum(digits: str) -> int:
    """Return the Luhn sum, weighting the last digit 1, the one before it 2, and so on."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        product = int(char) * (1 if position % 2 == 0 else 2)
        total += product - 9 if product > 9 else product
    return total


def luhn_valid(digits: str) -> bool:
    """Return whether `digits` (ASCII digits only) ends in a correct Luhn check digit.

    For the 10-digit form of Swedish identifiers this is the mod 10 check with
    weights 2, 1 from the left.
    """
    if not _is_ascii_digits(digits):
        return False
    return _luhn_sum(digits) % 10 == 0


def luhn_check_digit(body: str) -> str:
    """Return the check digit that makes `body` + digit Luhn-valid."""
    if not _is_ascii_digits(body):
        raise ValueError(f"expected ASCII digits, got {body!r}")
    return str(-_luhn_sum(body + "0") % 10)


# --- organisationsnummer ---------------------------------------------------


def normalize_orgnr(text: str) -> str | None:
    """Return `text` as "NNNNNN-NNNN", or None if it does not have that shape.

    Spaces, any hyphen or dash, and the "16" prefix of the 12-digit form are
    accepted. Only the shape is checked here; see `orgnr_problem`.
    """
    compact = "".join(text.split())
    match = _ORGNR_SHAPE.fullmatch(compact)
    if match is None:
        return None
    return f"{match.group(1)}-{match.group(2)}"


def orgnr_problem(text: str) -> str | None:
    """Return a Swedish explanation of what is wrong with an organisationsnummer, or None."""
    canonical = normalize_orgnr(text)
    if canonical is None:
        return (
            f"”{text}” är inte ett organisationsnummer: skriv det som tio siffror "
            "på formen NNNNNN-NNNN, till exempel 212000-0449."
        )
    digits = canonical.replace("-", "")
    if int(digits[2]) < 2:
        return (
            f"Tredje siffran i organisationsnumret {canonical} är {digits[2]}, men den ska "
            "vara 2 eller högre. Kontrollera numret; ett personnummer kan inte användas här."
        )
    if not luhn_valid(digits):
        # Never which digit would pass: that invites typing a number that only looks right.
        return (
            f"Kontrollsiffran i organisationsnumret {canonical} stämmer inte med de andra "
            "siffrorna, så någon siffra är fel eller har bytt plats. Jämför med "
            "organisationens registreringsbevis eller stadgar, eller sök på organisationens "
            "namn hos Bolagsverket eller i SCB:s företagsregister."
        )
    return None


# --- personnummer and samordningsnummer ------------------------------------


@dataclass(frozen=True)
class PersonalNumberMatch:
    """A personnummer or samordningsnummer found in a text, with its position."""

    start: int
    end: int
    text: str
    kind: PersonalNumberKind


def _is_real_date(year: int, month: int, day: int) -> bool:
    """Return whether year-month-day is a date in the calendar."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _candidate_years(match: re.Match[str]) -> tuple[int, ...]:
    """Return the birth years a matched number can mean."""
    if match.group("century") is not None:
        return (int(match.group("century") + match.group("date12")[:2]),)
    two_digits = int(match.group("date10")[:2])
    # "+" marks someone 100 years or older; without it the century is unknown.
    centuries = (1800, 1900) if match.group("sep10") == "+" else (1900, 2000)
    return tuple(century + two_digits for century in centuries)


def _classify(match: re.Match[str]) -> PersonalNumberKind | None:
    """Return the kind of a candidate, or None if its date or check digit is wrong."""
    date_part = match.group("date12") or match.group("date10")
    if not luhn_valid(date_part + match.group("tail")):
        return None
    month, day = int(date_part[2:4]), int(date_part[4:6])
    kind: PersonalNumberKind = "personnummer"
    if day > _SAMORDNING_DAY_OFFSET:
        kind, day = "samordningsnummer", day - _SAMORDNING_DAY_OFFSET
    years = _candidate_years(match)
    if not any(_is_real_date(year, month, day) for year in years):
        return None
    return kind


def find_personal_numbers(text: str) -> list[PersonalNumberMatch]:
    """Return every personnummer and samordningsnummer in `text`, in order.

    Accepts YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC, YYYYMMDD-NNNC and
    YYYYMMDDNNNC (any dash; century 18, 19 or 20). The date must exist (day + 60 for a
    samordningsnummer) and the check digit must be right, so organisation
    numbers (month 20 or more), case numbers, dates and amounts are not found.
    """
    found = []
    for match in _PERSONAL_NUMBER.finditer(text):
        kind = _classify(match)
        if kind is not None:
            found.append(PersonalNumberMatch(match.start(), match.end(), match.group(), kind))
    return found
