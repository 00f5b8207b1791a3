"""Drafting helpers for the life of an IOP: new case files, renewals, unfinished texts.

- `new_case_text` writes a complete case file from a few answers (decision
  type, parties, period): every key present and commented in Swedish, the
  decision points drafted, and every text the handläggare must write
  starting with "SKRIV:".
- `extend_case` drafts the renewal of a case as a new file: the same file
  with its comments and layout kept (ruamel.yaml round trip), the period
  moved forward by its own length and every date with it, decision type
  förlängning, a reference to the earlier decision, and the compensation
  indexed by OPI as far as the rates are known. What it cannot judge
  (years in running text, amounts in prose) comes back as notes.
- `check_placeholders` is rule W001 for `checks.RULES`: a text still
  holding "SKRIV:", or a yearly compensation of 0 kr, is a warning, never an
  error. `placeholder_problems` gives the same warnings for a loaded file.
  `RULES` lists the rules of an IOP's life for `checks.RULES`: W001 and
  OPI's W002.

The module is long because it holds both drafts; each is a row of small
functions, read top to bottom.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from iopdocs import formatting, opi
from iopdocs.derive import join_names
from iopdocs.errors import IopdocsError, Problem
from iopdocs.load import Loaded, format_path, load_yaml
from iopdocs.model import Case, Decision, Settings, merge_settings
from iopdocs.validate import to_model
from iopdocs.write import atomic_write

PLACEHOLDER = "SKRIV:"
YamlPath = tuple[str | int, ...]


# --- unfinished texts (W001) ---------------------------------------------------------


def is_placeholder(text: str) -> bool:
    """Return True if a text still holds the draft's 'SKRIV:' marker."""
    return PLACEHOLDER in text


