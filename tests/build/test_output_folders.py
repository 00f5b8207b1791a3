"""The output folder under attack: two builds at once, cases that would share a folder,
documents a case no longer makes."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import build_in

from iopdocs.build.project import Project, output_lock

NEW = "iop-ny-tre-parter-2025-2027"


def build_command(project_dir: Path, *args: str) -> list[str]:
    """Return the command line of `iopdocs build` on the project copy."""
    settings = ["--installningar", str(project_dir / "iopdocs.yaml")]
    return [sys.executable, "-m", "iopdocs", "build", *settings, *args]


def test_two_builds_at_once_never_fail_each_other(project_dir):
    # Before: 1 in 10 pairs of `build --alla` on 60 cases failed a case with "No such file
    # or directory" (one build removed the other's temporary files).
    example = (project_dir / "cases" / f"{NEW}.yaml").read_text(encoding="utf-8")
    for i in range(56):
        (project_dir / "cases" / f"kopia-{i:02d}.yaml").write_text(example, encoding="utf-8")
    count = len(list((project_dir / "cases").glob("*.yaml")))
    command = build_command(project_dir, "--alla")
    for _ in range(4):
        both = [
            subprocess.Popen(
                command, cwd=project_dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for _ in range(2)
        ]
        outputs = [process.communicate(timeout=300) for process in both]
        for process, (out, err) in zip(both, outputs, strict=True):
            assert process.returncode == 0, out + err
            assert f"{count} byggda" in out, out
    for path in (project_dir / "output").rglob("*.docx"):
        assert zipfile.ZipFile(path).testzip() is None, path
    assert not list((project_dir / "output").rglob("*.tmp"))


def test_a_second_build_says_that_it_waits(project_dir):
    project = Project(project_dir / "iopdocs.yaml", project_dir / "output")
    with output_lock(project, "ett test"):
        waiting = subprocess.Popen(
            build_command(project_dir, "--ut", str(project_dir / "output")),
            cwd=project_dir,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        first_line = waiting.stderr.readline()
        assert "Väntar" in first_line and "ett test" in first_line, first_line
        assert waiting.poll() is None
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, out + err


def test_an_output_path_that_is_a_file_is_refused_in_swedish(project_dir):
    (project_dir / "output").write_text("inte en mapp")
    result = build_in(project_dir)
    assert result.exit_code == 2
    assert "är en fil, inte en mapp" in result.output and "is a file" not in result.output


def test_cases_of_the_same_name_in_two_subfolders_are_refused_naming_both(project_dir):
    # Before: both wrote output/arende/ in turn, exit 0.
    cases = project_dir / "cases"
    for folder, name in (("2024", f"{NEW}.yaml"), ("2025", "iop-iogt-nto-pingst-2024-2026.yaml")):
        (cases / folder).mkdir()
        (cases / name).rename(cases / folder / "arende.yaml")
    result = build_in(project_dir)
    assert result.exit_code == 1
    summary = result.output.split("Sammanfattning")[1]
    assert f"fel i {cases / '2024' / 'arende.yaml'}: samma filnamn som {cases / '2025'}" in summary
    assert f"fel i {cases / '2025' / 'arende.yaml'}: samma filnamn som {cases / '2024'}" in summary
    assert not (project_dir / "output" / "arende").exists()
    assert (project_dir / "output" / "iop-avslut-berga-motesplats-2025").is_dir()


def test_a_folder_that_belongs_to_another_case_file_is_not_taken_over(project_dir):
    cases = project_dir / "cases"
    (cases / "2024").mkdir()
    (cases / "2024" / f"{NEW}.yaml").write_bytes((cases / f"{NEW}.yaml").read_bytes())
    assert build_in(project_dir, str(cases / f"{NEW}.yaml")).exit_code == 0
    result = build_in(project_dir, str(cases / "2024" / f"{NEW}.yaml"))
    assert result.exit_code == 1
    assert f"hör till ärendet {cases / f'{NEW}.yaml'}" in result.output
    (cases / f"{NEW}.yaml").unlink()  # moved: now the folder may follow the file
    assert build_in(project_dir, str(cases / "2024" / f"{NEW}.yaml")).exit_code == 0


def to_ending(case: Path) -> None:
    """Turn the new-agreement example into an ending (avslut) of the same agreement."""
    text = case.read_text(encoding="utf-8").replace("beslutstyp: ny ", "beslutstyp: avslut ", 1)
    ending = "\navslut:\n  datum: 2025-06-30\n  skäl: Parterna är överens.\n\nparter:"
    case.write_text(text.replace("\nparter:", ending, 1), encoding="utf-8")


def test_a_document_the_case_no_longer_makes_is_removed_and_the_build_settles(project_dir):
    # Before: the agreement stayed, and every later build said "ärendefilen har ändrats".
    case = project_dir / "cases" / f"{NEW}.yaml"
    folder = project_dir / "output" / NEW
    assert build_in(project_dir, str(case)).exit_code == 0
    assert (folder / "iop-overenskommelse.docx").is_file()
    to_ending(case)
    result = build_in(project_dir, str(case))
    assert result.exit_code == 0, result.output
    assert "iop-overenskommelse.docx: borttagen" in result.output
    assert not (folder / "iop-overenskommelse.docx").exists()
    manifest = json.loads((folder / ".iopdocs-manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["filer"]) == ["tjansteskrivelse.docx"]
    again = build_in(project_dir, str(case))
    assert "1 oförändrat," in again.output, again.output


def test_a_hand_edited_document_the_case_no_longer_makes_is_kept_aside(project_dir):
    case = project_dir / "cases" / f"{NEW}.yaml"
    folder = project_dir / "output" / NEW
    build_in(project_dir, str(case))
    agreement = folder / "iop-overenskommelse.docx"
    agreement.write_bytes(agreement.read_bytes() + b"\0")  # edited after it was made
    to_ending(case)
    result = build_in(project_dir, str(case))
    assert "ändrad för hand, sparad som iop-overenskommelse.handandrad-" in result.output
    assert not agreement.exists()
    assert len(list(folder.glob("iop-overenskommelse.handandrad-*.docx"))) == 1
