"""Checks as you type are `iopdocs validate`'s, each problem placed at its field."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from iopdocs.build.prepare import validate_case
from iopdocs.build.project import Project
from iopdocs.web.checking import check_text


@pytest.fixture
def project(project_dir: Path) -> Project:
    """Return the project of the copy."""
    return Project(project_dir / "iopdocs.yaml", project_dir / "output")


def edited(case: Path, old: str, new: str) -> str:
    """Return the case's text with one piece replaced."""
    text = case.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def placed(checked) -> dict:
    """Return the problems by code: the path each was placed at."""
    return {p.problem.code: p.path for p in checked.placed}


def test_an_amount_in_words_is_placed_at_its_field(example_case, project):
    text = edited(example_case, "årlig_ersättning: 339690", "årlig_ersättning: 450 000 kr")
    checked = check_text(example_case, project, text)
    assert placed(checked)["S003"] == ("parter", 0, "årlig_ersättning")
    assert checked.errors == 1 and checked.inspection.prepared is None


def test_a_stated_total_that_is_wrong_is_placed_at_the_total(example_case, project):
    text = edited(example_case, "årlig_ersättning: 339690", "årlig_ersättning: 349690")
    checked = check_text(example_case, project, text)
    totals = {p.path for p in checked.placed if p.problem.code == "D001"}
    assert totals == {("summor", "total_ersättning"), ("summor", "kommunens_finansiering")}
    assert checked.inspection.derived.total_ersattning == 802638  # shown beside the field


def test_an_unknown_key_and_a_missing_one_are_placed(example_case, project):
    text = edited(example_case, "rubrik:", "rubrk:")
    where = placed(check_text(example_case, project, text))
    assert where["S002"] == ("rubrk",)
    assert where["S001"] is not None


def test_the_problems_are_those_of_iopdocs_validate(example_case, project):
    text = edited(example_case, "diarienummer: SON 2019-1251", "diarienummer: 2019-1251")
    text = text.replace("organisationsnummer: 802506-5742", "organisationsnummer: 802506-5743")
    example_case.write_text(text, encoding="utf-8")
    report = validate_case(example_case, replace(project, language=True))  # as validate runs
    checked = check_text(example_case, project, text)
    assert [str(p.problem) for p in checked.placed] == [str(p) for p in report.problems]
    assert {p.problem.code for p in checked.placed} >= {"I001", "I003"}


def test_a_valid_case_is_prepared_for_the_preview(example_case, project):
    checked = check_text(example_case, project, example_case.read_text(encoding="utf-8"))
    assert checked.errors == 0 and checked.inspection.prepared is not None


def test_language_findings_are_placed_at_their_text_and_counted_apart(example_case, project):
    long_sentence = " ".join(["ord"] * 40)
    text = edited(
        example_case, "ärende: |\n", f"ärende: |\n  Detta är en {long_sentence} mening.\n\n"
    )
    checked = check_text(example_case, project, text)
    found = [
        p for p in checked.placed if p.problem.code == "K002" and "44 ord" in p.problem.message
    ]
    assert [p.path for p in found] == [("ärende",)] and found[0].problem.severity == "språk"
    assert checked.language >= 1 and checked.errors == 0
    assert checked.readiness == "klar"  # language advice never stops a build


def test_a_misspelt_word_is_found_while_typing_without_slow_suggestions(example_case, project):
    from iopdocs.swedish.spelling import dictionary_missing

    if dictionary_missing() is not None:
        pytest.skip(f"stavningen kräver hunspell-sv: {dictionary_missing()}")
    text = edited(example_case, "ärende: |\n", "ärende: |\n  Förvaltningen bedömmer saken.\n\n")
    found = [p for p in check_text(example_case, project, text).placed if p.problem.code == "K001"]
    assert [p.path for p in found] == [("ärende",)]
    assert "'bedömmer' finns inte i ordlistan." in found[0].problem.message
    assert "Menade du" not in found[0].problem.message
    example_case.write_text(text, encoding="utf-8")
    report = validate_case(example_case, replace(project, language=True))
    said = [p.message for p in report.problems if p.code == "K001"]
    assert "Menade du 'bedömer'" in said[0]  # iopdocs validate still suggests