def find_placeholders(value: Any, path: YamlPath = ()) -> Iterator[tuple[YamlPath, str, int]]:
    """Yield (path, text, start) for every 'SKRIV:' in the strings of a loaded YAML tree."""
    if isinstance(value, str):
        start = value.find(PLACEHOLDER)
        while start >= 0:
            yield path, value, start
            start = value.find(PLACEHOLDER, start + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from find_placeholders(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from find_placeholders(item, (*path, index))


def placeholder_message(text: str, start: int) -> str:
    """Return the W001 message for the marker at `start`, quoting what is to be written."""
    hint = text[start + len(PLACEHOLDER) :].split("\n")[0].strip().rstrip(".")
    hint = hint if len(hint) <= 70 else hint[:69] + "…"
    return f"texten är inte färdig ({PLACEHOLDER} {hint}). Skriv den riktiga texten i stället."


def _zero_compensations(data: Any) -> Iterator[YamlPath]:
    """Yield the path of every party's yearly compensation written as 0."""
    parties = data.get("parter") if isinstance(data, dict) else None
    for index, party in enumerate(parties if isinstance(parties, list) else []):
        if isinstance(party, dict) and str(party.get("årlig_ersättning", "")).strip() == "0":
            yield ("parter", index, "årlig_ersättning")


ZERO_MESSAGE = "ersättningen är 0 kr. Skriv kommunens ersättning till parten per år."


def check_placeholders(checker, case, settings, derived) -> None:
    """W001 (warning): a text still says 'SKRIV:', or a yearly compensation is 0 kr."""
    for path, text, start in find_placeholders(checker.loaded.data):
        at = checker.locate(path, text, start)
        checker.add(path, "W001", placeholder_message(text, start), severity="varning", at=at)
    for path in _zero_compensations(checker.loaded.data):
        checker.add(path, "W001", ZERO_MESSAGE, severity="varning")


def placeholder_problems(loaded: Loaded) -> list[Problem]:
    """Return the W001 warnings of a loaded case file, each at its value's position."""
    found = [(p, placeholder_message(t, s)) for p, t, s in find_placeholders(loaded.data)]
    found += [(path, ZERO_MESSAGE) for path in _zero_compensations(loaded.data)]
    problems = [
        Problem(loaded.file, *loaded.position(path), format_path(path), message, "W001", "varning")
        for path, message in found
    ]
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def check_file(path: Path, project) -> Any:
    """Return the validation report of a case file, with its W001 warnings even when it has errors.

    The checks report W001 themselves once the file is valid; when schema
    errors stop them, the unfinished texts are still worth listing.
    """
    from iopdocs import build

    report = build.validate_case(path, project)
    try:
        extra = placeholder_problems(load_yaml(path))
    except IopdocsError:
        return report  # an unreadable file is reported by validate_case
    seen = {(p.code, p.field) for p in report.problems}
    report.problems.extend(p for p in extra if (p.code, p.field) not in seen)
    return report


# --- a new case file -------------------------------------------------------------------


@dataclass(frozen=True)
class NewParty:
    """A party of a new case: its short name and organisation number."""

    namn: str
    organisationsnummer: str


@dataclass(frozen=True)
class NewCase:
    """The answers a new case file is drafted from."""

    beslutstyp: Decision
    parter: tuple[NewParty, ...]
    fran: date
    till: date
    diarienummer: str
    datum: date
    slut: date | None = None


def default_end(start: date, years: int = 3) -> date:
    """Return the last day of a period of `years` whole years from `start`."""
    return formatting.add_months(start, 12 * years) - timedelta(days=1)


def new_case_file_name(spec: NewCase) -> str:
    """Return a file name for the drafted case: kind, parties and years."""
    names = "-".join(_slug(p.namn) for p in spec.parter)[:60].strip("-")
    if spec.beslutstyp is Decision.AVSLUT and spec.slut is not None:
        return f"iop-avslut-{names}-{spec.slut.year}.yaml"
    kind = "forlangning" if spec.beslutstyp is Decision.FORLANGNING else "ny"
    return f"iop-{kind}-{names}-{spec.fran.year}-{spec.till.year}.yaml"


def new_case_text(spec: NewCase, settings: Settings) -> str:
    """Return a complete, commented case file for `spec`, texts left as 'SKRIV:'."""
    sections = [
        _header(spec),
        _identity(spec),
        _decision_points(spec, settings),
        _memo_texts(spec),
        _parties(spec),
        _period(spec),
    ]
    if spec.beslutstyp is not Decision.AVSLUT:
        sections.append(AGREEMENT_DRAFT.format(s=PLACEHOLDER, year=spec.datum.year))
    sections.append(_follow_up_draft(spec))
    return _align_comments("\n".join(sections))


COMMENT_COLUMN = 40
_INLINE_COMMENT = re.compile(r"^(.*?\S) {2,}(# .*)$")


def _align_comments(text: str) -> str:
    """Return `text` with every end-of-line comment starting in the same column."""

    def align(line: str) -> str:
        match = _INLINE_COMMENT.match(line)
        if not match:
            return line
        return f"{match[1].ljust(COMMENT_COLUMN - 1)} {match[2]}"

    return "\n".join(align(line) for line in text.split("\n"))


def write_new_case(path: Path, text: str, force: bool = False) -> Path:
    """Write a drafted case file; never replace an existing file unless `force`."""
    if path.exists() and not force:
        raise IopdocsError(
            f"{path} finns redan. Välj ett annat namn med --ut, eller skriv över med --force."
        )
    atomic_write(path, text.encode("utf-8"))
    return path


_KIND_WORDS = {
    Decision.NY: "ny IOP",
    Decision.FORLANGNING: "förlängning av IOP",
    Decision.AVSLUT: "avslut av IOP",
}
_TITLE_WORDS = {
    Decision.NY: "Idéburet offentligt partnerskap (IOP) med",
    Decision.FORLANGNING: "Förlängning av idéburet offentligt partnerskap (IOP) med",
    Decision.AVSLUT: "Avslut av idéburet offentligt partnerskap (IOP) med",
}


def _header(spec: NewCase) -> str:
    """Return the file's opening comment."""
    names = join_names([p.namn for p in spec.parter])
    return f"""\
# Ärendefil: {_KIND_WORDS[spec.beslutstyp]} med {names}.
# Skapad med "iopdocs new" {spec.datum.isoformat()}.
#
# Skriv klart allt som börjar med "SKRIV:". Så länge sådan text finns kvar
# visar "iopdocs validate" varning W001. Rader som börjar med "# nyckel:"
# är frivilliga: ta bort "# " för att använda dem. Alla nycklar beskrivs i
# docs/arendefil.md.
#
# Texterna skrivs i iopdocs enkla märkspråk: tom rad mellan stycken,
# "- " för punktlistor, "1. " för numrerade listor, **fetstil**, *kursiv*
# och [länktext](https://...).
"""


def _identity(spec: NewCase) -> str:
    """Return the case's identity: number, heading, dates, handläggare, decision type."""
    title = f"{_TITLE_WORDS[spec.beslutstyp]} {join_names([p.namn for p in spec.parter])}"
    return f"""\
diarienummer: {_scalar(spec.diarienummer)}    # ärendets diarienummer
rubrik: {_scalar(title)}
datum: {spec.datum.isoformat()}               # tjänsteskrivelsens datum
handläggare:
  namn: "{PLACEHOLDER} ditt namn"
  titel: "{PLACEHOLDER} din titel"            # frivillig: ta bort raden om den inte behövs
beslutstyp: {spec.beslutstyp.value}           # ny | förlängning | avslut
# sammanträde: ÅÅÅÅ-MM-DD                     # nämndens sammanträde
# tidigare_ärende:                            # beslutet som överenskommelsen bygger på
#   diarienummer: SON ÅÅÅÅ-NNNN
#   beslutsdatum: ÅÅÅÅ-MM-DD
"""


def _decision_points(spec: NewCase, settings: Settings) -> str:
    """Return the drafted decision points, one action each."""
    points = "\n".join(f"  - {_scalar(point)}" for point in draft_decision(spec, settings))
    return f"""\
# Varje punkt blir en numrerad beslutspunkt. Skriv hela meningar som kan
# flyttas ordagrant till protokollet. Punkterna nedan är ett utkast.
beslutsförslag:
{points}
"""


def draft_decision(spec: NewCase, settings: Settings) -> list[str]:
    """Return the decision points a case of this kind usually has."""
    names = join_names([p.namn for p in spec.parter])
    board = settings.namnd
    if spec.beslutstyp is Decision.AVSLUT:
        end = formatting.long_date(spec.slut) if spec.slut else "ÅÅÅÅ-MM-DD"
        return [
            f"{board} avslutar överenskommelsen om ett idéburet offentligt partnerskap med "
            f"{names}. Överenskommelsen upphör att gälla efter den {end}.",
            f"{settings.forvaltning} får i uppdrag att meddela {names} beslutet skriftligen.",
        ]
    action = (
        "ingår en överenskommelse"
        if spec.beslutstyp is Decision.NY
        else "förlänger överenskommelsen"
    )
    period = formatting.period(spec.fran, spec.till)
    length = formatting.period_length_words(spec.fran, spec.till)
    signer = settings.undertecknare.titel or settings.undertecknare.namn
    return [
        f"{board} {action} om ett idéburet offentligt partnerskap med {names} enligt "
        f"förvaltningens förslag. Överenskommelsen gäller i {length}, {period}.",
        f"{_definite(signer)} får i uppdrag att underteckna överenskommelsen.",
    ]


def _memo_texts(spec: NewCase) -> str:
    """Return the memo's texts, with the ending's block for an avslut."""
    ending = ""
    if spec.beslutstyp is Decision.AVSLUT:
        last = spec.slut.isoformat() if spec.slut else "ÅÅÅÅ-MM-DD"
        ending = f"""
avslut:
  datum: {last}                   # sista dagen som överenskommelsen gäller
  skäl: |
    - {PLACEHOLDER} varför överenskommelsen avslutas, ett skäl per punkt.
"""
    return MEMO_DRAFT.format(s=PLACEHOLDER, ending=ending)


MEMO_DRAFT = """\
# En kort sammanfattning: vad ärendet gäller och vad förvaltningen föreslår.
ärende: |
  {s} vad ärendet gäller och vad förvaltningen föreslår.

bakgrund:
  text: |
    {s} bakgrunden till ärendet.
  # avsnitt:                      # egna underrubriker under Bakgrund
  #   - rubrik: Summering
  #     text: |
  #       Text under underrubriken.
{ending}
# Tabellen Fördelning (och vid avslut minskningen) läggs till automatiskt.
ekonomiska_konsekvenser: |
  {s} vad beslutet kostar och var pengarna finns i budgeten.

jämställdhet: |
  {s} beslutets konsekvenser för kvinnor och män, flickor och pojkar.

samråd: |
  {s} vilka som har fått tycka till, till exempel parterna och kommunens juridiska enhet.

uppföljning_och_utvärdering: |
  {s} hur och när överenskommelsen följs upp.

# Ofta: "Ärendet påverkar inte de anställda. MBL-förhandling är inte påkallad."
mbl: |
  {s} om information eller förhandling enligt MBL behövs.

# beslutet_skickas_till:          # utan den: parternas namn
#   - Namn på mottagare
# bilagor:                        # bilagor utöver överenskommelsen
#   - titel: Parternas verksamhetsplaner
#     datum: ÅÅÅÅ-MM-DD
"""


def _parties(spec: NewCase) -> str:
    """Return the parties; an ending needs only name, number and compensation."""
    blocks = [_party(p, spec.beslutstyp is Decision.AVSLUT) for p in spec.parter]
    return "# De idéburna parterna, en grupp per part.\nparter:\n" + "\n".join(blocks)


def _party(party: NewParty, ending: bool) -> str:
    """Return one party's block."""
    head = f"""\
  - namn: {_scalar(party.namn)}              # kort namn i löptext och tabeller
    # organisation: Juridiskt namn          # i underskriften (annars namn)
    organisationsnummer: {party.organisationsnummer}
"""
    money = """\
    årlig_ersättning: 0                      # kommunens ersättning per år, hela kronor
"""
    if ending:
        return head + money
    return head + PARTY_DRAFT.format(s=PLACEHOLDER) + money + BUDGET_DRAFT.format(s=PLACEHOLDER)


PARTY_DRAFT = """\
    # ort: Linköping                        # i underskriften (annars kommunens ort)
    firmatecknare:                          # de som skriver under för parten
      - namn: "{s} namn"
        titel: "{s} titel"                  # frivillig
    ansvarsområden: |
      - {s} vad parten gör i partnerskapet, en uppgift per punkt.
"""
BUDGET_DRAFT = """\
    kostnadsbudget:                         # partens kostnader per år, ersättningen inräknad
      - post: "{s} kostnadspost, till exempel Lokaler"
        belopp: 0
    # summa_kostnader: 0                    # kontrolleras mot kostnadsbudgeten
"""


OPTIONAL_DRAFT = """
# summor:                          # summor du vill skriva själv; jämförs med de uträknade
#   total_ersättning: 0
#   totalkostnad: 0
#   kommunens_finansiering: 0
#   egen_finansiering: 0
#   differens: 0
# organisation:                    # inställningar ur iopdocs.yaml som gäller bara här
#   undertecknare:
#     namn: Namn
#     titel: Titel
# undantag:                        # granskade undantag från kontrollerna
#   personnummer:
#     - nummer: ÅÅMMDD-NNNN
#       motivering: Varför numret får stå i en allmän handling.
#       granskad_av: Kommunens dataskyddsombud
"""


def _period(spec: NewCase) -> str:
    """Return the period: for an ending, the period that applies today."""
    what = (
        "Den period som överenskommelsen gäller i dag."
        if spec.beslutstyp is Decision.AVSLUT
        else "Överenskommelsens period, båda dagarna inräknade."
    )
    return f"""\
# {what}
period:
  från: {spec.fran.isoformat()}
  till: {spec.till.isoformat()}
  uppsägningstid_månader: 6          # uppsägningstid i månader
  # längd: tre år                    # kontrolleras mot datumen
{OPTIONAL_DRAFT}"""


AGREEMENT_DRAFT = """\
# Överenskommelsens egna avsnitt (bilagan). Parternas ansvarsområden,
# ersättning och budget hämtas från parter, perioden från period.
överenskommelse:
  värdeår: {year}                     # året vars nivå ersättningen anges i
  # titel: Egen titel                 # annars "Idéburet offentligt partnerskap (IOP) mellan ..."
  # datum: ÅÅÅÅ-MM-DD                 # annars ärendets datum
  bakgrund: |
    {s} bakgrunden till överenskommelsen.
  utgångspunkter: |
    {s} de politiska beslut som överenskommelsen bygger på, som en punktlista.
  värdegrund: |
    {s} parternas gemensamma värdegrund.
  aktörer: |
    {s} parterna i offentlig och idéburen sektor.
  samhällsutmaning_och_syfte: |
    {s} den gemensamma samhällsutmaningen och syftet.
  målsättning: |
    {s} vad överenskommelsen ska leda till, som en punktlista.
  målgrupp: |
    {s} vilka verksamheten vänder sig till.
  kommunens_ansvar: |
    - {s} vad kommunen gör, en uppgift per punkt.
  gemensamt_ansvar: |
    - {s} vad parterna gör tillsammans, en uppgift per punkt.
  avstämning_och_uppföljning: |
    {s} hur och när parterna stämmer av och följer upp.
  # uppräkning: Ersättningen räknas upp varje år med omsorgsprisindex (OPI).
  utbetalning: |
    {s} när och hur ersättningen betalas ut.
  ändringar: |
    {s} när och hur överenskommelsen kan ändras.
"""


def _follow_up_draft(spec: NewCase) -> str:
    """Return the commented-out follow-up block: one per year, one text per party."""
    parties = "\n".join(f"#       {_scalar(p.namn)}: Vad parten redovisar." for p in spec.parter)
    purpose = (
        "\n#     syfte: Överenskommelsens syfte." if spec.beslutstyp is Decision.AVSLUT else ""
    )
    return f"""\
# uppföljningar:                       # en uppföljning per år, var och en en egen rapport
#   - år: {spec.fran.year}
#     datum: ÅÅÅÅ-MM-DD{purpose}
#     parter:
{parties}
#     bedömning: Förvaltningens bedömning.
"""


def _scalar(text: str) -> str:
    """Return `text` as a YAML scalar: plain when that reads back the same, else quoted."""
    plain = re.fullmatch(r"[A-Za-zÅÄÖåäöÉéÜü0-9(][^\n#]*", text) and ": " not in text
    if plain and not text.endswith((":", " ")) and not re.fullmatch(r"[\d.\-+ ]+", text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _slug(text: str) -> str:
    """Return a file-name-safe form of a name: 'Berga Mötesplats' -> 'berga-motesplats'."""
    text = text.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _definite(title: str) -> str:
    """Return a title in the definite form, capitalised: 'direktör' -> 'Direktören'."""
    title = title.strip()
    ending = "n" if title.endswith("e") else "en"
    return title[:1].upper() + title[1:] + ending


# --- a renewal -------------------------------------------------------------------------


@dataclass(frozen=True)
class Renewal:
    """A drafted renewal: where to write it, its text, its period, what to check by hand."""

    path: Path
    text: str
    fran: date
    till: date
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Shift:
    """Moves a case's dates forward by its period's own length."""

    old_from: date
    old_till: date
    months: int | None

    @classmethod
    def of(cls, start: date, end: date) -> Shift:
        """Return the shift for the period `start`..`end` (whole months, else days)."""
        try:
            years, months = formatting.period_length(start, end)
        except ValueError:
            return cls(start, end, None)
        return cls(start, end, 12 * years + months)

    @property
    def new_from(self) -> date:
        """Return the first day of the next period: the day after this one ends."""
        return self.old_till + timedelta(days=1)

    @property
    def new_till(self) -> date:
        """Return the last day of the next period, as long as this one."""
        if self.months is None:
            return self.old_till + (self.old_till - self.old_from) + timedelta(days=1)
        return formatting.add_months(self.new_from, self.months) - timedelta(days=1)

    def day(self, day: date) -> date:
        """Return `day` moved forward; the period's own ends map to the new ends."""
        if day == self.old_from:
            return self.new_from
        if day == self.old_till:
            return self.new_till
        if self.months is None:
            return day + (self.new_from - self.old_from)
        return formatting.add_months(day, self.months)


def extend_case(
    file: Path, settings: Settings, *, diarienummer: str | None = None, datum: date | None = None
) -> Renewal:
    """Return the drafted renewal of the case in `file`; raise CaseError if it is not valid."""
    case = to_model(load_yaml(file), Case)
    if case.beslutstyp is Decision.AVSLUT or case.overenskommelse is None:
        raise IopdocsError(
            f"{file}: ett avslut kan inte förlängas. Välj ärendet som avslutet gäller."
        )
    shift = Shift.of(*sorted((case.period.fran, case.period.till)))
    source = file.read_text(encoding="utf-8").removeprefix("\ufeff")
    notes: list[str] = []
    if case.uppfoljningar:
        source = _without_top_level_key(source, "uppföljningar")
        notes.append("Uppföljningarna hör till den förra perioden och är inte med i utkastet.")
    yaml, data = _round_trip(source)
    notes += _move_text_dates(data, case, shift)
    _move_date_fields(data, case, shift, datum)
    notes += _mark_as_renewal(data, case, diarienummer) + weekend_notes(data)
    notes += _index_compensation(data, case, merge_settings(settings, case.organisation), shift)
    text = _comment_years(_dump(yaml, data), shift)
    return Renewal(_renewal_path(file, shift), text, shift.new_from, shift.new_till, tuple(notes))


def _round_trip(text: str):
    """Return a round-trip YAML reader/writer set to the file's own indentation, and the data."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the handläggare wrote on one line
    _, sequence, offset = load_yaml_guess_indent(text)
    yaml.indent(mapping=_mapping_indent(text), sequence=sequence or 4, offset=offset or 2)
    return yaml, yaml.load(text)


def _mapping_indent(text: str) -> int:
    """Return how far the file indents a key under its parent key (2 unless it says otherwise)."""
    lines = text.splitlines()
    for above, line in zip(lines, lines[1:], strict=False):
        if re.match(r"[^\s#-][^:]*:\s*(#.*)?$", above):
            match = re.match(r"( +)[^\s#-]", line)
            if match:
                return len(match.group(1))
    return 2


def _dump(yaml, data) -> str:
    """Return the round-trip data as text."""
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _without_top_level_key(text: str, key: str) -> str:
    """Return `text` without a top-level key, its block and the comment lines just above it."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        return text
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "\n", "\r")),
        len(lines),
    )
    while start > 0 and lines[start - 1].startswith("#"):
        start -= 1
    while start > 0 and not lines[start - 1].strip():
        start -= 1
    return "".join(lines[:start] + (["\n"] if end < len(lines) else []) + lines[end:])


