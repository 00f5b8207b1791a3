"""A seeded mutation fuzzer over the example cases, through the command line.

Each mutant is an example case with a few hostile edits (a character of
YAML syntax, an invisible or control character, a line deleted, doubled,
swapped or shifted, the file cut short, digits changed). Whatever the edit,
iopdocs answers with exit code 0, 1 or 2, no traceback, and every position
it names lies inside the file. The corpus is the same every run (seeded).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from iopdocs.cli import main

ROOT = Path(__file__).resolve().parents[2]
MUTANTS = 240
PALETTE = [
    ":", ": ", "- ", "[", "]", "{", "}", '"', "'", "\t", "\n", "  ", "#", "&a ", "*a", "!!str ",
    "|", ">", "%", "@", "`", "\\", "\r", "~", "---\n", "...\n", "\u00a0", "\ufeff", "\u202e",
    "\u200b", "\u3164", "\x00", "\x07", "\u2028", "é", "0", "19121212-1212", "SKRIV: ", "𝔸",
]  # fmt: skip
LOCATION = re.compile(r"^(?P<file>\S+?\.yaml):(?P<line>\d+)(?::(?P<column>\d+))?: ", re.MULTILINE)


def mutate(text: str, rng: random.Random) -> str:
    """Return `text` with one to four hostile edits."""
    for _ in range(rng.randint(1, 4)):
        lines = text.split("\n")
        edit = rng.randrange(8)
        where = rng.randrange(len(text) + 1)
        line = rng.randrange(len(lines))
        if edit == 0:
            text = text[:where] + text[where + 1 :]
        elif edit == 1:
            text = text[:where] + rng.choice(PALETTE) + text[where:]
        elif edit == 2 and len(lines) > 1:
            del lines[line]
            text = "\n".join(lines)
        elif edit == 3:
            lines.insert(line, lines[line])
            text = "\n".join(lines)
        elif edit == 4:
            text = text[:where]
        elif edit == 5:
            lines[line] = rng.choice(["", " ", "   "]) + lines[line].lstrip(" ")
            text = "\n".join(lines)
        elif edit == 6:
            other = rng.randrange(len(lines))
            lines[line], lines[other] = lines[other], lines[line]
            text = "\n".join(lines)
        else:
            text = re.sub(
                r"\d", lambda m: str(rng.randrange(10)) if rng.random() < 0.05 else m[0], text
            )
    return text


def outside(output: str, path: Path, text: str) -> list[str]:
    """Return the positions `output` names in `path` that lie outside its text."""
    lines = re.split(r"\r\n|\r|\n", text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    bad = []
    for found in LOCATION.finditer(output):
        if found["file"] != str(path):
            continue
        line, column = int(found["line"]), int(found["column"] or 1)
        if not 1 <= line <= len(lines) or not 1 <= column <= len(lines[line - 1]) + 1:
            bad.append(f"{line}:{column} (filen har {len(lines)} rader)")
    return bad


def corpus() -> list[tuple[str, str]]:
    """Return the mutants: (name, text), the same every run."""
    rng = random.Random(11)
    examples = sorted((ROOT / "cases").glob("*.yaml"))
    mutants = []
    for number in range(MUTANTS):
        source = rng.choice(examples)
        mutants.append((f"{number:03d}-{source.stem}", mutate(source.read_text("utf-8"), rng)))
    return mutants


def test_every_mutant_gets_an_answer_not_a_traceback(tmp_path):
    runner = CliRunner()
    failures = []
    for number, (name, text) in enumerate(corpus()):
        path = tmp_path / f"{name}.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        command = "build" if number % 6 == 0 else "validate"
        args = [command, "--installningar", str(ROOT / "iopdocs.yaml"), "--jobb", "1"]
        args += ["--ut", str(tmp_path / "output")] if command == "build" else []
        result = runner.invoke(main, [*args, str(path)])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            failures.append(f"{name}: {type(result.exception).__name__}: {result.exception}")
        elif result.exit_code not in (0, 1, 2):
            failures.append(f"{name}: slutkod {result.exit_code}")
        elif outside(result.output, path, text):
            failures.append(f"{name}: position utanför filen {outside(result.output, path, text)}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("text", "inside"),
    [("a: b\nek", True), ("a: b\n", True)],
)
def test_the_position_check_itself_finds_a_line_past_the_end(tmp_path, text, inside):
    path = tmp_path / "f.yaml"
    assert (outside(f"{path}:3:1: fel", path, text) == []) is not inside
