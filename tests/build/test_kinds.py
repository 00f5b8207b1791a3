"""Document kinds: which documents a case gives, what they say of themselves, and the seam.

The last tests add a kind the way docs/arkitektur.md says (one entry in
KINDS) and show that the build, the beslutsunderlag and the meeting pick
it up with nothing else changed.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from conftest import build_in

from iopdocs.build import kinds
from iopdocs.build.kinds import DocKind, Listed, Properties, documents_for, once
from iopdocs.build.prepare import load_settings, prepare
from iopdocs.build.project import Project
from iopdocs.case.derive import derive
from iopdocs.case.load import load_yaml, load_yaml_text
from iopdocs.case.model import Attachment, Case
from iopdocs.case.settings import merge_settings
from iopdocs.case.validate import to_model

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "cases"


def case_and_derived(name: str):
    case = to_model(load_yaml(CASES / f"{name}.yaml"), Case)
    settings = merge_settings(load_settings(ROOT / "iopdocs.yaml"), case.organisation)
    return case, derive(case, settings)


@pytest.mark.parametrize(
    ("name", "files"),
    [
        ("iop-avslut-berga-motesplats-2025", ["tjansteskrivelse.docx", "protokollsutdrag.docx"]),
        (
            "iop-ny-tre-parter-2025-2027",
            ["tjansteskrivelse.docx", "iop-overenskommelse.docx"],
        ),
        (
            "iop-iogt-nto-pingst-2024-2026",
            ["tjansteskrivelse.docx", "iop-overenskommelse.docx", "uppfoljning-2024.docx"],
        ),
    ],
)
def test_each_decision_type_gives_its_documents(name, files):
    case, _ = case_and_derived(name)
    assert [d.filename for d in documents_for(case)] == files


def test_beslutsunderlag_lists_memo_then_agreement_with_dates():
    case, derived = case_and_derived("iop-iogt-nto-pingst-2024-2026")
    lines = [d.line for d in kinds.basis(case, derived)]
    assert lines[0].startswith("Tjänsteskrivelse – Förlängning av ett idéburet")
    assert lines[0].endswith(", 2023-08-30")
    assert lines[1] == (
        "Bilaga 1: Idéburet offentligt partnerskap (IOP) mellan IOGT-NTO, "
        "Pingstförsamlingen och Linköpings kommun, 2023-08-30"
    )


def test_an_ending_has_no_agreement_so_its_bilagor_start_at_one():
    case, derived = case_and_derived("iop-avslut-berga-motesplats-2025")
    assert len(kinds.basis(case, derived)) == 1
    with_bilaga = case.model_copy(update={"bilagor": [Attachment(titel="Skrivelse")]})
    assert [d.line for d in kinds.basis(with_bilaga, derived)][1:] == ["Bilaga 1: Skrivelse"]


def basis_with(block: str, rubrik: str | None = None):
    """Return the beslutsunderlag of the example with `block` as its bilagor."""
    text = (CASES / "iop-iogt-nto-pingst-2024-2026.yaml").read_text("utf-8")
    text = text.replace("\nparter:\n", f"\nbilagor:\n{block}\nparter:\n", 1)
    if rubrik is not None:
        start = text.index("\nrubrik: ") + 1
        text = text[:start] + f"rubrik: {rubrik}" + text[text.index("\n", start) :]
    case = to_model(load_yaml_text(text, "fall.yaml"), Case)
    settings = merge_settings(load_settings(ROOT / "iopdocs.yaml"), case.organisation)
    return kinds.basis(case, derive(case, settings))


def test_bilagor_keep_their_titles_with_a_day_a_month_or_no_date():
    block = (
        "  - titel: Överenskommelse om IOP med IOGT-NTO (maj 2022)\n"
        "  - titel: Uppföljningsrapport\n    datum: Oktober 2024\n"
        "  - titel: Verksamhetsplan\n    datum: 2024-10\n"
        "  - titel: Protokoll\n    datum: 2024-10-30\n"
    )
    assert [d.line for d in basis_with(block)[2:]] == [
        "Bilaga 2: Överenskommelse om IOP med IOGT-NTO (maj 2022)",
        "Bilaga 3: Uppföljningsrapport, oktober 2024",
        "Bilaga 4: Verksamhetsplan, oktober 2024",
        "Bilaga 5: Protokoll, 2024-10-30",
    ]


@pytest.mark.parametrize(
    ("title", "line"),
    [
        ("Förlängning av IOP med IOGT-NTO.", "Förlängning av IOP med IOGT-NTO, 2023-08-30"),
        ("Lokaler m.m.", "Lokaler m.m., 2023-08-30"),
        ("Vad händer nu?", "Vad händer nu?, 2023-08-30"),
        ("Tre punkter...", "Tre punkter..., 2023-08-30"),
    ],
)
def test_a_closing_full_stop_never_stands_before_the_date(title, line):
    assert basis_with("  - titel: A\n", rubrik=title)[0].line == f"Tjänsteskrivelse – {line}"


def test_only_a_bilaga_without_a_file_is_not_sent():
    papers = basis_with("  - titel: A\n    fil: a.pdf\n  - titel: B\n")
    assert [(p.fil, p.sent) for p in papers] == [
        (None, True),  # the tjänsteskrivelse and the agreement: iopdocs makes them
        (None, True),
        ("a.pdf", True),
        (None, False),
    ]


def test_properties_come_from_each_kind():
    case, derived = case_and_derived("iop-iogt-nto-pingst-2024-2026")
    said = {d.filename: d.kind.properties(d, case, derived) for d in documents_for(case)}
    assert said["tjansteskrivelse.docx"] == Properties(
        case.rubrik, case.handlaggare.namn, case.datum
    )
    assert said["iop-overenskommelse.docx"].title == derived.overenskommelse_titel
    report = derived.uppfoljningar["Uppföljning 2024"]
    assert said["uppfoljning-2024.docx"] == Properties(
        report.titel, report.handlaggare.namn, report.datum
    )


def test_prepare_fills_the_beslutsunderlag_the_template_reads():
    prepared = prepare(
        CASES / "iop-ny-tre-parter-2025-2027.yaml", Project(ROOT / "iopdocs.yaml", ROOT)
    )
    assert [d.title.split(":")[0] for d in prepared.derived.beslutsunderlag] == [
        f"Tjänsteskrivelse – {prepared.case.rubrik}",
        "Bilaga 1",
        "Bilaga 2",
    ]


# --- the seam: a new kind is one entry -------------------------------------------------


EXTRACT = DocKind(
    key="utdrag",
    template="tjansteskrivelse.docx",  # a real kind has its own template
    documents=once("utdrag.docx", "Utdrag", when=lambda case: case.sammantrade is not None),
    properties=lambda doc, case, derived: Properties(
        f"Utdrag – {case.rubrik}", case.handlaggare.namn, case.sammantrade
    ),
    listed=lambda doc, case, derived: Listed(f"Utdrag – {case.rubrik}", case.sammantrade),
    in_meeting=False,
)


@pytest.fixture
def with_extract(monkeypatch):
    """Register one more kind, as a new module or entry would."""
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, EXTRACT))


def test_a_new_kind_is_built_with_its_own_properties(project_dir, with_extract):
    result = build_in(project_dir, "--jobb", "1", "cases/iop-ny-tre-parter-2025-2027.yaml")
    assert result.exit_code == 0, result.output
    folder = project_dir / "output" / "iop-ny-tre-parter-2025-2027"
    with zipfile.ZipFile(folder / "utdrag.docx") as package:
        core = package.read("docProps/core.xml").decode()
    assert "<dc:title>Utdrag – Idéburet offentligt partnerskap" in core
    assert "2024-11-20T00:00:00Z" in core  # the meeting's date, as the kind says
    manifest = json.loads((folder / ".iopdocs-manifest.json").read_text(encoding="utf-8"))
    assert "utdrag.docx" in manifest["filer"]


def test_a_new_kind_is_listed_in_the_beslutsunderlag(with_extract):
    case, derived = case_and_derived("iop-ny-tre-parter-2025-2027")
    assert kinds.basis(case, derived)[2].line == f"Bilaga 2: Utdrag – {case.rubrik}, 2024-11-20"


def test_a_kind_kept_from_the_meeting_is_not_among_its_papers(project_dir, with_extract):
    result = build_in(project_dir, "--jobb", "1", "--sammantrade", "2024-11-20")
    assert result.exit_code == 0, result.output
    papers = json.loads(
        (project_dir / "output" / "sammantrade-2024-11-20" / "handlingar.json").read_text(
            encoding="utf-8"
        )
    )
    files = [entry["fil"] for entry in papers["handlingar"] if "fil" in entry]  # not attached
    assert "iop-ny-tre-parter-2025-2027/iop-overenskommelse.docx" in files
    assert not any(name.endswith("utdrag.docx") for name in files)
