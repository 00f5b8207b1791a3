"""What a case refers to outside itself: the settings' goals (O001).

A goal chosen under `kommunala_mål.mål` must be one of the goals in the
settings in force for the case; a name that is not is an error that
suggests the goal most like it.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from iopdocs.case.attachments import Attachment, sendable
from iopdocs.case.derive import Derived, goal_key
from iopdocs.case.model import Case
from iopdocs.case.rules.checker import Checker
from iopdocs.case.settings import Settings


def check_goals(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """O001: every goal the case chooses is one of the settings' goals."""
    known = {goal_key(goal) for goal in settings.kommunala_mal}
    for index, name in enumerate(case.kommunala_mal.mal or []):
        if goal_key(name) not in known:
            message = unknown_goal_message(name, settings.kommunala_mal)
            checker.add(("kommunala_mål", "mål", index), "O001", message)


def unknown_goal_message(name: str, goals: list[str]) -> str:
    """Return the O001 message: the goal meant, or else every goal there is."""
    keys = {goal_key(goal): goal for goal in goals}
    close = difflib.get_close_matches(goal_key(name), list(keys), n=1, cutoff=0.6)
    hint = (
        f"Menade du '{keys[close[0]]}'?"
        if close
        else "Målen är: " + "; ".join(f"'{goal}'" for goal in goals) + "."
    )
    return (
        f"'{name}' finns inte bland kommunens mål i iopdocs.yaml. {hint} "
        "Skriv målet som det står i inställningarna."
    )


NOT_SENT = (
    "handlingen har ingen fil och skickas inte med till sammanträdet; föredragningslistan "
    "visar '(bifogas inte)'. Lägg till fil: med en PDF eller ett Word-dokument, räknat "
    "från den här filens mapp."
)


def check_attachments(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """H001 (warning) / H002: the case's bilagor have files that can be sent."""
    attachment_problems(checker, ("bilagor",), case.bilagor, checker.loaded.file)


def attachment_problems(
    checker: Checker, base: tuple, attachments: Sequence[Attachment], named_in: str | Path
) -> None:
    """Report H001 for each paper without a file and H002 for each file that cannot be sent."""
    for index, attachment in enumerate(attachments):
        if attachment.fil is None:
            checker.add((*base, index), "H001", NOT_SENT)
            continue
        _, problem = sendable(named_in, attachment.fil)
        if problem:
            checker.add((*base, index, "fil"), "H002", f"{problem}.")
