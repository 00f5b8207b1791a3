"""Files that `new` and `extend` write point an editor at the schema `iopdocs schema` writes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from iopdocs.case.load import load_yaml
from iopdocs.case.schema import EDITOR_LINE
from iopdocs.cli import main

EXAMPLE = "iop-iogt-nto-pingst-2024-2026"
NEW_ARGS = ["new", "--typ", "ny", "--part", "Ryds Bollklubb=802519-7743", "--fran", "2026-01-01",
            "--diarienummer", "SON 2025-0777", "--datum", "2025-10-01"]  # fmt: skip


def invoke(project: Path, *args: str):
    result = CliRunner().invoke(main, [*args, "--installningar", str(project / "iopdocs.yaml")])
    assert result.exit_code == 0, result.output
    return result


def named_schema(case: Path) -> Path:
    """Return the file a case file's first line points at."""
    first = case.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(EDITOR_LINE), first
    return (case.parent / first.removeprefix(EDITOR_LINE)).resolve()


def schema_written(project: Path) -> Path:
    """Run `iopdocs schema` in the project; return the file it wrote."""
    result = invoke(project, "schema")
    return Path(result.output.removeprefix("Skrev ").strip().removesuffix("."))


def test_a_new_case_names_the_schema_iopdocs_schema_writes(project_dir):
    invoke(project_dir, *NEW_ARGS)
    case = project_dir / "cases" / "iop-ny-ryds-bollklubb-2026-2028.yaml"
    assert named_schema(case) == schema_written(project_dir)
    assert load_yaml(case).data["diarienummer"] == "SON 2025-0777"  # still the case file


def test_a_new_case_elsewhere_points_back_to_the_project(project_dir):
    target = project_dir / "utkast" / "hösten 2025" / "ryd.yaml"
    invoke(project_dir, *NEW_ARGS, "--ut", str(target))
    assert target.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../arendefil.schema.json\n"
    )
    assert named_schema(target) == schema_written(project_dir)


def test_a_renewal_names_the_schema_from_its_own_folder_once(project_dir):
    case = project_dir / "cases" / f"{EXAMPLE}.yaml"
    target = project_dir / "cases" / "2027" / "forlangning.yaml"
    invoke(project_dir, "extend", str(case), "--ut", str(target))
    text = target.read_text(encoding="utf-8")
    assert text.count("yaml-language-server") == 1
    assert named_schema(target) == schema_written(project_dir)
    assert json.loads(named_schema(target).read_text(encoding="utf-8"))["properties"]["rubrik"]
