"""Sealed records: a decided case's papers are never written again, whatever changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import build_in, edit, touch_template
from copier import Copier

from iopdocs.build import cases, freshness
from iopdocs.build.project import Project
from iopdocs.build.publishing import publish

DECIDED = "iop-avslut-berga-motesplats-2025"
UNDECIDED = "iop-ny-tre-parter-2025-2027"
LOCK = "låst (beslutat 2024-12-18 § 142)"


def folder(project_dir: Path, case: str = DECIDED) -> Path:
    return project_dir / "output" / case


def snapshot(path: Path) -> dict[str, tuple[bytes, int]]:
    """Return every file's bytes and modification time in a case folder, kept copies too."""
    files = sorted(p for p in path.rglob("*") if p.is_file())
    return {p.relative_to(path).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in files}


def manifest(project_dir: Path, case: str = DECIDED) -> dict:
    text = (folder(project_dir, case) / ".iopdocs-manifest.json").read_text(encoding="utf-8")
    return json.loads(text)["filer"]


@pytest.fixture
def built(project_dir: Path) -> Path:
    """Return the project after a first build of every example."""
    result = build_in(project_dir)
    assert result.exit_code == 0, result.output
    return project_dir


def test_a_decided_case_is_sealed_at_its_first_build(built):
    entries = manifest(built)
    assert entries["tjansteskrivelse.docx"]["låst"] == "beslutat 2024-12-18 § 142"
    assert "låst" not in entries["protokollsutdrag.docx"]
    assert not any("låst" in e for e in manifest(built, UNDECIDED).values())


def test_template_goals_version_and_force_leave_the_decided_papers_untouched(built, monkeypatch):
    sealed = folder(built) / "tjansteskrivelse.docx"
    before = sealed.read_bytes(), sealed.stat().st_mtime_ns
    undecided = folder(built, UNDECIDED) / "tjansteskrivelse.docx"
    old_memo = undecided.read_bytes()
    touch_template(built)
    # The goals' link: every case shows it, also one that chooses its own goals.
    edit(built / "iopdocs.yaml", "övergripande mål 2023–2026", "övergripande mål 2027–2030")
    for module in (freshness, cases):
        monkeypatch.setattr(module, "__version__", "99.0")
    result = build_in(built, "--force", "--alla")
    assert result.exit_code == 0, result.output
    assert (sealed.read_bytes(), sealed.stat().st_mtime_ns) == before
    assert f"{sealed.relative_to(built)}: {LOCK}" in result.output
    assert undecided.read_bytes() != old_memo  # the undecided case got the new link
    assert "mål 2027–2030" in _text(undecided) and "mål 2027–2030" not in _text(sealed)


def test_changing_the_decided_case_file_rebuilds_only_its_extract(built):
    before = snapshot(folder(built))
    case = built / "cases" / f"{DECIDED}.yaml"
    edit(case, "Berga Mötesplats har sedan 2021", "Berga Mötesplats har sedan 2020")
    edit(case, "sekreterare: Karin Holm", "sekreterare: Karin Holm-Ek")
    result = build_in(built)
    assert result.exit_code == 0, result.output
    after = snapshot(folder(built))
    assert after["tjansteskrivelse.docx"] == before["tjansteskrivelse.docx"]
    assert after["protokollsutdrag.docx"][0] != before["protokollsutdrag.docx"][0]
    assert "Karin Holm-Ek" in _text(folder(built) / "protokollsutdrag.docx")


def test_an_unchanged_decided_case_reports_its_sealed_paper(built):
    result = build_in(built, str(built / "cases" / f"{DECIDED}.yaml"))
    assert "oförändrat" in result.output and LOCK in result.output


@pytest.mark.parametrize("damage", ["change", "delete"])
def test_a_changed_or_missing_sealed_paper_is_l001_naming_file_and_hash(built, damage):
    sealed = folder(built) / "tjansteskrivelse.docx"
    recorded = manifest(built)["tjansteskrivelse.docx"]["sha256"]
    if damage == "change":
        sealed.write_bytes(sealed.read_bytes() + b"x")
    else:
        sealed.unlink()
    kept = sealed.read_bytes() if sealed.exists() else None
    result = build_in(built, "--force")
    assert result.exit_code == 1
    assert "L001" in result.output and recorded in result.output
    assert "tjansteskrivelse.docx" in result.output
    assert (sealed.read_bytes() if sealed.exists() else None) == kept  # never made again


def test_removing_the_decision_does_not_unseal(built):
    before = snapshot(folder(built))
    case = built / "cases" / f"{DECIDED}.yaml"
    text = case.read_text(encoding="utf-8")
    start = text.index("\nbeslut:")
    case.write_text(text[:start] + text[text.index("\n\n", start) :], encoding="utf-8")
    result = build_in(built, "--force")
    assert result.exit_code == 1 and "L002" in result.output
    assert snapshot(folder(built)) == before


def test_a_paper_edited_by_hand_before_the_decision_is_sealed_as_it_is(project_dir):
    case = project_dir / "cases" / f"{DECIDED}.yaml"
    text = case.read_text(encoding="utf-8")
    start = text.index("\nbeslut:")
    case.write_text(text[:start] + text[text.index("\n\n", start) :], encoding="utf-8")
    assert build_in(project_dir, str(case)).exit_code == 0
    memo = folder(project_dir) / "tjansteskrivelse.docx"
    memo.write_bytes(memo.read_bytes() + b"\n")  # a hand edit before the meeting
    case.write_text(text, encoding="utf-8")
    result = build_in(project_dir, str(case))
    assert result.exit_code == 0, result.output
    assert manifest(project_dir)["tjansteskrivelse.docx"]["sha256"] == _sha(memo)
    assert memo.read_bytes().endswith(b"\n")


