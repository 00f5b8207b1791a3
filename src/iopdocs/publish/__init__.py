"""Output formats beside .docx, and the checks of what is published.

`FORMATS` is the registry of publishers, by the name a user asks for them;
`chosen` returns the ones a build should run. The build knows them only
through `iopdocs.build.publishing.Publisher`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from iopdocs.build.publishing import Publisher


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
