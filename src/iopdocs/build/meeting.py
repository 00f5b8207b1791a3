"""A board meeting: its items, its föredragningslista and a manifest of its papers.

The plan (case/agenda.py) says which item comes where: the meeting file's
order, or every case of the day in diarienummer order. Here each item gets
its agenda entry (number, rubrik, diarienummer, decision points, the papers
listed) and its papers: a case's documents and attached files, an item's
own files. A meeting whose papers are not all there (a case with errors or
a draft, a file missing or unusable) is not written unless the caller
accepts gaps (`incomplete`); then each gap is marked on the agenda. The
meeting folder's handlingar.json records the SHA-256 of every file sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from iopdocs.build import cases, prepare
from iopdocs.build.attached import attached_forms
from iopdocs.build.kinds import documents_for
from iopdocs.build.manifest import Manifest, WriteResult, write_output
from iopdocs.build.papers import write_manifest
from iopdocs.build.prepare import Prepared
from iopdocs.build.project import CaseReport, Project, output_folder
from iopdocs.build.publishing import Paper as PublishedPaper
from iopdocs.build.publishing import Publisher, Section
from iopdocs.case import agenda
from iopdocs.case.agenda import Item, Meeting, opening_items
from iopdocs.case.attachments import sendable
from iopdocs.case.derive import BasisDocument
from iopdocs.case.load import load_yaml
from iopdocs.case.rules.checker import Checker
from iopdocs.case.rules.references import attachment_problems
from iopdocs.case.validate import to_model
from iopdocs.case.yamlpath import format_path
from iopdocs.errors import CaseError, IopdocsError, Problem
from iopdocs.files import file_sha256
from iopdocs.word import ooxml, render

AGENDA_TEMPLATE = "foredragningslista.docx"
AGENDA_FILE = "foredragningslista.docx"
MERGED_STEM = "handlingar"
NOT_ATTACHED = " (bifogas inte)"
MISSING = " (saknas)"
CASE_NOT_READY = "Handlingarna saknas: ärendet är inte klart."


@dataclass(frozen=True)
class Paper:
    """A file that goes to the meeting with an item, or why it cannot go.

    `source` is what was built or attached (.docx or PDF); `published`
    maps a publisher's suffix to the file it reads for the combined papers.
    """

    label: str
    source: Path
    published: dict[str, Path] = field(default_factory=dict)
    missing: str = ""
    attached: bool = False
    """True for a file the case or meeting file attaches; False for a document built."""
    line: int = -1
    """An attachment's line among its item's handlingar on the agenda."""
    key: tuple = ()
    """Where its `fil` stands in the case or meeting file: ("bilagor", 1, "fil")."""


@dataclass(frozen=True)
class Entry:
    """One item of the meeting: its kind, its agenda entry and its papers."""

    kind: agenda.ItemKind
    item: Item
    papers: tuple[Paper, ...]
    file: Path | None = None
    """The case file, or the meeting file, that describes the item."""
    not_ready: str = ""
    """Why a case is not ready ("2 fel", "ett utkast"); '' when it is."""


@dataclass
class MeetingResult:
    """What a meeting build wrote, what is missing, and the problems of its files."""

    folder: Path
    writes: list[WriteResult] = field(default_factory=list)
    left_out: list[Path] = field(default_factory=list)
    drafts: list[Path] = field(default_factory=list)
    """Cases built as drafts: their papers never go to the meeting."""
    gaps: list[Problem] = field(default_factory=list)
    """What is missing (E003): an error, or a warning when the meeting is built with gaps."""
    problems: list[Problem] = field(default_factory=list)
    refused: bool = False
    """True when gaps kept the meeting from being written (no `incomplete`)."""


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
    incomplete: bool = False,
    jobs: int = 1,
) -> MeetingResult:
    """Write the meeting's agenda, its published forms and combined papers, and its manifest.

    Nothing is written when a part is missing, unless `incomplete`: then
    the gaps are marked on the agenda and left out of the combined papers.
    Raise CaseError when the meeting file itself has errors.
    """
    folder = folder_for(project, day)
    result = MeetingResult(folder, left_out=[r.file for r in reports if r.failed])
    prepared = {r.file: prepare.prepare(r.file, project) for r in reports if not r.failed}
    result.drafts = [file for file, p in prepared.items() if p.unfinished]
    ready = {file: p for file, p in prepared.items() if not p.unfinished}
    plan, meeting = _plan(day, project, [_case_entry(r, ready) for r in reports], result)
    if not plan:
        raise IopdocsError(f"inget ärende eller annan punkt finns för sammanträdet {day}.")
    manifest = Manifest.read(folder)
    entries = _entries(plan, ready, project, meeting)
    for publisher in publishers:
        entries = _with_attached(entries, manifest, publisher, project.force, jobs, result)
    level = "varning" if incomplete else "fel"
    result.gaps = [gap for entry in entries for gap in _gaps(entry, level)]
    if result.gaps and not incomplete:
        result.refused = True
        manifest.save()
        return result
    inputs = {"ärenden": ",".join(p.digest for p in ready.values()), "punkter": _digest(meeting)}
    context = _context(day, meeting, entries)
    agenda_docx = _render_agenda(context, project)
    result.writes.append(write_output(manifest, AGENDA_FILE, agenda_docx, inputs, project.force))
    published, combined = [], []
    for publisher in publishers:
        writes, agenda_published, merged = _publish(
            day, manifest, entries, project, inputs, publisher
        )
        result.writes += writes
        published += [agenda_published, *(_published(p, publisher) for p in _sent(entries))]
        combined += [merged] if merged else []
    manifest.save()
    files = [*published, folder / AGENDA_FILE, *(p.source for p in _sent(entries)), *combined]
    write_manifest(folder, files, _missing(entries), project.settings_file.parent)
    return result


# --- the plan ------------------------------------------------------------------------


@dataclass(frozen=True)
class _MeetingFile:
    """The meeting file as read, or the defaults when there is none."""

    file: Path | None = None
    model: agenda.MeetingFile | None = None

    @property
    def opening(self) -> tuple[str, ...]:
        """Return the titles of the opening items."""
        return tuple(self.model.inledande) if self.model else agenda.OPENING_ITEMS


def _plan(
    day: date, project: Project, entries: list[agenda.CaseEntry], result: MeetingResult
) -> tuple[list[agenda.Planned], _MeetingFile]:
    """Return the plan and the meeting file (if any); record the meeting file's warnings."""
    path = agenda.meeting_file(project.settings_file.parent, day)
    if not path.is_file():
        return agenda.default_plan(entries), _MeetingFile()
    loaded = load_yaml(path)
    model = to_model(loaded, agenda.MeetingFile)
    checker = Checker(loaded)
    plan = agenda.file_plan(model, checker, entries, day)
    for index, item in enumerate(model.punkter):
        base = ("punkter", index, "handlingar")
        attachment_problems(checker, base, item.handlingar, path)
    # A missing file is a gap, reported with the others; every other error stops here.
    errors = [p for p in checker.problems if p.severity == "fel" and p.code != "H002"]
    if errors:
        raise CaseError(errors)
    result.problems += [p for p in checker.problems if p.severity != "fel"]
    return plan, _MeetingFile(path, model)


