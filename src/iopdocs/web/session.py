"""One open case in the editor: its round-trip document, its draft beside the file, its saving.

The session keeps the case as a round-trip YAML document in memory, so a
change costs one dump, not a parse. `base` is the text the file had when it
was opened (or last saved); the file on disk is never overwritten unless it
still has that text (else: a conflict, shown, never lost). Every change is
kept as a draft beside the file (`.<name>.utkast.json`), so typing survives
a browser reload or a server restart; saving removes it.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from iopdocs.build.project import Project
from iopdocs.case.load import load_yaml_text
from iopdocs.case.roundtrip import dump, round_trip
from iopdocs.errors import CaseError
from iopdocs.files import (
    FileChanged,
    atomic_write,
    read_or_none,
    replace_unless_changed,
    sha256,
    writing,
)
from iopdocs.web import values
from iopdocs.web.checking import Checked, check_text
from iopdocs.web.form import YamlPath
from iopdocs.web.tabs import Views

DRAFT_SUFFIX = ".utkast.json"


def draft_path(case: Path) -> Path:
    """Return where the draft of a case file is kept: hidden, beside it, never a .yaml."""
    return case.with_name(f".{case.name}{DRAFT_SUFFIX}")


def text_sha(text: str) -> str:
    """Return the SHA-256 of a text as UTF-8."""
    return sha256(text.encode("utf-8"))


@dataclass
class Draft:
    """Unsaved text kept beside a case file, and the file text it started from."""

    base: str
    text: str
    saved_at: str

    @classmethod
    def read(cls, case: Path) -> Draft | None:
        """Return the draft of a case file, or None when there is none (or it is unreadable)."""
        try:
            data = json.loads(draft_path(case).read_text(encoding="utf-8"))
            base, text = data["bas"], data["text"]
            if not isinstance(base, str) or not isinstance(text, str):
                raise TypeError("a draft's texts are strings")
            (base + text).encode("utf-8")  # a lone surrogate can be no file's text
            return cls(base, text, str(data.get("tid", "")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, case: Path) -> None:
        """Write the draft beside the case file, atomically."""
        data = {"bas": self.base, "text": self.text, "tid": self.saved_at}
        atomic_write(draft_path(case), json.dumps(data, ensure_ascii=False).encode("utf-8"))


@dataclass
class Conflict:
    """The file changed on disk since the session opened it: both texts, for a diff and a choice."""

    base: str
    disk: str
    mine: str


@dataclass
class Merge:
    """The result of putting the session's changes on top of the file's new text."""

    text: str
    applied: list[YamlPath] = field(default_factory=list)
    clashes: list[YamlPath] = field(default_factory=list)


class CannotMerge(Exception):
    """One of the texts is not readable YAML, so changes cannot be merged value by value."""


class Session:
    """The editor's state of one case file."""

    def __init__(self, path: Path, text: str, base: str | None = None) -> None:
        self.path = path
        self.base = text if base is None else base
        self.lock = threading.RLock()
        self.version = 0
        self.last_preview = None
        self._checked: tuple[int, Checked] | None = None
        self.views = Views()
        self.shown: tuple[int, dict[str, str]] | None = None
        """The form's values as last drawn, with the text version they were drawn from."""
        self._load(text)

    @classmethod
    def open(cls, path: Path) -> Session:
        """Return a session on the file's text as it is on disk."""
        return cls(path, read_text(path))

    def _load(self, text: str) -> None:
        """Make `text` the session's current text and document (none when it is not readable YAML).

        A file that iopdocs cannot read (a YAML mistake, an alias, a tag) is
        edited as text until it can be read again; the form needs its values.
        """
        self.text = text
        self.version += 1
        try:
            load_yaml_text(text, str(self.path))
            self.yaml, self.data = round_trip(text)
        except CaseError:
            self.yaml, self.data = None, None
        except Exception:  # noqa: BLE001 - ruamel's own errors: the text editor shows why
            self.yaml, self.data = None, None

    @property
    def text_only(self) -> bool:
        """Return whether the case can only be edited as text (it is not readable YAML)."""
        return self.data is None

    def set_text(self, text: str) -> bool:
        """Replace the whole text (the text editor); keep the draft; return whether it changed."""
        if text == self.text:
            return False
        self._load(text)
        self._keep_draft()
        return True

    def checked(self, project: Project) -> Checked:
        """Return the checks of the current text (made once per version)."""
        if self._checked is None or self._checked[0] != self.version:
            self._checked = (self.version, check_text(self.path, project, self.text))
        return self._checked[1]

    @property
    def dirty(self) -> bool:
        """Return whether the session holds changes the file does not have."""
        return self.text != self.base

    def apply(self, posted: dict[YamlPath, str]) -> list[YamlPath]:
        """Set the posted values; keep the draft; return the paths that changed."""
        if self.text_only:
            raise values.PathError(())
        changed = values.set_values(self.data, posted)
        if changed:
            self._changed()
        return changed

    def reshape(self, action) -> Any:
        """Run a shape change (add/remove/move) on the document; keep the draft; return its result."""
        if self.text_only:
            raise values.PathError(())
        result = action(self.data)
        self._changed()
        return result

    def _changed(self) -> None:
        """Dump the document after a change and keep (or drop) the draft."""
        self.text = dump(self.yaml, self.data)
        self.version += 1
        self._keep_draft()

    def _keep_draft(self) -> None:
        """Write the draft beside the file when there are unsaved changes, else remove it."""
        if self.dirty:
            now = datetime.now(UTC).isoformat(timespec="seconds")
            Draft(self.base, self.text, now).write(self.path)
        else:
            draft_path(self.path).unlink(missing_ok=True)

    def changed_on_disk(self) -> bool:
        """Return whether the file no longer has the text the session started from."""
        try:
            return read_text(self.path) != self.base
        except OSError:
            return True

    def conflict(self) -> Conflict | None:
        """Return the conflict with the file on disk, or None when saving is safe."""
        disk = _text_or_empty(self.path)
        return None if disk == self.base else Conflict(self.base, disk, self.text)

    def save(self) -> bool:
        """Write the session's text to the file if it still has the base text; return False if not.

        The check and the write are one step for every iopdocs writer of
        the file (`files.replace_unless_changed`): a save, `hamta --skriv`
        or a new case landing meanwhile makes this save a conflict. Nothing
        is written when nothing changed, so an unchanged file keeps its
        bytes and its time stamp.
        """
        try:
            if self.dirty:
                replace_unless_changed(self.path, self.text.encode("utf-8"), self._is_base)
            else:
                with writing(self.path):
                    if not self._is_base(read_or_none(self.path)):
                        return False
        except FileChanged:
            return False
        self.base = self.text
        draft_path(self.path).unlink(missing_ok=True)
        return True

    def _is_base(self, current: bytes | None) -> bool:
        """Return whether a file's bytes are the text the session started from."""
        return current is not None and current == self.base.encode("utf-8")

    def reload(self) -> None:
        """Throw the session's changes away and start again from the file on disk."""
        text = read_text(self.path)
        self.base = text
        self._load(text)
        draft_path(self.path).unlink(missing_ok=True)

    def restore(self, draft: Draft) -> None:
        """Continue from a draft kept beside the file (its base may be older than the file)."""
        self.base = draft.base
        self._load(draft.text)

    def merge(self) -> Merge:
        """Put this session's changed values on top of the file's new text; adopt the result.

        A value changed here and not on disk is taken; one changed in both
        places to different values is a clash and keeps the file's value;
        a change of shape (items added or removed) is a clash for its list.
        """
        disk = read_text(self.path)
        if self.text_only:
            raise CannotMerge()
        try:
            _, theirs = round_trip(disk)
            _, base = round_trip(self.base)
            yaml, merged = round_trip(disk)
        except Exception as exc:  # noqa: BLE001 - one side is not readable YAML
            raise CannotMerge() from exc
        result = Merge(disk)
        for path, mine in _leaves(self.data):
            before = _leaf(base, path)
            if before == mine:
                continue
            if _leaf(theirs, path) in (before, mine):
                _put(merged, path, mine, result)
            else:
                result.clashes.append(path)
        result.clashes += _reshaped(base, self.data)
        result.text = dump(yaml, merged)
        self.base = disk
        self._load(result.text)
        self._changed()
        return result


