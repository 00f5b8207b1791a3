"""Each domain rule, on the shipped example with one thing changed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from iopdocs.case import rules as checks
from iopdocs.case.load import load_yaml, load_yaml_text
from iopdocs.case.model import Case
from iopdocs.case.rules.checker import MOST_PER_TEXT
from iopdocs.case.settings import Settings, merge_settings
from iopdocs.case.validate import to_model
from iopdocs.errors import CaseError, Problem
from iopdocs.swedish import identifiers, names

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_FILE = ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"
EXAMPLE = EXAMPLE_FILE.read_text(encoding="utf-8")
SETTINGS = to_model(load_yaml(ROOT / "iopdocs.yaml"), Settings)
TOLVAN = "19121212-1212"  # Skatteverket's test personnummer


def check(text: str) -> list[Problem]:
    """Return the domain problems of a case given as text."""
    loaded = load_yaml_text(text, "fall.yaml")
    case = to_model(loaded, Case)
    settings = merge_settings(SETTINGS, case.organisation)
    _, problems = checks.derive_and_check(loaded, case, settings, source=text)
    return problems


def changed(old: str, new: str, text: str = EXAMPLE) -> str:
    """Return the example with the first `old` replaced by `new`."""
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    """Return the number of the first line holding `needle`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def only(problems: list[Problem], code: str) -> Problem:
    """Return the one problem with `code`, failing if there are none or several."""
    [problem] = [p for p in problems if p.code == code]
    return problem


# Warnings an example shows on purpose: an attachment listed without a file.
INTENDED = {"iop-avslut-sion-iogt-nto-2020": [("H001", "bilagor[1]")]}


@pytest.mark.parametrize("file", sorted((ROOT / "cases").glob("*.yaml")), ids=lambda p: p.stem)
def test_shipped_examples_have_no_problems(file: Path):
    loaded = load_yaml(file)
    case = to_model(loaded, Case)
    _, problems = checks.derive_and_check(loaded, case, merge_settings(SETTINGS, case.organisation))
    assert [(p.code, p.field) for p in problems] == INTENDED.get(file.stem, [])
    assert all(p.severity == "varning" for p in problems)


# --- sums ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("summa_kostnader: 535000", "summa_kostnader: 535001", "parter[0].summa_kostnader"),
        ("summa_kostnader: 2220000", "summa_kostnader: 2200000", "parter[1].summa_kostnader"),
        ("total_ersättning: 792638", "total_ersättning: 792683", "summor.total_ersättning"),
        ("totalkostnad: 2755000", "totalkostnad: 2750000", "summor.totalkostnad"),
        (
            "kommunens_finansiering: 792638",
            "kommunens_finansiering: 800000",
            "summor.kommunens_finansiering",
        ),
        ("differens: 0", "differens: 5", "summor.differens"),
    ],
)
def test_a_wrong_stated_sum_is_d001_at_its_line(old, new, field):
    text = changed(old, new)
    problem = only(check(text), "D001")
    assert (problem.field, problem.line) == (field, line_of(text, new))
    assert "Rätta siffran" in problem.message


def test_own_financing_that_does_not_add_up_is_d002_alone():
    text = changed("egen_finansiering: 1962362", "egen_finansiering: 1962000")
    problems = check(text)
    problem = only(problems, "D002")
    assert (problem.field, problem.line) == ("summor.egen_finansiering", line_of(text, "1962000"))
    assert "362\u00a0kr" in problem.message and "differensen blir 0" in problem.message
    assert [p.code for p in problems] == ["D002"]  # the stated "differens: 0" is not repeated


# --- the period ----------------------------------------------------------------


def test_period_ending_before_it_starts_is_p001_and_other_rules_still_run():
    text = changed("till: 2026-12-31", "till: 2023-12-31")
    text = changed("totalkostnad: 2755000", "totalkostnad: 1", text)
    problems = check(text)
    problem = only(problems, "P001")
    assert (problem.field, problem.line) == ("period.till", line_of(text, "till: 2023-12-31"))
    assert "före starten" in problem.message
    assert {p.code for p in problems} == {"P001", "D001"}


def test_notice_longer_than_the_period_is_p002():
    text = changed("uppsägningstid_månader: 6", "uppsägningstid_månader: 37")
    problem = only(check(text), "P002")
    assert problem.field == "period.uppsägningstid_månader"
    assert "37 månader" in problem.message and "tre år" in problem.message


