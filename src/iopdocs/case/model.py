"""The case schema: what a handläggare writes, typed and strict.

Keys are the Swedish words of the papers (with å, ä, ö as aliases); Python
attribute names are their ASCII spellings, which templates use. Everything
derived (sums, period wording, beslutsunderlag) lives in `derive`, not here;
what each beslutstyp asks of the file is in `decisions`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from iopdocs.case.attachments import Attachment
from iopdocs.case.decided import AmendedDecision, BoardDecision
from iopdocs.case.decisions import (
    AGREEMENT_BLOCK,
    DECISIONS,
    ENDING_BLOCK,
    Decision,
    DecisionType,
    decision_type,
)
from iopdocs.case.settings import SettingsOverride
from iopdocs.case.values import (
    Amount,
    Day,
    Months,
    OrgNumber,
    Person,
    Strict,
    Text,
    Whole,
    Year,
    YesNo,
)


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

    namn: Text
    organisation: Text | None = None
    organisationsnummer: OrgNumber
    ort: Text | None = None
    firmatecknare: Annotated[list[Person], Field(min_length=1)] | None = None
    ansvarsomraden: Text | None = Field(default=None, alias="ansvarsområden")
    arlig_ersattning: Amount = Field(alias="årlig_ersättning")
    kostnadsbudget: Annotated[list[BudgetRow], Field(min_length=1)] | None = None
    summa_kostnader: Amount | None = None

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

    titel: Text | None = None
    datum: Day | None = None
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
    vardear: Year = Field(alias="värdeår")
    uppraknning: Text = Field(
        default="Ersättningen räknas upp varje år med omsorgsprisindex (OPI).",
        alias="uppräkning",
    )
    utbetalning: Text
    andringar: Text = Field(alias="ändringar")


class PersonalNumberException(Strict):
    """A personnummer a reviewer has allowed in this case's texts, and why."""

    nummer: Text
    motivering: Text
    granskad_av: Text


class ReviewedText(Strict):
    """A wording a reviewer has accepted although a check warns about it (N001, R001, R004)."""

    text: Text
    motivering: Text
    granskad_av: Text


class Exceptions(Strict):
    """Reviewed exceptions to the domain checks of one case."""

    personnummer: list[PersonalNumberException] = []
    namnformer: list[ReviewedText] = []
    belopp: list[ReviewedText] = []
    datum: list[ReviewedText] = []


class Ending(Strict):
    """Avslut: the last day the agreement applies, and why the board ends it."""

    datum: Day
    skal: Text = Field(alias="skäl")


class PreviousCase(Strict):
    """The earlier decision the current agreement rests on, and the body that made it."""

    diarienummer: Text
    beslutsdatum: Day | None = None
    namnd: Text | None = Field(default=None, alias="nämnd")


class GoalChoice(Strict):
    """Kommunala mål: which of the municipality's goals the case serves, and why."""

    mal: Annotated[list[Text], Field(min_length=1)] | None = Field(default=None, alias="mål")
    motivering: Text | None = None


class Span(Strict):
    """Two dates, both inclusive."""

    fran: Day = Field(alias="från")
    till: Day


class FollowUp(Strict):
    """One year's follow-up of the agreement: what each party reports, and the assessment."""

    ar: Year = Field(alias="år")
    datum: Day
    period: Span | None = Field(
        default=None,
    )
    handlaggare: Person | None = Field(default=None, alias="handläggare")
    bakgrund: Text | None = None
    syfte: Text | None = None
    inledning: Text | None = None
    parter: dict[str, Text] = Field(min_length=1)
    bedomning: Text = Field(alias="bedömning")
    bilaga: YesNo = Field(default=False)


