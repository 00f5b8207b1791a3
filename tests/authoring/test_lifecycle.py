"""The life of an IOP: ending it early; drafting new cases and renewals."""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from iopdocs.authoring import drafting, renewal
from iopdocs.build.kinds import documents_for
from iopdocs.build.prepare import load_settings
from iopdocs.case import opi, placeholders
from iopdocs.case.decisions import Decision
from iopdocs.case.derive import derive
from iopdocs.case.load import load_yaml, load_yaml_text
from iopdocs.case.model import Case
from iopdocs.case.rules import drafts
from iopdocs.case.settings import merge_settings
from iopdocs.case.validate import to_model
from iopdocs.cli import main
from iopdocs.errors import CaseError
from iopdocs.word.text import docx_text

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "iopdocs.yaml"
EXAMPLE = ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"
ENDING = ROOT / "cases" / "iop-avslut-berga-motesplats-2025.yaml"
NBSP = "\u00a0"


def kr(amount: int) -> str:
    return f"{amount:,}".replace(",", NBSP) + NBSP + "kr"


def case_of(text: str) -> Case:
    return to_model(load_yaml_text(text, "fall.yaml"), Case)


def schema_problems(text: str) -> list:
    with pytest.raises(CaseError) as error:
        case_of(text)
    return error.value.problems


def derived_of(case: Case):
    return derive(case, merge_settings(load_settings(SETTINGS), case.organisation))


def build(files: list[Path], out: Path, settings: Path = SETTINGS):
    return CliRunner().invoke(
        main, ["build", *map(str, files), "--installningar", str(settings), "--ut", str(out)]
    )


# --- ending an agreement: the schema -------------------------------------------------


def test_an_ending_needs_no_agreement_and_no_party_budgets():
    case = to_model(load_yaml(ENDING), Case)
    assert case.overenskommelse is None and case.parter[0].kostnadsbudget is None
    # The example is decided, so it also gives its protokollsutdrag.
    assert [k.filename for k in documents_for(case)] == [
        "tjansteskrivelse.docx",
        "protokollsutdrag.docx",
    ]


def test_a_renewal_without_the_agreement_is_refused_naming_the_key():
    text = EXAMPLE.read_text(encoding="utf-8")
    start, end = text.index("\növerenskommelse:"), text.index("\n# Uppföljningar")
    text = text[:start] + text[end:]
    [problem] = [p for p in schema_problems(text) if p.field == "överenskommelse"]
    assert "nyckeln 'överenskommelse' saknas" in problem.message
    assert "'förlängning'" in problem.message


def test_a_new_agreement_needs_each_partys_agreement_fields():
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("    firmatecknare:\n      - namn: Lisa Hallingström\n"
                        "      - namn: Carin Hansson\n", "", 1)  # fmt: skip
    [problem] = schema_problems(text)
    assert problem.field == "parter"
    assert "parter, part 1 (" in problem.message and "firmatecknare" in problem.message


def test_an_ending_without_its_block_is_refused():
    text = ENDING.read_text(encoding="utf-8")
    start, end = text.index("avslut:\n  datum"), text.index("ekonomiska_konsekvenser:")
    [problem] = schema_problems(text[:start] + text[end:])
    assert problem.field == "avslut"
    assert "nyckeln 'avslut' saknas" in problem.message


def test_an_ending_block_in_a_renewal_is_refused():
    text = EXAMPLE.read_text(encoding="utf-8") + "avslut:\n  datum: 2025-06-30\n  skäl: Nej.\n"
    [problem] = schema_problems(text)
    assert "'avslut' används bara när beslutstyp är 'avslut'" in problem.message


@pytest.mark.parametrize("day", ["2023-12-31", "2027-01-01", "2027-03-31"])
def test_the_end_date_must_lie_in_the_period(day):
    text = ENDING.read_text(encoding="utf-8").replace("datum: 2025-06-30", f"datum: {day}", 1)
    [problem] = schema_problems(text)
    assert f"avslutsdatumet {day} ligger utanför perioden" in problem.message
    assert "Skriv periodens sista dag (2026-12-31)" in problem.message


# --- ending an agreement: the figures ------------------------------------------------


