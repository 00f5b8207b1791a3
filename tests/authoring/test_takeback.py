"""`iopdocs hamta`: edits made in Word or LibreOffice come back into the case file.

The scenario of issue 16: a generated tjänsteskrivelse and agreement edited as
Word edits (a reworded paragraph in Ärende, a new bullet in a party's
ansvarsområden, a bold word, an added decision point, a changed amount in a
table, a new heading), then taken back, written, and built again.
"""

from __future__ import annotations

import difflib
import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from wordlike import (
    WordDoc,
    accept_all,
    built_project,
    copy_of_built,
    libreoffice_edit,
    libreoffice_round_trip,
    uno_available,
)

from iopdocs import files
from iopdocs.authoring import takeback
from iopdocs.build.project import Project
from iopdocs.cli import main
from iopdocs.word.fieldmap import compare
from iopdocs.word.readback import read_document
from iopdocs.word.text import docx_text

ROOT = Path(__file__).resolve().parents[2]
NEW = "iop-ny-tre-parter-2025-2027"
DECIDED = "iop-avslut-berga-motesplats-2025"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")
needs_uno = pytest.mark.skipif(not uno_available(), reason="LibreOffice med python3-uno saknas")

REWORDED = "Kvinnor som har lämnat en våldsam relation behöver stöd länge efter krisen."
POINT = "Förvaltningen får i uppdrag att följa upp överenskommelsen varje år."
BULLET = "Missionen ordnar en sommarvecka för familjerna."


def edit_memo(doc: WordDoc) -> None:
    doc.retype("Kvinnor som har lämnat", REWORDED)
    doc.mark("Kvinnojouren Fyrljuset och Stångåmissionen möter", "många", "b", "bCs")
    doc.enter_after("Social- och omsorgsdirektören får i uppdrag", POINT)
    doc.retype_cell("415 000 kr", "425 000 kr")
    doc.enter_after("Kommunen har en handlingsplan", "Ny rubrik", style="Heading2")
    doc.enter_after("Ny rubrik", "Text under den nya rubriken.", style="Normal")


def edit_agreement(doc: WordDoc) -> None:
    doc.enter_after("Missionen samordnar parternas volontärer", BULLET)


def edited(path: Path, edit) -> bytes:
    doc = WordDoc(path.read_bytes())
    edit(doc)
    return doc.save()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return built_project(tmp_path_factory.mktemp("byggt"), NEW)


@pytest.fixture
def project(built, tmp_path) -> Path:
    return copy_of_built(built, tmp_path)


def settings_of(project: Path) -> Project:
    return Project((project / "iopdocs.yaml").resolve(), project / "output")


def hamta(project: Path, document: Path, *args: str):
    options = ["--installningar", str(project / "iopdocs.yaml"), "--ut", str(project / "output")]
    return CliRunner().invoke(main, ["hamta", str(document), *options, *args])


def rebuild(project: Path):
    """Build every case of the project copy, as the next `iopdocs build` would."""
    options = ["--installningar", str(project / "iopdocs.yaml"), "--ut", str(project / "output")]
    return CliRunner().invoke(main, ["build", *options])


