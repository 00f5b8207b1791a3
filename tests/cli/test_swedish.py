"""Everything the command line says is Swedish: help, usage, click's own errors, prompts.

The English words to look for are taken from click itself: every message it
passes through gettext (extracted with Babel from the installed click), the
names of its parameter types and the words of its usage line. A newer click
with a new message fails `test_the_catalogue_covers_every_message_of_click`.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from click.testing import CliRunner

from iopdocs.cli import main

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src" / "iopdocs" / "cli" / "locale"

# Words of click's messages that are Swedish words too, or names.
ALSO_SWEDISH = {"a", "d", "t", "argument", "bash", "format", "in", "standard", "start", "uuid"}
ALSO_SWEDISH |= {"text", "var", "version", "windows"}
# What click shows without gettext: its type names and its usage line.
CLICK_WORDS = {"text", "integer", "float", "boolean", "choice", "datetime", "file", "directory"}
CLICK_WORDS |= {"path", "range", "options", "command", "args", "arguments"}
# The argument names the commands had in English.
OUR_OLD_WORDS = {"cases", "case", "document", "old", "new", "paths"}
# Words in capitals that may stand in a help text: metavars and abbreviations.
CAPITALS = {"FLAGGOR", "KOMMANDO", "ARGUMENT", "ÄRENDE", "ÄRENDEFIL", "FIL", "MAPP", "ANTAL"}
CAPITALS |= {"DOKUMENT", "GAMMAL", "NY", "SÖKVÄG", "SPRÅK", "NAMN", "ORGNR", "DIARIENUMMER"}
CAPITALS |= {"ÅÅÅÅ", "MM", "DD", "THH", "SS", "JSON", "YAML", "PDF", "IOP", "SE", "FGS"}
CAPITALS |= {"MALL", "LIX", "OPI", "PORT", "ADRESS", "UTKAST"}


def click_messages() -> set[str]:
    """Return every message click passes through gettext (singular and plural forms)."""
    found = set()
    for source in sorted(Path(click.__file__).parent.glob("*.py")):
        for _, message, _, _ in extract_from_file("python", str(source)):
            found.update(message if isinstance(message, tuple) else (message,))
    return found


@functools.cache
def english_words() -> frozenset[str]:
    """Return the English words click would show, in lower case."""
    words = set()
    for message in click_messages():
        bare = re.sub(r"\{[^}]*\}|%\([^)]*\)s", " ", message)
        words.update(word.lower() for word in re.findall(r"[A-Za-z]+", bare))
    return frozenset((words | CLICK_WORDS | OUR_OLD_WORDS) - ALSO_SWEDISH)


def english_in(output: str) -> set[str]:
    """Return the English words in an output, leaving out option and command names."""
    text = re.sub(r"(?<![\w-])-{1,2}[\w-]+", " ", output)  # --help, -U, --no-color
    text = re.sub(r"'iopdocs[^']*'", " ", text)  # "Skriv 'iopdocs build --help' för hjälp."
    text = re.sub(r"[\w<>.-]*(?:/|\.[a-z])[\w<>./-]*", " ", text)  # cases/, iopdocs.yaml, .docx
    text = re.sub(r"iopdocs [a-z-]+", " ", text)  # the usage line: "iopdocs new [FLAGGOR]"
    text = re.sub(r"^  ([a-z-]+)  ", " ", text, flags=re.MULTILINE)  # the list of commands
    return {w for w in re.findall(r"[A-Za-zÅÄÖåäö]+", text) if w.lower() in english_words()}


def capitals_in(output: str) -> set[str]:
    """Return the words in capitals that are not Swedish metavars or known abbreviations."""
    return {w for w in re.findall(r"\b[A-ZÅÄÖ]{2,}\b", output) if w not in CAPITALS}


def commands() -> list[tuple[str, ...]]:
    """Return the argument list for the help of the group and of every command."""
    return [(), *((name,) for name in sorted(main.commands))]


def invoke(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


@pytest.mark.parametrize("args", commands(), ids=lambda a: " ".join(a) or "iopdocs")
def test_every_help_is_swedish(args):
    result = invoke(*args, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Användning: iopdocs")
    assert "Flaggor:" in result.output and "Visa den här hjälpen och avsluta." in result.output
    assert english_in(result.output) == set(), result.output
    assert capitals_in(result.output) == set(), result.output


def test_the_english_words_are_found():
    """The scan itself must see click's English, or the tests above prove nothing."""
    english = "Usage: iopdocs [OPTIONS] CASES...\n\nOptions:\n  --help  Show this message and exit."
    found = english_in(english)
    assert found == {"Usage", "OPTIONS", "CASES", "Options", "Show", "this", "message"} | {
        "and",
        "exit",
    }
    assert capitals_in("[default: 3; x>=0] INTEGER RANGE") == {"INTEGER", "RANGE"}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("diff", "a.docx", "b.docx", "c.docx"), "Ett argument för mycket: c.docx."),
        (("build", "--nope"), "Flaggan '--nope' finns inte."),
        (("build", "--alal"), "(Menade du någon av '--all', '--alla', '--mallar'?)"),
        (("build", "--kontrol"), "Menade du '--kontroll'?"),
        (("bild",), "Kommandot 'bild' finns inte. Menade du 'build'?"),
        (("new", "--typ", "forlangning"), "Välj ett av 'ny', 'förlängning', 'avslut'."),
        (("text",), "Argument saknas: 'DOKUMENT'."),
        (("redline", "a", "b"), "Flagga saknas: '-o' / '--ut' / '--out'."),
        (("diff", "a", "b", "-U"), "Flaggan '-U' behöver ett värde."),
        (("build", "--jobb", "två"), "'två' är inget tal."),
        (("build", "--jobb", "0"), "0 ligger utanför x>=1."),
        (("new", "--fran", "1 januari 2026"), "'1 januari 2026' är inget datum."),
        (("text", "finns-inte.docx"), "'finns-inte.docx' finns inte."),
    ],
)
def test_click_errors_are_swedish(args, words):
    result = invoke(*args)
    assert result.exit_code == 2
    assert words in result.output
    assert "Fel: " in result.output
    assert english_in(result.output) == set(), result.output


