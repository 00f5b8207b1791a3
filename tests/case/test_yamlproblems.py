"""A key written without a space after its colon ('rubrik:Text') is named as such, at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from iopdocs.case.load import load_yaml_text
from iopdocs.errors import CaseError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "written"),
    [
        ("rubrik: Förlängning", "rubrik:Förlängning", "rubrik: Förlängning av ett"),
        (
            "diarienummer: SON 2019-1251",
            "diarienummer:SON 2019-1251",
            "diarienummer: SON 2019-1251",
        ),
        ("  till: 2026-12-31", "  till:2026-12-31", "till: 2026-12-31"),
        ("  - namn: IOGT-NTO", "  - namn:IOGT-NTO", "namn: IOGT-NTO"),
        ("årlig_ersättning: 339690", "årlig_ersättning:339690", "årlig_ersättning: 339690"),
        ("mbl: |", "mbl:|", "mbl: |"),
    ],
)
def test_a_missing_space_after_a_colon_is_named_at_its_own_line(old, new, written):
    text = EXAMPLE.replace(old, new, 1)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if new in row)
    with pytest.raises(CaseError) as info:
        load_yaml_text(text.encode(), "fall.yaml")
    [problem] = info.value.problems
    assert (problem.code, problem.line) == ("Y001", line)
    assert problem.column == text.splitlines()[line - 1].index(":") + 2
    assert "Mellanslag saknas efter kolonet" in problem.message and f"'{written}" in problem.message


def test_a_web_address_or_a_time_in_a_value_is_no_missing_space():
    text = EXAMPLE.replace(
        "  namn: John Fristedt", "  namn: John Fristedt\n  titel 10:30 https://x.se"
    )
    with pytest.raises(CaseError) as info:
        load_yaml_text(text.encode(), "fall.yaml")
    assert all("Mellanslag saknas" not in p.message for p in info.value.problems)
