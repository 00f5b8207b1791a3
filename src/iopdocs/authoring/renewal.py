"""`iopdocs extend`: the renewal of a case drafted as a new case file.

The same file with its comments and layout kept (ruamel.yaml round trip),
the period moved forward by its own length and every date with it,
decision type förlängning, a reference to the earlier decision, and the
compensation indexed by OPI as far as the rates are known. What it cannot
judge (years in running text, amounts in prose) comes back as notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from iopdocs.case import opi
from iopdocs.case.attachments import MonthYear
from iopdocs.case.decisions import Decision
from iopdocs.case.derive import party_budgets
from iopdocs.case.load import load_yaml
from iopdocs.case.model import Case
from iopdocs.case.roundtrip import dump, round_trip
from iopdocs.case.settings import Settings, merge_settings
from iopdocs.case.validate import to_model
from iopdocs.case.yamlpath import describe, texts
from iopdocs.errors import IopdocsError
from iopdocs.swedish import formatting
from iopdocs.swedish.formatting import join_names

# --- a renewal -------------------------------------------------------------------------


@dataclass(frozen=True)
class Renewal:
    """A drafted renewal: where to write it, its text, its period, what to check by hand."""

    path: Path
    text: str
    fran: date
    till: date
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Shift:
    """Moves a case's dates forward by its period's own length."""

    old_from: date
    old_till: date
    months: int | None

    @classmethod
    def of(cls, start: date, end: date) -> Shift:
        """Return the shift for the period `start`..`end` (whole months, else days)."""
        try:
            years, months = formatting.period_length(start, end)
        except ValueError:
            return cls(start, end, None)
        return cls(start, end, 12 * years + months)

    @property
    def new_from(self) -> date:
        """Return the first day of the next period: the day after this one ends."""
        return self.old_till + timedelta(days=1)

    @property
    def new_till(self) -> date:
        """Return the last day of the next period, as long as this one."""
        if self.months is None:
            return self.old_till + (self.old_till - self.old_from) + timedelta(days=1)
        return formatting.add_months(self.new_from, self.months) - timedelta(days=1)

    def day(self, day: date) -> date:
        """Return `day` moved forward; the period's own ends map to the new ends."""
        if day == self.old_from:
            return self.new_from
        if day == self.old_till:
            return self.new_till
        if self.months is None:
            return day + (self.new_from - self.old_from)
        return formatting.add_months(day, self.months)


def extend_case(
    file: Path, settings: Settings, *, diarienummer: str | None = None, datum: date | None = None
) -> Renewal:
    """Return the drafted renewal of the case in `file`; raise CaseError if it is not valid."""
    case = to_model(load_yaml(file), Case)
    if case.decision.ending or case.overenskommelse is None:
        raise IopdocsError(
            f"{file}: ett avslut kan inte förlängas. Välj ärendet som avslutet gäller."
        )
    shift = Shift.of(*sorted((case.period.fran, case.period.till)))
    source = file.read_text(encoding="utf-8").removeprefix("\ufeff")
    notes: list[str] = []
    if case.uppfoljningar:
        source = without_top_level_key(source, "uppföljningar")
        notes.append("Uppföljningarna hör till den förra perioden och är inte med i utkastet.")
    source = without_top_level_key(source, "beslut")  # the renewal is not decided yet
    yaml, data = round_trip(source)
    _period_to_placeholders(data, shift)
    notes += _move_text_dates(data, case, shift)
    _move_date_fields(data, case, shift, datum)
    notes += _mark_as_renewal(data, case, diarienummer) + weekend_notes(data)
    notes += _index_compensation(data, case, merge_settings(settings, case.organisation), shift)
    text = _comment_years(dump(yaml, data), shift)
    return Renewal(_renewal_path(file, shift), text, shift.new_from, shift.new_till, tuple(notes))


def without_top_level_key(text: str, key: str) -> str:
    """Return `text` without a top-level key, its block and the comment lines just above it."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        return text
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "\n", "\r")),
        len(lines),
    )
    while start > 0 and lines[start - 1].startswith("#"):
        start -= 1
    while start > 0 and not lines[start - 1].strip():
        start -= 1
    return "".join(lines[:start] + (["\n"] if end < len(lines) else []) + lines[end:])


_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
_LONG = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(_MONTHS)}) (\d{{4}})\b")
_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d{2})(?![\d-])")
_NOT_MOVED = {"diarienummer", "organisationsnummer", "tidigare_ärende"}


def _case_dates(case: Case) -> set[date]:
    """Return the dates a case states in its own date fields."""
    days = {case.datum, case.sammantrade, case.period.fran, case.period.till}
    days.add(case.overenskommelse.datum if case.overenskommelse else None)
    days.update(extra.datum for extra in case.bilagor)
    return {day for day in days if isinstance(day, date)}


def _period_to_placeholders(data, shift: Shift) -> None:
    """Write the old period in the decision points as {period} (and its length as {längd}).

    The renewal's decision points then follow its period whatever later
    happens to the dates; other texts keep their dates, moved below.
    """
    period = formatting.period(shift.old_from, shift.old_till)
    length = formatting.period_length_words(shift.old_from, shift.old_till)
    with_length = re.compile(rf"{re.escape(length)}(,?\s+){re.escape(period)}")
    points = data.get("beslutsförslag")
    for index, text in enumerate(points if isinstance(points, list) else []):
        if isinstance(text, str) and period in text:
            new = with_length.sub(r"{längd}\1{period}", text).replace(period, "{period}")
            points[index] = type(text)(new) if type(text) is not str else new


def _move_text_dates(data, case: Case, shift: Shift) -> list[str]:
    """Move the case's dates inside texts; return notes on the years texts still mention."""
    known = _case_dates(case)
    notes = []
    for path, container, key, _ in texts(data, skip=_NOT_MOVED):
        old = container[key]
        if key == "datum" or _ISO.fullmatch(old.strip()):
            continue  # a date field (a day, or a bilaga's month): moved with the fields
        new = _shift_dates_in(old, shift, known)
        if new != old:
            container[key] = type(old)(new) if type(old) is not str else new
        years = _stale_years(new, case, shift)
        if years:
            notes.append(f"{describe(path, data)} nämner årtalen {_years(years)}: stämmer de?")
    return notes


