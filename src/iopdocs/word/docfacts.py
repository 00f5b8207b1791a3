"""What a document says outside its body: page headers and footers, properties, revisions.

Reading an edited document back (`readback`) needs these beside the body:
the page headers and footers are compared as text (a page number field's
result left out, since Word updates it), the custom properties say which
document and case it was made from, and tracked changes that are neither
accepted nor rejected stop it from being read back at all.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn
from lxml import etree

from iopdocs.word import fieldmarks, ooxml

_W_P, _W_T = qn("w:p"), qn("w:t")
_W_SDT, _W_FLDCHAR, _W_FLDSIMPLE = qn("w:sdt"), qn("w:fldChar"), qn("w:fldSimple")
_STORIES = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")

REVISIONS = (
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rPrChange",
    "pPrChange",
    "sectPrChange",
    "tblPrChange",
    "tcPrChange",
    "trPrChange",
    "tblGridChange",
    "numberingChange",
    "cellIns",
    "cellDel",
    "cellMerge",
)
"""The elements of tracked changes (WordprocessingML revisions)."""


def furniture(parts: dict[str, bytes]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the distinct texts of the page headers and footers, and the tags they hold.

    Empty ones are left out: LibreOffice may add an empty first-page header.
    """
    texts: list[str] = []
    tags: list[str] = []
    for name in sorted(parts):
        if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
            root = ooxml.parse(parts[name])
            text = _furniture_text(root)
            if text and text not in texts:
                texts.append(text)
            tags += [t for t in (fieldmarks.tag_of(s) for s in root.iter(_W_SDT)) if t]
    return tuple(texts), tuple(dict.fromkeys(tags))


def _furniture_text(root: etree._Element) -> str:
    """Return a header's or footer's text, without fields' results (page numbers)."""
    out: list[str] = []
    depth = 0

    def walk(element: etree._Element) -> None:
        nonlocal depth
        for child in element:
            if child.tag == _W_FLDSIMPLE:
                continue
            if child.tag == _W_FLDCHAR:
                kind = child.get(qn("w:fldCharType"))
                depth += 1 if kind == "begin" else -1 if kind == "end" and depth else 0
            elif child.tag == _W_T:
                out.append("" if depth else child.text or "")
            else:
                walk(child)
                if child.tag == _W_P:
                    out.append("\n")

    walk(root)
    return "".join(out).strip()


def custom_properties(xml: bytes | None) -> dict[str, str]:
    """Return the document's custom properties as text, by name."""
    if not xml:
        return {}
    out = {}
    for prop in ooxml.parse(xml):
        name = prop.get("name")
        if name:
            out[name] = "".join(prop.itertext()).strip()
    return out


def revisions(parts: dict[str, bytes]) -> tuple[str, ...]:
    """Return the text of the tracked changes in the document's stories, first ones first."""
    found = []
    for name in sorted(parts):
        if not _STORIES.fullmatch(name):
            continue
        root = ooxml.parse(parts[name])  # any prefix may name the namespace: parse, never grep
        for tag in REVISIONS:
            for element in root.iter(qn(f"w:{tag}")):
                text = "".join(element.itertext()).strip()
                found.append(text[:60])
    return tuple(found)