_MISSING = object()


def _leaves(data: Any, path: YamlPath = ()) -> list[tuple[YamlPath, Any]]:
    """Return every scalar of a document with its path."""
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(data, list):
        return [leaf for i, value in enumerate(data) for leaf in _leaves(value, (*path, i))]
    return [(path, data)]


def _leaf(data: Any, path: YamlPath) -> Any:
    """Return the scalar at `path`, or a marker when there is none."""
    try:
        return values.get(data, path)
    except values.PathError:
        return _MISSING


def _put(data: Any, path: YamlPath, value: Any, result: Merge) -> None:
    """Set one scalar of the merged document, or record a clash when its place is gone."""
    try:
        values.get(data, path[:-1])[path[-1]] = value
        result.applied.append(path)
    except (values.PathError, IndexError, KeyError, TypeError):
        result.clashes.append(path)


def _reshaped(base: Any, mine: Any, path: YamlPath = ()) -> list[YamlPath]:
    """Return the lists whose length this session changed (they cannot be merged by value)."""
    if isinstance(base, dict) and isinstance(mine, dict):
        return [p for k in mine if k in base for p in _reshaped(base[k], mine[k], (*path, k))]
    if isinstance(base, list) and isinstance(mine, list):
        if len(base) != len(mine):
            return [path]
        return [
            p
            for i, (b, m) in enumerate(zip(base, mine, strict=True))
            for p in _reshaped(b, m, (*path, i))
        ]
    return []


def _text_or_empty(path: Path) -> str:
    """Return a case file's text, or "" when it is gone (UnicodeDecodeError when not UTF-8)."""
    data = read_or_none(path)
    return "" if data is None else data.decode("utf-8")


def read_text(path: Path) -> str:
    """Return a case file's text (UTF-8, as the loader reads it)."""
    return path.read_bytes().decode("utf-8")
