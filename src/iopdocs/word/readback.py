"""Read a .docx back as the case files' markup: paragraphs, list items, tables, field tags.

`read_document` returns the body as a list of `Item` in reading order (a
table is one item whose cells hold items), each paragraph as a `Para` of
marked atoms (see `markwriter`) with:

- `tags`: the tags of the fields the whole paragraph belongs to: block-level
  content controls around it, or a "Text" control holding all of it (that is
  how a generated document marks a text's paragraphs, `fieldmarks`),
- `spans`: where the other run-level content controls (values) sit in its
  text, and their tags,
- `problems`: what in it the markup cannot express (colour, an image, a tab …),
  each said in Swedish.

It also returns what `docfacts` reads: the page headers and footers as text,
the custom properties, and the tracked changes it still holds. It reads
only: nothing here judges whether a difference matters (`fieldmap` does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from docx.oxml.ns import qn
from lxml import etree

from iopdocs.word import docfacts, fieldmarks, ooxml, zipread
from iopdocs.word.markwriter import Atom, Para, links_read_back, merge, reads_back
from iopdocs.word.numbering import Numbering, Styles, numbering_of
from iopdocs.word.structure import style_level, val

ItemKind = Literal["paragraph", "heading", "title", "table", "toc"]

DOCUMENT = "word/document.xml"
_RELS = "word/_rels/document.xml.rels"
_W_P, _W_R, _W_T, _W_TBL, _W_TR, _W_TC = (qn(f"w:{t}") for t in ("p", "r", "t", "tbl", "tr", "tc"))
_W_SDT, _W_SDTCONTENT, _W_HYPERLINK = qn("w:sdt"), qn("w:sdtContent"), qn("w:hyperlink")
_W_FLDSIMPLE, _W_FLDCHAR, _W_INSTR = qn("w:fldSimple"), qn("w:fldChar"), qn("w:instrText")
_TRANSPARENT = {
    _W_SDTCONTENT,
    qn("w:smartTag"),
    qn("w:customXml"),
    qn("w:dir"),
    qn("w:bdo"),
    qn("w:ins"),
    qn("w:moveTo"),
}
_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_UNEXPRESSIBLE = {
    qn("w:drawing"): "en bild",
    qn("w:pict"): "en bild",
    qn("w:object"): "ett inbäddat objekt",
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent": "en bild",
    qn("w:footnoteReference"): "en fotnot",
    qn("w:endnoteReference"): "en slutnot",
    qn("w:sym"): "en symbol",
    qn("w:tab"): "en tabb",
    qn("w:ptab"): "en tabb",
    f"{{{_MATH}}}oMath": "en formel",
    f"{{{_MATH}}}oMathPara": "en formel",
}
_FALSE = {"0", "false", "off", "none"}
PAGE_BREAK = "en sidbrytning"
UNWRITABLE_MARKS = (
    "fetstil eller kursiv som märkspråket inte kan skriva (märkningen börjar eller slutar "
    "vid ett skiljetecken tätt intill en bokstav); flytta märkningen till hela ord"
)
UNWRITABLE_LINK = (
    "en länk som märkspråket inte kan skriva (till en fil, en enhet som G:, eller med en "
    "adress som inte är en webbadress eller e-post); skriv adressen som text i stället"
)
MAX_PARAGRAPHS = 20_000
"""The most paragraphs read back: reading and comparing cost about a millisecond each."""
_SEPARATORS = re.compile("[\u2028\u2029]")
_HYPERLINK_INSTR = re.compile(r'^\s*HYPERLINK\s+"([^"]*)"', re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    """Where a run-level content control stands in a paragraph's text."""

    start: int
    end: int
    tag: str
    kind: str = fieldmarks.VALUE


@dataclass(frozen=True)
class Item:
    """A paragraph or table of the body, as read back."""

    kind: ItemKind
    para: Para
    tags: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()
    problems: tuple[str, ...] = ()
    level: int = 0
    rows: tuple[tuple[tuple[Item, ...], ...], ...] = ()

    @property
    def text(self) -> str:
        """Return the visible text: a paragraph's, or a table's cells joined."""
        if self.kind != "table":
            return self.para.text
        return "\n".join(
            " | ".join(" / ".join(i.text for i in cell) for cell in row) for row in self.rows
        )

    @property
    def tag(self) -> str | None:
        """Return the innermost block-level control's tag, None outside every control."""
        return self.tags[-1] if self.tags else None


@dataclass(frozen=True)
class ReadDocument:
    """A document read back: body items, page headers and footers, properties, revisions."""

    items: tuple[Item, ...]
    furniture: tuple[str, ...]
    furniture_tags: tuple[str, ...]
    properties: dict[str, str] = field(default_factory=dict)
    revisions: tuple[str, ...] = ()


