"""Trying a template with a data file: same engine, written only on success, no clobbering."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from iopdocs.build import trial
from iopdocs.errors import CaseError, OutputError, TemplateProblem
from iopdocs.word import render


def template(path: Path, *lines: str) -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "{{ namnd }}"
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def data(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def texts(output: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(output)).paragraphs]


def test_a_template_is_filled_in_with_typed_data(tmp_path):
    path = template(
        tmp_path / "mall.docx",
        "{% if betald %}Betald{% else %}Obetald{% endif %}: {{ belopp * 2 }} kr",
        "{{ dag|long_date }}",
    )
    values = data(tmp_path / "d.yaml", "namnd: SON\nbetald: false\nbelopp: 21\ndag: 2025-03-04\n")
    assert texts(trial.render_trial(path, values)) == ["Obetald: 42 kr", "4 mars 2025"]


def test_json_data_files_work_too(tmp_path):
    path = template(tmp_path / "mall.docx", "{{ lista|join(', ') }} {{ inget is none }}")
    values = data(tmp_path / "d.json", '{"namnd": "SON", "lista": [1, 2], "inget": null}')
    assert texts(trial.render_trial(path, values)) == ["1, 2 True"]


def test_a_missing_name_is_reported_with_part_and_paragraph(tmp_path):
    path = template(tmp_path / "mall.docx", "Hej")
    with pytest.raises(
        TemplateProblem, match="sidhuvudet.*stycket \u201d\\{\\{ namnd \\}\\}\u201d"
    ):
        trial.render_trial(path, data(tmp_path / "d.yaml", "annat: 1\n"))


def test_a_bad_data_file_is_reported_with_its_line(tmp_path):
    with pytest.raises(CaseError, match="d.yaml:2"):
        trial.render_trial(template(tmp_path / "m.docx"), data(tmp_path / "d.yaml", "a: 1\na: 2\n"))


def test_the_build_s_limits_hold(tmp_path, monkeypatch):
    monkeypatch.setattr(render, "MAX_OUTPUT_CHARS", 100_000)
    path = template(tmp_path / "m.docx", "{% for i in range(99999) %}xxxxxxxx{% endfor %}")
    with pytest.raises(TemplateProblem, match="större än"):
        trial.render_trial(path, data(tmp_path / "d.yaml", "namnd: x\n"))


def test_an_untouched_trial_output_is_replaced(tmp_path):
    path = template(tmp_path / "m.docx", "{{ v }}")
    out = tmp_path / "ut.docx"
    trial.write_trial(out, trial.render_trial(path, data(tmp_path / "a.yaml", "namnd: x\nv: 1\n")))
    assert trial.is_untouched_trial(out)
    trial.write_trial(out, trial.render_trial(path, data(tmp_path / "b.yaml", "namnd: x\nv: 2\n")))
    assert texts(out.read_bytes()) == ["2"]


def test_an_edited_trial_output_the_template_and_other_files_are_kept(tmp_path):
    path = template(tmp_path / "m.docx", "{{ v }}")
    output = trial.render_trial(path, data(tmp_path / "a.yaml", "namnd: x\nv: 1\n"))
    out = tmp_path / "ut.docx"
    trial.write_trial(out, output)
    edited = docx.Document(out)
    edited.add_paragraph("handskrivet")
    edited.save(out)
    others = [out, path, data(tmp_path / "x.docx", "inte en docx")]
    before = [p.read_bytes() for p in others]
    for target in others:
        with pytest.raises(OutputError, match="skrivs inte över"):
            trial.write_trial(target, output)
    assert [p.read_bytes() for p in others] == before


def test_a_link_from_a_data_file_is_a_hyperlink(tmp_path):
    """The memo template's {{r org.mal_lank|link }} must work with data, as docs/docxtpl.md says."""
    path = template(tmp_path / "mall.docx", "Se {{r org.mal_lank|link }}.")
    values = data(
        tmp_path / "d.yaml",
        "namnd: SON\norg:\n  mal_lank:\n    text: Kommunens mål\n    url: https://example.org/mal\n",
    )
    output = trial.render_trial(path, values)
    assert texts(output) == ["Se Kommunens mål."]
    assert b"https://example.org/mal" in _part(output, "word/_rels/document.xml.rels")


def test_a_link_without_its_url_is_said_in_swedish(tmp_path):
    path = template(tmp_path / "mall.docx", "Se {{r lank|link }}.")
    values = data(tmp_path / "d.yaml", "namnd: SON\nlank:\n  text: Kommunens mål\n")
    with pytest.raises(TemplateProblem, match="link.*'text' och 'url'") as caught:
        trial.render_trial(path, values)
    assert "attribute" not in str(caught.value)


def _part(output: bytes, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(output)) as package:
        return package.read(name)