def test_notice_as_long_as_a_short_period_is_fine_even_over_february():
    text = changed("till: 2026-12-31", "till: 2024-02-29")
    text = changed("uppsägningstid_månader: 6", "uppsägningstid_månader: 2", text)
    text = changed("längd: tre år", "längd: två månader", text)
    text = changed(
        "för tre år från och med 2024-01-01 till och med 2026-12-31", "för {längd} {period}", text
    )
    assert [p.code for p in check(text)] == []


@pytest.mark.parametrize(("stated", "code"), [("två år", "P004"), ("Tre  år", None)])
def test_stated_length_must_match_the_dates(stated, code):
    text = changed("längd: tre år", f"längd: {stated}")
    problems = check(text)
    if code is None:
        assert problems == []
    else:
        problem = only(problems, code)
        assert problem.field == "period.längd" and "'tre år'" in problem.message


def test_decision_after_the_start_is_a_p003_warning_at_the_meeting_date():
    text = changed("sammanträde: 2023-09-20", "sammanträde: 2024-01-17")
    problem = only(check(text), "P003")
    assert (problem.severity, problem.field) == ("varning", "sammanträde")
    assert problem.line == line_of(text, "sammanträde:")
    assert "2024-01-01" in problem.message


def test_without_a_meeting_date_the_memo_date_is_the_decision_date():
    text = changed("sammanträde: 2023-09-20\n", "")
    assert check(text) == []
    text = changed("datum: 2023-08-30", "datum: 2024-02-01", text)
    problem = only(check(text), "P003")
    assert (problem.severity, problem.field) == ("varning", "datum")


def test_an_ending_is_decided_while_the_agreement_runs():
    text = changed("beslutstyp: förlängning", "beslutstyp: avslut")
    text = changed("sammanträde: 2023-09-20", "sammanträde: 2025-03-19", text)
    text += "\navslut:\n  datum: 2025-12-31\n  skäl: Verksamheten upphör.\n"
    assert check(text) == []


def ending(day: str, meeting: str) -> str:
    """Return the example turned into an ending on `day`, decided at `meeting`."""
    text = changed("beslutstyp: förlängning", "beslutstyp: avslut")
    text = changed("sammanträde: 2023-09-20", f"sammanträde: {meeting}", text)
    return text + f"\navslut:\n  datum: {day}\n  skäl: Verksamheten upphör.\n"


def test_an_early_ending_within_the_notice_period_is_a_p005_warning():
    problem = only(check(ending("2025-06-30", "2025-03-19")), "P005")
    assert (problem.severity, problem.field) == ("varning", "avslut.datum")
    assert "tidigast 2025-09-18" in problem.message


def test_an_ending_at_the_period_end_needs_no_notice():
    assert check(ending("2026-12-31", "2026-11-18")) == []


def test_not_renewing_after_the_period_has_run_out_is_a_p006_warning():
    text = ending("2026-12-31", "2027-01-20")
    problems = check(text)
    problem = only(problems, "P006")
    assert (problem.severity, problem.line) == ("varning", line_of(text, "datum: 2026-12-31"))
    assert "efter att överenskommelsen har löpt ut (2026-12-31)" in problem.message
    assert "P005" not in {p.code for p in problems}


# --- identifiers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "words"),
    [("802506-5743", "Kontrollsiffran"), ("80250-65742", "NNNNNN-NNNN"), ("801506-5742", "Tredje")],
)
def test_a_bad_party_orgnr_is_i001(number, words):
    text = changed("organisationsnummer: 802506-5742", f"organisationsnummer: {number}")
    problem = only(check(text), "I001")
    assert problem.field == "parter[0].organisationsnummer" and words in problem.message


