"""The short dialogue of `iopdocs new`: asks for what the options left out.

Part of the click layer: it prompts, checks each answer as it is typed
(organisation numbers, the diarienummer pattern) and returns the answers
for `iopdocs.authoring.drafting.new_case_text`.
"""

from __future__ import annotations

from datetime import date, datetime

import click

from iopdocs.authoring import answers
from iopdocs.authoring.drafting import NewCase, NewParty, default_end
from iopdocs.case.decisions import DECISIONS, Decision
from iopdocs.swedish.identifiers import orgnr_problem


def ask_new_case(kind, parties, org, *, start, end, last_day, diarienummer, day):
    """Return the new case's answers, asking for what the options left out."""
    kind = Decision(
        kind
        or click.prompt("Beslutstyp", type=click.Choice([d.value for d in Decision]), default="ny")
    )
    named = [_split_party(text) for text in parties] or _ask_party_names()
    chosen = tuple(NewParty(name, number or _ask_orgnr(name)) for name, number in named)
    ending = DECISIONS[kind].ending
    what = "i den period som gäller i dag" if ending else "i perioden"
    if start is None:  # ask for both ends; a given start alone means three years
        start = _ask_day(f"Första dagen {what}")
        end = end or _ask_day(f"Sista dagen {what}", default_end(start.date()).isoformat())
    start = start.date()
    end = end.date() if end else default_end(start)
    if ending and last_day is None:  # most often the period's own end: it is not renewed
        last_day = _ask_day("Sista dagen som överenskommelsen ska gälla", end.isoformat())
    number = diarienummer or _ask_until_valid("Diarienummer", _dnr_problem(org))
    today = day.date() if day else date.today()
    last = last_day.date() if last_day else None
    return NewCase(kind, chosen, start, end, number, today, last)


def _split_party(text: str) -> tuple[str, str | None]:
    """Return the name and organisation number of a '--part Namn=NNNNNN-NNNN' option."""
    name, _, number = text.partition("=")
    return name.strip(), number.strip() or None


def _ask_party_names() -> list[tuple[str, None]]:
    """Ask for the parties' names, separated by semicolons."""
    answer = click.prompt("Parternas namn, åtskilda med semikolon")
    return [(name.strip(), None) for name in answer.split(";") if name.strip()]


def _ask_orgnr(name: str) -> str:
    """Ask for a party's organisation number until its check digit is right."""

    return _ask_until_valid(f"Organisationsnummer för {name}", orgnr_problem)


def _dnr_problem(org):
    """Return a check that a diarienummer follows the organisation's pattern."""
    return lambda value: answers.diarienummer_problem(org, value)


def _ask_day(question: str, default: str | None = None) -> datetime:
    """Ask for a date written ÅÅÅÅ-MM-DD until one is given."""
    answer = _ask_until_valid(question, answers.day_problem, default)
    return datetime.strptime(answer, "%Y-%m-%d")


def _ask_until_valid(question: str, problem_of, default: str | None = None) -> str:
    """Ask until the answer has no problem; say what is wrong, in Swedish, each time."""
    while True:
        answer = click.prompt(question, default=default).strip()
        problem = problem_of(answer)
        if problem is None:
            return answer
        click.echo(f"Fel: {problem} Försök igen.", err=True)
