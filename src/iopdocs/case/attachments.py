"""Papers listed beside the generated ones: a case's bilagor and a meeting item's handlingar.

Each has a title, written exactly as the nämnd knows the paper, a date in
the form it is known by (a day, a month and year such as "februari 2020",
or none) and, if the paper is sent with the meeting, a file: a PDF or a
Word document, named relative to the file that lists it.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from datetime import date
from pathlib import Path, PurePath
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, WithJsonSchema

from iopdocs.case.values import Strict, Text

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip
SUFFIXES = (".pdf", ".docx")
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_YEAR_RE = re.compile(r"^(?P<month>\S+)\s+(?P<year>\d{4})$")
_YEAR_MONTH_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")
_DRIVE_RE = re.compile(r"^[A-Za-z]:")


class MonthYear(BaseModel):
    """A month of a year, as a paper is often known: 'februari 2020'."""

    model_config = ConfigDict(frozen=True)

    year: int
    month: int

    def __str__(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.year}"


def _paper_date(value: Any) -> Any:
    """Accept a day (ÅÅÅÅ-MM-DD) or a month and year ('februari 2020', '2020-02')."""
    if isinstance(value, date | MonthYear):
        return value
    if isinstance(value, dict) and set(value) == {"year", "month"}:
        return MonthYear(**value)  # a dumped model read back
    text = " ".join(str(value).split())
    if _DAY_RE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{value}' är inget giltigt datum i kalendern") from None
    found = _YEAR_MONTH_RE.match(text)
    if found and 1 <= int(found["month"]) <= 12:
        return MonthYear(year=int(found["year"]), month=int(found["month"]))
    found = _MONTH_YEAR_RE.match(text)
    if found and found["month"].lower() in MONTHS:
        return MonthYear(year=int(found["year"]), month=MONTHS.index(found["month"].lower()) + 1)
    raise ValueError(_date_hint(value, found["month"] if found else None))


def _date_hint(value: Any, month: str | None) -> str:
    """Return why a paper's date was not understood, suggesting the month meant."""
    close = difflib.get_close_matches(month.lower(), MONTHS, n=1) if month else []
    meant = f" Menade du '{close[0]}'?" if close else ""
    return (
        f"'{value}' är inget datum.{meant} Skriv ÅÅÅÅ-MM-DD, månad och år "
        "(t.ex. februari 2020), eller ta bort raden"
    )


PaperDate = Annotated[
    date | MonthYear,
    BeforeValidator(_paper_date),
    WithJsonSchema({"type": "string", "examples": ["2024-09-30", "februari 2020"]}),
]
"""A paper's date: a day, or a month and year; printed ISO or 'februari 2020'."""


def _relative_file(value: str) -> str:
    """Accept a relative path to a PDF or a Word document (.docx)."""
    if PurePath(value).is_absolute() or value.startswith(("~", "\\")) or _DRIVE_RE.match(value):
        raise ValueError(
            f"'{value}' är en fullständig sökväg. Skriv sökvägen räknat från den här filens "
            "mapp, t.ex. bilagor/verksamhetsplan.pdf"
        )
    if ".." in PurePath(value.replace("\\", "/")).parts:
        raise ValueError(
            f"'{value}' pekar ut ur mappen med '..'. Lägg filen i den här filens mapp eller i en "
            "mapp under den, t.ex. bilagor/"
        )
    if PurePath(value).suffix.lower() not in SUFFIXES:
        raise ValueError(
            f"'{value}' är varken en PDF eller ett Word-dokument (.docx). Spara handlingen som "
            "PDF eller .docx"
        )
    return value


AttachmentFile = Annotated[Text, AfterValidator(_relative_file)]
"""A file sent with the meeting: a PDF or .docx, relative to the file that names it."""


class Attachment(Strict):
    """A paper listed beside the generated ones, and its file if it is sent."""

    titel: Text
    datum: PaperDate | None = None
    fil: AttachmentFile | None = None


# --- the files ---------------------------------------------------------------------

PDF_MAGIC = b"%PDF-"


def resolve(named_in: str | PurePath, fil: str) -> Path:
    """Return the path of an attachment's file: `fil` relative to the file that names it."""
    return Path(named_in).parent / fil


def sendable(named_in: str | PurePath, fil: str) -> tuple[Path, str | None]:
    """Return an attachment's path and why it cannot be sent (None when it can).

    The file must lie in the folder of the file that names it, or below it.
    """
    path = resolve(named_in, fil)
    return path, file_problem(path, Path(named_in).parent)


def file_problem(path: Path, within: Path | None = None) -> str | None:
    """Return why an attachment's file cannot be sent, or None when it is a PDF or a .docx.

    With `within`, a file that lies outside that folder once links are
    followed (a symbolic link to elsewhere) cannot be sent either.
    """
    if within is not None and not path.resolve().is_relative_to(within.resolve()):
        return (
            f"{path} leder till {path.resolve()}, utanför mappen {within}. Kopiera filen till "
            "mappen i stället för att länka till den"
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(len(PDF_MAGIC))
    except IsADirectoryError:
        return f"{path} är en mapp, inte en fil. Skriv filens namn"
    except FileNotFoundError:
        return f"filen {path} finns inte. Kontrollera namnet och mappen"
    except OSError as exc:
        return f"filen {path} kan inte läsas ({exc.strerror}). Kontrollera behörigheten"
    if path.suffix.lower() == ".pdf":
        return None if head == PDF_MAGIC else f"{path} är ingen PDF. Spara den som PDF igen"
    return None if _is_docx(path) else f"{path} är inget Word-dokument (.docx). Spara om det"


def _is_docx(path: Path) -> bool:
    """Return whether a file is a zip holding a Word document's main part."""
    try:
        with zipfile.ZipFile(path) as package:
            return "word/document.xml" in package.namelist()
    except (OSError, zipfile.BadZipFile):
        return False
