"""Namespaces, deterministic ids and serialisation shared by the package's XML files."""

from __future__ import annotations

import hashlib
import uuid

from lxml import etree

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
PREMIS = "http://www.loc.gov/premis/v3"
ARENDE = "urn:x-iopdocs:arende:1"


def q(namespace: str, tag: str) -> str:
    """Return the Clark name {namespace}tag."""
    return f"{{{namespace}}}{tag}"


def sub(parent: etree._Element, namespace: str, tag: str, text: str | None = None, **attrs: str):
    """Append and return a child element with optional text and attributes."""
    child = etree.SubElement(parent, q(namespace, tag), attrs)
    if text is not None:
        child.text = text
    return child


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of data."""
    return hashlib.sha256(data).hexdigest()


def name_id(*parts: str) -> str:
    """Return a stable XML ID (an NCName) made from parts: the same parts, the same id.

    Name-based UUIDs (version 5) keep the package free of randomness, so the
    same case gives the same bytes, while ids stay unique within a package.
    """
    return "uuid-" + str(uuid.uuid5(uuid.NAMESPACE_URL, "iopdocs:" + "/".join(parts))).upper()


def serialise(root: etree._Element) -> bytes:
    """Return root as indented UTF-8 XML with a declaration."""
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