def read_document(data: bytes) -> ReadDocument:
    """Return a .docx read back; raise ValueError (from the package reader) if unreadable."""
    package = ooxml.read_package(data)
    parts = package.parts
    if DOCUMENT not in parts:
        raise zipread.PackageError(f"paketet saknar dokumentets text ({DOCUMENT})")
    styles = Styles(_root(parts.get("word/styles.xml")))
    numbering = Numbering(_root(parts.get("word/numbering.xml")), styles)
    links = _links(parts.get(_RELS))
    root = ooxml.parse(parts[DOCUMENT])
    count = sum(1 for _ in root.iter(_W_P))
    if count > MAX_PARAGRAPHS:
        raise zipread.PackageError(
            f"dokumentet har {count} stycken, fler än {MAX_PARAGRAPHS}; ett dokument som iopdocs "
            "gör har några hundra, så det här är inte ett ändrat sådant"
        )
    reader = _Reader(styles, numbering, links, _defaults(_root(parts.get("word/styles.xml"))))
    body = root.find(qn("w:body"))
    items = reader.container(body, ()) if body is not None else []
    furniture, tags = docfacts.furniture(parts)
    return ReadDocument(
        tuple(_with_levels(items)),
        furniture,
        tags,
        docfacts.custom_properties(parts.get("docProps/custom.xml")),
        docfacts.revisions(parts),
    )


def _root(xml: bytes | None) -> etree._Element | None:
    return ooxml.parse(xml) if xml else None


def _links(rels: bytes | None) -> dict[str, str]:
    """Return the external hyperlink targets by relationship id."""
    if not rels:
        return {}
    out = {}
    for rel in ooxml.parse(rels):
        if rel.get("TargetMode") == "External" and rel.get("Type", "").endswith("/hyperlink"):
            out[rel.get("Id")] = rel.get("Target", "")
    return out


def _defaults(styles: etree._Element | None) -> etree._Element | None:
    """Return the document's default run properties."""
    if styles is None:
        return None
    return styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")


@dataclass
class _Field:
    instruction: str = ""
    in_result: bool = False


@dataclass
class _Line:
    """A paragraph being read: its atoms, spans and problems."""

    atoms: list[Atom] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    toc: bool = False
    length: int = 0

    def add(self, atom: Atom) -> None:
        self.atoms.append(atom)
        self.length += len(atom.text)


