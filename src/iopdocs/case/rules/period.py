"""The period and the decision's timing (P001-P006)."""

from __future__ import annotations

from datetime import date, timedelta

from iopdocs.case.derive import Derived
from iopdocs.case.model import Case
from iopdocs.case.rules.checker import Checker
from iopdocs.case.settings import Settings
from iopdocs.swedish import formatting


def check_period(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """P001/P002/P004: the period's order, notice and stated length."""
    period = case.period
    if period.till < period.fran:
        checker.add(
            ("period", "till"),
            "P001",
            f"periodens slut {period.till} ligger före starten {period.fran}. "
            "Rätta datumen; byt plats på dem om de har hamnat fel.",
        )
        return
    months = period.uppsagningstid_manader
    if formatting.add_months(period.fran, months) > period.till + timedelta(days=1):
        checker.add(
            ("period", "uppsägningstid_månader"),
            "P002",
            f"uppsägningstiden ({months} månader) är längre än hela perioden "
            f"({derived.period_langd}). Korta uppsägningstiden eller förläng perioden.",
        )
    stated = " ".join((period.langd or "").split()).lower()
    if stated and stated != derived.period_langd:
        checker.add(
            ("period", "längd"),
            "P004",
            f"längden '{period.langd}' stämmer inte med datumen, som ger "
            f"'{derived.period_langd}'. Rätta längden eller datumen, eller ta bort raden "
            "så räknas längden ut.",
        )


def decision_day(case: Case) -> date:
    """Return the day the board decides: the meeting, else the memo's date."""
    return case.sammantrade or case.datum


def check_decision_date(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """P003 (warning): the board should decide before the agreement starts."""
    if case.decision.ending:
        return  # an ending is decided while the agreement runs
    day = decision_day(case)
    if case.sammantrade is not None:
        path, what = ("sammanträde",), "Sammanträdet"
    else:
        path, what = ("datum",), "Tjänsteskrivelsens datum"
    if day > case.period.fran:
        checker.add(
            path,
            "P003",
            f"{what} ({day}) ligger efter att överenskommelsen börjar gälla "
            f"({case.period.fran}), så nämnden beslutar i efterhand. Kontrollera datumen; "
            "stämmer de, förklara i ärendet varför beslutet kommer efter starten.",
        )


def check_ending_notice(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """P005 (warning): an early ending should respect the notice period from the decision.

    An ending on the period's last day is no termination (the agreement runs
    out and is not renewed), so no notice applies; P006 asks instead that the
    nämnd decides before that day.
    """
    if case.avslut is None or case.avslut.datum >= case.period.till:
        return
    decided = decision_day(case)
    months = case.period.uppsagningstid_manader
    earliest = formatting.add_months(decided, months)
    if case.avslut.datum + timedelta(days=1) < earliest:
        checker.add(
            ("avslut", "datum"),
            "P005",
            f"överenskommelsen upphör efter {case.avslut.datum}, men uppsägningstiden är "
            f"{months} månader från beslutet {decided}: tidigast {earliest - timedelta(days=1)}. "
            "Skriv i ärendet att parterna är överens om ett tidigare avslut, eller flytta datumet.",
        )


def check_not_renewed_in_time(
    checker: Checker, case: Case, settings: Settings, derived: Derived
) -> None:
    """P006 (warning): not renewing an agreement is decided before it runs out."""
    if case.avslut is None or case.avslut.datum != case.period.till:
        return
    decided = decision_day(case)
    if decided > case.avslut.datum:
        checker.add(
            ("avslut", "datum"),
            "P006",
            f"nämnden beslutar {decided}, efter att överenskommelsen har löpt ut "
            f"({case.avslut.datum}). Kontrollera sammanträdets och avslutets datum.",
        )
