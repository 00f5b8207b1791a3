"""The shipped example cases build into documents that read as the board's papers do."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import soffice_pdf

from iopdocs.build.kinds import documents_for
from iopdocs.case.load import load_yaml
from iopdocs.case.model import Case
from iopdocs.case.validate import to_model
from iopdocs.cli import main
from iopdocs.word.structure import visible_text

ROOT = Path(__file__).resolve().parents[2]

NBSP = "\u00a0"
MEMO = "tjansteskrivelse.docx"
AGREEMENT = "iop-overenskommelse.docx"
MEMO_HEADINGS = [
    "Förslag till social- och omsorgsnämndens beslut",
    "Ärende",
    "Beslutsunderlag",
    "Bakgrund",
    "Ekonomiska konsekvenser",
    "Kommunala mål",
    "Jämställdhet",
    "Samråd",
    "Uppföljning och utvärdering",
    "Information eller förhandling enligt lag (1976:580) om medbestämmande i arbetslivet",
    "Beslutet skickas till",
]
AGREEMENT_HEADINGS = [
    "Bakgrund till överenskommelsen",
    "Överenskommelsens utgångspunkter",
    "Värdegrund",
    "Aktörer i överenskommelsen",
    "Överenskommelsens gemensamma samhällsutmaning och syfte",
    "Målsättning",
    "Målgrupp",
    "Innehåll med ansvarsområden",
    "Avstämning och uppföljning",
    "Ekonomi",
    "Period för överenskommelsen",
]
EXAMPLE_FIGURES = [452948, 339690, 792638, 535000, 2220000, 2755000, 1962362, 0]


def cell_text(cell) -> str:
    """Return a table cell's text as python-docx would, content controls included."""
    return "\n".join(visible_text(p._p) for p in cell.paragraphs)


