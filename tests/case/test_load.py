"""Tests of iopdocs.load: safe YAML with positions and Swedish problems."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest

from iopdocs.case import load
from iopdocs.case.load import Loaded, load_yaml, load_yaml_text
from iopdocs.case.yamlpath import format_path
from iopdocs.errors import CaseError, Problem

COMPOSERS = [pytest.param(load._PyComposer, id="python")]
if load.CParser is not None:
    COMPOSERS.append(pytest.param(load._CComposer, id="libyaml"))


@pytest.fixture(params=COMPOSERS)
def composer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Run the test once on PyYAML's own parser and once on libyaml's."""
    monkeypatch.setattr(load, "_COMPOSER", request.param)
    return request.param


def problems_of(text: str | bytes) -> list[Problem]:
    with pytest.raises(CaseError) as caught:
        load_yaml_text(text, "arende.yaml")
    return caught.value.problems


def only_problem(text: str | bytes) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, problems
    return problems[0]


# --- values -----------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["yes", "NO", "on", "off", "012", "12:30", "2024-01-01", "1e3", "0x1F", ".inf", "nULL"],
)
def test_scalars_stay_strings(composer: type, written: str) -> None:
    assert load_yaml_text(f"a: {written}\n", "f").data == {"a": written}


@pytest.mark.parametrize("written", ["~", "null", "Null", "NULL", ""])
def test_plain_nulls_and_empty_values_are_none(composer: type, written: str) -> None:
    assert load_yaml_text(f"a: {written}\n", "f").data == {"a": None}


@pytest.mark.parametrize("written", ["'~'", '"null"', "''", '""'])
def test_quoted_nulls_stay_strings(composer: type, written: str) -> None:
    assert load_yaml_text(f"a: {written}\n", "f").data == {"a": written[1:-1]}


def test_keys_are_strings_quoted_or_not(composer: type) -> None:
    data = load_yaml_text('yes: 1\n"namn": x\n2024: y\n', "f").data
    assert data == {"yes": "1", "namn": "x", "2024": "y"}


def test_block_scalars_work_as_usual(composer: type) -> None:
    text = "literal: |\n  rad ett\n  rad två\nfolded: >\n  rad ett\n  rad två\nkeep: |-\n  x\n"
    data = load_yaml_text(text, "f").data
    assert data == {"literal": "rad ett\nrad två\n", "folded": "rad ett rad två\n", "keep": "x"}


def test_bom_is_skipped_and_not_counted_as_a_column(composer: type) -> None:
    loaded = load_yaml_text("\ufeffnamn: Hopp\n".encode(), "f")
    assert loaded.data == {"namn": "Hopp"}
    assert loaded.key_positions[("namn",)] == (1, 1)
    assert loaded.positions[("namn",)] == (1, 7)


def test_load_yaml_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "arende.yaml"
    path.write_text("rubrik: Förlängning av IOP\n", encoding="utf-8")
    loaded = load_yaml(path)
    assert loaded == Loaded(
        str(path),
        {"rubrik": "Förlängning av IOP"},
        {(): (1, 1), ("rubrik",): (1, 9)},
        {("rubrik",): (1, 1)},
    )


# --- positions ----------------------------------------------------------------

NESTED = """\
rubrik: IOP med Hopp
parter:
  - namn: Föreningen Hopp
    org: 802400-0000
  - namn: Kommunen
belopp:
  år:
    - '2025'
    - [a, b]
text: |
  Första raden
"""


def test_positions_of_nested_values(composer: type) -> None:
    loaded = load_yaml_text(NESTED, "f")
    assert loaded.positions[()] == (1, 1)
    assert loaded.positions[("rubrik",)] == (1, 9)
    assert loaded.positions[("parter",)] == (3, 3)
    assert loaded.positions[("parter", 0)] == (3, 5)
    assert loaded.positions[("parter", 0, "namn")] == (3, 11)
    assert loaded.positions[("parter", 0, "org")] == (4, 10)
    assert loaded.positions[("parter", 1, "namn")] == (5, 11)
    assert loaded.positions[("belopp", "år", 0)] == (8, 7)
    assert loaded.positions[("belopp", "år", 1, 1)] == (9, 11)
    assert loaded.positions[("text",)] == (10, 7)


