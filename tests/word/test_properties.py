"""Tags in a template's document properties are rendered like the body's."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import docx
import pytest

from iopdocs.errors import TemplateProblem
from iopdocs.word import ooxml, properties, render


def template(path: Path, **core: str) -> Path:
    """Write a .docx with one tagged paragraph and the given core properties."""
    document = docx.Document()
    document.add_paragraph("{{ rubrik }}")
    for name, value in core.items():
        setattr(document.core_properties, name, value)
    document.save(path)
    return path


def core_of(data: bytes):
    return docx.Document(io.BytesIO(data)).core_properties


def test_tagged_properties_are_rendered_and_escaped_by_the_writer(tmp_path):
    path = template(tmp_path / "t.docx", title="{{ rubrik }}", subject="Ärende {{ dnr }}")
    compiled = render.compile_template(path)
    data = render.render(compiled, {"rubrik": "Stöd <A & B>", "dnr": "SON 2025-1"}, {})
    assert (core_of(data).title, core_of(data).subject) == ("Stöd <A & B>", "Ärende SON 2025-1")


def test_properties_without_tags_and_untagged_templates_keep_their_bytes(tmp_path):
    compiled = render.compile_template(template(tmp_path / "t.docx", title="Fast rubrik"))
    assert compiled.properties == {}
    data = render.render(compiled, {"rubrik": "x"}, {})
    assert core_of(data).title == "Fast rubrik"


def test_the_caller_s_own_properties_win(tmp_path):
    compiled = render.compile_template(template(tmp_path / "t.docx", title="{{ rubrik }}"))
    own = ooxml.core_properties("Från ärendet", "Eva Ek", date(2025, 1, 2))
    data = render.render(compiled, {"rubrik": "ur mallen"}, {properties.CORE: own})
    assert core_of(data).title == "Från ärendet"


def test_an_unknown_name_in_a_property_is_named(tmp_path):
    compiled = render.compile_template(template(tmp_path / "t.docx", title="{{ saknas }}"))
    with pytest.raises(TemplateProblem, match="dokumentegenskaperna.*saknas"):
        render.render(compiled, {"rubrik": "x"}, {})


def test_a_broken_property_tag_is_a_template_problem(tmp_path):
    with pytest.raises(TemplateProblem, match="dokumentegenskaperna: fel i malltaggarna"):
        render.compile_template(template(tmp_path / "t.docx", title="{{ rubrik }"))


def test_the_sandbox_holds_in_properties(tmp_path):
    path = template(tmp_path / "t.docx", title="{{ rubrik.__class__.__mro__ }}")
    with pytest.raises(TemplateProblem, match="inte är tillåtet"):
        render.render(render.compile_template(path), {"rubrik": "x"}, {})


@pytest.mark.parametrize(
    ("value", "char"), [("a\ab", "U+0007"), ("a\fb", "U+000C"), ("\x01", "U+0001")]
)
def test_a_value_a_property_cannot_hold_is_a_template_problem(tmp_path, value, char):
    """\\a and \\f split paragraphs in the body; a property has none, and XML cannot hold them."""
    compiled = render.compile_template(template(tmp_path / "t.docx", subject="Om {{ amne }}"))
    with pytest.raises(TemplateProblem, match=rf"dokumentegenskaperna \(ämne\).*{re.escape(char)}"):
        render.render(compiled, {"rubrik": "x", "amne": value}, {})