def _shift_dates_in(text: str, shift: Shift, known: set[date]) -> str:
    """Return `text` with its ISO and long dates moved, when they are the case's dates."""

    def moved(day: date) -> date | None:
        inside = shift.old_from <= day <= shift.old_till
        return shift.day(day) if day in known or inside else None

    def iso(match: re.Match[str]) -> str:
        day = _date_or_none(int(match[1]), int(match[2]), int(match[3]))
        new = moved(day) if day else None
        return new.isoformat() if new else match[0]

    def long(match: re.Match[str]) -> str:
        day = _date_or_none(int(match[3]), _MONTHS.index(match[2]) + 1, int(match[1]))
        new = moved(day) if day else None
        return formatting.long_date(new) if new else match[0]

    return _LONG.sub(long, _ISO.sub(iso, text))


def _date_or_none(year: int, month: int, day: int) -> date | None:
    """Return the date, or None when it is not in the calendar."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _stale_years(text: str, case: Case, shift: Shift) -> list[str]:
    """Return the years a text names outside dates that may belong to the old period."""
    bare = _LONG.sub("", _ISO.sub("", text))
    first, last = min(case.datum.year, shift.old_from.year) - 1, shift.old_till.year
    return sorted({y for y in _YEAR.findall(bare) if first <= int(y) <= last})


def _move_date_fields(data, case: Case, shift: Shift, datum: date | None) -> None:
    """Move every date field: the period, the memo, the meeting, the agreement, the bilagor."""
    _set(data["period"], "från", shift.new_from)
    _set(data["period"], "till", shift.new_till)
    _set(data, "datum", datum or shift.day(case.datum))
    if case.sammantrade is not None:
        _set(data, "sammanträde", shift.day(case.sammantrade))
    agreement = data.get("överenskommelse") or {}
    if agreement.get("datum") is not None:
        _set(agreement, "datum", shift.day(case.overenskommelse.datum))
    for extra, model in zip(data.get("bilagor") or [], case.bilagor, strict=False):
        if isinstance(model.datum, MonthYear):
            extra["datum"] = _moved_month(str(extra["datum"]), model.datum, shift)
        elif model.datum is not None:
            _set(extra, "datum", shift.day(model.datum))


def _moved_month(old: str, month: MonthYear, shift: Shift) -> str:
    """Return a paper's month and year moved forward, written as the old one was."""
    moved = shift.day(date(month.year, month.month, 1))
    if re.match(r"^\s*\d{4}-\d{2}\s*$", old):
        return f"{moved.year}-{moved.month:02d}"
    return str(MonthYear(year=moved.year, month=moved.month))


def _set(mapping, key: str, value: date | int) -> None:
    """Set a date or a number, written the way the file wrote the old value."""
    old = mapping[key]
    if isinstance(old, str):
        text = value.isoformat() if isinstance(value, date) else _grouped_like(old, value)
        value = type(old)(text) if type(old) is not str else text
    mapping[key] = value


def _grouped_like(old: str, amount: int) -> str:
    """Return an amount as text, grouped with spaces if the old one was."""
    plain = str(amount)
    return formatting.number(amount).replace("\u00a0", " ") if " " in old.strip() else plain


def _mark_as_renewal(data, case: Case, diarienummer: str | None) -> list[str]:
    """Make the case a renewal that names the earlier decision; return what to check."""
    notes = []
    data["beslutstyp"] = Decision.FORLANGNING.value
    if case.beslutstyp is Decision.NY:
        prefix = "Idéburet offentligt partnerskap"
        if str(data["rubrik"]).startswith(prefix):
            data["rubrik"] = "Förlängning av idéburet" + str(data["rubrik"])[len("Idéburet") :]
        notes.append("Ärendet var en ny överenskommelse: skriv om rubrik, beslutsförslag och "
                     "ärende så att de gäller en förlängning.")  # fmt: skip
    if diarienummer:
        data["diarienummer"] = diarienummer
    else:
        notes.append(f"Diarienumret är detsamma som förut ({case.diarienummer}). Byt det om "
                     "ärendet har fått ett nytt: --diarienummer.")  # fmt: skip
    _set_previous(data, case)
    if case.sammantrade is not None:
        notes.append("Sammanträdet är flyttat en period framåt: stäm av det mot nämndens plan.")
    return notes


_WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]


def weekend_notes(data) -> list[str]:
    """Return a note for each moved date of the memo or the meeting that falls on a weekend."""
    notes = []
    for key in ("datum", "sammanträde"):
        day = data.get(key)
        day = date.fromisoformat(str(day)) if day is not None else None
        if day is not None and day.weekday() >= 5:
            notes.append(f"{key} {day.isoformat()} är en {_WEEKDAYS[day.weekday()]}.")
    return notes


def _set_previous(data, case: Case) -> None:
    """Write tidigare_ärende: the earlier case's number and the day the board decided."""
    from ruamel.yaml.comments import CommentedMap

    previous = CommentedMap(diarienummer=case.diarienummer)
    decided = case.beslut.datum if case.beslut else case.sammantrade
    if decided is not None:
        previous["beslutsdatum"] = decided
    if "tidigare_ärende" in data:
        data["tidigare_ärende"] = previous
        return
    after = "sammanträde" if "sammanträde" in data else "beslutstyp"
    data.insert(list(data).index(after) + 1, "tidigare_ärende", previous)
    data.yaml_set_comment_before_after_key(
        "tidigare_ärende", before="Beslutet som den här förlängningen bygger på."
    )


def _index_compensation(data, case: Case, settings: Settings, shift: Shift) -> list[str]:
    """Index each party's compensation by OPI up to the year before the new period."""
    value_year, target = case.overenskommelse.vardear, shift.new_from.year - 1
    if target <= value_year:
        return []
    rates = opi.rates_for(settings)
    results = [opi.index_to(p.arlig_ersattning, value_year, target, rates) for p in case.parter]
    reached, missing = results[0].year, results[0].missing
    for party, result in zip(data["parter"], results, strict=True):
        _set(party, "årlig_ersättning", result.amount)
    _set(data["överenskommelse"], "värdeår", reached)
    _update_stated_totals(data, case, sum(r.amount for r in results))
    return _indexation_notes(case, results, value_year, rates, missing)


def _update_stated_totals(data, case: Case, total: int) -> None:
    """Keep the sums a handläggare wrote in step with the indexed compensation."""
    stated = data.get("summor")
    if not stated:
        return
    for key in ("total_ersättning", "kommunens_finansiering"):
        if stated.get(key) is not None:
            _set(stated, key, total)
    if stated.get("egen_finansiering") is not None:
        costs = sum(budget.total for budget in party_budgets(case))
        _set(stated, "egen_finansiering", costs - total)


def _indexation_notes(case: Case, results, value_year: int, rates, missing) -> list[str]:
    """Return what the indexation did, and which rates are missing or preliminary."""
    reached = results[0].year
    notes = []
    if reached > value_year:
        changes = "; ".join(
            f"{p.namn} {formatting.kr(p.arlig_ersattning)} → {formatting.kr(r.amount)}"
            for p, r in zip(case.parter, results, strict=True)
        )
        notes.append(f"Ersättningen är uppräknad med OPI från {value_year} till {reached} års "
                     f"nivå: {changes}. Kostnadsbudgetarna är oförändrade.")  # fmt: skip
    preliminary = [y for y in range(value_year + 1, reached + 1) if not rates[y].definitive]
    if preliminary:
        notes.append(f"OPI för {_years(preliminary)} är preliminär. Kontrollera mot SKR.")
    if missing:
        notes.append(f"OPI saknas för {_years(missing)}, så ersättningen står kvar i {reached} "
                     "års nivå. Lägg in satserna under opi: i iopdocs.yaml när SKR har "
                     "publicerat dem och kör iopdocs extend igen.")  # fmt: skip
    return notes


def _years(years) -> str:
    """Return years in running text: '2024, 2025 och 2026'."""
    return join_names([str(year) for year in years])


def _comment_years(text: str, shift: Shift) -> str:
    """Return `text` with the old period's years ('2024–2026') moved in whole-line comments."""
    old = rf"(?<![\d-]){shift.old_from.year}([–-]){shift.old_till.year}(?![\d-])"
    new = rf"{shift.new_from.year}\g<1>{shift.new_till.year}"
    lines = text.splitlines(keepends=True)
    return "".join(re.sub(old, new, line) if line.lstrip().startswith("#") else line
                   for line in lines)  # fmt: skip


def _renewal_path(file: Path, shift: Shift) -> Path:
    """Return the renewal's file: the old name with the new years, next to the old file."""
    old = f"{shift.old_from.year}-{shift.old_till.year}"
    new = f"{shift.new_from.year}-{shift.new_till.year}"
    stem = file.stem.replace(old, new) if old in file.stem else f"{file.stem}-forlangning-{new}"
    return file.with_name(stem + file.suffix)
