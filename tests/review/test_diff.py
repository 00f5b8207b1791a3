"""`iopdocs diff`: known edits show up exactly, word by word, under their section heading."""

from __future__ import annotations

from pathlib import Path

import click
import docx
import pytest
from click.testing import CliRunner

from iopdocs.cli import main
from iopdocs.review import diff

NBSP = "\u00a0"
ROOT = Path(__file__).resolve().parents[2]
FOERDELNING = ("Ekonomiska konsekvenser", "Fördelning")
PARTIES = [
    ("Föreningen A", "100 000 kr"),
    ("Föreningen B", "50 000 kr"),
    ("Föreningen C", "25 000 kr"),
]


def kr(text: str) -> str:
    """Return `text` with "_" as the no-break space that amounts use in the real documents."""
    return text.replace("_", NBSP)


def write_docx(
    path: Path,
    *,
    amount: str = "100 000 kr",
    point: bool = False,
    reword: bool = False,
    remove_party: bool = False,
) -> Path:
    """Write a small decision paper; each keyword is one known edit of the original."""
    document = docx.Document()
    document.add_paragraph("Förlängning av IOP med tre föreningar", style="Title")
    document.add_heading("Förslag till beslut", 1)
    points = ["Nämnden förlänger överenskommelsen.", "Direktören undertecknar överenskommelsen."]
    if point:
        points.append("Beslutet gäller från och med 2025-01-01.")
    for text in points:
        document.add_paragraph(text, style="List Number")
    document.add_heading("Ärende", 1)
    paragraph = document.add_paragraph("Partnerskapet vänder sig till ")
    paragraph.add_run("vuxna").bold = True
    paragraph.add_run(" som lever i ensamhet." if reword else " i socialt utanförskap.")
    document.add_heading("Ekonomiska konsekvenser", 1)
    document.add_paragraph("Kostnaden ryms i nämndens budget.")
    document.add_heading("Fördelning", 2)
    parties = [(name, amount if i == 0 else money) for i, (name, money) in enumerate(PARTIES)]
    if remove_party:
        parties = parties[:2]
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Part", "Årlig ersättning"
    for name, money in parties:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = name, money.replace(" ", NBSP)
    document.add_heading("Parter", 1)
    for name, _ in parties:
        document.add_paragraph(name, style="List Bullet")
    document.add_paragraph("Överenskommelsen gäller i tre år.")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def changes(document: diff.DocumentDiff) -> dict[tuple[str, ...], list[tuple[str, str]]]:
    """Return the changed lines by section: (op, line as plain mode shows it), no context."""
    found: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for hunk in document.hunks:
        for line in hunk.lines:
            if line.op != "context":
                shown = diff._render_line(line, color=False)[1:]
                found.setdefault(hunk.section, []).append((line.op, shown))
    return found


EDITS = {
    "amount": (
        {"amount": "120 000 kr"},
        {FOERDELNING: [("change", kr("Föreningen A | [-100-]{+120+}_000_kr"))]},
    ),
    "point": (
        {"point": True},
        {("Förslag till beslut",): [("insert", "3. Beslutet gäller från och med 2025-01-01.")]},
    ),
    "reword": (
        {"reword": True},
        {
            ("Ärende",): [
                (
                    "change",
                    "Partnerskapet vänder sig till vuxna "
                    "{+som lever +}i [-socialt utanförskap-]{+ensamhet+}.",
                )
            ]
        },
    ),
    "remove_party": (
        {"remove_party": True},
        {
            FOERDELNING: [("delete", kr("Föreningen C | 25_000_kr"))],
            ("Parter",): [("delete", "- Föreningen C")],
        },
    ),
}


@pytest.mark.parametrize("edit", EDITS)
def test_known_edit_is_the_only_change_under_its_heading(tmp_path, edit):
    options, expected = EDITS[edit]
    old = write_docx(tmp_path / "old.docx")
    new = write_docx(tmp_path / "new.docx", **options)
    [document] = diff.diff_paths(old, new)
    assert document.status == "ändrad"
    assert changes(document) == expected


def test_all_edits_at_once_are_reported_each_in_its_section(tmp_path):
    old = write_docx(tmp_path / "old.docx")
    options: dict = {}
    expected: dict = {}
    for edit_options, edit_changes in EDITS.values():
        options.update(edit_options)
        for section, lines in edit_changes.items():
            expected.setdefault(section, []).extend(lines)
    [document] = diff.diff_paths(old, write_docx(tmp_path / "new.docx", **options))
    assert changes(document) == expected
    assert [hunk.title for hunk in document.hunks] == [
        "Förslag till beslut",
        "Ärende",
        "Ekonomiska konsekvenser › Fördelning",
        "Parter",
    ]


