"""Everything computed from a case, computed once.

Every document reads its sums, its period wording and its beslutsunderlag
from the `Derived` built here, so the papers of one case cannot disagree.
The beslutsunderlag lists the case's documents, which only the document
kinds know: the build fills it in (`iopdocs.build.kinds.with_basis`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from iopdocs.case import opi
from iopdocs.case.attachments import MonthYear
from iopdocs.case.decided import DecisionWording, amendment_sentence, wording
from iopdocs.case.model import BudgetRow, Case, FollowUp
from iopdocs.case.settings import Settings
from iopdocs.case.values import Person
from iopdocs.swedish import formatting
from iopdocs.swedish.formatting import genitive, join_names

UPPFOLJNING = "Uppföljning"


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
class BasisDocument:
    """A document of the beslutsunderlag as the memo lists it, and how it reaches the meeting.

    `fil` is an attachment's file (relative to the case file); `sent` is
    False for an attachment listed without one, which the meeting's agenda
    marks as not attached.
    """

    title: str
    day: date | MonthYear | None
    fil: str | None = None
    sent: bool = True

    @property
    def line(self) -> str:
        """Return the beslutsunderlag line: title, then the date if known."""
        if self.day is None:
            return self.title
        when = formatting.iso_date(self.day) if isinstance(self.day, date) else str(self.day)
        return f"{without_full_stop(self.title)}, {when}"


def without_full_stop(title: str) -> str:
    """Return a title without its closing full stop, so that ', <date>' can follow.

    An abbreviation keeps its stop ("… m.m., 2024-09-30"): a last word with a
    stop inside it is one. So does an ellipsis.
    """
    if not title.endswith(".") or title.endswith(".."):
        return title
    last_word = title.split()[-1]
    return title if "." in last_word[:-1] else title[:-1]


@dataclass(frozen=True)
class Ending:
    """What ending the agreement means: the time no longer paid for and the money.

    An early ending (before the period's last day) saves the yearly
    compensation for the rest of the period. An ending on the period's last
    day (the agreement is not renewed) saves it from the next day on; the
    rows then show a new period as long as the current one, the renewal the
    nämnd decides not to make. Either way the yearly compensation is taken at
    its current level, without indexation; each calendar year counts as its
    share of a year (whole months as months / 12, otherwise days / the year's
    days), rounded to whole kronor (half up), and the total is their sum.
    """

    datum: date
    forsta_dag_utan: date
    aterstaende: str
    aterstaende_period: str
    nuvarande: str
    mening: str
    rader: tuple[AmountRow, ...]
    minskning: int
    arlig_minskning: int
    vid_periodens_slut: bool = False


@dataclass(frozen=True)
class PartyReport:
    """What one party reports in a follow-up."""

    namn: str
    text: str


@dataclass(frozen=True)
class FollowUpReport:
    """One follow-up report: its title, wording and each party's account."""

    typ: str
    ar: int
    datum: date
    titel: str
    handlaggare: Person
    inledande_mening: str
    bakgrund: str | None
    syfte: str
    inledning: str | None
    parter: tuple[PartyReport, ...]
    bedomning: str
    bilaga: bool = False


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
    beslutet_skickas_till: tuple[str, ...]
    namnd_genitiv: str
    kommunala_mal: tuple[str, ...] = ()
    avslut: Ending | None = None
    tidigare_arende: str | None = None
    uppraknade: opi.IndexTable | None = None
    opi_saknas: tuple[int, ...] = ()
    uppfoljningar: dict[str, FollowUpReport] = field(default_factory=dict)
    beslutsunderlag: tuple[BasisDocument, ...] = ()
    beslut: DecisionWording | None = None
    andrar: str | None = None


def derive(case: Case, settings: Settings) -> Derived:
    """Return the derived values of a case under its (merged) settings."""
    fordelning = tuple(AmountRow(p.namn, p.arlig_ersattning) for p in case.parter)
    total = sum(row.amount for row in fordelning)
    budgets = party_budgets(case)
    total_cost = sum(b.total for b in budgets)
    own = case.summor.egen_finansiering
    own = total_cost - total if own is None else own
    period_text = formatting.period(case.period.fran, case.period.till)
    length = formatting.period_length_words(case.period.fran, case.period.till)
    agreement = case.overenskommelse
    title = (agreement and agreement.titel) or agreement_title(case, settings)
    agreement_day = (agreement and agreement.datum) or case.datum
    table, missing = _indexation(case, settings)
    recipients = tuple(case.beslutet_skickas_till or [p.namn for p in case.parter])
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
        beslutet_skickas_till=recipients,
        namnd_genitiv=genitive(settings.namnd.lower()),
        kommunala_mal=chosen_goals(case, settings),
        avslut=_ending(case, settings, total, period_text, length),
        tidigare_arende=_previous(case, settings),
        uppraknade=table,
        opi_saknas=missing,
        uppfoljningar=_follow_ups(case, settings),
        beslut=_decision(case, settings, recipients),
        andrar=case.andrar and amendment_sentence(case.andrar, genitive(settings.namnd.lower())),
    )


