"""The kinds of decision a case proposes, and what each one means, in one place.

A beslutstyp decides which block the case file needs, whether the case
proposes an agreement (and so has one as its bilaga, asks each party for
its agreement fields, and should be decided before the agreement starts),
and the words a drafted case file uses. Modules ask the `DecisionType` of
a case instead of comparing its beslutstyp themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Decision(StrEnum):
    """The kinds of decision a tjänsteskrivelse can propose."""

    NY = "ny"
    FORLANGNING = "förlängning"
    AVSLUT = "avslut"


AGREEMENT_BLOCK = "överenskommelse"
ENDING_BLOCK = "avslut"


@dataclass(frozen=True)
class DecisionType:
    """What one beslutstyp asks of a case file and gives to its papers."""

    decision: Decision
    agreement: bool
    """The case proposes an agreement (new or renewed) rather than ending one."""
    block_hint: str
    """What the case file must add when its block (`block`) is missing."""
    slug: str
    """The type in a drafted file's name: iop-<slug>-<parter>-<år>.yaml."""
    noun: str
    """The case in a few words, for a drafted file's first comment."""
    title: str
    """How a drafted rubrik starts, before the parties' names."""
    action: str
    """What the board does, in a drafted decision point ('' for an ending: its own text)."""

    @property
    def block(self) -> str:
        """Return the block the case file needs: the agreement's, or the ending's."""
        return AGREEMENT_BLOCK if self.agreement else ENDING_BLOCK

    @property
    def ending(self) -> bool:
        """Return True when the case ends an agreement (early, or at its period's end)."""
        return not self.agreement


_AGREEMENT_HINT = (
    "Den krävs när beslutstyp är 'ny' eller 'förlängning': lägg till "
    "överenskommelsens avsnitt (se exemplen i cases/)"
)

DECISIONS: dict[Decision, DecisionType] = {
    Decision.NY: DecisionType(
        Decision.NY,
        agreement=True,
        block_hint=_AGREEMENT_HINT,
        slug="ny",
        noun="ny IOP",
        title="Idéburet offentligt partnerskap (IOP) med",
        action="ingår en överenskommelse",
    ),
    Decision.FORLANGNING: DecisionType(
        Decision.FORLANGNING,
        agreement=True,
        block_hint=_AGREEMENT_HINT,
        slug="forlangning",
        noun="förlängning av IOP",
        title="Förlängning av idéburet offentligt partnerskap (IOP) med",
        action="förlänger överenskommelsen",
    ),
    Decision.AVSLUT: DecisionType(
        Decision.AVSLUT,
        agreement=False,
        block_hint="Den krävs när beslutstyp är 'avslut': skriv datum (sista dagen som "
        "överenskommelsen gäller) och skäl",
        slug="avslut",
        noun="avslut av IOP",
        title="Avslut av idéburet offentligt partnerskap (IOP) med",
        action="",
    ),
}


def decision_type(decision: Decision | str) -> DecisionType | None:
    """Return what a beslutstyp means, or None for a value that is not one."""
    try:
        return DECISIONS[Decision(decision)]
    except ValueError:
        return None
