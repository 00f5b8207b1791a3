"""check-templates finds names and filters the case model does not have."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from iopdocs.cli import main
from iopdocs.errors import TemplateProblem
from iopdocs.word.templatecheck import check_folder, check_template

ROOT = Path(__file__).resolve().parents[2]


def template(path: Path, *lines: str) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def test_shipped_templates_are_clean():
    assert check_folder(ROOT / "templates") == []


@pytest.mark.parametrize(
    ("line", "name", "suggestion"),
    [
        ("Rubrik: {{ case.rubirk }}", "case.rubirk", "rubrik"),
        ("{{ case.period.frn|iso_date }}", "case.period.frn", "fran"),
        ("{{ d.total_ersatning|kr }}", "d.total_ersatning", "total_ersattning"),
        ("{{ case.datum|isodate }}", "|isodate", "iso_date"),
        ("{{ cas.rubrik }}", "cas", "case"),
        (("{%p for p in case.parter %}", "{{ p.nman }}", "{%p endfor %}"), "p.nman", "namn"),
        (
            ("{%p for r in d.fordelning %}", "{{ r.amont|kr }}", "{%p endfor %}"),
            "r.amont",
            "amount",
        ),
    ],
)
def test_unknown_names_are_reported_with_text_and_suggestion(tmp_path, line, name, suggestion):
    lines = line if isinstance(line, tuple) else (line,)
    [finding] = check_template(template(tmp_path / "mall.docx", "Före", *lines))
    assert finding.name == name
    assert finding.suggestion == suggestion
    assert finding.template == "mall.docx"
    assert "{{" in finding.text or "{%" in finding.text
    assert f"Menade du '{suggestion}'?" in str(finding)


def test_known_names_properties_and_loop_variables_pass(tmp_path):
    lines = [
        "{%p for p in case.parter %}",
        "{{ p.legal_name }} {{ p.ort or org.ort }} {{ loop.index }}",
        "{%p endfor %}",
        "{{ case.beslutstyp.value }} {{ doc.typ }} {{ d.period_mening }}",
    ]
    assert check_template(template(tmp_path / "mall.docx", *lines)) == []


def test_cli_exit_code_and_message(tmp_path):
    folder = tmp_path / "mallar"
    folder.mkdir()
    template(folder / "mall.docx", "{{ case.rubirk }}")
    result = CliRunner().invoke(main, ["check-templates", "--mallar", str(folder)])
    assert result.exit_code == 1
    assert "mall.docx" in result.output and "case.rubirk" in result.output


@pytest.mark.parametrize(
    "tag", ["{{ 10**5000 }}", "{{ 'x' * 10**7 }}", "{{ (10**3000) * 10**3000 }}"]
)
def test_check_templates_refuses_what_the_build_would_stop(tmp_path, tag):
    path = tmp_path / "mall.docx"
    document = docx.Document()
    document.add_paragraph(tag)
    document.save(path)
    with pytest.raises(TemplateProblem, match="skulle stoppas"):
        check_template(path)
