"""A .docx read back as markup: fields, formatting, what markup cannot hold, revisions."""

from __future__ import annotations

import pytest
from wordlike import WordDoc, built_project

from iopdocs.word.markwriter import write
from iopdocs.word.readback import read_document

NEW = "iop-ny-tre-parter-2025-2027"


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    return built_project(tmp_path_factory.mktemp("projekt"), NEW) / "output" / NEW


@pytest.fixture
def agreement(output):
    return (output / "iop-overenskommelse.docx").read_bytes()


def item(document, start: str):
    return next(i for i in document.items if i.text.startswith(start))


def test_fields_lists_links_and_emphasis_are_read(agreement):
    document = read_document(agreement)
    bullets = [i for i in document.items if i.tag == "case.parter[1].ansvarsomraden"]
    assert [i.para.levels for i in bullets] == [(False,)] * 4
    assert "[Kvinnofridslinjen](https://kvinnofridslinjen.se)" in write([b.para for b in bullets])
    steps = [
        i for i in document.items if i.tag == "case.overenskommelse.avstamning_och_uppfoljning"
    ]
    text = write([i.para for i in steps])
    assert "\n\n1. Varje part lämnar" in text and "\n3. Förvaltningen sammanfattar" in text
    assert text.endswith("kan kommunen **kräva tillbaka dem**.")


def test_values_in_template_text_are_spans(agreement):
    line = item(read_document(agreement), "Handläggare:")
    assert line.tag is None
    [span] = line.spans
    assert (line.text[span.start : span.end], span.tag) == (
        "Elin Nordqvist",
        "case.handlaggare.namn",
    )


def test_the_table_of_contents_and_headings_are_told_apart(agreement):
    document = read_document(agreement)
    kinds = {i.kind for i in document.items if i.text == "Värdegrund"}
    assert kinds == {"toc", "heading"}
    assert document.properties["iopdocs-dokument"] == "iop-overenskommelse.docx"
    assert document.furniture[0].startswith("Överenskommelse")


@pytest.mark.parametrize(
    ("formatting", "problem"),
    [
        (("color=C00000",), "en färg (C00000)"),
        (("highlight=yellow",), "en överstrykning (yellow)"),
        (("u=single",), "understrykning"),
        (("strike",), "genomstrykning"),
        (("vertAlign=superscript",), "upphöjd eller nedsänkt text"),
        (("sz=32",), "en annan teckenstorlek (16 pt)"),
        (("b", "i"), None),
    ],
)
def test_formatting_markup_cannot_hold_is_named(agreement, formatting, problem):
    doc = WordDoc(agreement)
    doc.mark("Jouren informerar", "skolor", *formatting)
    found = item(read_document(doc.save()), "Jouren informerar")
    assert found.problems == ((problem,) if problem else ())


def test_images_tabs_and_page_breaks_are_named(agreement):
    doc = WordDoc(agreement)
    paragraph = doc.paragraph("Jouren informerar")
    run = paragraph.find(".//{*}r")
    for tag in ("tab", "drawing"):
        run.append(run.makeelement(f"{{{run.nsmap['w']}}}{tag}"))
    found = item(read_document(doc.save()), "Jouren informerar")
    assert set(found.problems) == {"en tabb", "en bild"}


def test_tracked_changes_are_found(agreement):
    doc = WordDoc(agreement)
    doc.track_insertion("Jouren informerar", " Och i kyrkor.")
    assert read_document(doc.save()).revisions == ("Och i kyrkor.",)