def test_reduction_is_the_yearly_total_for_the_time_left():
    ending = derived_of(to_model(load_yaml(ENDING), Case)).avslut
    assert ending.forsta_dag_utan == date(2025, 7, 1)
    assert ending.aterstaende == "ett år och sex månader"
    assert [(r.label, r.amount) for r in ending.rader] == [
        ("2025 (sex månader)", 206000),
        ("2026 (ett år)", 412000),
    ]
    assert ending.minskning == 618000 == 412000 * 18 // 12
    assert ending.arlig_minskning == 412000


def test_a_mid_month_end_counts_the_days_of_that_year():
    text = ENDING.read_text(encoding="utf-8").replace("datum: 2025-06-30", "datum: 2025-06-15", 1)
    ending = derived_of(case_of(text)).avslut
    first = ending.rader[0]
    assert first.label == f"2025 (199{NBSP}dagar)"
    assert first.amount == round(412000 * 199 / 365)
    assert ending.minskning == sum(r.amount for r in ending.rader)


def at_period_end() -> str:
    """Return the Berga ending moved to the period's last day: not renewed."""
    return ENDING.read_text(encoding="utf-8").replace("datum: 2025-06-30", "datum: 2026-12-31", 1)


def test_an_ending_at_the_period_end_saves_a_renewal_of_the_same_length():
    ending = derived_of(case_of(at_period_end())).avslut
    assert ending.vid_periodens_slut and ending.forsta_dag_utan == date(2027, 1, 1)
    assert [(r.label, r.amount) for r in ending.rader] == [
        ("2027 (ett år)", 412000),
        ("2028 (ett år)", 412000),
        ("2029 (ett år)", 412000),
    ]
    assert ending.minskning == 3 * 412000
    assert ending.mening.startswith(
        "Överenskommelsen löper ut den 31 december 2026 och förlängs inte. Från och med den "
        f"1 januari 2027 betalar kommunen inte längre ersättningen på {kr(412000)} per år."
    )
    assert f"tre år, hade ersättningen varit {kr(1236000)}" in ending.mening


def test_a_half_year_period_not_renewed_counts_the_next_half_year():
    text = at_period_end().replace("  från: 2024-01-01", "  från: 2026-07-01", 1)
    text = text.replace("uppsägningstid_månader: 6", "uppsägningstid_månader: 3", 1)
    ending = derived_of(case_of(text)).avslut
    assert [(r.label, r.amount) for r in ending.rader] == [("2027 (sex månader)", 206000)]


def test_a_period_of_days_not_renewed_counts_as_many_days():
    text = at_period_end().replace("  från: 2024-01-01", "  från: 2026-10-15", 1)
    text = text.replace("uppsägningstid_månader: 6", "uppsägningstid_månader: 1", 1)
    ending = derived_of(case_of(text)).avslut
    assert ending.aterstaende_period == "från och med 2027-01-01 till och med 2027-03-19"
    assert sum(r.amount for r in ending.rader) == ending.minskning == round(412000 * 78 / 365)


def test_a_case_that_does_not_end_anything_has_no_reduction():
    assert derived_of(to_model(load_yaml(EXAMPLE), Case)).avslut is None


@pytest.fixture(scope="module")
def ending_memo(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("out")
    result = build([ENDING], out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / ENDING.stem).glob("*.docx")) == [
        "protokollsutdrag.docx",
        "tjansteskrivelse.docx",
    ]
    return docx_text(out / ENDING.stem / "tjansteskrivelse.docx")


def section(text: str, heading: str) -> str:
    """Return the lines under `heading` up to the next heading of its level or higher."""
    level = heading.split(" ")[0]
    body = text.split(f"\n{heading}\n", 1)[1]
    return re.split(rf"\n#{{1,{len(level)}}} ", body, maxsplit=1)[0]


def test_ending_memo_states_period_funding_and_split(ending_memo):
    background = section(ending_memo, "# Bakgrund")
    assert "från och med 2024-01-01 till och med 2026-12-31" in background
    assert f"Kommunens ersättning till Berga Mötesplats är {kr(412000)} per år." in background
    split = section(ending_memo, "## Fördelning")
    assert re.search(rf"Berga Mötesplats +\| {kr(412000)}", split)
    assert re.search(rf"Total ersättning +\| {kr(412000)}", split)


