"""Batch builds: incremental by content, parallel, byte-identical, with meetings."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import build_in, touch_template

EXAMPLE = "iop-iogt-nto-pingst-2024-2026"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*.docx"))
    }


def test_no_op_rebuild_touches_nothing(project_dir):
    assert build_in(project_dir).exit_code == 0
    before = snapshot(project_dir / "output")
    result = build_in(project_dir)
    assert result.exit_code == 0
    assert "0 byggda" in result.output and "oförändrade" in result.output
    assert snapshot(project_dir / "output") == before


def test_only_the_changed_case_is_rebuilt_and_the_summary_says_why(project_dir, example_case):
    build_in(project_dir)
    example_case.write_text(
        example_case.read_text(encoding="utf-8") + "# ny kommentar\n", encoding="utf-8"
    )
    result = build_in(project_dir)
    assert "1 byggt," in result.output
    assert "ärendefilen har ändrats: 1" in result.output


def _touch_settings(project_dir: Path) -> None:
    """Change the settings file's content."""
    path = project_dir / "iopdocs.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# ändrad\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_touch_settings, "inställningarna har ändrats"),
        (touch_template, "mallen tjansteskrivelse.docx har ändrats"),
    ],
)
def test_shared_inputs_rebuild_every_case(project_dir, change, reason):
    build_in(project_dir)
    change(project_dir)
    result = build_in(project_dir)
    cases = list((project_dir / "cases").glob("*.yaml"))
    decided = [c for c in cases if "\nbeslut:" in c.read_text(encoding="utf-8")]
    # A decided case only gets its protokollsutdrag, from another template.
    rebuilt = len(cases) - (len(decided) if "mall" in reason else 0)
    assert f"{reason}: {rebuilt}" in result.output, result.output


def test_file_times_alone_do_not_rebuild(project_dir):
    build_in(project_dir)
    for path in (project_dir / "cases").iterdir():
        os.utime(path, (time.time() + 100, time.time() + 100))
    assert "0 byggda" in build_in(project_dir).output


def test_all_flag_rebuilds_everything(project_dir):
    build_in(project_dir)
    result = build_in(project_dir, "--all")
    assert "0 oförändrade" in result.output and "--all" in result.output


def test_parallel_and_serial_builds_give_the_same_bytes(project_dir, tmp_path):
    assert build_in(project_dir, "--jobb", "1").exit_code == 0
    serial = {k: v[0] for k, v in snapshot(project_dir / "output").items()}
    shutil.rmtree(project_dir / "output")
    assert build_in(project_dir, "--jobb", "2").exit_code == 0
    assert {k: v[0] for k, v in snapshot(project_dir / "output").items()} == serial


def build_in_subprocess(project_dir: Path, out: Path, tz: str) -> None:
    env = {**os.environ, "TZ": tz}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "iopdocs",
            "build",
            "--installningar",
            str(project_dir / "iopdocs.yaml"),
            "--ut",
            str(out),
        ],
        check=True,
        capture_output=True,
        env=env,
        cwd=project_dir,
    )


def test_byte_identical_across_folders_and_time_zones(project_dir, tmp_path):
    other = tmp_path / "elsewhere"
    shutil.copytree(project_dir, other)
    build_in_subprocess(project_dir, project_dir / "output", "Europe/Stockholm")
    time.sleep(1.1)
    build_in_subprocess(other, other / "output", "America/Los_Angeles")
    first = {k: v[0] for k, v in snapshot(project_dir / "output").items()}
    second = {k: v[0] for k, v in snapshot(other / "output").items()}
    assert first and first == second


def test_documents_carry_provenance(project_dir):
    build_in(project_dir)
    data = (project_dir / "output" / EXAMPLE / "tjansteskrivelse.docx").read_bytes()
    custom = zipfile.ZipFile(io.BytesIO(data)).read("docProps/custom.xml").decode()
    case_hash = (
        __import__("hashlib")
        .sha256((project_dir / "cases" / f"{EXAMPLE}.yaml").read_bytes())
        .hexdigest()
    )
    assert case_hash in custom and "iopdocs-version" in custom and "iopdocs-mall-sha256" in custom
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert "2023-08-30T00:00:00Z" in core and "<dc:language>sv-SE</dc:language>" in core


