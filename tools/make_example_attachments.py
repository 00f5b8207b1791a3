"""Write the example attachments: the papers that the example cases and meeting attach.

They stand for files a handläggare or secretary gets from elsewhere (a
follow-up report, the parties' plans, a list of delegation decisions), so
they are plain Word documents, some saved as PDF the way Word's "Save as
tagged PDF" does. Run `python tools/make_example_attachments.py` (needs
LibreOffice) and commit what it writes. The texts are invented for the examples.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from iopdocs.publish import pdf  # noqa: E402
from iopdocs.word import ooxml  # noqa: E402

CORE_DATE = datetime(2024, 1, 1)


@dataclass(frozen=True)
class Attachment:
    """One example attachment: where it goes, its title and its blocks."""

    path: str
    title: str
    author: str
    blocks: tuple[tuple[str, object], ...]  # ("h1"|"h2"|"p"|"list"|"table", content)
    as_pdf: bool = True


SION_FOLLOW_UP = Attachment(
    "cases/bilagor/uppfoljning-sion-iogt-nto-2020.pdf",
    "Uppföljning av IOP med Sionförsamlingen och IOGT-NTO",
    "Social- och omsorgsförvaltningen",
    (
        ("h1", "Uppföljning av IOP med Sionförsamlingen och IOGT-NTO"),
        ("p", "Social- och omsorgsförvaltningen, februari 2020"),
        ("h2", "Bakgrund"),
        (
            "p",
            "Kommunen har sedan 2018 ett idéburet offentligt partnerskap med Sionförsamlingen "
            "och IOGT-NTO. Överenskommelsen gäller från och med 2018-01-01 till och med "
            "2020-12-31. Rapporten beskriver de två första åren.",
        ),
        ("h2", "Sionförsamlingen"),
        (
            "p",
            "Fler har sökt stöd hos församlingen, särskilt i början av året, och många av dem "
            "är unga män som saknar en fast bostad. Församlingen erbjuder arbetsträning efter "
            "ett veckoschema, samtal och grupper. Att många saknar bostad gör det svårt för "
            "dem att delta regelbundet.",
        ),
        ("h2", "IOGT-NTO"),
        (
            "p",
            "Lokalen är basen i verksamheten och har hållit öppet de flesta vardagar. Under "
            "hösten har organisationen haft mindre personal och har då prioriterat den öppna "
            "lokalen framför konferenser och andra sammankomster. Nya besökare har hittat dit, "
            "bland annat genom självhjälpsgrupper som använder lokalen.",
        ),
        ("h2", "Bedömning"),
        (
            "p",
            "Båda organisationerna når den tänkta målgruppen. Kontakterna mellan dem har "
            "däremot varit få, och det gemensamma arbete som partnerskapet byggde på har inte "
            "kommit till stånd. Förvaltningen bedömer att partnerskapet delvis har nått sitt "
            "syfte.",
        ),
    ),
)

PLANS_2025 = Attachment(
    "cases/bilagor/verksamhetsplaner-2025.pdf",
    "Parternas verksamhetsplaner för 2025",
    "Stångåmissionen, Kvinnojouren Fyrljuset och Kvarnbackens IK",
    (
        ("h1", "Parternas verksamhetsplaner för 2025"),
        ("p", "Sammanställd av parterna i september 2024 inför ett gemensamt partnerskap."),
        ("h2", "Stångåmissionen"),
        (
            "list",
            (
                "Stödsamtal för kvinnor som har lämnat en våldsam relation, dagtid och en kväll "
                "i veckan.",
                "Hjälp att hitta och behålla en egen bostad efter tiden i skyddat boende.",
                "En samtalsgrupp för kvinnor varje termin.",
            ),
        ),
        ("h2", "Kvinnojouren Fyrljuset"),
        (
            "list",
            (
                "Jourtelefon och stödsamtal.",
                "Sällskap till möten med myndigheter, vården och domstolen.",
                "Träffar för mammor och barn under skolloven.",
            ),
        ),
        ("h2", "Kvarnbackens IK"),
        (
            "list",
            (
                "Öppen träning för barn två kvällar i veckan, utan avgift.",
                "Ledare som har gått föreningens utbildning om barn som har upplevt våld.",
                "Ett sommarläger tillsammans med de två andra parterna.",
            ),
        ),
    ),
)

STATUS_REPORT = Attachment(
    "sammantraden/bilagor/lagesrapport-iop-2024.pdf",
    "Lägesrapport om idéburna offentliga partnerskap",
    "Social- och omsorgsförvaltningen",
    (
        ("h1", "Lägesrapport om idéburna offentliga partnerskap"),
        ("p", "Social- och omsorgsförvaltningen, november 2024"),
        ("h2", "Partnerskap som pågår"),
        (
            "list",
            (
                "IOGT-NTO och Pingstförsamlingen, från och med 2024-01-01 till och med 2026-12-31.",
                "Berga Mötesplats, från och med 2024-01-01 till och med 2026-12-31.",
            ),
        ),
        ("h2", "Under året"),
        (
            "p",
            "Parterna i båda partnerskapen har träffat förvaltningen varje kvartal. Berga "
            "Mötesplats har meddelat att föreningen har svårt att hitta volontärer, och "
            "förvaltningen för samtal med föreningen om hur verksamheten ska fortsätta.",
        ),
        ("h2", "Inför 2025"),
        (
            "p",
            "Nämnden får i dag ett förslag om ett nytt partnerskap mot våld i nära relationer. "
            "Uppföljningen av partnerskapet med IOGT-NTO och Pingstförsamlingen för 2024 "
            "redovisas för nämnden i början av 2025.",
        ),
    ),
)

DELEGATION_LIST = Attachment(
    "sammantraden/bilagor/delegationsbeslut-2024-10.docx",
    "Förteckning över delegationsbeslut oktober 2024",
    "Social- och omsorgsförvaltningen",
    (
        ("h1", "Förteckning över delegationsbeslut oktober 2024"),
        ("p", "Beslut som har fattats med stöd av nämndens delegationsordning."),
        (
            "table",
            (
                ("Datum", "Beslut", "Delegat"),
                (
                    "2024-10-03",
                    "Yttrande till länsstyrelsen om tillsyn av ett boende",
                    "Avdelningschef",
                ),
                ("2024-10-14", "Förlängd öppettid för Träffpunkt Ryd under hösten", "Enhetschef"),
                ("2024-10-22", "Avtal om lokal för anhörigstöd", "Social- och omsorgsdirektör"),
                ("2024-10-29", "Attest av bidrag till en idéburen förening", "Enhetschef"),
            ),
        ),
    ),
    as_pdf=False,
)

ATTACHMENTS = (SION_FOLLOW_UP, PLANS_2025, STATUS_REPORT, DELEGATION_LIST)


def document_for(attachment: Attachment) -> Document:
    """Return the attachment as a Word document: Swedish, titled, real headings and lists."""
    document = docx.Document()
    _swedish(document)
    core = document.core_properties
    core.title, core.author, core.language = attachment.title, attachment.author, "sv-SE"
    core.created = core.modified = CORE_DATE
    for kind, content in attachment.blocks:
        if kind == "h1":
            document.add_paragraph(str(content), style="Heading 1")
        elif kind == "h2":
            document.add_paragraph(str(content), style="Heading 2")
        elif kind == "list":
            for item in content:  # type: ignore[union-attr]
                document.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            _table(document, content)  # type: ignore[arg-type]
        else:
            document.add_paragraph(str(content))
    return document


def _swedish(document: Document) -> None:
    """Set Swedish as the language of the style defaults (not only the core property)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="sv-SE" w:eastAsia="sv-SE"/>'))


def _table(document: Document, rows) -> None:
    """Add a table whose first row is a marked header row."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]), style="Table Grid")
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def save_docx(document: Document, target: Path) -> None:
    """Save a document with fixed zip times, so that the same text gives the same bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp.docx")
    document.save(str(tmp))
    package = ooxml.read_package(tmp.read_bytes())
    tmp.unlink()
    target.write_bytes(ooxml.write_package(package.order, dict(package.parts)))


def main() -> None:
    """Write every example attachment; a PDF from its Word document with LibreOffice."""
    for attachment in ATTACHMENTS:
        target = ROOT / attachment.path
        source = target.with_suffix(".docx")
        save_docx(document_for(attachment), source)
        if attachment.as_pdf:
            with pdf.PdfConverter() as converter:
                [result] = converter.convert([source])
            pdf.require_all([result])
            assert result.data is not None
            target.write_bytes(result.data)
            source.unlink()
        print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
