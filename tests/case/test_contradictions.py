"""Texts that contradict the data: dates in decision points, periods, the value year,
amounts and placeholders (R001-R006), and accepted name forms (N001)."""

from __future__ import annotations

import pytest
from test_rules import EXAMPLE, ROOT, changed, check, line_of, only

from iopdocs.case.rules.checker import MOST_PER_TEXT

POINT = "för tre år från och med 2024-01-01 till och med 2026-12-31."
ECONOMY = "  nivå som under den nuvarande perioden."
BACKGROUND = "    Den nuvarande överenskommelsen löper ut vid årsskiftet 2023/2024."
ENDING = (ROOT / "cases" / "iop-avslut-berga-motesplats-2025.yaml").read_text(encoding="utf-8")


def codes(text: str, *wanted: str) -> list[str]:
    return [p.code for p in check(text) if p.code in wanted]


def moved_period(text: str = EXAMPLE) -> str:
    """Return the example with its period one year later and the rest of its data in step."""
    text = changed("  från: 2024-01-01", "  från: 2025-01-01", text)
    text = changed("  till: 2026-12-31", "  till: 2027-12-31", text)
    text = changed("  - år: 2024", "  - år: 2025", text)  # the follow-up
    return changed("  värdeår: 2023", "  värdeår: 2024", text)


# --- R001: dates in decision points -------------------------------------------------


def test_a_decision_point_with_the_old_period_names_the_right_dates():
    text = moved_period()
    problem = only(check(text), "R001")
    assert problem.field == "beslutsförslag[0]" and problem.severity == "fel"
    assert (problem.line, problem.column) == (
        line_of(text, POINT),
        text.splitlines()[line_of(text, POINT) - 1].index("2024-01-01") + 1,
    )
    assert "från och med 2024-01-01 till och med 2026-12-31 stämmer inte" in problem.message
    assert "ärendets period, från och med 2025-01-01 till och med 2027-12-31" in problem.message
    assert "{period}" in problem.message


def test_old_dates_written_with_non_breaking_hyphens_are_found_too():
    nb_point = POINT.replace("-", "\u2011")
    text = changed(POINT, nb_point, moved_period())
    problem = only(check(text), "R001")
    assert "från och med 2024-01-01 till och med 2026-12-31 stämmer inte" in problem.message
    assert "ärendets period, från och med 2025-01-01 till och med 2027-12-31" in problem.message
    line = line_of(text, nb_point)
    assert (problem.line, problem.column) == (line, text.splitlines()[line - 1].index("2024") + 1)


def test_a_single_stale_date_with_a_non_breaking_hyphen_is_named_in_iso_form():
    text = changed(POINT, "för tre år från och med 2024\u201101\u201101.", moved_period())
    problem = only(check(text), "R001")
    assert "datumet 2024\u201101\u201101 är inte periodens första dag" in problem.message
    assert ", 2025-01-01." in problem.message


@pytest.mark.parametrize("written", ["30 juni 2025", "2025-06-30"])
def test_a_reviewed_date_in_a_decision_point_is_accepted(written):
    deadline = "Förvaltningen återrapporterar till nämnden senast den 30 juni 2025."
    text = changed(POINT, f"{POINT[:-1]}. {deadline}")
    problem = only(check(text), "R001")
    assert "30 juni 2025" in problem.message and "undantag.datum" in problem.message
    text += (
        f"\nundantag:\n  datum:\n    - text: {written}\n"
        "      motivering: Sista dag för återrapporteringen.\n      granskad_av: Elin Nordqvist\n"
    )
    assert codes(text, "R001") == []
    other = changed("senast den 30 juni 2025", "senast den 1 juli 2025", text)
    assert codes(other, "R001") == ["R001"]  # only the reviewed day is accepted


def test_a_decision_point_written_with_placeholders_follows_the_period():
    text = changed(POINT, "för {längd} {period}.", moved_period())
    assert codes(text, "R001", "R006") == []


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("till och med 2026-12-31.", "till och med 2026-12-31, med start 2023-01-01.",
         "datumet 2023-01-01 är inte periodens första dag (period.från), 2024-01-01"),
        ("till och med 2026-12-31.", "till och med 2026-12-31. Den upphör efter den 31 december 2025.",
         "datumet 31 december 2025 är inte periodens sista dag (period.till), 31 december 2026"),
        ("till och med 2026-12-31.", "till och med 2026-12-31, senast 2025-03-14.",
         "datumet 2025-03-14 är inget av ärendets datum"),
        ("till och med 2026-12-31.", "till och med 2026-12-31, senast 2025-02-30.",
         "datumet 2025-02-30 finns inte i kalendern"),
    ],
)  # fmt: skip
def test_a_stray_date_in_a_decision_point_is_named_with_the_right_one(old, new, words):
    problem = only(check(changed(old, new)), "R001")
    assert words in problem.message


