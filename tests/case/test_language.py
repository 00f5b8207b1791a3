"""Plain Swedish and spelling in a case file: each finding at its line and column."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iopdocs.case.language import LIX_MIN_WORDS, check_language, read_word_list, vocabulary
from iopdocs.case.load import load_yaml, load_yaml_text
from iopdocs.case.rules.checker import MOST_PER_TEXT
from iopdocs.case.settings import Settings
from iopdocs.case.validate import to_model
from iopdocs.errors import CaseError
from iopdocs.swedish.spelling import DictionaryMissing, open_speller

ROOT = Path(__file__).resolve().parents[2]
PLANTED = Path(__file__).parent / "language" / "klarsprak.yaml"
EXAMPLES = sorted((ROOT / "cases").glob("*.yaml"))


@pytest.fixture(scope="module")
def org() -> Settings:
    return to_model(load_yaml(ROOT / "iopdocs.yaml"), Settings)


@pytest.fixture(scope="module")
def words(org):
    return vocabulary(org, ROOT)


def at(text: str, marker: str, nth: int = 0) -> tuple[int, int]:
    """Return the line and column where `marker` stands, as a whole word, in a file's text."""
    match = list(re.finditer(rf"(?<!\w){re.escape(marker)}(?!\w)", text))[nth]
    before = text[: match.start()]
    return before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1


def found(report) -> set[tuple[int, int, str]]:
    return {(p.line, p.column, p.code) for p in report.problems}


def test_every_planted_problem_is_found_at_its_word_and_nothing_else(words):
    text = PLANTED.read_text(encoding="utf-8")
    skal = at(text, "skäl: |")
    expected = {
        (*at(text, "avvecklingsplanm"), "K001"),  # a plain scalar over two lines
        (*at(text, "Förvaltnigen"), "K001"),
        (*at(text, "anan"), "K001"),
        (*at(text, "Förvaltningen har under våren"), "K002"),  # 40 words
        (skal[0], skal[1] + len("skäl: "), "K003"),  # avslut.skäl's value, a whole section
        (*at(text, "tillhandahålla"), "K004"),  # in a double-quoted scalar with \"
        (*at(text, "Avseende"), "K004"),
        (*at(text, "i syfte"), "K004"),  # "i syfte att", broken over two lines
        (*at(text, "Därutöver"), "K004"),
        (*at(text, "verkställa"), "K004"),
        (*at(text, "beträffande"), "K004"),
        (*at(text, "beträffande", 1), "K004"),
        (*at(text, "varvid"), "K004"),
        (*at(text, "betalas"), "K005"),
        (*at(text, "koordineras"), "K005"),
        (*at(text, "förbättring"), "K006"),
        (*at(text, "IOP´n"), "K007"),
        (*at(text, "social och omsorgsnämnden"), "K007"),
    }
    report = check_language(load_yaml(PLANTED), words)
    assert found(report) == expected
    assert all(p.severity == "språk" for p in report.problems)


def test_the_messages_say_what_to_write_instead(words):
    messages = {p.code: [] for p in check_language(load_yaml(PLANTED), words).problems}
    for problem in check_language(load_yaml(PLANTED), words).problems:
        messages[problem.code].append(problem.message)
    assert any("'Förvaltningen'" in m for m in messages["K001"])
    assert any("40 ord (fler än 25)" in m for m in messages["K002"])
    assert "Skriv hellre: genomföra." in " ".join(messages["K004"])
    assert any("'IOP:n'" in m for m in messages["K007"])
    assert any("'social- och omsorgsnämnden'" in m for m in messages["K007"])


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_shipped_examples_are_spelt_right_and_every_section_has_a_lix(words, example):
    report = check_language(load_yaml(example), words)
    assert [str(p) for p in report.problems if p.code == "K001"] == []
    assert report.missing is None
    sections = {s.field: s for s in report.sections}
    assert {"beslutsförslag", "ärende", "bakgrund.text", "mbl"} <= set(sections)
    assert all(10 < s.lix < 90 for s in sections.values())
    assert "rubrik" not in sections and not any(f.endswith("post") for f in sections)


def test_the_project_word_list_is_what_accepts_the_examples_own_words(org):
    without = vocabulary(org, None)
    example = ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"
    misspelt = {
        p.message.split("'")[1]
        for p in check_language(load_yaml(example), without).problems
        if p.code == "K001"
    }
    assert misspelt == {"Cupolen", "Celebrate", "Recovery", "NBV", "linköpingsbor"}


def case_text(body: str) -> str:
    return "diarienummer: SON 2024-1\n" + body


def check_text(body: str, words, **options):
    text = case_text(body)
    return check_language(load_yaml_text(text, "ärende.yaml"), words, text, **options)


def test_the_cases_own_names_are_accepted_words(words):
    body = (
        "parter:\n  - namn: Föreningen Qwerbo\n    organisation: Qwerbo Zlatfond\n"
        "ärende: Föreningen Qwerbo och Qwerbos Zlatfond samarbetar med Qwerbu.\n"
    )
    report = check_text(body, words)
    assert [p.message.split("'")[1] for p in report.problems if p.code == "K001"] == ["Qwerbu"]