def test_an_overridden_municipal_orgnr_is_checked_at_the_override():
    text = EXAMPLE + "\norganisation:\n  organisationsnummer: 212000-0448\n"
    problem = only(check(text), "I001")
    assert (problem.field, problem.line) == (
        "organisation.organisationsnummer",
        len(text.splitlines()),
    )
    assert check(EXAMPLE + "\norganisation:\n  organisationsnummer: 212000-0449\n") == []


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("121212-1212", "personnummer"),
        ("121212+1212", "personnummer"),
        ("1212121212", "personnummer"),
        (TOLVAN, "personnummer"),
        ("191212121212", "personnummer"),
        ("701063-2391", "samordningsnummer"),
    ],
)
def test_a_personal_number_in_a_block_text_is_i002_at_the_number(number, kind):
    text = changed("  deltagarna att bygga", f"  deltagarna ({number}) att bygga")
    problem = only(check(text), "I002")
    line = line_of(text, number)
    column = text.splitlines()[line - 1].index(number) + 1
    assert (problem.field, problem.line, problem.column) == ("ärende", line, column)
    assert kind in problem.message and "OSL 26 kap. 1 §" in problem.message
    assert "allmän handling som publiceras" in problem.message
    assert number not in problem.message and "XXXX" in problem.message  # logs keep no number


def test_i002_finds_each_occurrence_in_plain_quoted_and_list_texts():
    text = changed("rubrik: Förlängning av", f"rubrik: {TOLVAN} Förlängning av")
    text = changed("  - Social- och omsorgsdirektören", f'  - "{TOLVAN} och {TOLVAN}"\n  - S', text)
    problems = [p for p in check(text) if p.code == "I002"]
    places = [(p.field, p.line, p.column) for p in problems]
    memo_line = line_of(text, f'"{TOLVAN}')
    assert places == [
        ("rubrik", line_of(text, "rubrik:"), 9),
        ("beslutsförslag[1]", memo_line, 6),
        ("beslutsförslag[1]", memo_line, 24),
    ]


def test_a_reviewed_exception_allows_the_number_in_any_spelling():
    text = changed("  deltagarna att bygga", "  deltagarna (121212-1212) att bygga")
    exception = (
        "\nundantag:\n  personnummer:\n"
        f"    - nummer: '{TOLVAN}'\n"
        "      motivering: Den enskilde har själv begärt att numret står med.\n"
        "      granskad_av: Jurist Juridiska enheten\n"
    )
    assert check(text + exception) == []
    other = exception.replace(TOLVAN, "701063-2391")
    assert [p.code for p in check(text + other)] == ["I002"]


def test_numbers_that_are_not_personal_numbers_are_left_alone():
    text = changed(
        "  deltagarna att bygga",
        "  deltagarna (SON 2019-1251, 2023-08-30, 802506-5742, 212000-0449, 792638 kr, "
        "1962362 kr, 20240101-20261231) att bygga",
    )
    assert check(text) == []


def test_diarienummer_off_the_pattern_is_i003():
    text = changed("diarienummer: SON 2019-1251", "diarienummer: SN 2019-1251")
    problem = only(check(text), "I003")
    assert (problem.field, problem.line) == ("diarienummer", line_of(text, "SN 2019"))
    assert "(som SON 2024-0873)" in problem.message  # an example from the settings
    assert "\\d" not in problem.message  # never the regular expression


def test_without_an_example_i003_points_to_the_setting_not_the_regex():
    text = changed("diarienummer: SON 2019-1251", "diarienummer: SN 2019-1251")
    text += "\norganisation:\n  diarienummer_mönster: 'SN \\d{4}-\\d{5}'\n"
    problem = only(check(text), "I003")  # the settings' example does not fit this pattern
    assert "(se diarienummer_mönster i iopdocs.yaml)" in problem.message
    assert "\\d" not in problem.message


def test_an_example_diarienummer_that_its_own_pattern_refuses_is_an_error_in_the_settings():
    from iopdocs.case.load import load_yaml_text as load

    text = (ROOT / "iopdocs.yaml").read_text(encoding="utf-8")
    text = text.replace("diarienummer_exempel: SON 2024-0873", "diarienummer_exempel: SON-2024")
    with pytest.raises(CaseError) as info:
        to_model(load(text, "iopdocs.yaml"), Settings)
    [problem] = info.value.problems
    assert problem.field == "diarienummer_exempel" and "följer inte" in problem.message


def test_an_overridden_pattern_that_is_no_regex_is_i003():
    text = EXAMPLE + "\norganisation:\n  diarienummer_mönster: 'SON (\\d'\n"
    problem = only(check(text), "I003")
    assert problem.field == "organisation.diarienummer_mönster"


# --- texts ---------------------------------------------------------------------


