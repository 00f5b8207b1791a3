"""Load, validate and check one case: everything before its documents are rendered.

Nothing of Word is imported here, never the template engine: `iopdocs
validate` loads the case layer and this module, and no part of Word.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path

from iopdocs.build import kinds
from iopdocs.build.project import CaseReport, Project
from iopdocs.case import placeholders
from iopdocs.case.decided import wording
from iopdocs.case.derive import Derived
from iopdocs.case.language import Vocabulary, check_case_text, vocabulary_for
from iopdocs.case.load import load_yaml, load_yaml_text, read_bytes
from iopdocs.case.model import Case
from iopdocs.case.rules import derive_and_check, texts
from iopdocs.case.rules.checker import Checker
from iopdocs.case.settings import Settings, merge_settings
from iopdocs.case.validate import to_model
from iopdocs.errors import (
    CaseError,
    IopdocsError,
    Problem,
    TemplateProblem,
    in_file_order,
    os_reason,
)
from iopdocs.files import sha256
from iopdocs.swedish.spelling import preload

UNFINISHED = "W001"
NOT_READY = "U001"


@dataclass
class Prepared:
    """A case that passed validation, ready to render."""

    file: Path
    case: Case
    settings: Settings
    derived: Derived
    warnings: list[Problem]
    digest: str
    decision_settings: Settings | None = None
    """The settings in force on the decision's day (a decided case's protokollsutdrag)."""

    @property
    def unfinished(self) -> list[Problem]:
        """Return what is left to write (W001): a case with any is built only as a draft."""
        return [p for p in self.warnings if p.code == UNFINISHED]


@functools.lru_cache(maxsize=8)
def load_settings(path: Path) -> Settings:
    """Return the organisation settings; raise CaseError with every problem.

    Their texts reach every document, so characters Word cannot hold (and
    \\a or \\f, which would split paragraphs) are refused as in a case (X001).
    """
    loaded = load_yaml(path)
    checker = Checker(loaded)
    texts.add_unwritable(checker)
    if checker.problems:
        raise CaseError(checker.problems)
    return to_model(loaded, Settings)


@dataclass
class Inspection:
    """Everything validation found in a case: its problems, and what could be derived.

    `prepared` is set when the case has no errors; `derived` whenever the
    case fits the schema (an editor shows totals beside a wrong sum).
    """

    problems: list[Problem]
    derived: Derived | None = None
    prepared: Prepared | None = None


def prepare(file: Path, project: Project, data: bytes | None = None) -> Prepared:
    """Load, validate and check one case; raise CaseError with every problem."""
    data = read_bytes(file) if data is None else data
    inspection = inspect(file, project, data)
    if inspection.prepared is None:
        raise CaseError(inspection.problems)
    return inspection.prepared


def inspect(file: Path, project: Project, data: bytes, *, suggest: bool = True) -> Inspection:
    """Return every problem of a case's bytes and what can be derived; raise nothing for the case.

    With `project.language` the problems include the language remarks (level
    språk), which never keep a case from being prepared; `suggest=False`
    leaves out spelling suggestions (0.1–0.3 s for each new word: too slow
    while someone types). The settings' own problems are raised
    (CaseError): they are not the case's.
    """
    inspection = _inspect_case(file, project, data)
    if project.language:
        found = language_problems(file, data, project, suggest=suggest)
        inspection.problems = in_file_order(inspection.problems + found)
    return inspection


def _inspect_case(file: Path, project: Project, data: bytes) -> Inspection:
    """Return the problems of a case's bytes, its schema and its rules, and what is derived."""
    base = load_settings(project.settings_file)
    try:
        loaded = load_yaml_text(data, str(file))
        case = to_model(loaded, Case)
    except CaseError as exc:
        return Inspection(exc.problems)
    if placeholders.used(loaded.data):  # the rules read the texts as written, in `loaded`
        case = placeholders.fill(case)
    merged = merge_settings(base, case.organisation)
    settings = merged.on(case.datum)
    derived, problems = derive_and_check(loaded, case, settings, source=data.decode("utf-8"))
    if any(p.severity == "fel" for p in problems):
        return Inspection(problems, derived)
    derived = kinds.with_basis(case, derived)
    decided = merged.on(case.beslut.datum) if case.beslut is not None else None
    if decided is not None:
        derived = on_decision_day(case, derived, decided)
    prepared = Prepared(file, case, settings, derived, problems, sha256(data), decided)
    return Inspection(problems, derived, prepared)


def on_decision_day(case: Case, derived: Derived, decided: Settings) -> Derived:
    """Return the derived values with the decision worded by the nämnd of its own day."""
    assert case.beslut is not None
    beslut = wording(case.beslut, case.beslutsforslag, derived.beslutet_skickas_till, decided.namnd)
    return dataclasses.replace(derived, beslut=beslut)


def template_folder(project: Project, settings: Settings) -> Path:
    """Return the template folder: --templates, else the settings' folder."""
    if project.templates is not None:
        return project.templates.resolve()
    return (project.settings_file.parent / settings.mallar).resolve()


def validate_case(file: Path, project: Project) -> CaseReport:
    """Check one case without writing anything; with `project.language` its language too."""
    report = CaseReport(file)
    if project.language:
        preload()  # the dictionary opens while the case is validated
    try:
        report.problems.extend(inspect(file, project, read_bytes(file)).problems)
    except (CaseError, IopdocsError, OSError) as exc:
        record(report, exc)
    return report


@functools.lru_cache(maxsize=8)
def language_vocabulary(settings_file: Path) -> Vocabulary:
    """Return the organisation's vocabulary, read once per process and batch."""
    return vocabulary_for(settings_file)


def language_problems(
    file: Path, data: bytes, project: Project, *, suggest: bool = True
) -> list[Problem]:
    """Return the language findings of a case file (level språk), never an error.

    A file that is no YAML, or settings and a word list that cannot be
    read, give none here: they are reported on their own.
    """
    try:
        vocabulary = language_vocabulary(project.settings_file)
        return check_case_text(data, str(file), vocabulary, suggest=suggest).problems
    except CaseError:
        return []


def record(report: CaseReport, exc: Exception) -> None:
    """Put an expected failure into the case's report: problems, or one failure line."""
    if isinstance(exc, CaseError):
        report.problems.extend(exc.problems)
    elif isinstance(exc, TemplateProblem):
        report.problems.append(Problem(str(report.file), None, None, "", str(exc), "M001"))
    elif isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        report.failure = f"{where}kan inte läsas eller skrivas: {os_reason(exc)}."
    else:
        report.failure = str(exc)
