"""Page images for the preview: the PDF's pages, with its header '1 (N)', as PNG."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import build_in
from PIL import Image
from pypdf import PdfReader

from iopdocs.publish import warm
from iopdocs.publish.pages import Pages, PreviewPublisher, page_count
from iopdocs.publish.warm import WarmOffice

pytestmark = pytest.mark.skipif(
    bool(warm.missing()), reason=f"ingen LibreOffice med Python-brygga: {warm.missing()}"
)


@pytest.fixture(scope="module")
def publisher():
    """Return a preview publisher on one running LibreOffice."""
    with WarmOffice() as office:
        yield PreviewPublisher(office)


@pytest.fixture
def memo(project_dir: Path) -> Path:
    """Return the built tjänsteskrivelse of the IOGT-NTO example."""
    case = project_dir / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"
    assert build_in(project_dir, str(case)).exit_code == 0
    return project_dir / "output" / case.stem / "tjansteskrivelse.docx"


def test_pages_are_the_pdf_pages_with_the_header_numbers(publisher, memo):
    pages = publisher.pages(memo)
    reader = PdfReader(io.BytesIO(pages.pdf))
    assert pages.count == len(reader.pages) == 3
    for number, page in enumerate(reader.pages, start=1):
        assert f"{number} (3)" in page.extract_text()
    image = Image.open(io.BytesIO(pages.image(2)))
    assert image.format == "PNG"
    assert image.size[0] == round(595.3 * 1.5) or abs(image.size[0] - 893) <= 1


def test_a_page_outside_the_document_does_not_exist(publisher, memo):
    pages = publisher.pages(memo)
    with pytest.raises(IndexError):
        pages.image(0)
    with pytest.raises(IndexError):
        pages.image(pages.count + 1)


def test_make_gives_page_one_and_one_failure_does_not_stop_the_others(publisher, memo, tmp_path):
    broken = tmp_path / "trasig.docx"
    broken.write_bytes(b"PK\x03\x04 inte ett dokument")
    made = publisher.make([broken, memo], jobs=1)
    assert not made[0].ok and "Word-dokument" in made[0].error
    assert made[1].ok and made[1].data[:8] == b"\x89PNG\r\n\x1a\n"


def test_page_count_of_a_pdf(publisher, memo):
    assert page_count(publisher.pages(memo).pdf) == 3
    assert isinstance(publisher.pages(memo), Pages)
