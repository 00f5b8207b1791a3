"""Laying out rendered parts: breaks, tabs, new paragraphs, page breaks, table grids."""

from __future__ import annotations

import pytest
from lxml import etree

from iopdocs.word import layout

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:wp="{WP}"><w:body>'
TAIL = "</w:body></w:document>"
PPR = '<w:pPr><w:pStyle w:val="Brodtext"/></w:pPr>'
RPR = "<w:rPr><w:b/></w:rPr>"


def paragraphs(xml: bytes) -> list[tuple[str | None, list[str]]]:
    """Return each body paragraph's style and its runs as text with [br], [tab], [sida]."""
    root = etree.fromstring(xml)
    out = []
    for p in root.iter(f"{{{W}}}p"):
        style = p.find(f"{{{W}}}pPr/{{{W}}}pStyle")
        runs = []
        for r in p.iter(f"{{{W}}}r"):
            text = ""
            for el in r:
                tag = etree.QName(el).localname
                if tag == "t":
                    text += el.text or ""
                elif tag == "br":
                    text += "[sida]" if el.get(f"{{{W}}}type") == "page" else "[br]"
                elif tag == "tab":
                    text += "[tab]"
            bold = r.find(f"{{{W}}}rPr/{{{W}}}b") is not None
            runs.append(f"*{text}*" if bold else text)
        out.append((style.get(f"{{{W}}}val") if style is not None else None, runs))
    return out


def test_a_part_without_special_characters_keeps_its_bytes():
    xml = HEAD + f"<w:p>{PPR}<w:r><w:t>Vanlig text</w:t></w:r></w:p>" + TAIL
    assert layout.finish(xml) == xml.encode("utf-8")


def test_newline_and_tab_become_break_and_tab_in_the_same_run():
    xml = HEAD + f"<w:p>{PPR}<w:r>{RPR}<w:t>rad ett\nrad två\tefter tabb</w:t></w:r></w:p>" + TAIL
    assert paragraphs(layout.finish(xml)) == [("Brodtext", ["*rad ett[br]rad två[tab]efter tabb*"])]


def test_bell_starts_a_new_paragraph_with_the_same_properties_and_the_rest_follows():
    body = (
        f"<w:p>{PPR}<w:r><w:t>före </w:t></w:r><w:r>{RPR}<w:t>ett\adet andra</w:t></w:r>"
        "<w:r><w:t> efter</w:t></w:r></w:p><w:p><w:r><w:t>nästa</w:t></w:r></w:p>"
    )
    assert paragraphs(layout.finish(HEAD + body + TAIL)) == [
        ("Brodtext", ["före ", "*ett*"]),
        ("Brodtext", ["*det andra*", " efter"]),
        (None, ["nästa"]),
    ]


def test_form_feed_puts_a_page_break_paragraph_between_the_pieces():
    xml = HEAD + f"<w:p>{PPR}<w:r><w:t>slut\fny sida</w:t></w:r></w:p>" + TAIL
    assert paragraphs(layout.finish(xml)) == [
        ("Brodtext", ["slut"]),
        (None, ["[sida]"]),
        ("Brodtext", ["ny sida"]),
    ]


def test_many_new_paragraphs_in_one_value_come_out_in_order():
    value = "\a".join(f"stycke {i}" for i in range(3000))
    runs = "".join(f"<w:r><w:t>r{i}</w:t></w:r>" for i in range(200))
    xml = HEAD + f"<w:p>{PPR}<w:r><w:t>{value}</w:t></w:r>{runs}</w:p>" + TAIL
    result = paragraphs(layout.finish(xml))
    assert [runs[0] for _, runs in result] == [f"stycke {i}" for i in range(3000)]
    assert result[-1][1][1:] == [f"r{i}" for i in range(200)]


def test_the_section_break_stays_with_the_last_piece():
    sect = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    xml = HEAD + f"<w:p><w:pPr>{sect}</w:pPr><w:r><w:t>a\ab</w:t></w:r></w:p>" + TAIL
    root = etree.fromstring(layout.finish(xml))
    has_section = [p.find(f"{{{W}}}pPr/{{{W}}}sectPr") is not None for p in root.iter(f"{{{W}}}p")]
    assert has_section == [False, True]


def test_a_split_inside_a_hyperlink_keeps_both_pieces_linked():
    link = (
        '<w:hyperlink xmlns:r="urn:r" r:id="rId9"><w:r><w:t>länk\adel två</w:t></w:r></w:hyperlink>'
    )
    root = etree.fromstring(layout.finish(HEAD + f"<w:p>{link}</w:p>" + TAIL))
    links = ["".join(link.itertext()) for link in root.iter(f"{{{W}}}hyperlink")]
    assert links == ["länk", "del två"]
    assert len(list(root.iter(f"{{{W}}}p"))) == 2


def test_text_that_looks_like_a_mark_is_only_text():
    xml = HEAD + "<w:p><w:r><w:t>&lt;?iopdocs-stycke?&gt; kvar</w:t></w:r></w:p>" + TAIL
    assert paragraphs(layout.finish(xml)) == [(None, ["<?iopdocs-stycke?> kvar"])]


def test_a_bell_in_an_attribute_is_not_xml():
    xml = HEAD + '<w:p><w:pPr><w:pStyle w:val="a\ab"/></w:pPr></w:p>' + TAIL
    with pytest.raises(etree.XMLSyntaxError):
        layout.finish(xml)


def grid(xml: bytes) -> list[int]:
    root = etree.fromstring(xml)
    return [int(c.get(f"{{{W}}}w")) for c in root.iter(f"{{{W}}}gridCol")]


def table(columns: list[int], cells_per_row: list[int], span: int = 0) -> str:
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in columns)
    span_pr = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span else ""
    rows = "".join(
        "<w:tr>" + span_pr + "".join("<w:tc><w:p/></w:tc>" for _ in range(n)) + "</w:tr>"
        for n in cells_per_row
    )
    return HEAD + f"<w:tbl><w:tblGrid>{cols}</w:tblGrid>{rows}</w:tbl>" + TAIL


def test_a_row_with_more_cells_gets_columns_keeping_the_table_width():
    assert grid(layout.finish(table([3000, 3000], [2, 4]))) == [1500, 1500, 1500, 1500]


def test_columns_no_row_reaches_are_dropped_and_their_width_shared():
    assert grid(layout.finish(table([2000, 2000, 2000], [2, 2]))) == [3000, 3000]


def test_a_matching_grid_is_left_alone():
    xml = table([2000, 2000], [2, 2])
    assert layout.finish(xml) == xml.encode("utf-8")


def test_repeated_drawing_ids_are_renumbered():
    drawing = (
        '<w:r><w:drawing><wp:inline><wp:docPr id="4" name="Bild"/></wp:inline></w:drawing></w:r>'
    )
    xml = HEAD + f"<w:p>{drawing}</w:p><w:p>{drawing}</w:p><w:p>{drawing}</w:p>" + TAIL
    ids = etree.fromstring(layout.finish(xml)).xpath("//wp:docPr/@id", namespaces={"wp": WP})
    assert ids == ["4", "5", "6"]


def test_a_mark_outside_any_text_element_keeps_the_text_after_it():
    xml = HEAD + "<w:p><w:r><w:instrText>PAGE\a rest</w:instrText></w:r></w:p>" + TAIL
    root = etree.fromstring(layout.finish(xml))
    assert "".join(root.itertext()).replace(" ", "") == "PAGErest"
    assert not list(root.iter(etree.PI))
