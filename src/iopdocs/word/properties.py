"""Render the tags in a template's core document properties, as docxtpl does.

docxtpl renders the title, subject, author, comments, identifier and language
of docProps/core.xml with the same context as the body. Each is compiled once
with the template, in iopdocs' sandboxed, strict environment but without
autoescape: the result becomes element text, which lxml escapes on writing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import jinja2
from lxml import etree

from iopdocs.word import ooxml

CORE = "docProps/core.xml"
# docxtpl's list, by element name in core.xml (author is dc:creator, comments dc:description),
# each with the name Word gives it.
LABELS = {
    "creator": "författare",
    "description": "kommentarer",
    "identifier": "identifierare",
    "language": "språk",
    "subject": "ämne",
    "title": "titel",
}
RENDERED = tuple(LABELS)
# What XML 1.0 cannot hold: control characters (\a and \f too: a property has no
# paragraphs to split), lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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
    """Return core.xml with each compiled property rendered by `generate(template, context, label)`.

    `label` is the property's name as Word shows it, for messages.
    """
    root = ooxml.parse(core)
    for element in root:
        name = etree.QName(element).localname
        if name in templates:
            element.text = generate(templates[name], context, LABELS[name])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def unwritable(text: str) -> int | None:
    """Return the code point of the first character of `text` XML cannot hold, or None."""
    found = _NOT_XML.search(text)
    return ord(found.group()) if found else None
