"""Mark a document as a draft: "UTKAST" at the top of every page's header, and a watermark.

A draft must never pass as a final paper, printed or on screen. Every
header part gets a first paragraph "UTKAST" (read by screen readers and by
`iopdocs text`) holding Word's own text watermark, a VML shape behind the
page text that Word and LibreOffice show on every page and keep in a PDF.
A section that shows no header on some pages (no default header, or a
first page of its own without one) gets a header holding only the mark, so
no page escapes. Works on any template, not only the shipped ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

from iopdocs.word import ooxml

MARK = "UTKAST"
W, R = ooxml.W, "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEADER = re.compile(r"word/header\d*\.xml")
HEADER_PART = "word/header-utkast.xml"
HEADER_REL_ID = "rIdIopdocsUtkast"
HEADER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
HEADER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
DOCUMENT, DOCUMENT_RELS, CONTENT_TYPES = (
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "[Content_Types].xml",
)

# Word's own watermark: shape type 136 (text on a path), silver at half opacity,
# turned 315 degrees, centred on the page margins, behind the text.
_WATERMARK = f"""<w:r xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"
 xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w10="urn:schemas-microsoft-com:office:word"><w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/>
<v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>
<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>
<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
 o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t"
 shapetype="t"/></v:shapetype><v:shape id="iopdocs-utkast" o:spid="_x0000_s4097" type="#_x0000_t136"
 alt="Vattenstämpel: {MARK}" style="position:absolute;margin-left:0;margin-top:0;width:468pt;height:117pt;
rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;
mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="silver"
 stroked="f"><v:fill opacity=".5"/><v:textpath style="font-family:&quot;Calibri&quot;;font-size:1pt"
 string="{MARK}"/><w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r>"""


def _mark_paragraph() -> etree._Element:
    """Return the header paragraph that says UTKAST and holds the watermark."""
    paragraph = etree.fromstring(
        f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
        f"<w:r><w:rPr><w:b/></w:rPr><w:t>{MARK}</w:t></w:r></w:p>"
    )
    paragraph.append(etree.fromstring(_WATERMARK))
    return paragraph


def mark_header(header_xml: bytes) -> bytes:
    """Return a header part with the draft mark as its first paragraph."""
    root = ooxml.parse(header_xml)
    root.insert(0, _mark_paragraph())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def mark(parts: Mapping[str, bytes]) -> dict[str, bytes]:
    """Return the parts to replace or add so that every page of the document says UTKAST."""
    changed = {name: mark_header(xml) for name, xml in parts.items() if _HEADER.fullmatch(name)}
    document = ooxml.parse(parts[DOCUMENT])
    if _cover_bare_pages(document):
        changed[DOCUMENT] = etree.tostring(
            document, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        changed[HEADER_PART] = mark_header(f'<w:hdr xmlns:w="{W}"/>'.encode())
        changed[DOCUMENT_RELS] = _with_header_rel(parts[DOCUMENT_RELS])
        changed[CONTENT_TYPES] = _with_header_type(parts[CONTENT_TYPES])
    return changed


def _cover_bare_pages(document: etree._Element) -> bool:
    """Point every section's pages without a header at the mark's own header; say if any did."""
    added = False
    for section in document.iter(f"{{{W}}}sectPr"):
        kinds = {ref.get(f"{{{W}}}type") for ref in section.findall(f"{{{W}}}headerReference")}
        wanted = {"default"} | ({"first"} if section.find(f"{{{W}}}titlePg") is not None else set())
        for kind in sorted(wanted - kinds):
            reference = etree.Element(f"{{{W}}}headerReference", nsmap={"w": W, "r": R})
            reference.set(f"{{{W}}}type", kind)
            reference.set(f"{{{R}}}id", HEADER_REL_ID)
            section.insert(0, reference)  # header references come first in a sectPr
            added = True
    return added


def _with_header_rel(rels_xml: bytes) -> bytes:
    """Return the document's relationships with one to the mark's own header."""
    relationship = (
        f'<Relationship Id="{HEADER_REL_ID}" Type="{HEADER_TYPE}" '
        f'Target="{HEADER_PART.removeprefix("word/")}"/>'
    )
    return rels_xml.replace(b"</Relationships>", relationship.encode() + b"</Relationships>")


def _with_header_type(content_types: bytes) -> bytes:
    """Return [Content_Types].xml declaring the mark's own header part."""
    override = f'<Override PartName="/{HEADER_PART}" ContentType="{HEADER_CT}"/>'
    return content_types.replace(b"</Types>", override.encode() + b"</Types>")
