"""Word's own non-breaking hyphen: the text's U+2011 written as `w:noBreakHyphen`.

Word draws `w:noBreakHyphen` with the run font's own hyphen glyph, where a
literal U+2011 needs a glyph that Arial may lack. LibreOffice reads both as
its hard hyphen and draws the font's "-", so a PDF's text stays "IOGT-NTO".
"""

from __future__ import annotations

import re

_NB_HYPHEN = "\u2011".encode()
_TEXT_ELEMENT = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def no_break_hyphens(part_xml: bytes) -> bytes:
    """Return a part with every U+2011 in its text written as Word's `w:noBreakHyphen`."""
    if _NB_HYPHEN not in part_xml:
        return part_xml
    return _TEXT_ELEMENT.sub(_split_text, part_xml)


def _split_text(match: re.Match[bytes]) -> bytes:
    """Return one `w:t` as its pieces of text around `w:noBreakHyphen` elements."""
    text = match.group(1)
    if _NB_HYPHEN not in text:
        return match.group(0)
    pieces = [
        b'<w:t xml:space="preserve">' + piece + b"</w:t>" if piece else b""
        for piece in text.split(_NB_HYPHEN)
    ]
    return b"<w:noBreakHyphen/>".join(pieces)
