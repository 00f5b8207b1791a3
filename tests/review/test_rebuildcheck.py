"""build --check reports what would change, why, and never touches output/."""

from __future__ import annotations

from pathlib import Path

from conftest import build_in, touch_template


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def edit(case: Path, old: str, new: str) -> None:
    text = case.read_text(encoding="utf-8")
    assert old in text
    case.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_nothing_to_change_exits_0(project_dir):
    build_in(project_dir)
    result = build_in(project_dir, "--check")
    assert result.exit_code == 0, result.output
    assert "skulle ändras: 0" in result.output


def test_an_amount_and_a_sentence_show_in_their_sections_and_output_is_untouched(
    project_dir, example_case
):
    build_in(project_dir)
    before = files(project_dir / "output")
    edit(example_case, "årlig_ersättning: 339690", "årlig_ersättning: 339700")
    for key in ("total_ersättning", "kommunens_finansiering"):
        edit(example_case, f"{key}: 792638", f"{key}: 792648")
    edit(example_case, "egen_finansiering: 1962362", "egen_finansiering: 1962352")
    edit(example_case, "Verksamheten erbjuder gemenskap", "Verksamheten ger gemenskap")
    result = build_in(project_dir, "--check")
    assert result.exit_code == 1
    out = result.output
    assert "ändras (ärendefilen har ändrats)" in out
    assert "@@ Ekonomiska konsekvenser › Fördelning @@" in out
    assert "~IOGT\u2011NTO | 339\u00a0[-690-]{+700+}\u00a0kr" in out
    assert "@@ Jämställdhet @@" in out and "[-erbjuder-]{+ger+}" in out
    changed_lines = [
        line
        for line in out.splitlines()
        if line.startswith(("~", "+", "-")) and not line.startswith(("+++", "---"))
    ]
    # the amount, the totals it drives (memo and agreement), own financing, the sentence
    assert len(changed_lines) == 7, changed_lines
    assert files(project_dir / "output") == before


def test_a_template_change_is_named_as_the_cause(project_dir):
    build_in(project_dir)
    touch_template(project_dir)
    result = build_in(project_dir, "--check")
    assert "mallen (tjansteskrivelse.docx) har ändrats" in result.output


def test_a_case_without_earlier_output_is_all_new(project_dir):
    result = build_in(project_dir, "--check")
    assert result.exit_code == 1
    assert "tillagd: tjansteskrivelse.docx" in result.output
    assert not (project_dir / "output").exists()


def test_a_decided_case_shows_what_would_change_today_as_information(project_dir):
    build_in(project_dir)
    before = files(project_dir / "output")
    settings = project_dir / "iopdocs.yaml"
    # The goals' link: every case shows it, also one that chooses its own goals.
    edit(settings, "övergripande mål 2023–2026", "övergripande mål 2027–2030")
    decided = str(project_dir / "cases" / "iop-avslut-berga-motesplats-2025.yaml")
    result = build_in(project_dir, "--check", decided)
    assert result.exit_code == 0, result.output  # information, not a change
    assert "beslutat ärende, handlingarna är låsta (beslutat 2024-12-18 § 142)" in result.output
    assert "{+2027+}–[-2026-]{+2030+}" in result.output
    assert "skulle ändras: 0" in result.output
    undecided = str(project_dir / "cases" / "iop-ny-tre-parter-2025-2027.yaml")
    assert build_in(project_dir, "--check", decided, undecided).exit_code == 1
    assert files(project_dir / "output") == before


def test_diff_labels_a_sealed_document_and_does_not_count_it(project_dir, tmp_path):
    from click.testing import CliRunner

    from iopdocs.cli import main

    build_in(project_dir)
    edit(project_dir / "iopdocs.yaml", "Stark gemenskap och människor i arbete", "Trygg kommun")
    fresh = tmp_path / "fresh"
    build_in(project_dir, "--ut", str(fresh))
    name = "iop-avslut-berga-motesplats-2025"
    result = CliRunner().invoke(
        main, ["diff", str(project_dir / "output" / name), str(fresh / name)]
    )
    assert result.exit_code == 0, result.output
    assert "(låst, beslutat 2024-12-18 § 142: information, görs inte om)" in result.output
    assert "# Låst (beslutat 2024-12-18 § 142)" in result.output
