"""Generate templates/foredragningslista.docx, the meeting agenda template.

It starts from the tjänsteskrivelse template, so the agenda shares its
styles, language and page header layout, and replaces the body. Its outputs
are wrapped in content controls tagged with their paths, like the case
templates' (`iopdocs.word.fieldmarks`). Run it
after tools/make_templates.py; commit the script and the .docx together.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.document import Document
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from iopdocs.word import ooxml  # noqa: E402
from iopdocs.word.fieldmarks import unwrap_controls, wrap_outputs  # noqa: E402

W = f"{{{ooxml.W}}}"

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
    """Write the agenda: when and where, the opening items, then the items under headings."""
    add(document, "Föredragningslista", "Title")
    add(
        document,
        "{{ org.namnd }}, sammanträde {{ moete.datum|long_date }}"
        "{% if moete.tid %} kl. {{ moete.tid }}{% endif %}",
    )
    add(document, "{%p if moete.plats %}")
    add(document, "Plats: {{ moete.plats }}")
    add(document, "{%p endif %}")
    add(document, "Inledande punkter", "Heading 1")
    add(document, "{%p for punkt in moete.inledande %}")
    add(document, "{{ punkt.nummer }}. {{ punkt.rubrik|nobreak }}", "Heading 2")
    add(document, "{%p endfor %}")
    add(document, "{%p for avsnitt in moete.avsnitt %}")
    add(document, "{{ avsnitt.rubrik }}", "Heading 1")
    add(document, "{%p for arende in avsnitt.punkter %}")
    add(document, "{{ arende.nummer }}. {{ arende.rubrik|nobreak }}", "Heading 2")
    add(document, "{%p if arende.uppgifter %}")
    add(document, "{{ arende.uppgifter }}")
    add(document, "{%p endif %}")
    add(document, "{%p if arende.saknas %}")
    add(document, "{{ arende.saknas }}", bold=True)
    add(document, "{%p endif %}")
    add(document, "{%p if arende.beslutsforslag %}")
    add(document, "Förslag till beslut", bold=True)
    add(document, "{{p arende.beslutsforslag|md }}")
    add(document, "{%p endif %}")
    add(document, "{%p if arende.handlingar %}")
    add(document, "Handlingar", bold=True)
    add(document, "{%p for handling in arende.handlingar %}")
    add(document, "{{ handling }}", "List Bullet")
    add(document, "{%p endfor %}")
    add(document, "{%p endif %}")
    add(document, "{%p endfor %}")
    add(document, "{%p endfor %}")


def retarget_header(data: bytes) -> bytes:
    """Return header XML with the memo's fields replaced by the meeting's, wrapped anew."""
    root = ooxml.parse(data)
    unwrap_controls(root)
    join_text_runs(root)
    text = _xml(root)
    for old, new in HEADER_CHANGES.items():
        if old not in text:
            raise SystemExit(f"hittar inte {old!r} i mallens sidhuvud")
        text = text.replace(old, new)
    root = ooxml.parse(text.encode("utf-8"))
    wrap_outputs(root)
    return _xml(root).encode("utf-8")


def join_text_runs(root: etree._Element) -> None:
    """Join neighbouring runs that hold one w:t each and have the same properties."""
    for paragraph in root.iter(f"{W}p"):
        previous = None
        for run in list(paragraph.iterchildren(f"{W}r")):
            content = [c for c in run if c.tag != f"{W}rPr"]
            simple = len(content) == 1 and content[0].tag == f"{W}t"
            joins = simple and previous is not None and run.getprevious() is previous
            if joins and _properties(previous) == _properties(run):
                previous.find(f"{W}t").text += content[0].text or ""
                paragraph.remove(run)
                continue
            previous = run if simple else None


def _properties(run: etree._Element) -> bytes:
    found = run.find(f"{W}rPr")
    return etree.tostring(found) if found is not None else b""


def _xml(root: etree._Element) -> str:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode()


def main() -> None:
    """Write the agenda template deterministically."""
    document = docx.Document(str(SOURCE))
    clear_body(document)
    write_body(document)
    wrap_outputs(document.element)
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
