"""A command loads only its own layers: validating a case never imports Word, PDF or the web.

Each command runs in a fresh interpreter, which then reports the modules it
imported. This is about what is loaded, not how long it takes (the time is
measured by benchmarks/startup_bench.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "iop-iogt-nto-pingst-2024-2026"
# What the Word, PDF and web layers load; none of it is needed to validate a case.
HEAVY = ("docx", "docxtpl", "lxml", "jinja2", "markdown_it", "pikepdf", "pypdf", "ruamel")
UPPER = ("iopdocs.word", "iopdocs.publish", "iopdocs.review", "iopdocs.authoring", "iopdocs.web")

RUN = """
import json, sys
from iopdocs.cli import main
sys.argv = ["iopdocs", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
print("MODULES=" + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def loaded_by(args: list[str], cwd: Path) -> set[str]:
    """Return the modules a fresh interpreter has imported after running `iopdocs ARGS`."""
    result = subprocess.run(
        [sys.executable, "-c", RUN, json.dumps(args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES="))
    return set(json.loads(line.removeprefix("MODULES=")))


def offending(modules: set[str], allowed: tuple[str, ...] = ()) -> list[str]:
    """Return the loaded modules that belong to Word, PDF, the web or another upper layer."""
    return sorted(
        m for m in modules if (m.split(".")[0] in HEAVY or m.startswith(UPPER)) and m not in allowed
    )


def test_validate_imports_nothing_of_word_pdf_or_the_web():
    modules = loaded_by(["validate", f"cases/{EXAMPLE}.yaml"], ROOT)
    assert "iopdocs.case.rules" in modules and "pydantic" in modules  # it did validate
    assert offending(modules) == []
    assert "babel" not in modules  # numbers and dates are formatted for documents only


def test_a_build_with_nothing_to_do_imports_no_template_engine(tmp_path):
    for name in ("iopdocs.yaml", "templates", "cases"):
        source = ROOT / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, tmp_path / name)
    first = loaded_by(["build", "--jobb", "1"], tmp_path)
    assert "docxtpl" in first  # the first build renders
    again = loaded_by(["build", "--jobb", "1"], tmp_path)
    assert "iopdocs.build.freshness" in again
    assert offending(again, allowed=("iopdocs.publish",)) == []  # the registry, to ask
    assert "pydantic" not in again  # deciding that all is current needs no schema


@pytest.mark.parametrize("command", [["--help"], ["validate", "--help"], ["build", "--help"]])
def test_help_loads_no_library_at_all(command):
    modules = loaded_by(command, ROOT)
    assert offending(modules) == []
    assert "pydantic" not in modules and "yaml" not in modules
