"""The live preview: the case's documents rendered as the build does, shown as page images.

A preview is made from the editor's current text: validated, rendered to
.docx exactly as `iopdocs build` renders it, and turned into pages by the
`PreviewPublisher` (a running LibreOffice). Results are cached by the
document's bytes. When LibreOffice (or its Python bridge) is missing, the
preview is the document's text instead, and says so.
"""

from __future__ import annotations

import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from iopdocs.build.cases import render_document
from iopdocs.build.kinds import Document, documents_for
from iopdocs.build.prepare import Prepared
from iopdocs.build.project import Project
from iopdocs.files import sha256
from iopdocs.publish.pages import Pages, PreviewPublisher
from iopdocs.publish.warm import WarmOffice, WarmOfficeError, missing

CACHED = 24


@dataclass(frozen=True)
class Shown:
    """One document's preview: its pages (key for their images), or its text, or why neither."""

    document: Document
    key: str = ""
    count: int = 0
    text: str = ""
    error: str = ""


class Previewer:
    """Make and keep the previews of the workbench; owns the running LibreOffice."""

    def __init__(self, project: Project, use_office: bool = True) -> None:
        self.project = project
        self.unavailable = missing() if use_office else "förhandsvisning med sidbilder är avstängd."
        self.office = WarmOffice() if not self.unavailable else None
        self.publisher = PreviewPublisher(self.office) if self.office else None
        self._cache: OrderedDict[str, Pages] = OrderedDict()
        self._lock = threading.Lock()
        self._work = Path(tempfile.mkdtemp(prefix="iopdocs-forhandsvisning-"))

    def start(self) -> None:
        """Start LibreOffice now, so the first preview does not wait for it."""
        if self.office is not None:
            try:
                self.office.start()
            except WarmOfficeError as exc:
                self.unavailable = str(exc)

    def stop(self) -> None:
        """Stop LibreOffice and remove the preview's files."""
        if self.office is not None:
            self.office.stop()
        import shutil

        shutil.rmtree(self._work, ignore_errors=True)

    def documents(self, prepared: Prepared) -> list[Document]:
        """Return the documents the case produces, in build order."""
        return documents_for(prepared.case)

    def show(self, prepared: Prepared, document: Document) -> Shown:
        """Return the preview of one document of a prepared case."""
        data = render_document(prepared, self.project, document)
        if self.publisher is None or self.unavailable:
            return Shown(document, text=_document_text(data))
        key = sha256(data)
        with self._lock:
            pages = self._cache.get(key)
            if pages is None:
                try:
                    pages = self._convert(key, data)
                except WarmOfficeError as exc:
                    return Shown(document, text=_document_text(data), error=str(exc))
            self._cache.move_to_end(key)
        return Shown(document, key, pages.count)

    def _convert(self, key: str, data: bytes) -> Pages:
        """Convert a rendered document to pages and cache them (the lock is held)."""
        assert self.publisher is not None
        source = self._work / f"{key}.docx"
        source.write_bytes(data)
        try:
            pages = self.publisher.pages(source)
        finally:
            source.unlink(missing_ok=True)
        self._cache[key] = pages
        while len(self._cache) > CACHED:
            self._cache.popitem(last=False)
        return pages

    def pages(self, key: str) -> Pages | None:
        """Return cached pages by key, or None when they are gone."""
        with self._lock:
            return self._cache.get(key)


def _document_text(data: bytes) -> str:
    """Return a rendered document as text, for the preview without LibreOffice."""
    from iopdocs.word.text import docx_text

    return docx_text(data)
