"""`iopdocs new`: a complete case file drafted from a few answers.

`new_case_text` writes every key present and commented in Swedish, the
decision points drafted, and every text the handläggare must write starting
with "SKRIV:" (reported as W001 warnings by `iopdocs.case.rules.drafts`). Read top to bottom:
the answers, the file's parts in file order, small text helpers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from iopdocs.case.decisions import DECISIONS, Decision, DecisionType
from iopdocs.case.rules.drafts import PLACEHOLDER
from iopdocs.case.schema import with_editor_line
from iopdocs.case.settings import Settings
from iopdocs.errors import IopdocsError
from iopdocs.files import FileChanged, atomic_write, create_new, writing
from iopdocs.swedish import formatting
from iopdocs.swedish.formatting import join_names
from iopdocs.swedish.identifiers import normalize_orgnr

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

    @property
    def type(self) -> DecisionType:
        """Return what the case's beslutstyp means for the drafted file."""
        return DECISIONS[self.beslutstyp]


def default_end(start: date, years: int = 3) -> date:
    """Return the last day of a period of `years` whole years from `start`."""
    return formatting.add_months(start, 12 * years) - timedelta(days=1)


def new_case_file_name(spec: NewCase) -> str:
    """Return a file name for the drafted case: kind, parties and years."""
    names = "-".join(_slug(p.namn) for p in spec.parter)[:60].strip("-")
    if spec.type.ending and spec.slut is not None:
        return f"iop-{spec.type.slug}-{names}-{spec.slut.year}.yaml"
    return f"iop-{spec.type.slug}-{names}-{spec.fran.year}-{spec.till.year}.yaml"


def new_case_text(spec: NewCase, settings: Settings) -> str:
    """Return a complete, commented case file for `spec`, texts left as 'SKRIV:'."""
    settings = settings.on(spec.datum)
    sections = [
        _header(spec),
        _identity(spec),
        _decision_points(spec, settings),
        _memo_texts(spec),
        _parties(spec),
        _period(spec),
    ]
    if spec.type.agreement:
        # The compensation is usually stated in the level of the year before the period.
        sections.append(AGREEMENT_DRAFT.format(s=PLACEHOLDER, year=spec.fran.year - 1))
    sections.append(_follow_up_draft(spec))
    sections.append(DECISION_DRAFT)
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


def write_new_case(path: Path, text: str, force: bool = False, *, schema: Path) -> Path:
    """Write a drafted case file; never replace an existing file unless `force`.

    The file starts with the line that points an editor at `schema` (the
    arendefil.schema.json that `iopdocs schema` writes next to iopdocs.yaml).
    """
    data = with_editor_line(text, path, schema).encode("utf-8")
    if force:
        with writing(path):
            atomic_write(path, data)
        return path
    try:
        create_new(path, data)  # a file that appears meanwhile is not replaced either
    except FileChanged:
        raise IopdocsError(
            f"{path} finns redan. Välj ett annat namn med --ut, eller skriv över med --force."
        ) from None
    return path


def _header(spec: NewCase) -> str:
    """Return the file's opening comment."""
    names = join_names([p.namn for p in spec.parter])
    return f"""\
# Ärendefil: {spec.type.noun} med {names}.
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
    title = f"{spec.type.title} {join_names([p.namn for p in spec.parter])}"
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
#   nämnd: Namn på nämnden                     # om en annan nämnd beslutade
# ändrar:                                     # beslutet som ett ändringsbeslut ändrar
#   diarienummer: SON ÅÅÅÅ-NNNN               # (iopdocs new --andring fyller i det)
#   beslutsdatum: ÅÅÅÅ-MM-DD
#   paragraf: 1
"""


