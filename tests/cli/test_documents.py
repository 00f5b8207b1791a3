"""The document commands as a user runs them: iopdocs prova-mall."""

from __future__ import annotations

import docx
from click.testing import CliRunner

from iopdocs.cli import main


def test_prova_mall_writes_the_filled_in_template(tmp_path):
    template = tmp_path / "mall.docx"
    document = docx.Document()
    document.add_paragraph("Till {{ mottagare }}: {{ belopp }} kr")
    document.save(template)
    (tmp_path / "data.yaml").write_text("mottagare: Förening A\nbelopp: 120000\n", "utf-8")
    out = tmp_path / "ut.docx"
    args = ["prova-mall", str(template), "--data", str(tmp_path / "data.yaml"), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert [p.text for p in docx.Document(out).paragraphs] == ["Till Förening A: 120000 kr"]


def test_prova_mall_reports_a_template_problem_and_writes_nothing(tmp_path):
    template = tmp_path / "mall.docx"
    document = docx.Document()
    document.add_paragraph("Till {{ mottagre }}")
    document.save(template)
    (tmp_path / "data.yaml").write_text("mottagare: Förening A\n", "utf-8")
    out = tmp_path / "ut.docx"
    args = ["prova-mall", str(template), "--data", str(tmp_path / "data.yaml"), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert (
        "brödtexten (word/document.xml), stycket \u201dTill {{ mottagre }}\u201d" in result.output
    )
    assert "'mottagre'" in result.output
    assert not out.exists()
