"""How the protokollsutdrag words a decision: as proposed, or as the board wrote it."""

from __future__ import annotations

from datetime import date

from iopdocs.case.decided import BoardDecision, wording

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
