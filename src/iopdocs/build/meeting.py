"""A board meeting: its cases, its föredragningslista and a manifest of its papers.

The agenda lists the procedural items first, then each decision item with
its number, rubrik, diarienummer, decision points and documents, in the
order of the diarienummer. The meeting folder's manifest records the hash
of every file that goes to the meeting.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from iopdocs.build import cases, prepare
from iopdocs.build.kinds import Document, documents_for
from iopdocs.build.manifest import Manifest, WriteResult, write_output
from iopdocs.build.prepare import Prepared
from iopdocs.build.project import CaseReport, Project, output_folder
from iopdocs.build.publishing import Paper, Publisher, Section
from iopdocs.case.agenda import Item, Meeting, opening_items
from iopdocs.case.load import load_yaml
from iopdocs.errors import CaseError, IopdocsError
from iopdocs.files import atomic_write, file_sha256
from iopdocs.word import ooxml, render

AGENDA_TEMPLATE = "foredragningslista.docx"
AGENDA_FILE = "foredragningslista.docx"
PAPERS_MANIFEST = "handlingar.json"
MERGED_STEM = "handlingar"


@dataclass
class MeetingResult:
    """What a meeting build wrote, and which cases were left out."""

    folder: Path
    writes: list[WriteResult] = field(default_factory=list)
    left_out: list[Path] = field(default_factory=list)
    drafts: list[Path] = field(default_factory=list)
    """Cases built as drafts: never in the agenda nor among the meeting's papers."""


def folder_for(project: Project, day: date) -> Path:
    """Return the meeting's output folder."""
    return project.output / f"sammantrade-{day.isoformat()}"


def select(files: list[Path], day: date) -> list[Path]:
    """Return the case files whose `sammanträde` is `day`; unreadable ones are kept.

    A case that cannot be read is kept so that the build reports its problem
    instead of it silently missing from the meeting.
    """
    chosen = []
    for file in files:
        try:
            data = load_yaml(file).data
        except CaseError:
            chosen.append(file)
            continue
        if isinstance(data, dict) and str(data.get("sammanträde", "")).strip() == day.isoformat():
            chosen.append(file)
    return chosen


def write(
    day: date,
    reports: list[CaseReport],
    project: Project,
    publishers: Sequence[Publisher] = (),
) -> MeetingResult:
    """Write the meeting's agenda, its published forms and combined papers, and its manifest."""
    folder = folder_for(project, day)
    result = MeetingResult(folder, left_out=[r.file for r in reports if r.failed])
    built = [r for r in reports if not r.failed]
    prepared = sorted(
        (prepare.prepare(r.file, project) for r in built), key=lambda p: p.case.diarienummer
    )
    result.drafts = [p.file for p in prepared if p.unfinished]
    prepared = [p for p in prepared if not p.unfinished]
    if not prepared:
        raise IopdocsError(f"inget ärende kunde byggas för sammanträdet {day.isoformat()}.")
    agenda = _render_agenda(day, prepared, project)
    manifest = Manifest.read(folder)
    inputs = {"ärenden": ",".join(p.digest for p in prepared)}
    result.writes.append(write_output(manifest, AGENDA_FILE, agenda, inputs, project.force))
    documents = [folder / AGENDA_FILE, *_papers(prepared, project)]
    published, combined = [], []
    for publisher in publishers:
        writes, merged = _publish(day, manifest, prepared, project, inputs, publisher)
        result.writes += writes
        published += [p.with_suffix(publisher.suffix) for p in documents]
        combined += [merged] if merged else []
    manifest.save()
    _write_papers_manifest(folder, published + documents + combined)
    return result


def _publish(
    day: date,
    manifest: Manifest,
    prepared: list[Prepared],
    project: Project,
    inputs: dict[str, str],
    publisher: Publisher,
) -> tuple[list[WriteResult], Path | None]:
    """Write the agenda in one published format, and the meeting's papers combined in it.

    Return the writes and the combined file (None when the format cannot combine).
    """
    agenda_file = manifest.folder / AGENDA_FILE
    [agenda] = publisher.make([agenda_file], 1)
    if not agenda.ok or agenda.data is None:
        raise IopdocsError(f"1 av 1 dokument blev inte {publisher.label}:\n{agenda.error}")
    agenda_name = agenda_file.with_suffix(publisher.suffix).name
    writes = [write_output(manifest, agenda_name, agenda.data, inputs, project.force)]
    sections = [
        Section(
            f"{item.nummer}. {item.rubrik}",
            tuple(
                Paper(doc.label, _published(project, p, doc.filename, publisher.suffix))
                for doc in _meeting_documents(p)
            ),
        )
        for item, p in zip(_items(prepared), prepared, strict=True)
    ]
    title = f"Handlingar till sammanträdet {day.isoformat()}"
    first = Paper("Föredragningslista", manifest.folder / agenda_name)
    combined = publisher.combine(first, sections, title)
    if combined is None:
        return writes, None
    name = MERGED_STEM + publisher.suffix
    writes.append(write_output(manifest, name, combined, inputs, project.force))
    return writes, manifest.folder / name


def _published(project: Project, prepared: Prepared, filename: str, suffix: str) -> Path:
    """Return where the published form of one of a case's documents stands."""
    return (output_folder(project, prepared.file) / filename).with_suffix(suffix)


def _meeting_documents(prepared: Prepared) -> list[Document]:
    """Return the documents of a case that go to the meeting, in the kinds' order."""
    return [doc for doc in documents_for(prepared.case) if doc.kind.in_meeting]


def _items(prepared: list[Prepared]) -> list[Item]:
    """Return the agenda items of the cases, numbered after the opening ones."""
    first = len(opening_items()) + 1
    return [
        Item(
            nummer=number,
            rubrik=p.case.rubrik,
            diarienummer=p.case.diarienummer,
            handlaggare=p.case.handlaggare.namn,
            beslutsforslag="\n".join(
                f"{i}. {point}" for i, point in enumerate(p.case.beslutsforslag, 1)
            ),
            handlingar=tuple(doc.line for doc in p.derived.beslutsunderlag),
        )
        for number, p in enumerate(prepared, first)
    ]


def _render_agenda(day: date, prepared: list[Prepared], project: Project) -> bytes:
    """Return the föredragningslista's .docx bytes."""
    settings = prepare.load_settings(project.settings_file).on(day)
    template = cases.compiled(prepare.template_folder(project, settings) / AGENDA_TEMPLATE)
    context = {"org": settings, "moete": Meeting(day, opening_items(), tuple(_items(prepared)))}
    title = f"Föredragningslista {settings.namnd} {day.isoformat()}"
    props = {"docProps/core.xml": ooxml.core_properties(title, settings.forvaltning, day)}
    return render.render(template, context, props)


def _papers(prepared: list[Prepared], project: Project) -> list[Path]:
    """Return every document file of the meeting's cases, in agenda order."""
    files = []
    for p in prepared:
        folder = output_folder(project, p.file)
        files.extend(folder / doc.filename for doc in _meeting_documents(p))
    return files


def _write_papers_manifest(folder: Path, files: list[Path]) -> None:
    """Write the list of the meeting's files with their SHA-256."""
    entries = [
        {"fil": str(path.relative_to(folder.parent)), "sha256": file_sha256(path)} for path in files
    ]
    body = json.dumps({"handlingar": entries}, ensure_ascii=False, indent=2)
    atomic_write(folder / PAPERS_MANIFEST, (body + "\n").encode("utf-8"))
