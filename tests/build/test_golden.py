"""Golden text of every example document: a reviewed dump each build must reproduce.

A mismatch leaves `<document>.obtained.txt` beside the golden file and shows
the diff; `pytest --regenerate-goldens` rewrites the goldens on purpose.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from iopdocs.cli import main
from iopdocs.word.text import docx_text

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("golden")
    for name in ("iopdocs.yaml",):
        shutil.copy(ROOT / name, root / name)
    for folder in ("templates", "cases", "sammantraden"):
        shutil.copytree(ROOT / folder, root / folder)
    common = ["--installningar", str(root / "iopdocs.yaml"), "--ut", str(root / "output")]
    # The cases, then the meetings' agendas: one as it is without a meeting file, one with
    # an attachment listed without a file, one with a meeting file (sammantraden/).
    meetings = [["--sammantrade", day] for day in ("2023-09-20", "2020-11-18", "2024-11-20")]
    for extra in ([], *meetings):
        result = CliRunner().invoke(main, ["build", *common, *extra])
        assert result.exit_code == 0, result.output
    return root / "output"


def example_documents() -> list[str]:
    """Return 'case/document' for every golden file and every example case document."""
    golden = {
        f"{p.parent.name}/{p.stem}" for p in GOLDEN.glob("*/*.txt") if ".obtained" not in p.name
    }
    return sorted(golden)


def test_every_example_document_has_a_golden(built, request):
    produced = {f"{p.parent.name}/{p.stem}" for p in built.glob("*/*.docx")}
    if request.config.getoption("--regenerate-goldens"):
        for document in sorted(produced - set(example_documents())):
            golden = GOLDEN / f"{document}.txt"
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(docx_text(built / f"{document}.docx"), encoding="utf-8")
    assert produced == set(example_documents()), "kör pytest --regenerate-goldens och granska"


@pytest.mark.parametrize("document", example_documents())
def test_document_text_matches_its_golden(built, document, request):
    case, name = document.split("/")
    obtained = docx_text(built / case / f"{name}.docx")
    golden = GOLDEN / case / f"{name}.txt"
    leftover = golden.with_suffix(".obtained.txt")
    if request.config.getoption("--regenerate-goldens"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(obtained, encoding="utf-8")
        leftover.unlink(missing_ok=True)
        return
    expected = golden.read_text(encoding="utf-8")
    if obtained != expected:
        leftover.write_text(obtained, encoding="utf-8")
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                obtained.splitlines(keepends=True),
                str(golden),
                str(leftover),
            )
        )
        pytest.fail(f"{document} skiljer sig från sin gyllene text:\n{diff}")
    leftover.unlink(missing_ok=True)
