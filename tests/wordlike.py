"""Edit a generated .docx the way Word and LibreOffice do, for the tests of `iopdocs hamta`.

`WordDoc` edits the XML as Word does: it splits runs at every edit and marks
them with revision ids, adds proofing marks and languages, and gives a new
paragraph the properties of the one where Enter was pressed, inside the same
content control. `libreoffice_round_trip` opens and saves documents in
LibreOffice (`soffice --convert-to docx`); `libreoffice_edit` makes edits in
LibreOffice itself over UNO, with the system Python's python3-uno.
"""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
UNO_SCRIPT = Path(__file__).with_name("lo_edit.py")


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(q("t")))


def _t(value: str) -> etree._Element:
    t = etree.Element(q("t"))
    t.text = value
    t.set(XML_SPACE, "preserve")
    return t


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


class WordDoc:
    """A .docx open for editing; `save()` returns its new bytes."""

    def __init__(self, data: bytes) -> None:
        package = zipfile.ZipFile(io.BytesIO(data))
        self.parts = {name: package.read(name) for name in package.namelist()}
        self.root = etree.fromstring(self.parts["word/document.xml"])
        self.revision = 0

    def save(self) -> bytes:
        self.parts["word/document.xml"] = etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in self.parts.items():
                package.writestr(name, data)
        return out.getvalue()

    def paragraph(self, start: str) -> etree._Element:
        """Return the first body paragraph whose text starts with `start`."""
        for p in self.root.iter(q("p")):
            if text(p).startswith(start):
                return p
        raise KeyError(start)

    def _stamp(self, element: etree._Element) -> etree._Element:
        self.revision += 1
        element.set(q("rsidR"), f"00A{self.revision:05X}")
        return element

    def retype(self, start: str, new: str) -> None:
        """Select a whole paragraph's text and type `new` over it."""
        p = self.paragraph(start)
        runs = list(p.iter(q("r")))
        for run in runs[1:]:
            run.getparent().remove(run)
        first = runs[0]
        for child in [c for c in first if c.tag != q("rPr")]:
            first.remove(child)
        properties = first.find(q("rPr"))
        if properties is None:
            properties = etree.Element(q("rPr"))
            first.insert(0, properties)
        etree.SubElement(properties, q("lang")).set(q("val"), "sv-SE")
        first.append(_t(new))
        self._stamp(first)
        first.addprevious(etree.Element(q("proofErr"), {q("type"): "spellStart"}))
        first.addnext(etree.Element(q("proofErr"), {q("type"): "spellEnd"}))

    def replace(self, start: str, old: str, new: str) -> None:
        """Select `old` inside a paragraph (within one run) and type `new` over it."""
        for t in self.paragraph(start).iter(q("t")):
            if old in (t.text or ""):
                t.text = t.text.replace(old, new, 1)
                t.set(XML_SPACE, "preserve")
                self._stamp(t.getparent())
                return
        raise KeyError(old)

    def empty_control(self, start: str) -> None:
        """Delete all the text of the content control in a paragraph: Word shows its placeholder."""
        control = next(self.paragraph(start).iter(q("sdt")))
        content = control.find(q("sdtContent"))
        for child in list(content):
            content.remove(child)
        run = etree.SubElement(content, q("r"))
        etree.SubElement(etree.SubElement(run, q("rPr")), q("rStyle")).set(
            q("val"), "PlaceholderText"
        )
        run.append(_t("Klicka eller tryck här för att ange text."))
        etree.SubElement(control.find(q("sdtPr")), q("showingPlcHdr"))

    def enter_after(self, start: str, new: str, style: str | None = None) -> None:
        """Click at the end of a paragraph, press Enter, choose `style` if given, type `new`.

        The new paragraph lands where Word puts it: inside the content control
        that held the end of the paragraph, with the paragraph's properties.
        """
        p = self.paragraph(start)
        new_p = etree.Element(q("p"))
        properties = p.find(q("pPr"))
        if properties is not None:
            new_p.append(copy.deepcopy(properties))
        if style is not None:
            properties = new_p.find(q("pPr"))
            if properties is None:
                properties = etree.SubElement(new_p, q("pPr"))
            for old in properties.findall(q("numPr")) + properties.findall(q("pStyle")):
                properties.remove(old)
            properties.insert(0, etree.Element(q("pStyle"), {q("val"): style}))
        run = etree.SubElement(new_p, q("r"))
        run.append(_t(new))
        p.addnext(self._stamp(new_p))

    def mark(self, start: str, word: str, *properties: str) -> None:
        """Select `word` in a paragraph and format it: "b" (Ctrl+B), "color=FF0000" …"""
        p = self.paragraph(start)
        for run in list(p.iter(q("r"))):
            t = run.find(q("t"))
            if t is None or word not in (t.text or ""):
                continue
            before, _, after = t.text.partition(word)
            for piece, marked in ((before, False), (word, True), (after, False)):
                if not piece:
                    continue
                new = copy.deepcopy(run)
                for old in new.findall(q("t")):
                    new.remove(old)
                if marked:
                    _format(new, properties)
                new.append(_t(piece))
                run.addprevious(self._stamp(new))
            run.getparent().remove(run)
            return
        raise KeyError(word)

    def link(self, start: str, word: str, url: str) -> None:
        """Select `word` (within one run) and make it a link to `url` (Ctrl+K)."""
        rels = "word/_rels/document.xml.rels"
        number = self.parts[rels].count(b"<Relationship ") + 100
        relation = (
            f'<Relationship Id="rIdLank{number}" TargetMode="External" Target="{url}" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
        )
        self.parts[rels] = self.parts[rels].replace(
            b"</Relationships>", relation.encode() + b"</Relationships>"
        )
        self.mark(start, word)
        for run in self.paragraph(start).iter(q("r")):
            if "".join(t.text or "" for t in run.iter(q("t"))) == word:
                link = etree.Element(q("hyperlink"), {R_ID: f"rIdLank{number}"})
                run.addprevious(link)
                link.append(run)
                return
        raise KeyError(word)

    def retype_cell(self, old: str, new: str) -> None:
        """Click into the table cell that reads `old` and type `new` over it."""
        for tc in self.root.iter(q("tc")):
            if _same(text(tc), old):
                texts = list(tc.iter(q("t")))
                texts[0].text = new
                for t in texts[1:]:
                    t.text = ""
                return
        raise KeyError(old)

    def insert_table_after(self, start: str) -> None:
        """Insert a one-cell table after a paragraph."""
        table = etree.fromstring(
            f'<w:tbl xmlns:w="{W}"><w:tblPr/><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>'
            "<w:tr><w:tc><w:tcPr/><w:p><w:r><w:t>Ny cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        )
        self.paragraph(start).addnext(table)

    def track_insertion(self, start: str, new: str) -> None:
        """Type `new` at the end of a paragraph with Track Changes on."""
        insertion = etree.SubElement(
            self.paragraph(start), q("ins"), {q("id"): "901", q("author"): "Granskare"}
        )
        etree.SubElement(insertion, q("r")).append(_t(new))


def accept_all(data: bytes) -> bytes:
    """Return a document with every tracked change accepted, as Word's "Accept All" does."""
    doc = WordDoc(data)
    for tag in ("del", "moveFrom"):
        for element in list(doc.root.iter(q(tag))):
            element.getparent().remove(element)
    for tag in ("ins", "moveTo"):
        for element in list(doc.root.iter(q(tag))):
            if element.getparent().tag == q("rPr"):  # an inserted paragraph mark
                element.getparent().remove(element)
                continue
            for child in list(element):
                element.addprevious(child)
            element.getparent().remove(element)
    for tag in ("pPrChange", "rPrChange"):
        for element in list(doc.root.iter(q(tag))):
            element.getparent().remove(element)
    return doc.save()


def _format(run: etree._Element, properties: tuple[str, ...]) -> None:
    """Add run properties ("b", "i", "color=FF0000", "highlight=yellow") to a run."""
    holder = run.find(q("rPr"))
    if holder is None:
        holder = etree.Element(q("rPr"))
        run.insert(0, holder)
    for item in properties:
        name, _, value = item.partition("=")
        element = etree.SubElement(holder, q(name))
        if value:
            element.set(q("val"), value)


def libreoffice_round_trip(documents: list[Path], outdir: Path, profile: Path) -> list[Path]:
    """Open and save documents in LibreOffice as .docx; return the saved copies."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outdir),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [outdir / d.name for d in documents]


def uno_available() -> bool:
    """Return whether LibreOffice can be driven over UNO (the system python3 has python3-uno)."""
    if shutil.which("soffice") is None or not Path("/usr/bin/python3").exists():
        return False
    found = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True)
    return found.returncode == 0


def libreoffice_edit(source: Path, target: Path, profile: Path, *edits: str) -> None:
    """Make edits in LibreOffice itself (see lo_edit.py) and save the document as .docx."""
    subprocess.run(
        ["/usr/bin/python3", str(UNO_SCRIPT), str(source), str(target), str(profile), *edits],
        check=True,
        capture_output=True,
        timeout=300,
    )


def built_project(folder: Path, *cases: str) -> Path:
    """Copy the shipped project into `folder`, build the named example cases; return `folder`."""
    from click.testing import CliRunner

    from iopdocs.cli import main

    root = Path(__file__).resolve().parent.parent
    shutil.copy(root / "iopdocs.yaml", folder / "iopdocs.yaml")
    shutil.copy(root / "ordlista.txt", folder / "ordlista.txt")
    shutil.copytree(root / "templates", folder / "templates")
    shutil.copytree(root / "cases", folder / "cases")
    files = [str(folder / "cases" / f"{case}.yaml") for case in cases]
    settings = ["--installningar", str(folder / "iopdocs.yaml"), "--ut", str(folder / "output")]
    result = CliRunner().invoke(main, ["build", *settings, *files])
    assert result.exit_code == 0, result.output
    return folder


def copy_of_built(built: Path, folder: Path) -> Path:
    """Copy a built project into `folder`/projekt; its manifests point at the copy's case files."""
    copy = folder / "projekt"
    shutil.copytree(built, copy)
    for manifest in (copy / "output").rglob(".iopdocs-manifest.json"):
        manifest.write_text(manifest.read_text().replace(str(built), str(copy)))
    return copy


def rezip(data: bytes, change) -> bytes:
    """Return a package with its parts changed by `change(parts)`."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in parts.items():
            package.writestr(name, blob)
    return out.getvalue()
