"""Content controls tie every output of a template to its field's path, in the rendered text too."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import build_in
from lxml import etree

from iopdocs.cli import main
from iopdocs.word import fieldmarks, render
from iopdocs.word.templatecheck import check_marks, marks_in_folder

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")


def template(path: Path, *lines: str | tuple[str, str], header: str = "") -> Path:
    """Write a template of paragraphs (text, or (text, style)), wrapped as the generators do."""
    document = docx.Document()
    for line in lines:
        text, style = line if isinstance(line, tuple) else (line, None)
        document.add_paragraph(text, style=style)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    fieldmarks.wrap_outputs(document.element)
    fieldmarks.wrap_outputs(document.sections[0].header._element)
    document.save(path)
    return path


CONTEXT = {
    "case": {
        "arende": "Första stycket med **fet** text.\n\nAndra stycket.",
        "beslutsforslag": ["Punkt ett.", "Punkt två."],
        "parter": [
            {"namn": "IOGT-NTO", "text": "- ett\n- två", "firmatecknare": [{"namn": "Ann"}]},
            {
                "namn": "Pingst",
                "text": "Ett stycke.",
                "firmatecknare": [{"namn": "Bo"}, {"namn": "Cia"}],
            },
        ],
        "diarienummer": "SON 2024-0001",
    },
    "d": {"fordelning": [{"label": "IOGT-NTO", "amount": 100}, {"label": "Pingst", "amount": 200}]},
    "org": {"kommun": "Linköpings kommun"},
    "doc": {"typ": "Tjänsteskrivelse"},
}


def rendered(path: Path) -> etree._Element:
    data = render.render(render.compile_template(path), CONTEXT, {})
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def controls(root: etree._Element) -> list[tuple[str, str, str]]:
    """Return (tag, title, text) of every content control, in order."""
    out = []
    for found in root.iter(f"{W}sdt"):
        title = found.find(f"{W}sdtPr/{W}alias").get(f"{W}val")
        out.append((fieldmarks.tag_of(found), title, fieldmarks.text_of(found)))
    return out


def test_each_output_is_tagged_with_its_path_and_loop_indexes(tmp_path):
    path = template(
        tmp_path / "mall.docx",
        "{%p for punkt in case.beslutsforslag %}",
        ("{{r punkt|md_inline }}", "List Number"),
        "{%p endfor %}",
        "{{p case.arende|md }}",
        "{%p for part in case.parter %}",
        "{{p part.text|md }}",
        "{%p for person in part.firmatecknare %}",
        "Undertecknas av {{ person.namn }} för {{ part.namn }}.",
        "{%p endfor %}",
        "{%p endfor %}",
    )
    found = controls(rendered(path))
    assert found == [
        ("case.beslutsforslag[0]", "Text: beslutsforslag", "Punkt ett."),
        ("case.beslutsforslag[1]", "Text: beslutsforslag", "Punkt två."),
        ("case.arende", "Text: arende", "Första stycket med fet text."),
        ("case.arende", "Text: arende", "Andra stycket."),
        ("case.parter[0].text", "Text: text", "ett"),
        ("case.parter[0].text", "Text: text", "två"),
        ("case.parter[0].firmatecknare[0].namn", "Värde: namn", "Ann"),
        ("case.parter[0].namn", "Värde: namn", "IOGT-NTO"),
        ("case.parter[1].text", "Text: text", "Ett stycke."),
        ("case.parter[1].firmatecknare[0].namn", "Värde: namn", "Bo"),
        ("case.parter[1].namn", "Värde: namn", "Pingst"),
        ("case.parter[1].firmatecknare[1].namn", "Värde: namn", "Cia"),
        ("case.parter[1].namn", "Värde: namn", "Pingst"),
    ]


def test_a_rendered_document_has_run_level_controls_only_and_keeps_its_bold(tmp_path):
    root = rendered(template(tmp_path / "mall.docx", "{{p case.arende|md }}"))
    body = root.find(f"{W}body")
    assert not [c for c in body if c.tag == f"{W}sdt"]
    first = body.find(f"{W}p")
    runs = first.findall(f"{W}sdt/{W}sdtContent/{W}r")
    assert [(fieldmarks.text_of(r), r.find(f"{W}rPr/{W}b") is not None) for r in runs] == [
        ("Första stycket med ", False),
        ("fet", True),
        (" text.", False),
    ]


def test_table_rows_header_and_inline_loops_are_tagged(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for rad in d.fordelning %}"
    table.cell(1, 0).text = "{{ rad.label }}"
    table.cell(1, 1).text = "{{ rad.amount|kr }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    document.add_paragraph(
        "Parter: {% for part in case.parter %}{{ part.namn }}{% if not loop.last %}, "
        "{% endif %}{% endfor %}."
    )
    header = document.sections[0].header.paragraphs[0]
    header.add_run("Dnr\t{{ case.diarienummer }}\t{{ org.kommun }}")
    fieldmarks.wrap_outputs(document.element)
    fieldmarks.wrap_outputs(document.sections[0].header._element)
    document.save(tmp_path / "mall.docx")
    data = render.render(render.compile_template(tmp_path / "mall.docx"), CONTEXT, {})
    package = zipfile.ZipFile(io.BytesIO(data))
    body = etree.fromstring(package.read("word/document.xml"))
    assert [(tag, text) for tag, _, text in controls(body)] == [
        ("d.fordelning[0].label", "IOGT-NTO"),
        ("d.fordelning[0].amount", "100\u00a0kr"),
        ("d.fordelning[1].label", "Pingst"),
        ("d.fordelning[1].amount", "200\u00a0kr"),
        ("case.parter[0].namn", "IOGT-NTO"),
        ("case.parter[1].namn", "Pingst"),
    ]
    header_xml = etree.fromstring(package.read("word/header1.xml"))
    assert [tag for tag, _, _ in controls(header_xml)] == ["case.diarienummer", "org.kommun"]
    assert len(list(header_xml.iter(f"{W}tab"))) == 2


def test_paths_of_tags_read_back():
    path = fieldmarks.parse_path("d.uppfoljningar[Uppföljning 2024].parter[1].text")
    assert path == fieldmarks.Path("d", ("uppfoljningar", "Uppföljning 2024", "parter", 1, "text"))
    assert str(path) == "d.uppfoljningar[Uppföljning 2024].parter[1].text"
    assert fieldmarks.parse_path("punkt") is None
    assert fieldmarks.parse_path("case.arende extra") is None


def test_shipped_templates_wrap_every_output_in_a_field_control():
    assert marks_in_folder(ROOT / "templates") == []


def test_unwrapped_outputs_and_wrong_tags_are_reported(tmp_path):
    document = docx.Document()
    document.add_paragraph("Rubrik: {{ case.rubrik }}, nr {{ loop.index }}")
    wrapped = document.add_paragraph("{{p case.arrende|md }}")
    fieldmarks.wrap_outputs(document.element)
    document.add_paragraph("Datum: {{ case.datum|iso_date }}")
    del wrapped
    document.save(tmp_path / "mall.docx")
    marks = check_marks(tmp_path / "mall.docx")
    assert [(m.expression, m.tag) for m in marks] == [
        ("{{ case.datum|iso_date }}", None),
        ("", "case.arrende"),
    ]
    assert "kan inte hämtas tillbaka med iopdocs hamta" in str(marks[0])
    assert "pekar inte på något fält" in str(marks[1])


def test_check_templates_warns_about_unwrapped_outputs_without_failing(tmp_path):
    folder = tmp_path / "mallar"
    folder.mkdir()
    document = docx.Document()
    document.add_paragraph("{{ case.rubrik }}")
    document.save(folder / "mall.docx")
    result = CliRunner().invoke(main, ["check-templates", "--mallar", str(folder)])
    assert result.exit_code == 0, result.output
    assert "varning: mall.docx: brödtexten (word/document.xml): {{ case.rubrik }}" in result.output
    assert "0 okända namn och 1 fält utan fältmarkering" in result.output


@needs_soffice
def test_libreoffice_keeps_the_bold_at_the_start_of_a_text_field(
    project_dir, example_case, tmp_path
):
    """The reason for run-level controls: LibreOffice 7.4 flattens a block-level one's first
    paragraph. The example's Bakgrund section starts with a bold party name."""
    assert build_in(project_dir, str(example_case)).exit_code == 0
    memo = project_dir / "output" / example_case.stem / "tjansteskrivelse.docx"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profil'}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "lo"),
            str(memo),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    saved = zipfile.ZipFile(tmp_path / "lo" / memo.name).read("word/document.xml")
    bold = [
        fieldmarks.text_of(run)
        for run in etree.fromstring(saved).iter(f"{W}r")
        if run.find(f"{W}rPr/{W}b") is not None
    ]
    assert "IOGT-NTO" in bold
