"""A meeting file, the attachments a meeting sends, and the gaps a meeting build refuses."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from conftest import build_in, edit

from iopdocs.build import batch, meeting
from iopdocs.build.project import Project
from iopdocs.build.publishing import Made, Paper, Section
from iopdocs.publish.pdfpublisher import PdfPublisher
from iopdocs.word.text import docx_text

ROOT = Path(__file__).resolve().parents[2]
DAY = "2024-11-20"
CASE = "iop-ny-tre-parter-2025-2027"


@pytest.fixture
def meeting_dir(project_dir: Path) -> Path:
    shutil.copytree(ROOT / "sammantraden", project_dir / "sammantraden")
    return project_dir


def meeting_file(project: Path) -> Path:
    return project / "sammantraden" / f"{DAY}.yaml"


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def folder(project: Path) -> Path:
    return project / "output" / f"sammantrade-{DAY}"


def agenda(project: Path) -> str:
    return docx_text(folder(project) / "foredragningslista.docx")


# --- the meeting file ------------------------------------------------------------------


def test_a_meeting_file_naming_a_missing_case_is_e001_at_its_line(meeting_dir):
    edit(meeting_file(meeting_dir), "ärende: SON 2024-0873", "ärende: SON 2024-0837")
    result = build_in(meeting_dir, "--sammantrade", DAY)
    assert result.exit_code == 2
    line = line_of(meeting_file(meeting_dir), "SON 2024-0837")
    assert f"{meeting_file(meeting_dir)}:{line}:" in result.output
    assert "fel E001" in result.output and "Menade du 'SON 2024-0873'?" in result.output
    assert not (folder(meeting_dir) / "foredragningslista.docx").exists()


def test_a_case_of_the_day_left_out_of_the_meeting_file_comes_last_with_e002(meeting_dir):
    edit(meeting_file(meeting_dir), "  - ärende: SON 2024-0873", "")
    result = build_in(meeting_dir, "--sammantrade", DAY)
    assert result.exit_code == 0, result.output
    assert "varning E002" in result.output
    text = agenda(meeting_dir)
    assert text.index("## 6. Övriga frågor") < text.index("## 7. Idéburet offentligt partnerskap")


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ('tid: "13.30"', "tid: halv två", "'halv två' är inget klockslag"),
        ("  - typ: delegationsbeslut", "  - typ: delegation", "delegationsbeslut"),
        ("fil: bilagor/lagesrapport-iop-2024.pdf", "fil: ../../iopdocs.pdf", "pekar ut ur mappen"),
        ("fil: bilagor/lagesrapport-iop-2024.pdf", "fil: /etc/passwd.pdf", "fullständig sökväg"),
        ("fil: bilagor/lagesrapport-iop-2024.pdf", "fil: bilagor/rapport.txt", "varken en PDF"),
    ],
)
def test_a_wrong_value_in_the_meeting_file_is_refused_at_its_line(meeting_dir, old, new, words):
    edit(meeting_file(meeting_dir), old, new)
    result = build_in(meeting_dir, "--sammantrade", DAY)
    assert result.exit_code == 2
    line = line_of(meeting_file(meeting_dir), new.strip())
    assert f"{meeting_file(meeting_dir)}:{line}:" in result.output and words in result.output
    assert not folder(meeting_dir).exists()


def test_without_a_meeting_file_the_cases_of_the_day_make_the_agenda(project_dir):
    result = build_in(project_dir, "--sammantrade", DAY)
    assert result.exit_code == 0, result.output
    text = agenda(project_dir)
    assert "# Beslutsärenden" in text and "kl." not in text and "Plats:" not in text
    assert "## 4. Idéburet offentligt partnerskap" in text


# --- gaps --------------------------------------------------------------------------------


def test_a_missing_attachment_refuses_the_meeting_and_ofullstandig_marks_it(meeting_dir):
    (meeting_dir / "sammantraden" / "bilagor" / "lagesrapport-iop-2024.pdf").unlink()
    old = build_in(meeting_dir, "--sammantrade", DAY)
    assert old.exit_code == 1
    line = line_of(meeting_file(meeting_dir), "fil: bilagor/lagesrapport-iop-2024.pdf")
    gap = f"{meeting_file(meeting_dir)}:{line}:14: fel E003: punkter[0].handlingar[0].fil: punkt 4"
    assert gap in old.output and "finns inte" in old.output
    assert "--ofullstandig" in old.output
    assert not (folder(meeting_dir) / "foredragningslista.docx").exists()
    result = build_in(meeting_dir, "--sammantrade", DAY, "--ofullstandig")
    assert result.exit_code == 1 and "varning E003" in result.output
    assert "- Lägesrapport om idéburna offentliga partnerskap, november 2024 (saknas)" in agenda(
        meeting_dir
    )
    listed = json.loads((folder(meeting_dir) / "handlingar.json").read_text("utf-8"))
    assert listed["saknas"] == [
        {
            "punkt": 4,
            "handling": "Lägesrapport om idéburna offentliga partnerskap, november 2024",
            "orsak": "saknas",
        }
    ]


def test_a_refused_meeting_leaves_the_papers_it_wrote_before_untouched(meeting_dir):
    assert build_in(meeting_dir, "--sammantrade", DAY).exit_code == 0
    before = {p.name: p.read_bytes() for p in folder(meeting_dir).iterdir() if p.is_file()}
    (meeting_dir / "sammantraden" / "bilagor" / "lagesrapport-iop-2024.pdf").unlink()
    assert build_in(meeting_dir, "--sammantrade", DAY).exit_code == 1
    after = {p.name: p.read_bytes() for p in folder(meeting_dir).iterdir() if p.is_file()}
    assert after == before


def test_a_case_with_errors_is_a_gap_named_from_its_file(meeting_dir):
    case = meeting_dir / "cases" / f"{CASE}.yaml"
    edit(case, "period:\n", "perioden:\n")
    result = build_in(meeting_dir, "--sammantrade", DAY, "--ofullstandig")
    assert result.exit_code == 1
    assert "ärendet är inte klart (" in result.output
    text = agenda(meeting_dir)
    item = text.split("## 5. Idéburet offentligt partnerskap (IOP) med Stångåmissionen", 1)[1]
    assert item.split("\n#", 1)[0].strip().splitlines()[1:] == [
        "Diarienummer: SON 2024-0873.",
        "Handlingarna saknas: ärendet är inte klart.",
    ]


def test_an_attachment_listed_without_a_file_is_declared_not_a_gap(project_dir):
    day = "2020-11-18"
    result = build_in(project_dir, "--sammantrade", day)
    assert result.exit_code == 0, result.output
    assert "varning H001" in result.output
    text = docx_text(project_dir / "output" / f"sammantrade-{day}" / "foredragningslista.docx")
    assert "(november 2017) (bifogas inte)" in text
    listed = json.loads(
        (project_dir / "output" / f"sammantrade-{day}" / "handlingar.json").read_text("utf-8")
    )
    assert [gap["orsak"] for gap in listed["saknas"]] == ["bifogas inte"]
    assert any(e.get("källa") == "cases/bilagor/uppfoljning-sion-iogt-nto-2020.pdf"
               for e in listed["handlingar"])  # fmt: skip


# --- attached PDFs the publisher cannot use ----------------------------------------------


class Attaching:
    """PDF attachments as the PDF publisher takes them; documents as their text (no LibreOffice)."""

    name, suffix, label = "pdf", ".pdf", "PDF"

    def __init__(self) -> None:
        self.attached: list[Path] = []

    def inputs(self) -> dict[str, str]:
        return {"prov": "1"}

    def make(self, sources: Sequence[Path], jobs: int) -> list[Made]:
        return [Made(s, docx_text(s).encode("utf-8")) for s in sources]

    def attach(self, sources: Sequence[Path], jobs: int) -> list[Made]:
        self.attached += sources
        return PdfPublisher().attach([s for s in sources if s.suffix == ".pdf"], jobs) + [
            Made(s, b"%PDF-docx") for s in sources if s.suffix == ".docx"
        ]

    def combine(self, first: Paper, sections: Sequence[Section], title: str) -> bytes:
        return json.dumps([[p.path.name for p in s.papers] for s in sections]).encode()


def write_meeting(project_dir: Path, publisher, incomplete: bool = False):
    project = Project(project_dir / "iopdocs.yaml", project_dir / "output")
    reports = batch.run([project_dir / "cases" / f"{CASE}.yaml"], project, jobs=1)
    return meeting.write(date.fromisoformat(DAY), reports, project, [publisher], incomplete)


def encrypted(path: Path, user: str) -> None:
    with pikepdf.open(ROOT / "cases" / "bilagor" / "verksamhetsplaner-2025.pdf") as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="ägare", user=user))


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (lambda p: encrypted(p, "hemligt"), "lösenordsskyddad"),
        (lambda p: encrypted(p, ""), "krypterad"),
        (lambda p: p.write_bytes(p.read_bytes()[:2000]), "skadad"),
        (lambda p: p.write_bytes(b"%PDF-1.7\n" + b"\0" * 500), "skadad"),
    ],
)
def test_an_attached_pdf_the_merge_cannot_use_is_a_gap(meeting_dir, spoil, words):
    spoil(meeting_dir / "cases" / "bilagor" / "verksamhetsplaner-2025.pdf")
    result = write_meeting(meeting_dir, Attaching())
    assert result.refused and not (folder(meeting_dir) / "foredragningslista.docx").exists()
    [gap] = result.gaps
    assert (gap.code, gap.severity, gap.field) == ("E003", "fel", "bilagor[0].fil")
    case = meeting_dir / "cases" / f"{CASE}.yaml"
    assert gap.file == str(case) and gap.line == line_of(case, "fil: bilagor/verksamhetsplaner")
    assert gap.message.startswith("punkt 5 (Idéburet offentligt partnerskap (IOP) med Stång")
    assert "Bilaga 2: Parternas verksamhetsplaner för 2025" in gap.message and words in gap.message


def test_a_huge_attached_pdf_is_refused_before_it_is_read(meeting_dir, monkeypatch):
    from iopdocs.publish import meetingpdf

    monkeypatch.setattr(meetingpdf, "MAX_ATTACHMENT_BYTES", 10_000)
    result = write_meeting(meeting_dir, Attaching())
    assert any("för stor" in gap.message for gap in result.gaps)


def test_with_gaps_accepted_the_unusable_pdf_is_left_out_of_the_combined_papers(meeting_dir):
    encrypted(meeting_dir / "sammantraden" / "bilagor" / "lagesrapport-iop-2024.pdf", "x")
    result = write_meeting(meeting_dir, Attaching(), incomplete=True)
    assert not result.refused and [g.severity for g in result.gaps] == ["varning"]
    combined = json.loads((folder(meeting_dir) / "handlingar.pdf").read_text())
    assert len(combined) == 2  # the information item had only the unusable paper
    assert "(saknas)" in agenda(meeting_dir)


def test_unchanged_attachments_are_taken_once(meeting_dir):
    publisher = Attaching()
    write_meeting(meeting_dir, publisher)
    assert len(publisher.attached) == 3
    write_meeting(meeting_dir, publisher)
    assert len(publisher.attached) == 3
