"""The template engine: strict, sandboxed, XML-safe and deterministic."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from iopdocs.errors import TemplateProblem
from iopdocs.word import render


def make_template(path: Path, *lines: str) -> Path:
    """Write a .docx whose body paragraphs are `lines`, with a tagged header."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Huvud {{ title }}"
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def body_text(data: bytes) -> list[str]:
    """Return the non-empty paragraph texts of a .docx."""
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text]


def rendered(tmp_path: Path, context: dict, *lines: str) -> bytes:
    template = render.compile_template(make_template(tmp_path / "t.docx", *lines))
    return render.render(template, context, {})


def test_values_are_filled_in_body_and_header(tmp_path):
    data = rendered(tmp_path, {"title": "Rubrik", "amount": 452948}, "Belopp {{ amount|kr }}")
    assert body_text(data) == ["Belopp 452\u00a0948\u00a0kr"]
    header = docx.Document(io.BytesIO(data)).sections[0].header.paragraphs[0].text
    assert header == "Huvud Rubrik"


@pytest.mark.parametrize(
    "value", ["A & B <c> \"d\" 'e' 🎉", "</w:t></w:r><w:r><w:t>x", "{{ 7*7 }}"]
)
def test_case_text_cannot_inject_xml_or_template_code(tmp_path, value):
    data = rendered(tmp_path, {"title": value, "v": value}, "{{ v }}")
    assert body_text(data) == [value]
    assert docx.Document(io.BytesIO(data)).sections[0].header.paragraphs[0].text == f"Huvud {value}"


def test_markdown_paragraphs_replace_the_tag_paragraph(tmp_path):
    data = rendered(
        tmp_path, {"title": "", "t": "Ett.\n\n- två\n- tre"}, "före", "{{p t|md }}", "efter"
    )
    document = docx.Document(io.BytesIO(data))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styles == [
        ("Normal", "före"),
        ("Normal", "Ett."),
        ("List Bullet", "två"),
        ("List Bullet", "tre"),
        ("Normal", "efter"),
    ]


def test_links_get_relationships(tmp_path):
    data = rendered(tmp_path, {"title": "", "t": "[Mål](https://example.se/mal)"}, "{{p t|md }}")
    rels = zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels").decode()
    assert 'Target="https://example.se/mal"' in rels and 'TargetMode="External"' in rels


def test_undefined_names_are_errors(tmp_path):
    with pytest.raises(TemplateProblem, match="namn som inte finns"):
        rendered(tmp_path, {"title": ""}, "{{ missing }}")


@pytest.mark.parametrize(
    "tag",
    [
        "{{ title.__class__.__mro__ }}",
        "{{ title.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
    ],
)
def test_sandbox_blocks_python_internals(tmp_path, tag):
    with pytest.raises(TemplateProblem):
        rendered(tmp_path, {"title": "x"}, tag)


def test_huge_loops_are_stopped(tmp_path):
    with pytest.raises(TemplateProblem):
        rendered(tmp_path, {"title": ""}, "{% for i in range(10**9) %}x{% endfor %}")


def test_same_input_gives_same_bytes(tmp_path):
    first = rendered(tmp_path, {"title": "a"}, "{{ title }}")
    second = rendered(tmp_path, {"title": "a"}, "{{ title }}")
    assert first == second


def test_broken_tag_names_template_and_text(tmp_path):
    with pytest.raises(TemplateProblem, match="t.docx.*fel i malltaggarna"):
        render.compile_template(make_template(tmp_path / "t.docx", "Text {{ oops }"))


def test_not_a_docx_is_refused(tmp_path):
    path = tmp_path / "t.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(TemplateProblem, match="går inte att läsa"):
        render.compile_template(path)


def test_endless_nested_loops_are_stopped_by_time(tmp_path, monkeypatch):
    monkeypatch.setattr(render, "RENDER_SECONDS", 0.5)
    loop = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    with pytest.raises(TemplateProblem, match="sekunder"):
        rendered(tmp_path, {"title": ""}, loop)


def test_output_size_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(render, "MAX_OUTPUT_CHARS", 100_000)
    with pytest.raises(TemplateProblem, match="större än"):
        rendered(tmp_path, {"title": ""}, "{% for i in range(99999) %}xxxxxxxx{% endfor %}")


def rewrite_part(path: Path, name: str, change) -> None:
    """Rewrite one part of a .docx in place."""
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, data in parts.items():
            zf.writestr(part, data)


def test_doctype_and_entities_are_refused(tmp_path):
    path = make_template(tmp_path / "t.docx", "{{ title }}")
    bomb = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    rewrite_part(path, "word/document.xml", lambda xml: xml.replace(b"?>", b"?>" + bomb, 1))
    with pytest.raises(TemplateProblem, match="DOCTYPE"):
        render.compile_template(path)


def test_zip_bomb_template_is_refused(tmp_path, monkeypatch):
    path = make_template(tmp_path / "t.docx", "{{ title }}")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/zeros.bin", b"\0" * 5_000_000)
    assert path.stat().st_size < 100_000
    monkeypatch.setattr(render.ooxml, "MAX_UNPACKED", 1_000_000)
    with pytest.raises(TemplateProblem, match="gränsen"):
        render.compile_template(path)


def test_oversized_template_file_is_refused(tmp_path, monkeypatch):
    path = make_template(tmp_path / "t.docx", "{{ title }}")
    monkeypatch.setattr(render, "MAX_TEMPLATE_BYTES", 1000)
    with pytest.raises(TemplateProblem, match="över gränsen"):
        render.compile_template(path)


