"""Attacks on the remembered case file: a hand-edited manifest, a lost one, a moved decision."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from conftest import build_in, edit
from test_casefile import DECIDED, RECORD, arkivera, case_file, manifest_of

MANIFEST = ".iopdocs-manifest.json"


@pytest.fixture
def sealed(project_dir: Path) -> Path:
    """Return the project after the build that sealed the decided case."""
    assert build_in(project_dir).exit_code == 0
    return project_dir


def rewrite_manifest(project: Path, change) -> None:
    path = project / "output" / DECIDED / MANIFEST
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.update({RECORD: [1]}),
        lambda d: d[RECORD].update({"kopia": 5}),
        lambda d: d[RECORD].update({"sha256": None, "kopia": ["x"]}),
        lambda d: d.update({"filer": [1]}),
    ],
    ids=["record-list", "copy-number", "copy-list", "files-list"],
)
def test_a_manifest_with_wrong_types_is_reported_as_damaged_not_a_crash(sealed, damage):
    rewrite_manifest(sealed, damage)
    edit(case_file(sealed), "rubrik: Avslut av", "rubrik: Avslutande av")
    result = arkivera(sealed)
    assert not isinstance(result.exception, TypeError), result.output
    assert result.exit_code == 1, result.output
    assert MANIFEST in result.output and "skadat" in result.output
    assert not (sealed / "output" / "arkiv").exists()


@pytest.mark.parametrize("copy", ["../../cases/{name}", "/{abs}"])
def test_a_kept_copy_outside_the_kept_folder_is_not_trusted(sealed, copy):
    """A manifest naming a copy elsewhere (`..`, absolute) is damaged: no package from it."""
    other = case_file(sealed)
    edit(other, "rubrik: Avslut av", "rubrik: Avslutande av")
    digest = hashlib.sha256(other.read_bytes()).hexdigest()
    target = copy.format(name=other.name, abs=str(other).lstrip("/"))
    rewrite_manifest(sealed, lambda d: d[RECORD].update({"sha256": digest, "kopia": target}))
    result = arkivera(sealed)
    assert result.exit_code == 1, result.output
    assert "skadat" in result.output
    assert not (sealed / "output" / "arkiv").exists()


def test_a_lost_manifest_does_not_make_a_changed_case_file_the_sealed_one(sealed):
    """The manifest is moved away (as its own message says), the case file changed, rebuilt."""
    original = hashlib.sha256(case_file(sealed).read_bytes()).hexdigest()
    (sealed / "output" / DECIDED / MANIFEST).unlink()
    edit(case_file(sealed), "rubrik: Avslut av", "rubrik: Avslutande av")
    build_in(sealed, str(case_file(sealed)))
    assert manifest_of(sealed)[RECORD]["sha256"] == original
    result = arkivera(sealed)
    assert result.exit_code == 1 and "A003" in result.output, result.output
    assert not (sealed / "output" / "arkiv").exists()


@pytest.mark.parametrize(
    "old,new",
    [("  datum: 2024-12-18", "  datum: 2024-12-19"), ("  paragraf: 142", "  paragraf: 143")],
    ids=["day", "paragraph"],
)
def test_moving_the_decision_to_another_day_or_paragraph_is_not_justering(sealed, old, new):
    edit(case_file(sealed), old, new)
    result = arkivera(sealed)
    assert result.exit_code == 1, result.output
    assert "A003" in result.output and str(case_file(sealed)) in result.output
    assert not (sealed / "output" / "arkiv").exists()


def test_a_renamed_decided_case_file_makes_no_second_set_of_decided_papers(sealed):
    """Renamed (and changed): a new folder would get a new sealed memo for the same decision."""
    renamed = sealed / "cases" / "berga-ny.yaml"
    edit(case_file(sealed), "rubrik: Avslut av", "rubrik: Avslutande av")
    case_file(sealed).rename(renamed)
    result = build_in(sealed, str(renamed))
    assert result.exit_code == 1, result.output
    assert "L005" in result.output and str(sealed / "output" / DECIDED) in result.output
    assert not (sealed / "output" / "berga-ny" / "tjansteskrivelse.docx").exists()
    result = arkivera_file(sealed, renamed)
    assert result.exit_code == 1, result.output
    assert not (sealed / "output" / "arkiv").exists()


def arkivera_file(project: Path, file: Path):
    from click.testing import CliRunner

    from iopdocs.cli import main

    settings = ["--installningar", str(project / "iopdocs.yaml"), "--ut", str(project / "output")]
    return CliRunner().invoke(main, ["arkivera", *settings, str(file)])


def test_a_full_disk_while_sealing_then_a_change_does_not_record_the_changed_file(
    project_dir, monkeypatch
):
    """The disk fills as the sealing build keeps its copy; the case is changed; built again."""
    import errno

    from iopdocs.build import sealing

    original = hashlib.sha256(case_file(project_dir).read_bytes()).hexdigest()
    write = sealing.atomic_write

    def full_for_the_copy(path: Path, data: bytes) -> None:
        if sealing.SEALED_COPIES in path.parts:
            raise OSError(errno.ENOSPC, "No space left on device")
        write(path, data)

    monkeypatch.setattr(sealing, "atomic_write", full_for_the_copy)
    result = build_in(project_dir, str(case_file(project_dir)))
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    monkeypatch.setattr(sealing, "atomic_write", write)
    edit(case_file(project_dir), "rubrik: Avslut av", "rubrik: Avslutande av")
    build_in(project_dir, str(case_file(project_dir)))
    with zipfile.ZipFile(project_dir / "output" / DECIDED / "tjansteskrivelse.docx") as memo:
        memo_is_new = "Avslutande av" in memo.read("word/document.xml").decode("utf-8")
    recorded_is_new = manifest_of(project_dir)[RECORD]["sha256"] != original
    assert recorded_is_new == memo_is_new
