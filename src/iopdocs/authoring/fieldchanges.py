"""The changes of a document's fields turned into changes of its case file, or refusals.

`fieldmap` says which fields of a document changed and which edits it cannot
take. Here each field is looked up in the case file (`case.sources`): a text
that stands there becomes a `Change` of that value, written as the file
writes it (the lines of untouched paragraphs and the placeholders it used
kept); a derived value, or one the case file has changed since the document
was made, becomes a `Refused` naming what to change instead.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from iopdocs.authoring import yamledit
from iopdocs.build.prepare import Prepared
from iopdocs.case import placeholders
from iopdocs.case.sources import label, source_of
from iopdocs.case.yamlpath import YamlPath
from iopdocs.word import fieldmap, fieldmarks, markwriter
from iopdocs.word.markwriter import Para, canonical, canonical_inline, inline, rewrite, width_of


@dataclass(frozen=True)
class Change:
    """A value of the case file that the edited document changes."""

    path: YamlPath
    label: str
    old: str | tuple[str, ...]
    new: str | tuple[str, ...]
    place: str


@dataclass(frozen=True)
class Refused:
    """An edit that cannot be taken back, where it is, and what to change instead."""

    place: str
    what: str
    excerpt: str
    change: tuple[str, ...] = ()
    field: str = ""

    def __str__(self) -> str:
        where = f" ({self.field})" if self.field else ""
        text = f"{self.place}{where}: {self.what}"
        if self.excerpt:
            text += f" (\u201d{self.excerpt}\u201d)"
        if self.change:
            text += f". Ändra i stället {' eller '.join(self.change)}"
        return text + "."


def changes_of(
    comparison: fieldmap.Comparison, prepared: Prepared, data: Any
) -> tuple[list[Change], list[Refused]]:
    """Return what a document's changed fields change in the case file, and what is refused.

    `data` is the case file's values as it writes them (placeholders unfilled).
    """
    mapper = _Mapper(prepared, data)
    for block in comparison.blocks:
        mapper.block(block)
    for value in comparison.inline:
        mapper.inline(value)
    for refusal in comparison.refusals:
        mapper.refusal(refusal)
    return mapper.final_changes(), mapper.refused


@dataclass
class _Mapper:
    """Turns the document's field changes into changes of the case file, or refusals."""

    prepared: Prepared
    data: Any
    changes: list[Change] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)

    def source(self, tag: str):
        path = fieldmarks.parse_path(tag)
        if path is None:
            return None
        case, derived = self.prepared.case, self.prepared.derived
        return source_of(path.root, path.steps, case, derived, self.data)

    def current(self, tag: str) -> Any:
        """Return the value a tag has in the case as it is now (defaults included)."""
        path = fieldmarks.parse_path(tag)
        value: Any = {"case": self.prepared.case, "d": self.prepared.derived}.get(path.root)
        for step in path.steps:
            if isinstance(value, dict):
                value = value[step] if not isinstance(step, int) else list(value.values())[step]
            elif isinstance(step, int):
                value = value[step]
            else:
                value = getattr(value, step)
        return value

    def written(self, path: YamlPath, current: Any) -> Any:
        """Return a value as the case file writes it (placeholders unfilled), else `current`."""
        raw = yamledit.get(self.data, path)
        return current if raw is None else raw

    def fresh(self, written: Any):
        """Return how new text is written in a field: braces doubled, placeholders put back."""
        known = placeholders.values(self.prepared.case)
        text = "\n".join(written) if isinstance(written, list) else str(written)
        return lambda new: placeholders.unfill(new, text, known)

    def block(self, edit: fieldmap.BlockEdit) -> None:
        """Take back a changed text, or a changed list of beslutspunkter."""
        source = self.source(edit.tag)
        if source is None or source.path is None or (edit.items and not self._list(source)):
            self._derived(edit.place, markwriter.write(list(edit.paragraphs)), source)
            return
        current = self.current(edit.tag)
        if edit.items:
            self._items(edit, source.path, list(current))
            return
        if markwriter.write(list(edit.base)) != canonical(current):
            self._conflict(edit.place, source.path)
            return
        if not any(p.text.strip() for p in edit.paragraphs):
            self._empty(edit.place, source.path)
            return
        written = str(self.written(source.path, current))
        fresh = self.fresh(written)
        new = rewrite(list(edit.base), list(edit.paragraphs), written, width_of(written), fresh)
        self._change(source.path, written, new, edit.place)

    def _list(self, source) -> bool:
        return isinstance(yamledit.get(self.data, source.path), list)

    def _items(self, edit: fieldmap.BlockEdit, path: YamlPath, current: list[str]) -> None:
        """Take back a list of one-paragraph items; the items left alone keep their text."""
        base = [inline(p.atoms) for p in edit.base]
        if base != [canonical_inline(item) for item in current]:
            self._conflict(edit.place, path)
            return
        written = [str(item) for item in self.written(path, current)]
        new = _new_items(list(edit.base), list(edit.paragraphs), written, self.fresh(written))
        if not new:
            self._empty(edit.place, path)
            return
        self._change(path, tuple(written), tuple(new), edit.place)

    def inline(self, edit: fieldmap.InlineEdit) -> None:
        """Take back a changed value inside a paragraph of template text."""
        source = self.source(edit.tag)
        if source is None or source.path is None:
            self._derived(edit.place, edit.new, source)
            return
        current = self.current(edit.tag)
        if current != edit.old:
            self._conflict(edit.place, source.path)
        elif not edit.new.strip():
            self._empty(edit.place, source.path)
        else:
            written = self.written(source.path, current)
            self._change(source.path, written, self.fresh(written)(edit.new.strip()), edit.place)

    def refusal(self, refusal: fieldmap.Refusal) -> None:
        """Say why an edit cannot be taken back, with the fields behind its text."""
        change: list[str] = []
        fields: list[str] = []
        for tag in refusal.tags:
            source = self.source(tag)
            if source is None:
                continue
            if source.path is not None:
                fields.append(label(source.path, self.data))
            change += source.change
        self.refused.append(
            Refused(
                refusal.place,
                refusal.what,
                refusal.excerpt,
                tuple(dict.fromkeys(change)),
                ", ".join(dict.fromkeys(fields)),
            )
        )

    def _derived(self, place: str, text: str, source) -> None:
        change = source.change if source is not None else ()
        reason = source.reason if source is not None and source.reason else "räknas fram"
        what = f"en ändrad text som inte står i ärendefilen ({reason})"
        self.refused.append(Refused(place, what, _short(text), tuple(change)))

    def _conflict(self, place: str, path: YamlPath) -> None:
        what = (
            f"{label(path, self.data)} har ändrats i ärendefilen sedan dokumentet skapades; "
            "ändringen i dokumentet skulle skriva över den"
        )
        self.refused.append(Refused(place, what, "", (label(path, self.data),)))

    def _empty(self, place: str, path: YamlPath) -> None:
        what = f"{label(path, self.data)} får inte vara tom"
        self.refused.append(Refused(place, what, ""))

    def _change(self, path: YamlPath, old, new, place: str) -> None:
        self.changes.append(Change(path, label(path, self.data), old, new, place))

    def final_changes(self) -> list[Change]:
        """Return the changes, one per value; two different edits of one value are refused."""
        by_path: dict[YamlPath, Change] = {}
        for change in self.changes:
            seen = by_path.get(change.path)
            if seen is not None and seen.new != change.new:
                what = f"{change.label} har ändrats på olika sätt på två ställen"
                self.refused.append(Refused(change.place, what, _short(str(change.new))))
                by_path[change.path] = None  # type: ignore[assignment]
            elif change.path not in by_path:
                by_path[change.path] = change
        return [c for c in by_path.values() if c is not None and c.old != c.new]


def _new_items(base: list[Para], edited: list[Para], written: list[str], fresh) -> list[str]:
    """Return the list's new items: those the edit left alone as the file writes them."""
    keys_b = [inline(p.atoms) for p in base]
    keys_e = [inline(p.atoms) for p in edited]
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, keys_b, keys_e, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += written[i1:i2]
        else:
            out += [fresh(k) for k in keys_e[j1:j2] if k.strip()]
    return out


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