MBL = (
    "mbl: |\n  Ärendet påverkar inte arbetsmiljön eller de anställdas villkor. MBL-förhandling\n"
    "  är inte påkallad.\n"
)


@pytest.mark.parametrize("blank", ['""', '"   "', "' '", '"\\t"', "|\n", ">\n\n"])
def test_an_empty_statement_names_the_field_and_suggests_ej_aktuellt(blank):
    text = changed(MBL, f"mbl: {blank}\n")
    with pytest.raises(CaseError) as info:
        check(text)
    [problem] = info.value.problems
    assert (problem.code, problem.field, problem.line) == ("S003", "mbl", line_of(text, "mbl:"))
    assert "'ej aktuellt'" in problem.message


def test_ej_aktuellt_is_an_accepted_statement():
    assert check(changed(MBL, "mbl: Ej aktuellt.\n")) == []


@pytest.mark.parametrize(
    ("old", "new", "name"),
    [
        ("**IOGT-NTO** driver", "**IGT-NTO** driver", "IOGT-NTO"),
        ("**IOGT-NTO** driver", "**IOGT- NTO** driver", "IOGT-NTO"),
        ("  - IOGT-NTO\n", "  - IOGT NTO\n", "IOGT-NTO"),
        ("**Pingstförsamlingen** driver", "**Pingstförsamligen** driver", "Pingstförsamlingen"),
        ("**Pingstförsamlingen** driver", "**Pingst församlingen** driver", "Pingstförsamlingen"),
    ],
)
def test_a_misspelt_party_name_is_an_n001_warning_at_the_variant(old, new, name):
    text = changed(old, new)
    problem = only(check(text), "N001")
    variant = new.strip(" -*\n").removesuffix("** driver")
    line = line_of(text, variant)
    column = text.splitlines()[line - 1].index(variant) + 1
    assert (problem.severity, problem.line, problem.column) == ("varning", line, column)
    assert f"'{variant}'" in problem.message and f"Skriv '{name}'" in problem.message


@pytest.mark.parametrize(
    "spelling",
    [
        "Pingstförsamlingens",
        "pingstförsamlingen",
        "PINGSTFÖRSAMLINGEN",
        "församlingen",
        "Pingstkyrkan",
    ],
)
def test_the_name_in_other_cases_inflections_and_short_forms_is_no_variant(spelling):
    text = changed("**Pingstförsamlingen** driver", f"**{spelling}** driver")
    assert check(text) == []


THREE = (ROOT / "cases" / "iop-ny-tre-parter-2025-2027.yaml").read_text(encoding="utf-8")
THREE_OLD = "Kvinnojouren Fyrljuset och Stångåmissionen möter många kvinnor som har\n    lämnat en våldsam partner. Kvarnbackens IK har"


@pytest.mark.parametrize(
    ("new", "variants"),
    [
        ("Kvinnojouren Fyrljust och Stångamissionen", ["Kvinnojouren Fyrljust", "Stångamissionen"]),
        (
            "Kvinnojouren Fyr ljuset och Stångå missionen",
            ["Kvinnojouren Fyr ljuset", "Stångå missionen"],
        ),
        ("Kvarnbacken IK", ["Kvarnbacken IK"]),
        ("KvarnbackensIK", ["KvarnbackensIK"]),
        ("Kvarnbackens", []),
        ("Kvarnbacken", []),
        ("Kvinnojourens och Kvarnbackens IK:s", []),
    ],
)
def test_names_of_several_words_are_compared_word_by_word(new, variants):
    old = "Kvarnbackens IK" if "Kvarnback" in new else "Kvinnojouren Fyrljuset och Stångåmissionen"
    text = changed(THREE_OLD, THREE_OLD.replace(old, new), THREE)
    found = [p.message.split("'")[1] for p in check(text) if p.code == "N001"]
    assert found == variants


def test_another_partys_similar_name_is_no_variant():
    text = changed("  - namn: Pingstförsamlingen", "  - namn: IOGT-NTU")
    text = text.replace("**Pingstförsamlingen**", "**IOGT-NTU**").replace(
        "  - Pingstförsamlingen\n", "  - IOGT-NTU\n"
    )
    text = text.replace("    Pingstförsamlingen är en stor", "    IOGT-NTU är en stor")
    text = text.replace("IOGT-NTO och Pingstförsamlingen", "IOGT-NTO och IOGT-NTU")
    text = text.replace("      Pingstförsamlingen: |", "      IOGT-NTU: |")  # uppföljningar
    assert [p for p in check(text) if p.code == "N001"] == []


