"""The kinds of document a case produces: one entry each, owning all that is known of it.

A `DocKind` says which template a document is rendered from, what its file
is called, when a case produces it (and how many: one follow-up report per
year), the title, author and date its properties state, its lines in the
memo's beslutsunderlag and whether it goes to the board meeting. Nothing
else in iopdocs knows these things per kind: adding a kind means one entry
in `KINDS`, one template, one example case and one golden file (see
docs/arkitektur.md).

Every case gives a tjänsteskrivelse: proposing a new agreement, a renewal
or an ending (the same template; its avslut sections show only for an
ending). A case that proposes an agreement also gives the agreement, its
bilaga. Each follow-up under `uppföljningar` gives its own report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from iopdocs.case.attachments import MonthYear
from iopdocs.case.derive import BasisDocument, Derived, follow_up_label
from iopdocs.case.model import Case


@dataclass(frozen=True)
class Document:
    """One document of a case: its kind, its file and the name it goes by.

    `label` is the template's `doc.typ` (a follow-up report finds its own
    content with it in `d.uppfoljningar[doc.typ]`) and the document's
    bookmark in the meeting's merged papers.
    """

    kind: DocKind
    filename: str
    label: str


@dataclass(frozen=True)
class Properties:
    """What a document's core properties say: title, author and date."""

    title: str
    author: str
    day: date


@dataclass(frozen=True)
class Listed:
    """A document's line in the beslutsunderlag; an attached one is numbered 'Bilaga N'.

    A document of a kind is made by iopdocs and always sent with the meeting;
    a case's own bilaga (`own`) is sent only when it names a file (`fil`).
    """

    title: str
    day: date | MonthYear | None
    attached: bool = True
    own: bool = False
    fil: str | None = None


@dataclass(frozen=True)
class DocKind:
    """A kind of document: its template and file, and what it says about itself.

    Its parts are plain functions of the case and what is derived from it,
    so a kind reads as one entry.
    """

    key: str
    template: str
    documents: Callable[[DocKind, Case], list[Document]]
    """When a case produces this kind: one Document per file, none when it does not."""
    properties: Callable[[Document, Case, Derived], Properties]
    """The title, author and date of one document's core properties."""
    listed: Callable[[Document, Case, Derived], Listed | None] = lambda doc, case, derived: None
    """The document's line in the memo's beslutsunderlag, None when it is not listed."""
    in_meeting: bool = True
    """Whether the documents go to the board meeting (its handlingar)."""
    sealed: bool = True
    """Whether a decided case's documents of this kind are kept as they were, never rebuilt."""
    on_decision_day: bool = False
    """Whether the settings in force on the decision's day (not the case's datum) apply."""

    def of(self, case: Case) -> list[Document]:
        """Return the documents of this kind that `case` produces."""
        return self.documents(self, case)


def once(
    filename: str, label: str, when: Callable[[Case], bool] = lambda case: True
) -> Callable[[DocKind, Case], list[Document]]:
    """Return a `documents` function for a kind a case produces at most once, `when` it does."""
    return lambda kind, case: [Document(kind, filename, label)] if when(case) else []


# --- tjänsteskrivelse ----------------------------------------------------------


TJANSTESKRIVELSE = DocKind(
    key="tjansteskrivelse",
    template="tjansteskrivelse.docx",
    documents=once("tjansteskrivelse.docx", "Tjänsteskrivelse"),
    properties=lambda doc, case, derived: Properties(
        case.rubrik, case.handlaggare.namn, case.datum
    ),
    listed=lambda doc, case, derived: Listed(
        f"Tjänsteskrivelse – {case.rubrik}", case.datum, attached=False
    ),
)


# --- överenskommelse -----------------------------------------------------------