class Case(Strict):
    """One matter: the tjänsteskrivelse's content and the agreement it proposes."""

    diarienummer: Text
    rubrik: Text
    datum: Day
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
    kommunala_mal: GoalChoice = Field(default=GoalChoice(), alias="kommunala_mål")
    beslutet_skickas_till: Annotated[list[Text], Field(min_length=1)] | None = None
    bilagor: list[Attachment] = Field(default=[])
    parter: list[Party] = Field(min_length=1)
    period: Period
    overenskommelse: Agreement | None = Field(default=None, alias="överenskommelse")
    summor: StatedTotals = StatedTotals()
    organisation: SettingsOverride = SettingsOverride()
    undantag: Exceptions = Exceptions()
    avslut: Ending | None = None
    tidigare_arende: PreviousCase | None = Field(default=None, alias="tidigare_ärende")
    uppfoljningar: list[FollowUp] = Field(default=[], alias="uppföljningar")
    andrar: AmendedDecision | None = Field(default=None, alias="ändrar")
    beslut: BoardDecision | None = Field(default=None)

    @property
    def decision(self) -> DecisionType:
        """Return what the case's beslutstyp means for its file, checks and papers."""
        return DECISIONS[self.beslutstyp]

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
        kind = decision_type(str(data.get("beslutstyp", "")))
        if kind is not None and kind.block not in data:
            return {**data, kind.block: _Missing(kind.block_hint)}
        return data

    @field_validator("overenskommelse", "avslut", mode="before")
    @classmethod
    def _refuse_missing_block(cls, value: Any, info: ValidationInfo) -> Any:
        """Report a block the beslutstyp needs but the file lacks."""
        if isinstance(value, _Missing):
            key = AGREEMENT_BLOCK if info.field_name == "overenskommelse" else ENDING_BLOCK
            raise ValueError(f"nyckeln '{key}' saknas. {value.hint}")
        return value

    @field_validator("parter", mode="after")
    @classmethod
    def _party_agreement_fields(cls, value: list[Party], info: ValidationInfo):
        """Require each party's agreement fields unless the case ends the agreement."""
        kind = info.data.get("beslutstyp")
        if kind is None or not DECISIONS[kind].agreement:
            return value
        missing = [
            f"parter, part {i + 1} ({party.namn}), {key}"
            for i, party in enumerate(value)
            for key, name in _AGREEMENT_PARTY_FIELDS
            if getattr(party, name) is None
        ]
        if missing:
            raise ValueError(
                f"{'; '.join(missing)} saknas. Varje part behöver firmatecknare, "
                f"ansvarsområden och kostnadsbudget när beslutstyp är '{kind}'"
            )
        return value

    @field_validator("avslut", mode="after")
    @classmethod
    def _ending_when_ending(cls, value: Ending | None, info: ValidationInfo):
        """Allow the avslut block only for an ending, and only within the period."""
        kind = info.data.get("beslutstyp")
        if value is not None and kind is not None and not DECISIONS[kind].ending:
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

    def __init__(self, hint: str) -> None:
        self.hint = hint


_AGREEMENT_PARTY_FIELDS = (
    ("firmatecknare", "firmatecknare"),
    ("ansvarsområden", "ansvarsomraden"),
    ("kostnadsbudget", "kostnadsbudget"),
)


def _check_end_within(end: date, period: Period) -> None:
    """Raise ValueError unless the end date lies in the period, its last day included.

    The last day is the most common ending: the agreement runs out and is not
    renewed. An earlier day ends it early.
    """
    if not period.fran <= end <= period.till:
        raise ValueError(
            f"avslutsdatumet {end} ligger utanför perioden {period.fran} – {period.till}. "
            f"Skriv periodens sista dag ({period.till}) om överenskommelsen inte ska "
            "förlängas, eller en tidigare dag för att avsluta den i förtid"
        )


def _follow_up_problems(
    index: int, follow_up: FollowUp, names: list[str], has_agreement: bool
) -> list[str]:
    """Return what is wrong with one follow-up's parties and purpose."""
    where = f"uppföljning {index + 1} ({follow_up.ar})"
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
    where = f"uppföljning {index + 1} ({follow_up.ar})"
    if follow_up.period is not None and span.till < span.fran:
        return [f"{where}: periodens slut {span.till} ligger före starten {span.fran}"]
    first, last = sorted((span.fran, span.till))  # a backwards case period is P001's
    if not first.year <= follow_up.ar <= last.year:
        return [
            f"{where}: året ligger utanför perioden {span.fran} – {span.till}. Rätta året, "
            "eller ange perioden för överenskommelsen som följs upp under 'period'"
        ]
    return []