def test_ending_memo_gives_the_reasons(ending_memo):
    reasons = section(ending_memo, "## Skäl till att överenskommelsen avslutas")
    assert reasons.count("\n- ") + reasons.startswith("- ") == 3
    assert "årsmöte" in reasons


def test_ending_memo_figures_agree(ending_memo):
    reduction = section(ending_memo, "## Minskad kostnad när överenskommelsen avslutas")
    assert "avslutas den 30 juni 2025" in reduction
    assert "från och med 2025-07-01 till och med 2026-12-31 (ett år och sex månader)" in reduction
    assert f"Kostnaden minskar då med {kr(618000)}" in reduction
    rows = re.findall(r"^(.+?) +\| ([\d\u00a0]+)\u00a0kr$", reduction, re.MULTILINE)
    amounts = {label: int(value.replace(NBSP, "")) for label, value in rows}
    assert amounts == {
        "2025 (sex månader)": 206000,
        "2026 (ett år)": 412000,
        "Minskad kostnad totalt": 618000,
    }
    assert amounts["2025 (sex månader)"] + amounts["2026 (ett år)"] == 618000


def test_ending_memo_names_the_legal_unit_in_samrad_and_no_agreement(ending_memo):
    assert "juridiska enhet" in section(ending_memo, "# Samråd")
    basis = section(ending_memo, "# Beslutsunderlag")
    assert basis.strip().splitlines() == [
        "Tjänsteskrivelse – Avslut av idéburet offentligt partnerskap (IOP) med Berga "
        "Mötesplats, 2024-12-04"
    ]


# --- unfinished texts (W001) -----------------------------------------------------------


def test_find_placeholders_walks_every_string():
    data = {"a": "klar", "b": ["SKRIV: x", {"c": "Text. SKRIV: y"}], "d": "0"}
    assert [(path, start) for path, _, start in drafts.find_placeholders(data)] == [
        (("b", 0), 0),
        (("b", 1, "c"), 6),
    ]
    assert drafts.is_placeholder("SKRIV: namn") and not drafts.is_placeholder("Skriv")


def test_placeholders_and_zero_compensation_are_warnings_at_their_lines():
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("  namn: John Fristedt", '  namn: "SKRIV: ditt namn"', 1)
    text = text.replace("årlig_ersättning: 339690", "årlig_ersättning: 0", 1)
    problems = drafts.placeholder_problems(load_yaml_text(text, "fall.yaml"))
    assert [(p.code, p.severity, p.field) for p in problems] == [
        ("W001", "varning", "handläggare.namn"),
        ("W001", "varning", "parter[0].årlig_ersättning"),
    ]
    assert problems[0].line == line_of(text, "SKRIV: ditt namn")
    assert "texten är inte färdig (SKRIV: ditt namn)" in problems[0].message


def test_check_placeholders_is_a_rule_for_checks():
    from iopdocs.case import rules as checks

    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "lever i socialt utanförskap,\n", "lever i SKRIV: vilka,\n", 1
    )
    loaded = load_yaml_text(text, "fall.yaml")
    checker = checks.Checker(loaded, text)
    case = to_model(loaded, Case)
    drafts.check_placeholders(checker, case, None, None)
    [problem] = checker.problems
    assert (problem.code, problem.severity, problem.field) == ("W001", "varning", "ärende")
    line = line_of(text, "SKRIV: vilka")
    column = text.splitlines()[line - 1].index("SKRIV") + 1
    assert (problem.line, problem.column) == (line, column)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# --- iopdocs new ---------------------------------------------------------------------


def new_spec(kind: Decision, **changes) -> drafting.NewCase:
    values = dict(
        beslutstyp=kind,
        parter=(
            drafting.NewParty("Föreningen Solrosen", "802519-7743"),
            drafting.NewParty("Kvarterets Vänner: Ryd", "802533-9014"),
        ),
        fran=date(2026, 1, 1),
        till=date(2028, 12, 31),
        diarienummer="SON 2025-0777",
        datum=date(2025, 9, 1),
        slut=date(2027, 6, 30) if kind is Decision.AVSLUT else None,
    )
    return drafting.NewCase(**{**values, **changes})


