"""The checks of a new case's answers, as they are typed: dates and the diarienummer.

Shared by the command line's dialogue (`iopdocs new`) and the workbench's
new-case form, so both accept and refuse the same answers with the same words.
"""

from __future__ import annotations

import re
from datetime import datetime

from iopdocs.case.settings import Settings, diarienummer_example


def day_problem(value: str) -> str | None:
    """Return what is wrong with a typed date, or None."""
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return f"'{value}' är inget datum. Skriv det som ÅÅÅÅ-MM-DD, till exempel 2026-01-01."
    return None


def diarienummer_problem(settings: Settings, value: str) -> str | None:
    """Return what is wrong with a diarienummer under the organisation's pattern, or None."""
    if re.fullmatch(settings.diarienummer_monster, value):
        return None
    example = diarienummer_example(settings)
    shown = f", som {example}" if example else " (se diarienummer_mönster i iopdocs.yaml)"
    return f"diarienumret följer inte kommunens mönster{shown}."
