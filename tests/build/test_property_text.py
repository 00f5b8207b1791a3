"""Property: any Unicode in a case's text fields either comes out intact or is refused.

Every document that builds opens with python-docx, holds well-formed XML and
contains the text; what a Word document cannot hold is refused with a message
naming the field. Nothing crashes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from iopdocs.build.cases import render_case
from iopdocs.build.prepare import prepare
from iopdocs.build.project import Project
from iopdocs.case.placeholders import fill_text
from iopdocs.errors import CaseError
from iopdocs.word.text import docx_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = yaml.safe_load((ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml").read_text("utf-8"))
# Fields printed as they are (no markup) in a paragraph, a table cell and the header.
PLAIN_FIELDS = [("rubrik",), ("parter", 0, "kostnadsbudget", 0, "post"), ("handläggare", "namn")]
# Fields read as markup: these get text without markup syntax.
MARKUP_FIELDS = [("jämställdhet",), ("samråd",), ("bakgrund", "text")]
MARKUP_FREE = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="*_[]()#\\`<>!-+=|~&:.0123456789\n\r"
)


def set_path(data: dict, path: tuple, value: str) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def as_printed(text: str) -> str:
    """Return a field's text as a document prints it: `{{` and `}}` write one brace."""
    return squash(fill_text(text, {}))


def build_with(tmp: Path, plain: str, prose: str):
    case = yaml.safe_load(yaml.safe_dump(EXAMPLE, allow_unicode=True))
    case.pop("uppföljningar", None)  # follow-ups name parties by key; not what is tested
    for path in PLAIN_FIELDS:
        set_path(case, path, plain)
    for path in MARKUP_FIELDS:
        set_path(case, path, prose)
    file = tmp / "fall.yaml"
    file.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
    project = Project(ROOT / "iopdocs.yaml", tmp / "output")
    prepared = prepare(file, project)
    return render_case(prepared, project)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plain=st.text(min_size=1, max_size=40), prose=st.text(MARKUP_FREE, min_size=1, max_size=60))
@example(plain="{{", prose="}}")  # the escapes of a brace, found by hypothesis
def test_any_text_comes_out_intact_or_is_refused_with_a_message(tmp_path, plain, prose):
    try:
        documents = build_with(tmp_path, plain, prose)
    except CaseError as exc:
        event("avvisad: " + ",".join(sorted({p.code for p in exc.problems})))
        assert exc.problems
        for problem in exc.problems:
            assert problem.message and problem.field, problem
        return
    event("byggd")
    for document, (data, _) in documents.items():
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name in zf.namelist():
                if name.endswith(".xml"):
                    etree.fromstring(zf.read(name))
        docx.Document(io.BytesIO(data))
        text = squash(docx_text(data))
        if document.kind.key == "tjansteskrivelse":
            assert as_printed(plain) in text
            assert as_printed(prose) in text
        else:
            assert as_printed(plain) in text  # the budget row's cell


def test_control_characters_are_refused_naming_the_field(tmp_path):
    try:
        build_with(tmp_path, "Rubrik med klocka \x07 här", "Text")
    except CaseError as exc:
        [problem] = [p for p in exc.problems if p.code == "X001"][:1]
        assert "U+0007" in problem.message
        assert problem.field in {"rubrik", "parter[0].kostnadsbudget[0].post", "handläggare.namn"}
    else:
        raise AssertionError("a control character was not refused")


def test_a_raw_control_character_names_its_field_and_line():
    from iopdocs.case.load import load_yaml_text

    text = "rubrik: Bra\nsamråd: |\n  Första raden\n  andra \x07 raden\nmbl: ej aktuellt\n"
    try:
        load_yaml_text(text, "fall.yaml")
    except CaseError as exc:
        [problem] = exc.problems
        assert (problem.code, problem.line, problem.column, problem.field) == (
            "Y006",
            4,
            9,
            "samråd",
        )
    else:
        raise AssertionError("a raw control character was not refused")