def test_key_positions_of_nested_entries(composer: type) -> None:
    loaded = load_yaml_text(NESTED, "f")
    assert loaded.key_positions[("parter",)] == (2, 1)
    assert loaded.key_positions[("parter", 1, "namn")] == (5, 5)
    assert loaded.key_positions[("belopp", "år")] == (7, 3)
    assert ("parter", 0) not in loaded.key_positions  # list items have no key


def test_position_falls_back_to_the_nearest_ancestor(composer: type) -> None:
    loaded = load_yaml_text(NESTED, "f")
    assert loaded.position(("parter", 0, "namn")) == (3, 11)
    assert loaded.position(("parter", 0, "saknas", 3)) == (3, 5)
    assert loaded.position(("saknas",)) == (1, 1)
    assert Loaded("f", None).position(("a",)) == (None, None)


@pytest.mark.parametrize(
    ("path", "written"),
    [
        (("a", "b", 2, "c"), "a.b[2].c"),
        (("parter", 1, "namn"), "parter[1].namn"),
        ((), ""),
        ((0, "a"), "[0].a"),
        (("a", 0, 1), "a[0][1]"),
    ],
)
def test_format_path(path: tuple, written: str) -> None:
    assert format_path(path) == written


# --- Y001 syntax errors ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "gist"),
    [
        ("namn: Förening: Hopp\n", 1, 15, "kolon följt av mellanslag"),
        ('a: 1\nnamn: "Hopp\n', 2, 7, "som börjar på rad 2 avslutas inte"),
        ("a:\n  b: 1\n c: 2\n", 3, 2, "Fel indrag"),
        ("a: b\n  c: d\n", 2, 4, "Fel indrag"),
        ("a: b\nfortsatt text\nd: e\n", 2, 1, "Kolon saknas: rad 2"),
        ("a: *viktigt* text\n", 1, 12, "börjar med * måste stå inom citattecken"),
        ("a:\n\tb: 1\n", 2, 1, "Tabbtecken"),
        ("a: [1, 2\n", 1, 4, "Hakparentesen [ på rad 1"),
        ("a: {b: 1\n", 1, 4, "Klammerparentesen { på rad 1"),
        ("a: - b\n", 1, 4, "listtecken"),
        ("a: @x\n", 1, 4, "tecknet @"),
        ("a: |x\n  b\n", 1, 5, "Efter | eller >"),
        ('a: "Hopp" och\n', 1, 11, "Fel indrag"),
    ],
)
def test_syntax_errors_are_explained_in_swedish(
    composer: type, text: str, line: int, column: int, gist: str
) -> None:
    problem = only_problem(text)
    assert (problem.code, problem.line, problem.column) == ("Y001", line, column)
    assert gist in problem.message
    assert problem.file == "arende.yaml"


def test_unknown_escape_in_double_quotes(composer: type) -> None:
    problem = only_problem('sökväg: "C:\\mapp"\n')
    assert (problem.code, problem.line) == ("Y001", 1)
    assert "omvänt snedstreck" in problem.message


def test_unrecognised_syntax_error_still_has_a_position(composer: type) -> None:
    problem = only_problem("a: 1\n--- x\n: :\n")
    assert problem.code in ("Y001", "Y010")
    assert problem.line is not None and problem.column is not None


# --- Y002 duplicate keys --------------------------------------------------------------


def test_all_duplicate_keys_are_reported_at_the_second_key(composer: type) -> None:
    text = "namn: A\nparter:\n  - namn: B\n    org: 1\n    namn: C\nnamn: D\n"
    problems = problems_of(text)
    assert [(p.code, p.line, p.column, p.field) for p in problems] == [
        ("Y002", 5, 5, "parter[0].namn"),
        ("Y002", 6, 1, "namn"),
    ]
    assert problems[0].message == "Nyckeln 'namn' finns redan på rad 3. Ta bort den ena."
    assert problems[1].message == "Nyckeln 'namn' finns redan på rad 1. Ta bort den ena."


