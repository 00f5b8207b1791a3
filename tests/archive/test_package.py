"""The information package itself, from hand-made data: valid, complete, checksummed, stable."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date
from importlib import resources
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree
from offline_eark import findings

from iopdocs.archive.model import Decision, Description, Party, Record
from iopdocs.archive.package import build_package, package_id

NS = {
    "mets": "http://www.loc.gov/METS/",
    "xlink": "http://www.w3.org/1999/xlink",
    "premis": "http://www.loc.gov/premis/v3",
    "a": "urn:x-iopdocs:arende:1",
}

DESCRIPTION = Description(
    kommun="Linköpings kommun",
    organisationsnummer="212000-0449",
    nämnd="Social- och omsorgsnämnden",
    förvaltning="Social- och omsorgsförvaltningen",
    diarienummer="SON 2023-0412",
    rubrik="Avslut av idéburet offentligt partnerskap (IOP) med Berga Mötesplats",
    ärendetyp="avslut",
    upprättad=date(2024, 12, 4),
    beslut=Decision(
        datum=date(2024, 12, 18),
        paragraf=142,
        beslutstext=("Nämnden avslutar överenskommelsen.",),
        justerat=date(2024, 12, 23),
        skickas_till=("Berga Mötesplats",),
    ),
    parter=(Party("Berga Mötesplats", "802481-1658"), Party("Förening & Co <AB>", "802000-0000")),
    period=(date(2024, 1, 1), date(2026, 12, 31)),
    programversion="0.1.0",
)
RECORDS = [
    Record("tjansteskrivelse.docx", b"PK docx bytes", "Tjänsteskrivelse"),
    Record("tjansteskrivelse.pdf", b"%PDF-1.7 pdf bytes", "Tjänsteskrivelse"),
    Record("Ärende 3 & co.yaml", b"diarienummer: SON 2023-0412\n", "Ärendefil"),
]


@pytest.fixture(scope="module")
def package():
    return build_package(DESCRIPTION, RECORDS)


@pytest.fixture(scope="module")
def unpacked(package, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("paket")
    with zipfile.ZipFile(io.BytesIO(package.zip_bytes())) as archive:
        archive.extractall(folder)
    return folder / package.objid


def test_the_validator_finds_no_error_and_no_warning(package, unpacked, tmp_path):
    assert findings(unpacked, package.parts["METS.xml"]) == []
    zipped = tmp_path / "paket.zip"
    zipped.write_bytes(package.zip_bytes())
    assert findings(zipped, package.parts["METS.xml"]) == []


def test_a_broken_package_is_found_by_the_validator(package, unpacked, tmp_path):
    broken = tmp_path / package.objid
    broken.mkdir()
    mets = package.parts["METS.xml"].replace(b'LABEL="Schemas"', b'LABEL="Scheman"')
    (broken / "METS.xml").write_bytes(mets)
    assert ("Error", "CSIP99") in [(s, r) for s, r, _ in findings(broken, mets)]


def test_the_zip_holds_one_folder_named_after_the_package(package):
    with zipfile.ZipFile(io.BytesIO(package.zip_bytes())) as archive:
        names = archive.namelist()
    assert {name.split("/")[0] for name in names} == {package.objid}
    assert package.objid.startswith("uuid-")
    assert sorted(n.removeprefix(package.objid + "/") for n in names if not n.endswith("/")) == (
        sorted(package.parts)
    )


def test_the_same_case_gives_the_same_bytes_and_another_decision_another_id(package):
    assert build_package(DESCRIPTION, RECORDS).zip_bytes() == package.zip_bytes()
    other = Decision(date(2024, 12, 18), 143, ("X.",), None, ())
    from dataclasses import replace

    assert package_id(replace(DESCRIPTION, beslut=other)) != package.objid


def test_every_file_is_listed_with_its_sha256_and_size_in_the_mets_files(package):
    for mets_path, base in (
        ("METS.xml", ""),
        ("representations/rep1/METS.xml", "representations/rep1/"),
    ):
        mets = etree.fromstring(package.parts[mets_path])
        listed = mets.xpath("//mets:file | //mets:mdRef", namespaces=NS)
        assert listed
        for element in listed:
            href = element.find("mets:FLocat", NS) if element.tag.endswith("}file") else element
            path = base + unquote(href.get(f"{{{NS['xlink']}}}href"))
            data = package.parts[path]
            assert element.get("CHECKSUMTYPE") == "SHA-256"
            assert element.get("CHECKSUM") == hashlib.sha256(data).hexdigest(), path
            assert int(element.get("SIZE")) == len(data), path


def test_premis_has_the_sha256_of_every_file(package):
    root = etree.fromstring(package.parts["metadata/preservation/premis.xml"])
    digests = {
        o.findtext(
            "premis:objectIdentifier/premis:objectIdentifierValue", namespaces=NS
        ): o.findtext(
            "premis:objectCharacteristics/premis:fixity/premis:messageDigest", namespaces=NS
        )
        for o in root.findall("premis:object", NS)
    }
    expected = set(package.parts) - {"METS.xml", "metadata/preservation/premis.xml"}
    assert set(digests) == expected
    for path, digest in digests.items():
        assert digest == hashlib.sha256(package.parts[path]).hexdigest(), path


def test_the_representation_mets_is_valid_mets(unpacked):
    from offline_eark import validator

    validator()
    from eark_validator.mets import MetsValidator

    checker = MetsValidator(str(unpacked / "representations" / "rep1"))
    assert checker.validate_mets("METS.xml"), checker.validation_errors


def test_the_description_follows_its_schema_and_names_decision_and_parties(package):
    schema = etree.XMLSchema(
        etree.fromstring(
            resources.files("iopdocs.archive").joinpath("iopdocs-arende-1.xsd").read_bytes()
        )
    )
    described = etree.fromstring(package.parts["metadata/descriptive/arende.xml"])
    schema.assertValid(described)
    assert (
        package.parts["schemas/iopdocs-arende-1.xsd"]
        == resources.files("iopdocs.archive").joinpath("iopdocs-arende-1.xsd").read_bytes()
    )
    text = lambda path: described.xpath(path, namespaces=NS)  # noqa: E731
    assert text("string(a:beslut/a:paragraf)") == "142"
    assert text("string(a:beslut/a:datum)") == "2024-12-18"
    assert text("a:parter/a:part/a:organisationsnummer/text()") == ["802481-1658", "802000-0000"]
    assert text("string(a:parter/a:part[2]/a:namn)") == "Förening & Co <AB>"
    assert text("string(a:myndighet/a:organisationsnummer)") == "212000-0449"


def test_the_header_names_the_archival_creator_by_organisationsnummer(package):
    mets = etree.fromstring(package.parts["METS.xml"])
    [code] = mets.xpath("//mets:agent[@ROLE='ARCHIVIST']/mets:note/text()", namespaces=NS)
    assert code == "ORG:2120000449"
    assert mets.get("OBJID") == package.objid
    assert mets.xpath("string(//mets:altRecordID[@TYPE='REFERENCECODE'])", namespaces=NS) == (
        "SON 2023-0412"
    )
    assert mets.xpath("string(//mets:metsHdr/@CREATEDATE)", namespaces=NS) == "2024-12-23T00:00:00"
