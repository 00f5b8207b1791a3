"""README's two commands stay true: CI runs the test command it shows."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    """Return the indented command lines of README's "Kom igång" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Kom igång", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if line.startswith("    ")]


def test_readme_gives_exactly_two_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert commands[0].endswith("iopdocs build")
    assert commands[1].endswith("pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_ci_installs_libreoffice():
    assert "libreoffice" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_ci_and_readme_install_the_swedish_dictionary_without_recommends():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    setup = (ROOT / "README.md").read_text(encoding="utf-8").split("## Kom igång", 1)[1]
    setup = " ".join(setup.split("\n## ", 1)[0].split())
    for text in (ci, setup):
        assert "hunspell-sv" in text and "libenchant-2-2" in text
        assert "--no-install-recommends" in text


def test_ci_installs_the_workbench_browser_and_libreoffice_bridge():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "chromium" in ci and "python3-uno" in ci and "--no-install-recommends" in ci
