"""How every reader of a .docx recognises its structure: headings, the title, header rows.

The text dump (`text`) and the accessibility check (`iopdocs.publish.accessibility`)
must agree on what a heading or a table header is, so both ask here.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn
from lxml import etree

TITLE_STYLES = frozenset({"title", "rubrik"})
"""Style names (lower case, English or Swedish Word) of a document's title."""

_HEADING_STYLE = re.compile(r"(?:heading|rubrik) ?([1-9])")
_FALSE = {"0", "false", "off"}


def style_level(name: str) -> int | None:
    """Return the level a paragraph style name gives: 0 for the title, n for heading n, else None.

    `name` is the style's name in lower case: "heading 2", "rubrik 2", "title".
    """
    if name in TITLE_STYLES:
        return 0
    match = _HEADING_STYLE.fullmatch(name)
    return int(match[1]) if match else None


def val(parent: etree._Element | None, tag: str) -> str | None:
    """Return the w:val of the child `tag` of `parent`, None when either is missing."""
    child = parent.find(qn(tag)) if parent is not None else None
    return child.get(qn("w:val")) if child is not None else None


def is_header_row(tr: etree._Element) -> bool:
    """Return whether a table row repeats as a header row (w:tblHeader)."""
    header = tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    return header is not None and header.get(qn("w:val"), "1").lower() not in _FALSE


def visible_text(paragraph: etree._Element) -> str:
    """Return a paragraph's text as python-docx gives it, with content controls' text too.

    python-docx's `Paragraph.text` leaves out what content controls hold, and
    iopdocs puts one around every value it fills in. Tabs, breaks and
    non-breaking hyphens are "\t", "\n" and "-", as there.
    """
    return "".join(
        element.text or "" if element.tag == _W_T else _VISIBLE[element.tag]
        for element in paragraph.iter(*_VISIBLE)
    )


_W_T = qn("w:t")
_VISIBLE = {
    _W_T: "",
    qn("w:tab"): "\t",
    qn("w:ptab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
}
