"""Bad input never makes a document: each broken case file is refused, in Swedish, at its line.

The corpus in tests/case/broken/ is the shipped example with one mistake each
(written by tests/case/broken/make_broken.py). Each file is built through the
CLI in a copy of the project; the build must fail with the expected code at
the expected line, and write nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from iopdocs.case.load import MAX_BYTES, load_yaml
from iopdocs.cli import main
from iopdocs.errors import CaseError

BROKEN = Path(__file__).resolve().parent / "broken"
EXAMPLE = "iop-iogt-nto-pingst-2024-2026"

# file name -> (code, line, a word of the message)
REFUSED: dict[str, tuple[str, int, str]] = {
    # YAML syntax
    "syntax-bad-indentation": ("Y001", 96, "indrag"),
    "syntax-key-out-of-line": ("Y001", 11, "indrag"),
    "syntax-missing-colon": ("Y001", 136, "Kolon saknas: rad 136"),
    "syntax-unclosed-quote": ("Y001", 7, "börjar på rad 7 avslutas inte"),
    "syntax-tab-indentation": ("Y001", 10, "Tabbtecken"),
    "syntax-colon-in-value": ("Y001", 10, "citattecken"),
    "syntax-missing-space-after-colon": (
        "Y001",
        7,
        "Mellanslag saknas efter kolonet. Skriv 'rubrik: ",
    ),
    "syntax-missing-space-after-colon-nested": ("S003", 10, "Skriv 'namn: John Fristedt'"),
    # types and values
    "type-text-as-amount": ("S003", 93, "inte ett heltal"),
    "type-amount-with-comma": ("S003", 124, "'452,948' är inte ett heltal"),
    "type-amount-leading-zero": ("S003", 96, "'0205000' är inte ett heltal"),
    "type-yes-as-amount": ("S003", 101, "'yes' är inte ett heltal"),
    "type-no-as-amount": ("S003", 145, "'no' är inte ett heltal"),
    "type-negative-amount": ("S003", 131, "mindre än 0"),
    "type-impossible-date": ("S003", 135, "inget giltigt datum"),
    "type-date-wrong-format": ("S003", 8, "ÅÅÅÅ-MM-DD"),
    "type-date-in-words": ("S003", 12, "ÅÅÅÅ-MM-DD"),
    "type-text-where-list": ("S003", 68, "lista"),
    "type-unknown-beslutstyp": ("S003", 11, "'ny', 'förlängning' eller 'avslut'"),
    # keys
    "key-typo-top-level": ("S002", 7, "Menade du 'rubrik'?"),
    "key-typo-nested": ("S002", 101, "Menade du 'summa_kostnader'?"),
    "key-unknown-nested": ("S002", 139, "Tillåtna nycklar här"),
    "key-duplicate-top-level": ("Y002", 9, "finns redan på rad 8"),
    "key-duplicate-nested": ("Y002", 137, "finns redan på rad 136"),
    # sums
    "sum-party-total-wrong": ("D001", 101, "Summa kostnader för IOGT-NTO"),
    "sum-budget-row-changed": ("D001", 132, "Summa kostnader för Pingstförsamlingen"),
    "sum-total-compensation-wrong": ("D001", 141, "Total ersättning"),
    "sum-total-cost-wrong": ("D001", 142, "Totalkostnad"),
    "sum-municipal-financing-wrong": ("D001", 143, "Kommunens finansiering"),
    "sum-difference-not-zero": ("D001", 145, "Differensen"),
    "sum-own-financing-wrong": ("D002", 144, "differensen blir 0"),
    # the period
    "period-end-before-start": ("P001", 136, "före starten"),
    "period-notice-too-long": ("P002", 137, "längre än hela perioden"),
    "period-wrong-length-words": ("P004", 138, "'tre år'"),
    "period-not-whole-years": ("P004", 138, "dagar"),
    # identifiers
    "orgnr-check-digit": ("I001", 75, "Kontrollsiffran"),
    "orgnr-wrong-shape": ("I001", 105, "NNNNNN-NNNN"),
    "orgnr-third-digit": ("I001", 105, "Tredje siffran"),
    "orgnr-override-check-digit": ("I001", 270, "organisationsnumret"),
    "pnr-in-arende": ("I002", 20, "personnummer"),
    "pnr-with-century-in-ansvarsomraden": ("I002", 111, "OSL 26 kap. 1 §"),
    "pnr-samordningsnummer": ("I002", 33, "samordningsnummer"),
    "pnr-with-plus": ("I002", 16, "personnummer"),
    "pnr-without-separator-in-rubrik": ("I002", 7, "undantag.personnummer"),
    "diarienummer-wrong-pattern": ("I003", 6, "mönster"),
    # texts that contradict the data
    "text-decision-point-stale-period": ("R001", 15, "ärendets period, från och med 2025-01-01"),
    "text-decision-point-stale-date": (
        "R001",
        16,
        "periodens första dag (period.från), 2024-01-01",
    ),
    "text-period-stale-in-background": ("R002", 32, "stämmer inte med ärendets period"),
    "text-amount-implausible-unit": ("R005", 51, "'1 850 000 mnkr'"),
    "text-amount-implausible-dotted": (
        "R005",
        51,
        "ekonomiska_konsekvenser: '1.850.000 mnkr' är omkring 1\u00a0850 miljarder kronor",
    ),
    "text-placeholder-unknown": ("R006", 15, "Menade du {period}?"),
    # unfinished: built only as a draft (build --utkast)
    "draft-text-left-to-write": ("U001", 58, "ärendet är inte färdigt: 1 ställe"),
    # mandatory statements
    "statement-jamstalldhet-removed": ("S001", 6, "'jämställdhet' saknas"),
    "statement-mbl-empty": ("S003", 64, "'ej aktuellt'"),
    "statement-mbl-no-value": ("S003", 64, "tomt"),
    "statement-samrad-only-spaces": ("S003", 57, "'ej aktuellt'"),
    "statement-beslutsforslag-empty-list": ("S003", 14, "minst 1 rad"),
    # hostile YAML
    "hostile-alias-bomb": ("Y003", 269, "Ankare (&a)"),
    "hostile-anchor-and-alias": ("Y003", 78, "Hänvisningar (*handlaggaren)"),
    "hostile-python-tag": ("Y009", 7, "!!python/object/apply:os.system"),
    "hostile-deeply-nested": ("Y011", 269, "mer än 50 nivåer"),
    "hostile-second-document": ("Y010", 268, "andra dokument"),
    "hostile-top-level-list": ("Y007", 1, "lista"),
    # characters and encodings
    "chars-control-character": ("Y006", 7, "U+0007"),
    "chars-vertical-tab": ("Y006", 10, "U+000B"),
    "chars-windows-1252": ("Y005", 2, "UTF-8"),  # line 1 is the ASCII schema line
    "chars-utf-16": ("Y005", 1, "UTF-16"),
}

# Files that are built, with a warning: (code, line, a word of the message).
WARNED: dict[str, tuple[str, int, str]] = {
    "warning-decision-after-start": ("P003", 12, "i efterhand"),
    "warning-party-name-misspelt": ("N001", 38, "Skriv 'IOGT-NTO'"),
    "warning-value-year-stale": ("R003", 148, "skriv värdeår: 2023"),
    "warning-amount-in-text-matches-nothing": ("R004", 51, "'450 000 kr' är inget av"),
    # each other form an amount is written in, at its line, in its field
    "warning-amount-colon-dash": ("R004", 51, "ekonomiska_konsekvenser: '450 000:-' är inget av"),
    "warning-amount-dot-thousands": (
        "R004",
        51,
        "ekonomiska_konsekvenser: '450.000 kr' är inget av",
    ),
    "warning-amount-sek": ("R004", 32, "bakgrund, text: '450 000 SEK' är inget av"),
    "warning-amount-tkr": ("R004", 16, "beslutsförslag, punkt 2: '450 tkr' är inget av"),
    "warning-amount-mnkr": ("R004", 51, "ekonomiska_konsekvenser: '0,55 mnkr' är inget av"),
    "warning-amount-no-break-spaces": (
        "R004",
        51,
        "ekonomiska_konsekvenser: '450\u00a0000\u202fkronor' är inget av",
    ),
}

# The build cannot yet report a backwards period: derive() raises first.


def build(project: Path, *targets: Path):
    """Run `iopdocs build` on targets in the copied project; return the click result."""
    args = ["build", "--installningar", str(project / "iopdocs.yaml")]
    args += ["--ut", str(project / "output"), *map(str, targets)]
    return CliRunner().invoke(main, args)


def written(project: Path) -> list[Path]:
    """Return every file the build wrote."""
    output = project / "output"
    return sorted(p for p in output.rglob("*") if p.is_file()) if output.exists() else []


def finding(output: str, location: str, code: str, word: str) -> list[str]:
    """Return the lines of output that hold location, code and word."""
    return [
        line for line in output.splitlines() if location in line and code in line and word in line
    ]


def test_the_corpus_is_the_table():
    files = {p.stem for p in BROKEN.glob("*.yaml")}
    assert files == set(REFUSED) | set(WARNED)
    assert len(REFUSED) >= 40


def _refused_params():
    for name, expected in REFUSED.items():
        yield pytest.param(name, *expected, id=name)


@pytest.mark.parametrize(("name", "code", "line", "word"), list(_refused_params()))
def test_a_broken_case_is_refused_at_its_line_and_writes_nothing(
    project_dir, name, code, line, word
):
    case = project_dir / f"{name}.yaml"
    shutil.copy(BROKEN / case.name, case)
    result = build(project_dir, case)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    assert finding(result.output, f"{case.name}:{line}:", code, word), result.output
    assert written(project_dir) == []


@pytest.mark.parametrize(("name", "code", "line", "word"), [(n, *e) for n, e in WARNED.items()])
def test_a_doubtful_case_is_built_with_a_warning_at_its_line(project_dir, name, code, line, word):
    case = project_dir / f"{name}.yaml"
    shutil.copy(BROKEN / case.name, case)
    result = build(project_dir, case)
    assert result.exit_code == 0, result.output
    [warning] = finding(result.output, f"{case.name}:{line}:", code, word)
    assert "varning" in warning
    assert (project_dir / "output" / name / "tjansteskrivelse.docx").is_file()


def test_a_file_too_large_is_refused_unread(project_dir):
    case = project_dir / "stor.yaml"
    text = (BROKEN.parents[2] / "cases" / f"{EXAMPLE}.yaml").read_text(encoding="utf-8")
    case.write_text(text + "# utfyllnad\n" * (MAX_BYTES // 10), encoding="utf-8")
    result = build(project_dir, case)
    assert result.exit_code == 1
    assert finding(result.output, "stor.yaml:", "Y004", "för stor")
    assert written(project_dir) == []


def test_an_unreadable_path_is_y012(tmp_path):
    with pytest.raises(CaseError) as info:
        load_yaml(tmp_path)
    [problem] = info.value.problems
    assert problem.code == "Y012" and "mapp" in problem.message


def test_every_problem_of_a_case_is_reported_together(project_dir, example_case):
    text = example_case.read_text(encoding="utf-8")
    for old, new in [
        ("summa_kostnader: 535000", "summa_kostnader: 530000"),
        ("längd: tre år", "längd: två år"),
        ("  ensamhet eller isolering.", "  ensamhet eller isolering, 121212-1212."),
        ("organisationsnummer: 802506-5742", "organisationsnummer: 802506-5743"),
    ]:
        text = text.replace(old, new, 1)
    example_case.write_text(text, encoding="utf-8")
    result = build(project_dir, example_case)
    assert result.exit_code == 1
    for location, code in [(101, "D001"), (138, "P004"), (20, "I002"), (75, "I001")]:
        assert finding(result.output, f"{example_case.name}:{location}:", code, ""), code
    assert written(project_dir) == []


def test_a_broken_rebuild_leaves_the_earlier_documents_untouched(project_dir, example_case):
    assert build(project_dir, example_case).exit_code == 0
    before = {p: p.read_bytes() for p in written(project_dir)}
    assert any(p.suffix == ".docx" for p in before)
    shutil.copy(BROKEN / "sum-own-financing-wrong.yaml", example_case)
    result = build(project_dir, example_case)
    assert result.exit_code == 1
    assert "D002" in result.output
    assert {p: p.read_bytes() for p in written(project_dir)} == before


def test_in_a_batch_the_good_cases_are_built_and_the_bad_one_reported(project_dir, example_case):
    batch = project_dir / "batch"
    batch.mkdir()
    shutil.copy(example_case, batch / "forsta.yaml")
    shutil.copy(example_case, batch / "andra.yaml")
    shutil.copy(BROKEN / "pnr-in-arende.yaml", batch / "pnr-in-arende.yaml")
    result = build(project_dir, batch)
    assert result.exit_code == 1
    assert finding(result.output, "pnr-in-arende.yaml:20:", "I002", "personnummer")
    built = {p.parent.name for p in written(project_dir) if p.suffix == ".docx"}
    assert built == {"forsta", "andra"}
