"""All raw OOXML work of iopdocs: package parts, styles, numbering, relationships.

Other modules hand strings and bytes to the functions here and never build
WordprocessingML themselves, except the paragraph markup in `markup`.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from iopdocs.swedish import LANGUAGE
from iopdocs.word import zipread

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
HYPERLINK_TYPE = R + "/hyperlink"
DCTERMS = "http://purl.org/dc/terms/"
NS = {"w": W}

# Refuse templates whose parts would expand past this (zip bombs).
MAX_UNPACKED = zipread.MAX_UNPACKED

_SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


@dataclass(frozen=True)
class Package:
    """The parts of a .docx in their stored order."""

    order: tuple[str, ...]
    parts: dict[str, bytes]


def read_package(data: bytes, max_unpacked: int | None = None) -> Package:
    """Return the parts of a .docx held in `data`; raise PackageError (in Swedish) if it is unsafe.

    Every part is inflated in small pieces and its bytes counted as they come
    (`zipread`), so a part whose header understates its size (a zip bomb) is
    stopped at the limit instead of being inflated whole first.
    """
    limit = MAX_UNPACKED if max_unpacked is None else max_unpacked
    parts = dict(zipread.members(data, limit))
    for name, blob in parts.items():
        if name.endswith((".xml", ".rels")) and b"<!DOCTYPE" in blob[:4096].upper():
            raise zipread.PackageError(f"delen {name} innehåller en DOCTYPE")
    return Package(tuple(parts), parts)


@dataclass(frozen=True)
class Member:
    """A zip member compressed once: raw deflate data with its CRC and sizes."""

    name: bytes
    crc: int
    size: int
    data: bytes


def compress(name: str, data: bytes) -> Member:
    """Return `data` deflated as a zip member; templates do this once per part."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw = packer.compress(data) + packer.flush()
    return Member(name.encode("utf-8"), zlib.crc32(data), len(data), raw)


def write_zip(members: list[Member]) -> bytes:
    """Return a zip archive of already compressed members, with fixed timestamps."""
    out, central = bytearray(), bytearray()
    for member in members:
        offset = len(out)
        fields = (
            20,
            _UTF8_FLAG,
            8,
            _DOS_TIME,
            _DOS_DATE,
            member.crc,
            len(member.data),
            member.size,
        )
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, len(member.name), 0)
        out += member.name + member.data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            0x0314,
            *fields,
            len(member.name),
            0,
            0,
            0,
            0,
            0o100644 << 16,
            offset,
        )
        central += member.name
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0
    )
    return bytes(out + central + end)


_UTF8_FLAG = 0x0800
_DOS_TIME = 0
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest a zip can say


def member_order(names) -> list[str]:
    """Return part names in package order: content types first, properties last."""
    return sorted(names, key=lambda n: (n != "[Content_Types].xml", n.startswith("docProps/")))


def write_package(order: list[str] | tuple[str, ...], parts: dict[str, bytes]) -> bytes:
    """Return the zip bytes of a package, deterministic for the same parts."""
    return write_zip([compress(name, parts[name]) for name in member_order(order)])


def parse(xml: bytes | str) -> etree._Element:
    """Parse a part safely: no entities, no DTD, no network; raise PackageError for a DOCTYPE.

    `read_package` looks for a DOCTYPE at the start of each part; one placed
    after a long comment, or in a part encoded as UTF-16, is only seen here.
    Word and LibreOffice never write one, and with it unexpanded entities
    would silently drop text.
    """
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    root = etree.fromstring(xml, _SAFE_PARSER)
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise zipread.PackageError("en del av dokumentet innehåller en DOCTYPE")
    return root


def style_ids(styles_xml: bytes) -> dict[str, str]:
    """Return the style id of every style, by its name."""
    root = parse(styles_xml)
    result = {}
    for style in root.iterfind("w:style", NS):
        name = style.find("w:name", NS)
        if name is not None:
            result[name.get(f"{{{W}}}val")] = style.get(f"{{{W}}}styleId")
    return result


def style_num_id(styles_xml: bytes, style_id: str) -> str | None:
    """Return the numbering id a paragraph style attaches, if any."""
    root = parse(styles_xml)
    found = root.xpath(
        f"w:style[@w:styleId='{style_id}']/w:pPr/w:numPr/w:numId/@w:val", namespaces=NS
    )
    return str(found[0]) if found else None


