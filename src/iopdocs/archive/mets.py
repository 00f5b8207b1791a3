"""METS files of the package: the root METS.xml and one per representation.

The shape follows E-ARK CSIP 2.1 and SIP 2.1 as FGS Paketstruktur 2.0 takes
them, and passes eark-validator 1.1.3 (whose quirks it also meets: a
"Representations" division around each representation's division, and a
content information type on every file group).
"""

from __future__ import annotations

from urllib.parse import quote

from lxml import etree

from iopdocs.archive.formats import format_of
from iopdocs.archive.model import Description
from iopdocs.archive.xml import CSIP, METS, SIP, XLINK, XSI, name_id, q, serialise, sha256, sub

PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
CONTENT_TYPE = "IOPDOCS-ARENDE-1"
CATEGORY = "Textual works – Digital"
SCHEMA_LOCATION = " ".join(
    (
        METS, "http://www.loc.gov/standards/mets/mets.xsd",
        XLINK, "http://www.loc.gov/standards/mets/xlink.xsd",
        CSIP, "https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd",
        SIP, "https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd",
    )
)  # fmt: skip
NSMAP = {"mets": METS, "xlink": XLINK, "xsi": XSI, "csip": CSIP, "sip": SIP}


def root_mets(objid: str, desc: Description, parts: dict[str, bytes], rep: str) -> bytes:
    """Return the package's METS.xml for `parts` (package path -> bytes) and representation `rep`."""
    created = desc.created
    root = _mets(objid, desc)
    _header(root, desc, created, submitter=True)
    dmd_id = _dmd(root, objid, parts, created)
    digi_id = _digiprov(root, objid, "metadata/preservation/premis.xml", parts, created)
    sec = sub(root, METS, "fileSec", ID=name_id(objid, "fileSec"))
    groups = {
        use: _group(
            sec, objid, use, {p: b for p, b in parts.items() if p.startswith(folder)}, created
        )
        for use, folder in (("Documentation", "documentation/"), ("Schemas", "schemas/"))
    }
    rep_mets = f"representations/{rep}/METS.xml"
    rep_group = _group(sec, objid, f"Representations/{rep}", {rep_mets: parts[rep_mets]}, created)
    top = _struct_map(root, objid, objid)
    _div(top, objid, "Metadata", ADMID=digi_id, DMDID=dmd_id)
    for use, group in groups.items():
        _fptr(_div(top, objid, use), group)
    representations = _div(top, objid, "Representations")
    _fptr(representations, rep_group)
    division = _div(representations, objid, f"Representations/{rep}")
    _link(sub(division, METS, "mptr"), rep_mets).set(q(XLINK, "title"), rep_group)
    return serialise(root)


def representation_mets(objid: str, desc: Description, rep: str, files: dict[str, bytes]) -> bytes:
    """Return representations/<rep>/METS.xml; `files` are paths relative to the representation."""
    rid = f"{objid}/{rep}"
    created = desc.created
    root = _mets(rid, desc)
    _header(root, desc, created, submitter=False)
    digi_id = _digiprov(root, rid, "metadata/preservation/premis.xml", files, created)
    sec = sub(root, METS, "fileSec", ID=name_id(rid, "fileSec"))
    data = {p: b for p, b in files.items() if p.startswith("data/")}
    group = _group(sec, rid, f"Representations/{rep}", data, created)
    top = _struct_map(root, rid, rep)
    _div(top, rid, "Metadata", ADMID=digi_id)
    _fptr(_div(top, rid, "Data"), group)
    return serialise(root)


def _mets(objid: str, desc: Description) -> etree._Element:
    """Return the mets root element with the package's identity and profile."""
    root = etree.Element(q(METS, "mets"), nsmap=NSMAP)
    for name, value in (
        ("OBJID", objid),
        ("LABEL", desc.rubrik),
        ("TYPE", CATEGORY),
        (q(CSIP, "CONTENTINFORMATIONTYPE"), "OTHER"),
        (q(CSIP, "OTHERCONTENTINFORMATIONTYPE"), CONTENT_TYPE),
        ("PROFILE", PROFILE),
        (q(XSI, "schemaLocation"), SCHEMA_LOCATION),
    ):
        root.set(name, value)
    return root


def _header(root: etree._Element, desc: Description, created: str, submitter: bool) -> None:
    """Append metsHdr: the archival creator (the nämnd), the software, the submitter."""
    hdr = sub(root, METS, "metsHdr", CREATEDATE=created, LASTMODDATE=created, RECORDSTATUS="NEW")
    hdr.set(q(CSIP, "OAISPACKAGETYPE"), "SIP")
    code = "ORG:" + desc.organisationsnummer.replace("-", "")
    if submitter:
        _agent(
            hdr,
            f"{desc.kommun}, {desc.nämnd}",
            "IDENTIFICATIONCODE",
            code,
            ROLE="ARCHIVIST",
            TYPE="ORGANIZATION",
        )
    _agent(
        hdr,
        "iopdocs",
        "SOFTWARE VERSION",
        desc.programversion,
        ROLE="CREATOR",
        TYPE="OTHER",
        OTHERTYPE="SOFTWARE",
    )
    if submitter:
        name = f"{desc.kommun}, {desc.förvaltning}"
        _agent(
            hdr,
            name,
            "IDENTIFICATIONCODE",
            code,
            ROLE="OTHER",
            OTHERROLE="SUBMITTER",
            TYPE="ORGANIZATION",
        )
        sub(hdr, METS, "altRecordID", desc.diarienummer, TYPE="REFERENCECODE")