_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
_LONG = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(_MONTHS)}) (\d{{4}})\b")
_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d{2})(?![\d-])")
_NOT_MOVED = {"diarienummer", "organisationsnummer", "tidigare_ärende"}


def _case_dates(case: Case) -> set[date]:
    """Return the dates a case states in its own date fields."""
    days = {case.datum, case.sammantrade, case.period.fran, case.period.till}
    days.add(case.overenskommelse.datum if case.overenskommelse else None)
    days.update(extra.datum for extra in case.bilagor)
    return {day for day in days if day is not None}


def _move_text_dates(data, case: Case, shift: Shift) -> list[str]:
    """Move the case's dates inside texts; return notes on the years texts still mention."""
    known = _case_dates(case)
    notes = []
    for container, key, path in _texts(data):
        old = container[key]
        if _ISO.fullmatch(old.strip()):
            continue  # a date field written as text: moved with the fields
        new = _shift_dates_in(old, shift, known)
        if new != old:
            container[key] = type(old)(new) if type(old) is not str else new
        years = _stale_years(new, case, shift)
        if years:
            notes.append(f"{format_path(path)} nämner årtalen {_years(years)}: stämmer de?")
    return notes


def _texts(value, path: YamlPath = ()) -> Iterator[tuple[Any, Any, YamlPath]]:
    """Yield (container, key, path) for every string value, skipping identifiers."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if key in _NOT_MOVED:
            continue
        if isinstance(item, str):
            yield value, key, (*path, key)
        elif isinstance(item, dict | list):
            yield from _texts(item, (*path, key))


def _shift_dates_in(text: str, shift: Shift, known: set[date]) -> str:
    """Return `text` with its ISO and long dates moved, when they are the case's dates."""

    def moved(day: date) -> date | None:
        inside = shift.old_from <= day <= shift.old_till
        return shift.day(day) if day in known or inside else None

    def iso(match: re.Match[str]) -> str:
        day = _date_or_none(int(match[1]), int(match[2]), int(match[3]))
        new = moved(day) if day else None
        return new.isoformat() if new else match[0]

    def long(match: re.Match[str]) -> str:
        day = _date_or_none(int(match[3]), _MONTHS.index(match[2]) + 1, int(match[1]))
        new = moved(day) if day else None
        return formatting.long_date(new) if new else match[0]

    return _LONG.sub(long, _ISO.sub(iso, text))


