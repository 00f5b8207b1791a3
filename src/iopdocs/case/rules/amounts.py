"""Amounts in the texts (R004, R005): every figure written must be one the case states or derives.

A paper's running text may name the yearly cost while its table shows
another, or write kronor as mnkr ("1 850 000 mnkr/år"). R005 (error) refuses
an amount no nämnd's IOP paper can state; R004 (warning) names an amount
that is none of the case's, unless a reviewer has accepted it under
`undantag.belopp`.
"""

from __future__ import annotations

import re

from iopdocs.case.derive import Derived
from iopdocs.case.model import Case
from iopdocs.case.rules.checker import Checker
from iopdocs.case.settings import Settings
from iopdocs.case.yamlpath import texts
from iopdocs.swedish import formatting
from iopdocs.swedish.amounts import (
    LARGEST,
    UNITS,
    TextAmount,
    find_amounts,
    implausible,
    same_as_any,
)

_REVIEWED = ("undantag",)
# Beyond these, a message quotes an amount shortened and gives no size in billions
# (a figure of thousands of digits is no amount to round).
_LONGEST_SHOWN = 40
_BILLIONS_SHOWN = 10**12
# A figure that starts with a zero and goes on ("000 kr") is the tail of a number
# grouped wrongly, never an amount of the case.
_TAIL = re.compile(r"0\d")


def known_amounts(case: Case, derived: Derived) -> set[int]:
    """Return every amount the case states or derives, in kronor."""
    known = {0, derived.total_ersattning, derived.totalkostnad, derived.kommunens_finansiering}
    known |= {derived.egen_finansiering, derived.differens}
    for party, budget in zip(case.parter, derived.budgetar, strict=True):
        known |= {party.arlig_ersattning, budget.total, *(row.amount for row in budget.rows)}
        known |= {party.summa_kostnader} - {None}
    stated = case.summor.model_dump().values()
    known |= {value for value in stated if value is not None}
    if derived.avslut is not None:
        ending = derived.avslut
        known |= {ending.minskning, ending.arlig_minskning, *(r.amount for r in ending.rader)}
    if derived.uppraknade is not None:
        for row in derived.uppraknade.rows:
            known |= {row.total, *row.amounts}
    known |= _over_the_period(case, derived)
    return known


def _over_the_period(case: Case, derived: Derived) -> set[int]:
    """Return the compensation for the whole period, when the period is whole years."""
    try:
        years, months = formatting.period_length(case.period.fran, case.period.till)
    except ValueError:
        return set()
    return {derived.total_ersattning * years} if years > 1 and not months else set()


def _accepted(case: Case) -> set[str]:
    """Return the amounts a reviewer has accepted, written the way they are compared."""
    return {_normal(exception.text) for exception in case.undantag.belopp}


def _normal(text: str) -> str:
    """Return an amount as compared with the exceptions: one plain space, lower case."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split()).lower()


def check_amounts(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """R004 (warning) and R005 (error): amounts in any text against the case's amounts."""
    known = sorted(known_amounts(case, derived))
    accepted = _accepted(case)
    for path, _, _, text in texts(checker.loaded.data, skip=_REVIEWED):
        for found in find_amounts(text):
            code = _code(found, known, accepted)
            if code is None or not checker.room(path, code):  # past the cap: counted only
                continue
            if code == "R005":
                message = _implausible_message(found, known)
            else:
                message = _unknown_message(found)
            checker.add(path, code, message, checker.locate(path, text, found.start))


def _code(found: TextAmount, known: list[int], accepted: set[str]) -> str | None:
    """Return R005 when no reading of an amount is plausible, R004 when none is known."""
    readings = _readings(found)
    if all(implausible(reading) for reading in readings):
        return "R005"
    if found.approximate or _matches(found, readings, known, accepted):
        return None
    return "R004"


def _readings(found: TextAmount) -> tuple[TextAmount, ...]:
    """Return the ways an amount can be read: "2.755 mnkr" with its dot as either mark."""
    return (found,) if found.decimal_point is None else (found, found.decimal_point)


def _matches(
    found: TextAmount, readings: tuple[TextAmount, ...], known: list[int], accepted: set[str]
) -> bool:
    """Return whether any reading of an amount is the case's, or a reviewer has accepted it."""
    if _normal(found.text) in accepted:
        return True
    if _TAIL.match(found.text):  # "000 kr" of "1.000 000 kr": no amount, least of all 0 kr
        return False
    return any(same_as_any(reading, known) for reading in readings)


def _implausible_message(found: TextAmount, known: list[int]) -> str:
    """Return the R005 message, with the amount it probably means when the case has it."""
    meant = [unit for unit in ("kr", "tkr") if found.number * UNITS[unit] in known]
    if meant:
        hint = f"Menade du {formatting.number(found.number)} {meant[0]}?"
    else:
        hint = "Kontrollera enheten: kr, tkr (tusen kronor) eller mnkr (miljoner kronor)."
    billions = found.kronor / LARGEST
    if billions >= _BILLIONS_SHOWN:  # no figure to round: say so without one
        return f"'{_shown(found.text)}' är ett orimligt stort belopp för en nämnd. {hint}"
    size = formatting.number(billions, 0)
    return (
        f"'{_shown(found.text)}' är omkring {size} miljarder kronor, orimligt för en nämnd. {hint}"
    )


def _unknown_message(found: TextAmount) -> str:
    """Return the R004 message; an amount with a dot also says how the dot can be read."""
    message = (
        f"'{_shown(found.text)}' är inget av ärendets belopp (ersättning per part, summor, "
        "kostnadsbudget, egen finansiering, minskning). Rätta beloppet, eller lägg det under "
        "undantag.belopp om det stämmer."
    )
    if found.decimal_point is not None:
        message += (
            " Punkten kan läsas både som tusentalsavgränsare och som decimaltecken: skriv "
            "tusental med mellanslag och decimaler med komma."
        )
    return message


def _shown(text: str) -> str:
    """Return an amount as a message quotes it: on one line, a very long one by its start and end."""
    text = text.replace("\n", " ")
    if len(text) <= _LONGEST_SHOWN:
        return text
    return f"{text[:20]}…{text[-12:]}"
