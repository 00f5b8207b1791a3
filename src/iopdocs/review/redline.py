"""A .docx with Word tracked changes from OLD to NEW, for reviewers to read and accept.

The result is NEW's package with its own styles, numbering and formatting;
only the stories that changed (the body, page headers and footers) are
rewritten. Their paragraphs and tables are aligned to OLD's with difflib, in
document order and recursively inside table cells:

- an unchanged paragraph is left exactly as NEW has it;
- an edited paragraph gets its runs rewritten word by word into kept runs,
  `w:del` runs (OLD's words with OLD's run properties) and `w:ins` runs
  (NEW's words with the properties of the NEW run each word came from);
- a paragraph only OLD has comes back as a deleted paragraph (all runs in
  `w:del`, its mark deleted in `w:pPr/w:rPr/w:del`), one only NEW has is
  marked inserted the same way; table rows likewise (`w:trPr/w:del`, `w:ins`).

A paragraph holding more than plain runs (hyperlinks, fields in
`w:fldSimple`) is not split into words: when it changed, OLD's copy is
deleted and NEW's inserted whole. The runs inside a paragraph's content
controls (iopdocs wraps every value it fills in) count as its own runs; a
rewritten paragraph keeps its words, not its controls. A paragraph whose own
properties changed (its style, list or alignment) keeps OLD's in
`w:pPrChange`. Changes of character formatting, moves and images inside
deleted text are not tracked.

Every revision has the same author and date, ids count up from the largest
id in use, and the package is written with fixed zip timestamps, so the same
inputs always give the same bytes.

It is the one place that writes tracked-change markup. In reading order:
the public API; `_Marker`, which aligns and marks (stories, tables,
paragraphs, then the markup itself); the tokens of a paragraph and the
runs rebuilt from them; alignment and property helpers. Reading the
packages (stories, relationships, the date) is in `docxparts`.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from iopdocs.errors import os_reason
from iopdocs.files import atomic_write
from iopdocs.review import docxparts
from iopdocs.review.align import Matcher
from iopdocs.review.diff import pair_similar, tokenize, word_opcodes
from iopdocs.review.docxparts import RedlineError
from iopdocs.word import ooxml

AUTHOR = "iopdocs"

_W_P, _W_R, _W_T, _W_TBL, _W_TR, _W_TC = (qn(f"w:{t}") for t in ("p", "r", "t", "tbl", "tr", "tc"))
_W_PPR, _W_RPR, _W_TRPR, _W_ID = qn("w:pPr"), qn("w:rPr"), qn("w:trPr"), qn("w:id")
_W_SDT = qn("w:sdt")
_ITEMS = {_W_P, _W_TBL, _W_SDT, qn("w:customXml")}
_PROPERTIES = {qn("w:tcPr"), qn("w:tblPr"), qn("w:tblGrid"), qn("w:tblPrEx"), _W_TRPR}
_DELETED_TEXT = {_W_T: qn("w:delText"), qn("w:instrText"): qn("w:delInstrText")}
_NOT_BASE = {_W_RPR, qn("w:sectPr"), qn("w:pPrChange")}
_ATOMS = {
    qn("w:tab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "\u2011",
}
# What a copy of OLD's text must not carry into NEW: OLD's bookmarks, comments,
# notes and section breaks, whose ids and targets belong to OLD's package.
_FOREIGN = {
    qn(f"w:{t}")
    for t in (
        "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd",
        "commentReference", "footnoteReference", "endnoteReference", "proofErr",
        "permStart", "permEnd", "sectPr",
    )
}  # fmt: skip


@dataclass(frozen=True)
class Redline:
    """The tracked-changes document and how many pieces of text it inserts and deletes."""

    data: bytes
    insertions: int
    deletions: int


def write_redline(
    old: Path, new: Path, out: Path, author: str = AUTHOR, when: datetime | date | None = None
) -> Redline:
    """Write the redline of `old` -> `new` to `out` atomically and return it."""
    result = redline(old, new, author, when)
    try:
        atomic_write(out, result.data)
    except OSError as exc:
        raise RedlineError(f"{out}: kan inte skrivas: {os_reason(exc)}.") from exc
    return result


def redline(
    old: Path | bytes, new: Path | bytes, author: str = AUTHOR, when: datetime | date | None = None
) -> Redline:
    """Return NEW as a .docx whose tracked changes turn OLD into NEW.

    `when` dates every revision; by default NEW's core property "modified".
    """
    before, after = docxparts.read_both(old, new)
    stamp = docxparts.stamp(when) if when is not None else docxparts.modified(after.package)
    marker = _Marker(author, stamp, docxparts.largest_id(before, after) + 1)
    parts = dict(after.package.parts)
    for old_story, new_story in docxparts.story_pairs(before, after):
        marker.links = docxparts.Links(
            before.package, old_story.name, after.package, new_story.name
        )
        made = marker.made
        marker.story(docxparts.story_root(old_story.root), docxparts.story_root(new_story.root))
        if marker.made != made:
            parts[new_story.name] = docxparts.serialize(new_story.root)
            parts.update(marker.links.parts())
    order = [*after.package.order, *(name for name in parts if name not in after.package.parts)]
    data = ooxml.write_package(order, parts)
    return Redline(data, marker.counts["ins"], marker.counts["del"])


class _Marker:
    """Aligns OLD's content to NEW's and marks the differences in NEW's tree."""

    def __init__(self, author: str, stamp: str, first_id: int) -> None:
        self.author, self.stamp = author, stamp
        self.ids = itertools.count(first_id)
        self.counts = {"ins": 0, "del": 0}
        self.made = 0
        self.links: docxparts.Links | None = None

    def story(self, old: etree._Element, new: etree._Element) -> None:
        """Mark the differences between two containers of paragraphs and tables."""
        olds = [c for c in old if c.tag in _ITEMS]
        news = [c for c in new if c.tag in _ITEMS]
        previous = None
        for i, j in _align(olds, news, _key):
            if j is None:
                previous = self._place_deleted(olds[i], new, previous)
            elif i is None:
                previous = self.mark(news[j], "ins")
            else:
                previous = self._pair(olds[i], news[j], new, previous)

    def _pair(self, old, new, container, previous) -> etree._Element:
        """Mark the differences between an OLD and a NEW item aligned to each other."""
        if old.tag == new.tag == _W_TBL:
            if _key(old) != _key(new):
                self._table(old, new)
            return new
        if _key(old) != _key(new):
            tokens = (_tokens(old), _tokens(new)) if old.tag == new.tag == _W_P else (None, None)
            if tokens[0] is None or tokens[1] is None:
                self._place_deleted(old, container, previous)
                return self.mark(new, "ins")
            self._rewrite(new, *tokens)
        if old.tag == new.tag == _W_P:
            self._restyle(old, new)
        return new

    def _restyle(self, old: etree._Element, new: etree._Element) -> None:
        """Record OLD's paragraph properties in NEW's w:pPrChange when they differ."""
        before, after = _base_properties(old), _base_properties(new)
        if [_xml(e) for e in before] == [_xml(e) for e in after]:
            return
        change = self._revision("pPrChange", count=False)
        etree.SubElement(change, _W_PPR).extend(copy.deepcopy(e) for e in before)
        properties = new.find(_W_PPR)
        if properties is None:
            properties = etree.Element(_W_PPR)
            new.insert(0, properties)
        properties.append(change)

    def _table(self, old: etree._Element, new: etree._Element) -> None:
        """Mark the differences between two tables, row by row and cell by cell."""
        olds = [c for c in old if c.tag == _W_TR]
        news = [c for c in new if c.tag == _W_TR]
        previous = None
        for i, j in _align(olds, news, _key):
            if j is None:
                previous = self._place_deleted(olds[i], new, previous)
                continue
            previous = news[j]
            if i is None:
                self.mark(news[j], "ins")
                continue
            old_cells = [c for c in olds[i] if c.tag == _W_TC]
            new_cells = [c for c in news[j] if c.tag == _W_TC]
            if len(old_cells) != len(new_cells):
                self._place_deleted(olds[i], new, news[j].getprevious())
                self.mark(news[j], "ins")
            elif _key(olds[i]) != _key(news[j]):
                for old_cell, new_cell in zip(old_cells, new_cells, strict=True):
                    self.story(old_cell, new_cell)

    def _rewrite(self, p: etree._Element, old: list[_Token], new: list[_Token]) -> None:
        """Replace a paragraph's runs by kept, deleted and inserted runs, word by word."""
        pieces: list[etree._Element] = []
        keys_a, keys_b = [t.key for t in old], [t.key for t in new]
        for tag, i1, i2, j1, j2 in word_opcodes(keys_a, keys_b):
            if tag == "equal":
                pieces += _runs(new[j1:j2], deleted=False)
                continue
            if i2 > i1:
                pieces.append(self._wrap("del", _runs(old[i1:i2], deleted=True)))
            if j2 > j1:
                pieces.append(self._wrap("ins", _runs(new[j1:j2], deleted=False)))
        for child in list(p):
            if child.tag != _W_PPR:
                p.remove(child)
        p.extend(pieces)

    def _place_deleted(self, old_item, container, previous) -> etree._Element:
        """Put a deleted copy of an OLD item into NEW's container after `previous`."""
        item = copy.deepcopy(old_item)
        for foreign in [e for e in item.iter() if e.tag in _FOREIGN]:
            foreign.getparent().remove(foreign)
        if self.links is not None:
            self.links.adopt(item)
        self.mark(item, "del")
        if previous is not None:
            previous.addnext(item)
        else:
            first = next((c for c in container if c.tag not in _PROPERTIES), None)
            container.append(item) if first is None else first.addprevious(item)
        return item

    def mark(self, element: etree._Element, kind: str) -> etree._Element:
        """Mark everything in an element inserted ("ins") or deleted ("del"), in place."""
        for tr in element.iter(_W_TR):
            _tr_pr(tr).append(self._revision(kind, count=False))
        wrapper = None
        for run in list(element.iter(_W_R)):
            if kind == "del":
                for text in run:
                    text.tag = _DELETED_TEXT.get(text.tag, text.tag)
            if wrapper is None or run.getprevious() is not wrapper:
                wrapper = self._revision(kind)
                run.addprevious(wrapper)
            wrapper.append(run)
        for p in element.iter(_W_P):
            _mark_rpr(p).insert(0, self._revision(kind, count=False))
        return element

    def _wrap(self, kind: str, runs: list[etree._Element]) -> etree._Element:
        """Return a w:ins or w:del holding `runs`."""
        wrapper = self._revision(kind)
        wrapper.extend(runs)
        return wrapper

    def _revision(self, kind: str, count: bool = True) -> etree._Element:
        """Return an empty w:ins or w:del with the next id, the author and the date."""
        self.made += 1
        if count:
            self.counts[kind] += 1
        element = etree.Element(qn(f"w:{kind}"))
        element.set(_W_ID, str(next(self.ids)))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.stamp)
        return element