def _decision_points(spec: NewCase, settings: Settings) -> str:
    """Return the drafted decision points, one action each."""
    points = "\n".join(f"  - {_scalar(point)}" for point in draft_decision(spec, settings))
    return f"""\
# Varje punkt blir en numrerad beslutspunkt. Skriv hela meningar som kan
# flyttas ordagrant till protokollet. Punkterna nedan är ett utkast.
# {{längd}}, {{period}} och {{slutdatum}} fylls i från period och avslut när
# dokumenten byggs, så de stämmer även om datumen ändras.
beslutsförslag:
{points}
"""


def draft_decision(spec: NewCase, settings: Settings) -> list[str]:
    """Return the decision points a case of this kind usually has."""
    names = join_names([p.namn for p in spec.parter])
    board = settings.namnd
    if spec.type.ending:
        notify = f"{settings.forvaltning} får i uppdrag att meddela {names} beslutet skriftligen."
        if spec.slut == spec.till:  # the agreement runs out and is not renewed
            return [
                f"{board} beslutar att överenskommelsen om ett idéburet offentligt partnerskap "
                f"med {names} inte förlängs. Överenskommelsen upphör när perioden löper ut "
                "den {slutdatum}.",
                notify,
            ]
        return [
            f"{board} avslutar överenskommelsen om ett idéburet offentligt partnerskap med "
            f"{names}. Överenskommelsen upphör att gälla efter den {{slutdatum}}.",
            notify,
        ]
    action = spec.type.action
    signer = settings.undertecknare.titel or settings.undertecknare.namn
    return [
        f"{board} {action} om ett idéburet offentligt partnerskap med {names} enligt "
        "förvaltningens förslag. Överenskommelsen gäller i {längd}, {period}.",
        f"{_definite(signer)} får i uppdrag att underteckna överenskommelsen.",
    ]


def _memo_texts(spec: NewCase) -> str:
    """Return the memo's texts, with the ending's block for an avslut."""
    ending = ""
    if spec.type.ending:
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

# kommunala_mål:                  # utan den: alla mål i iopdocs.yaml
#   mål:                          # målen ärendet bidrar till, som de står i iopdocs.yaml
#     - Stark gemenskap och människor i arbete
#   motivering: |                 # ett eget stycke under Kommunala mål
#     Hur ärendet bidrar till målet.

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
    blocks = [_party(p, spec.type.ending) for p in spec.parter]
    return "# De idéburna parterna, en grupp per part.\nparter:\n" + "\n".join(blocks)


def _party(party: NewParty, ending: bool) -> str:
    """Return one party's block."""
    head = f"""\
  - namn: {_scalar(party.namn)}              # kort namn i löptext och tabeller
    # organisation: Juridiskt namn          # i underskriften (annars namn)
    organisationsnummer: {normalize_orgnr(party.organisationsnummer) or party.organisationsnummer}
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
        if spec.type.ending
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
    purpose = "\n#     syfte: Överenskommelsens syfte." if spec.type.ending else ""
    return f"""\
# uppföljningar:                       # en uppföljning per år, var och en en egen rapport
#   - år: {spec.fran.year}
#     datum: ÅÅÅÅ-MM-DD{purpose}
#     parter:
{parties}
#     bedömning: Förvaltningens bedömning.
"""


DECISION_DRAFT = """\
# Nämndens beslut skrivs in efter sammanträdet, ur protokollet. Då görs
# protokollsutdraget, och de övriga handlingarna låses (skrivs aldrig om).
# beslut:
#   datum: ÅÅÅÅ-MM-DD                  # dagen nämnden beslutade
#   paragraf: 1                        # paragrafen (§) i protokollet
#   enligt_förslag: ja                 # nej: skriv beslutet under beslutstext
#   beslutstext:                       # bara när enligt_förslag är nej
#     - Nämnden beslutar …
#   justerat: ÅÅÅÅ-MM-DD               # dagen protokollet justerades
#   skickas_till:                      # utan den: beslutet_skickas_till
#     - Mottagare
#   sekreterare: Namn                  # den som intygar att utdraget är rätt
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