@pytest.mark.parametrize(
    "extra",
    [
        "Beslutet gäller från sammanträdet 2023-09-20.",  # sammanträde
        "Tjänsteskrivelsen är daterad 30 augusti 2023.",  # datum
        "Den nuvarande överenskommelsen gäller till och med 2023-12-31.",  # the day before
    ],
)
def test_the_dates_the_case_knows_may_stand_in_a_decision_point(extra):
    assert codes(changed(POINT, f"{POINT} {extra}"), "R001") == []


def test_an_endings_decision_point_is_checked_against_its_end_date():
    text = changed("efter den 30 juni 2025.", "efter den 30 juni 2024.", ENDING)
    problem = only(check(text), "R001")
    assert "avslutsdatumet (avslut.datum), 30 juni 2025" in problem.message
    assert "{slutdatum}" in problem.message


# --- R002: periods in other texts ---------------------------------------------------


@pytest.mark.parametrize(
    ("period", "found"),
    [
        ("från och med 2023-01-01 till och med 2025-12-31", True),  # overlaps, not the case's
        ("2024-01-01 – 2026-12-31", False),  # the case's own
        ("från och med 2021-01-01 till och med 2023-12-31", False),  # the one before
        ("2015-01-01 – 2017-12-31", False),  # history
    ],
)
def test_a_period_in_another_text_must_be_one_of_the_cases_if_it_touches_it(period, found):
    text = changed(BACKGROUND, f"    Överenskommelsen gällde {period}.")
    problems = [p for p in check(text) if p.code == "R002"]
    assert bool(problems) is found
    if found:
        assert problems[0].field == "bakgrund.text" and "{period}" in problems[0].message


# --- R003: the value year -------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "words"),
    [
        (2021, "värdeåret 2021 passar inte perioden som börjar 2024-01-01"),
        (2025, "Skriv värdeår: 2023 (året före starten) eller 2024"),
        (2023, None),
        (2024, None),
    ],
)
def test_the_value_year_is_the_year_before_the_start_or_its_first(year, words):
    problems = [
        p for p in check(changed("  värdeår: 2023", f"  värdeår: {year}")) if p.code == "R003"
    ]
    if words is None:
        assert problems == []
    else:
        [problem] = problems
        assert problem.severity == "varning" and words in problem.message


# --- R004, R005: amounts --------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Ersättningen är 792 638 kr per år",
        "Ersättningen är 0,8 mnkr per år",
        "IOGT-NTO får 339 690 kronor",
        "Verksamheterna kostar 2,8 mnkr",
        "Parterna står själva för 1 962 362 kr",
        "Under perioden betalar kommunen 2 377 914 kr",  # three years
        "Pingstförsamlingens lokaler kostar 330 tkr",
        "Differensen är 0 kr",
        "Kostnaden är cirka 900 000 kr",  # approximate: not compared
        "Ersättningen är ７９２ ６３８ kr per år",  # full-width digits
        "Ersättningen är 792\u2009638\u00a0kr per år",  # thin and no-break space
    ],
)
def test_an_amount_the_case_states_or_derives_is_quiet(sentence):
    assert codes(changed(ECONOMY, f"  nivå. {sentence}."), "R004", "R005") == []


def test_an_amount_that_matches_nothing_is_a_warning_at_the_amount():
    text = changed(ECONOMY, "  nivå. Kostnaden är 450 000 kr per år.")
    problem = only(check(text), "R004")
    assert problem.severity == "varning" and problem.field == "ekonomiska_konsekvenser"
    assert "'450 000 kr' är inget av ärendets belopp" in problem.message
    line = line_of(text, "450 000 kr")
    assert (problem.line, problem.column) == (line, text.splitlines()[line - 1].index("450") + 1)


def test_a_reviewed_amount_is_accepted():
    text = changed(ECONOMY, "  nivå. Nämndens anslag är 3,2 mnkr.")
    text += (
        "\nundantag:\n  belopp:\n    - text: 3,2 mnkr\n"
        "      motivering: Nämndens hela anslag.\n      granskad_av: Elin Nordqvist\n"
    )
    assert codes(text, "R004") == []


