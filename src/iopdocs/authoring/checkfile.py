"""Check a drafted case file: its validation report, with the unfinished texts always listed."""

from __future__ import annotations

from pathlib import Path

from iopdocs.build.prepare import validate_case
from iopdocs.build.project import CaseReport, Project
from iopdocs.case.load import load_yaml
from iopdocs.case.rules.drafts import placeholder_problems
from iopdocs.errors import IopdocsError


def check_file(path: Path, project: Project) -> CaseReport:
    """Return the validation report of a case file, with its W001 warnings even when it has errors.

    The rules report W001 themselves once the file is valid; when schema
    errors stop them, the unfinished texts are still worth listing.
    """
    report = validate_case(path, project)
    try:
        extra = placeholder_problems(load_yaml(path))
    except IopdocsError:
        return report  # an unreadable file is reported by validate_case
    seen = {(p.code, p.field) for p in report.problems}
    report.problems.extend(p for p in extra if (p.code, p.field) not in seen)
    return report
