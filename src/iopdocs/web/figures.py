"""Derived values shown beside the form: totals, financing, the period in words, an ending's decrease.

They come from the same derivation the documents use (`case.derive`), so
what the editor shows is what the papers will say.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from iopdocs.case.derive import Derived
from iopdocs.swedish.formatting import kr
from iopdocs.web.form import YamlPath


def shown(derived: Derived | None) -> list[tuple[str, str]]:
    """Return the derived values of a case as (label, text) pairs, [] when none could be derived."""
    if derived is None:
        return []
    rows = [
        ("Total ersättning per år", kr(derived.total_ersattning)),
        ("Kommunens finansiering", kr(derived.kommunens_finansiering)),
    ]
    if derived.totalkostnad:
        rows += [
            ("Total kostnad enligt budgetarna", kr(derived.totalkostnad)),
            ("Egen finansiering", kr(derived.egen_finansiering)),
            ("Differens", kr(derived.differens)),
        ]
    rows += [("Perioden", derived.period_mening), ("Uppsägningstid", derived.uppsagningstid)]
    if derived.avslut is not None:
        rows += [
            ("Avslutet", derived.avslut.mening),
            ("Minskning totalt", kr(derived.avslut.minskning)),
            ("Minskning per år", kr(derived.avslut.arlig_minskning)),
        ]
    return rows


@dataclass(frozen=True)
class Hint:
    """A computed value beside a field: as the papers write it, and as the field would hold it."""

    text: str
    value: str = ""


def hints(derived: Derived | None, data: Any) -> dict[YamlPath, Hint]:
    """Return the computed value to show beside a field that states one, by the field's path."""
    if derived is None:
        return {}
    sums = {
        "total_ersättning": derived.total_ersattning,
        "kommunens_finansiering": derived.kommunens_finansiering,
        "totalkostnad": derived.totalkostnad,
        # what the own financing must be for the financing to add up (difference 0)
        "egen_finansiering": derived.egen_finansiering + derived.differens,
        "differens": derived.differens,
    }
    found: dict[YamlPath, Hint] = {
        ("summor", key): Hint(kr(amount), str(amount)) for key, amount in sums.items()
    }
    found[("period", "till")] = Hint(derived.period_mening)
    if derived.avslut is not None:
        found[("avslut", "datum")] = Hint(f"Minskning {kr(derived.avslut.minskning)}")
    parties = data.get("parter") if isinstance(data, dict) else None
    budgets = {b.party: b.total for b in derived.budgetar}
    for number, party in enumerate(parties if isinstance(parties, list) else []):
        name = party.get("namn") if isinstance(party, dict) else None
        if name in budgets:
            total = budgets[name]
            found[("parter", number, "summa_kostnader")] = Hint(kr(total), str(total))
    return found