def test_a_follow_up_written_after_the_decision_is_not_sealed(project_dir):
    name = "iop-iogt-nto-pingst-2024-2026"
    case = project_dir / "cases" / f"{name}.yaml"
    edit(
        case,
        "sammanträde: 2023-09-20\n",
        "sammanträde: 2023-09-20\nbeslut:\n  datum: 2023-09-20\n  paragraf: 87\n  justerat: 2023-09-27\n",
    )
    result = build_in(project_dir, str(case))
    assert result.exit_code == 0, result.output
    entries = manifest(project_dir, name)
    assert "låst" in entries["tjansteskrivelse.docx"]
    assert "låst" in entries["iop-overenskommelse.docx"]
    assert "låst" not in entries["uppfoljning-2024.docx"]


def test_a_sealed_paper_gets_a_missing_published_file_but_keeps_one_it_has(built):
    from iopdocs.build import batch

    project = Project(built / "iopdocs.yaml", built / "output")
    files = [built / "cases" / f"{DECIDED}.yaml"]
    publish(batch.run(files, project, jobs=1), project, [Copier("1", stamp=False)], jobs=1)
    copy = folder(built) / "tjansteskrivelse.kopia"
    assert copy.read_bytes() == (folder(built) / "tjansteskrivelse.docx").read_bytes()
    assert manifest(built)["tjansteskrivelse.kopia"]["låst"] == "beslutat 2024-12-18 § 142"
    later = Copier("2", stamp=False)  # a new tool version would remake every published file
    publish(batch.run(files, project, jobs=1), project, [later], jobs=1)
    assert later.made == ["protokollsutdrag.docx"]
    copy.write_bytes(b"changed")
    [report] = batch.run(files, project, jobs=1)
    assert [p.code for p in report.problems] == ["L001"]


def _text(path: Path) -> str:
    from iopdocs.word.text import docx_text

    return docx_text(path)


def _sha(path: Path) -> str:
    from iopdocs.files import file_sha256

    return file_sha256(path) or ""


def test_a_paper_the_manifest_sealed_stays_sealed_when_the_decision_date_moves(project_dir):
    name = "iop-iogt-nto-pingst-2024-2026"
    case = project_dir / "cases" / f"{name}.yaml"
    decided = (
        "sammanträde: 2023-09-20\nbeslut:\n  datum: {day}\n  paragraf: 87\n  justerat: {day}\n"
    )
    text = case.read_text(encoding="utf-8")
    case.write_text(
        text.replace("sammanträde: 2023-09-20\n", decided.format(day="2025-12-31"), 1), "utf-8"
    )
    assert build_in(project_dir, str(case)).exit_code == 0
    assert "låst" in manifest(project_dir, name)["uppfoljning-2024.docx"]  # dated before it
    report = folder(project_dir, name) / "uppfoljning-2024.docx"
    before = report.read_bytes(), report.stat().st_mtime_ns
    case.write_text(
        text.replace("sammanträde: 2023-09-20\n", decided.format(day="2023-09-20"), 1), "utf-8"
    )
    edit(case, "Kamratstödets lokal har hållit öppet", "Kamratstödets lokal har varit öppen")
    result = build_in(project_dir, str(case))
    assert result.exit_code == 0, result.output
    assert (report.read_bytes(), report.stat().st_mtime_ns) == before


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_sealed_paper_is_kept_as_it_is_when_the_manifest_was_deleted(built, force):
    """Deleting the manifest (to get past an error, say) must not unseal: the file stays."""
    sealed = folder(built) / "tjansteskrivelse.docx"
    before = sealed.read_bytes()
    (folder(built) / ".iopdocs-manifest.json").unlink()
    edit(built / "iopdocs.yaml", "namn: Susanna Lundstedt", "namn: Karin Holm")
    touch_template(built)
    result = build_in(built, str(built / "cases" / f"{DECIDED}.yaml"), *force)
    assert result.exit_code == 0, result.output
    assert sealed.read_bytes() == before
    assert not list(folder(built).glob("*.handandrad-*"))
    assert f"{sealed.relative_to(built)}: {LOCK}" in result.output
    assert manifest(built)["tjansteskrivelse.docx"]["sha256"] == _sha(sealed)


def test_a_decided_case_gets_no_new_sealed_paper_after_it_was_sealed(project_dir):
    """A follow-up added to a case already sealed here was never before the board: L003."""
    name = "iop-iogt-nto-pingst-2024-2026"
    case = project_dir / "cases" / f"{name}.yaml"
    edit(
        case,
        "sammanträde: 2023-09-20\n",
        "sammanträde: 2023-09-20\nbeslut:\n  datum: 2025-12-31\n  paragraf: 87\n"
        "  justerat: 2025-12-31\n",
    )
    text = case.read_text(encoding="utf-8")
    case.write_text(text[: text.index("\nuppföljningar:") + 1], encoding="utf-8")
    assert build_in(project_dir, str(case)).exit_code == 0
    before = snapshot(folder(project_dir, name))
    case.write_text(text, encoding="utf-8")  # the 2024 follow-up, dated before the decision
    result = build_in(project_dir, str(case), "--force")
    assert result.exit_code == 1 and "L003" in result.output, result.output
    assert "uppfoljning-2024.docx" in result.output
    assert snapshot(folder(project_dir, name)) == before
