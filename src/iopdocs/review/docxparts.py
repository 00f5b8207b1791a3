"""The .docx packages a redline reads: their stories, relationships and date.

A story is a part that holds text: the main document, a page header or a
page footer. `Links` carries the relationships that copies of OLD's content
refer to into NEW's package.
"""

from __future__ import annotations

import itertools
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from iopdocs.errors import IopdocsError, os_reason
from iopdocs.word import ooxml, zipread

FALLBACK_DATE = "2000-01-01T00:00:00Z"

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_DOCUMENT = _REL_NS + "/officeDocument"
_W_R, _W_ID, _W_HYPERLINK = qn("w:r"), qn("w:id"), qn("w:hyperlink")
_REVISIONS = ("ins", "del", "moveFrom", "moveTo")


class RedlineError(IopdocsError):
    """A redline cannot be made: an input is unreadable or already holds tracked changes."""


@dataclass(frozen=True)
class _Story:
    """One part that holds text: the main document, a page header or a page footer."""

    name: str
    root: etree._Element


@dataclass(frozen=True)
class _Document:
    """A .docx read for a redline: its parts and its stories by section and kind."""

    label: str
    package: ooxml.Package
    stories: dict[tuple, _Story]


def read_both(old: Path | bytes, new: Path | bytes) -> tuple[_Document, _Document]:
    """Return both documents, or raise one RedlineError that names every problem."""
    documents, problems = [], []
    for source in (old, new):
        try:
            documents.append(_read(source))
        except RedlineError as exc:
            problems.append(str(exc))
    if problems:
        raise RedlineError("\n".join(problems))
    return documents[0], documents[1]


def _read(source: Path | bytes) -> _Document:
    """Return a document's package and stories; refuse one with tracked changes."""
    label = str(source) if isinstance(source, Path) else "<bytes>"
    try:
        data = zipread.read_docx_file(source) if isinstance(source, Path) else source
        package = ooxml.read_package(data)
        stories = _stories(package)
    except FileNotFoundError as exc:
        raise RedlineError(f"{label}: finns inte.") from exc
    except OSError as exc:
        raise RedlineError(f"{label}: kan inte läsas: {os_reason(exc)}.") from exc
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise RedlineError(
            f"{label}: kan inte läsas som Word-dokument ({zipread.reason(exc)}). "
            "Kontrollera att filen är en hel .docx-fil (inte .doc, .docm eller en mall)."
        ) from exc
    revised = sorted({s.name for s in stories.values() if _has_revisions(s.root)})
    if revised:
        raise RedlineError(
            f"{label}: innehåller redan spårade ändringar ({', '.join(revised)}). "
            "Godkänn eller avvisa dem i Word och jämför sedan igen."
        )
    return _Document(label, package, stories)


def _stories(package: ooxml.Package) -> dict[tuple, _Story]:
    """Return the body and every page header and footer, keyed by section, kind and type."""
    main = _main_part(package)
    root = ooxml.parse(package.parts[main])
    body = root.find(qn("w:body"))
    if body is None:
        raise ValueError(f"{main} saknar w:body")
    stories: dict[tuple, _Story] = {("body",): _Story(main, root)}
    parsed: dict[str, _Story] = {}
    relationships = _relationships(package, main)
    sections = [s for s in body.iter(qn("w:sectPr")) if s.getparent().tag != qn("w:sectPrChange")]
    for index, sect_pr in enumerate(sections):
        for reference in sect_pr:
            if reference.tag not in (qn("w:headerReference"), qn("w:footerReference")):
                continue
            target = relationships.get(reference.get(qn("r:id")) or "")
            if target is None or target.target not in package.parts:
                continue
            if target.target not in parsed:
                parsed[target.target] = _Story(
                    target.target, ooxml.parse(package.parts[target.target])
                )
            stories[index, reference.tag, reference.get(qn("w:type"))] = parsed[target.target]
    return stories


def story_pairs(old: _Document, new: _Document) -> Iterator[tuple[_Story, _Story]]:
    """Yield OLD's and NEW's body, then the headers and footers both have, each part once."""
    seen: set[str] = set()
    for key, story in new.stories.items():
        if key in old.stories and story.name not in seen:
            seen.add(story.name)
            yield old.stories[key], story


def story_root(root: etree._Element) -> etree._Element:
    """Return the container of a story's paragraphs: w:body, or the header or footer itself."""
    body = root.find(qn("w:body"))
    return root if body is None else body


def _has_revisions(root: etree._Element) -> bool:
    """Return whether a story already holds tracked insertions, deletions or moves."""
    return any(True for _ in root.iter(*(qn(f"w:{kind}") for kind in _REVISIONS)))