def _decision(
    case: Case, settings: Settings, recipients: tuple[str, ...]
) -> DecisionWording | None:
    """Return how the protokollsutdrag words the decision, or None while there is none."""
    if case.beslut is None:
        return None
    return wording(case.beslut, case.beslutsforslag, recipients, settings.namnd)


def party_budgets(case: Case) -> tuple[PartyBudget, ...]:
    """Return each party's budget rows with their sum (no rows for an ending's parties)."""
    return tuple(_budget(p.namn, p.kostnadsbudget or ()) for p in case.parter)


def _budget(party: str, rows: Sequence[BudgetRow]) -> PartyBudget:
    """Return one party's budget: its rows as table rows, and their sum."""
    budget_rows = tuple(AmountRow(r.post, r.belopp) for r in rows)
    return PartyBudget(party, budget_rows, sum(r.amount for r in budget_rows))


def agreement_title(case: Case, settings: Settings) -> str:
    """Return the agreement's title: the parties, then the municipality."""
    names = [p.namn for p in case.parter] + [settings.kommun]
    return "Idéburet offentligt partnerskap (IOP) mellan " + join_names(names)


def _notice(months: int) -> str:
    """Return the notice period as in the agreement: 'sex (6) månader'."""
    word = formatting.count_words(months, "månad", "månader", gender="c")
    number_word, _, unit = word.partition(" ")
    return f"{number_word} ({months}) {unit}"


def goal_key(name: str) -> str:
    """Return what a goal's name is compared by: case and spacing do not count."""
    return " ".join(name.split()).casefold()


def chosen_goals(case: Case, settings: Settings) -> tuple[str, ...]:
    """Return the goals the case serves, as the settings spell and order them (all by default).

    A name the settings do not know is left out here and reported by rule O001.
    """
    if case.kommunala_mal.mal is None:
        return tuple(settings.kommunala_mal)
    wanted = {goal_key(name) for name in case.kommunala_mal.mal}
    return tuple(goal for goal in settings.kommunala_mal if goal_key(goal) in wanted)


# --- indexation by OPI ---------------------------------------------------------


def period_years(case: Case) -> list[int]:
    """Return the calendar years the period touches."""
    return list(range(case.period.fran.year, case.period.till.year + 1))


def _indexation(case: Case, settings: Settings) -> tuple[opi.IndexTable | None, tuple[int, ...]]:
    """Return the compensation per party and year over the period, and the years lacking OPI."""
    if case.overenskommelse is None:
        return None, ()
    rates = opi.rates_for(settings)
    value_year, years = case.overenskommelse.vardear, period_years(case)
    amounts = [(p.namn, p.arlig_ersattning) for p in case.parter]
    missing = opi.missing_years(value_year, years, rates)
    return opi.index_table(amounts, value_year, years, rates), missing


# --- ending an agreement -------------------------------------------------------


def _ending(
    case: Case, settings: Settings, total: int, period_text: str, length: str
) -> Ending | None:
    """Return the figures of an ending, or None when the case does not end an agreement."""
    if case.avslut is None or not case.period.fran <= case.avslut.datum <= case.period.till:
        return None
    end = case.avslut.datum
    at_period_end = end == case.period.till
    first = end + timedelta(days=1)
    last = _same_length_after(case.period.fran, end) if at_period_end else case.period.till
    rows = tuple(
        AmountRow(f"{year} ({formatting.period_length_words(start, stop)})", share)
        for year, start, stop, share in _yearly_shares(first, last, total)
    )
    reduction = sum(row.amount for row in rows)
    names = join_names([p.namn for p in case.parter])
    receiver = names if len(case.parter) == 1 else "parterna"
    wording = _period_end_sentence if at_period_end else _early_end_sentence
    return Ending(
        datum=end,
        forsta_dag_utan=first,
        aterstaende=formatting.period_length_words(first, last),
        aterstaende_period=formatting.period(first, last),
        nuvarande=(
            f"{settings.namnd} har en överenskommelse om ett idéburet offentligt partnerskap "
            f"(IOP) med {names}. Överenskommelsen gäller {length}, {period_text}. "
            f"Kommunens ersättning till {receiver} är {formatting.kr(total)} per år."
        ),
        mening=wording(end, (first, last), total, reduction, length),
        rader=rows,
        minskning=reduction,
        arlig_minskning=total,
        vid_periodens_slut=at_period_end,
    )


def _same_length_after(start: date, end: date) -> date:
    """Return the last day of a span as long as `start`..`end` that begins the day after `end`."""
    first = end + timedelta(days=1)
    try:
        years, months = formatting.period_length(start, end)
        return formatting.add_months(first, years * 12 + months) - timedelta(days=1)
    except ValueError:  # not whole months: as many days
        return first + (end - start)


