"""Template parts as Jinja source: which parts, and what Word's XML means inside a tag."""

from __future__ import annotations

import pytest

from iopdocs.word import source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def part(*paragraphs: str) -> bytes:
    body = "".join(f"<w:p>{p}</w:p>" for p in paragraphs)
    return f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'.encode()


def run(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


@pytest.mark.parametrize(
    "paragraph",
    [
        run("{{ x }}"),
        run("{% if x %}ja{% endif %}"),
        run("{# bara en kommentar #}"),
        run("Skriv {_{ x }_} för att visa taggen"),
        run("{") + run("{ x }}"),  # Word split the tag over two runs
    ],
)
def test_parts_with_any_tag_or_escape_are_rendered(paragraph):
    assert source.has_tags(part(paragraph))


@pytest.mark.parametrize("paragraph", [run("Inga taggar { här }"), run("100 %} och {x}")])
def test_parts_without_tags_are_not(paragraph):
    assert not source.has_tags(part(paragraph))


def test_quotes_stored_as_references_inside_tags_are_quotes():
    xml = part(run("{{ x|default(&quot;a&quot;) }} {{ &apos;b&apos; }} {{ &#34;c&#x22; }}"))
    assert '{{ x|default("a") }} {{ \'b\' }} {{ "c" }}' in source.jinja_source(xml)


def test_an_ampersand_inside_a_string_literal_is_one_character():
    assert '{{ "A & B" }}' in source.jinja_source(part(run("{{ &quot;A &amp; B&quot; }}")))


def test_references_outside_tags_are_left_as_xml():
    assert "&quot;citat&quot; &amp; mer" in source.jinja_source(
        part(run("&quot;citat&quot; &amp; mer"))
    )


def test_a_reference_to_no_character_is_left_alone():
    assert "&#0;" in source.jinja_source(part(run("{{ x ~ '&#0;' }}")))


def test_each_paragraph_is_one_line_so_errors_can_name_it():
    xml = part(run("ett"), run("två {{ x }}"), run("tre"))
    lines = source.jinja_source(xml).splitlines()
    assert source.paragraph_text("\n".join(lines), 3) == "två {{ x }}"


def test_escapes_become_delimiters_after_rendering():
    assert source.unescape_braces("{_{ a }_} {_% b %_}") == "{{ a }} {% b %}"


@pytest.mark.parametrize(
    ("paragraph", "changes"),
    [
        (run("{%tc for x in xs %}"), True),
        (run("{% colspan n %}Rubrik"), True),
        (run("{% hm %}Rubrik"), True),
        (run("{#tc en kommentar #}"), True),
        (run("{%tr for x in xs %}"), False),
        (run("{{ html }} och {{ tc }}"), False),
    ],
)
def test_only_tags_that_change_a_row_s_cells_ask_for_the_grid_to_be_fitted(paragraph, changes):
    assert source.changes_columns(part(paragraph)) is changes