@pytest.mark.parametrize(
    ("amount", "hint"),
    [
        ("1 850 000 mnkr/år", "Kontrollera enheten"),
        ("792 638 mnkr", "Menade du 792\u00a0638 kr?"),
        ("792 638 tkr", None),  # 792 mnkr: large but possible
    ],
)
def test_an_amount_in_an_implausible_unit_is_an_error(amount, hint):
    problems = [
        p for p in check(changed(ECONOMY, f"  nivå. Kostnaden är {amount}.")) if p.code == "R005"
    ]
    if hint is None:
        assert problems == []
    else:
        [problem] = problems
        assert problem.severity == "fel" and "orimligt för en nämnd" in problem.message
        assert hint in problem.message


def test_an_amount_of_thousands_of_digits_is_refused_in_a_short_message():
    digits = "1" * 20000
    problem = only(check(changed(ECONOMY, f"  nivå. Kostnaden är {digits} kr.")), "R005")
    assert "'11111111111111111111…111111111 kr' är ett orimligt stort belopp" in problem.message
    assert len(problem.message) < 300


def test_an_amount_with_hundreds_of_decimals_is_quoted_shortly():
    amount = "450 000," + "0" * 500 + " kr"
    problem = only(check(changed(ECONOMY, f"  nivå. Kostnaden är {amount}.")), "R004")
    assert "'450 000,000000000000…000000000 kr' är inget av" in problem.message


def test_the_first_of_many_equal_amounts_are_placed_at_their_lines_and_the_rest_counted():
    lines = "".join(f"  Rad {i}: 450 000 kr.\n" for i in range(300))
    text = changed(ECONOMY + "\n", ECONOMY + "\n" + lines)
    found = [p for p in check(text) if p.code == "R004"]
    first = line_of(text, "Rad 0:")
    shown = [(first + i, len(f"  Rad {i}: ") + 1) for i in range(MOST_PER_TEXT)]
    assert [(p.line, p.column) for p in found] == [*shown, shown[-1]]
    assert found[-1].message == "… och 280 till av samma slag i samma text."
    assert found[-1].severity == "varning" and found[-1].field == "ekonomiska_konsekvenser"


# Each common way of writing an amount that is none of the example's (450 000 kr),
# and the same way of writing one of its amounts (792 638 kr, 2 755 000 kr).
FORMS = [
    ("450 000:-", "792 638:-"),
    ("450 000 :–", "792 638 :–"),
    ("450.000 kr", "792.638 kr"),
    ("450.000:-", "792.638:-"),
    ("450 000 SEK", "792 638 SEK"),
    ("450 tkr", "793 tkr"),
    ("0,55 mnkr", "0,79 mnkr"),
    ("450\u00a0000\u202fkronor", "792\u00a0638\u2009kronor"),
    ("2.555 mnkr", "2.755 mnkr"),  # a dot that may be a decimal point: read both ways
]


@pytest.mark.parametrize(("wrong", "right"), FORMS)
def test_an_amount_in_each_common_form_is_compared_with_the_case(wrong, right):
    assert codes(changed(ECONOMY, f"  nivå. Kostnaden är {right} per år."), "R004", "R005") == []
    text = changed(ECONOMY, f"  nivå. Kostnaden är {wrong} per år.")
    problem = only(check(text), "R004")
    assert problem.field == "ekonomiska_konsekvenser" and problem.severity == "varning"
    assert f"'{wrong}' är inget av ärendets belopp" in problem.message
    line = line_of(text, wrong)
    assert (problem.line, problem.column) == (line, text.splitlines()[line - 1].index(wrong) + 1)


def test_an_unknown_amount_with_a_dot_that_reads_two_ways_says_how_to_write_it():
    problem = only(check(changed(ECONOMY, "  nivå. Kostnaden är 2.555 mnkr.")), "R004")
    assert "Punkten kan läsas både som tusentalsavgränsare och som decimaltecken" in problem.message
    problem = only(check(changed(ECONOMY, "  nivå. Kostnaden är 450.000 kr.")), "R004")
    assert "Punkten" not in problem.message  # with kr the dot is a thousands separator


def test_a_dot_that_makes_an_amount_implausible_only_one_way_is_no_error():
    assert codes(changed(ECONOMY, "  nivå. Kostnaden är 2.755 mnkr."), "R005") == []
    problem = only(check(changed(ECONOMY, "  nivå. Kostnaden är 1.850.000 mnkr.")), "R005")
    assert "'1.850.000 mnkr' är omkring 1\u00a0850 miljarder kronor" in problem.message


