"""Turn loaded YAML into typed models, every schema problem at once, in Swedish.

Pydantic reports each problem with a path of YAML keys; the loader knows
where each key and value stands in the file, so each message gets its line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from iopdocs.case.load import Loaded
from iopdocs.case.yamlpath import describe, format_path
from iopdocs.errors import CaseError, Problem, in_file_order

M = TypeVar("M", bound=BaseModel)


def to_model(loaded: Loaded, model: type[M]) -> M:
    """Return `loaded.data` as a `model`; raise CaseError with every problem."""
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        problems = [_problem(loaded, model, err) for err in exc.errors(include_url=False)]
        labelled = [replace(p, label=_label(p, loaded)) for p in problems]
        raise CaseError(in_file_order(labelled)) from None


def _label(problem: Problem, loaded: Loaded) -> str:
    """Return the field of a schema problem as a person reads it."""
    path = _PATH_PART.findall(problem.field)
    parts = tuple(int(index) if index else key for key, index in path)
    return describe(parts, loaded.data) if parts else ""


# A field's machine name split back into its keys and indexes: "parter[1].namn".
_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _problem(loaded: Loaded, model: type[BaseModel], err: dict[str, Any]) -> Problem:
    """Return one pydantic error as a Problem placed in the file."""
    loc = tuple(part for part in err["loc"] if not _is_union_tag(part))
    kind = err["type"]
    if kind == "extra_forbidden":
        line, column = loaded.key_positions.get(loc, loaded.position(loc))
        return Problem(
            loaded.file, line, column, format_path(loc), _unknown_key(model, loc), "S002"
        )
    if kind == "missing":
        line, column = loaded.position(loc[:-1])
        message = f"nyckeln '{loc[-1]}' saknas. Lägg till den (se exemplet i cases/)."
        if loc[-1] in STATEMENTS:
            message += NOT_APPLICABLE
        return Problem(loaded.file, line, column, format_path(loc), message, "S001")
    line, column = loaded.position(loc)
    return Problem(loaded.file, line, column, format_path(loc), _message(err), "S003")


# Statements every tjänsteskrivelse makes; "ej aktuellt" is an accepted answer.
STATEMENTS = {
    "jämställdhet",
    "samråd",
    "mbl",
    "uppföljning_och_utvärdering",
    "ekonomiska_konsekvenser",
}
NOT_APPLICABLE = " Skriv en text, eller 'ej aktuellt' om inget gäller."


def _is_union_tag(part: Any) -> bool:
    """Return True for the type names pydantic adds to locations inside unions."""
    return isinstance(part, str) and (
        part.startswith(("function-", "constrained-"))
        or part in {"int", "str", "date", "list[str]", "Link", "Person", "none", "fast", "daterad"}
    )


def _message(err: dict[str, Any]) -> str:
    """Return a Swedish message for a pydantic error."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "value_error":
        return f"{ctx.get('error', err['msg'])}."
    if kind == "enum":
        expected = str(ctx.get("expected", "")).replace(" or ", " eller ")
        return f"'{value}' är inget tillåtet värde. Välj ett av: {expected}."
    if kind == "string_too_short" or (kind == "string_type" and value is None):
        return "får inte vara tomt." + NOT_APPLICABLE
    if kind == "too_short":
        return (
            f"behöver minst {ctx.get('min_length', 1)} rad. Lägg till en rad som börjar med '- '."
        )
    unspaced = isinstance(value, str) and re.fullmatch(r"([^\W\d][\w-]*):([^\s/].*)", value)
    if kind in ("dict_type", "model_type", "model_attributes_type") and unspaced:
        return (
            f"mellanslag saknas efter kolonet i '{value}'. Skriv '{unspaced[1]}: "
            f"{unspaced[2]}': nyckel, kolon, mellanslag, värde."
        )
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        wanted = (
            "en lista (rader som börjar med '-')" if kind == "list_type" else "en grupp av nycklar"
        )
        return f"ska vara {wanted}, inte {_describe(value)}."
    if kind in ("string_type",):
        return f"ska vara en text, inte {_describe(value)}."
    if kind == "greater_than_equal":
        return f"får inte vara mindre än {ctx.get('ge')}."
    if kind == "less_than_equal":
        return f"får inte vara större än {ctx.get('le')}."
    if kind == "string_pattern_mismatch":
        return f"'{value}' har fel form. Skriv en fullständig webbadress som börjar med https://."
    return f"ogiltigt värde ({err['msg']})."


def _describe(value: Any) -> str:
    """Return how a value looks, in words."""
    if value is None:
        return "tomt"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en grupp av nycklar"
    return f"'{value}'"


def _unknown_key(model: type[BaseModel], loc: tuple) -> str:
    """Return the message for an unknown key, with 'menade du …?' when one is close."""
    known = _known_keys(model, loc[:-1])
    key = str(loc[-1])
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = (
        f" Menade du '{close[0]}'?"
        if close
        else f" Tillåtna nycklar här: {', '.join(sorted(known))}."
    )
    return f"okänd nyckel '{key}'.{hint}"


def _known_keys(model: type[BaseModel], parent: tuple) -> list[str]:
    """Return the keys allowed under `parent`, following the schema down the path."""
    current: Any = model
    for part in parent:
        if isinstance(part, int):
            continue
        field = _field_by_key(current, str(part))
        if field is None:
            return []
        current = _model_in(field.annotation)
        if current is None:
            return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _field_by_key(model: type[BaseModel], key: str):
    """Return the field whose YAML key is `key`."""
    for name, field in model.model_fields.items():
        if (field.alias or name) == key:
            return field
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """Return the model class inside an annotation such as `list[Party] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