@dataclass(frozen=True)
class _Token:
    """A word, space, punctuation mark or other run content (a tab, a field character)."""

    key: str
    run: etree._Element
    content: str | etree._Element


def _tokens(p: etree._Element) -> list[_Token] | None:
    """Return a paragraph's tokens in order, None when it holds more than plain runs."""
    tokens: list[_Token] = []
    for child in _through_controls(p):
        if child.tag in (_W_PPR, qn("w:proofErr")):
            continue
        if child.tag != _W_R:
            return None
        for part in child:
            if part.tag == _W_T:
                tokens += [_Token(word, child, word) for word in tokenize(part.text or "")]
            elif part.tag != _W_RPR:
                tokens.append(_Token(_atom_key(part), child, part))
    return tokens


def _through_controls(p: etree._Element) -> Iterator[etree._Element]:
    """Yield a paragraph's children, each content control's content in its place."""
    for child in p:
        if child.tag == _W_SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _through_controls(content)
        else:
            yield child


def _atom_key(element: etree._Element) -> str:
    """Return what a non-text run child compares as: tabs and breaks as white space."""
    if element.tag in _ATOMS and not element.attrib:
        return _ATOMS[element.tag]
    return "\0" + etree.tostring(element, encoding="unicode")


def _runs(tokens: Sequence[_Token], deleted: bool) -> list[etree._Element]:
    """Return runs holding `tokens`, one per source run, with that run's properties."""
    runs = []
    for source, group in itertools.groupby(tokens, key=lambda token: token.run):
        run = etree.Element(_W_R)
        properties = source.find(_W_RPR)
        if properties is not None:
            run.append(copy.deepcopy(properties))
        text_tag = _DELETED_TEXT[_W_T] if deleted else _W_T
        for is_text, pieces in itertools.groupby(group, key=lambda t: isinstance(t.content, str)):
            if is_text:
                text = etree.SubElement(run, text_tag)
                text.text = "".join(str(piece.content) for piece in pieces)
                text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            else:
                for piece in pieces:
                    atom = copy.deepcopy(piece.content)
                    atom.tag = _DELETED_TEXT.get(atom.tag, atom.tag) if deleted else atom.tag
                    run.append(atom)
        runs.append(run)
    return runs


