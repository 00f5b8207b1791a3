"""The organisation's settings (iopdocs.yaml), and a case's overrides of them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from iopdocs.case.values import Link, Percent, Person, Strict, Text, Year


class OpiRate(Strict):
    """Omsorgsprisindex for one year, as published by SKR."""

    ar: Year = Field(alias="år")
    procent: Percent = Field(description="Satsen i procent, t.ex. 4,6")
    status: Literal["preliminär", "definitiv"]
    kalla: Text = Field(alias="källa")


class Settings(Strict):
    """What every case of the organisation shares (iopdocs.yaml)."""

    kommun: Text
    organisationsnummer: Text
    ort: Text
    namnd: Text = Field(alias="nämnd")
    forvaltning: Text = Field(alias="förvaltning")
    kommunala_mal: list[Text] = Field(alias="kommunala_mål", min_length=1)
    mal_lank: Link = Field(alias="mållänk")
    undertecknare: Person
    diarienummer_monster: str = Field(
        alias="diarienummer_mönster", description="Reguljärt uttryck för kommunens diarienummer"
    )
    mallar: str = Field(default="templates", description="Mallmapp, relativ till inställningsfilen")
    pdf: Literal["nej", "ja", "pdfa"] = Field(
        default="nej",
        description="Gör build också PDF:er utan --pdf? 'ja', 'pdfa' (PDF/A-2b) eller 'nej'",
    )
    opi: list[OpiRate] = Field(
        default=[], description="OPI-satser som kompletterar eller ersätter iopdocs egna"
    )


class SettingsOverride(Strict):
    """Settings a case may override; every key is optional."""

    kommun: Text | None = None
    organisationsnummer: Text | None = None
    ort: Text | None = None
    namnd: Text | None = Field(default=None, alias="nämnd")
    forvaltning: Text | None = Field(default=None, alias="förvaltning")
    kommunala_mal: list[Text] | None = Field(default=None, alias="kommunala_mål")
    mal_lank: Link | None = Field(default=None, alias="mållänk")
    undertecknare: Person | None = None
    diarienummer_monster: str | None = Field(default=None, alias="diarienummer_mönster")
    mallar: str | None = None
    opi: list[OpiRate] | None = None


def merge_settings(base: Settings, override: SettingsOverride) -> Settings:
    """Return the settings with the case's overrides applied."""
    changes = {
        name: getattr(override, name)
        for name in type(override).model_fields
        if getattr(override, name) is not None
    }
    return base.model_copy(update=changes)