def test_values_keep_line_breaks_tabs_paragraphs_and_page_breaks(tmp_path):
    value = "rad ett\nrad två\tefter tabb\aett nytt stycke\fefter sidbrytningen"
    data = rendered(tmp_path, {"title": "", "v": value}, "{{ v }}")
    assert body_text(data) == [
        "rad ett\nrad två\tefter tabb",
        "ett nytt stycke",
        "efter sidbrytningen",
    ]
    assert b'w:type="page"' in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_comments_and_escaped_delimiters_render_as_docxtpl_documents(tmp_path):
    data = rendered(
        tmp_path,
        {"title": ""},
        "Synlig {# dold #}text",
        "{#p ett stycke som kommentar #}",
        "Skriv {_{ namn }_} och {_% if %_}",
    )
    assert body_text(data) == ["Synlig text", "Skriv {{ namn }} och {% if %}"]


def test_a_part_with_only_comments_is_rendered(tmp_path):
    path = tmp_path / "t.docx"
    document = docx.Document()
    document.add_paragraph("Kvar {# borta #}")
    document.save(path)
    data = render.render(render.compile_template(path), {}, {})
    assert body_text(data) == ["Kvar "]


@pytest.mark.parametrize(
    ("kind", "advice"),
    [("RichText", "md_inline"), ("Listing", "{{ x }}"), ("RichTextParagraph", "{{p x|md }}")],
)
def test_docxtpl_objects_are_refused_with_what_to_write_instead(tmp_path, kind, advice):
    import docxtpl

    value = getattr(docxtpl, kind)("text")
    with pytest.raises(TemplateProblem) as caught:
        rendered(tmp_path, {"title": "", "v": value}, "Före", "Värde: {{ v }}")
    message = str(caught.value)
    assert f"Python-objekt {kind}" in message and advice in message
    assert "brödtexten (word/document.xml), stycket \u201dVärde: {{ v }}\u201d" in message


def test_runtime_errors_name_the_part_and_the_paragraph(tmp_path):
    with pytest.raises(TemplateProblem) as caught:
        rendered(tmp_path, {}, "Brödtext utan taggar")
    assert "sidhuvudet (word/header1.xml), stycket \u201dHuvud {{ title }}\u201d" in str(
        caught.value
    )
    with pytest.raises(TemplateProblem) as caught:
        rendered(tmp_path, {"title": "x"}, "Första", "Andra {{ saknas }}")
    message = str(caught.value)
    assert "brödtexten (word/document.xml), stycket \u201dAndra {{ saknas }}\u201d" in message


def test_a_control_character_in_a_value_is_named(tmp_path):
    with pytest.raises(TemplateProblem, match="U\\+000B"):
        rendered(tmp_path, {"title": "", "v": "a\x0bb"}, "{{ v }}")


def test_an_unknown_filter_is_named_in_swedish(tmp_path):
    with pytest.raises(TemplateProblem, match="filtret 'my_filter' finns inte i iopdocs"):
        render.compile_template(make_template(tmp_path / "t.docx", "{{ x|my_filter(2) }}"))


def test_a_non_breaking_hyphen_becomes_words_own_and_reads_back(tmp_path):
    context = {"namn": "IOGT-NTO", "title": ""}
    data = rendered(tmp_path, context, "Avtal med {{ namn|nobreak }} ", "{{ namn }}")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "\u2011" not in xml
    assert '<w:t xml:space="preserve">Avtal med IOGT</w:t><w:noBreakHyphen/>' in xml
    assert '<w:noBreakHyphen/><w:t xml:space="preserve">NTO </w:t>' in xml
    from iopdocs.word.text import docx_text

    assert docx_text(data).splitlines()[-2:] == ["Avtal med IOGT\u2011NTO", "IOGT-NTO"]


def test_text_of_only_hyphens_leaves_no_empty_text_elements():
    from iopdocs.word import hyphens

    assert hyphens.no_break_hyphens("<w:r><w:t>\u2011\u2011</w:t></w:r>".encode()) == (
        b"<w:r><w:noBreakHyphen/><w:noBreakHyphen/></w:r>"
    )


# --- limits at compile time too (issue 11) -----------------------------------------


@pytest.mark.parametrize(
    ("tag", "said"),
    [
        ("{{ 10**5000 }}", "för stort"),
        ("{{ 7**30000000 }}", "för stort"),
        ("{{ 'x' * 10**7 }}", "för lång"),
        ("{{ 10**3000 * 10**3000 }}", "för stort"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
    ],
)
def test_an_arithmetic_bomb_is_a_template_problem_not_a_traceback(tmp_path, tag, said):
    template = render.compile_template(make_template(tmp_path / "t.docx", tag))
    with pytest.raises(TemplateProblem, match=said):
        render.render(template, {"title": ""}, {})


def test_nothing_is_computed_while_a_template_compiles():
    # Jinja's optimizer folded 7**30000000 into the generated code: 80 s, then a ValueError.
    code = render.environment().compile("{{ 7**300000 }} {{ 'x' * 99999 }}", raw=True)
    assert len(code) < 5000


def test_small_arithmetic_still_works(tmp_path):
    data = rendered(tmp_path, {"title": ""}, "{{ 2**10 }} {{ 3 * 4 }} {{ 'ab' * 2 }}")
    assert body_text(data) == ["1024 12 abab"]