def test_wider_amount_changes_only_its_own_row(tmp_path):
    old = write_docx(tmp_path / "old.docx")
    new = write_docx(tmp_path / "new.docx", amount="1 100 000 kr")
    [document] = diff.diff_paths(old, new)
    assert changes(document) == {FOERDELNING: [("change", kr("Föreningen A | {+1_+}100_000_kr"))]}


def test_cli_plain_output_has_heading_path_and_word_marks(tmp_path):
    old = write_docx(tmp_path / "old.docx")
    new = write_docx(tmp_path / "new.docx", amount="120 000 kr")
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        f"--- {old}",
        f"+++ {new}",
        "@@ Ekonomiska konsekvenser › Fördelning @@",
        " Part | Årlig ersättning",
        kr("~Föreningen A | [-100-]{+120+}_000_kr"),
        kr(" Föreningen B | 50_000_kr"),
        kr(" Föreningen C | 25_000_kr"),
    ]
    assert "\x1b[" not in result.output


def test_cli_color_marks_words_without_brackets(tmp_path):
    old = write_docx(tmp_path / "old.docx")
    new = write_docx(tmp_path / "new.docx", amount="120 000 kr")
    result = CliRunner().invoke(main, ["diff", "--color", str(old), str(new)])
    assert result.exit_code == 1
    assert "\x1b[" in result.output and "[-" not in result.output
    assert click.style("120", fg="green", underline=True) in result.output
    assert click.style("100", fg="red", strikethrough=True) in result.output


def test_context_option_limits_unchanged_lines(tmp_path):
    old = write_docx(tmp_path / "old.docx")
    new = write_docx(tmp_path / "new.docx", amount="120 000 kr")
    result = CliRunner().invoke(main, ["diff", "-U", "0", str(old), str(new)])
    assert result.output.splitlines()[2:] == [
        "@@ Ekonomiska konsekvenser › Fördelning @@",
        kr("~Föreningen A | [-100-]{+120+}_000_kr"),
    ]


def test_equal_documents_exit_0_without_output(tmp_path):
    old = write_docx(tmp_path / "old.docx")
    new = write_docx(tmp_path / "new.docx")
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert (result.exit_code, result.output) == (0, "")


def test_folders_list_added_removed_changed_then_the_diffs(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    write_docx(old / "same.docx")
    write_docx(new / "same.docx")
    write_docx(old / "case" / "changed.docx")
    write_docx(new / "case" / "changed.docx", point=True)
    write_docx(old / "case" / "removed.docx")
    write_docx(new / "added.docx")
    (new / ".hidden.docx").write_bytes(b"not a document")
    (new / "case" / "changed.handandrad-0123abcd.docx").write_bytes(b"a backup")
    (new / ".~lock.same.docx#").write_bytes(b"lock")
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[:4] == [
        "tillagd: added.docx",
        "ändrad: case/changed.docx",
        "borttagen: case/removed.docx",
        "",
    ]
    assert lines[4:7] == [
        f"--- {old / 'case' / 'changed.docx'}",
        f"+++ {new / 'case' / 'changed.docx'}",
        "@@ Förslag till beslut @@",
    ]
    assert "+3. Beslutet gäller från och med 2025-01-01." in lines


def test_equal_folders_exit_0_without_output(tmp_path):
    for side in ("old", "new"):
        write_docx(tmp_path / side / "a.docx")
        write_docx(tmp_path / side / "sub" / "b.docx", point=True)
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "old"), str(tmp_path / "new")])
    assert (result.exit_code, result.output) == (0, "")


def test_unreadable_file_exits_2_naming_it_in_swedish(tmp_path):
    good = write_docx(tmp_path / "good.docx")
    bad = tmp_path / "trasig.docx"
    bad.write_bytes(b"PK not really a zip")
    result = CliRunner().invoke(main, ["diff", str(good), str(bad)])
    assert result.exit_code == 2
    assert f"{bad}: kan inte läsas som Word-dokument" in result.output


def test_unreadable_files_in_folders_are_all_named(tmp_path):
    for side in ("old", "new"):
        write_docx(tmp_path / side / "ok.docx")
        (tmp_path / side / "trasig.docx").write_bytes(b"no")
    with pytest.raises(diff.DiffError) as error:
        diff.diff_paths(tmp_path / "old", tmp_path / "new")
    assert str(tmp_path / "old" / "trasig.docx") in str(error.value)
    assert str(tmp_path / "new" / "trasig.docx") in str(error.value)


@pytest.mark.parametrize("kind", ["missing", "file-and-folder"])
def test_paths_that_cannot_be_compared_exit_2(tmp_path, kind):
    old = write_docx(tmp_path / "old.docx")
    new = tmp_path / "saknas.docx" if kind == "missing" else tmp_path
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 2
    assert "finns inte" in result.output or "det ena är en mapp" in result.output


