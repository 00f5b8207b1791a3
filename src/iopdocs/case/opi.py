"""Omsorgsprisindex (OPI): the published rates as data, and the indexation rule.

The rates live in `data/opi.yaml`; an organisation may add or replace rates
under `opi:` in its settings (a rate SKR published after this release). For
each year the definitive rate is used when known, else the preliminary one.

The rule: an agreement states its compensation in the value year's level
(`värdeår`). The amount for a later year is the previous year's amount ×
(1 + that year's rate), rounded to whole kronor, half up; a year up to the
value year keeps the stated amount. A year whose rate is unknown is never
taken as 0 %: callers get the missing years and say so.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources

from iopdocs.case.load import load_yaml_text
from iopdocs.case.settings import OpiRate, Settings
from iopdocs.case.validate import to_model
from iopdocs.case.values import Strict
from iopdocs.swedish import formatting

DATA_FILE = "opi.yaml"
NO_RATE = "–"


class RateFile(Strict):
    """The shape of data/opi.yaml: a list of rates under `satser`."""

    satser: list[OpiRate]


@dataclass(frozen=True)
class Rate:
    """The rate used for one year."""

    year: int
    percent: Decimal
    definitive: bool
    source: str

    @property
    def text(self) -> str:
        """Return the rate for running text: '4,6 %', or '3,5 % (preliminär)'."""
        shown = formatting.percent(self.percent)
        return shown if self.definitive else f"{shown} (preliminär)"


Rates = Mapping[int, Rate]


def rates_from(entries: Iterable[OpiRate]) -> dict[int, Rate]:
    """Return one rate per year: definitive before preliminary, later entries before earlier."""
    chosen: dict[int, Rate] = {}
    for entry in entries:
        rate = Rate(entry.ar, entry.procent, entry.status == "definitiv", entry.kalla)
        current = chosen.get(rate.year)
        if current is None or rate.definitive or not current.definitive:
            chosen[rate.year] = rate
    return chosen


@functools.lru_cache(maxsize=1)
def shipped_entries() -> tuple[OpiRate, ...]:
    """Return the rates shipped with iopdocs (data/opi.yaml)."""
    data = resources.files("iopdocs.case").joinpath("data", DATA_FILE).read_bytes()
    return tuple(to_model(load_yaml_text(data, DATA_FILE), RateFile).satser)


def rates_for(settings: Settings) -> dict[int, Rate]:
    """Return the shipped rates with the organisation's own added on top."""
    return rates_from([*shipped_entries(), *settings.opi])


def index(amount: int, rate: Rate) -> int:
    """Return `amount` × (1 + rate), rounded to whole kronor, half up."""
    factor = 1 + rate.percent / 100
    return int((Decimal(amount) * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def missing_years(value_year: int, years: Iterable[int], rates: Rates) -> tuple[int, ...]:
    """Return the years after `value_year`, up to the last of `years`, that have no rate."""
    last = max(years, default=value_year)
    return tuple(y for y in range(value_year + 1, last + 1) if y not in rates)


@dataclass(frozen=True)
class Indexed:
    """An amount indexed as far as the known rates reach."""

    amount: int
    year: int
    missing: tuple[int, ...]


def index_to(amount: int, value_year: int, year: int, rates: Rates) -> Indexed:
    """Return `amount` (in `value_year`'s level) indexed year by year towards `year`.

    Stops before the first year without a rate; `missing` lists every year
    from there to `year`.
    """
    for current in range(value_year + 1, year + 1):
        if current not in rates:
            return Indexed(amount, current - 1, tuple(range(current, year + 1)))
        amount = index(amount, rates[current])
    return Indexed(amount, max(year, value_year), ())


@dataclass(frozen=True)
class IndexRow:
    """One year of the indexed compensation: the rate applied, each party's amount, the sum."""

    year: int
    rate: str
    amounts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class IndexTable:
    """The compensation per party and year over a period, and the sentence that explains it."""

    parties: tuple[str, ...]
    rows: tuple[IndexRow, ...]
    mening: str


def index_table(
    amounts: Sequence[tuple[str, int]], value_year: int, years: Sequence[int], rates: Rates
) -> IndexTable | None:
    """Return each year's amounts per party, or None when a rate is missing or nothing is indexed."""
    if not years or max(years) <= value_year or missing_years(value_year, years, rates):
        return None
    current = [amount for _, amount in amounts]
    by_year: dict[int, IndexRow] = {}
    for year in range(min(value_year, min(years)), max(years) + 1):
        rate = NO_RATE
        if year > value_year:
            current = [index(amount, rates[year]) for amount in current]
            rate = rates[year].text
        by_year[year] = IndexRow(year, rate, tuple(current), sum(current))
    names = tuple(name for name, _ in amounts)
    rows = tuple(by_year[year] for year in years)
    return IndexTable(names, rows, _sentence(value_year, [r for r in rows if r.year > value_year]))


def _sentence(value_year: int, indexed: Sequence[IndexRow]) -> str:
    """Return the sentence before the table: the value year and each year's rate."""
    rates = [f"{row.rate} för {row.year}" for row in indexed]
    listed = ", ".join(rates[:-1]) + " och " + rates[-1] if len(rates) > 1 else rates[0]
    return (
        f"Ersättningen i {value_year} års nivå räknas upp med omsorgsprisindex (OPI): "
        f"{listed}. Ersättningen per år blir då:"
    )
