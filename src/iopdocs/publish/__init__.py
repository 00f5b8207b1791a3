"""Output formats beside .docx, and the checks of what is published.

`FORMATS` is the registry of publishers, by the name a user asks for them;
`chosen` returns the ones a build should run, `chosen_for` those the
command line's options and the settings ask for. The build knows them only
through `iopdocs.build.publishing.Publisher`; the modules that make them
are imported only when a format is chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from iopdocs.build.publishing import Publisher
from iopdocs.case.load import load_yaml
from iopdocs.errors import CaseError


def _pdf(pdf_a: bool = False) -> Publisher:
    """Return the PDF publisher (LibreOffice), as PDF/A-2b when asked."""
    from iopdocs.publish.pdfpublisher import PdfPublisher

    return PdfPublisher(pdf_a=pdf_a)


FORMATS: dict[str, Callable[..., Publisher]] = {"pdf": _pdf}
"""Every output format beside .docx, by its name; each makes its publisher from the options."""


def chosen(names: Iterable[str], **options: bool) -> list[Publisher]:
    """Return the publishers of the formats named, in the registry's order."""
    wanted = set(names)
    return [make(**options) for name, make in FORMATS.items() if name in wanted]


def chosen_for(settings_file: Path, *, pdf: bool = False, pdf_a: bool = False) -> list[Publisher]:
    """Return the publishers asked for by --pdf/--pdfa or by the settings' `pdf:` (ja, pdfa)."""
    setting = pdf_setting(settings_file)
    pdf_a = pdf_a or setting == "pdfa"
    return chosen(["pdf"], pdf_a=pdf_a) if pdf or pdf_a or setting == "ja" else []


def pdf_setting(settings_file: Path) -> str:
    """Return the settings' `pdf:` choice ("nej", "ja" or "pdfa") without loading the schema.

    The full settings are validated when the cases are built; this only
    decides, cheaply, whether a plain `iopdocs build` also makes PDFs.
    """
    try:
        data = load_yaml(settings_file).data
    except CaseError:
        return "nej"
    value = data.get("pdf") if isinstance(data, dict) else None
    return value if value in ("ja", "pdfa") else "nej"
