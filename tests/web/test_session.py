"""An open case: drafts beside the file, saving without overwriting anyone, merging."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from iopdocs.web.session import Draft, Session, draft_path

AMOUNT = ("parter", 0, "årlig_ersättning")


@pytest.fixture
def case(example_case: Path) -> Path:
    """Return the example case file of the project copy."""
    return example_case


def test_opening_and_saving_without_changes_touches_nothing(case):
    before, stamp = case.read_bytes(), case.stat().st_mtime_ns
    session = Session.open(case)
    assert session.save()
    assert case.read_bytes() == before and case.stat().st_mtime_ns == stamp
    assert not draft_path(case).exists()


def test_typing_is_kept_as_a_draft_beside_the_file_until_saved(case):
    session = Session.open(case)
    session.apply({AMOUNT: "350000"})
    draft = Draft.read(case)
    assert draft is not None and "350000" in draft.text
    assert draft.base == case.read_text(encoding="utf-8")
    assert draft_path(case).name.startswith(".") and not draft_path(case).name.endswith(".yaml")
    assert session.save()
    assert "årlig_ersättning: 350000" in case.read_text(encoding="utf-8")
    assert not draft_path(case).exists()


def test_a_draft_survives_a_restart(case):
    Session.open(case).apply({AMOUNT: "350000"})
    restarted = Session.open(case)  # a new server process knows nothing but the files
    assert not restarted.dirty
    restarted.restore(Draft.read(case))
    assert restarted.dirty and "350000" in restarted.text
    assert restarted.save()
    assert "350000" in case.read_text(encoding="utf-8")


def test_undoing_a_change_removes_the_draft(case):
    session = Session.open(case)
    session.apply({AMOUNT: "350000"})
    session.apply({AMOUNT: "339690"})
    assert not session.dirty and not draft_path(case).exists()


def test_a_file_changed_on_disk_is_not_overwritten(case):
    session = Session.open(case)
    session.apply({AMOUNT: "350000"})
    theirs = case.read_text(encoding="utf-8").replace("rubrik: ", "rubrik: Ny ", 1)
    case.write_text(theirs, encoding="utf-8")
    assert session.changed_on_disk()
    assert not session.save()
    assert case.read_text(encoding="utf-8") == theirs
    conflict = session.conflict()
    assert conflict.disk == theirs and "350000" in conflict.mine


def test_merging_takes_both_changes_and_names_a_clash(case):
    session = Session.open(case)
    session.apply({AMOUNT: "350000", ("diarienummer",): "SON 2019-1252"})
    theirs = case.read_text(encoding="utf-8")
    theirs = theirs.replace("rubrik: ", "rubrik: Ny ", 1).replace(
        "SON 2019-1251", "SON 2019-1999", 1
    )
    case.write_text(theirs, encoding="utf-8")
    merged = session.merge()
    assert AMOUNT in merged.applied
    assert ("diarienummer",) in merged.clashes
    assert "rubrik: Ny " in session.text and "årlig_ersättning: 350000" in session.text
    assert "SON 2019-1999" in session.text
    assert session.save()


def test_a_list_changed_in_shape_is_a_clash(case):
    session = Session.open(case)
    session.reshape(lambda data: data["beslutsförslag"].append("Tredje punkten."))
    case.write_text(case.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert ("beslutsförslag",) in session.merge().clashes


def test_saving_is_atomic(case, monkeypatch):
    session = Session.open(case)
    session.apply({AMOUNT: "350000"})
    before = case.read_bytes()

    def broken_replace(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        session.save()
    assert case.read_bytes() == before
    assert [p.name for p in case.parent.iterdir() if p.name.endswith(".tmp")] == []
