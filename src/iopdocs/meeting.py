"""A board meeting: its cases, its föredragningslista and a manifest of its papers.

The agenda lists the procedural items first, then each decision item with
its number, rubrik, diarienummer, decision points and documents, in the
order of the diarienummer. The meeting folder's manifest records the hash
of every file that goes to the meeting.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from iopdocs import build, ooxml, render
from iopdocs.documents import documents_for
from iopdocs.errors import CaseError, IopdocsError
from iopdocs.load import load_yaml
from iopdocs.project import CaseReport, Project, output_folder
from iopdocs.write import Manifest, WriteResult, atomic_write, file_sha256, write_output

AGENDA_TEMPLATE = "foredragningslista.docx"
AGENDA_FILE = "foredragningslista.docx"
PAPERS_MANIFEST = "handlingar.json"
MERGED_FILE = "handlingar.pdf"
OPENING_ITEMS = (
    "Sammanträdets öppnande",
    "Val av justerare och tid för justering",
    "Godkännande av föredragningslistan",
)


@dataclass(frozen=True)
class Item:
    """A numbered item on the agenda."""

    nummer: int
    rubrik: str
    diarienummer: str = ""
    handlaggare: str = ""
    beslutsforslag: str = ""
    handlingar: tuple[str, ...] = ()


@dataclass(frozen=True)
class Meeting:
    """What the agenda template sees as `moete`."""

    datum: date
    inledande: tuple[Item, ...]
    arenden: tuple[Item, ...]


@dataclass
class MeetingResult:
    """What a meeting build wrote, and which cases were left out."""

    folder: Path
    writes: list[WriteResult] = field(default_factory=list)
    left_out: list[Path] = field(default_factory=list)


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
    day: date, reports: list[CaseReport], project: Project, with_pdf: bool = False
) -> MeetingResult:
    """Write the meeting's agenda (and with PDFs the merged handlingar) and papers manifest."""
    folder = folder_for(project, day)
    result = MeetingResult(folder, left_out=[r.file for r in reports if r.failed])
    built = [r for r in reports if not r.failed]
    prepared = sorted(
        (build.prepare(r.file, project) for r in built), key=lambda p: p.case.diarienummer
    )
    if not prepared:
        raise IopdocsError(f"inget ärende kunde byggas för sammanträdet {day.isoformat()}.")
    agenda = _render_agenda(day, prepared, project)
    manifest = Manifest.read(folder)
    inputs = {"ärenden": ",".join(p.digest for p in prepared)}
    result.writes.append(write_output(manifest, AGENDA_FILE, agenda, inputs, project.force))
    papers = [folder / AGENDA_FILE, *_papers(prepared, project)]
    if with_pdf:
        result.writes += _write_pdfs(day, folder, manifest, prepared, project, inputs)
        papers = [p.with_suffix(".pdf") for p in papers] + papers + [folder / MERGED_FILE]
    manifest.save()
    _write_papers_manifest(folder, papers)
    return result


def _write_pdfs(day, folder, manifest, prepared, project, inputs) -> list[WriteResult]:
    """Write the agenda's PDF and the merged handlingar PDF of the whole meeting."""
    from iopdocs import meetingpdf, pdf

    with pdf.PdfConverter() as converter:
        [agenda] = converter.convert([folder / AGENDA_FILE])
    pdf.require_all([agenda])
    assert agenda.data is not None
    agenda_pdf = AGENDA_FILE.replace(".docx", ".pdf")
    writes = [write_output(manifest, agenda_pdf, agenda.data, inputs, project.force)]
    sections = [
        meetingpdf.Section(
            f"{item.nummer}. {item.rubrik}",
            tuple(
                meetingpdf.Paper(kind.label, _case_pdf(project, p, kind.filename))
                for kind in documents_for(p.case)
            ),
        )
        for item, p in zip(_items(prepared), prepared, strict=True)
    ]
    title = f"Handlingar till sammanträdet {day.isoformat()}"
    merged = meetingpdf.merge(
        meetingpdf.Paper("Föredragningslista", folder / agenda_pdf), sections, title
    )
    writes.append(write_output(manifest, MERGED_FILE, merged, inputs, project.force))
    return writes


def _case_pdf(project: Project, prepared: build.Prepared, filename: str) -> Path:
    """Return where the PDF of one of a case's documents stands."""
    return (output_folder(project, prepared.file) / filename).with_suffix(".pdf")


def _items(prepared: list[build.Prepared]) -> list[Item]:
    """Return the agenda items: the opening ones, then one per case."""
    first = len(OPENING_ITEMS) + 1
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


def _render_agenda(day: date, prepared: list[build.Prepared], project: Project) -> bytes:
    """Return the föredragningslista's .docx bytes."""
    settings = build.load_settings(project.settings_file)
    template = build.compiled(build.template_folder(project, settings) / AGENDA_TEMPLATE)
    opening = tuple(Item(n, title) for n, title in enumerate(OPENING_ITEMS, 1))
    context = {"org": settings, "moete": Meeting(day, opening, tuple(_items(prepared)))}
    title = f"Föredragningslista {settings.namnd} {day.isoformat()}"
    props = {"docProps/core.xml": ooxml.core_properties(title, settings.forvaltning, day)}
    return render.render(template, context, props)


def _papers(prepared: list[build.Prepared], project: Project) -> list[Path]:
    """Return every document file of the meeting's cases, in agenda order."""
    files = []
    for p in prepared:
        folder = output_folder(project, p.file)
        files.extend(folder / kind.filename for kind in documents_for(p.case))
    return files


def _write_papers_manifest(folder: Path, files: list[Path]) -> None:
    """Write the list of the meeting's files with their SHA-256."""
    entries = [
        {"fil": str(path.relative_to(folder.parent)), "sha256": file_sha256(path)} for path in files
    ]
    body = json.dumps({"handlingar": entries}, ensure_ascii=False, indent=2)
    atomic_write(folder / PAPERS_MANIFEST, (body + "\n").encode("utf-8"))
