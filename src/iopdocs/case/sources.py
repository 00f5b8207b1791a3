"""Where the text of a document comes from in the case file, and what to change instead.

A template output is named by its path in the template context (`case.arende`,
`d.fordelning[1].amount`, `org.kommun`). `source_of` says, for one such
path, whether its text stands as it is in the case file, and where (the keys
down to it: `("parter", 1, "ansvarsområden")`), or else which fields a person
changes to change it: the figures, period wording and headings are derived
(`derive`), the organisation's values come from the settings. `label` names
a place in the file the way people read it: "parter › IOGT-NTO › årlig_ersättning".
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from iopdocs.case.derive import Derived, follow_up_label
from iopdocs.case.model import Case
from iopdocs.case.yamlpath import YamlPath

SETTINGS_FILE = "iopdocs.yaml"


@dataclass(frozen=True)
class Source:
    """Where a text comes from.

    `path` is where the text stands in the case file when it can be written
    back there (the key may be missing when the field has a default).
    Otherwise `change` holds the fields to change instead, as labels.
    """

    path: YamlPath | None = None
    change: tuple[str, ...] = ()
    reason: str = ""


def source_of(
    root: str, steps: tuple[str | int, ...], case: Case, derived: Derived, data: Any
) -> Source:
    """Return the source of the text at a template path; `data` is the loaded case file."""
    if root == "case":
        return _case_source(steps, case, data)
    if root == "org":
        return _settings_source(steps, data)
    if root == "d" and steps:
        return _derived_source(steps, case, derived, data)
    return Source(reason="texten kommer ur mallen")


# --- the case file's own fields ---------------------------------------------------------


def _case_source(steps: tuple[str | int, ...], case: Case, data: Any) -> Source:
    """Return where a path under `case` stands in the file, if its value is a text."""
    path, annotation = _yaml_path(Case, steps)
    if path is None:
        property_name = next((s for s in reversed(steps) if isinstance(s, str)), "")
        if property_name == "legal_name" and len(steps) >= 2:
            party = steps[: steps.index("legal_name")]
            keys, _ = _yaml_path(Case, party)
            changes = [(*keys, "organisation"), (*keys, "namn")] if keys else []
            return Source(change=tuple(label(c, data) for c in changes), reason="räknas fram")
        return Source(reason="texten kommer inte ur ärendefilen")
    kind = _unwrap(annotation)
    texts = typing.get_origin(kind) is list and _unwrap(typing.get_args(kind)[0]) is str
    if kind is not str and not texts:
        return Source(change=(label(path, data),), reason="värdet är inte en text")
    return Source(path=path)


def _yaml_path(model: type, steps: tuple[str | int, ...]) -> tuple[YamlPath | None, Any]:
    """Return the keys of a model path in the file and the type it ends at."""
    keys: list[str | int] = []
    current: Any = model
    for step in steps:
        current = _unwrap(current)
        if isinstance(step, int):
            args = typing.get_args(current)
            if typing.get_origin(current) is not list or not args:
                return None, None
            keys.append(step)
            current = args[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(step)
            if field is None:
                return None, None
            keys.append(field.alias or step)
            current = field.annotation
        else:
            return None, None
    return tuple(keys), current


def _unwrap(annotation: Any) -> Any:
    """Return `X` for `X | None` and `Annotated[X, ...]`."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(rest[0]) if len(rest) == 1 else annotation
    return annotation


def _settings_source(steps: tuple[str | int, ...], data: Any) -> Source:
    """Return the settings a value comes from: the file, or the case's own override."""
    from iopdocs.case.settings import Settings

    path, _ = _yaml_path(Settings, steps)
    key = " › ".join(str(k) for k in path or steps if isinstance(k, str))
    return Source(
        change=(f"{SETTINGS_FILE} › {key}", f"organisation › {key}"),
        reason="värdet kommer ur organisationens inställningar",
    )


# --- derived values ----------------------------------------------------------------------

_PARTY_KEYS = {"label": "namn", "party": "namn", "amount": "årlig_ersättning"}


def _derived_source(steps, case: Case, derived: Derived, data: Any) -> Source:
    """Return the fields a derived value is computed from."""
    name, rest = steps[0], steps[1:]
    if name == "uppfoljningar" and rest:
        return _follow_up_source(rest, case, derived, data)
    rule = _DERIVED.get(str(name))
    paths = rule(rest, case) if rule else []
    return Source(change=tuple(label(p, data) for p in paths), reason="räknas fram")


def _each_party(key: str) -> Callable[[tuple, Case], list[YamlPath]]:
    return lambda rest, case: [("parter", i, key) for i in range(len(case.parter))]


def _one_party(rest: tuple, case: Case) -> list[YamlPath]:
    """Return the party field behind a row of the Fördelning table."""
    if rest and isinstance(rest[0], int):
        key = _PARTY_KEYS.get(str(rest[-1]), "årlig_ersättning")
        return [("parter", rest[0], key)]
    return _each_party("årlig_ersättning")(rest, case)


def _budget(rest: tuple, case: Case) -> list[YamlPath]:
    """Return the budget row (or party) behind a cell of a party's budget table."""
    if not rest or not isinstance(rest[0], int):
        return _each_party("kostnadsbudget")(rest, case)
    party = rest[0]
    if len(rest) >= 3 and rest[1] == "rows" and isinstance(rest[2], int):
        key = "post" if rest[-1] == "label" else "belopp"
        return [("parter", party, "kostnadsbudget", rest[2], key)]
    if rest[-1] == "party":
        return [("parter", party, "namn")]
    return [("parter", party, "kostnadsbudget")]


