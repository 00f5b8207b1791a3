"""Editing a case file in place keeps every byte that was not edited."""

from __future__ import annotations

from pathlib import Path

import pytest

from iopdocs.case.roundtrip import dump, mapping_indent, round_trip

ROOT = Path(__file__).resolve().parents[2]
VALID = sorted((ROOT / "cases").glob("*.yaml"))


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_an_unchanged_case_dumps_to_its_own_bytes(case):
    text = case.read_text(encoding="utf-8")
    yaml, data = round_trip(text)
    assert dump(yaml, data) == text


def test_a_long_line_is_never_folded_and_four_space_indents_are_kept():
    text = "rubrik: " + " ".join(["ord"] * 60) + "\nparter:\n    - namn: A\n      ort: B\n"
    yaml, data = round_trip(text)
    data["parter"][0]["ort"] = "C"
    assert dump(yaml, data) == text.replace("ort: B", "ort: C")
    assert mapping_indent("a:\n    b: 1\n") == 4