def test_meeting_builds_its_cases_and_an_agenda(project_dir):
    result = build_in(project_dir, "--sammantrade", "2023-09-20")
    assert result.exit_code == 0, result.output
    folder = project_dir / "output" / "sammantrade-2023-09-20"
    from iopdocs.word.text import docx_text

    agenda = docx_text(folder / "foredragningslista.docx")
    assert "## 4. Förlängning av ett idéburet offentligt partnerskap" in agenda
    assert "Diarienummer: SON 2019-1251" in agenda
    assert "1. Social- och omsorgsnämnden förlänger" in agenda
    assert "- Bilaga 1: Idéburet offentligt partnerskap (IOP)" in agenda
    papers = json.loads((folder / "handlingar.json").read_text(encoding="utf-8"))["handlingar"]
    for entry in papers:
        path = project_dir / "output" / entry["fil"]
        assert __import__("hashlib").sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    other_meeting = [p.name for p in (project_dir / "output").iterdir()]
    assert "iop-ny-tre-parter-2025-2027" not in other_meeting


def test_killed_batch_leaves_no_partial_output_and_a_rerun_completes(project_dir):
    example = (project_dir / "cases" / f"{EXAMPLE}.yaml").read_text(encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "iopdocs", "build", "--ut", str(project_dir / "ref")],
        cwd=project_dir,
        check=True,
        capture_output=True,
    )
    expected_examples = len(list((project_dir / "ref").rglob("*.docx")))
    for i in range(60):
        (project_dir / "cases" / f"kopia-{i:02d}.yaml").write_text(example, encoding="utf-8")
    out = project_dir / "output"
    command = [
        sys.executable,
        "-m",
        "iopdocs",
        "build",
        "--jobb",
        "2",
        "--installningar",
        str(project_dir / "iopdocs.yaml"),
        "--ut",
        str(out),
    ]
    process = subprocess.Popen(
        command,
        cwd=project_dir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.rglob("*.docx"))) < 10:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for path in out.rglob("*.docx"):
        assert zipfile.ZipFile(path).testzip() is None, path  # complete, never partial
    rerun = subprocess.run(command, cwd=project_dir, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    per_copy = len(list((project_dir / "ref" / EXAMPLE).glob("*.docx")))
    assert len(list(out.rglob("*.docx"))) == per_copy * 60 + expected_examples
    assert not list(out.rglob("*.tmp")), list(out.rglob("*.tmp"))


def test_a_case_whose_first_write_was_killed_is_rebuilt(project_dir):
    """A manifest that only announced a write (the build died) means: build again."""
    assert build_in(project_dir).exit_code == 0
    manifest = project_dir / "output" / EXAMPLE / ".iopdocs-manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["filer"] = {"tjansteskrivelse.docx": {"väntande": "0" * 64}}
    manifest.write_text(json.dumps(data), encoding="utf-8")
    result = build_in(project_dir)
    assert result.exit_code == 0, result.output
    assert "ett tidigare bygge avbröts: 1" in result.output


def put_in_template(project_dir: Path, name: str, tag: str) -> None:
    """Put `tag` at the start of the first text of a template in the project copy."""
    path = project_dir / "templates" / name
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    xml = parts["word/document.xml"]
    start = xml.index(b">", xml.index(b"<w:t")) + 1
    parts["word/document.xml"] = xml[:start] + tag.encode() + xml[start:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for part, data in parts.items():
            package.writestr(part, data)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_template_that_cannot_be_filled_fails_its_cases_only(project_dir, jobs):
    # Before: a traceback (ValueError: Exceeds the limit (4300 digits)) and no case built.
    put_in_template(project_dir, "iop-overenskommelse.docx", "{{ 10**5000 }}")
    result = build_in(project_dir, "--jobb", jobs)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1
    assert "M001" in result.output and "för stort" in result.output
    ending = project_dir / "output" / "iop-avslut-berga-motesplats-2025"
    assert (ending / "tjansteskrivelse.docx").is_file()  # an ending has no agreement: built