def _date_or_none(year: int, month: int, day: int) -> date | None:
    """Return the date, or None when it is not in the calendar."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _stale_years(text: str, case: Case, shift: Shift) -> list[str]:
    """Return the years a text names outside dates that may belong to the old period."""
    bare = _LONG.sub("", _ISO.sub("", text))
    first, last = min(case.datum.year, shift.old_from.year) - 1, shift.old_till.year
    return sorted({y for y in _YEAR.findall(bare) if first <= int(y) <= last})


def _move_date_fields(data, case: Case, shift: Shift, datum: date | None) -> None:
    """Move every date field: the period, the memo, the meeting, the agreement, the bilagor."""
    _set(data["period"], "från", shift.new_from)
    _set(data["period"], "till", shift.new_till)
    _set(data, "datum", datum or shift.day(case.datum))
    if case.sammantrade is not None:
        _set(data, "sammanträde", shift.day(case.sammantrade))
    agreement = data.get("överenskommelse") or {}
    if agreement.get("datum") is not None:
        _set(agreement, "datum", shift.day(case.overenskommelse.datum))
    for extra, model in zip(data.get("bilagor") or [], case.bilagor, strict=False):
        if model.datum is not None:
            _set(extra, "datum", shift.day(model.datum))


def _set(mapping, key: str, value: date | int) -> None:
    """Set a date or a number, written the way the file wrote the old value."""
    old = mapping[key]
    if isinstance(old, str):
        text = value.isoformat() if isinstance(value, date) else _grouped_like(old, value)
        value = type(old)(text) if type(old) is not str else text
    mapping[key] = value


def _grouped_like(old: str, amount: int) -> str:
    """Return an amount as text, grouped with spaces if the old one was."""
    plain = str(amount)
    return formatting.number(amount).replace("\u00a0", " ") if " " in old.strip() else plain


def _mark_as_renewal(data, case: Case, diarienummer: str | None) -> list[str]:
    """Make the case a renewal that names the earlier decision; return what to check."""
    notes = []
    data["beslutstyp"] = Decision.FORLANGNING.value
    if case.beslutstyp is Decision.NY:
        prefix = "Idéburet offentligt partnerskap"
        if str(data["rubrik"]).startswith(prefix):
            data["rubrik"] = "Förlängning av idéburet" + str(data["rubrik"])[len("Idéburet") :]
        notes.append("Ärendet var en ny överenskommelse: skriv om rubrik, beslutsförslag och "
                     "ärende så att de gäller en förlängning.")  # fmt: skip
    if diarienummer:
        data["diarienummer"] = diarienummer
    else:
        notes.append(f"Diarienumret är detsamma som förut ({case.diarienummer}). Byt det om "
                     "ärendet har fått ett nytt: --diarienummer.")  # fmt: skip
    _set_previous(data, case)
    if case.sammantrade is not None:
        notes.append("Sammanträdet är flyttat en period framåt: stäm av det mot nämndens plan.")
    return notes


_WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]


def weekend_notes(data) -> list[str]:
    """Return a note for each moved date of the memo or the meeting that falls on a weekend."""
    notes = []
    for key in ("datum", "sammanträde"):
        day = data.get(key)
        day = date.fromisoformat(str(day)) if day is not None else None
        if day is not None and day.weekday() >= 5:
            notes.append(f"{key} {day.isoformat()} är en {_WEEKDAYS[day.weekday()]}.")
    return notes


def _set_previous(data, case: Case) -> None:
    """Write tidigare_ärende: the earlier case's number and the day the board decided."""
    from ruamel.yaml.comments import CommentedMap

    previous = CommentedMap(diarienummer=case.diarienummer)
    if case.sammantrade is not None:
        previous["beslutsdatum"] = case.sammantrade
    if "tidigare_ärende" in data:
        data["tidigare_ärende"] = previous
        return
    after = "sammanträde" if "sammanträde" in data else "beslutstyp"
    data.insert(list(data).index(after) + 1, "tidigare_ärende", previous)
    data.yaml_set_comment_before_after_key(
        "tidigare_ärende", before="Beslutet som den här förlängningen bygger på."
    )


