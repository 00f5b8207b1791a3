"""How the protokollsutdrag words a decision: as proposed, or as the board wrote it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from iopdocs.case.decided import BoardDecision, wording
from iopdocs.case.load import load_yaml_text
from iopdocs.case.model import Case
from iopdocs.case.validate import to_model
from iopdocs.errors import CaseError

PROPOSAL = ["Nämnden avslutar överenskommelsen.", "Förvaltningen meddelar föreningen."]


def decision(**keys) -> BoardDecision:
    return BoardDecision.model_validate({"datum": "2024-12-18", "paragraf": 142, **keys})


def test_a_decision_as_proposed_repeats_the_proposal():
    said = wording(decision(justerat="2024-12-23"), PROPOSAL, ["Föreningen"], "Nämnden")
    assert said.inledning == "Nämnden beslutar enligt förvaltningens förslag:"
    assert said.punkter == tuple(PROPOSAL)
    assert said.justering == "Protokollet justerades den 23 december 2024."
    assert (said.datum, said.rubrik, said.skickas_till) == (
        date(2024, 12, 18),
        "§ 142",
        ("Föreningen",),
    )


def test_a_decision_otherwise_gives_the_text_as_decided():
    beslut = decision(enligt_förslag="nej", beslutstext=["Nämnden återremitterar ärendet."])
    said = wording(beslut, PROPOSAL, ["Föreningen"], "Nämnden")
    assert said.inledning == "Nämnden beslutar:"
    assert said.punkter == ("Nämnden återremitterar ärendet.",)


def test_own_recipients_and_an_unjusted_protocol():
    said = wording(decision(skickas_till=["Revisorerna"]), PROPOSAL, ["Föreningen"], "Nämnden")
    assert said.skickas_till == ("Revisorerna",)
    assert said.justering == "Protokollet är inte justerat."
    assert decision().label == "beslutat 2024-12-18 § 142"


DECIDED = Path(__file__).resolve().parents[2] / "cases" / "iop-avslut-berga-motesplats-2025.yaml"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  sekreterare: Karin Holm\n", "  sekreterare: Karin Holm\n  skickas_till: []\n"),
        (
            "beslutet_skickas_till:\n  - Berga Mötesplats\n  - Kommunens juridiska enhet\n",
            "beslutet_skickas_till: []\n",
        ),
    ],
)
def test_an_empty_recipient_list_is_an_error_at_its_line_not_the_parties(old, new):
    # An empty list was taken as "not given" and the decision went to the parties.
    text = DECIDED.read_text(encoding="utf-8")
    assert old in text
    changed = text.replace(old, new, 1)
    with pytest.raises(CaseError) as info:
        to_model(load_yaml_text(changed, "fall.yaml"), Case)
    line = next(i for i, row in enumerate(changed.splitlines(), 1) if "skickas_till: []" in row)
    (problem,) = info.value.problems
    assert problem.line == line
    assert "minst 1 rad" in problem.message