# --- Y003 anchors and aliases -----------------------------------------------------------


def test_anchors_and_aliases_are_refused_not_expanded(composer: type) -> None:
    problems = problems_of("bas: &b Hopp\nnamn: *b\n")
    assert [(p.code, p.line, p.column, p.field) for p in problems] == [
        ("Y003", 1, 6, "bas"),
        ("Y003", 2, 7, "namn"),
    ]
    assert "Hänvisningar (*b) är inte tillåtna" in problems[1].message
    assert "Skriv ut värdet" in problems[1].message


def test_alias_of_undefined_anchor_is_refused_too(composer: type) -> None:
    problem = only_problem("a: *okand\n")
    assert (problem.code, problem.line, problem.column) == ("Y003", 1, 4)


def test_billion_laughs_is_refused_quickly(composer: type) -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    problems = problems_of("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1
    assert {p.code for p in problems} == {"Y003"}
    assert len(problems) == 9 + 8 * 9  # every anchor and every alias, once


# --- Y004 size ----------------------------------------------------------------


def test_a_3_mb_file_is_refused_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "stor.yaml"
    path.write_bytes(b"a: " + b"x" * 3_000_000 + b"\n")

    def must_not_run(*args: object) -> None:
        raise AssertionError("the file was read or parsed")

    monkeypatch.setattr(Path, "read_bytes", must_not_run)
    monkeypatch.setattr(load, "_COMPOSER", must_not_run)
    with pytest.raises(CaseError) as caught:
        load_yaml(path)
    [problem] = caught.value.problems
    assert (problem.code, problem.file, problem.line) == ("Y004", str(path), None)
    assert "3 MB" in problem.message and "högst 2 MB" in problem.message


def test_size_limit_counts_bytes_not_characters() -> None:
    assert load_yaml_text("a: åå\n", "f", max_bytes=8).data == {"a": "åå"}
    assert only_problem_with_limit("a: ååå\n", 8).code == "Y004"
    assert only_problem_with_limit(b"a: ok\n", 5).code == "Y004"


def only_problem_with_limit(text: str | bytes, max_bytes: int) -> Problem:
    with pytest.raises(CaseError) as caught:
        load_yaml_text(text, "f", max_bytes=max_bytes)
    [problem] = caught.value.problems
    return problem


# --- Y005 encoding ----------------------------------------------------------------


def test_bad_utf8_in_line_3_reports_line_3_and_character_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nb: 2\nc: åx café\n".encode()[:-3] + "é\n".encode("latin-1"))
    with pytest.raises(CaseError) as caught:
        load_yaml(path)
    [problem] = caught.value.problems
    assert (problem.code, problem.line, problem.column) == ("Y005", 3, 10)
    assert "UTF-8" in problem.message


def test_utf16_is_named() -> None:
    problem = only_problem("a: 1\n".encode("utf-16"))
    assert (problem.code, problem.line, problem.column) == ("Y005", 1, 1)
    assert "UTF-16" in problem.message


# --- Y006 control characters -----------------------------------------------------


def test_control_character_in_line_2_reports_line_and_column(composer: type) -> None:
    problem = only_problem("a: 1\nnamn: Hö\x07pp\n")
    assert (problem.code, problem.line, problem.column) == ("Y006", 2, 9)
    assert "U+0007" in problem.message


def test_all_control_characters_are_reported_up_to_a_limit() -> None:
    problems = problems_of("a: \x0b\r\nb: \x00\rc: \u2028\n" + "\x01" * 30)
    assert [(p.line, p.column) for p in problems[:3]] == [(1, 4), (2, 4), (3, 4)]
    assert len(problems) == load.MAX_CHARACTER_PROBLEMS + 1
    assert problems[-1].line is None and "Ytterligare 13" in problems[-1].message


def test_reader_errors_are_converted_to_line_and_column(
    composer: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Our own scan catches these first; switch it off to exercise PyYAML's.
    monkeypatch.setattr(load, "_FORBIDDEN", re.compile("(?!)"))
    problem = only_problem("a: 1\nå: åä\x07\n")
    assert (problem.code, problem.line, problem.column) == ("Y006", 2, 6)


# --- Y007 top level, Y008 keys, Y009 tags ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "gist"),
    [
        ("- a\n- b\n", 1, "en lista"),
        ("bara text\n", 1, "en ensam text"),
        ("", None, "tom"),
        ("# bara en kommentar\n", None, "tom"),
    ],
)
def test_top_level_must_be_a_mapping(composer: type, text: str, line: int, gist: str) -> None:
    problem = only_problem(text)
    assert (problem.code, problem.line) == ("Y007", line)
    assert gist in problem.message


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: 1\n? [x, y]\n: 2\n", 2, 3),
        ("a:\n  {b: 1}: 2\n", 2, 3),
        ("a: 1\n~: 2\n", 2, 1),
        ("a: 1\nnull: 2\n", 2, 1),
    ],
)
def test_keys_must_be_strings(composer: type, text: str, line: int, column: int) -> None:
    problem = only_problem(text)
    assert (problem.code, problem.line, problem.column) == ("Y008", line, column)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/object:os.system x", "!!python/object:os.system"),
        ("!!int 3", "!!int"),
        ("!egen x", "!egen"),
        ("!!map {a: 1}", "!!map"),
    ],
)
def test_tags_are_refused_with_the_field(composer: type, value: str, shown: str) -> None:
    problem = only_problem(f"parter:\n  - namn: A\n  - namn: {value}\n")
    assert (problem.code, problem.line, problem.column) == ("Y009", 3, 11)
    assert problem.field == "parter[1].namn"
    assert shown in problem.message