def _key(element: etree._Element) -> tuple[str, str]:
    """Return what an item compares as: its kind and its visible text."""
    return element.tag, _text(element)


def _text(element: etree._Element) -> str:
    """Return the text of an element: w:t, tabs and breaks; rows and cells separated."""
    pieces = []
    for node in element.iter(_W_T, *_ATOMS, _W_P, _W_TR):
        if node.tag == _W_T:
            pieces.append(node.text or "")
        elif node.tag in _ATOMS:
            pieces.append(_ATOMS[node.tag])
        elif pieces:
            pieces.append("\n")
    return "".join(pieces)


def _align(
    olds: Sequence[etree._Element], news: Sequence[etree._Element], key
) -> Iterator[tuple[int | None, int | None]]:
    """Yield OLD and NEW items in order: equal ones and similar ones paired, the rest alone."""
    keys_a, keys_b = [key(e) for e in olds], [key(e) for e in news]
    matcher = Matcher(keys_a, keys_b)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield from zip(range(i1, i2), range(j1, j2), strict=True)
            continue
        texts_a = [k[1] for k in keys_a[i1:i2]]
        texts_b = [k[1] for k in keys_b[j1:j2]]
        for i, j in pair_similar(texts_a, texts_b):
            yield (None if i is None else i1 + i), (None if j is None else j1 + j)


