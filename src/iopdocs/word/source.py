"""Turn a template part's XML into Jinja source, as docxtpl does, and undo its escapes.

A part is rendered when its visible text holds a tag: `{{`, `{%`, `{#` or one
of docxtpl's brace escapes, even when Word has split the tag over runs. The
source is docxtpl's own `patch_xml` (so `{%p %}`, `{%tr %}`, `{%tc %}`,
`{%r %}`, `{{r }}`, `{{p }}`, `{%-`, `colspan`, `cellbg`, `vm` and `hm` mean
what docxtpl's documentation says) plus one step docxtpl gets from python-docx
re-serialising the XML: inside a tag, XML character references are the
characters Word shows, so `{{ x|default(&quot;-&quot;) }}` reads as Jinja.
"""

from __future__ import annotations

import re

from docxtpl import DocxTemplate

# The visible text of a part holds a tag or an escape.
_TAG = re.compile(r"\{[{%#]|\{_[{%]|[}%]_\}")
_MARKUP = re.compile(rb"<[^>]*>")
# Tags that change how many cells a row has, so the table grid may need fitting.
_COLUMN_TAG = re.compile(r"\{[%#](?:tc\s|\s*colspan\b|\s*hm\b)")
# The inside of a {{ }} or {% %} tag once patch_xml has joined it (docxtpl's clean_tags).
_TAG_BODY = re.compile(r"(?<=\{[{%])(.*?)(?=[}%]\})")
_REFERENCE = re.compile(r"&(quot|apos|amp|lt|gt|#[0-9]+|#x[0-9a-fA-F]+);")
_NAMED = {"quot": '"', "apos": "'", "amp": "&", "lt": "<", "gt": ">"}
# docxtpl's escapes for literal delimiters, undone after rendering.
BRACE_ESCAPES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))


def has_tags(xml: bytes) -> bool:
    """Return whether the visible text of a part holds a template tag or escape."""
    return bool(_TAG.search(_visible(xml)))


def changes_columns(xml: bytes) -> bool:
    """Return whether a part has `{%tc %}`, `colspan` or `hm` tags, which change rows' cells."""
    return bool(_COLUMN_TAG.search(_visible(xml)))


def _visible(xml: bytes) -> str:
    """Return the text of a part without its markup, tags split over runs joined again."""
    return _MARKUP.sub(b"", xml).decode("utf-8", "replace")


def jinja_source(xml: bytes) -> str:
    """Return a part's XML as Jinja source, one paragraph a line."""
    source = DocxTemplate.patch_xml(None, xml.decode("utf-8"))  # type: ignore[arg-type]
    source = _TAG_BODY.sub(lambda m: _REFERENCE.sub(_character, m.group(0)), source)
    # One paragraph a line, so Jinja's line numbers point at the paragraph.
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", source)


def _character(reference: re.Match[str]) -> str:
    """Return the character an XML character reference stands for."""
    name = reference.group(1)
    if name in _NAMED:
        return _NAMED[name]
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    valid = 0 < code < 0xD800 or 0xE000 <= code < 0x110000
    return chr(code) if valid else reference.group(0)


def undo_paragraph_lines(rendered: str) -> str:
    """Return rendered XML without the line breaks `jinja_source` put before paragraphs."""
    return re.sub(r"\n<w:p([ >])", r"<w:p\1", rendered)


def unescape_braces(rendered: str) -> str:
    """Return rendered XML with `{_{ }_} {_% %_}` turned into the delimiters they stand for."""
    for escaped, literal in BRACE_ESCAPES:
        rendered = rendered.replace(escaped, literal)
    return rendered


def paragraph_text(source: str, lineno: int | None) -> str:
    """Return the visible text of the source line `lineno` (one paragraph)."""
    lines = source.splitlines()
    if not lineno or lineno > len(lines):
        return ""
    return re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()[:120]