OVERENSKOMMELSE = DocKind(
    key="overenskommelse",
    template="iop-overenskommelse.docx",
    documents=once(
        "iop-overenskommelse.docx",
        "Överenskommelse",
        when=lambda case: case.decision.agreement,
    ),
    properties=lambda doc, case, derived: Properties(
        derived.overenskommelse_titel, case.handlaggare.namn, derived.overenskommelse_datum
    ),
    listed=lambda doc, case, derived: Listed(
        derived.overenskommelse_titel, derived.overenskommelse_datum
    ),
)


# --- uppföljning -----------------------------------------------------------------


def _follow_up_documents(kind: DocKind, case: Case) -> list[Document]:
    """Return one report per follow-up, named by its year."""
    return [
        Document(kind, f"uppfoljning-{f.ar}.docx", follow_up_label(f.ar))
        for f in case.uppfoljningar
    ]


def _follow_up_properties(document: Document, case: Case, derived: Derived) -> Properties:
    """Return a report's properties: its title, its handläggare, its date."""
    report = derived.uppfoljningar[document.label]
    return Properties(report.titel, report.handlaggare.namn, report.datum)


def _follow_up_listed(document: Document, case: Case, derived: Derived) -> Listed | None:
    """Return a report marked `bilaga: ja` as a bilaga, so the board sees what it approves."""
    report = derived.uppfoljningar[document.label]
    return Listed(report.titel, report.datum) if report.bilaga else None


UPPFOLJNING = DocKind(
    key="uppfoljning",
    template="uppfoljning.docx",
    documents=_follow_up_documents,
    properties=_follow_up_properties,
    listed=_follow_up_listed,
)


# --- protokollsutdrag -------------------------------------------------------------


def _extract_properties(document: Document, case: Case, derived: Derived) -> Properties:
    """Return the extract's properties: the paragraph and rubrik, the nämnd, the decision day."""
    beslut = derived.beslut
    assert beslut is not None  # the kind is only produced for a decided case
    author = beslut.sekreterare or beslut.namnd
    return Properties(f"Protokollsutdrag § {beslut.paragraf}: {case.rubrik}", author, beslut.datum)


PROTOKOLLSUTDRAG = DocKind(
    key="protokollsutdrag",
    template="protokollsutdrag.docx",
    documents=once(
        "protokollsutdrag.docx", "Protokollsutdrag", when=lambda case: case.beslut is not None
    ),
    properties=_extract_properties,
    in_meeting=False,  # made after the meeting, from its protokoll
    sealed=False,  # the one paper a decided case still gets, from its beslut block
    on_decision_day=True,  # the nämnd as it was called when it decided
)


KINDS: tuple[DocKind, ...] = (TJANSTESKRIVELSE, OVERENSKOMMELSE, UPPFOLJNING, PROTOKOLLSUTDRAG)
"""Every kind, in the order a case's documents are built, listed and sent to the meeting."""


def documents_for(case: Case) -> list[Document]:
    """Return every document a case produces, kind by kind."""
    return [document for kind in KINDS for document in kind.of(case)]


def basis(case: Case, derived: Derived) -> tuple[BasisDocument, ...]:
    """Return the beslutsunderlag: the listed documents, then the case's own further bilagor.

    The attached documents are numbered Bilaga 1, 2 … in that order.
    """
    listed = [doc.kind.listed(doc, case, derived) for doc in documents_for(case)]
    listed += [Listed(extra.titel, extra.datum, own=True, fil=extra.fil) for extra in case.bilagor]
    lines, number = [], 0
    for entry in filter(None, listed):
        title = entry.title
        if entry.attached:
            number += 1
            title = f"Bilaga {number}: {title}"
        sent = not entry.own or entry.fil is not None
        lines.append(BasisDocument(title, entry.day, entry.fil, sent))
    return tuple(lines)


def with_basis(case: Case, derived: Derived) -> Derived:
    """Return the derived values with the beslutsunderlag filled in."""
    return dataclasses.replace(derived, beslutsunderlag=basis(case, derived))
