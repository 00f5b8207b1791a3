"""Every problem code iopdocs reports: its level, its Swedish title, where the docs explain it.

The one registry of codes. A Problem (or an accessibility Finding) carries
one of them; README's table "Felkoder" is made from this list
(`tools/write_code_table.py`), and the tests fail when a code is used
without being listed here, listed without being used, or when README
differs from the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["fel", "varning", "språk"]


@dataclass(frozen=True)
class Code:
    """One problem code: `fel` stops the case (or fails the check), `varning` is shown.

    `språk` is a remark on the language of a text (`iopdocs sprak`, `validate`):
    shown beside the others, it never stops a case.
    """

    code: str
    level: Level
    title: str
    section: str
    """The page and heading that explain it: `docs/arendefil.md#summor`."""


YAML = "docs/arendefil.md#så-skriver-du-filen"
KEYS = "docs/arendefil.md#nycklar-på-översta-nivån"
PARTIES = "docs/arendefil.md#parter"
PERIOD = "docs/arendefil.md#period"
SUMS = "docs/arendefil.md#summor"
ENDING = "docs/arendefil.md#avslut"
GOALS = "docs/arendefil.md#kommunala_mål"
ATTACHMENTS = "docs/arendefil.md#bilagor"
MEETING = "docs/arendefil.md#sammanträdesfilen"
EXCEPTIONS = "docs/arendefil.md#undantag"
OPI = "docs/arendefil.md#uppräkning-med-opi"
MARKUP = "docs/arendefil.md#textformat"
CASEFILE = "docs/arendefil.md#ärendefilen"
DECISION = "docs/arendefil.md#beslut"
SEALED = "docs/arendefil.md#låsta-handlingar"
DATED = "docs/arendefil.md#inställningar-som-ändras-med-tiden"
ARCHIVE = "README.md#arkivpaket"
TEXTS = "docs/arendefil.md#datum-och-belopp-i-texterna"
DRAFTS = "README.md#utkast"
PLACEHOLDERS = "docs/arendefil.md#platshållare"
PDF = "README.md#publicera-som-pdf"
SPELLING = "docs/sprak.md#stavning"
READABILITY = "docs/sprak.md#läsbarhet"
PLAIN = "docs/sprak.md#krångliga-ord"
HINTS = "docs/sprak.md#passiv-form-och-substantivkedjor"
SAME = "docs/sprak.md#samma-sak-på-samma-sätt"
TEMPLATES = "README.md#egna-mallar"

CODES: tuple[Code, ...] = (
    # Reading the file (case/load.py, case/yamlproblems.py)
    Code("Y001", "fel", "YAML-syntax: indrag, kolon, citattecken, tabbtecken", YAML),
    Code("Y002", "fel", "samma nyckel finns två gånger", YAML),
    Code("Y003", "fel", "ankare (&) och hänvisningar (*) är inte tillåtna", YAML),
    Code("Y004", "fel", "filen är för stor (högst 2 MB)", YAML),
    Code("Y005", "fel", "filen är inte sparad som UTF-8", YAML),
    Code(
        "Y006",
        "fel",
        "otillåtet tecken (osynliga styrtecken, som Word inte kan lagra; tecken för "
        "skrivriktning; BOM mitt i filen)",
        YAML,
    ),
    Code("Y007", "fel", "filen är tom eller börjar inte med 'nyckel: värde'", YAML),
    Code("Y008", "fel", "en nyckel är tom eller inte en text", YAML),
    Code("Y009", "fel", "typmarkeringar (!!…) är inte tillåtna", YAML),
    Code("Y010", "fel", "ett andra dokument i filen (efter '---' eller '...')", YAML),
    Code("Y011", "fel", "filen är nästlad i för många nivåer", YAML),
    Code("Y012", "fel", "filen kan inte läsas (finns inte, är en mapp, saknar behörighet)", YAML),
    Code("Y013", "fel", "en lista eller ett avsnitt har fler än 1 000 delar", YAML),
    # The schema (case/validate.py)
    Code("S001", "fel", "en obligatorisk nyckel saknas", KEYS),
    Code("S002", "fel", 'okänd nyckel (med förslag "menade du …?")', KEYS),
    Code(
        "S003",
        "fel",
        "fel typ eller värde (datum, belopp, lista, tillåtna värden) eller tom text; "
        "skriv 'ej aktuellt' om inget gäller",
        KEYS,
    ),
    # The domain rules (case/rules/)
    Code("D001", "fel", "en angiven summa stämmer inte med den uträknade", SUMS),
    Code("D002", "fel", "finansieringen går inte ihop (differensen är inte 0)", SUMS),
    Code("P001", "fel", "periodens slut ligger före starten", PERIOD),
    Code("P002", "fel", "uppsägningstiden är längre än perioden", PERIOD),
    Code(
        "P003",
        "varning",
        "nämnden beslutar efter att överenskommelsen har börjat gälla (sammanträdet, annars "
        "tjänsteskrivelsens datum, ligger efter periodens start; gäller inte avslut)",
        PERIOD,
    ),
    Code("P004", "fel", "angiven periodlängd stämmer inte med datumen", PERIOD),
    Code(
        "P005",
        "varning",
        "ett avslut i förtid kommer tidigare än uppsägningstiden räknad från beslutet "
        "tillåter (gäller inte ett avslut på periodens sista dag)",
        ENDING,
    ),
    Code(
        "P006",
        "varning",
        "nämnden beslutar att inte förlänga först efter att överenskommelsen har löpt ut",
        ENDING,
    ),
    Code(
        "I001",
        "fel",
        "ett organisationsnummer (en parts, eller kommunens under `organisation:`) har fel "
        "form eller kontrollsiffra",
        PARTIES,
    ),
    Code(
        "I002",
        "fel",
        "ett personnummer eller samordningsnummer står i en text; det får inte stå i en "
        "allmän handling som publiceras (OSL 26 kap. 1 §). Ta bort det, eller lägg in ett "
        "granskat undantag under `undantag.personnummer`",
        EXCEPTIONS,
    ),
    Code("I003", "fel", "diarienumret följer inte kommunens mönster", KEYS),
    Code(
        "X001",
        "fel",
        "en text innehåller tecken som ett Word-dokument inte kan lagra (styrtecken, även "
        'skrivna som `"\\a"`) eller tecken för skrivriktning (även skrivna som `"\\u202e"`)',
        MARKUP,
    ),
    Code(
        "W001",
        "varning",
        'en text är inte färdigskriven ("SKRIV: …" från `iopdocs new`) eller en årlig '
        "ersättning är 0 kr",
        CASEFILE,
    ),
    Code(
        "W002",
        "varning",
        "OPI-satsen saknas för ett år som ersättningen ska räknas upp med; uppräkningen visas inte",
        OPI,
    ),
    Code(
        "N001",
        "varning",
        'en parts namn är stavat på ett annat sätt någonstans i texterna ("IGT-NTO" för '
        '"IOGT-NTO")',
        PARTIES,
    ),
    Code("B001", "fel", "beslutet ligger före tjänsteskrivelsens datum", DECISION),
    Code("B002", "varning", "beslutets datum är inte sammanträdets", DECISION),
    Code("B003", "fel", "protokollet är justerat före beslutet", DECISION),
    Code(
        "B004",
        "fel",
        "beslutstext saknas fast nämnden inte beslutade enligt förslaget, eller står där "
        "fast den gjorde det",
        DECISION,
    ),
    Code("B005", "varning", "protokollets justeringsdag saknas i beslutet", DECISION),
    Code(
        "H001",
        "varning",
        "en bilaga eller handling har ingen fil och skickas inte med till sammanträdet "
        '("(bifogas inte)" i föredragningslistan)',
        ATTACHMENTS,
    ),
    Code(
        "H002",
        "fel",
        "en bilagas eller handlings fil finns inte, är en mapp eller är inte en PDF eller ett "
        "Word-dokument (.docx)",
        ATTACHMENTS,
    ),
    Code(
        "O001",
        "fel",
        "ett mål under `kommunala_mål.mål` finns inte bland kommunens mål i inställningarna "
        '(med förslag "menade du …?")',
        GOALS,
    ),
    Code(
        "G001",
        "varning",
        "ärendet är äldre än alla daterade värden av en inställning; det äldsta används",
        DATED,
    ),
    # Sealed records of decided cases (build/sealing.py)
    Code(
        "L001",
        "fel",
        "ett låst dokument i ett beslutat ärende saknas eller har ändrats; det görs inte om",
        SEALED,
    ),
    Code(
        "L002",
        "fel",
        "ärendets handlingar är låsta men ärendefilen saknar `beslut:`; inget byggs",
        SEALED,
    ),
    Code(
        "L003",
        "fel",
        "ett beslutat ärende har fått en ny handling efter beslutet; den görs inte",
        SEALED,
    ),
    Code(
        "L004",
        "fel",
        "en beslutad handlings .docx saknas men dess PDF finns; .docx görs inte om",
        SEALED,
    ),
    Code(
        "L005",
        "fel",
        "beslutet har redan låsta handlingar i en annan ärendemapp (ärendefilen bytt namn); "
        "inget byggs",
        SEALED,
    ),
    # The language of the texts (case/language.py)
    Code("K001", "språk", "ett ord finns inte i ordlistan (med förslag på rättning)", SPELLING),
    Code(
        "K002",
        "språk",
        "en mening har fler ord än meningslängden (utan inställning 25)",
        READABILITY,
    ),
    Code(
        "K003",
        "språk",
        "ett avsnitts läsbarhetsindex (LIX) är över målet (utan inställning 50)",
        READABILITY,
    ),
    Code("K004", "språk", "ett krångligt ord eller uttryck, med ett enklare förslag", PLAIN),
    Code("K005", "språk", "tips: passiv form i många av ett avsnitts meningar", HINTS),
    Code("K006", "språk", "tips: en kedja av substantiv som kan skrivas med verb", HINTS),
    Code(
        "K007",
        "språk",
        "samma sak skrivs på olika sätt ('IOP´n' för 'IOP:n', nämndens namn utan bindestreck)",
        SAME,
    ),
    Code("K008", "språk", "ordlistan ordlista.txt kan inte läsas", SPELLING),
    # Templates (word/render.py, word/sandbox.py)
    Code(
        "M001",
        "fel",
        "en mall kan inte läsas, kompileras eller fyllas i, eller stoppas av gränserna för "
        "tid, storlek och tal; ärendet byggs inte, de andra byggs",
        TEMPLATES,
    ),
    # The meeting file and a meeting's papers (case/agenda.py, build/meeting.py)
    Code(
        "E001",
        "fel",
        "sammanträdesfilen nämner ett diarienummer som inget ärende med det sammanträdet har "
        '(med förslag "menade du …?")',
        MEETING,
    ),
    Code(
        "E002",
        "varning",
        "ett ärende har sammanträdet men står inte i sammanträdesfilen; det läggs sist",
        MEETING,
    ),
    Code(
        "E003",
        "fel",
        "en del av sammanträdets handlingar saknas (ett ärende är inte klart, en fil finns inte "
        "eller kan inte läsas); inget skrivs utan --ofullstandig",
        MEETING,
    ),
    # Archive packages (archive/collect.py)
    Code("A001", "fel", "ärendet är inte beslutat och arkiveras inte", ARCHIVE),
    Code("A002", "fel", "en handling blev ingen PDF/A till arkivpaketet", ARCHIVE),
    Code(
        "A003",
        "fel",
        "ärendefilen har ändrats utanför `beslut:` sedan handlingarna låstes; inget paket",
        ARCHIVE,
    ),
    Code(
        "R001",
        "fel",
        "ett datum i ett beslutsförslag är inget av ärendets datum (till exempel periodens "
        "gamla start); rätt datum föreslås",
        TEXTS,
    ),
    Code(
        "R002",
        "fel",
        "en period som står i en text liknar ärendets period men stämmer inte med den",
        TEXTS,
    ),
    Code(
        "R003",
        "varning",
        "värdeåret passar inte perioden (det ska vara året före starten eller startåret)",
        TEXTS,
    ),
    Code(
        "R004",
        "varning",
        "ett belopp i en text är inget av ärendets belopp; rätta det eller lägg in ett "
        "granskat undantag under `undantag.belopp`",
        TEXTS,
    ),
    Code(
        "R005",
        "fel",
        'ett belopp i en text har en orimlig enhet (över 1 000 mnkr, som "1 850 000 mnkr")',
        TEXTS,
    ),
    Code(
        "R006",
        "fel",
        "en platshållare som `{perioden}` finns inte, eller gäller inte beslutstypen",
        PLACEHOLDERS,
    ),
    # Building (build/cases.py)
    Code(
        "U001",
        "fel",
        "ärendet är inte färdigt (W001) och byggs inte; `build --utkast` gör utkast märkta UTKAST",
        DRAFTS,
    ),
    # Publishing (build/publishing.py)
    Code(
        "F001",
        "fel",
        "ett dokument blev ingen PDF (LibreOffice misslyckades eller hängde sig)",
        PDF,
    ),
    Code("F002", "fel", "en PDF saknas efter konverteringen", PDF),
    Code(
        "F003",
        "fel",
        "en PDF kunde inte skrivas (disken full, skrivskyddad mapp, behörighet); de andra görs",
        PDF,
    ),
    # Accessibility of .docx and PDF (publish/accessibility.py)
    Code("T001", "fel", "en rubriknivå hoppas över", PDF),
    Code("T002", "fel", "dokumentets språk saknas eller är fel i formatmallarna", PDF),
    Code("T003", "fel", "dokumentet saknar titel i egenskaperna", PDF),
    Code("T004", "fel", "tabellens första rad är inte markerad som rubrikrad", PDF),
    Code("T005", "fel", "tabellen har sammanslagna celler", PDF),
    Code("T006", "fel", "ett tomt stycke används som mellanrum", PDF),
    Code("T007", "fel", "en bild saknar alternativtext", PDF),
    Code("T008", "fel", "en lista är skriven med tecken i stället för som riktig lista", PDF),
    Code("T009", "fel", "filen kan inte läsas som Word-dokument eller PDF", PDF),
    Code("T101", "fel", "PDF:en är inte taggad", PDF),
    Code("T102", "fel", "PDF:en saknar språk eller har fel språk", PDF),
    Code("T103", "fel", "PDF:en saknar titel", PDF),
    Code("T104", "fel", "PDF-läsaren visar filnamnet i stället för titeln", PDF),
    Code("T105", "fel", "PDF:en har rubriker men inga bokmärken", PDF),
    Code("T106", "fel", "en sidas innehåll är inte taggat", PDF),
)

BY_CODE: dict[str, Code] = {entry.code: entry for entry in CODES}


def markdown_table() -> str:
    """Return README's table of codes: code, what it means, level, where to read more."""
    lines = ["| kod | vad | nivå | läs mer |", "| --- | --- | --- | --- |"]
    for entry in CODES:
        page = entry.section.partition("#")[0].rsplit("/", 1)[-1]
        link = f"[{page}]({entry.section})"
        lines.append(f"| {entry.code} | {entry.title} | {entry.level} | {link} |")
    return "\n".join(lines) + "\n"
