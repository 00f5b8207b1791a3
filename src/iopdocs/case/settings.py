"""The organisation's settings (iopdocs.yaml), and a case's overrides of them.

Values that change over time (the municipal goals and their link, the
signer, the names of nämnd and förvaltning) may be given as a list of
values, each with the day it applies from (`gäller_från`, `värde`). A case
uses the values in force on its own `datum` (`Settings.on`); a case older
than every dated value gets the oldest, and a warning (G001). An undated
value applies always.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    ValidationInfo,
    field_validator,
)

from iopdocs.case.values import Day, Link, OrgNumber, Percent, Person, Strict, Text, Year

T = TypeVar("T")


class Dated(Strict, Generic[T]):
    """A setting's value from a day on, until a later dated value replaces it."""

    galler_fran: Day = Field(alias="gäller_från")
    varde: T = Field(alias="värde")


UNDATED, DATED_FORM = "fast", "daterad"
"""How a setting is written: one value, or a list of dated values (the union's tags)."""


def _form(value: Any) -> str:
    """Return which form a setting is written in: dated when its items have `gäller_från`."""
    if isinstance(value, list) and any(isinstance(v, dict) and "gäller_från" in v for v in value):
        return DATED_FORM
    return UNDATED


def _distinct_days(values: list[Dated]) -> list[Dated]:
    """Return dated values whose days differ; two from one day would depend on their order."""
    seen: set[date] = set()
    for value in values:
        if value.galler_fran in seen:
            raise ValueError(
                f"två värden gäller från {value.galler_fran.isoformat()}, så det går inte att "
                "veta vilket som gäller. Ta bort det ena, eller ändra dess gäller_från"
            )
        seen.add(value.galler_fran)
    return values


def _dated(annotation: Any) -> Any:
    """Return the type of a setting that may be given once, or dated; only one form is checked."""
    dated = Annotated[list[Dated[annotation]], AfterValidator(_distinct_days)]  # type: ignore[valid-type]
    return Annotated[
        Annotated[annotation, Tag(UNDATED)] | Annotated[dated, Tag(DATED_FORM)],
        Discriminator(_form),
    ]


Goals = Annotated[list[Text], Field(min_length=1)]
DATED = ("namnd", "forvaltning", "kommunala_mal", "mal_lank", "undertecknare")
"""The settings that may change over time."""


class OpiRate(Strict):
    """Omsorgsprisindex for one year, as published by SKR."""

    ar: Year = Field(alias="år")
    procent: Percent
    status: Literal["preliminär", "definitiv"]
    kalla: Text = Field(alias="källa")


class LanguageSettings(Strict):
    """How `iopdocs sprak` judges the texts: targets, and the organisation's own officialese."""

    lix_mal: int = Field(
        default=50,
        ge=20,
        le=80,
        alias="lix_mål",
    )
    meningslangd: int = Field(
        default=25,
        ge=10,
        le=100,
        alias="meningslängd",
    )
    krangliga_ord: dict[Text, Text] = Field(
        default={},
        alias="krångliga_ord",
    )