def _case_entry(report: CaseReport, ready: dict[Path, Prepared]) -> agenda.CaseEntry:
    """Return what the plan needs of a case; for one not ready, what its file says."""
    found = ready.get(report.file)
    if found is not None:
        case = found.case
        return agenda.CaseEntry(report.file, case.diarienummer, case.rubrik, True)
    data = _raw(report.file)
    errors = sum(p.severity == "fel" for p in report.problems)
    reason = report.failure or (f"{errors} fel" if errors else "ett utkast")
    return agenda.CaseEntry(
        report.file,
        " ".join(_text(data, "diarienummer").split()) or report.file.stem,
        _text(data, "rubrik") or report.file.name,
        False,
        reason,
    )


def _raw(file: Path) -> dict:
    """Return a case file's top level as far as it can be read, or nothing."""
    try:
        data = load_yaml(file).data
    except CaseError:
        return {}
    return data if isinstance(data, dict) else {}


def _text(data: dict, key: str) -> str:
    """Return a top-level string of a raw case file, or ''."""
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


# --- the entries -----------------------------------------------------------------------


def _entries(
    plan: list[agenda.Planned], ready: dict[Path, Prepared], project: Project, meeting
) -> list[Entry]:
    """Return each planned item's agenda entry and papers, numbered after the opening items."""
    first = len(meeting.opening) + 1
    entries = []
    for number, planned in enumerate(plan, first):
        if planned.case is not None:
            item, papers = _case(number, planned.case, ready.get(planned.case.file), project)
            reason = "" if planned.case.ready else planned.case.reason
            entries.append(Entry(planned.kind, item, papers, planned.case.file, reason))
        else:
            index = next(i for i, own in enumerate(meeting.model.punkter) if own is planned.item)
            item, papers = _own(number, planned.item, meeting.file, ("punkter", index))
            entries.append(Entry(planned.kind, item, papers, meeting.file))
    return entries


