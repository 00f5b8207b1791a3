"""The committed Word templates are exactly what tools/make_templates.py generates.

When a test here fails after a change to the script, rerun
`python tools/make_templates.py` and commit the .docx files with the script.
"""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

import docx
import docxtpl
import pytest
from lxml import etree

from iopdocs.word.render import environment

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "make_templates.py"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
MEMO = "tjansteskrivelse.docx"
AGREEMENT = "iop-overenskommelse.docx"
FOLLOW_UP = "uppfoljning.docx"
TEMPLATES = [MEMO, AGREEMENT, FOLLOW_UP]
WITH_TABLES = [MEMO, AGREEMENT]
REQUIRED_STYLES = {
    "Normal": "paragraph",
    "Title": "paragraph",
    "heading 1": "paragraph",
    "heading 2": "paragraph",
    "List Bullet": "paragraph",
    "List Number": "paragraph",
    "Hyperlink": "character",
    "IOP Tabell": "table",
}


def _load_script():
    """Import tools/make_templates.py, which is not part of the package."""
    if "make_templates" in sys.modules:
        return sys.modules["make_templates"]
    spec = importlib.util.spec_from_file_location("make_templates", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_templates"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """Return a folder with freshly generated templates."""
    out = tmp_path_factory.mktemp("templates")
    _load_script().write_templates(out)
    return out


def _part(path: Path, name: str) -> etree._Element:
    """Return one XML part of a .docx, parsed."""
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def _parts(path: Path) -> dict[str, bytes]:
    """Return every part of a .docx by name."""
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("name", TEMPLATES)
def test_committed_template_equals_generated(name: str, generated: Path) -> None:
    committed, fresh = _parts(ROOT / "templates" / name), _parts(generated / name)
    assert sorted(committed) == sorted(fresh)
    changed = [part for part in fresh if committed[part] != fresh[part]]
    assert not changed, f"kör python tools/make_templates.py: {name} skiljer sig i {changed}"


def test_generation_is_byte_for_byte_repeatable(generated: Path, tmp_path: Path) -> None:
    _load_script().write_templates(tmp_path)
    for name in TEMPLATES:
        assert (tmp_path / name).read_bytes() == (generated / name).read_bytes()


@pytest.mark.parametrize("name", TEMPLATES)
def test_required_styles_exist_with_their_types(name: str) -> None:
    styles = _part(ROOT / "templates" / name, "word/styles.xml")
    found = {
        s.find("w:name", NS).get(f"{{{W}}}val"): s.get(f"{{{W}}}type")
        for s in styles.iterfind("w:style", NS)
    }
    assert {key: found.get(key) for key in REQUIRED_STYLES} == REQUIRED_STYLES
    opened = docx.Document(str(ROOT / "templates" / name))
    assert opened.styles["Heading 1"].type == docx.enum.style.WD_STYLE_TYPE.PARAGRAPH


@pytest.mark.parametrize("name", TEMPLATES)
def test_language_is_swedish_everywhere(name: str) -> None:
    styles = _part(ROOT / "templates" / name, "word/styles.xml")
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert default.get(f"{{{W}}}val") == "sv-SE"
    assert default.get(f"{{{W}}}eastAsia") == "sv-SE"
    langs = {lang.get(f"{{{W}}}val") for lang in styles.iter(f"{{{W}}}lang")}
    assert langs == {"sv-SE"}


@pytest.mark.parametrize("name", TEMPLATES)
def test_header_shows_page_of_pages_as_fields(name: str) -> None:
    header = _part(ROOT / "templates" / name, "word/header1.xml")
    instructions = [t.text.strip() for t in header.iter(f"{{{W}}}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    kinds = [f.get(f"{{{W}}}fldCharType") for f in header.iter(f"{{{W}}}fldChar")]
    assert kinds == ["begin", "separate", "end"] * 2


def test_agreement_has_toc_field_updated_on_open() -> None:
    path = ROOT / "templates" / AGREEMENT
    body = _part(path, "word/document.xml")
    instructions = [t.text for t in body.iter(f"{{{W}}}instrText")]
    assert any(i.split()[0] == "TOC" and '\\o "1-2"' in i for i in instructions)
    update = _part(path, "word/settings.xml").find("w:updateFields", NS)
    assert update is not None and update.get(f"{{{W}}}val") == "true"
    for name in (MEMO, FOLLOW_UP):
        settings = _part(ROOT / "templates" / name, "word/settings.xml")
        assert settings.find("w:updateFields", NS) is None


@pytest.mark.parametrize("name", WITH_TABLES)
def test_tables_are_accessible(name: str) -> None:
    body = _part(ROOT / "templates" / name, "word/document.xml")
    tables = body.findall(".//w:tbl", NS)
    assert tables
    for table in tables:
        assert table.find("w:tr/w:trPr/w:tblHeader", NS) is not None
        assert table.find("w:tblPr/w:tblCaption", NS) is not None
        assert not table.xpath(".//w:gridSpan | .//w:vMerge", namespaces=NS)
        for row in table.findall("w:tr", NS):
            amount = row.findall("w:tc", NS)[-1].find("w:p/w:pPr/w:jc", NS)
            assert amount is not None and amount.get(f"{{{W}}}val") == "right"


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_empty_paragraphs(name: str) -> None:
    body = _part(ROOT / "templates" / name, "word/document.xml").find("w:body", NS)
    for paragraph in body.findall("w:p", NS):
        text = "".join(t.text or "" for t in paragraph.iter(f"{{{W}}}t"))
        assert text.strip(), etree.tostring(paragraph)[:200]


@pytest.mark.parametrize("name", TEMPLATES)
def test_headings_do_not_skip_levels(name: str) -> None:
    body = _part(ROOT / "templates" / name, "word/document.xml")
    styles = [s.get(f"{{{W}}}val") for s in body.iterfind(".//w:pPr/w:pStyle", NS)]
    levels = [int(s[-1]) for s in styles if s.startswith("Heading")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert styles.count("Title") == 1


@pytest.mark.parametrize("name", TEMPLATES)
def test_templates_use_only_the_documented_context(name: str) -> None:
    template = docxtpl.DocxTemplate(str(ROOT / "templates" / name))
    names = template.get_undeclared_template_variables(jinja_env=environment())
    assert names <= {"case", "org", "d", "doc"}


def test_follow_up_template_has_no_tables() -> None:
    body = _part(ROOT / "templates" / FOLLOW_UP, "word/document.xml")
    assert body.findall(".//w:tbl", NS) == []


def test_wide_table_grid_is_left_to_the_renderer() -> None:
    """The OPI table's column count varies per case, so it has no fixed w:gridCol."""
    body = _part(ROOT / "templates" / AGREEMENT, "word/document.xml")
    [table] = [
        t
        for t in body.iter(f"{{{W}}}tbl")
        if "OPI" in t.find("w:tblPr/w:tblCaption", NS).get(f"{{{W}}}val")
    ]
    assert table.find("w:tblGrid", NS) is not None
    assert table.findall("w:tblGrid/w:gridCol", NS) == []
    cells = "".join(table.itertext())
    assert "{%tc for namn in d.uppraknade.parties %}" in cells
    assert "{%tc for belopp in rad.amounts %}" in cells


def test_follow_up_template_finds_its_follow_up_by_document_type() -> None:
    body = "".join(_part(ROOT / "templates" / FOLLOW_UP, "word/document.xml").itertext())
    header = "".join(_part(ROOT / "templates" / FOLLOW_UP, "word/header1.xml").itertext())
    assert "{%p set u = d.uppfoljningar[doc.typ] %}" in body
    assert "d.uppfoljningar[doc.typ].datum|iso_date" in header
