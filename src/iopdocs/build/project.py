"""Where a build reads and writes, and what it reports per case.

Kept free of heavy imports: deciding that nothing needs rebuilding must not
pay for loading the template engine and the schema.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from iopdocs import files
from iopdocs.build.manifest import WriteResult
from iopdocs.errors import IopdocsError, Problem, os_reason

SETTINGS_FILE = "iopdocs.yaml"
CASE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Project:
    """Where a build reads and writes, and how."""

    settings_file: Path
    output: Path
    templates: Path | None = None
    force: bool = False
    rebuild_all: bool = False
    language: bool = False
    """Validate the language of the texts too (iopdocs validate; level språk)."""
    draft: bool = False
    """Build unfinished cases (W001) too, as drafts marked UTKAST (build --utkast)."""


@dataclass
class CaseReport:
    """What happened to one case."""

    file: Path
    problems: list[Problem] = field(default_factory=list)
    writes: list[WriteResult] = field(default_factory=list)
    failure: str = ""
    reason: str = ""
    unchanged: bool = False

    @property
    def failed(self) -> bool:
        """Return True if the case produced no documents."""
        return bool(self.failure) or any(p.severity == "fel" for p in self.problems)


def find_settings(start: Path) -> Path:
    """Return the organisation settings file nearest above `start`."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        candidate = folder / SETTINGS_FILE
        if candidate.is_file():
            return candidate
    raise IopdocsError(
        f"hittar ingen {SETTINGS_FILE} i {start} eller mapparna ovanför. "
        "Kör iopdocs i projektmappen, eller ange filen med --installningar."
    )


def discover_cases(paths: list[Path]) -> list[Path]:
    """Return the case files named, or found in the folders named, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.suffix in CASE_SUFFIXES and p.is_file()
            )
        elif path.exists():
            found.append(path)
        else:
            raise IopdocsError(f"{path}: filen eller mappen finns inte. Kontrollera sökvägen.")
    return found


@contextlib.contextmanager
def output_lock(
    project: Project, who: str, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the output folder for one build, waiting for another build to finish first.

    Every writer of output/ (the command line, the workbench) builds under it,
    so two builds never write the same case folder, its manifest or the
    meeting's papers at once; `on_wait` hears who holds it when it is busy.
    Raise IopdocsError when the output folder cannot be used at all.
    """
    if project.output.exists() and not project.output.is_dir():
        raise IopdocsError(
            f"{project.output}: är en fil, inte en mapp. Ange en mapp med --ut, "
            "eller flytta undan filen."
        )
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(files.locked(project.output, who, on_wait))
        except OSError as exc:
            raise IopdocsError(
                f"{project.output}: kan inte användas som utmapp: {os_reason(exc)}."
            ) from exc
        yield


def output_folder(project: Project, file: Path) -> Path:
    """Return the folder a case's documents go to: output/<case file name>."""
    return project.output / file.stem