class _Reader:
    """Reads the paragraphs and tables of one story, with the document's styles and lists."""

    def __init__(self, styles: Styles, numbering: Numbering, links: dict, defaults) -> None:
        self.styles, self.numbering, self.links, self.defaults = styles, numbering, links, defaults
        self.counters: dict = {}
        self.fields: list[_Field] = []

    def container(self, element: etree._Element, tags: tuple[str, ...]) -> list[Item]:
        """Return the items of the paragraphs and tables in `element`, in order."""
        items: list[Item] = []
        for child in element:
            if child.tag == _W_P:
                items.append(self.paragraph(child, tags))
            elif child.tag == _W_TBL:
                items.append(self.table(child, tags))
            elif child.tag == _W_SDT:
                tag = fieldmarks.tag_of(child)
                content = child.find(_W_SDTCONTENT)
                if content is not None:
                    inner = (*tags, tag) if tag else tags
                    gallery = child.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}") is not None
                    found = self.container(content, inner)
                    if _placeholder_shown(child):
                        found = [Item(i.kind, Para(()), i.tags) for i in found]
                    items += [_as_toc(i) for i in found] if gallery else found
            elif child.tag in _TRANSPARENT:
                items += self.container(child, tags)
        return items

    def table(self, tbl: etree._Element, tags: tuple[str, ...]) -> Item:
        """Return a table as one item whose cells hold their items."""
        rows = []
        for tr in _children(tbl, _W_TR):
            cells = tuple(tuple(self.container(tc, tags)) for tc in _children(tr, _W_TC))
            rows.append(cells)
        return Item("table", Para(()), tags, rows=tuple(rows))

    def paragraph(self, p: etree._Element, tags: tuple[str, ...]) -> Item:
        """Return one paragraph read back."""
        properties = p.find(qn("w:pPr"))
        chain = self.styles.chain(val(properties, "w:pStyle"))
        line = _Line(
            toc=bool(self.fields and self.fields[-1].instruction.strip().startswith("TOC"))
        )
        found = [properties, *(s.find(qn("w:pPr")) for s in chain)]
        base = [b for b in found if b is not None]
        style_runs = [s.find(qn("w:rPr")) for s in chain]
        self._inline(p, line, None, style_runs)
        kind, level = self._classify(chain, base)
        problems = list(dict.fromkeys(line.problems))
        alignment = val(properties, "w:jc")
        if alignment in ("center", "right", "end"):
            problems.append("en justering (centrerat eller högerställt stycke)")
        levels: tuple[bool, ...] = ()
        start = None
        if kind == "list":
            ordered, start = self._list(base, level)
            levels = (ordered,) * (level + 1)
            kind = "paragraph"
        if line.toc or (chain and re.fullmatch(r"toc \d", (val(chain[0], "w:name") or "").lower())):
            kind = "toc"
        para = Para(merge(line.atoms), levels, start)
        if not reads_back(para):
            problems.append(UNWRITABLE_MARKS)
        if not links_read_back(para):
            problems.append(UNWRITABLE_LINK)
        texts = {s.tag for s in line.spans if s.kind == fieldmarks.TEXT}
        if len(texts) == 1:
            tags = (*tags, *texts)
        spans = tuple(s for s in line.spans if s.kind != fieldmarks.TEXT)
        return Item(kind, para, tags, spans, tuple(problems), level)

    def _classify(self, chain, properties) -> tuple[str, int]:
        """Return the kind of a paragraph and its heading or list level."""
        name = (val(chain[0], "w:name") or "").lower() if chain else ""
        level = style_level(name)
        if level == 0:
            return "title", 0
        if level:
            return "heading", level
        for props in properties:
            outline = val(props, "w:outlineLvl")
            if outline is not None and outline.isdigit() and int(outline) < 9:
                return "heading", int(outline) + 1
            if outline is not None:
                break
        num_id, ilvl = numbering_of(properties)
        if num_id is not None and num_id != "0":
            return "list", ilvl
        return "paragraph", 0

    def _list(self, properties, ilvl: int) -> tuple[bool, int | None]:
        """Return whether a list item is numbered, and its number."""
        num_id, _ = numbering_of(properties)
        label = self.numbering.label(self.counters, num_id, ilvl) or "- "
        number = label.rstrip(". ")
        if label == "- ":
            return False, None
        return True, int(number) if number.isdigit() else None

    def _inline(self, element, line: _Line, link: str | None, style_runs) -> None:
        """Read the runs, links, fields and controls inside a paragraph."""
        for child in element:
            tag = child.tag
            if tag == _W_R:
                self._run(child, line, link, style_runs)
            elif tag == _W_HYPERLINK:
                target = self.links.get(child.get(qn("r:id")) or "")
                self._inline(child, line, target or link, style_runs)
            elif tag == _W_SDT:
                start = line.length
                content = child.find(_W_SDTCONTENT)
                if content is not None and not _placeholder_shown(child):
                    self._inline(content, line, link, style_runs)
                control = fieldmarks.tag_of(child)
                if control:
                    kind = fieldmarks.kind_of(child)
                    line.spans.append(Span(start, line.length, control, kind))
            elif tag == _W_FLDSIMPLE:
                instruction = child.get(qn("w:instr")) or ""
                target = _HYPERLINK_INSTR.match(instruction)
                if not target:
                    line.problems.append("ett fält (till exempel datum eller sidnummer)")
                self._inline(child, line, target[1] if target else link, style_runs)
            elif tag in _TRANSPARENT:
                self._inline(child, line, link, style_runs)
            elif tag in _UNEXPRESSIBLE:
                line.problems.append(_UNEXPRESSIBLE[tag])

    def _run(self, run, line: _Line, link: str | None, style_runs) -> None:
        """Read one run: its text with marks, its line breaks, its fields."""
        props = run.find(qn("w:rPr"))
        char_style = self.styles.chain(val(props, "w:rStyle")) if props is not None else []
        char_runs = [s.find(qn("w:rPr")) for s in char_style if val(props, "w:rStyle")]
        layers = [props, *char_runs, *style_runs]
        bold, italic = _toggle(layers, "w:b"), _toggle(layers, "w:i")
        line.problems += self._run_problems(props, link, style_runs)
        for child in run:
            tag = child.tag
            if tag == _W_FLDCHAR:
                self._field_char(child.get(qn("w:fldCharType")), line)
            elif tag == _W_INSTR and self.fields:
                self.fields[-1].instruction += child.text or ""
            elif not self._showing():
                continue
            elif tag == _W_T:
                url = self._field_link() or link
                for index, piece in enumerate(_SEPARATORS.split(child.text or "")):
                    if index:
                        line.add(Atom("\n"))  # a pasted line separator is a line break
                    line.add(Atom(piece, bold, italic, url))
            elif tag in (qn("w:br"), qn("w:cr")):
                kind = child.get(qn("w:type"))
                if kind in ("page", "column"):
                    line.problems.append(PAGE_BREAK)
                else:
                    line.add(Atom("\n"))
            elif tag == qn("w:noBreakHyphen"):
                line.add(Atom("\u2011", bold, italic, link))
            elif tag == qn("w:softHyphen"):
                line.add(Atom("\u00ad", bold, italic, link))
            elif tag in _UNEXPRESSIBLE:
                line.problems.append(_UNEXPRESSIBLE[tag])

    def _field_char(self, kind: str | None, line: _Line) -> None:
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            self.fields[-1].in_result = True
            instruction = self.fields[-1].instruction.strip()
            if instruction.startswith("TOC"):
                line.toc = True
            elif not _HYPERLINK_INSTR.match(instruction):
                line.problems.append("ett fält (till exempel datum eller sidnummer)")
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _showing(self) -> bool:
        """Return whether text now is a field's result (or outside every field)."""
        return all(f.in_result for f in self.fields)

    def _field_link(self) -> str | None:
        for current in reversed(self.fields):
            match = _HYPERLINK_INSTR.match(current.instruction)
            if match:
                return match[1]
        return None

    def _run_problems(self, props, link: str | None, style_runs) -> list[str]:
        """Return what a run's own formatting shows that the markup cannot hold."""
        if props is None:
            return []
        problems = []
        color = val(props, "w:color")
        if color and color.lower() not in ("auto", "000000") and link is None:
            problems.append(f"en färg ({color})")
        highlight = val(props, "w:highlight")
        if highlight and highlight.lower() not in _FALSE:
            problems.append(f"en överstrykning ({highlight})")
        shading = props.find(qn("w:shd"))
        fill = shading.get(qn("w:fill"), "auto").lower() if shading is not None else "auto"
        if fill not in ("auto", "ffffff"):
            problems.append(f"en bakgrundsfärg ({fill})")
        underline = val(props, "w:u")
        if underline and underline.lower() not in _FALSE and link is None:
            problems.append("understrykning")
        if _toggle([props], "w:strike") or _toggle([props], "w:dstrike"):
            problems.append("genomstrykning")
        if val(props, "w:vertAlign") in ("superscript", "subscript"):
            problems.append("upphöjd eller nedsänkt text")
        if _toggle([props], "w:caps") or _toggle([props], "w:smallCaps"):
            problems.append("versaler som formatering")
        size = val(props, "w:sz")
        if size and size != _first(style_runs + [self.defaults], "w:sz"):
            problems.append(f"en annan teckenstorlek ({int(size) / 2:g} pt)")
        fonts = props.find(qn("w:rFonts"))
        font = fonts.get(qn("w:ascii")) if fonts is not None else None
        expected = _first_font(style_runs + [self.defaults])
        if font and expected and font != expected:
            problems.append(f"ett annat typsnitt ({font})")
        return problems


