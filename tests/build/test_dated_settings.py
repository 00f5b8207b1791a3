"""Settings that keep their dates: each case gets the values in force on its own datum."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import build_in

from iopdocs.case.load import load_yaml_text
from iopdocs.case.settings import Settings
from iopdocs.case.validate import to_model
from iopdocs.errors import CaseError
from iopdocs.word.text import docx_text

CASE = "iop-ny-tre-parter-2025-2027"

DATED = """\
kommunala_mål:
  - gäller_från: 2019-01-01
    värde:
      - Ett gott liv för äldre
      - En trygg kommun
  - gäller_från: 2023-01-01
    värde:
      - Välfärdstjänster med hög kvalitet
mållänk:
  - gäller_från: 2019-01-01
    värde:
      text: Kommunens mål 2019–2022
      url: https://example.org/mal-2019-2022.pdf
  - gäller_från: 2023-01-01
    värde:
      text: Kommunens mål 2023–2026
      url: https://example.org/mal-2023-2026.pdf
undertecknare:
  - gäller_från: 2023-05-01
    värde:
      namn: Susanna Lundstedt
      titel: social- och omsorgsdirektör
  - gäller_från: 2017-03-01
    värde:
      namn: Per Ek
      titel: socialdirektör
"""


def dated_settings(project_dir: Path) -> None:
    """Replace the goals, their link and the signer in the copy's settings by dated values."""
    path = project_dir / "iopdocs.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, skipping = [], False
    for line in lines:
        if line.startswith(("kommunala_mål:", "mållänk:", "undertecknare:")):
            skipping = True
            continue
        if skipping and line.startswith((" ", "-")):
            continue
        skipping = False
        kept.append(line)
    path.write_text("".join(kept) + DATED, encoding="utf-8")


def copy_dated(project_dir: Path, day: str) -> Path:
    """Return a copy of the example case with its tjänsteskrivelse dated `day`.

    The copy shows every goal of its day: the example's own choice of goals goes.
    """
    source = project_dir / "cases" / f"{CASE}.yaml"
    text = source.read_text(encoding="utf-8").replace("datum: 2024-10-15", f"datum: {day}", 1)
    start = text.index("\nkommunala_mål:\n")
    text = text[:start] + text[text.index("\njämställdhet:", start) :]
    copy = source.with_name(f"{CASE}-{day}.yaml")
    copy.write_text(text, encoding="utf-8")
    return copy


def memo(project_dir: Path, case: Path) -> str:
    return docx_text(project_dir / "output" / case.stem / "tjansteskrivelse.docx")


def test_a_2020_case_and_a_2025_case_in_one_build_get_their_own_goals(project_dir):
    dated_settings(project_dir)
    old, new = copy_dated(project_dir, "2020-10-15"), copy_dated(project_dir, "2025-02-03")
    result = build_in(project_dir, str(old), str(new))
    assert result.exit_code == 0, result.output
    then, now = memo(project_dir, old), memo(project_dir, new)
    assert "Ett gott liv för äldre" in then and "Kommunens mål 2019–2022" in then
    assert "Per Ek" in then and "Susanna Lundstedt" not in then
    assert "Välfärdstjänster med hög kvalitet" in now and "Kommunens mål 2023–2026" in now
    assert "Ett gott liv för äldre" not in now and "Susanna Lundstedt" in now
    assert "G001" not in result.output


def test_a_case_older_than_every_dated_value_gets_the_oldest_with_g001(project_dir):
    dated_settings(project_dir)
    ancient = copy_dated(project_dir, "2016-06-01")
    result = build_in(project_dir, str(ancient))
    assert result.exit_code == 0, result.output
    text = memo(project_dir, ancient)
    assert "Ett gott liv för äldre" in text and "Per Ek" in text
    warnings = [line for line in result.output.splitlines() if "G001" in line]
    assert len(warnings) == 3  # goals, link and signer all begin later
    assert any("'kommunala_mål'" in w and "2019-01-01" in w for w in warnings)
    assert all(f"{ancient.name}:" in w and "datum:" in w for w in warnings)


def test_a_value_applies_from_its_first_day(project_dir):
    dated_settings(project_dir)
    settings = to_model(
        load_yaml_text((project_dir / "iopdocs.yaml").read_bytes(), "iopdocs.yaml"), Settings
    )
    assert settings.on(date(2022, 12, 31)).kommunala_mal[0] == "Ett gott liv för äldre"
    assert settings.on(date(2023, 1, 1)).kommunala_mal == ["Välfärdstjänster med hög kvalitet"]
    assert settings.on(date(2023, 4, 30)).undertecknare.namn == "Per Ek"
    assert settings.on(date(2023, 5, 1)).undertecknare.namn == "Susanna Lundstedt"
    assert settings.on(date(2023, 5, 1)).namnd == "Social- och omsorgsnämnden"  # undated


