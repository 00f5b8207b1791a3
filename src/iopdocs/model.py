"""The case schema: what a handläggare writes, typed and strict.

Keys are the Swedish words of the papers (with å, ä, ö as aliases); Python
attribute names are their ASCII spellings, which templates use. Everything
derived (sums, period wording, beslutsunderlag) lives in `derive`, not here.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import GenerateJsonSchema

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
    """A non-profit organisation in the partnership.

    `firmatecknare`, `ansvarsområden` and `kostnadsbudget` belong to the
    agreement: a Case requires them unless it only ends an agreement (avslut).
    """

    namn: Text = Field(description="Kort namn som används i löptext och tabeller")
    organisation: Text | None = Field(
        default=None, description="Juridiskt namn i underskriftsblocket (annars namn)"
    )
    organisationsnummer: Text
    ort: Text | None = None
    firmatecknare: Annotated[list[Person], Field(min_length=1)] | None = Field(
        default=None, description="Krävs utom vid avslut"
    )
    ansvarsomraden: Text | None = Field(
        default=None, alias="ansvarsområden", description="Krävs utom vid avslut"
    )
    arlig_ersattning: Amount = Field(alias="årlig_ersättning")
    kostnadsbudget: Annotated[list[BudgetRow], Field(min_length=1)] | None = Field(
        default=None, description="Krävs utom vid avslut"
    )
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
    uppsagningstid_manader: Months = Field(default=6, alias="uppsägningstid_månader")
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
    vardear: Year = Field(alias="värdeår", description="Året vars nivå ersättningen anges i")
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


class Ending(Strict):
    """Avslut: the last day the agreement applies, and why the board ends it."""

    datum: Day = Field(description="Sista dagen som överenskommelsen gäller")
    skal: Text = Field(alias="skäl", description="Skälen till att överenskommelsen avslutas")


class PreviousCase(Strict):
    """The earlier decision a renewal continues."""

    diarienummer: Text
    beslutsdatum: Day | None = Field(default=None, description="När nämnden beslutade")


class Span(Strict):
    """Two dates, both inclusive."""

    fran: Day = Field(alias="från")
    till: Day


class FollowUp(Strict):
    """One year's follow-up of the agreement: what each party reports, and the assessment."""

    ar: Year = Field(alias="år", description="Året som följs upp")
    datum: Day = Field(description="Uppföljningsrapportens datum")
    period: Span | None = Field(
        default=None,
        description="Perioden för överenskommelsen som följs upp, om den inte är ärendets",
    )
    handlaggare: Person | None = Field(
        default=None, alias="handläggare", description="Annars ärendets handläggare"
    )
    bakgrund: Text | None = Field(default=None, description="Text efter den inledande meningen")
    syfte: Text | None = Field(
        default=None, description="Annars överenskommelsens syfte och målsättning"
    )
    inledning: Text | None = Field(
        default=None, description="Text före parternas avsnitt i Uppföljning av överenskommelsen"
    )
    parter: dict[str, Text] = Field(
        min_length=1, description="Vad varje part redovisar, under partens namn"
    )
    bedomning: Text = Field(alias="bedömning")
    bilaga: YesNo = Field(
        default=False, description="ja: rapporten är en bilaga i tjänsteskrivelsens beslutsunderlag"
    )


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
    overenskommelse: Agreement | None = Field(
        default=None, alias="överenskommelse", description="Krävs vid ny och förlängning"
    )
    summor: StatedTotals = StatedTotals()
    organisation: SettingsOverride = SettingsOverride()
    undantag: Exceptions = Exceptions()
    avslut: Ending | None = Field(default=None, description="Krävs vid avslut")
    tidigare_arende: PreviousCase | None = Field(
        default=None, alias="tidigare_ärende", description="Ärendet som förlängningen bygger på"
    )
    uppfoljningar: list[FollowUp] = Field(default=[], alias="uppföljningar")

    # Which blocks a case needs depends on its beslutstyp. The before-validator
    # marks a needed block that is missing; its field validator then reports it
    # at the block's own key, together with every other problem of the file
    # (a model_validator(mode="after") would only run once all fields are
    # valid). The after-validators read the fields declared before them.

    @model_validator(mode="before")
    @classmethod
    def _mark_needed_blocks(cls, data: Any) -> Any:
        """Mark the block this beslutstyp needs when the file lacks it."""
        if not isinstance(data, dict):
            return data
        kind = str(data.get("beslutstyp", ""))
        needed = _NEEDED_BLOCK.get(kind)
        if needed and needed not in data:
            return {**data, needed: _Missing(kind)}
        return data

    @field_validator("overenskommelse", "avslut", mode="before")
    @classmethod
    def _refuse_missing_block(cls, value: Any, info: ValidationInfo) -> Any:
        """Report a block the beslutstyp needs but the file lacks."""
        if isinstance(value, _Missing):
            key = "överenskommelse" if info.field_name == "overenskommelse" else "avslut"
            raise ValueError(f"nyckeln '{key}' saknas. {_NEEDED_HINT[key]}")
        return value

    @field_validator("parter", mode="after")
    @classmethod
    def _party_agreement_fields(cls, value: list[Party], info: ValidationInfo):
        """Require each party's agreement fields unless the case ends the agreement."""
        kind = info.data.get("beslutstyp")
        if kind not in (Decision.NY, Decision.FORLANGNING):
            return value
        missing = [
            f"parter[{i}].{key}"
            for i, party in enumerate(value)
            for key, name in _AGREEMENT_PARTY_FIELDS
            if getattr(party, name) is None
        ]
        if missing:
            raise ValueError(
                f"{', '.join(missing)} saknas. Varje part behöver firmatecknare, "
                f"ansvarsområden och kostnadsbudget när beslutstyp är '{kind}'"
            )
        return value

    @field_validator("avslut", mode="after")
    @classmethod
    def _ending_when_ending(cls, value: Ending | None, info: ValidationInfo):
        """Allow the avslut block only for an ending, and only within the period."""
        kind = info.data.get("beslutstyp")
        if value is not None and kind is not None and kind is not Decision.AVSLUT:
            raise ValueError(
                f"'avslut' används bara när beslutstyp är 'avslut', inte '{kind}'. "
                "Ta bort blocket eller ändra beslutstyp"
            )
        period = info.data.get("period")
        if value is not None and period is not None:
            _check_end_within(value.datum, period)
        return value

    @field_validator("uppfoljningar", mode="after")
    @classmethod
    def _follow_ups_match_parties(cls, value: list[FollowUp], info: ValidationInfo):
        """Require one text per party, one follow-up per year, and a purpose to show."""
        names = [p.namn for p in info.data.get("parter") or []]
        # A failed agreement is absent from info.data and already reported.
        has_agreement = info.data.get("overenskommelse", True) is not None
        period = info.data.get("period")
        problems = []
        years = [f.ar for f in value]
        for year in sorted({y for y in years if years.count(y) > 1}):
            problems.append(f"år {year} följs upp flera gånger; skriv en uppföljning per år")
        for i, follow_up in enumerate(value):
            problems += _follow_up_problems(i, follow_up, names, has_agreement)
            problems += _follow_up_period_problems(i, follow_up, period)
        if problems:
            raise ValueError(". ".join(problems))
        return value


