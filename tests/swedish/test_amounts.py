"""Amounts in Swedish running text: read with their unit, compared as precisely as written."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopdocs.swedish.amounts import find_amounts, implausible, same_amount, same_as_any

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("text", "written", "kronor", "step"),
    [
        ("Kostnaden är 792 638 kr per år.", "792 638 kr", 792638, 1),
        (f"totalt 1{NBSP}962{NBSP}362{NBSP}kr", f"1{NBSP}962{NBSP}362{NBSP}kr", 1962362, 1),
        ("ersättningen, 339 690 kronor, betalas", "339 690 kronor", 339690, 1),
        ("omkring 0,8 mnkr", "0,8 mnkr", 800000, 100000),
        ("793 tkr", "793 tkr", 793000, 1000),
        ("2,2 miljoner kronor", "2,2 miljoner kronor", 2200000, 100000),
        ("en (1) miljon kronor", "en (1) miljon kronor", 1000000, 1000000),
        ("två miljoner kronor", "två miljoner kronor", 2000000, 1000000),
        ("en halv miljon kronor", "en halv miljon kronor", 500000, 100000),
        ("sex tusen kronor", "sex tusen kronor", 6000, 1000),
        ("1 850 000 mnkr/år", "1 850 000 mnkr", 1850000 * 10**6, 10**6),
        ("5 MSEK", "5 MSEK", 5000000, 1000000),
        ("år 2024 452 948 kr", "452 948 kr", 452948, 1),
        # thin and figure spaces between the groups, as typesetting writes them
        ("450\u2009000 kr", "450\u2009000 kr", 450000, 1),
        ("450\u2007000\u2007kr", "450\u2007000\u2007kr", 450000, 1),
        # digits of other scripts are digits: they cannot hide an amount
        ("Kostnaden är ７９２ ６３８ kr.", "７９２ ６３８ kr", 792638, 1),
        ("Kostnaden är ٤٥٠ ٠٠٠ kr.", "٤٥٠ ٠٠٠ kr", 450000, 1),
    ],
)
def test_an_amount_is_read_with_its_unit_and_precision(text, written, kronor, step):
    [found] = find_amounts(text)
    assert (found.text, found.kronor, found.step) == (written, Decimal(kronor), Decimal(step))
    assert text[found.start : found.end] == written


@pytest.mark.parametrize(
    "text", ["500 kronorna", "3 krav", "10 krukor", "Kr 500", "4,6 %", "2024-01-01", "sidan 12"]
)
def test_words_that_only_begin_like_a_unit_are_no_amounts(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "approximate"),
    [("cirka 800 000 kr", True), ("ca 2 mnkr", True), ("högst 50 000 kr", True),
     ("drygt 1 mnkr", True), ("kostar 800 000 kr", False)],
)  # fmt: skip
def test_an_amount_after_an_approximating_word_is_approximate(text, approximate):
    [found] = find_amounts(text)
    assert found.approximate is approximate


@pytest.mark.parametrize(
    ("text", "known", "same"),
    [
        ("792 638 kr", 792638, True),
        ("792 639 kr", 792638, False),
        ("0,8 mnkr", 792638, True),  # rounded
        ("793 tkr", 792638, True),  # rounded
        ("792 tkr", 792638, True),  # cut off
        ("0,7 mnkr", 792638, False),  # cut off, but 12 % off
        ("0,6 mnkr", 792638, False),
        ("2,8 mnkr", 2755000, True),
        ("en (1) miljon kronor", 950000, True),
        ("en (1) miljon kronor", 618000, False),  # rounds to a million, but 38 % off
        ("2 mnkr", 1500001, False),
    ],
)
def test_a_known_amount_matches_as_precisely_as_the_text_writes_it(text, known, same):
    [found] = find_amounts(text)
    assert same_amount(found, known) is same


def test_more_than_a_thousand_mnkr_is_implausible():
    [kronor, millions, billion] = find_amounts("1 850 000 kr, 999 mnkr och 1 001 mnkr")
    assert not implausible(kronor) and not implausible(millions) and implausible(billion)


def test_a_long_run_of_digit_groups_is_one_number():
    groups = " ".join(["111"] * 5000)
    assert find_amounts(groups) == []  # no unit after it: no amount
    [amount] = find_amounts(f"{groups} kr och 12 kr")[:1]
    assert amount.start == 0 and amount.number == Decimal(groups.replace(" ", ""))
    assert [a.text for a in find_amounts(f"{groups}. Sedan 12 kr")] == ["12 kr"]


def test_every_amount_of_a_long_text_is_found_in_order():
    text = "".join(f"Rad {i}: {i} 000 kr. " for i in range(1, 1000))
    found = find_amounts(text)
    assert [a.kronor for a in found] == [Decimal(i * 1000) for i in range(1, 1000)]
    assert all(text[a.start : a.end] == a.text for a in found)


@pytest.mark.parametrize(
    ("text", "written", "kronor", "step"),
    [
        # the forms municipal papers use besides the recommended one
        ("Bidraget är 450 000:- per år.", "450 000:-", 450000, 1),
        ("Bidraget är 450 000 :– per år.", "450 000 :–", 450000, 1),  # Word's en dash
        ("Bidraget är 450.000 kr.", "450.000 kr", 450000, 1),
        ("Bidraget är 1.850.000,50 kr.", "1.850.000,50 kr", Decimal("1850000.50"), "0.01"),
        ("Bidraget är 450.000:-.", "450.000:-", 450000, 1),
        ("Bidraget är 450 000 SEK.", "450 000 SEK", 450000, 1),
        ("Bidraget är 450 TSEK.", "450 TSEK", 450000, 1000),
        ("Bidraget är 2,8 mn kr.", "2,8 mn kr", 2800000, 100000),
        ("Bidraget är 0,45 mnkr.", "0,45 mnkr", 450000, 10000),
        (f"Bidraget är 450{NBSP}000\u202fkronor.", f"450{NBSP}000\u202fkronor", 450000, 1),
        ("Bidraget är 1.5 mnkr.", "1.5 mnkr", 1500000, 100000),  # a decimal point
    ],
)
def test_the_other_common_forms_are_read(text, written, kronor, step):
    [found] = find_amounts(text)
    assert (found.text, found.kronor, found.step) == (written, Decimal(kronor), Decimal(step))
    assert found.decimal_point is None


@pytest.mark.parametrize(
    ("text", "thousands", "decimal"),
    [("2.755 mnkr", 2755 * 10**6, 2755000), ("1.850 tkr", 1850000, 1850)],
)
def test_a_single_dot_group_in_thousands_or_millions_reads_both_ways(text, thousands, decimal):
    [found] = find_amounts(text)
    assert found.kronor == thousands and found.decimal_point.kronor == decimal
    assert found.decimal_point.step == Decimal(found.step) / 1000


@pytest.mark.parametrize(
    "text",
    [
        "år 2024 och 2023/2024",
        "från och med 2024-01-01, 2024.01.01 och 30.6.2025",
        "dnr SON 2024-0873 och SON:2019–1251",
        "org. nr 212000-0449, 802506–5742 och 82 20 00-3811",
        "75% av en heltid, 4,6 % och 3.5 %",
        "se avsnitt 4.2 och 4.2.1, SFS 2018:1937",
        "tel. 013-20 60 00 eller 013-206000",
        "1.000\n2.000\n3.000",
        "Kr 450 000",  # the unit before the figure is read by no Swedish paper's reader
        "kl. 13:30-15:00",
    ],
)
def test_numbers_that_are_no_amounts_are_not_read(text):
    assert find_amounts(text) == []


def test_a_long_run_of_dot_groups_or_dots_is_read_once():
    dotted = ".".join(["111"] * 20000)
    assert find_amounts(dotted) == []
    assert [a.text for a in find_amounts("1." * 20000 + " 12 kr")] == ["12 kr"]
    [long] = find_amounts(dotted + " kr")
    assert long.start == 0 and long.decimal_point is None


@given(
    st.lists(st.integers(min_value=0, max_value=10**10), max_size=30),
    st.sampled_from(["kr", "tkr", "mnkr", ":-", "kronor"]),
    st.integers(min_value=0, max_value=10**7),
    st.integers(min_value=0, max_value=3),
)
def test_comparing_with_the_near_figures_only_is_comparing_with_all(known, unit, whole, places):
    written = f"{whole // 10**places},{whole % 10**places:0{places}d}" if places else str(whole)
    [found] = find_amounts(f"{written} {unit}")
    edges = [found.kronor * Decimal(f) for f in ("0.9", "0.909", "0.91", "1.09", "1.1", "1.11")]
    edges += [found.kronor + found.step * Decimal(f) for f in ("-0.5", "0.5", "0.99", "1")]
    known += [int(edge) for edge in edges if edge >= 0]  # figures at the edges of near
    assert same_as_any(found, sorted(known)) == any(same_amount(found, k) for k in known)
    for k in known:  # and every figure the text names is found among the near ones
        [exact] = find_amounts(f"{k} kr")
        assert same_as_any(exact, sorted(known))