def _agent(hdr: etree._Element, name: str, note_type: str, note: str, **attrs: str) -> None:
    """Append an agent with its name and one typed note."""
    agent = sub(hdr, METS, "agent", **attrs)
    sub(agent, METS, "name", name)
    sub(agent, METS, "note", note).set(q(CSIP, "NOTETYPE"), note_type)


def _dmd(root: etree._Element, objid: str, parts: dict[str, bytes], created: str) -> str:
    """Append the dmdSec pointing at arende.xml; return its ID."""
    dmd_id = name_id(objid, "dmdSec")
    dmd = sub(root, METS, "dmdSec", ID=dmd_id, CREATED=created, STATUS="CURRENT")
    path = "metadata/descriptive/arende.xml"
    _md_ref(dmd, path, parts[path], created, MDTYPE="OTHER", OTHERMDTYPE="IOPDOCS-ARENDE")
    return dmd_id


def _digiprov(
    root: etree._Element, scope: str, path: str, parts: dict[str, bytes], created: str
) -> str:
    """Append amdSec/digiprovMD pointing at the PREMIS file; return its ID."""
    digi_id = name_id(scope, "digiprovMD")
    digi = sub(sub(root, METS, "amdSec"), METS, "digiprovMD", ID=digi_id, STATUS="CURRENT")
    _md_ref(digi, path, parts[path], created, MDTYPE="PREMIS")
    return digi_id


def _md_ref(parent: etree._Element, path: str, data: bytes, created: str, **kind: str) -> None:
    """Append an mdRef to a metadata file with its size and SHA-256."""
    ref = _link(sub(parent, METS, "mdRef"), path)
    for name, value in kind.items():
        ref.set(name, value)
    _fixity(ref, "text/xml", data, created)


def _link(element: etree._Element, path: str) -> etree._Element:
    """Set a relative URL link to a package path on element and return it.

    The path is percent-encoded (a case file may be named 'Ärende 3.yaml'):
    CSIP references files by URL.
    """
    element.set("LOCTYPE", "URL")
    element.set(q(XLINK, "type"), "simple")
    element.set(q(XLINK, "href"), quote(path, safe="/"))
    return element


def _fixity(element: etree._Element, mimetype: str, data: bytes, created: str) -> None:
    """Set MIMETYPE, SIZE, CREATED and the SHA-256 checksum on element."""
    for name, value in (
        ("MIMETYPE", mimetype),
        ("SIZE", str(len(data))),
        ("CREATED", created),
        ("CHECKSUM", sha256(data)),
        ("CHECKSUMTYPE", "SHA-256"),
    ):
        element.set(name, value)


def _group(sec: etree._Element, scope: str, use: str, files: dict[str, bytes], created: str) -> str:
    """Append a fileGrp of `files` (path -> bytes) for `use`; return its ID."""
    group_id = name_id(scope, "fileGrp", use)
    group = sub(sec, METS, "fileGrp", ID=group_id, USE=use)
    group.set(q(CSIP, "CONTENTINFORMATIONTYPE"), "OTHER")
    group.set(q(CSIP, "OTHERCONTENTINFORMATIONTYPE"), CONTENT_TYPE)
    for path in sorted(files):
        fmt = format_of(path)
        element = sub(group, METS, "file", ID=name_id(scope, "file", path))
        _fixity(element, fmt.mimetype, files[path], created)
        element.set(q(SIP, "FILEFORMATNAME"), fmt.name)
        if fmt.version:
            element.set(q(SIP, "FILEFORMATVERSION"), fmt.version)
        element.set(q(SIP, "FILEFORMATREGISTRY"), "PRONOM")
        element.set(q(SIP, "FILEFORMATKEY"), fmt.pronom)
        _link(sub(element, METS, "FLocat"), path)
    return group_id


def _struct_map(root: etree._Element, scope: str, label: str) -> etree._Element:
    """Append the CSIP structMap and return its one top division."""
    smap = sub(
        root, METS, "structMap", ID=name_id(scope, "structMap"), TYPE="PHYSICAL", LABEL="CSIP"
    )
    return _div(smap, scope, label)


def _div(parent: etree._Element, scope: str, label: str, **attrs: str) -> etree._Element:
    """Append a division with a stable ID and its LABEL."""
    return sub(parent, METS, "div", ID=name_id(scope, "div", label), LABEL=label, **attrs)


def _fptr(div: etree._Element, group_id: str) -> None:
    """Point a division at a file group."""
    sub(div, METS, "fptr", FILEID=group_id)
