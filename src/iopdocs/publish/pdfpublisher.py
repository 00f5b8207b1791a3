"""PDF as a publisher: every built document as an accessible PDF, in one LibreOffice batch.

The outdated documents of a build are converted together (one converter
per core when there is work for several, each with its own profile). A PDF
is outdated when its document, the LibreOffice version or the PDF/A choice
changed. A meeting's papers become one bookmarked, tagged handlingar.pdf.
"""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from iopdocs.build.publishing import Made, Paper, Section
from iopdocs.publish import meetingpdf, pdf

# Below this many documents one LibreOffice process is faster than starting two.
PER_CONVERTER = 8


@functools.lru_cache(maxsize=1)
def libreoffice_version() -> str:
    """Return LibreOffice's version line: PDFs depend on it as much as on the document."""
    try:
        out = subprocess.run(["soffice", "--version"], capture_output=True, text=True, timeout=60)
        return out.stdout.strip() or "okänd"
    except (OSError, subprocess.TimeoutExpired):
        return "saknas"


class PdfPublisher:
    """Publishes documents as tagged PDF (or PDF/A-2b) through LibreOffice."""

    name = "pdf"
    suffix = ".pdf"
    label = "PDF"

    def __init__(self, pdf_a: bool = False) -> None:
        self.pdf_a = pdf_a

    def inputs(self) -> dict[str, str]:
        """Return what a PDF depends on beside its document: LibreOffice and the PDF/A choice."""
        return {"libreoffice": libreoffice_version(), "pdfa": str(self.pdf_a)}

    def make(self, sources: Sequence[Path], jobs: int) -> list[Made]:
        """Return one PDF (or a Swedish error) per document, converted in LibreOffice batches."""
        results = convert(list(sources), jobs, self.pdf_a)
        return [Made(r.source, r.data, r.error) for r in results]

    def attach(self, sources: Sequence[Path], jobs: int) -> list[Made]:
        """Return each attached file as PDF: a PDF checked as it is, a Word document converted."""
        words = [s for s in sources if s.suffix.lower() == ".docx"]
        converted = {m.source: m for m in self.make(words, jobs)} if words else {}
        return [converted.get(source) or _checked(source) for source in sources]

    def combine(self, first: Paper, sections: Sequence[Section], title: str) -> bytes:
        """Return the meeting's handlingar: one tagged PDF with a bookmark per item and paper."""
        return meetingpdf.merge(first, list(sections), title)


def convert(sources: list[Path], jobs: int, pdf_a: bool) -> list[pdf.PdfResult]:
    """Convert in as many LibreOffice batches as there are cores and work for them."""
    parts = max(1, min(jobs, len(sources) // PER_CONVERTER))
    slices = [sources[i::parts] for i in range(parts)]

    def run(batch: list[Path]) -> list[pdf.PdfResult]:
        with pdf.PdfConverter(pdf_a=pdf_a) as converter:
            return converter.convert(batch)

    with ThreadPoolExecutor(max_workers=parts) as pool:
        converted = list(pool.map(run, slices))
    by_source = {r.source: r for batch in converted for r in batch}
    return [by_source[s] for s in sources]


def _checked(source: Path) -> Made:
    """Return an attached PDF as it is, or why it cannot be merged."""
    data, error = meetingpdf.checked_attachment(source)
    return Made(source, data, error)