class Settings(Strict):
    """What every case of the organisation shares (iopdocs.yaml)."""

    kommun: Text
    organisationsnummer: OrgNumber
    ort: Text
    namnd: _dated(Text) = Field(alias="nämnd")
    forvaltning: _dated(Text) = Field(alias="förvaltning")
    kommunala_mal: _dated(Goals) = Field(alias="kommunala_mål")
    mal_lank: _dated(Link) = Field(alias="mållänk")
    undertecknare: _dated(Person)
    diarienummer_monster: str = Field(alias="diarienummer_mönster")
    diarienummer_exempel: Text | None = None
    mallar: str = "templates"
    pdf: Literal["nej", "ja", "pdfa"] = Field(
        default="nej",
    )
    opi: list[OpiRate] = []
    sprak: LanguageSettings = Field(
        default=LanguageSettings(),
        alias="språk",
    )
    _earlier: tuple[tuple[str, date], ...] = PrivateAttr(default=())

    @field_validator("diarienummer_exempel")
    @classmethod
    def _example_follows_the_pattern(cls, value: str | None, info: ValidationInfo):
        """Refuse an example diarienummer that its own pattern does not accept."""
        pattern = info.data.get("diarienummer_monster")
        checkable = value is not None and pattern is not None and _compiles(pattern)
        if checkable and not re.fullmatch(pattern, value):
            raise ValueError(
                f"exemplet '{value}' följer inte diarienummer_mönster. Skriv ett "
                "diarienummer som finns i diariet"
            )
        return value

    def on(self, day: date) -> Settings:
        """Return the settings in force on `day`: each dated value replaced by the one applying.

        A day before every dated value of a setting gets the oldest, and the
        setting is remembered in `earlier` (for the warning G001).
        """
        changes: dict[str, Any] = {}
        earlier = []
        for name in DATED:
            values = getattr(self, name)
            if not (isinstance(values, list) and values and isinstance(values[0], Dated)):
                continue
            ordered = sorted(values, key=lambda value: value.galler_fran)
            in_force = [value for value in ordered if value.galler_fran <= day]
            changes[name] = (in_force or ordered)[-1 if in_force else 0].varde
            if not in_force:
                earlier.append((name, ordered[0].galler_fran))
        if not changes:
            return self
        resolved = self.model_copy(update=changes)
        resolved._earlier = tuple(earlier)
        return resolved

    def every(self, name: str) -> list[Any]:
        """Return every value a setting has: its one value, or each of its dated values."""
        value = getattr(self, name)
        if isinstance(value, list) and value and isinstance(value[0], Dated):
            return [dated.varde for dated in value]
        return [value]

    @property
    def earlier(self) -> tuple[tuple[str, date], ...]:
        """Return the dated settings (name, first day) that began after the day asked for."""
        return self._earlier


class SettingsOverride(Strict):
    """Settings a case may override; every key is optional."""

    kommun: Text | None = None
    organisationsnummer: OrgNumber | None = None
    ort: Text | None = None
    namnd: Text | None = Field(default=None, alias="nämnd")
    forvaltning: Text | None = Field(default=None, alias="förvaltning")
    kommunala_mal: list[Text] | None = Field(default=None, alias="kommunala_mål")
    mal_lank: Link | None = Field(default=None, alias="mållänk")
    undertecknare: Person | None = None
    diarienummer_monster: str | None = Field(default=None, alias="diarienummer_mönster")
    diarienummer_exempel: Text | None = None
    mallar: str | None = None
    opi: list[OpiRate] | None = None

    @field_validator(
        "namnd", "forvaltning", "kommunala_mal", "mal_lank", "undertecknare", mode="before"
    )
    @classmethod
    def _one_value(cls, value: Any, info: ValidationInfo) -> Any:
        """Refuse dated values: a case has one date, so it overrides with one value."""
        if _form(value) == DATED_FORM:
            key = cls.model_fields[info.field_name].alias or info.field_name
            raise ValueError(
                f"värden med gäller_från hör hemma i iopdocs.yaml; under organisation: "
                f"gäller ett värde för just det här ärendet. Skriv '{key}:' med ett enda "
                "värde, utan gäller_från och värde, eller flytta listan till iopdocs.yaml"
            )
        return value


def _compiles(pattern: str) -> bool:
    """Return whether a pattern is a valid regular expression (I003 reports one that is not)."""
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def diarienummer_example(settings: Settings) -> str | None:
    """Return the example diarienummer to show in messages, if it follows the pattern in force.

    People read an example ("som SON 2024-0873"), never the regular expression.
    """
    example, pattern = settings.diarienummer_exempel, settings.diarienummer_monster
    if example and _compiles(pattern) and re.fullmatch(pattern, example):
        return example
    return None


def merge_settings(base: Settings, override: SettingsOverride) -> Settings:
    """Return the settings with the case's overrides applied."""
    changes = {
        name: getattr(override, name)
        for name in type(override).model_fields
        if getattr(override, name) is not None
    }
    return base.model_copy(update=changes)
