"""Everything computed from a case, computed once.

Every document reads its sums, its period wording and its beslutsunderlag
from the `Derived` built here, so the papers of one case cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iopdocs import formatting
from iopdocs.model import Case, Decision, Settings

TJANSTESKRIVELSE = "Tjänsteskrivelse"


@dataclass(frozen=True)
class AmountRow:
    """A labelled amount: a table row."""

    label: str
    amount: int


@dataclass(frozen=True)
class PartyBudget:
    """A party's yearly cost budget with its sum."""

    party: str
    rows: tuple[AmountRow, ...]
    total: int


@dataclass(frozen=True)
class Document:
    """A document of the beslutsunderlag."""

    title: str
    day: date | None

    @property
    def line(self) -> str:
        """Return the beslutsunderlag line: title, then the ISO date if known."""
        if self.day is None:
            return self.title
        return f"{self.title}, {formatting.iso_date(self.day)}"


@dataclass(frozen=True)
class Derived:
    """The figures and wording of a case that every document shares."""

    fordelning: tuple[AmountRow, ...]
    total_ersattning: int
    budgetar: tuple[PartyBudget, ...]
    totalkostnad: int
    kommunens_finansiering: int
    egen_finansiering: int
    differens: int
    period_text: str
    period_langd: str
    period_mening: str
    uppsagningstid: str
    overenskommelse_titel: str
    overenskommelse_datum: date
    beslutsunderlag: tuple[Document, ...]
    beslutet_skickas_till: tuple[str, ...]
    namnd_genitiv: str


def derive(case: Case, settings: Settings) -> Derived:
    """Return the derived values of a case under its (merged) settings."""
    fordelning = tuple(AmountRow(p.namn, p.arlig_ersattning) for p in case.parter)
    total = sum(row.amount for row in fordelning)
    budgets = tuple(_budget(p.namn, p.kostnadsbudget) for p in case.parter)
    total_cost = sum(b.total for b in budgets)
    own = case.summor.egen_finansiering
    own = total_cost - total if own is None else own
    period_text = formatting.period(case.period.fran, case.period.till)
    length = formatting.period_length_words(case.period.fran, case.period.till)
    title = case.overenskommelse.titel or agreement_title(case, settings)
    agreement_day = case.overenskommelse.datum or case.datum
    return Derived(
        fordelning=fordelning,
        total_ersattning=total,
        budgetar=budgets,
        totalkostnad=total_cost,
        kommunens_finansiering=total,
        egen_finansiering=own,
        differens=total_cost - total - own,
        period_text=period_text,
        period_langd=length,
        period_mening=f"Överenskommelsen gäller {length}, {period_text}.",
        uppsagningstid=_notice(case.period.uppsagningstid_manader),
        overenskommelse_titel=title,
        overenskommelse_datum=agreement_day,
        beslutsunderlag=_basis(case, title, agreement_day),
        beslutet_skickas_till=tuple(case.beslutet_skickas_till or [p.namn for p in case.parter]),
        namnd_genitiv=genitive(settings.namnd.lower()),
    )


def _budget(party: str, rows) -> PartyBudget:
    """Return a party's budget rows with their sum."""
    budget_rows = tuple(AmountRow(r.post, r.belopp) for r in rows)
    return PartyBudget(party, budget_rows, sum(r.amount for r in budget_rows))


def agreement_title(case: Case, settings: Settings) -> str:
    """Return the agreement's title: the parties, then the municipality."""
    names = [p.namn for p in case.parter] + [settings.kommun]
    return "Idéburet offentligt partnerskap (IOP) mellan " + join_names(names)


def join_names(names: list[str]) -> str:
    """Join names the Swedish way: 'A, B och C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " och " + names[-1]


def genitive(noun: str) -> str:
    """Return the Swedish genitive: 'nämnden' -> 'nämndens', 'Linköpings' stays."""
    return noun if noun.endswith(("s", "x", "z")) else noun + "s"


def _notice(months: int) -> str:
    """Return the notice period as in the agreement: 'sex (6) månader'."""
    word = formatting.count_words(months, "månad", "månader", gender="c")
    number_word, _, unit = word.partition(" ")
    return f"{number_word} ({months}) {unit}"


def _basis(case: Case, agreement: str, agreement_day: date) -> tuple[Document, ...]:
    """Return the beslutsunderlag: this tjänsteskrivelse, the agreement, further bilagor."""
    docs = [Document(f"{TJANSTESKRIVELSE} – {case.rubrik}", case.datum)]
    if case.beslutstyp is not Decision.AVSLUT:
        docs.append(Document(f"Bilaga 1: {agreement}", agreement_day))
    start = len(docs)
    for number, extra in enumerate(case.bilagor, start=start):
        docs.append(Document(f"Bilaga {number}: {extra.titel}", extra.datum))
    return tuple(docs)
