"""docxtpl's test suite, rendered by docxtpl and by iopdocs, gives the same text.

The templates come from `docxtpl_suite` (built at test time, see its docstring).
Compared, part by part: the text of the body, tables (with merged and shaded
cells and the table grid), headers, footers and footnotes, and the non-empty
core properties.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docxtpl import DocxTemplate
from docxtpl_suite import CASES, SuiteCase, template_error
from lxml import etree

from iopdocs.errors import TemplateProblem
from iopdocs.word import render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CORE_TEXT = ("title", "subject", "creator", "description", "keywords", "category")
TEXT_PARTS = ("document", "header", "footer", "footnotes", "endnotes")


def _paragraph(p: etree._Element) -> str:
    out = []
    for el in p.iter(W + "t", W + "tab", W + "br"):
        if el.tag == W + "t":
            out.append(el.text or "")
        elif el.tag == W + "tab":
            out.append("\t")
        else:
            out.append("[sidbrytning]" if el.get(W + "type") == "page" else "\n")
    return "".join(out)


def _cell(tc: etree._Element) -> str:
    pr = tc.find(W + "tcPr")
    marks = []
    if pr is not None:
        for tag, label in (("gridSpan", "span"), ("vMerge", "vm"), ("shd", "bg")):
            el = pr.find(W + tag)
            if el is not None:
                value = el.get(W + "fill") if tag == "shd" else el.get(W + "val")
                marks.append(f"<{label}:{value or 'continue'}>")
    return "".join(marks) + " / ".join(_paragraph(p) for p in tc.iter(W + "p"))


def _story(root: etree._Element) -> list[str]:
    lines = []
    for el in root.iter(W + "p", W + "tbl"):
        if any(a.tag == W + "tc" for a in el.iterancestors()):
            continue
        if el.tag == W + "p":
            lines.append(_paragraph(el))
            continue
        rows = el.findall(W + "tr")
        widths = [
            sum(int(c.get(W + "val", "1")) for c in r.iter(W + "gridSpan")) or 0 for r in rows
        ]
        cells = [len(r.findall(W + "tc")) - len(list(r.iter(W + "gridSpan"))) for r in rows]
        widest = max((w + c for w, c in zip(widths, cells, strict=True)), default=0)
        lines.append(
            f"[tabell: {len(el.findall(f'{W}tblGrid/{W}gridCol'))} kolumner, bredast rad {widest}]"
        )
        lines += [" | ".join(_cell(tc) for tc in r.findall(W + "tc")) for r in rows]
    return lines


def text_of(docx: bytes) -> dict[str, list[str]]:
    """Return the compared text of each part of a .docx."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        out = {}
        for name in z.namelist():
            stem = name.removeprefix("word/").removesuffix(".xml").rstrip("0123456789")
            if name.startswith("word/") and name.count("/") == 1 and stem in TEXT_PARTS:
                out[name] = _story(etree.fromstring(z.read(name)))
        core = etree.fromstring(z.read("docProps/core.xml"))
        out["docProps/core.xml"] = sorted(
            f"{etree.QName(el).localname}={el.text}"
            for el in core
            if etree.QName(el).localname in CORE_TEXT and (el.text or "").strip()
        )
    return out


def by_docxtpl(case: SuiteCase, path: Path) -> bytes:
    template = DocxTemplate(path)
    template.render(case.context, autoescape=case.autoescape)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def by_iopdocs(path: Path, context: dict) -> bytes:
    return render.render(render.compile_template(path), context, {})


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_iopdocs_gives_docxtpls_text(case, tmp_path):
    path = tmp_path / f"{case.name}.docx"
    path.write_bytes(case.build())
    expected = text_of(by_docxtpl(case, path))
    assert text_of(by_iopdocs(path, case.context)) == expected


def test_a_stray_end_tag_fails_in_both_with_the_paragraph_named(tmp_path):
    path = tmp_path / "fel.docx"
    path.write_bytes(template_error())
    with pytest.raises(Exception, match="endif"):
        by_docxtpl(SuiteCase("fel", "", template_error, {"x": 1}), path)
    with pytest.raises(TemplateProblem, match="Andra stycket"):
        by_iopdocs(path, {"x": 1})