def _index_compensation(data, case: Case, settings: Settings, shift: Shift) -> list[str]:
    """Index each party's compensation by OPI up to the year before the new period."""
    value_year, target = case.overenskommelse.vardear, shift.new_from.year - 1
    if target <= value_year:
        return []
    rates = opi.rates_for(settings)
    results = [opi.index_to(p.arlig_ersattning, value_year, target, rates) for p in case.parter]
    reached, missing = results[0].year, results[0].missing
    for party, result in zip(data["parter"], results, strict=True):
        _set(party, "årlig_ersättning", result.amount)
    _set(data["överenskommelse"], "värdeår", reached)
    _update_stated_totals(data, case, sum(r.amount for r in results))
    return _indexation_notes(case, results, value_year, rates, missing)


def _update_stated_totals(data, case: Case, total: int) -> None:
    """Keep the sums a handläggare wrote in step with the indexed compensation."""
    stated = data.get("summor")
    if not stated:
        return
    for key in ("total_ersättning", "kommunens_finansiering"):
        if stated.get(key) is not None:
            _set(stated, key, total)
    if stated.get("egen_finansiering") is not None:
        costs = sum(row.belopp for p in case.parter for row in p.kostnadsbudget or [])
        _set(stated, "egen_finansiering", costs - total)


