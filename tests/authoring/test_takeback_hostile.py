"""Hostile and mangled documents given to `iopdocs hamta`: refused in Swedish, never a traceback.

XML bombs and external entities (wherever the DOCTYPE hides), missing parts,
tracked changes however they are spelt, and documents edited so heavily
that nothing aligns: each either gives a proposal that writes a valid case
file, or a TakebackError; the case file is never changed by looking.
"""

from __future__ import annotations

import errno
import random
from pathlib import Path

import pytest
from wordlike import WordDoc, built_project, copy_of_built, q, rezip

from iopdocs.authoring import takeback
from iopdocs.build.project import Project
from iopdocs.case.load import load_yaml_text

NEW = "iop-ny-tre-parter-2025-2027"
LAUGHS = b"".join(
    [b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">']
    + [b'<!ENTITY %s "%s">' % (bytes([98 + i]), b"&%s;" % bytes([97 + i]) * 10) for i in range(8)]
    + [b"]>"]
)
XXE = b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return built_project(tmp_path_factory.mktemp("byggt"), NEW)


@pytest.fixture
def project(built, tmp_path) -> Path:
    return copy_of_built(built, tmp_path)


def memo(project: Path) -> bytes:
    return (project / "output" / NEW / "tjansteskrivelse.docx").read_bytes()


def propose(project: Path, data: bytes) -> takeback.Proposal:
    settings = Project((project / "iopdocs.yaml").resolve(), project / "output")
    case_file = project / "cases" / f"{NEW}.yaml"
    return takeback.propose(data, "tjansteskrivelse.docx", settings, case_file)


def with_doctype(doctype: bytes, part: str = "word/document.xml", pad: int = 5000, utf16=False):
    """Return a change that puts `doctype` into a part after a long comment, using its entity."""

    def change(parts):
        xml = parts[part]
        end = xml.index(b"?>") + 2
        entity = b"&" + doctype.split(b"<!ENTITY ")[-1].split(b" ")[0] + b";"
        body = xml[end:].replace(b"<w:t>", b"<w:t>" + entity, 1)
        xml = xml[:end] + b"<!--" + b" " * pad + b"-->" + doctype + body
        if utf16:
            xml = xml.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
        parts[part] = xml

    return change


@pytest.mark.parametrize(
    "change",
    [
        with_doctype(LAUGHS),
        with_doctype(XXE),
        with_doctype(XXE, pad=0),
        with_doctype(XXE, utf16=True),
        with_doctype(XXE, part="word/styles.xml"),
        with_doctype(XXE, part="docProps/custom.xml"),
    ],
    ids=["laughs", "xxe-after-comment", "xxe", "xxe-utf16", "xxe-styles", "xxe-properties"],
)
def test_a_doctype_anywhere_is_refused(project, change):
    with pytest.raises(takeback.TakebackError) as refused:
        propose(project, rezip(memo(project), change))
    message = str(refused.value)
    assert "kan inte läsas som Word-dokument" in message
    assert "root:" not in message  # /etc/passwd was never read into anything


def test_a_package_without_its_text_is_refused_by_name(project):
    data = rezip(memo(project), lambda parts: parts.pop("word/document.xml"))
    with pytest.raises(takeback.TakebackError, match=r"saknar dokumentets text"):
        propose(project, data)


@pytest.mark.parametrize(
    "part", ["word/styles.xml", "word/numbering.xml", "word/_rels/document.xml.rels"]
)
def test_a_missing_supporting_part_gives_a_proposal_not_a_traceback(project, part):
    proposal = propose(project, rezip(memo(project), lambda parts: parts.pop(part, None)))
    takeback.new_text(proposal)  # whatever it proposes can be applied


def test_tracked_changes_are_seen_under_any_prefix_and_in_the_header(project):
    def foreign_prefix(parts):
        xml = parts["word/document.xml"].replace(
            b"<w:document ", b'<w:document xmlns:x="' + q("").strip("{}").encode() + b'" ', 1
        )
        parts["word/document.xml"] = xml.replace(
            b"</w:body>",
            b'<w:p><x:ins x:id="7" x:author="A"><w:r><w:t>ny</w:t></w:r></x:ins></w:p></w:body>',
        )

    with pytest.raises(takeback.TakebackError, match="1 spårade ändringar"):
        propose(project, rezip(memo(project), foreign_prefix))

    def in_header(parts):
        name = sorted(n for n in parts if n.startswith("word/header"))[0]
        parts[name] = parts[name].replace(
            b"</w:p>",
            b'<w:del w:id="8" w:author="A"><w:r><w:delText>bort</w:delText></w:r></w:del></w:p>',
            1,
        )

    with pytest.raises(takeback.TakebackError, match="spårade ändringar"):
        propose(project, rezip(memo(project), in_header))


def mangled(data: bytes, seed: int) -> bytes:
    """Return the document edited beyond recognition: texts swapped, paragraphs shuffled, cut."""
    rng = random.Random(seed)
    doc = WordDoc(data)
    texts = list(doc.root.iter(q("t")))
    words = [t.text for t in texts]
    rng.shuffle(words)
    for t, word in zip(texts, words, strict=True):
        t.text = (
            word
            if rng.random() < 0.7
            else "".join(rng.choice("abc åäö*_[](){}#-") for _ in range(9))
        )
    body = doc.root.find(q("body"))
    blocks = list(body)[:-1]  # the section properties stay last
    for block in blocks:
        body.remove(block)
    rng.shuffle(blocks)
    for block in reversed(blocks[: int(len(blocks) * rng.uniform(0.2, 1.0))]):
        body.insert(0, block)
    return doc.save()


@pytest.mark.parametrize("seed", range(6))
def test_a_document_edited_beyond_recognition_proposes_a_valid_file_or_is_refused(project, seed):
    case_file = project / "cases" / f"{NEW}.yaml"
    before = case_file.read_bytes()
    proposal = propose(project, mangled(memo(project), seed))
    assert case_file.read_bytes() == before
    text = takeback.new_text(proposal)
    load_yaml_text(text, str(case_file))  # still YAML
    settings = Project((project / "iopdocs.yaml").resolve(), project / "output")
    try:
        takeback.write(proposal, settings)
    except takeback.TakebackError as refused:
        assert "skulle få fel med ändringarna" in str(refused)
        assert case_file.read_bytes() == before
    else:
        assert case_file.read_text(encoding="utf-8") == text


def test_a_document_emptied_of_everything_empties_no_field(project):
    doc = WordDoc(memo(project))
    body = doc.root.find(q("body"))
    for block in list(body)[:-1]:
        body.remove(block)
    proposal = propose(project, doc.save())
    assert not proposal.changes
    assert any("får inte vara tom" in r.what for r in proposal.refused)


DECIDED = "iop-avslut-berga-motesplats-2025"


def with_property(data: bytes, old: str, new: str) -> bytes:
    """Return a document whose custom property value `old` was rewritten to `new`."""

    def change(parts):
        xml = parts["docProps/custom.xml"]
        assert f">{old}<".encode() in xml
        parts["docProps/custom.xml"] = xml.replace(f">{old}<".encode(), f">{new}<".encode())

    return rezip(data, change)


@pytest.mark.parametrize(
    "claimed", ["./tjansteskrivelse.docx", f"../{DECIDED}/tjansteskrivelse.docx"]
)
def test_a_sealed_paper_renamed_in_its_properties_is_still_refused(tmp_path, claimed):
    project = built_project(tmp_path, DECIDED)
    case_file = project / "cases" / f"{DECIDED}.yaml"
    before = case_file.read_bytes()
    doc = WordDoc((project / "output" / DECIDED / "tjansteskrivelse.docx").read_bytes())
    doc.replace("Handläggare:", "Enhetschef", "Chef")
    data = with_property(doc.save(), "tjansteskrivelse.docx", claimed)
    settings = Project((project / "iopdocs.yaml").resolve(), project / "output")
    with pytest.raises(takeback.TakebackError, match="har inget sådant dokument"):
        takeback.propose(data, "tjansteskrivelse.docx", settings, case_file)
    assert case_file.read_bytes() == before


@pytest.mark.parametrize("pattern", ["iop-ny-tre-*.yaml", "**/iop-ny-tre-*", "../cases/*"])
def test_a_case_file_name_in_the_properties_is_never_a_pattern(project, pattern):
    data = with_property(memo(project), f"{NEW}.yaml", pattern)
    settings = Project((project / "iopdocs.yaml").resolve(), project / "output")
    elsewhere = project / "kopia.docx"
    with pytest.raises(takeback.TakebackError, match="hittar inte ärendefilen"):
        takeback.propose(data, elsewhere.name, settings, None, elsewhere)


def test_a_document_with_tens_of_thousands_of_paragraphs_is_refused_before_comparing(project):
    from lxml import etree

    from iopdocs.word.readback import MAX_PARAGRAPHS

    doc = WordDoc(memo(project))
    body = doc.root.find(q("body"))
    for _ in range(MAX_PARAGRAPHS):
        body.insert(0, etree.Element(q("p")))
    with pytest.raises(takeback.TakebackError, match=f"fler än {MAX_PARAGRAPHS}"):
        propose(project, doc.save())


def test_thousands_of_typed_paragraphs_are_taken_into_the_field_they_follow(project):
    doc = WordDoc(memo(project))
    anchor = "Kvinnor som har lämnat"
    for n in range(3000):
        doc.enter_after(anchor, f"Rad {n}.")
    proposal = propose(project, doc.save())
    [change] = proposal.changes
    assert change.label == "ärende" and change.new.count("Rad ") == 3000


def test_words_typed_after_a_value_at_the_end_of_its_line_are_taken_not_dropped(project):
    doc = WordDoc(memo(project))
    doc.replace("Handläggare:", "Verksamhetsutvecklare", "Verksamhetsutvecklare: samordnare")
    proposal = propose(project, doc.save())
    assert [(c.path, c.new) for c in proposal.changes] == [
        (("handläggare", "titel"), "Verksamhetsutvecklare: samordnare")
    ]
    assert not proposal.refused
    assert "titel: 'Verksamhetsutvecklare: samordnare'" in takeback.new_text(proposal)


def test_italic_that_markup_cannot_write_is_refused_not_written_as_stars(project):
    doc = WordDoc(memo(project))
    doc.mark("Kvinnor som har lämnat", ". Deras", "i")  # the selection began at the full stop
    proposal = propose(project, doc.save())
    assert not [c for c in proposal.changes if c.path == ("ärende",)]
    assert any("märkspråket inte kan skriva" in str(r) for r in proposal.refused)
    assert "*. Deras*" not in takeback.new_text(proposal)


def test_a_link_to_a_file_is_refused_not_written_as_brackets(project):
    doc = WordDoc(memo(project))
    doc.link("Kvinnor som har lämnat", "våldsam relation", "file:///G:/Social/handlingsplan.docx")
    proposal = propose(project, doc.save())
    assert not [c for c in proposal.changes if c.path == ("ärende",)]
    assert any("en länk som märkspråket inte kan skriva" in str(r) for r in proposal.refused)
    assert "](file:" not in takeback.new_text(proposal)


def test_a_web_link_added_in_word_is_taken_back(project):
    doc = WordDoc(memo(project))
    doc.link("Kvinnor som har lämnat", "våldsam relation", "https://www.linkoping.se/stod")
    proposal = propose(project, doc.save())
    assert "[våldsam relation](https://www.linkoping.se/stod)" in takeback.new_text(proposal)


def test_a_pasted_line_separator_comes_back_as_a_line_break_and_is_written(project):
    doc = WordDoc(memo(project))
    doc.retype("Kvinnor som har lämnat", "Stöd länge efter krisen.\u2028Och trygg fritid.")
    proposal = propose(project, doc.save())
    assert [c.path for c in proposal.changes] == [("ärende",)]
    assert "Stöd länge efter krisen.\\\nOch trygg fritid." in proposal.changes[0].new
    settings = Project((project / "iopdocs.yaml").resolve(), project / "output")
    takeback.write(proposal, settings)
    assert "\u2028" not in (project / "cases" / f"{NEW}.yaml").read_text(encoding="utf-8")


def test_a_full_disk_while_writing_is_said_in_swedish_and_leaves_the_case_file(
    project, monkeypatch
):
    doc = WordDoc(memo(project))
    doc.retype("Kvinnor som har lämnat", "Stöd länge efter krisen.")
    proposal = propose(project, doc.save())
    case_file = project / "cases" / f"{NEW}.yaml"
    before = case_file.read_bytes()

    def full(path, data, unchanged):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(takeback, "replace_unless_changed", full)
    settings = Project((project / "iopdocs.yaml").resolve(), project / "output")
    with pytest.raises(takeback.TakebackError, match="Inget skrevs") as refused:
        takeback.write(proposal, settings)
    assert str(case_file) in str(refused.value) and "No space" not in str(refused.value)
    assert case_file.read_bytes() == before
