"""The decision once it is made: the `beslut:` block against the rest of the case (B001-B005)."""

from __future__ import annotations

from iopdocs.case.derive import Derived
from iopdocs.case.model import Case
from iopdocs.case.rules.checker import Checker
from iopdocs.case.settings import Settings


def check_decision(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """B001-B005: the decision's dates, its text and its justering."""
    beslut = case.beslut
    if beslut is None:
        return
    if beslut.datum < case.datum:
        checker.add(
            ("beslut", "datum"),
            "B001",
            f"beslutet ({beslut.datum}) ligger före tjänsteskrivelsens datum ({case.datum}). "
            "Nämnden beslutar om en skrivelse som redan finns: rätta något av datumen.",
        )
    if case.sammantrade is not None and beslut.datum != case.sammantrade:
        checker.add(
            ("beslut", "datum"),
            "B002",
            f"beslutet är daterat {beslut.datum}, men sammanträdet är {case.sammantrade}. "
            "Kontrollera datumen; beslutades ärendet vid ett senare sammanträde, ändra "
            "sammanträde.",
        )
    if beslut.justerat is not None and beslut.justerat < beslut.datum:
        checker.add(
            ("beslut", "justerat"),
            "B003",
            f"protokollet kan inte justeras ({beslut.justerat}) före beslutet ({beslut.datum}). "
            "Rätta justeringsdagen.",
        )
    _check_text(checker, case)
    if beslut.justerat is None:
        checker.add(
            ("beslut",),
            "B005",
            "protokollsutdraget visar att protokollet inte är justerat. Skriv dagen då "
            "protokollet justerades under 'justerat' innan utdraget skickas.",
        )


def _check_text(checker: Checker, case: Case) -> None:
    """B004: a decision other than the proposal needs its text; the proposal needs none."""
    beslut = case.beslut
    if beslut is None:
        return
    if not beslut.enligt_forslag and not beslut.beslutstext:
        checker.add(
            ("beslut", "enligt_förslag"),
            "B004",
            "nämnden beslutade inte enligt förslaget, men beslutstexten saknas. Skriv beslutet "
            "som det fattades under 'beslutstext', en punkt per rad.",
        )
    if beslut.enligt_forslag and beslut.beslutstext:
        checker.add(
            ("beslut", "beslutstext"),
            "B004",
            "beslutstext skrivs bara när nämnden beslutade något annat än förslaget. Ta bort "
            "beslutstexten, eller skriv 'enligt_förslag: nej'.",
        )
