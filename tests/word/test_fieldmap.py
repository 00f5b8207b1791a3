"""What an edited document changed, field by field, against the document as generated."""

from __future__ import annotations

import shutil

import pytest
from wordlike import WordDoc, built_project, libreoffice_round_trip

from iopdocs.word.fieldmap import compare
from iopdocs.word.markwriter import write
from iopdocs.word.readback import read_document

NEW = "iop-ny-tre-parter-2025-2027"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    return built_project(tmp_path_factory.mktemp("projekt"), NEW) / "output" / NEW


@pytest.fixture
def memo(output):
    return (output / "tjansteskrivelse.docx").read_bytes()


@pytest.fixture
def agreement(output):
    return (output / "iop-overenskommelse.docx").read_bytes()


def changes(base: bytes, edit) -> object:
    doc = WordDoc(base)
    edit(doc)
    return compare(read_document(base), read_document(doc.save()))


def test_an_untouched_document_has_no_changes(memo, agreement):
    for data in (memo, agreement):
        assert not compare(read_document(data), read_document(data)).changed


def test_a_reworded_paragraph_changes_its_text_field(memo):
    found = changes(memo, lambda d: d.retype("Kvinnor som har lämnat", "Kvinnor behöver stöd."))
    [block] = found.blocks
    assert block.tag == "case.arende" and not block.items
    assert write(list(block.paragraphs)).startswith("Kvinnor behöver stöd.\n\nStångåmissionen,")
    assert block.place == "under rubriken \u201dÄrende\u201d, stycke 1"
    assert not found.inline and not found.refusals


def test_a_new_bullet_a_bold_word_and_a_decision_point(memo, agreement):
    bullet = changes(agreement, lambda d: d.enter_after("Missionen samordnar", "En sommarvecka."))
    [block] = bullet.blocks
    assert block.tag == "case.parter[0].ansvarsomraden"
    assert write(list(block.paragraphs)).endswith("i nära relationer.\n- En sommarvecka.")

    bold = changes(
        memo, lambda d: d.mark("Kvinnojouren Fyrljuset och Stångåmissionen", "många", "b")
    )
    [block] = bold.blocks
    assert block.tag == "case.bakgrund.text"
    assert "möter **många** kvinnor" in write(list(block.paragraphs))

    point = changes(memo, lambda d: d.enter_after("Social- och omsorgsdirektören", "Ny punkt."))
    [block] = point.blocks
    assert (block.tag, block.items) == ("case.beslutsforslag", True)
    assert [p.text for p in block.paragraphs][1:] == [
        "Social- och omsorgsdirektören får i uppdrag att underteckna överenskommelsen.",
        "Ny punkt.",
    ]


def test_an_amount_in_a_table_is_refused_with_the_value_behind_it(memo):
    found = changes(memo, lambda d: d.retype_cell("415 000 kr", "425 000 kr"))
    assert not found.blocks and not found.inline
    [refusal] = found.refusals
    assert refusal.tags == ("d.fordelning[0].amount",)
    assert refusal.place == "under rubriken \u201dFördelning\u201d, tabellen, rad 2, kolumn 2"


def test_a_new_heading_is_refused_and_the_text_under_it_taken(memo):
    def edit(doc):
        doc.enter_after("Kommunen har en handlingsplan", "Ny rubrik", style="Heading2")
        doc.enter_after("Ny rubrik", "Text under rubriken.", style="Normal")

    found = changes(memo, edit)
    [refusal] = found.refusals
    assert refusal.what.startswith("en ny rubrik") and refusal.tags == ("case.bakgrund.text",)
    [block] = found.blocks
    assert "\n\nText under rubriken.\n\n" in write(list(block.paragraphs))


def test_a_value_inside_template_text_is_taken_and_the_template_text_refused(memo):
    found = changes(
        memo, lambda d: d.replace("Handläggare:", "Verksamhetsutvecklare", "Utvecklare")
    )
    [value] = found.inline
    assert (value.tag, value.old, value.new) == (
        "case.handlaggare.titel",
        "Verksamhetsutvecklare",
        "Utvecklare",
    )
    assert not found.refusals

    found = changes(memo, lambda d: d.replace("Handläggare:", "Handläggare:", "Ansvarig:"))
    assert not found.inline
    [refusal] = found.refusals
    assert refusal.what == "en ändring i mallens text"


def test_what_markup_cannot_hold_is_refused_and_the_paragraph_kept(agreement, memo):
    found = changes(agreement, lambda d: d.mark("Jouren informerar", "skolor", "color=FF0000"))
    assert not found.blocks
    [refusal] = found.refusals
    assert refusal.what == "en färg (FF0000)"
    assert refusal.tags == ("case.parter[1].ansvarsomraden",)

    found = changes(agreement, lambda d: d.insert_table_after("Kvinnor som bor i Linköping"))
    assert [r.what for r in found.refusals] == ["en tabell i texten"]

    found = changes(memo, lambda d: d.mark("Handläggare:", "Elin", "b"))
    assert [r.what for r in found.refusals] == [
        "formatering (fetstil, kursiv eller länk) i en rad med mallens text och värden"
    ]


def test_text_outside_every_field_and_removed_template_text_are_refused(memo):
    found = changes(memo, lambda d: d.enter_after("Bilaga 1:", "En egen rad i underlaget."))
    assert [r.what for r in found.refusals] == ["ny text utanför ärendets fält"]

    def remove_heading(doc):
        heading = doc.paragraph("Jämställdhet")
        heading.getparent().remove(heading)

    found = changes(memo, remove_heading)
    assert [r.what for r in found.refusals] == ["text ur mallen som har tagits bort"]


def test_a_removed_paragraph_leaves_its_field(memo):
    def remove(doc):
        paragraph = doc.paragraph(
            "Stångåmissionen, Kvinnojouren Fyrljuset och Kvarnbackens IK vill"
        )
        paragraph.getparent().remove(paragraph)

    [block] = changes(memo, remove).blocks
    assert block.tag == "case.arende" and len(block.paragraphs) == 1


def test_a_control_emptied_in_word_removes_its_text_not_adds_the_placeholder(memo):
    found = changes(memo, lambda d: d.empty_control("Stångåmissionen, Kvinnojouren Fyrljuset och"))
    [block] = found.blocks
    assert block.tag == "case.arende"
    assert [p.text[:20] for p in block.paragraphs] == ["Kvinnor som har lämn"]
    assert not found.refusals


def test_a_changed_page_header_is_refused_with_its_fields(memo):
    doc = WordDoc(memo)
    doc.parts["word/header1.xml"] = doc.parts["word/header1.xml"].replace(
        b"SON 2024-0873", b"SON 2024-9999"
    )
    found = compare(read_document(memo), read_document(doc.save()))
    [refusal] = found.refusals
    assert refusal.place == "sidhuvudet eller sidfoten"
    assert "case.diarienummer" in refusal.tags


@needs_soffice
def test_libreoffice_opening_and_saving_changes_nothing(output, tmp_path):
    documents = sorted(output.glob("*.docx"))
    saved = libreoffice_round_trip(documents, tmp_path / "lo", tmp_path / "profil")
    for original, copy in zip(documents, saved, strict=True):
        found = compare(read_document(original.read_bytes()), read_document(copy.read_bytes()))
        assert not found.changed, (copy.name, found)