def _period(rest: tuple, case: Case) -> list[YamlPath]:
    return [("period", "från"), ("period", "till")]


def _recipients(rest: tuple, case: Case) -> list[YamlPath]:
    index = rest[0] if rest and isinstance(rest[0], int) else None
    if case.beslutet_skickas_till is not None:
        return [("beslutet_skickas_till",) if index is None else ("beslutet_skickas_till", index)]
    return [("parter", index, "namn")] if index is not None else _each_party("namn")(rest, case)


def _agreement(key: str, fallback: YamlPath) -> Callable[[tuple, Case], list[YamlPath]]:
    def rule(rest: tuple, case: Case) -> list[YamlPath]:
        agreement = case.overenskommelse
        if agreement is not None and getattr(agreement, key) is not None:
            return [("överenskommelse", key)]
        return [fallback]

    return rule


_DERIVED: dict[str, Callable[[tuple, Case], list[YamlPath]]] = {
    "fordelning": _one_party,
    "total_ersattning": _each_party("årlig_ersättning"),
    "kommunens_finansiering": _each_party("årlig_ersättning"),
    "budgetar": _budget,
    "totalkostnad": _each_party("kostnadsbudget"),
    "egen_finansiering": lambda rest, case: [("summor", "egen_finansiering")],
    "differens": lambda rest, case: [("summor",)],
    "period_text": _period,
    "period_langd": _period,
    "period_mening": _period,
    "uppsagningstid": lambda rest, case: [("period", "uppsägningstid_månader")],
    "overenskommelse_titel": _agreement("titel", ("parter",)),
    "overenskommelse_datum": _agreement("datum", ("datum",)),
    "beslutet_skickas_till": _recipients,
    "namnd_genitiv": lambda rest, case: [(SETTINGS_FILE, "nämnd"), ("organisation", "nämnd")],
    "avslut": lambda rest, case: [
        ("avslut", "datum"),
        *_each_party("årlig_ersättning")(rest, case),
    ],
    "tidigare_arende": lambda rest, case: [("tidigare_ärende",)],
    "uppraknade": lambda rest, case: [
        *_each_party("årlig_ersättning")(rest, case),
        ("överenskommelse", "värdeår"),
    ],
    "beslutsunderlag": lambda rest, case: [("rubrik",), ("datum",), ("bilagor",)],
    "beslut": lambda rest, case: [("beslut",)],
    "andrar": lambda rest, case: [("ändrar",)],
}


def _follow_up_source(rest: tuple, case: Case, derived: Derived, data: Any) -> Source:
    """Return the source of a value of one follow-up report."""
    label_key = rest[0]
    index = next(
        (i for i, f in enumerate(case.uppfoljningar) if follow_up_label(f.ar) == label_key), None
    )
    if index is None or len(rest) < 2:
        return Source(reason="räknas fram")
    follow_up = case.uppfoljningar[index]
    base: YamlPath = ("uppföljningar", index)
    key = rest[1]
    if key in ("bakgrund", "inledning", "bedomning", "syfte"):
        alias = "bedömning" if key == "bedomning" else key
        if getattr(follow_up, key) is not None:
            return Source(path=(*base, alias))
        changes = [
            ("överenskommelse", "samhällsutmaning_och_syfte"),
            ("överenskommelse", "målsättning"),
        ]
        return Source(
            change=(*(label(c, data) for c in changes), label((*base, alias), data)),
            reason="räknas fram",
        )
    if key == "parter" and len(rest) >= 4 and isinstance(rest[2], int):
        name = list(follow_up.parter)[rest[2]]
        if rest[3] == "text":
            return Source(path=(*base, "parter", name))
        party = next((i for i, p in enumerate(case.parter) if p.namn == name), 0)
        return Source(change=(label(("parter", party, "namn"), data),), reason="räknas fram")
    if key == "handlaggare" and len(rest) >= 3:
        owner = (*base, "handläggare") if follow_up.handlaggare is not None else ("handläggare",)
        return Source(path=(*owner, str(rest[2])))
    if key == "datum":
        return Source(change=(label((*base, "datum"), data),), reason="värdet är inte en text")
    return Source(change=(label(("parter",), data), label(("period",), data)), reason="räknas fram")


# --- naming a place in the file ------------------------------------------------------------


def label(path: YamlPath, data: Any = None) -> str:
    """Return a place in the case file as people read it: "parter › IOGT-NTO › årlig_ersättning".

    A list item is named by its name, year, heading or post when it has one,
    else by its number counted from 1.
    """
    parts: list[str] = []
    current = data
    for step in path:
        if isinstance(step, int):
            item = current[step] if isinstance(current, list) and step < len(current) else None
            parts.append(_item_name(item) or str(step + 1))
            current = item
        else:
            parts.append(str(step))
            current = current.get(step) if isinstance(current, dict) else None
    return " › ".join(parts)


def _item_name(item: Any) -> str | None:
    if isinstance(item, dict):
        for key in ("namn", "år", "rubrik", "post", "titel"):
            if isinstance(item.get(key), str | int):
                return str(item[key])
    return None
