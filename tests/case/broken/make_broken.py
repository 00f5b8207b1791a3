"""Write the broken case files in this folder: the shipped example with one mistake each.

The `warning-` files are not broken: they are built, with a warning.

Run `python tests/broken/make_broken.py` after changing the example or this
list, and commit the files it writes; tests/test_broken_cases.py says what
each file must be refused for. A file too large to commit (Y004) is made
by that test instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parents[2] / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"

RUBRIK = (
    "rubrik: Förlängning av ett idéburet offentligt partnerskap (IOP) med IOGT-NTO "
    "och Pingstförsamlingen"
)
JAMSTALLDHET = (
    "jämställdhet: |\n"
    "  Verksamheten erbjuder gemenskap och stöd till vuxna oavsett kön och ska\n"
    "  minska utanförskap för både kvinnor och män.\n\n"
)
MBL = (
    "mbl: |\n"
    "  Ärendet påverkar inte arbetsmiljön eller de anställdas villkor. MBL-förhandling\n"
    "  är inte påkallad.\n"
)
ECONOMY = "  nivå som under den nuvarande perioden."
SAMRAD = "samråd: |\n  Parterna är överens om överenskommelsens innehåll och mål.\n"
BESLUTSFORSLAG_ITEMS = (
    "  - Social- och omsorgsnämnden förlänger överenskommelsen om ett idéburet offentligt "
    "partnerskap med IOGT-NTO och Pingstförsamlingen enligt förvaltningens förslag, för tre år "
    "från och med 2024-01-01 till och med 2026-12-31.\n"
    "  - Social- och omsorgsdirektören får i uppdrag att underteckna överenskommelsen.\n"
)
SKICKAS_TILL = "beslutet_skickas_till:\n  - IOGT-NTO\n  - Pingstförsamlingen\n"
ALIAS_BOMB = (
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
    "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
)


def replace(old: str, new: str) -> Callable[[str], str]:
    """Return a change that replaces the one `old` in the example by `new`."""

    def change(text: str) -> str:
        if text.count(old) != 1:
            raise SystemExit(f"{old!r} occurs {text.count(old)} times in the example, not once")
        return text.replace(old, new)

    return change


def both(first: Callable[[str], str], second: Callable[[str], str]) -> Callable[[str], str]:
    """Return a change made of two edits that belong together."""
    return lambda text: second(first(text))


def append(tail: str) -> Callable[[str], str]:
    """Return a change that adds `tail` at the end of the example."""
    return lambda text: text + tail


# name -> the one change. Names start with the kind of mistake.
CHANGES: dict[str, Callable[[str], str]] = {
    # YAML syntax
    "syntax-bad-indentation": replace("        belopp: 205000", "         belopp: 205000"),
    "syntax-key-out-of-line": replace("beslutstyp: förlängning", " beslutstyp: förlängning"),
    "syntax-missing-colon": replace("  till: 2026-12-31", "  till 2026-12-31"),
    "syntax-unclosed-quote": replace(RUBRIK, RUBRIK.replace("rubrik: ", 'rubrik: "')),
    "syntax-tab-indentation": replace("  namn: John Fristedt", "\tnamn: John Fristedt"),
    "syntax-colon-in-value": replace("  namn: John Fristedt", "  namn: Handläggare: John"),
    "syntax-missing-space-after-colon": replace("rubrik: Förl", "rubrik:Förl"),
    "syntax-missing-space-after-colon-nested": replace(
        "  namn: John Fristedt", "  namn:John Fristedt"
    ),
    # types and values
    "type-text-as-amount": replace("årlig_ersättning: 339690", "årlig_ersättning: trehundratusen"),
    "type-amount-with-comma": replace("årlig_ersättning: 452948", "årlig_ersättning: 452,948"),
    "type-amount-leading-zero": replace("belopp: 205000", "belopp: 0205000"),
    "type-yes-as-amount": replace("summa_kostnader: 535000", "summa_kostnader: yes"),
    "type-no-as-amount": replace("differens: 0", "differens: no"),
    "type-negative-amount": replace("belopp: 330000", "belopp: -330000"),
    "type-impossible-date": replace("från: 2024-01-01", "från: 2024-02-30"),
    "type-date-wrong-format": replace("datum: 2023-08-30", "datum: 30/8 2023"),
    "type-date-in-words": replace("sammanträde: 2023-09-20", "sammanträde: 20 september 2023"),
    "type-text-where-list": replace(
        SKICKAS_TILL, "beslutet_skickas_till: IOGT-NTO och Pingstförsamlingen\n\n\n"
    ),
    "type-unknown-beslutstyp": replace("beslutstyp: förlängning", "beslutstyp: förnyelse"),
    # keys
    "key-typo-top-level": replace("rubrik: Förl", "rubriik: Förl"),
    "key-typo-nested": replace("summa_kostnader: 535000", "summa_kostnder: 535000"),
    "key-unknown-nested": replace("  längd: tre år\n", "  längd: tre år\n  förnyas: ja\n"),
    "key-duplicate-top-level": replace(
        "datum: 2023-08-30\n", "datum: 2023-08-30\ndatum: 2023-08-31\n"
    ),
    "key-duplicate-nested": replace(
        "  till: 2026-12-31\n", "  till: 2026-12-31\n  till: 2027-12-31\n"
    ),
    # sums
    "sum-party-total-wrong": replace("summa_kostnader: 535000", "summa_kostnader: 530000"),
    "sum-budget-row-changed": replace("belopp: 1190000", "belopp: 1910000"),
    "sum-total-compensation-wrong": replace("total_ersättning: 792638", "total_ersättning: 792683"),
    "sum-total-cost-wrong": replace("totalkostnad: 2755000", "totalkostnad: 2750000"),
    "sum-municipal-financing-wrong": replace(
        "kommunens_finansiering: 792638", "kommunens_finansiering: 800000"
    ),
    "sum-difference-not-zero": replace("differens: 0", "differens: 12"),
    "sum-own-financing-wrong": replace("egen_finansiering: 1962362", "egen_finansiering: 1926362"),
    # the period
    "period-end-before-start": replace("till: 2026-12-31", "till: 2023-12-31"),
    "period-notice-too-long": replace("uppsägningstid_månader: 6", "uppsägningstid_månader: 48"),
    "period-wrong-length-words": replace("längd: tre år", "längd: två år"),
    "period-not-whole-years": replace("till: 2026-12-31", "till: 2026-12-30"),
    # identifiers
    "orgnr-check-digit": replace("802506-5742", "802506-5743"),
    "orgnr-wrong-shape": replace("822000-3811", "822000-381"),
    "orgnr-third-digit": replace(
        "organisationsnummer: 822000-3811", "organisationsnummer: 811000-3811"
    ),
    "orgnr-override-check-digit": append("\norganisation:\n  organisationsnummer: 212000-0448\n"),
    "pnr-in-arende": replace(
        "  ensamhet eller isolering.", "  ensamhet eller isolering, som 121212-1212."
    ),
    "pnr-with-century-in-ansvarsomraden": replace(
        "  ohälsa, beroende eller ensamhet hittar in",
        "  ohälsa, beroende (19121212-1212) eller ensamhet hittar in",
    ),
    "pnr-samordningsnummer": replace(
        "    har under perioden träffats", "    har under perioden (701063-2391) träffats"
    ),
    "pnr-with-plus": replace(
        "  - Social- och omsorgsdirektören får",
        "  - Social- och omsorgsdirektören (121212+1212) får",
    ),
    "pnr-without-separator-in-rubrik": replace(
        "rubrik: Förlängning av", "rubrik: Förlängning för 1212121212 av"
    ),
    "diarienummer-wrong-pattern": replace(
        "diarienummer: SON 2019-1251", "diarienummer: SON-2019-1251"
    ),
    # texts that contradict the data
    "text-decision-point-stale-period": both(
        both(
            replace("  från: 2024-01-01", "  från: 2025-01-01"),
            replace("  till: 2026-12-31", "  till: 2027-12-31"),
        ),
        replace("  - år: 2024", "  - år: 2025"),
    ),
    "text-decision-point-stale-date": replace(
        "  - Social- och omsorgsdirektören får i uppdrag att underteckna överenskommelsen.",
        "  - Social- och omsorgsdirektören får i uppdrag att underteckna överenskommelsen, "
        "som gäller från och med 2023-01-01.",
    ),
    "text-period-stale-in-background": replace(
        "löper ut vid årsskiftet 2023/2024.", "gäller 2023-01-01 – 2025-12-31."
    ),
    "text-amount-implausible-unit": replace(
        "  nivå som under den nuvarande perioden.", "  nivå, 1 850 000 mnkr/år."
    ),
    "text-amount-implausible-dotted": replace(ECONOMY, "  nivå, 1.850.000 mnkr/år."),
    "text-placeholder-unknown": replace(
        "för tre år från och med 2024-01-01 till och med 2026-12-31.", "för {längd} {perioden}."
    ),
    # unfinished: built only as a draft
    "draft-text-left-to-write": replace(
        SAMRAD, "samråd: |\n  SKRIV: vilka som har fått tycka till.\n"
    ),
    # mandatory statements
    "statement-jamstalldhet-removed": replace(JAMSTALLDHET, ""),
    "statement-mbl-empty": replace(MBL, "mbl: ''\n\n\n"),
    "statement-mbl-no-value": replace(MBL, "mbl:\n\n\n"),
    "statement-samrad-only-spaces": replace(SAMRAD, 'samråd: "   "\n\n'),
    "statement-beslutsforslag-empty-list": replace(
        "beslutsförslag:\n" + BESLUTSFORSLAG_ITEMS, "beslutsförslag: []\n\n\n"
    ),
    # hostile YAML
    "hostile-alias-bomb": append("\n" + ALIAS_BOMB),
    "hostile-anchor-and-alias": both(
        replace("  namn: John Fristedt", "  namn: &handlaggaren John Fristedt"),
        replace("      - namn: Carin Hansson", "      - namn: *handlaggaren"),
    ),
    "hostile-python-tag": replace(RUBRIK, "rubrik: !!python/object/apply:os.system ['echo hej']"),
    "hostile-deeply-nested": append("\ndjup: " + "[" * 60 + "]" * 60 + "\n"),
    "hostile-second-document": append("---\ndiarienummer: SON 2019-1252\n"),
    "hostile-top-level-list": lambda text: "- " + text.replace("\n", "\n  "),
    # characters and encodings
    "chars-control-character": replace("rubrik: Förlängning", "rubrik: För\x07längning"),
    "chars-vertical-tab": replace("  namn: John Fristedt", "  namn: John\x0bFristedt"),
    # not mistakes but doubts: built, with a warning
    "warning-decision-after-start": replace("sammanträde: 2023-09-20", "sammanträde: 2024-01-17"),
    "warning-party-name-misspelt": replace("**IOGT-NTO** driver", "**IGT-NTO** driver"),
    "warning-value-year-stale": replace("  värdeår: 2023", "  värdeår: 2021"),
    "warning-amount-in-text-matches-nothing": replace(
        "  nivå som under den nuvarande perioden.", "  nivå, 450 000 kr per år."
    ),
    # the same, in each other form municipal papers write amounts in
    "warning-amount-colon-dash": replace(ECONOMY, "  nivå, 450 000:- per år."),
    "warning-amount-dot-thousands": replace(ECONOMY, "  nivå, 450.000 kr per år."),
    "warning-amount-sek": replace(
        "löper ut vid årsskiftet 2023/2024.",
        "löper ut vid årsskiftet 2023/2024, med 450 000 SEK per år.",
    ),
    "warning-amount-tkr": replace(
        "  - Social- och omsorgsdirektören får i uppdrag att underteckna överenskommelsen.",
        "  - Social- och omsorgsdirektören får i uppdrag att underteckna överenskommelsen "
        "om 450 tkr per år.",
    ),
    "warning-amount-mnkr": replace(ECONOMY, "  nivå, 0,55 mnkr per år."),
    "warning-amount-no-break-spaces": replace(ECONOMY, "  nivå, 450\u00a0000\u202fkronor per år."),
}

# Files that are not UTF-8: the example re-encoded.
ENCODINGS = {
    "chars-windows-1252": "cp1252",
    "chars-utf-16": "utf-16",
}


def main() -> int:
    """Write every broken file next to this script; remove stale ones."""
    example = EXAMPLE.read_text(encoding="utf-8")
    # The editor's schema line, pointing from this folder instead of cases/.
    example = example.replace("$schema=../", "$schema=../../../", 1)
    wanted = {}
    for name, change in CHANGES.items():
        wanted[f"{name}.yaml"] = change(example).encode("utf-8")
    for name, encoding in ENCODINGS.items():
        wanted[f"{name}.yaml"] = example.encode(encoding)
    for old in HERE.glob("*.yaml"):
        if old.name not in wanted:
            old.unlink()
    for name, data in wanted.items():
        (HERE / name).write_bytes(data)
    print(f"{len(wanted)} filer i {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