def test_pair_similar_pairs_edited_lines_and_leaves_removed_ones_alone():
    old = ["Föreningen A | 100 kr", "Föreningen C | 25 kr", "Totalt | 125 kr"]
    new = ["Föreningen A | 120 kr", "Totalt | 145 kr"]
    assert diff.pair_similar(old, new) == [(0, 0), (1, None), (2, 1)]


def test_word_opcodes_join_changes_separated_only_by_space():
    a = diff.tokenize("och ligger på samma nivå")
    b = diff.tokenize("och blir något högre nivå")
    assert [op[0] for op in diff.word_opcodes(a, b)] == ["equal", "replace", "equal"]


TEMPLATES = sorted((ROOT / "templates").glob("*.docx"))


def build(project_dir: Path, out: Path) -> None:
    """Build every case of the project copy into `out` with the CLI."""
    settings = str(project_dir / "iopdocs.yaml")
    result = CliRunner().invoke(main, ["build", "--installningar", settings, "--ut", str(out)])
    assert result.exit_code == 0, result.output


def edit_example(case: Path) -> None:
    """Raise IOGT-NTO's amount by 10 kr (and the totals with it) and reword one sentence."""
    text = case.read_text(encoding="utf-8")
    for old, new in [
        ("årlig_ersättning: 339690", "årlig_ersättning: 339700"),
        ("total_ersättning: 792638", "total_ersättning: 792648"),
        ("kommunens_finansiering: 792638", "kommunens_finansiering: 792648"),
        ("egen_finansiering: 1962362", "egen_finansiering: 1962352"),
        ("Parterna är överens om", "Parterna är helt överens om"),
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    case.write_text(text, encoding="utf-8")


@pytest.fixture
def two_builds(project_dir: Path, example_case: Path) -> tuple[Path, Path]:
    """Return output folders built before and after editing the example case."""
    build(project_dir, project_dir / "before")
    edit_example(example_case)
    build(project_dir, project_dir / "after")
    return project_dir / "before", project_dir / "after"


def words(document: diff.DocumentDiff) -> dict[tuple[str, ...], list[tuple[str, str]]]:
    """Return, by section, each edited line's (deleted words, inserted words)."""
    found: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for hunk in document.hunks:
        for line in hunk.lines:
            assert line.op in ("context", "change"), line
            if line.op == "change":
                deleted = "".join(s.text for s in line.segments if s.op == "delete")
                inserted = "".join(s.text for s in line.segments if s.op == "insert")
                found.setdefault(hunk.section, []).append((deleted.strip(), inserted.strip()))
    return found


@pytest.mark.skipif(not TEMPLATES, reason="mallarna i templates/ saknas")
def test_real_output_diff_shows_only_the_edited_amount_totals_and_sentence(two_builds):
    before, after = two_builds
    documents = {d.name: d for d in diff.diff_paths(before, after)}
    case = "iop-iogt-nto-pingst-2024-2026"
    assert {name for name, d in documents.items() if d.status != "lika"} == {
        f"{case}/tjansteskrivelse.docx",
        f"{case}/iop-overenskommelse.docx",
    }
    memo = words(documents[f"{case}/tjansteskrivelse.docx"])
    assert memo == {
        FOERDELNING: [("690", "700"), ("638", "648")],
        ("Samråd",): [("", "helt")],
    }
    assert words(documents[f"{case}/iop-overenskommelse.docx"]) == {
        ("Ekonomi",): [("690", "700"), ("638", "648")],
        ("Ekonomi", "Finansiering"): [("638", "648"), ("362", "352")],
    }


@pytest.mark.skipif(not TEMPLATES, reason="mallarna i templates/ saknas")
def test_real_output_cli_exit_codes(two_builds):
    before, after = two_builds
    assert CliRunner().invoke(main, ["diff", str(before), str(before)]).exit_code == 0
    result = CliRunner().invoke(main, ["diff", str(before), str(after)])
    assert result.exit_code == 1
    assert "@@ Ekonomiska konsekvenser › Fördelning @@" in result.output
    assert "@@ Samråd @@" in result.output


def test_page_header_change_is_filed_under_sidhuvud(tmp_path):
    paths = []
    for name, day in [("old.docx", "2023-08-30"), ("new.docx", "2023-09-01")]:
        document = docx.Document(write_docx(tmp_path / name))
        document.sections[0].header.paragraphs[0].text = f"Tjänsteskrivelse {day}"
        document.save(tmp_path / name)
        paths.append(tmp_path / name)
    [document] = diff.diff_paths(*paths)
    assert changes(document) == {
        ("Sidhuvud",): [("change", "[sidhuvud] Tjänsteskrivelse [-2023-08-30-]{+2023-09-01+}")]
    }
