"""Inspecting and loading a case: every problem, what can be derived, what the settings hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_in

from iopdocs.build.cases import render_case, render_document
from iopdocs.build.prepare import inspect, prepare
from iopdocs.build.project import Project
from iopdocs.errors import CaseError


@pytest.fixture
def project(project_dir: Path) -> Project:
    return Project(project_dir / "iopdocs.yaml", project_dir / "output")


def test_a_wrong_sum_still_gives_the_derived_values(example_case, project):
    data = example_case.read_bytes().replace(
        b"total_ers\xc3\xa4ttning: 792638", b"total_ers\xc3\xa4ttning: 1"
    )
    found = inspect(example_case, project, data)
    assert [p.code for p in found.problems] == ["D001"]
    assert found.prepared is None and found.derived.total_ersattning == 792638
    with pytest.raises(CaseError):
        prepare(example_case, project, data)


def test_a_case_that_does_not_fit_the_schema_derives_nothing(example_case, project):
    found = inspect(example_case, project, b"rubrik: bara en rubrik\n")
    assert found.derived is None and found.prepared is None
    assert {p.code for p in found.problems} == {"S001"}


def test_one_document_renders_as_in_the_whole_case(example_case, project):
    prepared = prepare(example_case, project)
    for document, (data, _) in render_case(prepared, project).items():
        assert render_document(prepared, project, document) == data


def test_with_language_the_remarks_come_along_but_never_stop_the_case(example_case, project):
    from dataclasses import replace

    data = example_case.read_bytes().replace(
        "Ärendet påverkar".encode(), "Ärendet påvrkar".encode()
    )
    found = inspect(example_case, replace(project, language=True), data)
    assert "K001" in {p.code for p in found.problems}
    assert {p.severity for p in found.problems} == {"språk"}
    assert found.prepared is not None and found.prepared.warnings == []
    assert inspect(example_case, project, data).problems == []


@pytest.mark.parametrize(
    ("value", "char"), [("Link\\aöping", "U+0007"), ("Link\\x01öping", "U+0001")]
)
def test_a_setting_with_a_character_word_cannot_hold_is_x001_at_its_line(project_dir, value, char):
    """A \\a in iopdocs.yaml would split a paragraph of every document; it is refused instead."""
    settings = project_dir / "iopdocs.yaml"
    text = settings.read_text(encoding="utf-8")
    line = text[: text.index("\nort: Linköping")].count("\n") + 2
    settings.write_text(text.replace("\nort: Linköping", f'\nort: "{value}"', 1), "utf-8")
    result = build_in(project_dir)
    assert result.exit_code == 1
    assert f"iopdocs.yaml:{line}:" in result.output and "X001" in result.output
    assert char in result.output and "ort:" in result.output
    assert not list((project_dir / "output").rglob("*.docx"))
