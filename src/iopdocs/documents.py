"""Which documents a case produces, and from which templates.

Every case gives a tjänsteskrivelse: proposing a new agreement, a renewal
or an ending (the same template; its avslut sections show only for an
ending). New agreements and renewals also give the agreement, their bilaga.
Each follow-up under `uppföljningar` gives its own report,
`uppfoljning-<år>.docx`, from the uppföljning template.

The template context carries `doc.typ` (the label); a follow-up report
finds its own content with it in `d.uppfoljningar[doc.typ]`.
"""

from __future__ import annotations

from dataclasses import dataclass

from iopdocs.derive import follow_up_label
from iopdocs.model import Case, Decision

FOLLOW_UP_TEMPLATE = "uppfoljning.docx"


@dataclass(frozen=True)
class DocKind:
    """A document a case produces: its file, template and header name."""

    key: str
    filename: str
    template: str
    label: str


TJANSTESKRIVELSE = DocKind(
    "tjansteskrivelse", "tjansteskrivelse.docx", "tjansteskrivelse.docx", "Tjänsteskrivelse"
)
OVERENSKOMMELSE = DocKind(
    "overenskommelse", "iop-overenskommelse.docx", "iop-overenskommelse.docx", "Överenskommelse"
)


def follow_up(year: int) -> DocKind:
    """Return the follow-up report of one year."""
    return DocKind(
        f"uppfoljning-{year}", f"uppfoljning-{year}.docx", FOLLOW_UP_TEMPLATE, follow_up_label(year)
    )


def documents_for(case: Case) -> list[DocKind]:
    """Return the documents a case produces."""
    kinds = [TJANSTESKRIVELSE]
    if case.beslutstyp is not Decision.AVSLUT:
        kinds.append(OVERENSKOMMELSE)
    kinds += [follow_up(f.ar) for f in case.uppfoljningar]
    return kinds
