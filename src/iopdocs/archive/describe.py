"""The case's descriptive metadata: metadata/descriptive/arende.xml and its schema.

An own small schema (shipped in the package as schemas/iopdocs-arende-1.xsd)
rather than EAD or CITS ERMS: it says exactly what a decided IOP case is
(nämnd, diarienummer, decision, parties with organisationsnummer) and CSIP
accepts it as MDTYPE="OTHER" with the schema beside it.
"""

from __future__ import annotations

from importlib import resources

from lxml import etree

from iopdocs.archive.model import Description, Record
from iopdocs.archive.xml import ARENDE, q, serialise, sub

SCHEMA_NAME = "iopdocs-arende-1.xsd"
MDTYPE = "IOPDOCS-ARENDE"


def schema_bytes() -> bytes:
    """Return the XML Schema of arende.xml."""
    return resources.files("iopdocs.archive").joinpath(SCHEMA_NAME).read_bytes()


def describe(desc: Description, records: list[tuple[Record, str]]) -> bytes:
    """Return arende.xml: the case, its decision, parties and files (record, package path)."""
    root = etree.Element(q(ARENDE, "arende"), nsmap={None: ARENDE}, version="1.0")
    _authority(root, desc)
    for tag, text in (
        ("diarienummer", desc.diarienummer),
        ("rubrik", desc.rubrik),
        ("arendetyp", desc.ärendetyp),
        ("upprattad", desc.upprättad.isoformat()),
    ):
        sub(root, ARENDE, tag, text)
    _decision(root, desc)
    parter = sub(root, ARENDE, "parter")
    for party in desc.parter:
        part = sub(parter, ARENDE, "part")
        sub(part, ARENDE, "namn", party.namn)
        sub(part, ARENDE, "organisationsnummer", party.organisationsnummer)
    if desc.period:
        period = sub(root, ARENDE, "period")
        sub(period, ARENDE, "fran", desc.period[0].isoformat())
        sub(period, ARENDE, "till", desc.period[1].isoformat())
    handlingar = sub(root, ARENDE, "handlingar")
    for record, path in records:
        handling = sub(handlingar, ARENDE, "handling")
        sub(handling, ARENDE, "titel", record.titel)
        sub(handling, ARENDE, "fil", path)
    return serialise(root)


def _authority(root: etree._Element, desc: Description) -> None:
    """Append the deciding authority: municipality, its organisationsnummer, nämnd, förvaltning."""
    authority = sub(root, ARENDE, "myndighet")
    sub(authority, ARENDE, "kommun", desc.kommun)
    sub(authority, ARENDE, "organisationsnummer", desc.organisationsnummer)
    sub(authority, ARENDE, "namnd", desc.nämnd)
    sub(authority, ARENDE, "forvaltning", desc.förvaltning)


def _decision(root: etree._Element, desc: Description) -> None:
    """Append the decision: date, §, text as decided, justering and recipients."""
    beslut = desc.beslut
    element = sub(root, ARENDE, "beslut")
    sub(element, ARENDE, "datum", beslut.datum.isoformat())
    sub(element, ARENDE, "paragraf", str(beslut.paragraf))
    text = sub(element, ARENDE, "beslutstext")
    for point in beslut.beslutstext:
        sub(text, ARENDE, "punkt", point)
    if beslut.justerat:
        sub(element, ARENDE, "justerat", beslut.justerat.isoformat())
    recipients = sub(element, ARENDE, "skickas_till")
    for name in beslut.skickas_till:
        sub(recipients, ARENDE, "mottagare", name)