def abstract_num_id(numbering_xml: bytes, num_id: str) -> str | None:
    """Return the abstract numbering behind a numbering instance."""
    root = parse(numbering_xml)
    found = root.xpath(f"w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val", namespaces=NS)
    return str(found[0]) if found else None


def max_num_id(numbering_xml: bytes) -> int:
    """Return the highest numbering instance id in use."""
    ids = parse(numbering_xml).xpath("w:num/@w:numId", namespaces=NS)
    return max((int(i) for i in ids), default=0)


def add_restarting_nums(numbering_xml: bytes, nums: list[tuple[int, str, int]]) -> bytes:
    """Return numbering.xml with new instances that (re)start their abstract list."""
    if not nums:
        return numbering_xml
    extra = "".join(
        f'<w:num w:numId="{num}"><w:abstractNumId w:val="{abstract}"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
        for num, abstract, start in nums
    )
    return _insert_before_close(numbering_xml, b"</w:numbering>", extra)


def add_hyperlinks(rels_xml: bytes, links: list[tuple[str, str]]) -> bytes:
    """Return a .rels part with external hyperlink relationships added."""
    if not links:
        return rels_xml
    extra = "".join(
        f"<Relationship Id={quoteattr(rid)} Type={quoteattr(HYPERLINK_TYPE)} "
        f'Target={quoteattr(url)} TargetMode="External"/>'
        for rid, url in links
    )
    return _insert_before_close(rels_xml, b"</Relationships>", extra)


def _insert_before_close(xml: bytes, closing: bytes, extra: str) -> bytes:
    """Insert `extra` before the root's closing tag."""
    head, sep, tail = xml.rpartition(closing)
    if not sep:
        raise ValueError(f"hittar inte {closing.decode()}")
    return head + extra.encode("utf-8") + sep + tail


def core_properties(
    title: str, author: str, day: date, language: str = LANGUAGE, status: str = ""
) -> bytes:
    """Return docProps/core.xml with title, author, language, dates and status ("Utkast")."""
    stamp = f"{day.isoformat()}T00:00:00Z"
    status_xml = f"<cp:contentStatus>{escape(status)}</cp:contentStatus>" if status else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title>"
        f"<dc:creator>{escape(author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(author)}</cp:lastModifiedBy>"
        f"<dc:language>{escape(language)}</dc:language>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        f"{status_xml}</cp:coreProperties>"
    ).encode()


def core_date(core_xml: bytes) -> datetime | None:
    """Return docProps/core.xml's last-modified date, else its creation date (UTC if unzoned).

    None when the part cannot be read or holds neither date.
    """
    try:
        root = parse(core_xml)
    except etree.XMLSyntaxError:
        return None
    for name in ("modified", "created"):
        text = root.findtext(f"{{{DCTERMS}}}{name}")
        try:
            moment = datetime.fromisoformat((text or "").strip())
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None