# --- more than one document, depth, unreadable files ---------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: 1\n---\nb: 2\n", 2), ("a: 1\n...\n---\nb: 2\n", 3), ("a: 1\n---\n", 2)],
)
def test_a_second_document_is_refused(composer: type, text: str, line: int) -> None:
    problem = only_problem(text)
    assert (problem.code, problem.line, problem.column) == ("Y010", line, 1)


def test_content_after_document_end_is_a_syntax_error(composer: type) -> None:
    problem = only_problem("a: 1\n...\nb: 2\n")
    assert (problem.code, problem.line) == ("Y001", 3)
    assert "Efter en rad med '...'" in problem.message


def test_leading_document_marker_is_fine(composer: type) -> None:
    assert load_yaml_text("---\na: 1\n...\n", "f").data == {"a": "1"}


def test_nesting_up_to_the_limit_is_fine_beyond_is_a_problem(composer: type) -> None:
    lists = load.MAX_DEPTH - 1  # the top-level mapping is the first level
    data = load_yaml_text("a: " + "[" * lists + "]" * lists + "\n", "f").data
    assert data is not None
    problem = only_problem("a: " + "[" * (lists + 1) + "]" * (lists + 1) + "\n")
    assert (problem.code, problem.line, problem.column) == ("Y011", 1, 4 + lists)


def test_very_deep_block_nesting_is_a_problem_not_a_recursion_error(composer: type) -> None:
    text = "".join(" " * level + f"n{level}:\n" for level in range(200))
    assert only_problem(text).code == "Y011"


def test_missing_file_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(CaseError) as caught:
        load_yaml(tmp_path / "saknas.yaml")
    [problem] = caught.value.problems
    assert problem.code == "Y012" and "finns inte" in problem.message


# --- several problems together ----------------------------------------------------------


def test_all_problems_of_a_file_come_together_in_file_order(composer: type) -> None:
    text = "a: !!int 1\nb: &x 2\na: 3\n- 4\n"
    # A syntax error stops everything: only that one is reported.
    assert [p.code for p in problems_of(text)] == ["Y001"]
    text = "a: !!int 1\nb: &x 2\na: 3\nc: *x\n"
    problems = problems_of(text)
    assert [(p.code, p.line) for p in problems] == [
        ("Y009", 1),
        ("Y003", 2),
        ("Y002", 3),
        ("Y003", 4),
    ]
    assert "arende.yaml:3:1: fel Y002: a: Nyckeln 'a'" in str(CaseError(problems))


