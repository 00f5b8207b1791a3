"""Domain rules a schema cannot express: sums, periods, identifiers, texts.

`RULES` is the one registry of the rules that run on every valid case; each
rule has stable codes, listed with their level and title in
`iopdocs.codes`. Rules add Problems to a `Checker`: an error stops the
case, a warning is shown and the documents are built.
"""

from __future__ import annotations

from iopdocs.case.derive import Derived, derive
from iopdocs.case.load import Loaded
from iopdocs.case.model import Case
from iopdocs.case.rules import (
    amounts,
    contradictions,
    dated,
    decision,
    drafts,
    identity,
    period,
    references,
    sums,
    texts,
)
from iopdocs.case.rules.checker import Checker, Rule
from iopdocs.case.settings import Settings
from iopdocs.errors import Problem, in_file_order

RULES: list[Rule] = [
    sums.check_totals,  # D001, D002
    period.check_period,  # P001, P002, P004
    period.check_decision_date,  # P003
    period.check_ending_notice,  # P005
    period.check_not_renewed_in_time,  # P006
    identity.check_orgnr,  # I001
    identity.check_personal_numbers,  # I002
    texts.check_xml_characters,  # X001
    identity.check_diarienummer,  # I003
    texts.check_party_names,  # N001
    drafts.check_placeholders,  # W001
    sums.check_rates,  # W002
    decision.check_decision,  # B001-B005
    dated.check_dated_settings,  # G001
    contradictions.check_decision_dates,  # R001
    contradictions.check_period_wording,  # R002
    contradictions.check_value_year,  # R003
    amounts.check_amounts,  # R004, R005
    contradictions.check_unknown_placeholders,  # R006
    references.check_goals,  # O001
    references.check_attachments,  # H001, H002
]


def check(
    loaded: Loaded, case: Case, settings: Settings, derived: Derived, source: str | None = None
) -> list[Problem]:
    """Return every domain problem of a case, errors and warnings.

    `source` is the case file's text; by default it is read from `loaded.file`.
    """
    checker = Checker(loaded, source)
    for rule in RULES:
        rule(checker, case, settings, derived)
    return in_file_order(checker.problems)


def derive_and_check(
    loaded: Loaded, case: Case, settings: Settings, source: str | None = None
) -> tuple[Derived, list[Problem]]:
    """Return the derived values of a case and every domain problem.

    `derive` cannot word a period that ends before it starts. Such a period is
    reported (P001) and the values are derived with its dates swapped, so that
    every other rule still runs and all problems are reported together.
    """
    settings = settings.on(case.datum)  # the values in force on the case's own date
    period = case.period
    if period.till < period.fran:
        swapped = period.model_copy(update={"fran": period.till, "till": period.fran})
        derived = derive(case.model_copy(update={"period": swapped}), settings)
    else:
        derived = derive(case, settings)
    return derived, check(loaded, case, settings, derived, source)
