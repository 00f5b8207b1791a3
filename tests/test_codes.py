"""The registry of codes is complete, used and the same as README's table."""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

from iopdocs.codes import BY_CODE, CODES, markdown_table

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "iopdocs"
CODE = re.compile(r"^([A-Z]\d{3})(?: \w+)?$")


def codes_in_source() -> dict[str, set[str]]:
    """Return every code written in src/ (outside the registry), with the modules using it."""
    found: dict[str, set[str]] = {}
    for path in SOURCE.rglob("*.py"):
        if path.name == "codes.py" and path.parent == SOURCE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                match = CODE.match(node.value)
                if match:
                    found.setdefault(match[1], set()).add(path.stem)
    return found


def test_every_code_used_is_registered():
    unknown = sorted(set(codes_in_source()) - set(BY_CODE))
    assert not unknown, f"koder som inte finns i iopdocs/codes.py: {unknown}"


def test_every_registered_code_is_used():
    unused = sorted(set(BY_CODE) - set(codes_in_source()))
    assert not unused, f"registrerade koder som ingen modul använder: {unused}"


def test_each_family_of_codes_is_there():
    assert {c.code[0] for c in CODES} == set("YSDPIXWNBGLMAFTKROUHE")
    assert len(CODES) == len(BY_CODE), "a code is registered twice"


def test_readme_table_is_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "kör python tools/write_code_table.py"


def slug(heading: str) -> str:
    """Return a heading's anchor as GitHub makes it: lower case, spaces to hyphens."""
    text = unicodedata.normalize("NFC", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def test_every_section_a_code_names_exists():
    for entry in CODES:
        page, _, anchor = entry.section.partition("#")
        text = (ROOT / page).read_text(encoding="utf-8")
        anchors = {slug(h) for h in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}
        assert anchor in anchors, f"{entry.code}: {entry.section}"


def test_each_problem_has_its_codes_level():
    """Validate every broken case, every example and the language test case: each problem has its code's level."""
    from dataclasses import replace

    from iopdocs.build.prepare import validate_case
    from iopdocs.build.project import Project

    project = Project(ROOT / "iopdocs.yaml", ROOT / "output")
    files = sorted((ROOT / "tests" / "case" / "broken").glob("*.yaml"))
    problems = [p for f in files for p in validate_case(f, project).problems]
    planted = ROOT / "tests" / "case" / "language" / "klarsprak.yaml"
    problems += validate_case(planted, replace(project, language=True)).problems
    assert {p.code for p in problems} >= {"Y001", "S002", "D001", "P003", "N001", "I002", "K001"}
    assert {p.severity for p in problems} == {"fel", "varning", "språk"}
    for problem in problems:
        assert problem.severity == BY_CODE[problem.code].level, problem
