"""Assemble an information package from a decided case's description and files.

Layout (FGS Paketstruktur 2.0, E-ARK CSIP 2.1 + SIP 2.1):

    <OBJID>/METS.xml
    <OBJID>/metadata/descriptive/arende.xml
    <OBJID>/metadata/preservation/premis.xml        every file below, with SHA-256
    <OBJID>/documentation/om-paketet.txt
    <OBJID>/schemas/iopdocs-arende-1.xsd
    <OBJID>/representations/rep1/METS.xml
    <OBJID>/representations/rep1/metadata/preservation/premis.xml
    <OBJID>/representations/rep1/data/<the papers as PDF/A and .docx, the case file>

Each file is made after the files it lists, so every checksum is known when
it is written. The same description and files give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from iopdocs.archive import describe, mets, premis
from iopdocs.archive.model import Description, Record
from iopdocs.archive.xml import name_id

REP = "rep1"
_EPOCH = (1980, 1, 1, 0, 0, 0)

DOCUMENTATION = """\
Om paketet

Paketet innehåller ett beslutat ärende om idéburet offentligt partnerskap
(IOP): handlingarna som PDF/A och i det format de skrevs (.docx), och den
ärendefil (YAML) som de gjordes ur. Paketet följer FGS Paketstruktur 2.0
(E-ARK CSIP 2.1 med E-ARK SIP 2.1) och skrevs av iopdocs.

METS.xml                          paketets innehåll, struktur och kontrollsummor (SHA-256)
metadata/descriptive/arende.xml   ärendet: myndighet, diarienummer, rubrik, beslut, parter
metadata/preservation/premis.xml  PREMIS 3: kontrollsumma, storlek och format för varje fil
schemas/iopdocs-arende-1.xsd      XML-schemat för arende.xml
representations/rep1/             handlingarna, med egen METS.xml och PREMIS
"""


@dataclass(frozen=True)
class Package:
    """A package: its OBJID and every file by its path inside the root folder."""

    objid: str
    parts: dict[str, bytes]

    def zip_bytes(self) -> bytes:
        """Return the package as a zip with one root folder named after OBJID, byte-stable."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for folder in _folders(self.parts):
                _add(archive, f"{self.objid}/{folder}/".replace("//", "/"), b"", 0o40755)
            for path in sorted(self.parts):
                _add(archive, f"{self.objid}/{path}", self.parts[path], 0o100644)
        return buffer.getvalue()


def package_id(desc: Description) -> str:
    """Return the OBJID: a name-based UUID of organisation, diarienummer and decision.

    The same decision always gets the same id; another decision in the same
    case (an ändringsbeslut) gets another.
    """
    beslut = desc.beslut
    return name_id(
        desc.organisationsnummer, desc.diarienummer, beslut.datum.isoformat(), str(beslut.paragraf)
    )


def build_package(desc: Description, records: list[Record]) -> Package:
    """Return the package of a decided case with its records (papers and case file)."""
    objid = package_id(desc)
    rep_files = {f"data/{r.name}": r.data for r in records}
    rep_files["metadata/preservation/premis.xml"] = premis.premis(
        f"{objid}/{REP}", dict(rep_files), desc.created, desc.programversion
    )
    rep_files["METS.xml"] = mets.representation_mets(objid, desc, REP, rep_files)
    parts = {f"representations/{REP}/{path}": data for path, data in rep_files.items()}
    listed = [(r, f"representations/{REP}/data/{r.name}") for r in records]
    parts["metadata/descriptive/arende.xml"] = describe.describe(desc, listed)
    parts[f"schemas/{describe.SCHEMA_NAME}"] = describe.schema_bytes()
    parts["documentation/om-paketet.txt"] = DOCUMENTATION.encode("utf-8")
    parts["metadata/preservation/premis.xml"] = premis.premis(
        objid, dict(parts), desc.created, desc.programversion
    )
    parts["METS.xml"] = mets.root_mets(objid, desc, parts, REP)
    return Package(objid, parts)


def _folders(parts: dict[str, bytes]) -> list[str]:
    """Return every folder of the package, parents first, the root as ''."""
    folders = {""}
    for path in parts:
        segments = path.split("/")[:-1]
        folders.update("/".join(segments[: i + 1]) for i in range(len(segments)))
    return sorted(folders)


def _add(archive: zipfile.ZipFile, name: str, data: bytes, mode: int) -> None:
    """Add one entry with a fixed date and mode, so the zip's bytes depend only on content."""
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.create_system = 3
    info.external_attr = mode << 16
    if data:
        info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data, compresslevel=9)
