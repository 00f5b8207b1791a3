"""The building blocks of the schema: strict models and the values a case file holds.

Each value type accepts what a Swedish handläggare writes (amounts with
spaces, ja/nej, ISO dates, a rate with a decimal comma) and refuses the rest
with a Swedish message; `WithJsonSchema` tells an editor the same.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)

from iopdocs.swedish import identifiers

_INT_RE = re.compile(r"^-?(0|[1-9][0-9]*)$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _whole_number(value: Any) -> Any:
    """Accept an int, or a string of plain decimal digits (no '012', no '1_000')."""
    if isinstance(value, bool):
        raise ValueError("ska vara ett heltal, inte sant/falskt")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.replace("\u00a0", "").replace(" ", "")
        if _INT_RE.match(text):
            return int(text)
        raise ValueError(
            f"'{value}' är inte ett heltal. Skriv beloppet med siffror, t.ex. 452948 eller 452 948"
        )
    raise ValueError("ska vara ett heltal")


def _iso_date(value: Any) -> Any:
    """Accept a date or an ISO date string `ÅÅÅÅ-MM-DD` only."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE_RE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' är inget giltigt datum i kalendern") from None
    raise ValueError(f"'{value}' är inget datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2023-08-30")


def _yes_no(value: Any) -> Any:
    """Accept ja/nej only: 'yes', 'on' or '1' are not a Swedish handläggare's yes."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("ja", "nej"):
        return value.strip().lower() == "ja"
    raise ValueError(f"'{value}' är varken ja eller nej. Skriv ja eller nej")


def _percent(value: Any) -> Any:
    """Accept a rate in percent written with a decimal comma or point: '4,6', '4.6'."""
    if isinstance(value, bool):
        raise ValueError("ska vara en procentsats, t.ex. 4,6, inte sant/falskt")
    text = str(value).strip().replace(",", ".")
    try:
        rate = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"'{value}' är ingen procentsats. Skriv t.ex. 4,6") from None
    if not rate.is_finite():
        raise ValueError(f"'{value}' är ingen procentsats. Skriv t.ex. 4,6")
    return rate


# What an editor sees (JSON Schema): a YAML number, or the digits with spaces iopdocs accepts.
_DIGITS = {"type": "string", "pattern": "^-?[0-9][0-9 \u00a0]*$"}
Amount = Annotated[
    int,
    BeforeValidator(_whole_number),
    Field(ge=0),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, _DIGITS]}),
]
Whole = Annotated[
    int,
    BeforeValidator(_whole_number),
    WithJsonSchema({"anyOf": [{"type": "integer"}, _DIGITS]}),
]
Months = Annotated[
    int,
    BeforeValidator(_whole_number),
    Field(ge=0),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, _DIGITS]}),
]
Positive = Annotated[
    int,
    BeforeValidator(_whole_number),
    Field(ge=1),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1}, _DIGITS]}),
]
Day = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
]
Year = Annotated[
    int,
    BeforeValidator(_whole_number),
    Field(ge=2000, le=2100),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 2000, "maximum": 2100}, _DIGITS]}),
]
YesNo = Annotated[
    bool,
    BeforeValidator(_yes_no),
    WithJsonSchema({"anyOf": [{"type": "string", "enum": ["ja", "nej"]}, {"type": "boolean"}]}),
]
Percent = Annotated[
    Decimal,
    BeforeValidator(_percent),
    Field(ge=-50, le=50),
    WithJsonSchema(
        {"anyOf": [{"type": "number", "minimum": -50, "maximum": 50}, {"type": "string"}]}
    ),
]
# Characters that show nothing: format characters (Unicode category Cf: zero-width
# spaces and joiners, direction marks, the soft hyphen, BOM) and letters that are
# drawn blank (Hangul fillers, the blank Braille pattern, the combining grapheme joiner).
_BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u2800\u3164\uffa0")


def is_blank(text: str) -> bool:
    """Return whether a text shows nothing: only white space and invisible characters."""
    return all(
        char.isspace() or char in _BLANK_LETTERS or unicodedata.category(char) == "Cf"
        for char in text
    )


def _visible(value: Any) -> Any:
    """Return a text that shows nothing as "", so that it counts as empty."""
    return "" if isinstance(value, str) and is_blank(value) else value


# The validator wraps the constrained str (it comes after it), so an empty text is
# still pydantic's `string_too_short`, which validate words as "får inte vara tomt".
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), BeforeValidator(_visible)
]
"""Free text, never blank (nor only invisible characters). Long fields accept the markup
in docs/arendefil.md."""


def _org_number(value: Any) -> Any:
    """Write an organisationsnummer as NNNNNN-NNNN: ten digits, spaces or the 16 prefix accepted.

    A number of another shape is kept as written, for rule I001 to explain.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        return identifiers.normalize_orgnr(value) or value
    return value


OrgNumber = Annotated[Text, BeforeValidator(_org_number)]
"""An organisationsnummer, stored and printed as NNNNNN-NNNN."""


class Strict(BaseModel):
    """Base of every schema model: unknown keys are errors, Swedish keys accepted."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=False,
        frozen=True,
        str_strip_whitespace=False,
    )


class Person(Strict):
    """A named person in a role (signer, signatory, handläggare)."""

    namn: Text
    titel: Text | None = None


class Link(Strict):
    """A link with a readable text."""

    text: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