def _toggle(layers, tag: str) -> bool:
    """Return a toggle property (bold, italic) from the nearest layer that sets it."""
    for layer in layers:
        if layer is None:
            continue
        element = layer.find(qn(tag))
        if element is not None:
            return (element.get(qn("w:val")) or "1").lower() not in _FALSE
    return False


def _first(layers, tag: str) -> str | None:
    for layer in layers:
        found = val(layer, tag) if layer is not None else None
        if found is not None:
            return found
    return None


def _first_font(layers) -> str | None:
    for layer in layers:
        fonts = layer.find(qn("w:rFonts")) if layer is not None else None
        if fonts is not None and fonts.get(qn("w:ascii")):
            return fonts.get(qn("w:ascii"))
    return None


def _children(element: etree._Element, tag: str) -> list[etree._Element]:
    """Return the children `tag` of `element`, looking through controls and custom XML."""
    out = []
    for child in element:
        if child.tag == tag:
            out.append(child)
        elif child.tag in (_W_SDT, *_TRANSPARENT):
            inner = child.find(_W_SDTCONTENT) if child.tag == _W_SDT else child
            if inner is not None:
                out += _children(inner, tag)
    return out


def _placeholder_shown(control: etree._Element) -> bool:
    """Return whether a content control shows Word's placeholder: its text was deleted."""
    return control.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}") is not None


def _as_toc(item: Item) -> Item:
    return Item("toc", item.para, item.tags)


def _with_levels(items: list[Item]) -> list[Item]:
    """Return the items with each list item's enclosing lists filled in.

    A list item knows only its own level and kind; the kinds of the lists
    around it are those of the items before it in the same run of items.
    """
    out: list[Item] = []
    stack: list[bool] = []
    for item in items:
        levels = item.para.levels
        if item.kind != "paragraph" or not levels:
            stack = []
            out.append(item)
            continue
        depth = min(len(levels), len(stack) + 1)
        stack = [*stack[: depth - 1], levels[-1]]
        para = Para(item.para.atoms, tuple(stack), item.para.start)
        out.append(Item(item.kind, para, item.tags, item.spans, item.problems, item.level))
    return out