def keys_of(model, skip: set[str]) -> list[str]:
    return [
        f.alias or name for name, f in model.model_fields.items() if (f.alias or name) not in skip
    ]


@pytest.mark.parametrize("kind", list(Decision))
def test_new_case_text_is_valid_with_only_w001_warnings(kind):
    settings = load_settings(SETTINGS)
    text = drafting.new_case_text(new_spec(kind), settings)
    loaded = load_yaml_text(text, "ny.yaml")
    case = to_model(loaded, Case)
    assert case.beslutstyp is kind
    from iopdocs.case import rules as checks

    _, problems = checks.derive_and_check(loaded, case, settings, source=text)
    assert problems and {(p.code, p.severity) for p in problems} == {("W001", "varning")}
    placeholders = drafts.placeholder_problems(loaded)
    assert {p.field for p in problems} == {p.field for p in placeholders}


@pytest.mark.parametrize("kind", list(Decision))
def test_new_case_text_shows_every_key(kind):
    from iopdocs.case.model import Agreement, Ending, Party, Period

    text = drafting.new_case_text(new_spec(kind), load_settings(SETTINGS))
    unused = {"avslut"} if kind is not Decision.AVSLUT else {"överenskommelse"}
    expected = keys_of(Case, unused) + keys_of(Period, set())
    expected += keys_of(Party, set() if kind is not Decision.AVSLUT else {
        "firmatecknare", "ansvarsområden", "kostnadsbudget", "summa_kostnader", "ort"})  # fmt: skip
    if kind is Decision.AVSLUT:
        expected += keys_of(Ending, set())
    else:
        expected += keys_of(Agreement, set())
    missing = [k for k in expected if not re.search(rf"^\s*(# )?(- )?{k}:", text, re.MULTILINE)]
    assert missing == []


def test_new_case_drafts_the_decision_points():
    settings = load_settings(SETTINGS)
    [renewal, sign] = drafting.draft_decision(new_spec(Decision.FORLANGNING), settings)
    assert renewal == (
        "Social- och omsorgsnämnden förlänger överenskommelsen om ett idéburet offentligt "
        "partnerskap med Föreningen Solrosen och Kvarterets Vänner: Ryd enligt förvaltningens "
        "förslag. Överenskommelsen gäller i {längd}, {period}."
    )
    assert sign == "Social- och omsorgsdirektören får i uppdrag att underteckna överenskommelsen."
    [ending, _] = drafting.draft_decision(new_spec(Decision.AVSLUT), settings)
    assert ending.endswith("Överenskommelsen upphör att gälla efter den {slutdatum}.")
    not_renewed = new_spec(Decision.AVSLUT, slut=date(2028, 12, 31))
    [ending, _] = drafting.draft_decision(not_renewed, settings)
    assert ending == (
        "Social- och omsorgsnämnden beslutar att överenskommelsen om ett idéburet offentligt "
        "partnerskap med Föreningen Solrosen och Kvarterets Vänner: Ryd inte förlängs. "
        "Överenskommelsen upphör när perioden löper ut den {slutdatum}."
    )


