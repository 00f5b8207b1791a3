"""PDF from the workbench's running LibreOffice: the PDF publisher without a start per build.

The same export options and normalisation as `PdfPublisher`, so the same
document gives the same PDF bytes, and the same `inputs`, so the command
line and the workbench agree on which PDFs are current.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from iopdocs.build.publishing import Made, Publisher
from iopdocs.publish import pdf_setting
from iopdocs.publish.pdfpublisher import PdfPublisher
from iopdocs.publish.warm import WarmOffice, WarmOfficeError


class WarmPdfPublisher(PdfPublisher):
    """Publishes documents as PDF through an already running LibreOffice."""

    def __init__(self, office: WarmOffice, pdf_a: bool = False) -> None:
        super().__init__(pdf_a)
        self.office = office

    def make(self, sources: Sequence[Path], jobs: int) -> list[Made]:
        """Convert one document after the other; one failure never stops the others."""
        made = []
        for source in sources:
            try:
                made.append(Made(source, self.office.convert(source, self.pdf_a)))
            except WarmOfficeError as exc:
                made.append(Made(source, error=str(exc)))
        return made


def pdf_publisher(office: WarmOffice | None, settings_file: Path) -> Publisher:
    """Return the PDF publisher for a project's settings: warm when LibreOffice runs."""
    pdf_a = pdf_setting(settings_file) == "pdfa"
    return WarmPdfPublisher(office, pdf_a) if office is not None else PdfPublisher(pdf_a)