def test_a_follow_up_party_name_and_the_settings_names_are_accepted(words):
    body = (
        "uppföljningar:\n  - parter:\n      Zörbagruppen: |\n"
        "        Zörbagruppen har träffat Susanna Lundstedt och Linköpings kommun.\n"
    )
    assert check_text(body, words).problems == []


def test_codes_dates_amounts_and_addresses_are_not_read(words):
    body = (
        "datum: 2024-13-45\nperiod:\n  längd: tre årx\nbilagor:\n  - titel: Plan\n"
        "ärende: Se [planen](https://kommun.example/xqzplan_2024.pdf) och skriv till "
        "xqz@kommun.example.\n"
    )
    assert check_text(body, words).problems == []


def test_without_suggestions_a_misspelling_is_still_found(words):
    (problem,) = check_text("ärende: Förvaltnigen beslutar.\n", words, suggest=False).problems
    assert problem.code == "K001" and "Menade du" not in problem.message


def test_without_the_dictionary_the_other_checks_still_run(words):
    with pytest.raises(DictionaryMissing) as missing:
        open_speller("xx_YY")
    report = check_language(load_yaml(PLANTED), words, speller=missing.value)
    assert report.missing is missing.value
    codes = {p.code for p in report.problems}
    assert "K001" not in codes and "K005" not in codes  # both need the dictionary
    assert {"K002", "K003", "K004", "K006", "K007"} <= codes


def test_the_settings_set_the_targets_and_add_officialese(org):
    strict = org.model_copy(
        update={
            "sprak": org.sprak.model_copy(
                update={"lix_mal": 90, "meningslangd": 40, "krangliga_ord": {"gjort": "gör"}}
            )
        }
    )
    report = check_language(load_yaml(PLANTED), vocabulary(strict, ROOT))
    codes = [p.code for p in report.problems]
    assert "K002" not in codes and "K003" not in codes
    assert any("'gjort' är krångligt. Skriv hellre: gör." in p.message for p in report.problems)


def test_a_short_section_shows_its_lix_but_is_not_flagged(words):
    report = check_text(
        "mbl: Ärendet påverkar inte arbetsmiljön. MBL-förhandling behövs inte.\n", words
    )
    (section,) = report.sections
    assert section.lix > 50 and section.counts.words < LIX_MIN_WORDS
    assert report.problems == []


def test_a_word_list_can_be_written_by_hand(tmp_path, org):
    (tmp_path / "ordlista.txt").write_text(
        "\ufeff# våra ord\nQwerbo   # föreningen\n\nzlatfond\n", encoding="utf-8"
    )
    words = vocabulary(org, tmp_path)
    report = check_text("ärende: Qwerbo och Zlatfond och zlatfonds.\n", words)
    assert report.problems == []


def test_a_word_list_not_saved_as_utf8_is_reported_with_its_line(tmp_path):
    (tmp_path / "ordlista.txt").write_bytes(b"Cupolen\nV\xe4xj\xf6bor\n")
    with pytest.raises(CaseError) as error:
        read_word_list(tmp_path / "ordlista.txt")
    (problem,) = error.value.problems
    assert (problem.code, problem.line, problem.severity) == ("K008", 2, "språk")
    assert "UTF-8" in problem.message


def test_a_missing_word_list_is_no_problem(tmp_path):
    assert "Cupolen" not in read_word_list(tmp_path / "ordlista.txt")


def test_the_findings_of_an_edited_copy_follow_the_edit(tmp_path, words):
    copy = tmp_path / "ärende.yaml"
    shutil.copy(PLANTED, copy)
    text = copy.read_text(encoding="utf-8").replace("Förvaltnigen", "Förvaltningen")
    copy.write_text(text, encoding="utf-8")
    report = check_language(load_yaml(copy), words)
    assert not any("Förvaltnigen" in p.message for p in report.problems)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("aäö Xx.:-*[]()\n'´é1"), max_size=60))
def test_any_text_gets_findings_inside_the_file(words, value):
    body = "ärende: |2\n" + "".join(f"  {line}\n" for line in value.split("\n"))
    text = case_text(body)
    report = check_language(load_yaml_text(text, "x.yaml"), words, text, suggest=False)
    lines = text.count("\n") + 1
    for problem in report.problems:
        assert problem.line is not None and 1 <= problem.line <= lines


class CountingSpeller:
    """The real speller, counting the suggestions asked of it (each can take 0.1 s)."""

    def __init__(self, speller):
        self.speller, self.suggested = speller, []

    def correct(self, token, accepted):
        return self.speller.correct(token, accepted)

    def suggest(self, word, limit=3):
        self.suggested.append(word)
        return self.speller.suggest(word, limit)


def test_a_pasted_text_of_misspelt_words_gives_a_bounded_number_of_findings(words):
    misspelt = [f"Qwerbu{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}x" for i in range(2000)]
    body = "ärende: " + " ".join(misspelt) + "\n"
    speller = CountingSpeller(open_speller())
    report = check_text(body, words, speller=speller)
    spelling = [p for p in report.problems if p.code == "K001"]
    assert len(spelling) == MOST_PER_TEXT + 1
    assert spelling[-1].message == "… och 1\u00a0980 till av samma slag i samma text."
    assert speller.suggested == misspelt[:MOST_PER_TEXT]  # none for the words only counted