def _early_end_sentence(
    end: date, span: tuple[date, date], total: int, reduction: int, length: str
) -> str:
    """Return what an early ending saves: the rest of the period."""
    remaining = formatting.period_length_words(*span)
    return (
        f"Om överenskommelsen avslutas den {formatting.long_date(end)} betalar kommunen "
        f"ingen ersättning för tiden {formatting.period(*span)} ({remaining}). "
        f"Kostnaden minskar då med {formatting.kr(reduction)}, räknat på den nuvarande "
        f"årliga ersättningen på {formatting.kr(total)} utan uppräkning."
    )


def _period_end_sentence(
    end: date, span: tuple[date, date], total: int, reduction: int, length: str
) -> str:
    """Return what not renewing saves: the yearly compensation from the next day on."""
    return (
        f"Överenskommelsen löper ut den {formatting.long_date(end)} och förlängs inte. "
        f"Från och med den {formatting.long_date(span[0])} betalar kommunen inte längre "
        f"ersättningen på {formatting.kr(total)} per år. Under en ny period lika lång som "
        f"den nuvarande, {length}, hade ersättningen varit {formatting.kr(reduction)}, "
        "räknat på den nuvarande årliga ersättningen utan uppräkning."
    )


def _yearly_shares(first: date, last: date, total: int):
    """Yield (year, first day, last day, share of `total`) for each calendar year of a span."""
    for year in range(first.year, last.year + 1):
        start, stop = max(first, date(year, 1, 1)), min(last, date(year, 12, 31))
        yield year, start, stop, _share(total, start, stop)


def _share(total: int, start: date, stop: date) -> int:
    """Return `total` for the part of one year from `start` to `stop`, in whole kronor."""
    try:
        years, months = formatting.period_length(start, stop)
        fraction = Decimal(years * 12 + months) / 12
    except ValueError:  # not whole months: count days
        days_in_year = (date(start.year + 1, 1, 1) - date(start.year, 1, 1)).days
        fraction = Decimal((stop - start).days + 1) / days_in_year
    return int((total * fraction).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- the earlier decision ------------------------------------------------------


def _previous(case: Case, settings: Settings) -> str | None:
    """Return the sentence that names the earlier decision, or None when there is none."""
    earlier = case.tidigare_arende
    if earlier is None:
        return None
    if earlier.beslutsdatum is None:
        body = f" av {earlier.namnd}" if earlier.namnd else ""
        return f"Den nuvarande överenskommelsen beslutades{body} i ärende {earlier.diarienummer}."
    return (
        f"{earlier.namnd or settings.namnd} beslutade om den nuvarande överenskommelsen den "
        f"{formatting.long_date(earlier.beslutsdatum)}, diarienummer {earlier.diarienummer}."
    )


# --- follow-ups ----------------------------------------------------------------


def follow_up_label(year: int) -> str:
    """Return a follow-up report's document type: 'Uppföljning 2024'."""
    return f"{UPPFOLJNING} {year}"


def follow_up_title(case: Case, year: int) -> str:
    """Return a follow-up report's title."""
    names = join_names([p.namn for p in case.parter])
    return f"Uppföljning {year} av idéburet offentligt partnerskap (IOP) med {names}"


def _follow_ups(case: Case, settings: Settings) -> dict[str, FollowUpReport]:
    """Return each follow-up report, by its document type."""
    reports = (_follow_up(case, settings, f) for f in case.uppfoljningar)
    return {report.typ: report for report in reports}


def _follow_up(case: Case, settings: Settings, follow_up: FollowUp) -> FollowUpReport:
    """Return one follow-up report's wording, about the period it covers."""
    names = join_names([p.namn for p in case.parter])
    span = follow_up.period or case.period
    start, end = sorted((span.fran, span.till))
    period_text = formatting.period(start, end)
    length = formatting.period_length_words(start, end)
    opening = (
        f"{settings.kommun} har en överenskommelse om ett idéburet offentligt partnerskap "
        f"(IOP) med {names}. Överenskommelsen gäller {length}, {period_text}. "
        f"Den här rapporten följer upp år {follow_up.ar}."
    )
    return FollowUpReport(
        typ=follow_up_label(follow_up.ar),
        ar=follow_up.ar,
        datum=follow_up.datum,
        titel=follow_up_title(case, follow_up.ar),
        handlaggare=follow_up.handlaggare or case.handlaggare,
        inledande_mening=opening,
        bakgrund=follow_up.bakgrund,
        syfte=follow_up.syfte or _purpose(case),
        inledning=follow_up.inledning,
        parter=tuple(PartyReport(name, text) for name, text in follow_up.parter.items()),
        bedomning=follow_up.bedomning,
        bilaga=follow_up.bilaga,
    )


def _purpose(case: Case) -> str:
    """Return the agreement's purpose and goals, the default purpose of a follow-up."""
    agreement = case.overenskommelse
    if agreement is None:  # the schema requires `syfte` then; keep derive total
        return ""
    return f"{agreement.samhallsutmaning_och_syfte}\n\n{agreement.malsattning}"
