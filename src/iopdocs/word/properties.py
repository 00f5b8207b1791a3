"""Render the tags in a template's core document properties, as docxtpl does.

docxtpl renders the title, subject, author, comments, identifier and language
of docProps/core.xml with the same context as the body. Each is compiled once
with the template, in iopdocs' sandboxed, strict environment but without
autoescape: the result becomes element text, which lxml escapes on writing.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2
from lxml import etree

from iopdocs.word import ooxml

CORE = "docProps/core.xml"
# docxtpl's list, by element name in core.xml (author is dc:creator, comments dc:description).
RENDERED = ("creator", "description", "identifier", "language", "subject", "title")


def compile_properties(env: jinja2.Environment, core: bytes) -> dict[str, jinja2.Template]:
    """Return the compiled template of each tagged core property; raise TemplateSyntaxError."""
    plain = env.overlay(autoescape=False)
    templates = {}
    for element in ooxml.parse(core):
        name = etree.QName(element).localname
        text = element.text or ""
        if name in RENDERED and ("{{" in text or "{%" in text or "{#" in text):
            templates[name] = plain.from_string(text)
    return templates


def render_properties(
    core: bytes, templates: dict[str, jinja2.Template], generate: Callable[..., str], context
) -> bytes:
    """Return core.xml with each compiled property rendered by `generate(template, context)`."""
    root = ooxml.parse(core)
    for element in root:
        name = etree.QName(element).localname
        if name in templates:
            element.text = generate(templates[name], context)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
