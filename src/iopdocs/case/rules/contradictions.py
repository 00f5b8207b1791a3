"""Texts that contradict the case's data: dates and periods (R001-R003), placeholders (R006).

A date written by hand in a decision point goes stale when the period
moves; these rules compare every such date with the dates the case knows
and name the right one. The lasting cure is a placeholder (`{period}`),
which `case.placeholders` fills from the data; R006 catches a misspelt one.
The rules read the texts as written in the file, before any filling.
"""

from __future__ import annotations

from datetime import date, timedelta

from iopdocs.case import placeholders
from iopdocs.case.derive import Derived
from iopdocs.case.model import Case
from iopdocs.case.rules.checker import Checker
from iopdocs.case.settings import Settings
from iopdocs.case.yamlpath import YamlPath, texts
from iopdocs.swedish import formatting
from iopdocs.swedish.textdates import TextDate, TextPeriod, find_dates, find_periods

DECISIONS = "beslutsförslag"
_REVIEWED = ("undantag",)


def known_dates(case: Case) -> dict[date, str]:
    """Return every date the case knows, with how a message names it (first name wins)."""
    period = case.period
    named: list[tuple[date | None, str]] = [
        (period.fran, "periodens första dag (period.från)"),
        (period.till, "periodens sista dag (period.till)"),
    ]
    if case.avslut is not None:
        named += [
            (case.avslut.datum, "avslutsdatumet (avslut.datum)"),
            (case.avslut.datum + timedelta(days=1), "första dagen utan överenskommelse"),
        ]
    named += [
        (period.fran - timedelta(days=1), "sista dagen i den nuvarande perioden"),
        (case.datum, "tjänsteskrivelsens datum"),
        (case.sammantrade, "sammanträdet"),
        (case.overenskommelse and case.overenskommelse.datum, "överenskommelsens datum"),
        (case.tidigare_arende and case.tidigare_arende.beslutsdatum, "det tidigare beslutet"),
    ]
    named += [(extra.datum, "bilagans datum") for extra in case.bilagor]
    for follow_up in case.uppfoljningar:
        named.append((follow_up.datum, "uppföljningens datum"))
        if follow_up.period is not None:
            named += [(follow_up.period.fran, "uppföljd period"), (follow_up.period.till, "")]
    known: dict[date, str] = {}
    for day, label in named:
        if day is not None:
            known.setdefault(day, label or "uppföljd period")
    return known


def known_periods(case: Case) -> set[tuple[date, date]]:
    """Return the periods the case knows: its own, the rest of an ending, followed-up ones."""
    spans = {(case.period.fran, case.period.till)}
    if case.avslut is not None:
        spans.add((case.avslut.datum + timedelta(days=1), case.period.till))
    spans |= {(f.period.fran, f.period.till) for f in case.uppfoljningar if f.period is not None}
    return spans


def _is_known_period(span: TextPeriod, case: Case) -> bool:
    """Return whether a written period is one of the case's, or the one before it."""
    first, last = span.first.day, span.last.day
    earlier = last == case.period.fran - timedelta(days=1)
    return earlier or (first, last) in known_periods(case)


def _period_words(case: Case) -> str:
    """Return the case's period the way a paper writes it."""
    return formatting.period(case.period.fran, case.period.till)


def check_decision_dates(
    checker: Checker, case: Case, settings: Settings, derived: Derived
) -> None:
    """R001: every date in a decision point is one the case knows; else the right one is named."""
    if case.period.till < case.period.fran:
        return  # P001
    points = checker.loaded.data.get(DECISIONS)
    for index, text in enumerate(points if isinstance(points, list) else []):
        if isinstance(text, str):
            _check_point(checker, case, (DECISIONS, index), text)


def _check_point(checker: Checker, case: Case, path: YamlPath, text: str) -> None:
    """Report the stale periods and dates of one decision point."""
    dates = find_dates(text)
    in_periods: set[int] = set()
    for span in find_periods(text, dates):
        in_periods |= {span.first.start, span.last.start}
        if not _is_known_period(span, case):
            checker.add(path, "R001", _period_message(span, case), _at(checker, path, text, span))
    known = set(known_dates(case)) | _accepted_dates(case)
    for found in dates:
        if found.start in in_periods or (found.day is not None and found.day in known):
            continue
        if not checker.room(path, "R001"):  # past the cap: counted, not placed
            continue
        at = checker.locate(path, text, found.start)
        checker.add(path, "R001", _date_message(found, case), at)


def _accepted_dates(case: Case) -> set[date]:
    """Return the days a reviewer has accepted in decision points (undantag.datum)."""
    return {
        found.day
        for exception in case.undantag.datum
        for found in find_dates(exception.text)
        if found.day is not None
    }