def _case(number: int, entry: agenda.CaseEntry, prepared: Prepared | None, project: Project):
    """Return an IOP case's agenda item and papers: its documents and attachments, or the gap."""
    if prepared is None:
        facts = f"Diarienummer: {entry.diarienummer}."
        return Item(
            number, entry.rubrik, entry.diarienummer, uppgifter=facts, saknas=CASE_NOT_READY
        ), ()
    case, folder = prepared.case, output_folder(project, prepared.file)
    papers = [
        Paper(doc.label, folder / doc.filename)
        for doc in documents_for(case)
        if doc.kind.in_meeting
    ]
    lines, basis = [], prepared.derived.beslutsunderlag
    own = len(basis) - len(case.bilagor)  # the case's own bilagor come last
    for index, document in enumerate(basis):
        paper = _attachment(document, prepared.file, index, ("bilagor", index - own, "fil"))
        lines.append(document.line + _suffix(document, paper))
        papers += [paper] if paper else []
    item = Item(
        nummer=number,
        rubrik=case.rubrik,
        diarienummer=case.diarienummer,
        handlaggare=case.handlaggare.namn,
        beslutsforslag=_points(case.beslutsforslag),
        handlingar=tuple(lines),
        uppgifter=f"Diarienummer: {case.diarienummer}. Handläggare: {case.handlaggare.namn}.",
    )
    return item, tuple(papers)


def _own(number: int, item: agenda.MeetingItem, meeting_file: Path | None, at: tuple):
    """Return the agenda item and papers of an item the meeting file describes itself."""
    documents = [BasisDocument(h.titel, h.datum, h.fil, h.fil is not None) for h in item.handlingar]
    papers = [
        _attachment(d, meeting_file, i, (*at, "handlingar", i, "fil"))
        for i, d in enumerate(documents)
    ]
    facts = [f"Diarienummer: {item.diarienummer}." if item.diarienummer else ""]
    facts.append(f"Föredragande: {item.foredragande}." if item.foredragande else "")
    agenda_item = Item(
        nummer=number,
        rubrik=item.rubrik or "",
        diarienummer=item.diarienummer or "",
        beslutsforslag=_points(item.beslutsforslag),
        handlingar=tuple(d.line + _suffix(d, p) for d, p in zip(documents, papers, strict=True)),
        uppgifter=" ".join(f for f in facts if f),
    )
    return agenda_item, tuple(p for p in papers if p)


def _attachment(
    document: BasisDocument, named_in: Path | None, line: int, key: tuple
) -> Paper | None:
    """Return the paper of an attachment with a file; None for one listed without.

    A file that is not there, or cannot be sent, is a paper with `missing` said.
    """
    if document.fil is None or named_in is None:
        return None
    source, problem = sendable(named_in, document.fil)
    return Paper(document.title, source, missing=problem or "", attached=True, line=line, key=key)


def _with_attached(
    entries: list[Entry], manifest, publisher: Publisher, force: bool, jobs: int, result
) -> list[Entry]:
    """Return the entries with each attachment's file in the publisher's format, or its gap."""
    sources = [p.source for e in entries for p in e.papers if p.attached and not p.missing]
    done = attached_forms(sources, manifest, publisher, force, jobs)
    if done is None:
        return entries
    result.writes += done.writes

    def paper(p: Paper) -> Paper:
        if p.source in done.failed:
            return replace(p, missing=done.failed[p.source])
        if p.attached and p.source in done.files:
            return replace(p, published={**p.published, publisher.suffix: done.files[p.source]})
        return p

    return [_marked(replace(e, papers=tuple(paper(p) for p in e.papers))) for e in entries]


def _marked(entry: Entry) -> Entry:
    """Return the entry with each missing attachment's agenda line ending in '(saknas)'."""
    lines = list(entry.item.handlingar)
    for paper in entry.papers:
        if paper.missing and paper.line >= 0 and not lines[paper.line].endswith(MISSING):
            lines[paper.line] += MISSING
    return replace(entry, item=replace(entry.item, handlingar=tuple(lines)))


def _suffix(document: BasisDocument, paper: Paper | None) -> str:
    """Return what the agenda adds to a paper's line: not attached, or missing."""
    if not document.sent:
        return NOT_ATTACHED
    return MISSING if paper is not None and paper.missing else ""


def _points(points: list[str]) -> str:
    """Return decision points numbered one a line, as the md filter reads a list."""
    return "\n".join(f"{i}. {point}" for i, point in enumerate(points, 1))


