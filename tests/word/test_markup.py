"""The text markup becomes real Word paragraphs, never literal markup."""

from __future__ import annotations

import pytest
from lxml import etree

from iopdocs.word import markup

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WRAP = f'<w:body xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{{}}</w:body>'
STYLES = markup.Styles("ListBullet", "ListNumber", "Hyperlink", "1", "2", "7")


@pytest.fixture
def state():
    state = markup.RenderState(STYLES, next_num_id=1000)
    token = markup.CURRENT.set(state)
    yield state
    markup.CURRENT.reset(token)


def paragraphs(xml: str) -> list[tuple[str | None, str]]:
    """Return (style, text) of each paragraph in generated XML."""
    body = etree.fromstring(WRAP.format(xml))
    out = []
    for p in body.iter(f"{{{W}}}p"):
        style = p.find(f"{{{W}}}pPr/{{{W}}}pStyle")
        text = "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
        out.append((None if style is None else style.get(f"{{{W}}}val"), text))
    return out


def test_paragraphs_and_bullets(state):
    xml = markup.md("Ett stycke\nsom fortsätter.\n\nAndra stycket.\n\n- ett\n- två\n")
    assert paragraphs(xml) == [
        (None, "Ett stycke som fortsätter."),
        (None, "Andra stycket."),
        ("ListBullet", "ett"),
        ("ListBullet", "två"),
    ]


def test_numbered_lists_restart_each_time(state):
    xml = markup.md("1. a\n2. b\n\nText\n\n1. c\n")
    assert [p[0] for p in paragraphs(xml)] == ["ListNumber", "ListNumber", None, "ListNumber"]
    num_ids = etree.fromstring(WRAP.format(xml)).xpath("//w:numId/@w:val", namespaces={"w": W})
    assert num_ids == ["1000", "1000", "1001"]
    assert state.new_nums == [(1000, "7", 1), (1001, "7", 1)]


def test_bold_italic_and_link(state):
    xml = markup.md("**Fet** och *kursiv* med [länk](https://example.se/a?b=1&c=2).")
    body = etree.fromstring(WRAP.format(xml))
    ns = {"w": W}
    assert body.xpath("//w:r[w:rPr/w:b]/w:t/text()", namespaces=ns) == ["Fet"]
    assert body.xpath("//w:r[w:rPr/w:i]/w:t/text()", namespaces=ns) == ["kursiv"]
    assert body.xpath("//w:hyperlink//w:t/text()", namespaces=ns) == ["länk"]
    assert state.links == {"https://example.se/a?b=1&c=2": "rIdIopLink1"}
    assert "**" not in xml and "](" not in xml


@pytest.mark.parametrize("text", ["A & B <c> \"d\" 'e'", "Emoji 🎉 och ÅÄÖ", "{{ x }} {% if %}"])
def test_special_characters_survive(state, text):
    assert paragraphs(markup.md(text)) == [(None, text)]


def test_unsupported_markup_is_plain_text(state):
    assert paragraphs(markup.md("# Inte rubrik\n\n<b>html</b>")) == [
        (None, "# Inte rubrik"),
        (None, "<b>html</b>"),
    ]


def test_inline_runs_join_paragraphs(state):
    xml = markup.md_inline("Nämnden **beslutar** detta.")
    assert "<w:p>" not in xml
    assert paragraphs(f"<w:p>{xml}</w:p>") == [(None, "Nämnden beslutar detta.")]


def test_numbered_list_keeps_its_start_number(state):
    markup.md("3. tre\n4. fyra\n")
    assert state.new_nums == [(1000, "7", 3)]


def test_images_and_relative_links_stay_plain_text(state):
    xml = markup.md("![bild](https://example.se/a.png) och [sida](/intern)")
    assert paragraphs(xml) == [(None, "bild och sida")]
    assert "hyperlink" not in xml and "Hyperlink" not in xml
