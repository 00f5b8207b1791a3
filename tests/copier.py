"""A publisher for tests: each document published as a copy of its bytes (no LibreOffice)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from iopdocs.build.publishing import Made, Paper, Section


class Copier:
    """Publishes a document as a copy of its bytes, with its version appended when `stamp`.

    A new version makes every published file outdated, as a new converter would;
    `made` lists the documents it was asked to publish.
    """

    name, suffix, label = "kopia", ".kopia", "kopia"

    def __init__(self, version: str, stamp: bool = True) -> None:
        self.version = version
        self.stamp = stamp
        self.made: list[str] = []

    def inputs(self) -> dict[str, str]:
        return {"version": self.version}

    def make(self, sources: Sequence[Path], jobs: int) -> list[Made]:
        self.made += [s.name for s in sources]
        tail = self.version.encode() if self.stamp else b""
        return [Made(s, s.read_bytes() + tail) for s in sources]

    def attach(self, sources: Sequence[Path], jobs: int) -> None:
        return None

    def combine(self, first: Paper, sections: Sequence[Section], title: str) -> bytes | None:
        return None
