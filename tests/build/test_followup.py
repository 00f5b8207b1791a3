"""Follow-ups: one report per year, and a memo that approves one while renewing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from iopdocs.build.kinds import documents_for
from iopdocs.case.load import load_yaml, load_yaml_text
from iopdocs.case.model import Case
from iopdocs.case.validate import to_model
from iopdocs.cli import main
from iopdocs.errors import CaseError
from iopdocs.word.text import docx_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"
APPROVAL = ROOT / "cases" / "iop-godkann-uppfoljning-forlang-2026-2028.yaml"
REPORT_HEADINGS = [
    "# Bakgrund",
    "# Syfte med överenskommelsen",
    "# Uppföljning av överenskommelsen",
    "## IOGT\u2011NTO",  # a heading keeps the name whole
    "## Pingstförsamlingen",
    "# Bedömning",
]
# A count of people next to a word for them; small counts can identify someone.
COUNT_OF_PEOPLE = re.compile(
    r"\b(\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)\s+"
    r"(personer|person|deltagare|besökare|kvinnor|män|barn|ungdomar|unga)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Build the examples once into a fresh folder; return it."""
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(
        main,
        ["build", str(EXAMPLE), str(APPROVAL), "--installningar", str(ROOT / "iopdocs.yaml"),
         "--ut", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def case_of(text: str) -> Case:
    return to_model(load_yaml_text(text, "fall.yaml"), Case)


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


# --- the report ----------------------------------------------------------------


def test_each_follow_up_is_a_document_of_its_own():
    case = to_model(load_yaml(EXAMPLE), Case)
    assert [k.filename for k in documents_for(case)] == [
        "tjansteskrivelse.docx",
        "iop-overenskommelse.docx",
        "uppfoljning-2024.docx",
    ]


def test_report_has_the_sections_of_a_follow_up_with_one_per_party(built):
    text = docx_text(built / EXAMPLE.stem / "uppfoljning-2024.docx")
    assert headings(text) == REPORT_HEADINGS
    assert "= Uppföljning 2024 av idéburet offentligt partnerskap (IOP) med IOGT\u2011NTO och " \
           "Pingstförsamlingen" in text  # fmt: skip
    assert text.startswith("[sidhuvud] Uppföljning 2025-02-12 SON 2019-1251")
    assert "Datum: 2025-02-12" in text


def test_report_background_names_the_agreement_parties_and_period(built):
    text = docx_text(built / EXAMPLE.stem / "uppfoljning-2024.docx")
    assert (
        "Linköpings kommun har en överenskommelse om ett idéburet offentligt partnerskap (IOP) "
        "med IOGT-NTO och Pingstförsamlingen. Överenskommelsen gäller tre år, från och med "
        "2024-01-01 till och med 2026-12-31. Den här rapporten följer upp år 2024."
    ) in text


def test_purpose_defaults_to_the_agreements_purpose_and_goals(built):
    case = to_model(load_yaml(EXAMPLE), Case)
    text = docx_text(built / EXAMPLE.stem / "uppfoljning-2024.docx")
    purpose = text.split("# Syfte med överenskommelsen\n")[1].split("\n# ")[0]
    assert " ".join(case.overenskommelse.samhallsutmaning_och_syfte.split()) in purpose
    assert "- erbjuda gemenskap och hjälpa deltagarna att bygga nätverk" in purpose


def test_a_follow_up_of_the_earlier_period_says_so(built):
    text = docx_text(built / APPROVAL.stem / "uppfoljning-2024.docx")
    assert "från och med 2023-01-01 till och med 2025-12-31" in text
    assert "2026-01-01" not in text


@pytest.mark.parametrize("file", sorted((ROOT / "cases").glob("*.yaml")), ids=lambda p: p.stem)
def test_example_follow_ups_hold_no_counts_of_people(file):
    case = to_model(load_yaml(file), Case)
    for follow_up in case.uppfoljningar:
        texts = [*follow_up.parter.values(), follow_up.bedomning, follow_up.inledning or ""]
        for text in texts:
            assert not COUNT_OF_PEOPLE.search(text), COUNT_OF_PEOPLE.search(text)


# --- approving a follow-up while renewing -----------------------------------------


def test_approval_memo_lists_the_report_with_its_date_after_the_agreement(built):
    text = docx_text(built / APPROVAL.stem / "tjansteskrivelse.docx")
    basis = text.split("# Beslutsunderlag\n")[1].split("\n\n")[0].splitlines()
    assert basis == [
        "Tjänsteskrivelse – Uppföljning och förlängning av idéburet offentligt partnerskap (IOP) "
        "med Föreningen Arbetsbron och Läsfrämjarna, 2025-08-27",
        "Bilaga 1: Idéburet offentligt partnerskap (IOP) mellan Föreningen Arbetsbron, "
        "Läsfrämjarna och Linköpings kommun, 2025-08-27",
        "Bilaga 2: Uppföljning 2024 av idéburet offentligt partnerskap (IOP) med Föreningen "
        "Arbetsbron och Läsfrämjarna, 2025-03-14",
    ]


def test_approval_memo_has_the_four_decision_points(built):
    text = docx_text(built / APPROVAL.stem / "tjansteskrivelse.docx")
    points = re.findall(r"^(\d)\. (.*)$", text.split("# Ärende")[0], re.MULTILINE)
    assert [n for n, _ in points] == ["1", "2", "3", "4"]
    assert "godkänner uppföljningen för 2024" in points[0][1]
    assert "från och med 2026-01-01 till och med 2028-12-31" in points[1][1]
    assert "underteckna" in points[2][1]
    assert "varje år" in points[3][1]


def test_approval_memo_names_the_earlier_decision(built):
    text = docx_text(built / APPROVAL.stem / "tjansteskrivelse.docx")
    assert (
        "Social- och omsorgsnämnden beslutade om den nuvarande överenskommelsen den "
        "23 november 2022, diarienummer SON 2022-0688."
    ) in text


def test_report_title_in_the_basis_is_the_reports_own_title(built):
    memo = docx_text(built / APPROVAL.stem / "tjansteskrivelse.docx")
    report = docx_text(built / APPROVAL.stem / "uppfoljning-2024.docx")
    title = next(line[2:] for line in report.splitlines() if line.startswith("= "))
    assert f"Bilaga 2: {title}, 2025-03-14" in memo


# --- the schema --------------------------------------------------------------------


def follow_up(parties: str, year: int = 2024, extra: str = "") -> str:
    """Return the example with one follow-up of `year` whose parties are `parties`."""
    text = EXAMPLE.read_text(encoding="utf-8").split("\nuppföljningar:")[0]
    return text + (
        f"\nuppföljningar:\n  - år: {year}\n    datum: 2025-02-01\n{extra}"
        f"    parter:\n{parties}    bedömning: Bra.\n"
    )


BOTH = "      IOGT-NTO: Redovisat.\n      Pingstförsamlingen: Redovisat.\n"


def problems(text: str) -> str:
    with pytest.raises(CaseError) as error:
        case_of(text)
    return str(error.value)


def test_a_complete_follow_up_is_valid():
    assert case_of(follow_up(BOTH)).uppfoljningar[0].bilaga is False


def test_an_unknown_party_is_named_with_the_real_ones():
    message = problems(follow_up("      IOGT-NTO: Ja.\n      Pingstkyrkan: Ja.\n"))
    assert "'Pingstkyrkan' är ingen part i ärendet" in message
    assert "Parterna heter IOGT-NTO, Pingstförsamlingen" in message
    assert "parten 'Pingstförsamlingen' saknas" in message


def test_two_follow_ups_of_one_year_are_refused():
    text = follow_up(BOTH)
    second = text.split("uppföljningar:\n")[1]
    assert "år 2024 följs upp flera gånger" in problems(text + second)


def test_a_year_outside_the_period_is_refused():
    assert "året ligger utanför perioden" in problems(follow_up(BOTH, year=2022))


def test_a_follow_up_may_cover_an_earlier_period():
    extra = "    period:\n      från: 2021-01-01\n      till: 2023-12-31\n"
    assert case_of(follow_up(BOTH, year=2022, extra=extra)).uppfoljningar[0].ar == 2022


@pytest.mark.parametrize(("word", "value"), [("ja", True), ("nej", False), ("Ja", True)])
def test_bilaga_takes_ja_and_nej(word, value):
    case = case_of(follow_up(BOTH, extra=f"    bilaga: {word}\n"))
    assert case.uppfoljningar[0].bilaga is value


@pytest.mark.parametrize("word", ["true", "yes", "on", "1"])
def test_bilaga_refuses_what_is_not_ja_or_nej(word):
    with pytest.raises(CaseError, match="varken ja eller nej"):
        case_of(follow_up(BOTH, extra=f"    bilaga: {word}\n"))
