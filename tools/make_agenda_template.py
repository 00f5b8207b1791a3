"""Generate templates/foredragningslista.docx, the meeting agenda template.

It starts from the tjänsteskrivelse template, so the agenda shares its
styles, language and page header layout, and replaces the body. Run it
after tools/make_templates.py; commit the script and the .docx together.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.document import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from iopdocs.word import ooxml  # noqa: E402

SOURCE = ROOT / "templates" / "tjansteskrivelse.docx"
TARGET = ROOT / "templates" / "foredragningslista.docx"
HEADER_CHANGES = {
    "Tjänsteskrivelse": "Föredragningslista",
    "{{ case.datum|iso_date }}": "{{ moete.datum|iso_date }}",
    "{{ case.diarienummer }}": "{{ org.namnd }}",
    "{{ org.kommun }}, {{ org.forvaltning }}": "{{ org.kommun }}",
}


def clear_body(document: Document) -> None:
    """Remove every body element except the section properties."""
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)


def add(document: Document, text: str, style: str = "Normal", bold: bool = False) -> None:
    """Add one paragraph in a named style."""
    paragraph = document.add_paragraph(style=style)
    paragraph.add_run(text).bold = bold or None


def write_body(document: Document) -> None:
    """Write the agenda: procedural items, then each decision item with its papers."""
    add(document, "Föredragningslista", "Title")
    add(document, "{{ org.namnd }}, sammanträde {{ moete.datum|long_date }}")
    add(document, "Inledande punkter", "Heading 1")
    add(document, "{%p for punkt in moete.inledande %}")
    add(document, "{{ punkt.nummer }}. {{ punkt.rubrik|nobreak }}", "Heading 2")
    add(document, "{%p endfor %}")
    add(document, "Beslutsärenden", "Heading 1")
    add(document, "{%p for arende in moete.arenden %}")
    add(document, "{{ arende.nummer }}. {{ arende.rubrik|nobreak }}", "Heading 2")
    add(document, "Diarienummer: {{ arende.diarienummer }}. Handläggare: {{ arende.handlaggare }}.")
    add(document, "Förslag till beslut", bold=True)
    add(document, "{{p arende.beslutsforslag|md }}")
    add(document, "Handlingar", bold=True)
    add(document, "{%p for handling in arende.handlingar %}")
    add(document, "{{ handling }}", "List Bullet")
    add(document, "{%p endfor %}")
    add(document, "{%p endfor %}")


def retarget_header(data: bytes) -> bytes:
    """Return header XML with the memo's fields replaced by the meeting's."""
    text = data.decode("utf-8")
    for old, new in HEADER_CHANGES.items():
        if old not in text:
            raise SystemExit(f"hittar inte {old!r} i mallens sidhuvud")
        text = text.replace(old, new)
    return text.encode("utf-8")


def main() -> None:
    """Write the agenda template deterministically."""
    document = docx.Document(str(SOURCE))
    clear_body(document)
    write_body(document)
    tmp = TARGET.with_suffix(".tmp")
    document.save(str(tmp))
    package = ooxml.read_package(tmp.read_bytes())
    tmp.unlink()
    parts = dict(package.parts)
    for name in parts:
        if name.startswith("word/header"):
            parts[name] = retarget_header(parts[name])
    TARGET.write_bytes(ooxml.write_package(package.order, parts))


if __name__ == "__main__":
    main()
