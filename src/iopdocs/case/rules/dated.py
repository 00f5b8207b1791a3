"""Settings that change over time, against the case's date (G001)."""

from __future__ import annotations

from iopdocs.case.derive import Derived
from iopdocs.case.model import Case
from iopdocs.case.rules.checker import Checker
from iopdocs.case.settings import Settings


def check_dated_settings(
    checker: Checker, case: Case, settings: Settings, derived: Derived
) -> None:
    """G001 (warning): the case is older than every dated value of a setting."""
    for name, first in settings.earlier:
        key = Settings.model_fields[name].alias or name
        checker.add(
            ("datum",),
            "G001",
            f"inställningen '{key}' i iopdocs.yaml gäller från {first}, men ärendets datum "
            f"{case.datum} ligger före. Det äldsta värdet används. Lägg till värdet som gällde "
            "då, med 'gäller_från', om dokumenten ska visa det.",
        )