def kr(amount: int) -> str:
    """Return an amount as the papers write it, with no-break spaces."""
    return f"{amount:,}".replace(",", NBSP) + NBSP + "kr"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Build every shipped example case once; return the output folder."""
    root = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "iopdocs.yaml", root / "iopdocs.yaml")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "cases", root / "cases")
    result = CliRunner().invoke(
        main, ["build", "--installningar", str(root / "iopdocs.yaml"), "--ut", str(root / "output")]
    )
    assert result.exit_code == 0, result.output
    return root / "output"


def all_text(document: docx.document.Document) -> str:
    """Return body paragraphs, table cells and header text of a document."""
    parts = [visible_text(p._p) for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell_text(cell) for row in table.rows for cell in row.cells)
    parts.extend(visible_text(p._p) for s in document.sections for p in s.header.paragraphs)
    return "\n".join(parts)


def headings(document, level: int = 1) -> list[str]:
    return [visible_text(p._p) for p in document.paragraphs if p.style.name == f"Heading {level}"]


def example_folders(output: Path) -> list[Path]:
    return sorted(p for p in output.iterdir() if p.is_dir())


def documents_of(folder: Path) -> list[str]:
    """Return the file names the example case of `folder` produces."""
    case = to_model(load_yaml(ROOT / "cases" / f"{folder.name}.yaml"), Case)
    return [kind.filename for kind in documents_for(case)]


def test_every_example_gives_its_documents(built):
    folders = example_folders(built)
    assert len(folders) >= 2
    for folder in folders:
        names = documents_of(folder)
        assert MEMO in names
        assert sorted(p.name for p in folder.glob("*.docx")) == sorted(names)
        for name in names:
            text = all_text(docx.Document(folder / name))
            assert "{{" not in text and "{%" not in text and "**" not in text


def test_memo_sections_in_the_usual_order(built):
    for folder in example_folders(built):
        assert headings(docx.Document(folder / MEMO)) == MEMO_HEADINGS


def test_agreement_sections_in_the_usual_order(built):
    for folder in example_folders(built):
        if AGREEMENT not in documents_of(folder):
            continue  # an ending (avslut) has no agreement
        found = headings(docx.Document(folder / AGREEMENT))
        assert [h for h in found if h in AGREEMENT_HEADINGS] == AGREEMENT_HEADINGS


def test_example_figures_with_no_break_spaces(built):
    text = all_text(docx.Document(built / "iop-iogt-nto-pingst-2024-2026" / AGREEMENT))
    for amount in EXAMPLE_FIGURES:
        assert kr(amount) in text, amount


def test_both_documents_state_same_period_parties_and_amounts(built):
    folder = built / "iop-iogt-nto-pingst-2024-2026"
    memo = all_text(docx.Document(folder / MEMO))
    agreement = all_text(docx.Document(folder / AGREEMENT))
    for fact in [
        "2024-01-01",
        "2026-12-31",
        "IOGT-NTO",
        "Pingstförsamlingen",
        kr(452948),
        kr(339690),
        kr(792638),
    ]:
        assert fact in memo and fact in agreement, fact


def test_first_page_body_holds_date_and_case_number(built):
    document = docx.Document(built / "iop-iogt-nto-pingst-2024-2026" / MEMO)
    first = "\n".join(visible_text(p._p) for p in document.paragraphs[:6])
    assert "2023-08-30" in first and "SON 2019-1251" in first


def test_special_characters_survive_in_body_tables_and_header(project_dir, example_case):
    odd = "Å&<>\"' 🎉"
    text = example_case.read_text(encoding="utf-8")
    quoted = odd.replace("'", "''")
    text = text.replace("rubrik: Förlängning", f"rubrik: '{quoted} Förlängning", 1)
    text = text.replace("och Pingstförsamlingen\ndatum", "och Pingstförsamlingen'\ndatum", 1)
    text = text.replace("post: Lokaler\n", f"post: 'Lokaler {quoted}'\n", 1)
    text = text.replace("minska utanförskap", f"minska {odd} utanförskap", 1)
    text += f"\norganisation:\n  förvaltning: '{quoted} förvaltningen'\n"  # stands in the header
    example_case.write_text(text, encoding="utf-8")
    out = project_dir / "output"
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(example_case),
            "--installningar",
            str(project_dir / "iopdocs.yaml"),
            "--ut",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    memo = docx.Document(out / example_case.stem / MEMO)
    assert any(odd in visible_text(p._p) for p in memo.paragraphs)  # rubrik and jämställdhet
    agreement = docx.Document(out / example_case.stem / AGREEMENT)
    cells = [cell_text(c) for t in agreement.tables for r in t.rows for c in r.cells]
    assert f"Lokaler {odd}" in cells
    header = "\n".join(visible_text(p._p) for p in memo.sections[0].header.paragraphs)
    assert f"{odd} förvaltningen" in header


def test_same_input_gives_same_bytes_in_two_folders(built, project_dir):
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--installningar",
            str(project_dir / "iopdocs.yaml"),
            "--ut",
            str(project_dir / "out2"),
        ],
    )
    assert result.exit_code == 0, result.output
    for folder in example_folders(built):
        for name in documents_of(folder):
            again = project_dir / "out2" / folder.name / name
            assert again.read_bytes() == (folder / name).read_bytes(), name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")
def test_examples_convert_to_pdf_with_page_headers(built, tmp_path):
    from pypdf import PdfReader

    for folder in example_folders(built):
        outdir = tmp_path / folder.name
        names = documents_of(folder)
        soffice_pdf([folder / name for name in names], outdir, tmp_path / "profile")
        for name in names:
            reader = PdfReader(outdir / f"{Path(name).stem}.pdf")
            total = len(reader.pages)
            assert total >= 2 or name.startswith(("uppfoljning", "protokollsutdrag")), (
                folder.name,
                name,
            )
            for number, page in enumerate(reader.pages, start=1):
                assert re.search(rf"\b{number} \({total}\)", page.extract_text()), (name, number)


def test_agreement_contents_list_names_its_headings_before_any_update(built):
    document = docx.Document(built / "iop-iogt-nto-pingst-2024-2026" / AGREEMENT)
    toc = [visible_text(p._p) for p in document.paragraphs if p.style.name.lower() == "toc 1"]
    assert toc == headings(document)  # every Heading 1, in order, as a TOC 1 entry
    body = document.element.body.xml
    assert body.count('w:fldCharType="begin"') >= 1 and 'TOC \\o "1-2"' in body