def custom_properties(values: dict[str, str]) -> bytes:
    """Return docProps/custom.xml holding string properties (provenance)."""
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    props = "".join(
        f'<property fmtid="{fmtid}" pid="{pid}" name={quoteattr(name)}>'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(sorted(values.items()), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{props}</Properties>"
    ).encode()


CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


def ensure_custom_part(content_types: bytes, root_rels: bytes) -> tuple[bytes, bytes]:
    """Return [Content_Types].xml and _rels/.rels that declare docProps/custom.xml."""
    if b"/docProps/custom.xml" not in content_types:
        content_types = _insert_before_close(
            content_types,
            b"</Types>",
            f'<Override PartName="/docProps/custom.xml" ContentType="{CUSTOM_CT}"/>',
        )
    if b"docProps/custom.xml" not in root_rels:
        root_rels = _insert_before_close(
            root_rels,
            b"</Relationships>",
            f'<Relationship Id="rIdIopdocsCustom" Type="{CUSTOM_REL}" Target="docProps/custom.xml"/>',
        )
    return content_types, root_rels


_TOC_LEVELS = re.compile(r'\\o\s+"(\d)-(\d)"')


def fill_toc(document_xml: bytes, styles: dict[str, str]) -> bytes:
    """Return document.xml with its TOC field's result listing the document's headings.

    The template's TOC field holds a placeholder until Word updates it;
    LibreOffice and viewers that do not update fields would show only that.
    The result is filled with one TOC 1/TOC 2 paragraph per heading, without
    page numbers (Word adds them when it updates the field on opening). A
    field that spans paragraphs, or a document without headings, is left as it is.
    """
    if b"TOC" not in document_xml:
        return document_xml
    root = parse(document_xml)
    found = _toc_paragraph(root)
    ids = {name.lower(): sid for name, sid in styles.items()}
    if found is None:
        return document_xml
    paragraph, instr = found
    levels = _TOC_LEVELS.search(instr)
    low, high = (int(levels.group(1)), int(levels.group(2))) if levels else (1, 2)
    headings = _headings_after(paragraph, ids, range(low, high + 1))
    if not headings:
        return document_xml
    _replace_toc_result(paragraph, headings, ids)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _toc_paragraph(root: etree._Element) -> tuple[etree._Element, str] | None:
    """Return the paragraph holding a whole TOC field, and its instruction."""
    for instr in root.iter(f"{{{W}}}instrText"):
        if (instr.text or "").strip().startswith("TOC"):
            paragraph = instr.getparent().getparent()
            kinds = [f.get(f"{{{W}}}fldCharType") for f in paragraph.iter(f"{{{W}}}fldChar")]
            if kinds == ["begin", "separate", "end"]:
                return paragraph, instr.text or ""
    return None


def _headings_after(
    paragraph: etree._Element, ids: dict[str, str], levels: range
) -> list[tuple[int, str]]:
    """Return (level, text) of the heading paragraphs after `paragraph`."""
    wanted = {ids.get(f"heading {level}", f"Heading{level}"): level for level in levels}
    found = []
    for following in paragraph.itersiblings(f"{{{W}}}p"):
        style = following.find("w:pPr/w:pStyle", NS)
        level = wanted.get(style.get(f"{{{W}}}val")) if style is not None else None
        text = "".join(t.text or "" for t in following.iter(f"{{{W}}}t")).strip()
        if level and text:
            found.append((level, text))
    return found


def _replace_toc_result(
    paragraph: etree._Element, headings: list[tuple[int, str]], ids: dict[str, str]
) -> None:
    """Put one entry paragraph per heading between the field's separator and its end."""
    runs = list(paragraph.iterchildren(f"{{{W}}}r"))
    separate = next(i for i, r in enumerate(runs) if _fld(r) == "separate")
    end = runs[-1] if _fld(runs[-1]) == "end" else next(r for r in runs if _fld(r) == "end")
    for run in runs[separate + 1 :]:
        paragraph.remove(run)
    entries = [_toc_entry(ids.get(f"toc {level}", f"TOC{level}"), text) for level, text in headings]
    first, rest = entries[0], entries[1:]
    _set_style(paragraph, first[0])
    paragraph.append(first[1])
    anchor = paragraph
    for style, run in rest:
        new = etree.SubElement(paragraph.getparent(), f"{{{W}}}p")
        anchor.addnext(new)
        _set_style(new, style)
        new.append(run)
        anchor = new
    anchor.append(end)


def _fld(run: etree._Element) -> str | None:
    """Return the field-character type of a run, if it is one."""
    char = run.find("w:fldChar", NS)
    return None if char is None else char.get(f"{{{W}}}fldCharType")


def _toc_entry(style: str, text: str) -> tuple[str, etree._Element]:
    """Return a TOC entry's style and its text run."""
    run = etree.Element(f"{{{W}}}r")
    t = etree.SubElement(run, f"{{{W}}}t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return style, run


def _set_style(paragraph: etree._Element, style: str) -> None:
    """Give a paragraph a paragraph style, replacing any it had."""
    ppr = paragraph.find("w:pPr", NS)
    if ppr is None:
        ppr = etree.Element(f"{{{W}}}pPr")
        paragraph.insert(0, ppr)
    for old in ppr.findall("w:pStyle", NS):
        ppr.remove(old)
    pstyle = etree.Element(f"{{{W}}}pStyle")
    pstyle.set(f"{{{W}}}val", style)
    ppr.insert(0, pstyle)