def test_new_command_from_flags_writes_a_valid_file(project_dir):
    result = CliRunner().invoke(
        main,
        ["new", "--typ", "ny", "--part", "Föreningen Solrosen=168025197743",
         "--fran", "2026-01-01", "--diarienummer", "SON 2025-0777", "--datum", "2025-09-01",
         "--installningar", str(project_dir / "iopdocs.yaml")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    path = project_dir / "cases" / "iop-ny-foreningen-solrosen-2026-2028.yaml"
    assert f"Skapade {path}." in result.output
    assert "organisationsnummer: 802519-7743" in path.read_text(encoding="utf-8")  # normalised
    assert "varning W001" in result.output and " fel " not in result.output
    case = to_model(load_yaml(path), Case)
    assert (case.period.fran, case.period.till) == (date(2026, 1, 1), date(2028, 12, 31))


def test_new_command_asks_for_what_is_missing(project_dir):
    answers = "avslut\nBerga Trädgård; Ryds Vänner\n123\n802519-7743\n802533-9014\n" \
              "2024-01-01\n2026-12-31\n2025-06-30\nfel\nSON 2024-0999\n"  # fmt: skip
    out = project_dir / "utkast.yaml"
    result = CliRunner().invoke(
        main,
        ["new", "--ut", str(out), "--datum", "2024-12-01",
         "--installningar", str(project_dir / "iopdocs.yaml")],
        input=answers,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "\u201d123\u201d är inte ett organisationsnummer" in result.output
    assert "följer inte kommunens mönster, som SON 2024-0873." in result.output
    assert "\\d" not in result.output  # the example, never the regular expression
    case = to_model(load_yaml(out), Case)
    assert case.beslutstyp is Decision.AVSLUT and case.avslut.datum == date(2025, 6, 30)
    assert [p.namn for p in case.parter] == ["Berga Trädgård", "Ryds Vänner"]
    assert case.diarienummer == "SON 2024-0999"


def test_new_ending_offers_the_period_end_as_the_last_day(project_dir):
    out = project_dir / "utkast.yaml"
    result = CliRunner().invoke(
        main,
        ["new", "--typ", "avslut", "--ut", str(out), "--diarienummer", "SON 2024-0999",
         "--part", "Berga Trädgård=802519-7743", "--datum", "2024-10-01",
         "--installningar", str(project_dir / "iopdocs.yaml")],
        input="2024-01-01\n2026-12-31\n\n",  # period, then Enter for the offered last day
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Sista dagen som överenskommelsen ska gälla [2026-12-31]" in result.output
    case = to_model(load_yaml(out), Case)
    assert case.avslut.datum == case.period.till == date(2026, 12, 31)
    assert "inte förlängs" in case.beslutsforslag[0]


def test_new_command_never_overwrites_without_force(project_dir, example_case):
    args = ["new", "--typ", "ny", "--part", "A-föreningen=802519-7743", "--fran", "2026-01-01",
            "--diarienummer", "SON 2025-0777", "--ut", str(example_case),
            "--installningar", str(project_dir / "iopdocs.yaml")]  # fmt: skip
    before = example_case.read_bytes()
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "finns redan" in result.output
    assert example_case.read_bytes() == before


# --- iopdocs extend --------------------------------------------------------------------

# Invented rates for the tests; they are not SKR's figures.
TEST_RATES = "\nopi:\n" + "".join(
    f"  - år: {year}\n    procent: {rate}\n    status: definitiv\n    källa: Testsats\n"
    for year, rate in [(2024, "4,1"), (2025, "3,2"), (2026, "2,8"), (2027, "2,5"),
                       (2028, "2,2"), (2029, "2,0")]
)  # fmt: skip
DATE_OR_AMOUNT = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"|\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober"
    r"|november|december) \d{4}"
    r"|\d{1,3}(\u00a0\d{3})*\u00a0kr|\d+,\d\u00a0%"
    r"|(?<!\d)(19|20)\d{2}(?!\d)"
)


def mask(line: str) -> str:
    """Return a line with its dates, years and amounts replaced by one token."""
    return DATE_OR_AMOUNT.sub("<>", line)


@pytest.fixture
def rated_project(project_dir) -> Path:
    settings = project_dir / "iopdocs.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + TEST_RATES, encoding="utf-8")
    return project_dir


def extend(project: Path, case: Path, *args: str):
    return CliRunner().invoke(
        main, ["extend", str(case), *args, "--installningar", str(project / "iopdocs.yaml")]
    )


def test_shift_moves_by_the_periods_own_length():
    shift = renewal.Shift.of(date(2024, 1, 1), date(2026, 12, 31))
    assert (shift.new_from, shift.new_till) == (date(2027, 1, 1), date(2029, 12, 31))
    assert shift.day(date(2023, 8, 30)) == date(2026, 8, 30)
    odd = renewal.Shift.of(date(2024, 1, 1), date(2024, 4, 30))
    assert (odd.new_from, odd.new_till) == (date(2024, 5, 1), date(2024, 8, 31))
    leap = renewal.Shift.of(date(2023, 3, 1), date(2024, 2, 29))
    assert (leap.new_from, leap.new_till) == (date(2024, 3, 1), date(2025, 2, 28))
    days = renewal.Shift.of(date(2024, 1, 10), date(2024, 2, 14))
    assert (days.new_from, days.new_till) == (date(2024, 2, 15), date(2024, 3, 21))


def test_extend_writes_a_valid_2027_2029_case_keeping_comments(rated_project, example_case):
    result = extend(rated_project, example_case)
    assert result.exit_code == 0, result.output
    new = example_case.with_name("iop-iogt-nto-pingst-2027-2029.yaml")
    assert f"Skapade {new}: förlängning 2027-01-01 – 2029-12-31." in result.output
    case = to_model(load_yaml(new), Case)
    assert case.beslutstyp is Decision.FORLANGNING
    assert (case.period.fran, case.period.till) == (date(2027, 1, 1), date(2029, 12, 31))
    assert (case.datum, case.sammantrade) == (date(2026, 8, 30), date(2026, 9, 20))
    assert case.tidigare_arende.diarienummer == "SON 2019-1251"
    assert case.tidigare_arende.beslutsdatum == date(2023, 9, 20)
    assert "för {längd} {period}." in case.beslutsforslag[0]  # follows any later move
    filled = placeholders.fill(case).beslutsforslag[0]
    assert filled.endswith("för tre år från och med 2027-01-01 till och med 2029-12-31.")
    assert case.uppfoljningar == []
    old_text, new_text = example_case.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")
    old_comments = comments(renewal.without_top_level_key(old_text, "uppföljningar"))
    new_comments = [c for c in comments(new_text) if "bygger på" not in c]
    assert [c.replace("2027–2029", "2024–2026") for c in new_comments] == old_comments
    assert new_comments[0] == " yaml-language-server: $schema=../arendefil.schema.json"
    assert new_comments[1].endswith("2027–2029.")


def comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if "#" in line and
            not line.lstrip().startswith("- ") and "**" not in line]  # fmt: skip


def test_extend_indexes_the_compensation_by_opi(rated_project, example_case):
    result = extend(rated_project, example_case)
    assert result.exit_code == 0, result.output
    case = to_model(load_yaml(example_case.with_name("iop-iogt-nto-pingst-2027-2029.yaml")), Case)
    rates = opi.rates_for(merge_settings(load_settings(rated_project / "iopdocs.yaml"),
                                         case.organisation))  # fmt: skip
    expected = [opi.index_to(a, 2023, 2026, rates).amount for a in (339690, 452948)]
    assert [p.arlig_ersattning for p in case.parter] == expected
    assert case.overenskommelse.vardear == 2026
    assert case.summor.total_ersattning == sum(expected) == case.summor.kommunens_finansiering
    assert case.summor.egen_finansiering == 2755000 - sum(expected)
    assert "uppräknad med OPI från 2023 till 2026 års nivå" in result.output


def test_extended_documents_differ_only_in_dates_periods_and_amounts(rated_project, example_case):
    assert extend(rated_project, example_case).exit_code == 0
    new = example_case.with_name("iop-iogt-nto-pingst-2027-2029.yaml")
    out = rated_project / "output"
    result = build([example_case, new], out, rated_project / "iopdocs.yaml")
    assert result.exit_code == 0, result.output
    for name in ("tjansteskrivelse.docx", "iop-overenskommelse.docx"):
        old_lines = docx_text(out / example_case.stem / name).splitlines()
        new_lines = docx_text(out / new.stem / name).splitlines()
        changed = changed_lines(old_lines, new_lines)
        assert changed, name
        for old, new_line in changed:
            assert new_line is None or DATE_OR_AMOUNT.search(new_line), new_line
            if old is not None and new_line is not None:
                assert mask(old) == mask(new_line), (old, new_line)
        added = [n for o, n in changed if o is None]
        if name == "tjansteskrivelse.docx":
            assert added == [
                "Social- och omsorgsnämnden beslutade om den nuvarande överenskommelsen den "
                "20 september 2023, diarienummer SON 2019-1251."
            ]
        else:
            assert added == []
        assert all(n is not None for _, n in changed), name


def changed_lines(old: list[str], new: list[str]) -> list[tuple[str | None, str | None]]:
    """Return the changed lines as (old, new) pairs; an added line has old None."""
    matcher = difflib.SequenceMatcher(None, [mask(line) for line in old],
                                      [mask(line) for line in new], autojunk=False)  # fmt: skip
    pairs: list[tuple[str | None, str | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += [(o, n) for o, n in zip(old[i1:i2], new[j1:j2], strict=True) if o != n]
        else:
            pairs += [(o, None) for o in old[i1:i2]] + [(None, n) for n in new[j1:j2]]
    return pairs


def test_extend_without_rates_keeps_the_amounts_and_says_so(project_dir, example_case):
    result = extend(project_dir, example_case, "--diarienummer", "SON 2026-0101")
    assert result.exit_code == 0, result.output
    assert "OPI saknas för 2024, 2025 och 2026" in result.output
    case = to_model(load_yaml(example_case.with_name("iop-iogt-nto-pingst-2027-2029.yaml")), Case)
    assert [p.arlig_ersattning for p in case.parter] == [339690, 452948]
    assert case.overenskommelse.vardear == 2023
    assert case.diarienummer == "SON 2026-0101"


def test_extend_moves_only_the_cases_own_dates_in_texts():
    case = to_model(load_yaml(EXAMPLE), Case)
    shift = renewal.Shift.of(case.period.fran, case.period.till)
    known = {case.datum, case.period.fran, case.period.till}
    text = "Beslut 2023-08-30, start 1 januari 2024, samverkan sedan 2012-05-01."
    assert renewal._shift_dates_in(text, shift, known) == (
        "Beslut 2026-08-30, start 1 januari 2027, samverkan sedan 2012-05-01."
    )


def test_extend_refuses_an_ending(project_dir):
    ending = project_dir / "cases" / "iop-avslut-berga-motesplats-2025.yaml"
    result = extend(project_dir, ending)
    assert result.exit_code == 2
    assert "ett avslut kan inte förlängas" in result.output


def test_extend_never_overwrites_without_force(rated_project, example_case):
    assert extend(rated_project, example_case).exit_code == 0
    again = extend(rated_project, example_case)
    assert again.exit_code == 2 and "finns redan" in again.output
    assert extend(rated_project, example_case, "--force").exit_code == 0


# --- the rules of an IOP's life: W001 and W002 ----------------------------------------------


def run_rules(text: str) -> list:
    from iopdocs.case.rules.checker import Checker
    from iopdocs.case.rules.sums import check_rates

    loaded = load_yaml_text(text, "fall.yaml")
    case = to_model(loaded, Case)
    settings = merge_settings(load_settings(SETTINGS), case.organisation)
    checker = Checker(loaded, text)
    for rule in (drafts.check_placeholders, check_rates):
        rule(checker, case, settings, derive(case, settings))
    return checker.problems


@pytest.mark.parametrize("file", sorted((ROOT / "cases").glob("*.yaml")), ids=lambda p: p.stem)
def test_shipped_examples_pass_the_lifecycle_rules(file):
    assert run_rules(file.read_text(encoding="utf-8")) == []


def test_extend_moves_a_bilaga_s_month_and_year_in_the_form_it_had(project_dir, example_case):
    text = example_case.read_text(encoding="utf-8").replace(
        "\nparter:\n",
        "\nbilagor:\n  - titel: Rapport\n    datum: oktober 2023\n    fil: a.pdf\n"
        "  - titel: Plan\n    datum: 2023-06\n    fil: b.pdf\n\nparter:\n",
        1,
    )
    example_case.write_text(text, encoding="utf-8")
    for name in ("a.pdf", "b.pdf"):
        (example_case.parent / name).write_bytes(b"%PDF-1.7\n")
    result = extend(project_dir, example_case, "--diarienummer", "SON 2026-0101")
    assert result.exit_code == 0, result.output
    new = example_case.with_name("iop-iogt-nto-pingst-2027-2029.yaml").read_text("utf-8")
    assert "datum: oktober 2026\n" in new and "datum: 2026-06\n" in new