def _at(checker: Checker, path: YamlPath, text: str, span: TextPeriod):
    """Return where a written period stands in the file: at its first date."""
    return checker.locate(path, text, span.first.start)


def _period_message(span: TextPeriod, case: Case) -> str:
    """Return the R001/R002 message for a written period that is not the case's."""
    written = formatting.period(span.first.day, span.last.day)
    return (
        f"perioden {written} stämmer inte med ärendets period, {_period_words(case)}. "
        "Rätta datumen, eller skriv {period} så fylls perioden i från ärendet."
    )


def _date_message(found: TextDate, case: Case) -> str:
    """Return the R001 message for one date: what it should be, when that can be told."""
    if found.day is None:
        return f"datumet {found.text} finns inte i kalendern. Rätta det."
    expected = _expected(found, case)
    if expected is None:
        return (
            f"datumet {found.text} är inget av ärendets datum (periodens första och sista "
            "dag, avslutsdatumet, sammanträdet, tjänsteskrivelsens datum). Rätta datumet, "
            "eller ta bort det. Ska det stå där (till exempel en sista dag för "
            "återrapportering), lägg in det under undantag.datum."
        )
    day, what, placeholder = expected
    iso = found.text[:4].isdigit()  # "2024-01-01", also with other hyphens; not "1 januari"
    shown = formatting.iso_date(day) if iso else formatting.long_date(day)
    return (
        f"datumet {found.text} är inte {what}, {shown}. Rätta datumet, eller skriv "
        f"{{{placeholder}}} så fylls det i från ärendet. Är det ett annat datum som ska "
        "stå där, lägg in det under undantag.datum."
    )


def _expected(found: TextDate, case: Case) -> tuple[date, str, str] | None:
    """Return the date a stale date stands for: by the words before it, else by its shape."""
    role = found.role or _role_by_shape(found.day)
    if role == "end" and case.avslut is not None:
        return case.avslut.datum, "avslutsdatumet (avslut.datum)", "slutdatum"
    if role == "end":
        return case.period.till, "periodens sista dag (period.till)", "till"
    if role == "start":
        return case.period.fran, "periodens första dag (period.från)", "från"
    return None


def _role_by_shape(day: date | None) -> str | None:
    """Return "start" for the first of a month, "end" for its last day, else None."""
    if day is None:
        return None
    if day.day == 1:
        return "start"
    return "end" if (day + timedelta(days=1)).day == 1 else None


def check_period_wording(
    checker: Checker, case: Case, settings: Settings, derived: Derived
) -> None:
    """R002: a period written in any other text that looks like the case's but is not."""
    if case.period.till < case.period.fran:
        return
    first, last = case.period.fran - timedelta(days=1), case.period.till + timedelta(days=1)
    for path, _, _, text in texts(checker.loaded.data, skip=(DECISIONS, *_REVIEWED)):
        for span in find_periods(text):
            touches = span.first.day <= last and span.last.day >= first
            if touches and not _is_known_period(span, case) and checker.room(path, "R002"):
                at = _at(checker, path, text, span)
                checker.add(path, "R002", _period_message(span, case), at)


def check_value_year(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """R003 (warning): the value year should be the year before the period starts, or its first."""
    agreement = case.overenskommelse
    start = case.period.fran
    if agreement is None or start.year - 1 <= agreement.vardear <= start.year:
        return
    year, wanted = agreement.vardear, start.year - 1
    if year > start.year:
        advice = f"Skriv värdeår: {wanted} (året före starten) eller {start.year}."
    else:
        gap = [y for y in derived.opi_saknas if year < y <= wanted]
        how = (
            f"OPI för {', '.join(map(str, gap))} saknas: lägg in satserna under opi: i "
            "iopdocs.yaml, så räknar iopdocs extend upp ersättningen"
            if gap
            else "iopdocs extend räknar upp ersättningen med OPI"
        )
        advice = (
            f"Räkna upp ersättningen till {wanted} års nivå och skriv värdeår: {wanted} ({how})."
        )
    checker.add(
        ("överenskommelse", "värdeår"),
        "R003",
        f"värdeåret {year} passar inte perioden som börjar {formatting.iso_date(start)}: "
        f"ersättningen står då i {year} års nivå. {advice}",
    )


def check_unknown_placeholders(
    checker: Checker, case: Case, settings: Settings, derived: Derived
) -> None:
    """R006: a `{word}` that is no placeholder, or one this case cannot fill."""
    for path, _, _, text in texts(checker.loaded.data, skip=_REVIEWED):
        for found in placeholders.unknown(text, case):
            if not checker.room(path, "R006"):  # past the cap: counted, not placed
                continue
            at = checker.locate(path, text, found.start)
            checker.add(path, "R006", found.message, at)
