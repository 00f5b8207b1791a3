"""The case schema: what a handläggare writes, typed and strict.

Keys are the Swedish words of the papers (with å, ä, ö as aliases); Python
attribute names are their ASCII spellings, which templates use. Everything
derived (sums, period wording, beslutsunderlag) lives in `derive`, not here.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

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


Amount = Annotated[int, BeforeValidator(_whole_number), Field(ge=0)]
Whole = Annotated[int, BeforeValidator(_whole_number)]
Day = Annotated[date, BeforeValidator(_iso_date)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Free text, never blank. Long fields accept the markup in docs/arendefil.md."""


class Strict(BaseModel):
    """Base of every schema model: unknown keys are errors, Swedish keys accepted."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=False,
        frozen=True,
        str_strip_whitespace=False,
    )


class Decision(StrEnum):
    """The kinds of decision a tjänsteskrivelse can propose."""

    NY = "ny"
    FORLANGNING = "förlängning"
    AVSLUT = "avslut"


class Person(Strict):
    """A named person in a role (signer, signatory, handläggare)."""

    namn: Text
    titel: Text | None = None


class Link(Strict):
    """A link with a readable text."""

    text: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


class Section(Strict):
    """A free sub-section with its own heading."""

    rubrik: Text
    text: Text


class Background(Strict):
    """Bakgrund: running text, then optional named sub-sections."""

    text: Text
    avsnitt: list[Section] = []


class BudgetRow(Strict):
    """One row of a party's own yearly cost budget."""

    post: Text
    belopp: Amount


class Party(Strict):
    """A non-profit organisation in the partnership."""

    namn: Text = Field(description="Kort namn som används i löptext och tabeller")
    organisation: Text | None = Field(
        default=None, description="Juridiskt namn i underskriftsblocket (annars namn)"
    )
    organisationsnummer: Text
    ort: Text | None = None
    firmatecknare: list[Person] = Field(min_length=1)
    ansvarsomraden: Text = Field(alias="ansvarsområden")
    arlig_ersattning: Amount = Field(alias="årlig_ersättning")
    kostnadsbudget: list[BudgetRow] = Field(min_length=1)
    summa_kostnader: Amount | None = Field(
        default=None, description="Frivillig: kontrolleras mot summan av kostnadsbudgeten"
    )

    @property
    def legal_name(self) -> str:
        """Return the name to sign with."""
        return self.organisation or self.namn


class Period(Strict):
    """The agreement's period, both ends inclusive."""

    fran: Day = Field(alias="från")
    till: Day
    uppsagningstid_manader: Annotated[int, BeforeValidator(_whole_number), Field(ge=0)] = Field(
        default=6, alias="uppsägningstid_månader"
    )
    langd: Text | None = Field(
        default=None,
        alias="längd",
        description="Frivillig: kontrolleras mot datumen, t.ex. 'tre år'",
    )


class StatedTotals(Strict):
    """Totals a handläggare may write down; each is checked against the computed one."""

    total_ersattning: Amount | None = Field(default=None, alias="total_ersättning")
    totalkostnad: Amount | None = None
    kommunens_finansiering: Amount | None = None
    egen_finansiering: Amount | None = None
    differens: Whole | None = None


class Agreement(Strict):
    """The IOP agreement's own sections (the bilaga)."""

    titel: Text | None = Field(default=None, description="Annars härledd ur parternas namn")
    datum: Day | None = Field(default=None, description="Annars ärendets datum")
    bakgrund: Text
    utgangspunkter: Text = Field(alias="utgångspunkter")
    vardegrund: Text = Field(alias="värdegrund")
    aktorer: Text = Field(alias="aktörer")
    samhallsutmaning_och_syfte: Text = Field(alias="samhällsutmaning_och_syfte")
    malsattning: Text = Field(alias="målsättning")
    malgrupp: Text = Field(alias="målgrupp")
    kommunens_ansvar: Text
    gemensamt_ansvar: Text
    avstamning_och_uppfoljning: Text = Field(alias="avstämning_och_uppföljning")
    vardear: Annotated[int, BeforeValidator(_whole_number), Field(ge=2000, le=2100)] = Field(
        alias="värdeår", description="Året vars nivå ersättningen anges i"
    )
    uppraknning: Text = Field(
        default="Ersättningen räknas upp varje år med omsorgsprisindex (OPI).",
        alias="uppräkning",
    )
    utbetalning: Text
    andringar: Text = Field(alias="ändringar")


class Attachment(Strict):
    """A further bilaga listed in the beslutsunderlag."""

    titel: Text
    datum: Day | None = None


class PersonalNumberException(Strict):
    """A personnummer a reviewer has allowed in this case's texts, and why."""

    nummer: Text
    motivering: Text = Field(description="Varför numret får stå i en allmän handling")
    granskad_av: Text = Field(description="Vem som har granskat undantaget")


class Exceptions(Strict):
    """Reviewed exceptions to the domain checks of one case."""

    personnummer: list[PersonalNumberException] = []


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


class Case(Strict):
    """One matter: the tjänsteskrivelse's content and the agreement it proposes."""

    diarienummer: Text
    rubrik: Text
    datum: Day = Field(description="Tjänsteskrivelsens datum")
    handlaggare: Person = Field(alias="handläggare")
    beslutstyp: Decision
    sammantrade: Day | None = Field(default=None, alias="sammanträde")
    beslutsforslag: list[Text] = Field(alias="beslutsförslag", min_length=1)
    arende: Text = Field(alias="ärende")
    bakgrund: Background
    ekonomiska_konsekvenser: Text
    jamstalldhet: Text = Field(alias="jämställdhet")
    samrad: Text = Field(alias="samråd")
    uppfoljning_och_utvardering: Text = Field(alias="uppföljning_och_utvärdering")
    mbl: Text
    beslutet_skickas_till: list[Text] | None = Field(
        default=None, description="Annars parternas namn"
    )
    bilagor: list[Attachment] = Field(default=[], description="Bilagor utöver överenskommelsen")
    parter: list[Party] = Field(min_length=1)
    period: Period
    overenskommelse: Agreement = Field(alias="överenskommelse")
    summor: StatedTotals = StatedTotals()
    organisation: SettingsOverride = SettingsOverride()
    undantag: Exceptions = Exceptions()


def merge_settings(base: Settings, override: SettingsOverride) -> Settings:
    """Return the settings with the case's overrides applied."""
    changes = {
        name: getattr(override, name)
        for name in type(override).model_fields
        if getattr(override, name) is not None
    }
    return base.model_copy(update=changes)
