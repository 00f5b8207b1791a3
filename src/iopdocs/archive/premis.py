"""PREMIS 3 preservation metadata: every file with its SHA-256, size and format."""

from __future__ import annotations

from lxml import etree

from iopdocs.archive.formats import format_of
from iopdocs.archive.xml import PREMIS, XSI, name_id, q, serialise, sha256, sub

SCHEMA_LOCATION = f"{PREMIS} http://www.loc.gov/standards/premis/v3/premis.xsd"
AGENT = "iopdocs"


def premis(scope: str, files: dict[str, bytes], created: str, version: str) -> bytes:
    """Return PREMIS describing `files` (path -> bytes), one digest event, the tool as agent."""
    root = etree.Element(q(PREMIS, "premis"), nsmap={"premis": PREMIS, "xsi": XSI}, version="3.0")
    root.set(q(XSI, "schemaLocation"), SCHEMA_LOCATION)
    event_id = name_id(scope, "event", "message digest calculation")
    agent_id = name_id(scope, "agent", AGENT)
    for path in sorted(files):
        _object(root, path, files[path], event_id)
    _event(root, event_id, agent_id, created)
    agent = sub(root, PREMIS, "agent")
    _identifier(agent, "agentIdentifier", agent_id)
    sub(agent, PREMIS, "agentName", AGENT)
    sub(agent, PREMIS, "agentType", "software")
    sub(agent, PREMIS, "agentVersion", version)
    return serialise(root)


def _identifier(parent: etree._Element, tag: str, value: str) -> None:
    """Append a PREMIS identifier of kind `tag` (objectIdentifier, eventIdentifier …) of type local."""
    stem = tag.removesuffix("Identifier")
    element = sub(parent, PREMIS, tag)
    sub(element, PREMIS, f"{stem}IdentifierType", "local")
    sub(element, PREMIS, f"{stem}IdentifierValue", value)


def _object(root: etree._Element, path: str, data: bytes, event_id: str) -> None:
    """Append the file object at `path` with fixity, size and PRONOM format."""
    obj = sub(root, PREMIS, "object")
    obj.set(q(XSI, "type"), "premis:file")
    _identifier(obj, "objectIdentifier", path)
    chars = sub(obj, PREMIS, "objectCharacteristics")
    sub(chars, PREMIS, "compositionLevel", "0")
    fixity = sub(chars, PREMIS, "fixity")
    sub(fixity, PREMIS, "messageDigestAlgorithm", "SHA-256")
    sub(fixity, PREMIS, "messageDigest", sha256(data))
    sub(fixity, PREMIS, "messageDigestOriginator", AGENT)
    sub(chars, PREMIS, "size", str(len(data)))
    fmt = format_of(path)
    element = sub(chars, PREMIS, "format")
    designation = sub(element, PREMIS, "formatDesignation")
    sub(designation, PREMIS, "formatName", fmt.name)
    if fmt.version:
        sub(designation, PREMIS, "formatVersion", fmt.version)
    registry = sub(element, PREMIS, "formatRegistry")
    sub(registry, PREMIS, "formatRegistryName", "PRONOM")
    sub(registry, PREMIS, "formatRegistryKey", fmt.pronom)
    sub(obj, PREMIS, "originalName", path.rsplit("/", 1)[-1])
    _identifier(obj, "linkingEventIdentifier", event_id)


def _event(root: etree._Element, event_id: str, agent_id: str, created: str) -> None:
    """Append the event that computed every digest, done by iopdocs at the package's time."""
    event = sub(root, PREMIS, "event")
    _identifier(event, "eventIdentifier", event_id)
    sub(event, PREMIS, "eventType", "message digest calculation")
    sub(event, PREMIS, "eventDateTime", created)
    outcome = sub(event, PREMIS, "eventOutcomeInformation")
    sub(outcome, PREMIS, "eventOutcome", "success")
    _identifier(event, "linkingAgentIdentifier", agent_id)
