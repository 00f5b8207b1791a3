"""The draft mark reaches every page of any template: headers it has, and pages without one."""

from __future__ import annotations

import io

import docx

from iopdocs.word import draft, ooxml


def marked(document: docx.document.Document) -> docx.document.Document:
    """Return the document with the draft mark, read back with python-docx."""
    buffer = io.BytesIO()
    document.save(buffer)
    package = ooxml.read_package(buffer.getvalue())
    parts = {**package.parts, **draft.mark(package.parts)}
    names = ooxml.member_order([*package.order, *(n for n in parts if n not in package.parts)])
    data = ooxml.write_package(names, parts)
    return docx.Document(io.BytesIO(data))


def header_texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.sections[0].header.paragraphs]


def test_an_existing_header_gets_the_mark_first():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Tjänsteskrivelse"
    assert header_texts(marked(document))[:2] == ["UTKAST", "Tjänsteskrivelse"]


def test_a_document_without_headers_gets_one_on_every_page():
    document = docx.Document()
    document.add_paragraph("Text")
    assert document.sections[0].header.is_linked_to_previous  # no header of its own
    result = marked(document)
    assert not result.sections[0].header.is_linked_to_previous
    assert header_texts(result) == ["UTKAST"]


def test_a_first_page_of_its_own_is_marked_too():
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Sidhuvud"
    section.different_first_page_header_footer = True  # first page: no header yet
    result = marked(document).sections[0]
    assert [p.text for p in result.first_page_header.paragraphs] == ["UTKAST"]
    assert [p.text for p in result.header.paragraphs][:2] == ["UTKAST", "Sidhuvud"]


def test_the_watermark_has_a_text_alternative():
    header = draft.mark_header(f'<w:hdr xmlns:w="{draft.W}"/>'.encode())
    assert 'alt="Vattenstämpel: UTKAST"'.encode() in header and b'string="UTKAST"' in header
