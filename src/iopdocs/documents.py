"""Which documents a case produces, and from which templates."""

from __future__ import annotations

from dataclasses import dataclass

from iopdocs.model import Case, Decision


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


def documents_for(case: Case) -> list[DocKind]:
    """Return the documents a case produces."""
    if case.beslutstyp is Decision.AVSLUT:
        return [TJANSTESKRIVELSE]
    return [TJANSTESKRIVELSE, OVERENSKOMMELSE]
