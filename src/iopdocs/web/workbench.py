"""The workbench's state: the project it serves, its open cases, its keys and its preview.

Only files directly under the project's `cases/` are ever read or written
through the workbench: a case is named by its plain file name, and a name
with a path separator, a leading dot, `..`, another suffix, or a symlink
(wherever it points) names no case.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from iopdocs.build.project import CASE_SUFFIXES, Project
from iopdocs.case.model import Case
from iopdocs.case.schema import json_schema
from iopdocs.web.preview import Previewer
from iopdocs.web.session import Session
from iopdocs.web.uploads import Uploads


class NotACase(LookupError):
    """A name in a request names no case file of the project."""


@dataclass(frozen=True)
class Options:
    """How the workbench was started."""

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    preview: bool = True


class Workbench:
    """The project one `iopdocs serve` works on, and everything the requests share."""

    def __init__(self, project: Project, options: Options | None = None) -> None:
        self.project = project
        self.options = options or Options()
        self.root = project.settings_file.parent
        self.cases = (self.root / "cases").resolve()
        self.csrf = secrets.token_urlsafe(32)
        self.schema = json_schema(Case)
        self.previewer = Previewer(project, self.options.preview)
        self._sessions: dict[str, Session] = {}
        self.notes: dict[str, tuple[str, ...]] = {}
        self.uploads = Uploads()
        self._lock = threading.Lock()

    def case_path(self, name: str) -> Path:
        """Return the case file a request names; raise NotACase for anything else."""
        if not is_case_name(name):
            raise NotACase(name)
        path = self.cases / name
        if path.is_symlink() or not path.is_file() or path.resolve().parent != self.cases:
            raise NotACase(name)
        return path

    def new_case_path(self, name: str) -> Path:
        """Return where a new case file of that name goes; raise NotACase for an unsafe name."""
        if not is_case_name(name):
            raise NotACase(name)
        path = self.cases / name
        if path.is_symlink() or self.cases.is_symlink():
            raise NotACase(name)
        return path

    def case_files(self) -> list[Path]:
        """Return the project's case files (not in subfolders, no symlinks), sorted by name."""
        if not self.cases.is_dir():
            return []
        found = (p for p in self.cases.iterdir() if is_case_name(p.name))
        return sorted(p for p in found if p.is_file() and not p.is_symlink())

    def session(self, path: Path) -> Session:
        """Return the open session of a case file, opening it (again) from disk when needed.

        A session without unsaved changes follows the file: when the file
        changed on disk, it is opened anew.
        """
        with self._lock:
            session = self._sessions.get(path.name)
            if session is None or (not session.dirty and session.changed_on_disk()):
                session = Session.open(path)
                self._sessions[path.name] = session
            return session

    def forget(self, path: Path) -> None:
        """Close the session of a case file."""
        with self._lock:
            self._sessions.pop(path.name, None)


def is_case_name(name: str) -> bool:
    """Return whether `name` is a plain case file name: no folders, no dot first, .yaml/.yml."""
    return (
        bool(name)
        and name == Path(name).name
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
        and not name.startswith(".")
        and Path(name).suffix in CASE_SUFFIXES
        and len(name) <= 200
    )
