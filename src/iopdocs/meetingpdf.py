"""The meeting's "handlingar" PDF: the agenda, then every case's papers, bookmarked.

One bookmark per ärende (its agenda number and rubrik) with one child per
document, in agenda order, so a board member can jump straight to a paper.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject

from iopdocs.errors import IopdocsError

LANGUAGE = "sv-SE"


@dataclass(frozen=True)
class Paper:
    """One document of an agenda item, as a PDF on disk."""

    label: str
    path: Path


@dataclass(frozen=True)
class Section:
    """An agenda item's bookmark and its papers."""

    title: str
    papers: tuple[Paper, ...]


def merge(agenda: Paper, sections: list[Section], title: str) -> bytes:
    """Return one PDF of the agenda and every section's papers, with nested bookmarks."""
    writer = PdfWriter()
    _append(writer, agenda, parent=None)
    for section in sections:
        first_page = len(writer.pages)
        parent = None
        for paper in section.papers:
            if parent is None:
                _append_pages(writer, paper)
                parent = writer.add_outline_item(title=section.title, page_number=first_page)
                writer.add_outline_item(title=paper.label, page_number=first_page, parent=parent)
            else:
                _append(writer, paper, parent)
    writer.add_metadata({"/Title": title})
    writer._root_object[NameObject("/Lang")] = TextStringObject(LANGUAGE)  # noqa: SLF001
    writer._ID = _fixed_id(writer)  # noqa: SLF001 - pypdf has no public setter for /ID
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _append(writer: PdfWriter, paper: Paper, parent) -> None:
    """Append a paper's pages with a bookmark to its first page."""
    first_page = len(writer.pages)
    _append_pages(writer, paper)
    writer.add_outline_item(title=paper.label, page_number=first_page, parent=parent)


def _append_pages(writer: PdfWriter, paper: Paper) -> None:
    """Append every page of a paper; a missing or broken PDF is an error naming it."""
    try:
        reader = PdfReader(paper.path)
        for page in reader.pages:
            writer.add_page(page)
    except (OSError, ValueError) as exc:
        raise IopdocsError(
            f"{paper.path}: PDF:en kan inte läsas ({exc}). Bygg med --pdf igen."
        ) from exc


def _fixed_id(writer: PdfWriter) -> ArrayObject:
    """Return a file /ID from the content, so the same papers give the same bytes."""
    digest = hashlib.md5(usedforsecurity=False)
    for page in writer.pages:
        digest.update(page.get_contents().get_data() if page.get_contents() else b"")
    value = ByteStringObject(digest.digest())
    return ArrayObject([value, value])
