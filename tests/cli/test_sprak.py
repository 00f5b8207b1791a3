"""`iopdocs sprak` and the language remarks of `iopdocs validate`, as a user runs them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from iopdocs.cli import main
from iopdocs.swedish.spelling import INSTALL

ROOT = Path(__file__).resolve().parents[2]
PLANTED = ROOT / "tests" / "case" / "language" / "klarsprak.yaml"


def invoke(project_dir: Path, *args: str):
    settings = ["--installningar", str(project_dir / "iopdocs.yaml")]
    command, *rest = args
    return CliRunner().invoke(main, [command, *settings, *rest])


def codes(output: str) -> list[str]:
    return re.findall(r": språk (K\d{3}):", output)


def test_sprak_on_the_examples_finds_no_misspelling_and_shows_each_sections_lix(project_dir):
    result = invoke(project_dir, "sprak")
    assert result.exit_code == 0, result.output
    assert "K001" not in codes(result.stdout)
    for example in (project_dir / "cases").glob("*.yaml"):
        assert f"LIX per avsnitt i {example} (mål högst 50):" in result.stdout
    assert re.search(r"^ +\d+ +ärende \(rad \d+, \d+ ord\)", result.stdout, re.MULTILINE)
    count = len(list((project_dir / "cases").glob("*.yaml")))
    assert f"{count} av {count} ärenden granskade" in result.stdout
    assert "varav 0 stavfel" in result.stdout


def test_sprak_on_the_planted_case_reports_every_kind_of_remark(project_dir):
    case = project_dir / "cases" / "klarsprak.yaml"
    shutil.copy(PLANTED, case)
    result = invoke(project_dir, "sprak", str(case))
    assert result.exit_code == 0, result.output
    assert set(codes(result.stdout)) == {f"K00{n}" for n in range(1, 8)}
    assert f"{case}:28:3: språk K001: ärende: 'Förvaltnigen'" in result.stdout
    assert "Menade du 'Förvaltningen'" in result.stdout


def test_sprak_without_suggestions(project_dir):
    case = project_dir / "cases" / "klarsprak.yaml"
    shutil.copy(PLANTED, case)
    result = invoke(project_dir, "sprak", "--utan-forslag", str(case))
    assert "K001" in codes(result.stdout) and "Menade du" not in result.stdout


def test_an_unreadable_case_fails_and_the_others_are_still_read(project_dir):
    broken = project_dir / "cases" / "trasig.yaml"
    broken.write_text("rubrik: [öppen\n", encoding="utf-8")
    result = invoke(project_dir, "sprak")
    assert result.exit_code == 1
    assert f"{broken}:" in result.stderr and "Y00" in result.stderr
    read = len(list((project_dir / "cases").glob("*.yaml"))) - 1
    assert f"{read} av {read + 1} ärenden granskade" in result.stdout
    assert "1 kunde inte läsas" in result.stdout


def test_a_word_list_not_in_utf8_stops_sprak_but_not_validate(project_dir):
    (project_dir / "ordlista.txt").write_bytes(b"Cupolen\nV\xe4xj\xf6bor\n")
    result = invoke(project_dir, "sprak")
    assert result.exit_code == 2
    assert "ordlista.txt:2: språk K008" in result.stderr
    validated = invoke(project_dir, "validate", "--jobb", "1")
    assert validated.exit_code == 0, validated.output
    assert validated.stderr.count("K008") == 1 and "Språket granskas inte." in validated.stderr
    assert codes(validated.stdout) == []


def test_validate_shows_the_language_remarks_but_they_never_fail_it(project_dir):
    shutil.copy(PLANTED, project_dir / "cases" / "klarsprak.yaml")
    result = invoke(project_dir, "validate", "--jobb", "2")
    assert result.exit_code == 0, result.output
    assert {"K001", "K002", "K004", "K007"} <= set(codes(result.stdout))
    count = len(list((project_dir / "cases").glob("*.yaml")))
    assert f"{count} av {count} ärenden godkända, 0 med fel" in result.stdout
    assert "anmärkningar om språket" in result.stdout


def test_validate_without_language(project_dir):
    shutil.copy(PLANTED, project_dir / "cases" / "klarsprak.yaml")
    result = invoke(project_dir, "validate", "--utan-sprak", "--jobb", "1")
    assert result.exit_code == 0, result.output
    assert codes(result.output) == [] and "språket" not in result.output


def run_without_enchant(project_dir: Path, tmp_path: Path, *args: str):
    """Run iopdocs in a fresh process whose pyenchant finds no usable Enchant library."""
    not_a_library = tmp_path / "libenchant-2.so.2"
    not_a_library.write_bytes(b"")
    env = {**os.environ, "PYENCHANT_LIBRARY_PATH": str(not_a_library)}
    return subprocess.run(
        [sys.executable, "-m", "iopdocs", *args],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_the_dictionary_sprak_says_how_to_install_it_and_reads_on(project_dir, tmp_path):
    shutil.copy(PLANTED, project_dir / "cases" / "klarsprak.yaml")
    result = run_without_enchant(project_dir, tmp_path, "sprak")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(INSTALL) == 1
    assert "stavningen kontrolleras inte" in result.stderr
    found = set(codes(result.stdout))
    assert "K001" not in found and {"K002", "K003", "K004", "K007"} <= found
    assert "LIX per avsnitt" in result.stdout


def test_without_the_dictionary_validate_says_so_once(project_dir, tmp_path):
    result = run_without_enchant(project_dir, tmp_path, "validate", "--jobb", "2")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(INSTALL) == 1
