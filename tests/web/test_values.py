"""Edited values go into the file changing only what changed, written as before."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from iopdocs.case.model import Case
from iopdocs.case.roundtrip import dump, round_trip
from iopdocs.case.schema import json_schema
from iopdocs.web import values
from iopdocs.web.form import build_form

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json_schema(Case)
CASES = sorted((ROOT / "cases").glob("*.yaml"))


def changed_lines(before: str, after: str) -> list[str]:
    """Return the removed and added lines between two texts."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def posted_form(data) -> dict:
    """Return every value of the form as the browser posts it (text, CRLF line ends)."""
    form = build_form(SCHEMA, data)
    return {
        f.path: f.value.replace("\n", "\r\n").replace("\r\n", "\n")
        for f in form.walk()
        if not f.children and f.kind in ("text", "textruta", "val")
    }


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_posting_the_unchanged_form_changes_no_byte(case):
    text = case.read_text(encoding="utf-8")
    yaml, data = round_trip(text)
    assert values.set_values(data, posted_form(data)) == []
    assert dump(yaml, data) == text


def test_a_changed_amount_changes_one_line_and_keeps_its_comment():
    text = (ROOT / "cases" / "iop-ny-tre-parter-2025-2027.yaml").read_text(encoding="utf-8")
    yaml, data = round_trip(text)
    assert values.set_values(data, {("parter", 0, "årlig_ersättning"): "420000"}) == [
        ("parter", 0, "årlig_ersättning")
    ]
    assert changed_lines(text, dump(yaml, data)) == [
        "-    årlig_ersättning: 415000                    # kommunens ersättning per år, i värdeårets nivå",
        "+    årlig_ersättning: 420000                    # kommunens ersättning per år, i värdeårets nivå",
    ]


def test_a_block_text_stays_a_block_and_a_date_stays_plain():
    text = (ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml").read_text(encoding="utf-8")
    yaml, data = round_trip(text)
    old = str(data["ärende"]).removesuffix("\n")
    values.set_values(
        data, {("ärende",): old.replace("ensamhet", "ensamhet,"), ("datum",): "2023-08-31"}
    )
    assert changed_lines(text, dump(yaml, data)) == [
        "-datum: 2023-08-30",
        "+datum: 2023-08-31",
        "-  ensamhet eller isolering. Parterna erbjuder gemenskap och stöd och hjälper",
        "+  ensamhet, eller isolering. Parterna erbjuder gemenskap och stöd och hjälper",
    ]


def test_a_quoted_text_keeps_its_quotes():
    yaml, data = round_trip("namn: \"Anna\"\ntitel: 'chef'\n")
    values.set_values(data, {("namn",): "Bo", ("titel",): "direktör"})
    assert dump(yaml, data) == "namn: \"Bo\"\ntitel: 'direktör'\n"


def test_text_that_looks_like_a_number_where_text_was_stays_text():
    yaml, data = round_trip("diarienummer: SON 1\nnamn: x\n")
    values.set_values(data, {("namn",): "0012"})
    assert dump(yaml, data) == "diarienummer: SON 1\nnamn: '0012'\n"


def test_a_path_the_file_does_not_have_is_refused():
    yaml, data = round_trip("parter:\n  - namn: A\n")
    with pytest.raises(values.PathError):
        values.set_values(data, {("parter", 3, "namn"): "B"})
    with pytest.raises(values.PathError):
        values.set_values(data, {("okänd",): "B"})


def test_items_are_added_moved_and_removed():
    yaml, data = round_trip("beslutsförslag:\n  - Första\n  - Andra\n")
    schema = values.schema_at(SCHEMA, ("beslutsförslag", 0))
    assert values.add_item(data, ("beslutsförslag",), SCHEMA, schema) == 2
    assert values.move_item(data, ("beslutsförslag", 1), -1) == 0
    values.remove_item(data, ("beslutsförslag", 2))
    assert dump(yaml, data) == "beslutsförslag:\n  - Andra\n  - Första\n"


def test_a_new_party_gets_its_required_keys_empty():
    yaml, data = round_trip(
        "parter:\n  - namn: A\n    organisationsnummer: 802519-7743\n    årlig_ersättning: 1\n"
    )
    values.add_item(data, ("parter",), SCHEMA, values.schema_at(SCHEMA, ("parter", 0)))
    assert dict(data["parter"][1]) == {
        "namn": "",
        "organisationsnummer": "",
        "årlig_ersättning": "",
    }


def test_an_optional_key_is_added_with_its_required_parts():
    yaml, data = round_trip("rubrik: R\n")
    values.add_key(data, (), "avslut", SCHEMA, values.schema_at(SCHEMA, ("avslut",)))
    assert dump(yaml, data) == "rubrik: R\navslut:\n  datum: ''\n  skäl: ''\n"


ORDER = list(SCHEMA["properties"])


def add(text: str, key: str) -> str:
    """Return the text with an optional top-level key added as the form adds it."""
    yaml, data = round_trip(text)
    values.add_key(data, (), key, SCHEMA, values.schema_at(SCHEMA, (key,)), ORDER)
    return dump(yaml, data)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_an_added_key_lands_in_schema_order_and_only_adds_lines(case):
    text = case.read_text(encoding="utf-8")
    _, data = round_trip(text)
    present = list(data)
    for key, _ in build_form(SCHEMA, data).addable:
        after = add(text, key)
        assert all(line.startswith("+") for line in changed_lines(text, after)), key
        keys = list(round_trip(after)[1])
        earlier = [k for k in present if ORDER.index(k) < ORDER.index(key)]
        if earlier:
            assert keys[keys.index(key) - 1] == max(earlier, key=ORDER.index), key


def test_an_added_key_goes_before_the_blank_line_and_comment_of_the_next_key():
    text = "rubrik: R\nmbl: |\n  Text.\n\n# Parterna nedan.\nparter: []\n"
    assert add(text, "kommunala_mål") == (
        "rubrik: R\nmbl: |\n  Text.\nkommunala_mål: {}\n\n# Parterna nedan.\nparter: []\n"
    )
    assert add(text, "avslut") == (
        "rubrik: R\nmbl: |\n  Text.\n\n# Parterna nedan.\nparter: []\navslut:\n  datum: ''\n  skäl: ''\n"
    )
    plain = "rubrik: R\nmbl: Kort.\n\n# Parterna nedan.\nparter: []\n"
    assert add(plain, "beslutet_skickas_till") == (
        "rubrik: R\nmbl: Kort.\nbeslutet_skickas_till:\n  - ''\n\n# Parterna nedan.\nparter: []\n"
    )