def test_a_case_override_replaces_dated_goals(project_dir):
    dated_settings(project_dir)
    case = copy_dated(project_dir, "2020-10-15")
    text = case.read_text(encoding="utf-8")
    case.write_text(
        text + "\norganisation:\n  kommunala_mål:\n    - Ärendets eget mål\n", encoding="utf-8"
    )
    result = build_in(project_dir, str(case))
    assert result.exit_code == 0, result.output
    assert "Ärendets eget mål" in memo(project_dir, case)
    assert "Ett gott liv för äldre" not in memo(project_dir, case)


@pytest.mark.parametrize(
    ("entry", "field", "code"),
    [
        ("  - gäller_från: 2019-01-01\n    värd: [Mål]\n", "kommunala_mål[0].värd", "S002"),
        ("  - gäller_från: 2019-13-01\n    värde: [Mål]\n", "kommunala_mål[0].gäller_från", "S003"),
        ("  - gäller_från: 2019-01-01\n    värde: []\n", "kommunala_mål[0].värde", "S003"),
    ],
)
def test_a_wrong_dated_value_is_named_at_its_key(entry, field, code):
    text = BASE + "kommunala_mål:\n" + entry
    with pytest.raises(CaseError) as caught:
        to_model(load_yaml_text(text.encode("utf-8"), "iopdocs.yaml"), Settings)
    assert (field, code) in [(p.field, p.code) for p in caught.value.problems]


BASE = """\
kommun: Linköpings kommun
organisationsnummer: 212000-0449
ort: Linköping
nämnd: Social- och omsorgsnämnden
förvaltning: Social- och omsorgsförvaltningen
mållänk:
  text: Mål
  url: https://example.org/mal.pdf
undertecknare:
  namn: Susanna Lundstedt
diarienummer_mönster: 'SON \\d{4}-\\d{1,5}'
"""


@pytest.mark.parametrize("first", ["2019-01-01", "2023-01-01"])
def test_two_values_from_the_same_day_are_refused(first):
    """Which of two values from one day applies would depend on their order: say so."""
    text = BASE + (
        "kommunala_mål:\n"
        f"  - gäller_från: {first}\n    värde: [Mål A]\n"
        "  - gäller_från: 2023-01-01\n    värde: [Mål B]\n"
        "  - gäller_från: 2019-01-01\n    värde: [Mål C]\n"
    )
    with pytest.raises(CaseError) as caught:
        to_model(load_yaml_text(text.encode("utf-8"), "iopdocs.yaml"), Settings)
    [problem] = caught.value.problems
    assert (problem.field, problem.code, problem.line) == ("kommunala_mål", "S003", 13)
    assert f"två värden gäller från {first}" in problem.message


@pytest.mark.parametrize(
    ("key", "dated"),
    [
        ("nämnd", "    - gäller_från: 2019-01-01\n      värde: Socialnämnden\n"),
        ("kommunala_mål", "    - gäller_från: 2019-01-01\n      värde: [Ett mål]\n"),
        (
            "undertecknare",
            "    - gäller_från: 2019-01-01\n      värde:\n        namn: Eva Ek\n",
        ),
    ],
)
def test_a_dated_value_under_a_cases_organisation_is_said_clearly(project_dir, key, dated):
    # A case has one date: it overrides with one value; dated lists belong in iopdocs.yaml.
    case = project_dir / "cases" / f"{CASE}.yaml"
    text = case.read_text(encoding="utf-8") + f"\norganisation:\n  {key}:\n{dated}"
    case.write_text(text, encoding="utf-8")
    result = build_in(project_dir, str(case))
    assert result.exit_code != 0
    key_line = len(text.splitlines()) - dated.count("\n")
    said = [row for row in result.output.splitlines() if f":{key_line + 1}:5:" in row]
    assert said, result.output
    assert "gäller_från hör hemma i iopdocs.yaml" in said[0]
    assert f"Skriv '{key}:' med ett enda värde" in said[0]
    assert not (project_dir / "output" / CASE / "tjansteskrivelse.docx").exists()


def test_the_protokollsutdrag_uses_the_settings_of_the_decision_day(project_dir):
    # The nämnd was renamed between the memo (2024-12-04) and the decision (2024-12-18).
    settings = project_dir / "iopdocs.yaml"
    text = settings.read_text(encoding="utf-8")
    old = "nämnd: Social- och omsorgsnämnden\n"
    assert old in text
    dated = (
        "nämnd:\n"
        "  - gäller_från: 2019-01-01\n    värde: Social- och omsorgsnämnden\n"
        "  - gäller_från: 2024-12-10\n    värde: Välfärdsnämnden\n"
    )
    settings.write_text(text.replace(old, dated, 1), encoding="utf-8")
    case = project_dir / "cases" / "iop-avslut-berga-motesplats-2025.yaml"
    result = build_in(project_dir, str(case))
    assert result.exit_code == 0, result.output
    folder = project_dir / "output" / case.stem
    extract = docx_text(folder / "protokollsutdrag.docx")
    # The proposal's own sentences keep the name they were written with.
    assert "Välfärdsnämnden beslutar" in extract
    assert "Social- och omsorgsnämnden beslutar" not in extract
    assert "Social- och omsorgsnämnden" in docx_text(folder / "tjansteskrivelse.docx")
    assert "Välfärdsnämnden" not in docx_text(folder / "tjansteskrivelse.docx")