# --- finding a place in the file ---------------------------------------------------


def locate(text: str, path: tuple, start: int) -> tuple:
    loaded = load_yaml_text(text, "fall.yaml")
    value = loaded.data
    for part in path:
        value = value[part]
    return checks.Checker(loaded, text).locate(path, value, start)


@pytest.mark.parametrize(
    ("text", "path", "start", "expected"),
    [
        ("a: x y\n", ("a",), 2, (1, 6)),
        ('a: "x y"\n', ("a",), 2, (1, 7)),
        ("a: |\n  x\n  y x\n", ("a",), 4, (3, 5)),
        ("a: >\n  x\n  y x\n", ("a",), 4, (3, 5)),
        ("a:\n  - b\n  - x x x\n", ("a", 1), 4, (3, 9)),
        ("a: x\n  x\n", ("a",), 2, (2, 3)),
        ("# å\nä: |\r\n  ö x\r\n", ("ä",), 2, (3, 5)),
    ],
)
def test_locate_finds_the_word_in_the_file(text, path, start, expected):
    assert locate(text, path, start) == expected


def test_locate_falls_back_to_the_value_without_the_source():
    loaded = load_yaml_text("a: |\n  x y\n", "finns-inte.yaml")
    assert checks.Checker(loaded).locate(("a",), "x y\n", 2) == (1, 4)


# --- the decision (beslut:) ----------------------------------------------------------


DECIDED = (ROOT / "cases" / "iop-avslut-berga-motesplats-2025.yaml").read_text(encoding="utf-8")


def test_a_decision_before_the_memo_is_b001():
    text = changed("  datum: 2024-12-18", "  datum: 2024-12-01", DECIDED)
    problem = only(check(text), "B001")
    assert (problem.field, problem.severity) == ("beslut.datum", "fel")
    assert problem.line == line_of(text, "  datum: 2024-12-01")


def test_a_decision_on_another_day_than_the_meeting_is_a_b002_warning():
    text = changed("  datum: 2024-12-18", "  datum: 2025-01-22", DECIDED)
    text = changed("  justerat: 2024-12-23", "  justerat: 2025-01-27", text)
    problem = only(check(text), "B002")
    assert problem.severity == "varning" and "2025-01-22" in problem.message


def test_a_justering_before_the_decision_is_b003():
    problem = only(check(changed("justerat: 2024-12-23", "justerat: 2024-12-17", DECIDED)), "B003")
    assert problem.field == "beslut.justerat"


def test_a_decision_otherwise_needs_its_text_and_one_as_proposed_has_none():
    otherwise = changed("enligt_förslag: ja", "enligt_förslag: nej", DECIDED)
    assert only(check(otherwise), "B004").field == "beslut.enligt_förslag"
    text = changed(
        "enligt_förslag: ja", "enligt_förslag: ja\n  beslutstext:\n    - Nämnden avslutar.", DECIDED
    )
    assert only(check(text), "B004").field == "beslut.beslutstext"
    written = changed(
        "enligt_förslag: ja",
        "enligt_förslag: nej\n  beslutstext:\n    - Nämnden avslutar.",
        DECIDED,
    )
    assert check(written) == []


def test_a_decision_without_justering_is_a_b005_warning():
    problem = only(check(changed("  justerat: 2024-12-23\n", "", DECIDED)), "B005")
    assert (problem.field, problem.severity) == ("beslut", "varning")


def test_a_paragraph_must_be_a_whole_number_from_one():
    with pytest.raises(CaseError) as caught:
        check(changed("paragraf: 142", "paragraf: 0", DECIDED))
    assert [p.field for p in caught.value.problems] == ["beslut.paragraf"]


@pytest.mark.parametrize("escape", ["\\u202e", "\\u202a", "\\u2067"])
def test_a_writing_direction_control_written_as_an_escape_is_x001(escape):
    text = changed("  namn: John Fristedt", f'  namn: "John {escape}Fristedt"')
    (problem,) = [p for p in check(text) if p.code == "X001"]
    assert (problem.field, problem.line) == ("handläggare.namn", line_of(text, "John"))
    assert "skrivriktning" in problem.message