def _indexation_notes(case: Case, results, value_year: int, rates, missing) -> list[str]:
    """Return what the indexation did, and which rates are missing or preliminary."""
    reached = results[0].year
    notes = []
    if reached > value_year:
        changes = "; ".join(
            f"{p.namn} {formatting.kr(p.arlig_ersattning)} → {formatting.kr(r.amount)}"
            for p, r in zip(case.parter, results, strict=True)
        )
        notes.append(f"Ersättningen är uppräknad med OPI från {value_year} till {reached} års "
                     f"nivå: {changes}. Kostnadsbudgetarna är oförändrade.")  # fmt: skip
    preliminary = [y for y in range(value_year + 1, reached + 1) if not rates[y].definitive]
    if preliminary:
        notes.append(f"OPI för {_years(preliminary)} är preliminär. Kontrollera mot SKR.")
    if missing:
        notes.append(f"OPI saknas för {_years(missing)}, så ersättningen står kvar i {reached} "
                     "års nivå. Lägg in satserna under opi: i iopdocs.yaml när SKR har "
                     "publicerat dem och kör iopdocs extend igen.")  # fmt: skip
    return notes


def _years(years) -> str:
    """Return years in running text: '2024, 2025 och 2026'."""
    return join_names([str(year) for year in years])


def _comment_years(text: str, shift: Shift) -> str:
    """Return `text` with the old period's years ('2024–2026') moved in whole-line comments."""
    old = rf"(?<![\d-]){shift.old_from.year}([–-]){shift.old_till.year}(?![\d-])"
    new = rf"{shift.new_from.year}\g<1>{shift.new_till.year}"
    lines = text.splitlines(keepends=True)
    return "".join(re.sub(old, new, line) if line.lstrip().startswith("#") else line
                   for line in lines)  # fmt: skip


def _renewal_path(file: Path, shift: Shift) -> Path:
    """Return the renewal's file: the old name with the new years, next to the old file."""
    old = f"{shift.old_from.year}-{shift.old_till.year}"
    new = f"{shift.new_from.year}-{shift.new_till.year}"
    stem = file.stem.replace(old, new) if old in file.stem else f"{file.stem}-forlangning-{new}"
    return file.with_name(stem + file.suffix)


RULES = [check_placeholders, opi.check_rates]
"""The domain rules of the IOP's life, for `checks.RULES`: W001 and W002."""