def test_a_usage_error_shows_the_swedish_usage_line_and_where_to_get_help():
    result = invoke("build", "--nope")
    assert result.output.startswith("Användning: iopdocs build [FLAGGOR] [ÄRENDE]...\n")
    assert "Skriv 'iopdocs build --help' för hjälp." in result.output


def test_a_wrong_choice_at_a_prompt_is_asked_again_in_swedish(project_dir):
    settings = str(project_dir / "iopdocs.yaml")
    result = invoke("new", "--installningar", settings, input="forlangning\n")
    assert "Fel: 'forlangning' är inte tillåtet. Välj ett av 'ny', 'förlängning', 'avslut'." in (
        result.output
    )
    assert result.exit_code == 1 and "Avbrutet." in result.output  # input ended: click's Abort
    assert english_in(result.output) == set(), result.output


def test_the_version_is_shown_in_swedish():
    assert re.fullmatch(r"iopdocs version \S+\n", invoke("--version").output)


def test_the_language_of_the_environment_does_not_matter(tmp_path):
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "C", "LANGUAGE": "en"}
    result = subprocess.run(
        [sys.executable, "-m", "iopdocs", "build", "--nope"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "Fel: Flaggan '--nope' finns inte." in result.stderr
    assert english_in(result.stderr) == set(), result.stderr


def test_the_catalogue_covers_every_message_of_click():
    with (LOCALE / "click.sv.po").open("rb") as file:
        catalogue = read_po(file, locale="sv")
    translated = set()
    for message in catalogue:
        if message.id and message.string:
            translated.update(message.id if isinstance(message.id, tuple) else (message.id,))
    # "required" reaches gettext as a variable, so Babel cannot extract it.
    assert click_messages() | {"required"} <= translated


def test_the_compiled_catalogue_is_the_catalogue():
    spec = importlib.util.spec_from_file_location(
        "compile", ROOT / "tools" / "compile_catalogue.py"
    )
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    po = (LOCALE / "click.sv.po").read_bytes()
    assert tool.compiled(po) == (LOCALE / "click.sv.mo").read_bytes(), (
        "Kör python tools/compile_catalogue.py"
    )


@pytest.mark.parametrize(
    ("cases", "words"),
    [
        (1, "1 av 1 ärende godkänt, 0 med fel, 0 varningar."),
        (2, "2 av 2 ärenden godkända, 0 med fel, 0 varningar."),
    ],
)
def test_counts_agree_with_their_nouns(project_dir, cases, words):
    with_warning = "iop-avslut-sion-iogt-nto-2020.yaml"  # a bilaga without a file, on purpose
    files = [f for f in sorted((project_dir / "cases").glob("*.yaml")) if f.name != with_warning]
    files = files[:cases]
    settings = ["--installningar", str(project_dir / "iopdocs.yaml"), "--utan-sprak"]
    result = invoke("validate", *settings, *map(str, files))
    assert result.exit_code == 0, result.output
    assert words in result.output


def test_a_single_warning_and_a_single_build_are_singular(project_dir):
    case = project_dir / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("**IOGT-NTO** driver", "**IGT-NTO** driver"), encoding="utf-8")
    settings = ["--installningar", str(project_dir / "iopdocs.yaml")]
    result = invoke("build", *settings, "--ut", str(project_dir / "output"), str(case))
    assert "Sammanfattning: 1 byggt, 0 oförändrade, 0 med fel, 1 varning." in result.output
