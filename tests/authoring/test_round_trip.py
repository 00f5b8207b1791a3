"""The round trip of issue 12: `iopdocs new`, then the period is moved, then `validate`.

A decision point that `new` drafts follows the moved period (its period is a
placeholder); one whose dates were written by hand is refused with the
decision point and the right dates named. Either way the papers cannot say
another period than the data.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from iopdocs.build.prepare import prepare
from iopdocs.build.project import Project
from iopdocs.cli import main

NEW_ARGS = ["new", "--typ", "ny", "--part", "Ryds Bollklubb=802519-7743", "--fran", "2026-01-01",
            "--diarienummer", "SON 2025-0777", "--datum", "2025-10-01"]  # fmt: skip


def new_case(project_dir: Path) -> Path:
    settings = ["--installningar", str(project_dir / "iopdocs.yaml")]
    result = CliRunner().invoke(main, [*NEW_ARGS, *settings])
    assert result.exit_code == 0, result.output
    return project_dir / "cases" / "iop-ny-ryds-bollklubb-2026-2028.yaml"


def move_period(path: Path) -> None:
    """Move the period a year, as the user did: the two dates under period: only."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("  från: 2026-01-01", "  från: 2027-01-01", 1)
    path.write_text(text.replace("  till: 2028-12-31", "  till: 2029-12-31", 1), encoding="utf-8")


def validate(project_dir: Path, path: Path):
    args = ["validate", "--installningar", str(project_dir / "iopdocs.yaml"), str(path)]
    return CliRunner().invoke(main, args)


def test_a_drafted_decision_point_follows_the_moved_period(project_dir):
    path = new_case(project_dir)
    move_period(path)
    result = validate(project_dir, path)
    assert result.exit_code == 0, result.output
    assert " R001" not in result.output
    prepared = prepare(path, Project(project_dir / "iopdocs.yaml", project_dir / "output"))
    assert prepared.case.beslutsforslag[0].endswith(
        "gäller i tre år, från och med 2027-01-01 till och med 2029-12-31."
    )
    # What the file still says about the old start: the value year.
    [value_year] = [line for line in result.output.splitlines() if " R003" in line]
    assert "värdeåret 2025" in value_year and "värdeår: 2026" in value_year


def test_a_decision_point_written_by_hand_is_refused_with_the_right_dates(project_dir):
    path = new_case(project_dir)
    text = path.read_text(encoding="utf-8")
    by_hand = "tre år, från och med 2026-01-01 till och med 2028-12-31."
    path.write_text(text.replace("{längd}, {period}.", by_hand, 1), encoding="utf-8")
    assert validate(project_dir, path).exit_code == 0  # true while the period is unmoved
    move_period(path)
    result = validate(project_dir, path)
    assert result.exit_code == 1
    [refused] = [line for line in result.output.splitlines() if " R001" in line]
    assert " R001: beslutsförslag, punkt 1: " in refused  # the decision point, by number
    assert "från och med 2026-01-01 till och med 2028-12-31 stämmer inte" in refused
    assert "ärendets period, från och med 2027-01-01 till och med 2029-12-31" in refused