def test_numbers_that_are_no_amounts_raise_no_alarm():
    sentence = (
        "  nivå. Enligt beslut 2023-08-30 (dnr SON 2024-0873, SON:2019–1251) och "
        "avsnitt 4.2 i planen för 2024/2025 står 75% av en heltid, 4,6 % och 3.5 %.\n"
        "  Föreningen har org. nr 802506–5742, tel. 013-20 60 00, och SFS 2018:1937 gäller.\n"
        "  Punkterna 1.000, 2.000 och 3.000 i listan; kl. 13:30-15:00 den 30.6.2025."
    )
    assert codes(changed(ECONOMY, sentence), "R004", "R005") == []


def test_a_huge_hostile_text_gives_a_bounded_number_of_findings():
    forms = ["450 000:-", "450.000 kr", "1 850 000 mnkr", "450 TSEK", "0,55 mnkr", "12 kr"]
    amounts = " ".join(f"Rad {i}: {forms[i % len(forms)]}." for i in range(30_000))
    text = changed(ECONOMY, f"  nivå. {amounts}")
    found = [p for p in check(text) if p.code in ("R004", "R005")]
    assert len(text) > 600_000
    assert len(found) == 2 * (MOST_PER_TEXT + 1)  # 20 of each code, and one line each
    [errors, warnings] = [[p for p in found if p.code == c] for c in ("R005", "R004")]
    assert errors[-1].message == "… och 4\u00a0980 till av samma slag i samma text."
    assert warnings[-1].message == "… och 24\u00a0980 till av samma slag i samma text."


# --- R006: placeholders ---------------------------------------------------------------


def test_an_unknown_placeholder_is_an_error_at_its_place():
    text = changed(POINT, "för {längd} {perioden}.")
    problem = only(check(text), "R006")
    assert "Menade du {period}?" in problem.message
    line = line_of(text, "{perioden}")
    assert problem.column == text.splitlines()[line - 1].index("{perioden}") + 1


def test_the_end_date_placeholder_needs_an_ending():
    assert codes(changed(POINT, "till och med {slutdatum}."), "R006") == ["R006"]
    assert codes(changed("30 juni 2025.", "{slutdatum}.", ENDING), "R006", "R001") == []


# --- N001: a name form a reviewer accepted -------------------------------------------


def test_an_accepted_name_form_is_quiet_everywhere():
    text = changed("**IOGT-NTO** driver", "**IGT-NTO** driver")
    assert codes(text, "N001") == ["N001"]
    text += (
        "\nundantag:\n  namnformer:\n    - text: IGT-NTO\n"
        "      motivering: Så skriver föreningen själv.\n      granskad_av: Elin Nordqvist\n"
    )
    assert codes(text, "N001") == []


@pytest.mark.parametrize("wrapped", ["450\n  000 kr", "450 000\n  kr", "0,55\n  mnkr"])
def test_an_amount_wrapped_over_two_lines_of_a_literal_text_is_compared_whole(wrapped):
    text = changed(ECONOMY, f"  nivå. Kostnaden är {wrapped} per år.")
    problem = only(check(text), "R004")
    quoted = wrapped.replace("\n  ", " ")  # quoted on one line
    assert f"'{quoted}' är inget av ärendets belopp" in problem.message
    assert problem.line == line_of(text, "Kostnaden är")


@pytest.mark.parametrize("written", ["1.000 000 kr", "1000 000 kr", "2 5000 000 kr"])
def test_a_misgrouped_amount_is_never_taken_for_zero_kronor(written):
    text = changed(ECONOMY, f"  nivå. Kostnaden är {written} per år.")
    problem = only(check(text), "R004")
    assert "000 kr' är inget av ärendets belopp" in problem.message
    line = line_of(text, written)
    assert problem.line == line


def test_an_error_behind_many_warnings_in_the_same_text_is_still_shown():
    warnings = "Kostnaden är 450 000 kr. " * (MOST_PER_TEXT + 5)
    text = changed(ECONOMY, f"  nivå. {warnings}Och 1 850 000 mnkr.")
    problems = check(text)
    [error] = [p for p in problems if p.code == "R005"]
    assert error.severity == "fel" and "'1 850 000 mnkr'" in error.message
    assert [p for p in problems if p.code == "R004"][-1].message == (
        "… och 5 till av samma slag i samma text."
    )