class _Missing:
    """Stands in for a block the case's beslutstyp needs but the file lacks."""

    def __init__(self, kind: str) -> None:
        self.kind = kind


_NEEDED_BLOCK = {"ny": "överenskommelse", "förlängning": "överenskommelse", "avslut": "avslut"}
_NEEDED_HINT = {
    "överenskommelse": "Den krävs när beslutstyp är 'ny' eller 'förlängning': lägg till "
    "överenskommelsens avsnitt (se exemplen i cases/)",
    "avslut": "Den krävs när beslutstyp är 'avslut': skriv datum (sista dagen som "
    "överenskommelsen gäller) och skäl",
}

_AGREEMENT_PARTY_FIELDS = (
    ("firmatecknare", "firmatecknare"),
    ("ansvarsområden", "ansvarsomraden"),
    ("kostnadsbudget", "kostnadsbudget"),
)


def _check_end_within(end: date, period: Period) -> None:
    """Raise ValueError unless the end date ends the period early."""
    if not period.fran <= end < period.till:
        raise ValueError(
            f"avslutsdatumet {end} ligger inte inom perioden {period.fran} – {period.till}. "
            "Ett avslut ska gälla från en dag före periodens sista dag; annars löper "
            "överenskommelsen ut av sig själv"
        )


def _follow_up_problems(
    index: int, follow_up: FollowUp, names: list[str], has_agreement: bool
) -> list[str]:
    """Return what is wrong with one follow-up's parties and purpose."""
    where = f"uppföljningar[{index}] ({follow_up.ar})"
    problems = [
        f"{where}: '{key}' är ingen part i ärendet. Parterna heter {', '.join(names)}"
        for key in follow_up.parter
        if names and key not in names
    ]
    problems += [
        f"{where}: parten '{name}' saknas under parter. Skriv vad parten redovisar"
        for name in names
        if name not in follow_up.parter
    ]
    if follow_up.syfte is None and not has_agreement:
        problems.append(f"{where}: 'syfte' saknas. Skriv överenskommelsens syfte")
    return problems


def _follow_up_period_problems(index: int, follow_up: FollowUp, period: Period | None) -> list[str]:
    """Return what is wrong with the period a follow-up covers and its year."""
    span = follow_up.period or period
    if span is None:
        return []
    where = f"uppföljningar[{index}] ({follow_up.ar})"
    if follow_up.period is not None and span.till < span.fran:
        return [f"{where}: periodens slut {span.till} ligger före starten {span.fran}"]
    first, last = sorted((span.fran, span.till))  # a backwards case period is P001's
    if not first.year <= follow_up.ar <= last.year:
        return [
            f"{where}: året ligger utanför perioden {span.fran} – {span.till}. Rätta året, "
            "eller ange perioden för överenskommelsen som följs upp under 'period'"
        ]
    return []


def merge_settings(base: Settings, override: SettingsOverride) -> Settings:
    """Return the settings with the case's overrides applied."""
    changes = {
        name: getattr(override, name)
        for name in type(override).model_fields
        if getattr(override, name) is not None
    }
    return base.model_copy(update=changes)


class _EditorSchema(GenerateJsonSchema):
    """JSON Schema for editors: field descriptions (Swedish) only, no class docstrings."""

    def model_schema(self, schema):
        """Return a model's schema without the description taken from its docstring."""
        result = super().model_schema(schema)
        target = result if "properties" in result else None
        if target is not None:
            target.pop("description", None)
        return result


def json_schema(model: type[BaseModel]) -> dict:
    """Return the JSON Schema of a case or settings file, keyed by the Swedish YAML keys."""
    result = model.model_json_schema(by_alias=True, schema_generator=_EditorSchema)
    result["description"] = (
        "Ärendefil för iopdocs" if model is Case else "Organisationens inställningar för iopdocs"
    )
    return result
