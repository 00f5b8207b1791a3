"""OPI: the shipped rates, the indexation rule, the agreement's table and the warning."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from iopdocs.case import opi
from iopdocs.case.derive import derive
from iopdocs.case.load import load_yaml, load_yaml_text
from iopdocs.case.model import Case
from iopdocs.case.rules.sums import check_rates
from iopdocs.case.settings import OpiRate, Settings, merge_settings
from iopdocs.case.validate import to_model
from iopdocs.cli import main
from iopdocs.codes import BY_CODE
from iopdocs.word.text import docx_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"
PUBLISHED_RATES = {
    2015: "2.2",
    2016: "2.6",
    2017: "2.7",
    2018: "2.6",
    2019: "2.7",
    2020: "3.0",
    2021: "1.5",
    2022: "1.9",
    2023: "4.6",
}
# Invented rates for tests only; they are not SKR's figures.
TEST_RATES = """
opi:
  - år: 2024
    procent: 4,1
    status: definitiv
    källa: Testsats
  - år: 2025
    procent: 3,2
    status: definitiv
    källa: Testsats
  - år: 2026
    procent: 2,8
    status: preliminär
    källa: Testsats
"""


def rate(year: int, percent: str, status: str = "definitiv", source: str = "test") -> OpiRate:
    return OpiRate.model_validate(
        {"år": year, "procent": percent, "status": status, "källa": source}
    )


def rates(**by_year: str) -> dict[int, opi.Rate]:
    return opi.rates_from(rate(int(y.lstrip("y")), p) for y, p in by_year.items())


def example(settings_text: str = ""):
    """Return the example case and its settings, with `settings_text` added to iopdocs.yaml."""
    case = to_model(load_yaml(EXAMPLE), Case)
    text = (ROOT / "iopdocs.yaml").read_text(encoding="utf-8") + settings_text
    base = to_model(load_yaml_text(text, "iopdocs.yaml"), Settings)
    return case, merge_settings(base, case.organisation)


# --- the data --------------------------------------------------------------------


def test_shipped_rates_are_the_published_definitive_ones():
    shipped = opi.rates_from(opi.shipped_entries())
    assert {y: str(r.percent) for y, r in shipped.items()} == PUBLISHED_RATES
    assert all(r.definitive and r.source for r in shipped.values())


def test_preliminary_2023_rate_is_kept_as_data_but_not_used():
    entries = [e for e in opi.shipped_entries() if e.ar == 2023]
    assert {(str(e.procent), e.status) for e in entries} == {
        ("3.5", "preliminär"),
        ("4.6", "definitiv"),
    }


@pytest.mark.parametrize(
    "order", [("preliminär", "definitiv"), ("definitiv", "preliminär")], ids=["p-d", "d-p"]
)
def test_definitive_wins_whatever_the_order(order):
    values = {"preliminär": "3.5", "definitiv": "4.6"}
    chosen = opi.rates_from(rate(2023, values[s], s) for s in order)
    assert chosen[2023].percent == Decimal("4.6") and chosen[2023].definitive


def test_a_later_entry_replaces_an_earlier_one_of_the_same_status():
    chosen = opi.rates_from([rate(2024, "4,0"), rate(2024, "4,2", source="kommunen")])
    assert (chosen[2024].percent, chosen[2024].source) == (Decimal("4.2"), "kommunen")


@pytest.mark.parametrize(("text", "value"), [("4,6", "4.6"), ("4.6", "4.6"), ("-0,5", "-0.5")])
def test_rate_accepts_decimal_comma_and_point(text, value):
    assert rate(2024, text).procent == Decimal(value)


def test_rate_in_words_is_refused():
    with pytest.raises(ValueError, match="ingen procentsats"):
        rate(2024, "fyra")


def test_organisation_rates_are_added_on_top():
    _, settings = example(TEST_RATES)
    combined = opi.rates_for(settings)
    assert combined[2023].percent == Decimal("4.6")
    assert combined[2026].text == "2,8\u00a0% (preliminär)"


# --- the rule --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "percent", "result"),
    [
        (339690, "4.1", 353617),  # 353 617,29
        (1000, "1.25", 1013),  # 1 012,5 rounds half up, not to even
        (1000, "0.05", 1001),  # 1 000,5
        (1000, "-1.5", 985),
        (0, "4.6", 0),
    ],
)
def test_index_rounds_to_whole_kronor_half_up(amount, percent, result):
    assert opi.index(amount, opi.Rate(2024, Decimal(percent), True, "")) == result


def test_index_to_goes_year_by_year():
    known = rates(y2024="4.1", y2025="3.2")
    result = opi.index_to(339690, 2023, 2025, known)
    assert result == opi.Indexed(364933, 2025, ())


def test_index_to_stops_at_the_first_missing_rate_and_names_the_rest():
    known = rates(y2024="4.1", y2026="2.0")
    result = opi.index_to(339690, 2023, 2026, known)
    assert result == opi.Indexed(353617, 2024, (2025, 2026))


def test_missing_years_never_count_as_zero():
    assert opi.missing_years(2023, [2024, 2025, 2026], rates(y2024="4.1")) == (2025, 2026)
    assert opi.index_table([("A", 100)], 2023, [2024, 2025], rates(y2024="4.1")) is None


def test_index_table_rows_add_up_and_early_years_keep_the_stated_amount():
    known = rates(y2025="3.0", y2026="2.0")
    table = opi.index_table([("A", 100001), ("B", 50001)], 2024, [2024, 2025, 2026], known)
    assert table.parties == ("A", "B")
    assert [(r.year, r.amounts) for r in table.rows] == [
        (2024, (100001, 50001)),
        (2025, (103001, 51501)),
        (2026, (105061, 52531)),
    ]
    assert all(r.total == sum(r.amounts) for r in table.rows)
    assert table.mening == (
        "Ersättningen i 2024 års nivå räknas upp med omsorgsprisindex (OPI): "
        "3,0\u00a0% för 2025 och 2,0\u00a0% för 2026. Ersättningen per år blir då:"
    )


def test_no_table_when_nothing_is_indexed():
    assert opi.index_table([("A", 100)], 2026, [2026], rates(y2026="1.0")) is None


# --- the case --------------------------------------------------------------------


def test_example_without_published_rates_has_no_table_and_lists_the_years():
    case, settings = example()
    derived = derive(case, settings)
    assert derived.uppraknade is None
    assert derived.opi_saknas == (2024, 2025, 2026)


def test_example_with_rates_gets_its_table():
    case, settings = example(TEST_RATES)
    table = derive(case, settings).uppraknade
    assert [r.year for r in table.rows] == [2024, 2025, 2026]
    assert table.rows[0].amounts == (353617, 471519)
    assert table.rows[-1].total == 875384


class Collect:
    """A stand-in for checks.Checker that keeps what the rule adds."""

    def __init__(self) -> None:
        self.added: list[tuple] = []

    def add(self, path, code, message, at=None) -> None:
        self.added.append((path, code, BY_CODE[code].level, message))


def test_check_rates_warns_only_for_rates_that_should_be_published():
    case, settings = example()
    derived = derive(case, settings)
    quiet = Collect()
    check_rates(quiet, case, settings, derived)  # decided 2023: 2024- not yet published
    assert quiet.added == []
    late = Collect()
    check_rates(late, case.model_copy(update={"datum": date(2025, 3, 1)}), settings, derived)
    [(path, code, severity, message)] = late.added
    assert (path, code, severity) == (("överenskommelse", "värdeår"), "W002", "varning")
    assert "OPI för 2024, 2025 saknas" in message and "iopdocs.yaml" in message


def test_agreement_shows_the_table_when_the_settings_hold_the_rates(project_dir, example_case):
    settings = project_dir / "iopdocs.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + TEST_RATES, encoding="utf-8")
    out = project_dir / "output"
    result = CliRunner().invoke(
        main, ["build", str(example_case), "--installningar", str(settings), "--ut", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = docx_text(out / example_case.stem / "iop-overenskommelse.docx")
    lines = [re.sub(r" *\| *| +", " ", line).strip() for line in text.splitlines()]
    assert "## Ersättning per år" in text
    assert "År IOGT\u2011NTO Pingstförsamlingen Totalt" in lines
    assert "2024 353\u00a0617\u00a0kr 471\u00a0519\u00a0kr 825\u00a0136\u00a0kr" in lines
    assert "2026 375\u00a0151\u00a0kr 500\u00a0233\u00a0kr 875\u00a0384\u00a0kr" in lines