def _gaps(entry: Entry, level: str) -> list[Problem]:
    """Return what is missing from an item (E003), at the `fil` line of a missing paper."""
    where = f"punkt {entry.item.nummer} ({entry.item.rubrik})"
    file = str(entry.file) if entry.file else ""
    gaps = []
    if entry.not_ready:
        said = f"{where}: ärendet är inte klart ({entry.not_ready})."
        gaps.append(Problem(file, None, None, "", said, "E003", level))
    for paper in (p for p in entry.papers if p.missing):
        line, column = _position(file, paper.key)
        said = f"{where}: {paper.label}: {paper.missing}."
        gaps.append(Problem(file, line, column, format_path(paper.key), said, "E003", level))
    return gaps


def _position(file: str, key: tuple) -> tuple[int | None, int | None]:
    """Return where a key stands in a case or meeting file, or nothing if it cannot be read."""
    try:
        return load_yaml(Path(file)).position(key) if file and key else (None, None)
    except CaseError:
        return None, None


# --- the agenda and the combined papers ------------------------------------------------


def _context(day: date, meeting: _MeetingFile, entries: list[Entry]) -> Meeting:
    """Return the agenda's context: opening items, then the items under their headings."""
    model = meeting.model
    return Meeting(
        datum=day,
        inledande=opening_items(meeting.opening),
        avsnitt=agenda.sections([(entry.kind, entry.item) for entry in entries]),
        tid=(model.tid or "") if model else "",
        plats=(model.plats or "") if model else "",
    )


def _render_agenda(context: Meeting, project: Project) -> bytes:
    """Return the föredragningslista's .docx bytes."""
    settings = prepare.load_settings(project.settings_file).on(context.datum)
    template = cases.compiled(prepare.template_folder(project, settings) / AGENDA_TEMPLATE)
    title = f"Föredragningslista {settings.namnd} {context.datum.isoformat()}"
    props = {"docProps/core.xml": ooxml.core_properties(title, settings.forvaltning, context.datum)}
    return render.render(template, {"org": settings, "moete": context}, props)


def _publish(
    day: date,
    manifest: Manifest,
    entries: list[Entry],
    project: Project,
    inputs: dict[str, str],
    publisher: Publisher,
) -> tuple[list[WriteResult], Path, Path | None]:
    """Write the agenda in one published format, and the meeting's papers combined in it.

    Return the writes, the published agenda and the combined file (None when
    the format cannot combine).
    """
    agenda_file = manifest.folder / AGENDA_FILE
    [made] = publisher.make([agenda_file], 1)
    if not made.ok or made.data is None:
        raise IopdocsError(f"1 av 1 dokument blev inte {publisher.label}:\n{made.error}")
    agenda_name = agenda_file.with_suffix(publisher.suffix).name
    writes = [write_output(manifest, agenda_name, made.data, inputs, project.force)]
    sections = [
        Section(
            f"{entry.item.nummer}. {entry.item.rubrik}",
            tuple(PublishedPaper(p.label, _published(p, publisher)) for p in usable),
        )
        for entry in entries
        if (usable := [p for p in entry.papers if not p.missing])
    ]
    title = f"Handlingar till sammanträdet {day.isoformat()}"
    first = PublishedPaper("Föredragningslista", manifest.folder / agenda_name)
    combined = publisher.combine(first, sections, title)
    if combined is None:
        return writes, manifest.folder / agenda_name, None
    name = MERGED_STEM + publisher.suffix
    writes.append(write_output(manifest, name, combined, inputs, project.force))
    return writes, manifest.folder / agenda_name, manifest.folder / name


def _sent(entries: list[Entry]) -> list[Paper]:
    """Return every paper of the items that is sent: documents and attachments."""
    return [p for e in entries for p in e.papers if not p.missing]


def _missing(entries: list[Entry]) -> list[dict]:
    """Return what is missing, for handlingar.json: item, paper and reason."""
    missing = [
        {"punkt": e.item.nummer, "handling": line.rsplit(" (", 1)[0], "orsak": reason}
        for e in entries
        for line in e.item.handlingar
        for suffix, reason in ((NOT_ATTACHED, "bifogas inte"), (MISSING, "saknas"))
        if line.endswith(suffix)
    ]
    return missing + [
        {"punkt": e.item.nummer, "handling": e.item.rubrik, "orsak": "ärendet är inte klart"}
        for e in entries
        if e.item.saknas
    ]


def _published(paper: Paper, publisher: Publisher) -> Path:
    """Return the file of a paper in the publisher's format: beside its document, or attached."""
    return paper.published.get(publisher.suffix) or paper.source.with_suffix(publisher.suffix)


def _digest(meeting: _MeetingFile) -> str:
    """Return the hash of the meeting file, or '' without one."""
    return (file_sha256(meeting.file) or "") if meeting.file else ""