AVSLUT = (ROOT / "cases" / "iop-avslut-berga-motesplats-2025.yaml").read_text(encoding="utf-8")
SYLLABLES = [
    "ber",
    "ga",
    "mö",
    "tes",
    "plats",
    "lin",
    "kö",
    "ping",
    "val",
    "la",
    "ström",
    "sjö",
    "äng",
    "dal",
    "holm",
    "vik",
    "ås",
    "by",
    "torp",
]


def with_parties(count: int) -> str:
    """Return the ending example with `count` made-up parties (different names, valid numbers)."""
    rng, found = random.Random(count), {}
    while len(found) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        name = f"{rng.choice(['Föreningen', 'Stiftelsen', 'Idrottsklubben', ''])} {word}".strip()
        found[name.lower()] = name
    rows = []
    for number, name in enumerate(found.values(), start=1):
        body = f"802{number:06d}"
        orgnr = f"{body[:6]}-{body[6:]}{identifiers.luhn_check_digit(body)}"
        rows.append(
            f"  - namn: {name}\n    organisationsnummer: {orgnr}\n    årlig_ersättning: 1000\n"
        )
    head, tail = AVSLUT.split("parter:\n")[0], AVSLUT.split("# Den period")[1]
    return head + "parter:\n" + "".join(rows) + "\n# Den period" + tail


def test_the_party_name_check_grows_with_the_parties_not_their_square(monkeypatch):
    # Comparing every text with every name: 4,694 comparisons for 25 parties, 90,737 for 250.
    calls = 0
    original = names._likeness

    def counted(span: str, name: str) -> float:
        nonlocal calls
        calls += 1
        return original(span, name)

    monkeypatch.setattr(names, "_likeness", counted)
    work = []
    for count in (25, 250):
        calls = 0
        check(with_parties(count))
        work.append(calls)
    assert work[1] <= 12 * max(work[0], 1), work


# --- what a case refers to: the settings' goals ----------------------------------------


def test_a_chosen_goal_that_the_settings_lack_is_o001_with_the_goal_meant():
    text = EXAMPLE + "\nkommunala_mål:\n  mål:\n    - Stark gemenskap och människor i arbete\n"
    text += "    - Hållbar ekonomi för att värna kärnverksamhet\n  motivering: Därför.\n"
    problem = only(check(text), "O001")
    assert (problem.severity, problem.field) == ("fel", "kommunala_mål.mål[1]")
    assert problem.line == line_of(text, "- Hållbar ekonomi")
    assert "Menade du 'Hållbar ekonomi för att värna kärnverksamheten'?" in problem.message


def test_an_unknown_goal_far_from_all_lists_the_goals():
    problem = only(check(EXAMPLE + "\nkommunala_mål:\n  mål:\n    - Trygga gator\n"), "O001")
    assert "Målen är: 'Välfärdstjänster med hög kvalitet" in problem.message


def test_goals_are_checked_against_the_case_s_own_override():
    text = EXAMPLE + "\norganisation:\n  kommunala_mål:\n    - Trygga gator\n"
    assert check(text + "kommunala_mål:\n  mål:\n    - trygga gator\n") == []


def test_a_case_too_large_to_compare_names_says_so_instead_of_running_for_minutes():
    text = with_parties(300)
    prose = " ".join(f"Förening {i} och Stiftelsen Bergaplats samarbetar." for i in range(3000))
    text = text.replace("ärende: |\n", f"ärende: |\n  {prose}\n", 1)
    (problem,) = [p for p in check(text) if p.code == "N001"]
    assert (problem.field, problem.severity) == ("parter", "varning")
    assert "300 parter" in problem.message and "inte jämfördes" in problem.message


# --- what a case refers to: attached files ------------------------------------------


def check_file(folder: Path, text: str) -> list[Problem]:
    """Return the domain problems of a case written to `folder`, so its files resolve there."""
    file = folder / "fall.yaml"
    file.write_text(text, encoding="utf-8")
    loaded = load_yaml(file)
    case = to_model(loaded, Case)
    _, problems = checks.derive_and_check(loaded, case, merge_settings(SETTINGS, case.organisation))
    return problems


def attached(block: str) -> str:
    return changed("\nparter:\n", f"\nbilagor:\n{block}\nparter:\n")


