"""The money: stated sums against computed ones (D001, D002), and the OPI rates (W002)."""

from __future__ import annotations

from iopdocs.case.derive import Derived
from iopdocs.case.model import Case
from iopdocs.case.rules.checker import Checker
from iopdocs.case.settings import Settings
from iopdocs.case.yamlpath import YamlPath
from iopdocs.swedish import formatting


def _stated(checker: Checker, path: YamlPath, stated: int | None, computed: int, what: str) -> None:
    """Flag a stated figure that differs from the computed one."""
    if stated is not None and stated != computed:
        checker.add(
            path,
            "D001",
            f"{what} är angiven till {formatting.kr(stated)} men blir {formatting.kr(computed)} "
            "när iopdocs räknar. Rätta siffran eller ta bort raden, så räknas den ut.",
        )


def check_totals(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """D001/D002: stated totals must equal the computed ones; the difference must be 0."""
    for i, party in enumerate(case.parter):
        total = derived.budgetar[i].total
        what = f"Summa kostnader för {party.namn}"
        _stated(checker, ("parter", i, "summa_kostnader"), party.summa_kostnader, total, what)
    stated, base = case.summor, ("summor",)
    for key, name, what in (
        ("total_ersättning", "total_ersattning", "Total ersättning"),
        ("totalkostnad", "totalkostnad", "Totalkostnad"),
        ("kommunens_finansiering", "kommunens_finansiering", "Kommunens finansiering"),
    ):
        _stated(checker, (*base, key), getattr(stated, name), getattr(derived, name), what)
    if derived.differens == 0:
        _stated(checker, (*base, "differens"), stated.differens, 0, "Differensen")
        return
    # A stated differens of 0 that does not hold is said by D002 alone.
    checker.add(
        (*base, "egen_finansiering"),
        "D002",
        f"finansieringen går inte ihop: totalkostnaden {formatting.kr(derived.totalkostnad)} "
        f"minus kommunens {formatting.kr(derived.kommunens_finansiering)} och egen finansiering "
        f"{formatting.kr(derived.egen_finansiering)} ger {formatting.kr(derived.differens)}, "
        "inte 0 kr. Rätta beloppen så att differensen blir 0.",
    )


def check_rates(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """W002 (warning): a rate the agreement needs should be published by the case's date.

    SKR publishes a year's rate in the December before it, so by the
    tjänsteskrivelse's date every rate up to its year should be in the table.
    Later years are not yet known; their rows are simply not shown.
    """
    late = [year for year in derived.opi_saknas if year <= case.datum.year]
    if late:
        years = ", ".join(str(year) for year in late)
        checker.add(
            ("överenskommelse", "värdeår"),
            "W002",
            f"OPI för {years} saknas, så tabellen med ersättningen per år visas inte. "
            "Lägg till satsen från SKR under opi: i iopdocs.yaml (år, procent, status, källa).",
        )
