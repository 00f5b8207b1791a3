"""Page images of documents, for the workbench's preview: the PDF the build makes, page by page.

`PreviewPublisher` is a publisher like the PDF one: it makes, from a built
.docx, the image of its first page (`make`), and the whole document as
pages (`pages`): the PDF from the running LibreOffice (`WarmOffice`, the
same bytes as `iopdocs build --pdf`), rasterised with PDFium (pypdfium2) in
this process. Page breaks and the header "1 (N)" are exactly the PDF's.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from iopdocs.build.publishing import Made, Paper, Section
from iopdocs.publish.warm import WarmOffice, WarmOfficeError

# 1.5 × 72 dpi = 108 dpi: an A4 page 893 px wide, sharp at the preview's size.
DEFAULT_SCALE = 1.5
# PDFium is not thread-safe: one rasterisation at a time in this process.
_PDFIUM = threading.Lock()


@dataclass
class Pages:
    """A document's PDF and its page images, drawn when first asked for."""

    pdf: bytes
    count: int
    scale: float = DEFAULT_SCALE
    _images: dict[int, bytes] = field(default_factory=dict)

    def image(self, number: int) -> bytes:
        """Return page `number` (from 1) as PNG; raise IndexError for a page that does not exist."""
        if not 1 <= number <= self.count:
            raise IndexError(number)
        if number not in self._images:
            self._images[number] = render_page(self.pdf, number, self.scale)
        return self._images[number]


def page_count(pdf: bytes) -> int:
    """Return the number of pages of a PDF."""
    import pypdfium2

    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def render_page(pdf: bytes, number: int, scale: float = DEFAULT_SCALE) -> bytes:
    """Return one page (from 1) of a PDF as PNG bytes."""
    import pypdfium2

    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            image = document[number - 1].render(scale=scale).to_pil()
        finally:
            document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


class PreviewPublisher:
    """Page images from a running LibreOffice: page 1 beside a document, or every page."""

    name = "sidbild"
    suffix = ".png"
    label = "sidbild"

    def __init__(self, office: WarmOffice, scale: float = DEFAULT_SCALE) -> None:
        self.office = office
        self.scale = scale

    def inputs(self) -> dict[str, str]:
        """Return what a page image depends on beside its document."""
        from iopdocs.publish.pdfpublisher import libreoffice_version

        return {"libreoffice": libreoffice_version(), "skala": f"{self.scale:g}"}

    def pages(self, source: Path) -> Pages:
        """Return a document's PDF and pages; raise WarmOfficeError with a Swedish message."""
        pdf = self.office.convert(source)
        return Pages(pdf, page_count(pdf), self.scale)

    def make(self, sources: Sequence[Path], jobs: int) -> list[Made]:
        """Return the first page of each document as PNG; one failure never stops the others."""
        made = []
        for source in sources:
            try:
                made.append(Made(source, self.pages(source).image(1)))
            except WarmOfficeError as exc:
                made.append(Made(source, error=str(exc)))
        return made

    def attach(self, sources: Sequence[Path], jobs: int) -> None:
        """Return None: page images take no attached files."""
        return None

    def combine(self, first: Paper, sections: Sequence[Section], title: str) -> bytes | None:
        """Return None: page images of a meeting are not one file."""
        return None