def _base_properties(p: etree._Element) -> list[etree._Element]:
    """Return a paragraph's own properties: w:pPr without its mark, section and changes."""
    properties = p.find(_W_PPR)
    own = (c for c in properties if c.tag not in _NOT_BASE) if properties is not None else ()
    return list(own)


def _xml(element: etree._Element) -> bytes:
    """Return an element's canonical XML, to compare properties."""
    return etree.tostring(element, method="c14n")


def _tr_pr(tr: etree._Element) -> etree._Element:
    """Return a row's w:trPr, created after any w:tblPrEx; revisions go at its end."""
    properties = tr.find(_W_TRPR)
    if properties is None:
        properties = etree.Element(_W_TRPR)
        exceptions = tr.find(qn("w:tblPrEx"))
        tr.insert(0 if exceptions is None else 1, properties)
    return properties


def _mark_rpr(p: etree._Element) -> etree._Element:
    """Return the run properties of a paragraph's mark (w:pPr/w:rPr), created if missing."""
    p_pr = p.find(_W_PPR)
    if p_pr is None:
        p_pr = etree.Element(_W_PPR)
        p.insert(0, p_pr)
    r_pr = p_pr.find(_W_RPR)
    if r_pr is None:
        r_pr = etree.Element(_W_RPR)
        after = next((c for c in p_pr if c.tag in (qn("w:sectPr"), qn("w:pPrChange"))), None)
        p_pr.append(r_pr) if after is None else after.addprevious(r_pr)
    return r_pr