def test_a_typed_data_file_reads_plain_scalars_as_json_does(composer: type) -> None:
    text = (
        "ja: true\nnej: False\ntal: 12\nminus: -3\ndecimal: 1.5\nexp: 2e3\ndag: 2025-03-04\n"
        "tomt: null\ntext: hej\n"
    )
    assert load_yaml_text(text, "d.yaml", typed=True).data == {
        "ja": True,
        "nej": False,
        "tal": 12,
        "minus": -3,
        "decimal": 1.5,
        "exp": 2000.0,
        "dag": date(2025, 3, 4),
        "tomt": None,
        "text": "hej",
    }


@pytest.mark.parametrize(
    "written",
    ['"true"', "'12'", '"2025-03-04"', "2025-02-30", "012x", "1" * 40, "yes", "0x1F"],
)
def test_a_typed_data_file_keeps_quoted_and_odd_scalars_as_text(composer: type, written: str):
    value = load_yaml_text(f"v: {written}\n", "d.yaml", typed=True).data["v"]
    assert value == written.strip("\"'")


# --- hostile input (issue 11) -------------------------------------------------

TWO_LINES = "diarienummer: SON 2024-0001\n"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (TWO_LINES + "ek", 2),
        (TWO_LINES + "ek\n", 2),
        (TWO_LINES + "parter: [a, b", 2),
        (TWO_LINES + "parter: [a, b\n", 2),
        (TWO_LINES + "parter: {a: b", 2),
        (TWO_LINES + 'rubrik: "utan slut', 2),
        (TWO_LINES + "handläggare:\n\ufeff  namn: A\n", 3),
        (TWO_LINES + "rubrik: x\ufeffy\n", 2),
        (TWO_LINES + "\ufeffrubrik: x\n", 2),
    ],
)
def test_every_position_is_inside_the_file_on_the_line_of_the_mistake(
    composer: type, text: str, line: int
) -> None:
    lines = re.split(r"\r\n|\r|\n", text.removesuffix("\n"))
    for problem in problems_of(text):
        assert problem.line == line, problem
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, problem


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069"]
)
def test_bidirectional_controls_are_refused_anywhere(composer: type, char: str) -> None:
    problem = only_problem(f"rubrik: Avtal med {char}Hopp\n")
    assert (problem.code, problem.line, problem.column) == ("Y006", 1, 19)
    assert "skrivriktning" in problem.message


def test_a_bom_in_the_middle_of_a_file_is_y006_at_its_place(composer: type) -> None:
    problem = only_problem("a: 1\n\ufeffb: 2\n")
    assert (problem.code, problem.line, problem.column) == ("Y006", 2, 1)
    assert "BOM" in problem.message


def test_libyamls_own_depth_limit_is_y011_in_swedish(composer: type) -> None:
    problem = only_problem("a: " + "[" * 5000 + "\n")
    assert problem.code == "Y011"
    assert "nästlad" in problem.message and "exceeded" not in problem.message


@pytest.mark.parametrize("shape", ["list", "mapping"])
def test_a_list_or_mapping_longer_than_the_limit_is_y013(composer: type, shape: str) -> None:
    entry = "  - x\n" if shape == "list" else "  k{}: x\n"
    body = "".join(entry.format(i) for i in range(load.MAX_ITEMS + 1))
    problem = only_problem("parter:\n" + body)
    assert (problem.code, problem.line, problem.field) == ("Y013", 2, "parter")
    assert "högst 1 000" in problem.message


def test_a_list_at_the_limit_is_read(composer: type) -> None:
    text = "parter:\n" + "  - x\n" * load.MAX_ITEMS
    assert len(load_yaml_text(text, "arende.yaml").data["parter"]) == load.MAX_ITEMS