def write(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def test_an_attachment_without_a_file_is_an_h001_warning(tmp_path):
    text = attached("  - titel: Verksamhetsplaner\n    datum: 2023-06-30\n")
    problem = only(check_file(tmp_path, text), "H001")
    assert (problem.severity, problem.field) == ("varning", "bilagor[0]")
    assert "(bifogas inte)" in problem.message


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda folder: None, "finns inte"),
        (lambda folder: (folder / "bilagor" / "plan.pdf").mkdir(parents=True), "är en mapp"),
        (lambda folder: write(folder, "bilagor/plan.pdf", b"<html>"), "är ingen PDF"),
    ],
)
def test_an_attachment_file_that_cannot_be_sent_is_h002(tmp_path, make, words):
    make(tmp_path)
    text = attached("  - titel: Plan\n    fil: bilagor/plan.pdf\n")
    problem = only(check_file(tmp_path, text), "H002")
    assert (problem.severity, problem.field) == ("fel", "bilagor[0].fil")
    assert problem.line == line_of(text, "fil: bilagor/plan.pdf") and words in problem.message


def test_a_word_document_must_be_a_real_docx(tmp_path):
    write(tmp_path, "plan.docx", b"PK\x03\x04 not really")
    problem = only(check_file(tmp_path, attached("  - titel: Plan\n    fil: plan.docx\n")), "H002")
    assert "inget Word-dokument" in problem.message


def test_attached_pdf_and_docx_files_pass(tmp_path):
    import docx

    write(tmp_path, "bilagor/plan.pdf", b"%PDF-1.7\n")
    docx.Document().save(tmp_path / "bilagor" / "lista.docx")
    block = "  - titel: Plan\n    fil: bilagor/plan.pdf\n  - titel: Lista\n    fil: bilagor/lista.docx\n"
    assert check_file(tmp_path, attached(block)) == []


def test_an_attachment_linked_to_a_file_outside_the_case_folder_is_h002(tmp_path):
    outside = tmp_path / "utanfor"
    outside.mkdir()
    write(outside, "hemlig.pdf", b"%PDF-1.7\n")
    folder = tmp_path / "cases"
    (folder / "bilagor").mkdir(parents=True)
    (folder / "bilagor" / "plan.pdf").symlink_to(outside / "hemlig.pdf")
    problem = only(
        check_file(folder, attached("  - titel: Plan\n    fil: bilagor/plan.pdf\n")), "H002"
    )
    assert problem.field == "bilagor[0].fil" and "utanför mappen" in problem.message


@pytest.mark.parametrize(
    ("fil", "words"),
    [
        ("../iopdocs.pdf", "pekar ut ur mappen"),
        ("bilagor/../../x.pdf", "pekar ut ur mappen"),
        ("/etc/plan.pdf", "fullständig sökväg"),
        ("C:/Users/plan.pdf", "fullständig sökväg"),
        ("bilagor/plan.xlsx", "varken en PDF"),
    ],
)
def test_an_attachment_path_outside_the_folder_or_of_another_kind_is_refused(tmp_path, fil, words):
    with pytest.raises(CaseError) as caught:
        check_file(tmp_path, attached(f"  - titel: Plan\n    fil: {fil}\n"))
    [problem] = caught.value.problems
    assert problem.field == "bilagor[0].fil" and words in problem.message


def test_many_findings_of_one_kind_in_one_text_are_cut_to_a_summary():
    numbers = " ".join(f"{TOLVAN}," for _ in range(500))
    text = changed("  deltagarna att bygga", f"  deltagarna ({numbers}) att bygga")
    text = changed("rubrik: Förlängning av", f"rubrik: {TOLVAN} Förlängning av", text)
    problems = [p for p in check(text) if p.code == "I002"]
    [title, *in_text] = problems
    assert title.field == "rubrik" and len(in_text) == MOST_PER_TEXT + 1
    line = line_of(text, f"({TOLVAN}")
    columns = [
        text.splitlines()[line - 1].index("(") + 2 + (len(TOLVAN) + 2) * i
        for i in range(MOST_PER_TEXT)
    ]
    assert [(p.line, p.column) for p in in_text] == [(line, c) for c in columns + columns[-1:]]
    assert in_text[-1].message == "… och 480 till av samma slag i samma text."
    assert {p.field for p in in_text} == {"ärende"} and in_text[-1].severity == "fel"
