"""Safe writes: atomic, unchanged files untouched, hand edits never lost."""

from __future__ import annotations

import os

import pytest

from iopdocs.build.manifest import Manifest, Outcome, write_output
from iopdocs.files import atomic_write


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    atomic_write(tmp_path / "a.docx", b"one")
    atomic_write(tmp_path / "a.docx", b"two")
    assert (tmp_path / "a.docx").read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    atomic_write(tmp_path / "a.docx", b"old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write(tmp_path / "a.docx", b"new")
    assert (tmp_path / "a.docx").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_unchanged_output_is_not_rewritten(tmp_path):
    manifest = Manifest(tmp_path)
    assert write_output(manifest, "a.docx", b"x", {}).outcome is Outcome.WRITTEN
    before = (tmp_path / "a.docx").stat().st_mtime_ns
    assert write_output(manifest, "a.docx", b"x", {}).outcome is Outcome.UNCHANGED
    assert (tmp_path / "a.docx").stat().st_mtime_ns == before


def test_hand_edited_output_is_kept(tmp_path):
    manifest = Manifest(tmp_path)
    write_output(manifest, "a.docx", b"generated", {})
    manifest.save()
    (tmp_path / "a.docx").write_bytes(b"edited by hand")
    result = write_output(Manifest.read(tmp_path), "a.docx", b"regenerated", {})
    assert result.outcome is Outcome.KEPT_EDITED
    assert "ändrats efter att det skapades" in result.note
    assert (tmp_path / "a.docx").read_bytes() == b"edited by hand"


def test_force_backs_up_the_hand_edited_file_first(tmp_path):
    manifest = Manifest(tmp_path)
    write_output(manifest, "a.docx", b"generated", {})
    (tmp_path / "a.docx").write_bytes(b"edited by hand")
    result = write_output(manifest, "a.docx", b"regenerated", {}, force=True)
    assert result.outcome is Outcome.FORCED
    backups = list(tmp_path.glob("a.handandrad-*.docx"))
    assert [b.read_bytes() for b in backups] == [b"edited by hand"]
    assert (tmp_path / "a.docx").read_bytes() == b"regenerated"


def test_a_file_not_in_the_manifest_is_not_overwritten(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"someone's own file")
    result = write_output(Manifest(tmp_path), "a.docx", b"generated", {})
    assert result.outcome is Outcome.KEPT_EDITED
    assert (tmp_path / "a.docx").read_bytes() == b"someone's own file"


def test_manifest_round_trip(tmp_path):
    manifest = Manifest(tmp_path)
    write_output(manifest, "a.docx", b"x", {"ärende": "abc"})
    manifest.save()
    assert Manifest.read(tmp_path).files["a.docx"]["indata"] == {"ärende": "abc"}


def test_a_write_killed_before_the_manifest_was_final_is_not_taken_for_a_hand_edit(tmp_path):
    manifest = Manifest(tmp_path)
    write_output(manifest, "a.docx", b"first", {})
    manifest.save()
    # A build that announced b"second" and wrote it, then was killed before saving.
    before_kill = Manifest.read(tmp_path)
    before_kill.files["a.docx"] = {
        **before_kill.files["a.docx"],
        "väntande": __import__("hashlib").sha256(b"second").hexdigest(),
    }
    before_kill.save()
    (tmp_path / "a.docx").write_bytes(b"second")
    result = write_output(Manifest.read(tmp_path), "a.docx", b"third", {})
    assert result.outcome is Outcome.WRITTEN
    assert (tmp_path / "a.docx").read_bytes() == b"third"


def test_a_file_already_holding_the_new_bytes_is_unchanged_even_if_unrecorded(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"same")
    result = write_output(Manifest(tmp_path), "a.docx", b"same", {})
    assert result.outcome is Outcome.UNCHANGED