def changed_lines(before: str, after: str) -> list[str]:
    """Return the removed and added lines between two texts, as '-…' and '+…'."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_word_edits_become_the_case_file_diff_and_the_rebuilt_papers(tmp_path):
    project = built_project(tmp_path, NEW)
    folder = project / "output" / NEW
    memo, agreement = folder / "tjansteskrivelse.docx", folder / "iop-overenskommelse.docx"
    case_file = project / "cases" / f"{NEW}.yaml"
    original = case_file.read_text(encoding="utf-8")
    old_texts = ("behöver ofta stöd länge efter", "möter många kvinnor", "Missionen samordnar")
    papers_with = {
        t: [p.name for p in folder.glob("*.docx") if t in docx_text(p)] for t in old_texts
    }
    assert papers_with["Missionen samordnar"] == ["iop-overenskommelse.docx"]
    memo.write_bytes(edited(memo, edit_memo))
    agreement.write_bytes(edited(agreement, edit_agreement))
    memo_as_edited, agreement_as_edited = memo.read_bytes(), agreement.read_bytes()

    shown = hamta(project, memo)
    assert shown.exit_code == 1, shown.output  # something could not be taken back
    assert case_file.read_text(encoding="utf-8") == original  # only shown
    assert "Kan inte hämtas (2):" in shown.output
    assert (
        "tabellen, rad 2, kolumn 2: en ändring i en tabell, som räknas fram ur ärendets uppgifter "
        "(\u201d425 000 kr\u201d). Ändra i stället parter › Stångåmissionen › årlig_ersättning."
    ) in shown.output.replace("\u00a0", " ")
    assert "rubriken \u201dNy rubrik\u201d (bakgrund › text): en ny rubrik" in shown.output

    written = hamta(project, memo, "--skriv")
    assert "3 ändringar skrivna" in written.output, written.output
    assert hamta(project, agreement, "--skriv").exit_code == 0

    after = case_file.read_text(encoding="utf-8")
    assert changed_lines(original, after) == [
        "+  - " + POINT,
        "-  Kvinnor som har lämnat en våldsam relation behöver ofta stöd länge efter",
        "-  den akuta krisen. Deras barn behöver en trygg fritid och vuxna som finns",
        "-  kvar.",
        "+  " + REWORDED,
        "-    Kvinnojouren Fyrljuset och Stångåmissionen möter många kvinnor som har",
        "+    Text under den nya rubriken.",
        "+",
        "+    Kvinnojouren Fyrljuset och Stångåmissionen möter **många** kvinnor som har",
        "+      - " + BULLET,
    ]
    comments = [line for line in original.splitlines() if "#" in line]
    assert comments == [line for line in after.splitlines() if "#" in line]

    build = rebuild(project)
    assert build.exit_code == 0, build.output
    memo_text, agreement_text = docx_text(memo), docx_text(agreement)
    for text in (REWORDED, POINT, "Text under den nya rubriken."):
        assert text in memo_text
    assert "- " + BULLET in agreement_text
    # Every paper that said the old text now says the new one.
    news = {old_texts[0]: REWORDED, old_texts[1]: "möter många kvinnor", old_texts[2]: BULLET}
    for old, new in news.items():
        for name in papers_with[old]:
            assert new in docx_text(folder / name), (name, new)
    assert not any(old_texts[0] in docx_text(p) for p in folder.glob("*.docx"))
    [kept] = folder.glob("tjansteskrivelse.handandrad-*.docx")  # refused edits are kept
    assert kept.read_bytes() == memo_as_edited
    assert not list(folder.glob("iop-overenskommelse.handandrad-*"))  # all of it was taken

    # The rebuilt paper differs from the edited one only where an edit was refused.
    rest = compare(read_document(memo.read_bytes()), read_document(memo_as_edited))
    assert not rest.blocks and not rest.inline
    assert sorted(r.what for r in rest.refusals) == [
        "en ny rubrik; rubriker kan inte skrivas i en text",
        "en ändring i en tabell, som räknas fram ur ärendets uppgifter",
    ]
    assert changed_lines(docx_text(memo_as_edited), memo_text) == [
        "-",
        "-## Ny rubrik",
        "-Stångåmissionen        | 425 000 kr",
        "+Stångåmissionen        | 415\u00a0000\u00a0kr",
    ]
    # The agreement, all of whose edits were taken, is rebuilt as it was edited.
    same = compare(read_document(agreement.read_bytes()), read_document(agreement_as_edited))
    assert not same.blocks and not same.inline and not same.refusals
    assert docx_text(agreement_as_edited) == agreement_text
    assert hamta(project, agreement).output.endswith("inget att hämta.\n")


def test_unedited_cases_keep_their_golden_text(project):
    build = rebuild(project)
    assert build.exit_code == 0, build.output
    for golden in (ROOT / "tests" / "build" / "golden").rglob("*.txt"):
        built = project / "output" / golden.parent.name / f"{golden.stem}.docx"
        if built.exists():
            assert docx_text(built) == golden.read_text(encoding="utf-8"), golden


def proposal_of(project: Path, data: bytes, name: str) -> takeback.Proposal:
    case_file = project / "cases" / f"{NEW}.yaml"
    return takeback.propose(data, name, settings_of(project), case_file)


def summary(proposal: takeback.Proposal) -> tuple:
    """Return what a proposal says, without where: the values and the refused edits."""
    return (
        [(c.label, c.new) for c in proposal.changes],
        sorted((r.what, r.change) for r in proposal.refused),
    )


@needs_soffice
def test_the_same_edits_come_back_through_a_libreoffice_save(project, tmp_path):
    folder = project / "output" / NEW
    word, texts = {}, {}
    originals = []
    for name, edit in (
        ("tjansteskrivelse.docx", edit_memo),
        ("iop-overenskommelse.docx", edit_agreement),
    ):
        data = edited(folder / name, edit)
        proposal = proposal_of(project, data, name)
        word[name], texts[name] = summary(proposal), takeback.new_text(proposal)
        (tmp_path / name).write_bytes(data)
        originals.append(tmp_path / name)
    saved = libreoffice_round_trip(originals, tmp_path / "lo", tmp_path / "profil")
    for copy in saved:
        proposal = proposal_of(project, copy.read_bytes(), copy.name)
        assert summary(proposal) == word[copy.name]
        assert takeback.new_text(proposal) == texts[copy.name]  # the same case file written


@needs_uno
def test_edits_made_in_libreoffice_itself_come_back(project, tmp_path):
    folder = project / "output" / NEW
    memo = tmp_path / "tjansteskrivelse.docx"
    libreoffice_edit(
        folder / memo.name,
        memo,
        tmp_path / "profil",
        f"retype:Kvinnor som har lämnat|{REWORDED}",
        "bold:Stångåmissionen möter många|många",
        f"enter:Social- och omsorgsdirektören får i uppdrag|{POINT}",
        "cell:0|B2|425 000 kr",
        "heading:Kommunen har en handlingsplan|Ny rubrik|Text under den nya rubriken.",
    )
    proposal = proposal_of(project, memo.read_bytes(), memo.name)
    assert [c.label for c in proposal.changes] == ["beslutsförslag", "ärende", "bakgrund › text"]
    assert "möter **många** kvinnor" in proposal.changes[2].new
    assert sorted(r.what for r in proposal.refused) == [
        "en ny rubrik; rubriker kan inte skrivas i en text",
        "en ändring i en tabell, som räknas fram ur ärendets uppgifter",
    ]


def test_a_value_changed_in_the_case_file_since_is_a_conflict(project):
    case_file = project / "cases" / f"{NEW}.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("den akuta krisen", "den första krisen"), encoding="utf-8")
    memo = project / "output" / NEW / "tjansteskrivelse.docx"

    def edit(doc):
        doc.retype("Kvinnor som har lämnat", REWORDED)
        doc.replace("Handläggare:", "Verksamhetsutvecklare", "Utvecklare")

    proposal = proposal_of(project, edited(memo, edit), memo.name)
    assert [(c.label, c.new) for c in proposal.changes] == [("handläggare › titel", "Utvecklare")]
    [conflict] = proposal.refused
    assert conflict.what.startswith("ärende har ändrats i ärendefilen sedan dokumentet skapades")


def test_an_edited_decision_point_keeps_its_placeholders_and_braces_stay_text(project):
    memo = project / "output" / NEW / "tjansteskrivelse.docx"

    def edit(doc):
        doc.replace("Social- och omsorgsnämnden ingår", "enligt förvaltningens", "enligt {nya}")

    [change] = proposal_of(project, edited(memo, edit), memo.name).changes
    assert change.label == "beslutsförslag"
    assert change.new[0].endswith(
        "enligt {{nya}} förslag. Överenskommelsen gäller i {längd}, {period}."
    )
    assert change.new[1] == change.old[1]


def test_only_the_chosen_changes_are_written(project):
    memo = project / "output" / NEW / "tjansteskrivelse.docx"
    proposal = proposal_of(project, edited(memo, edit_memo), memo.name)
    text = takeback.new_text(proposal, {1})
    assert REWORDED in text and POINT not in text and "**många**" not in text
    result = takeback.write(proposal, settings_of(project), {1})
    assert result.changes == 1
    assert (project / "cases" / f"{NEW}.yaml").read_text(encoding="utf-8") == text


def test_the_case_file_is_never_written_over_a_newer_one_or_into_errors(project):
    case_file = project / "cases" / f"{NEW}.yaml"
    memo = project / "output" / NEW / "tjansteskrivelse.docx"
    proposal = proposal_of(project, edited(memo, edit_memo), memo.name)
    case_file.write_text(case_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(takeback.TakebackError, match="har ändrats sedan ändringarna lästes in"):
        takeback.write(proposal, settings_of(project))

    def wrong_number(doc):
        doc.replace("Diarienummer:", "SON 2024-0873", "Y 12")

    before = case_file.read_text(encoding="utf-8")
    proposal = proposal_of(project, edited(memo, wrong_number), memo.name)
    assert [c.label for c in proposal.changes] == ["diarienummer"]
    with pytest.raises(takeback.TakebackError, match="skulle få fel med ändringarna"):
        takeback.write(proposal, settings_of(project))
    assert case_file.read_text(encoding="utf-8") == before


def test_writing_waits_for_a_build_that_holds_the_output_folder(project):
    memo = project / "output" / NEW / "tjansteskrivelse.docx"
    proposal = proposal_of(project, edited(memo, edit_memo), memo.name)
    heard: list[str] = []
    written = threading.Event()

    def take_back() -> None:
        takeback.write(proposal, settings_of(project), on_wait=heard.append)
        written.set()

    with files.locked(project / "output", "iopdocs build"):
        worker = threading.Thread(target=take_back)
        worker.start()
        deadline = time.monotonic() + 60
        while not heard and time.monotonic() < deadline:
            time.sleep(0.05)
        assert heard and heard[0].startswith("iopdocs build")
        assert not written.is_set()  # the case file waits for the build
    worker.join(30)
    assert written.is_set()
    assert REWORDED in (project / "cases" / f"{NEW}.yaml").read_text(encoding="utf-8")


def test_tracked_changes_are_refused_until_accepted(project):
    memo = project / "output" / NEW / "tjansteskrivelse.docx"
    data = edited(memo, lambda doc: doc.track_insertion("Kvinnor som har lämnat", " Ny mening."))
    with pytest.raises(takeback.TakebackError, match="1 spårade ändringar") as raised:
        proposal_of(project, data, memo.name)
    assert "Godkänn eller avvisa dem i Word" in str(raised.value)


def test_a_redline_once_its_changes_are_accepted_is_taken_like_any_other(project, tmp_path):
    """Reviewers get a redline between two builds, accept it in Word, and edit on."""
    folder = project / "output" / NEW
    old = tmp_path / "gammal.docx"
    shutil.copy(folder / "tjansteskrivelse.docx", old)
    case_file = project / "cases" / f"{NEW}.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("den akuta krisen", "den första krisen"), encoding="utf-8")
    build = rebuild(project)
    assert build.exit_code == 0, build.output
    redline = tmp_path / "granskning.docx"
    made = CliRunner().invoke(
        main, ["redline", str(old), str(folder / "tjansteskrivelse.docx"), "-o", str(redline)]
    )
    assert made.exit_code == 0, made.output
    with pytest.raises(takeback.TakebackError, match="spårade ändringar"):
        proposal_of(project, redline.read_bytes(), redline.name)

    accepted = accept_all(redline.read_bytes())
    assert not proposal_of(project, accepted, redline.name).changes
    doc = WordDoc(accepted)
    doc.replace("Handläggare:", "Verksamhetsutvecklare", "Utvecklare")
    proposal = proposal_of(project, doc.save(), redline.name)
    assert [(c.label, c.new) for c in proposal.changes] == [("handläggare › titel", "Utvecklare")]
    assert not proposal.refused


def test_a_document_not_made_by_iopdocs_is_refused(project, tmp_path):
    import docx

    plain = tmp_path / "egen.docx"
    docx.Document().save(plain)
    with pytest.raises(takeback.TakebackError, match="inte gjort av iopdocs"):
        proposal_of(project, plain.read_bytes(), plain.name)


def test_without_the_kept_copy_the_document_is_made_again_while_nothing_changed(project):
    folder = project / "output" / NEW
    shutil.rmtree(folder / ".iopdocs-genererade")
    memo = folder / "tjansteskrivelse.docx"
    data = edited(memo, edit_memo)
    assert len(proposal_of(project, data, memo.name).changes) == 3
    case_file = project / "cases" / f"{NEW}.yaml"
    case_file.write_text(
        case_file.read_text(encoding="utf-8").replace("Elin", "Eli"), encoding="utf-8"
    )
    with pytest.raises(takeback.TakebackError, match="finns inte kvar"):
        proposal_of(project, data, memo.name)


def test_a_copy_made_before_the_settings_changed_is_compared_with_its_own_version(project):
    folder = project / "output" / NEW
    memo = folder / "tjansteskrivelse.docx"
    earlier = edited(
        memo, lambda doc: doc.replace("Handläggare:", "Verksamhetsutvecklare", "Utvecklare")
    )
    settings = project / "iopdocs.yaml"
    text = settings.read_text(encoding="utf-8")
    office = "förvaltning: Social- och omsorgsförvaltningen"
    assert office in text
    settings.write_text(text.replace(office, "förvaltning: Socialförvaltningen"), encoding="utf-8")
    build = CliRunner().invoke(
        main, ["build", "--installningar", str(settings), "--ut", str(project / "output")]
    )
    assert build.exit_code == 0, build.output
    assert "Socialförvaltningen" in docx_text(memo)  # the same key, made under other settings
    proposal = proposal_of(project, earlier, memo.name)
    assert [(c.label, c.new) for c in proposal.changes] == [("handläggare › titel", "Utvecklare")]
    assert not proposal.refused


def test_a_sealed_paper_of_a_decided_case_is_refused(tmp_path):
    project = built_project(tmp_path, DECIDED)
    memo = project / "output" / DECIDED / "tjansteskrivelse.docx"
    result = hamta(project, memo)
    assert result.exit_code == 2
    assert "handlingen är låst" in result.output and "iopdocs new --andring" in result.output


def test_after_taking_everything_back_the_build_replaces_the_document(project):
    folder = project / "output" / NEW
    agreement = folder / "iop-overenskommelse.docx"
    agreement.write_bytes(edited(agreement, edit_agreement))
    assert hamta(project, agreement, "--skriv").exit_code == 0
    build = rebuild(project)
    assert re.search(r"iop-overenskommelse\.docx: skriven\n", build.output), build.output
    assert not list(folder.glob("*.handandrad-*"))
    assert "- " + BULLET in docx_text(agreement)