def largest_id(*documents: _Document) -> int:
    """Return the largest numeric w:id in the stories of the documents, 0 if none."""
    ids = [
        int(value)
        for document in documents
        for story in document.stories.values()
        for element in story.root.iter()
        if (value := element.get(_W_ID)) is not None and value.isdigit()
    ]
    return max(ids, default=0)


@dataclass(frozen=True)
class _Relationship:
    """One relationship of a part: its type, the part it resolves to (or URL), and mode."""

    type: str
    target: str
    external: bool


def _rels_name(part: str) -> str:
    """Return the name of the relationships part of `part`."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _relationships(package: ooxml.Package, part: str) -> dict[str, _Relationship]:
    """Return the relationships of a part by id, internal targets resolved to part names."""
    blob = package.parts.get(_rels_name(part))
    if blob is None:
        return {}
    found = {}
    for rel in ooxml.parse(blob):
        target, external = rel.get("Target") or "", rel.get("TargetMode") == "External"
        if not external:
            joined = posixpath.join(posixpath.dirname(part), target)
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(joined)
        found[rel.get("Id") or ""] = _Relationship(rel.get("Type") or "", target, external)
    return found


def _main_part(package: ooxml.Package) -> str:
    """Return the name of the main document part, from the package relationships."""
    for rel in _relationships(package, "").values():
        if rel.type == _OFFICE_DOCUMENT:
            return rel.target
    raise KeyError("paketet saknar huvuddokument (officeDocument)")


class Links:
    """Carries the relationships that deleted copies of OLD's content refer to into NEW.

    A relationship NEW has too (same type and target) is reused; a missing
    external one (a hyperlink's URL) is added; OLD's internal parts, such as
    images, are not copied: what refers to them is left out of the copy.
    """

    def __init__(self, old: ooxml.Package, old_part: str, new: ooxml.Package, new_part: str):
        self.old = _relationships(old, old_part)
        new_relationships = _relationships(new, new_part)
        self.ids = {(r.type, r.target, r.external): i for i, r in new_relationships.items()}
        self.taken = set(new_relationships)
        self.added: list[tuple[str, _Relationship]] = []
        self.rels_name = _rels_name(new_part)
        self.rels_blob = new.parts.get(self.rels_name)

    def adopt(self, item: etree._Element) -> None:
        """Point the relationship ids in a copy of OLD's content at NEW's relationships."""
        for element in list(item.iter()):
            for attribute, value in list(element.attrib.items()):
                if not attribute.startswith(f"{{{_REL_NS}}}"):
                    continue
                rel = self.old.get(value)
                new_id = self._new_id(rel) if rel is not None else None
                if new_id is not None:
                    element.set(attribute, new_id)
                elif element.tag == _W_HYPERLINK:
                    del element.attrib[attribute]
                else:
                    _drop(element)

    def _new_id(self, rel: _Relationship) -> str | None:
        """Return NEW's id for a relationship, adding an external one NEW lacks."""
        key = (rel.type, rel.target, rel.external)
        if key not in self.ids and rel.external:
            number = itertools.count(1)
            new_id = next(f"rIdRedline{n}" for n in number if f"rIdRedline{n}" not in self.taken)
            self.taken.add(new_id)
            self.added.append((new_id, rel))
            self.ids[key] = new_id
        return self.ids.get(key)

    def parts(self) -> dict[str, bytes]:
        """Return NEW's relationships part with the added relationships, if any were added."""
        if not self.added:
            return {}
        tag = f"{{{ooxml.PKG_REL}}}"
        root = (
            ooxml.parse(self.rels_blob) if self.rels_blob else etree.Element(tag + "Relationships")
        )
        for new_id, rel in self.added:
            attributes = {"Id": new_id, "Type": rel.type, "Target": rel.target}
            etree.SubElement(root, tag + "Relationship", attributes, TargetMode="External")
        return {self.rels_name: serialize(root)}


def _drop(element: etree._Element) -> None:
    """Remove an element from a copy, with the run content (a picture, say) it belongs to."""
    child = element
    while child.getparent() is not None and child.getparent().tag != _W_R:
        child = child.getparent()
    if child.getparent() is None:
        child = element
    if child.getparent() is not None:
        child.getparent().remove(child)


def modified(package: ooxml.Package) -> str:
    """Return the date of NEW's core property "modified" (or "created"), else a fixed one."""
    core = next(
        (
            r.target
            for r in _relationships(package, "").values()
            if r.type.endswith("/core-properties")
        ),
        "docProps/core.xml",
    )
    moment = ooxml.core_date(package.parts[core]) if core in package.parts else None
    return FALLBACK_DATE if moment is None else stamp(moment)


def stamp(when: datetime | date) -> str:
    """Return a w:date value in UTC; a date is its midnight, a naive time is taken as UTC."""
    if not isinstance(when, datetime):
        when = datetime.combine(when, time(), UTC)
    elif when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def serialize(root: etree._Element) -> bytes:
    """Return a part's XML with the declaration Word writes."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
