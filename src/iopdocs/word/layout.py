"""Lay out a rendered part the way docxtpl does: breaks, tabs, paragraphs, table grids.

docxtpl documents that a plain value's `\\n`, `\\t`, `\\a` and `\\f` become a line
break, a tab, a new paragraph and a page break, and fixes each table's column
grid after `{%tc for %}` loops; it does both with regular expressions over the
XML string. Here the rendered part is parsed once (the well-formedness check
needs that parse anyway) and changed on the tree, and serialised again only
when something changed, so parts without such values keep their exact bytes.

A value can never write a processing instruction (it is escaped), so `\\a` and
`\\f`, which XML does not allow as characters, are carried into the tree as
`<?iopdocs-stycke?>` and `<?iopdocs-sida?>` marks and split paragraphs there.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from iopdocs.word import ooxml

_W = "{" + ooxml.W + "}"
_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
PARAGRAPH, PAGE = "iopdocs-stycke", "iopdocs-sida"
_MARKS = {"\a": f"<?{PARAGRAPH}?>", "\f": f"<?{PAGE}?>"}
_PROPERTIES = {_W + "pPr", _W + "rPr", _W + "sdtPr"}


def finish(xml: str, fit_grids: bool = True) -> bytes:
    """Return a rendered part as bytes, laid out; raise XMLSyntaxError if it is not XML.

    `fit_grids` is for parts whose tags can change how many cells a row has.
    """
    for char, mark in _MARKS.items():
        xml = xml.replace(char, mark)
    data = xml.encode("utf-8")
    root = ooxml.parse(data)
    changed = _needs_layout(xml) and lay_out_text(root)
    changed = (fit_grids and fit_table_grids(root)) or changed
    changed = unique_drawing_ids(root) or changed
    if not changed:
        return data
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _needs_layout(xml: str) -> bool:
    """Return whether a mark, or a newline or tab inside a w:t, is in the part."""
    if "<?iopdocs-" in xml:
        return True
    for char in "\n\t":
        at = xml.find(char)
        while at != -1:
            if xml.startswith(("<w:t>", "<w:t "), xml.rfind("<", 0, at)):
                return True
            at = xml.find(char, at + 1)
    return False


def lay_out_text(root: etree._Element) -> bool:
    """Turn `\\n` and `\\t` in text into w:br and w:tab, and split paragraphs at the marks."""
    changed = False
    for text in list(root.iter(_W + "t")):
        if len(text) or (text.text and ("\n" in text.text or "\t" in text.text)):
            _expand(text)
            changed = True
    marks = [pi for pi in root.iter(etree.PI) if pi.target in (PARAGRAPH, PAGE)]
    for mark in reversed(marks):  # from the end: each split moves the rest only once
        _split_at(mark)
    return changed or bool(marks)


def _expand(text: etree._Element) -> None:
    """Replace a w:t by w:t, w:br, w:tab and marks side by side in its run."""
    pieces: list[etree._Element] = []
    _add_text(pieces, text.text)
    for child in text:
        if isinstance(child, etree._ProcessingInstruction):
            pieces.append(etree.ProcessingInstruction(child.target))
        _add_text(pieces, child.tail)
    run = text.getparent()
    anchor = text
    for piece in pieces:
        anchor.addnext(piece)
        anchor = piece
    run.remove(text)


def _add_text(pieces: list[etree._Element], text: str | None) -> None:
    """Append the elements for `text`: w:t pieces between w:br and w:tab."""
    for piece in re.split(r"([\n\t])", text or ""):
        if piece in ("\n", "\t"):
            pieces.append(etree.Element(_W + ("br" if piece == "\n" else "tab")))
        elif piece:
            element = etree.Element(_W + "t")
            element.text = piece
            element.set(_XML_SPACE, "preserve")
            pieces.append(element)


def _split_at(mark: etree._ProcessingInstruction) -> None:
    """Split the paragraph holding `mark` there, with a page break between if it is PAGE."""
    paragraph = next((a for a in mark.iterancestors(_W + "p")), None)
    node, piece = mark, None
    while paragraph is not None and node is not paragraph:
        parent = node.getparent()
        clone = _shallow_copy(parent)
        if piece is not None:
            clone.append(piece)
        for sibling in list(node.itersiblings()):
            clone.append(sibling)
        node, piece = parent, clone
    _remove_keeping_tail(mark)
    if paragraph is None or piece is None:
        return
    _keep_section_on_last(paragraph)
    if mark.target == PAGE:
        paragraph.addnext(_page_break())
        paragraph = paragraph.getnext()
    paragraph.addnext(piece)


def _remove_keeping_tail(node: etree._Element) -> None:
    """Remove `node` from the tree, keeping the text that follows it."""
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent = node.getparent()
            parent.text = (parent.text or "") + node.tail
    node.getparent().remove(node)


def _shallow_copy(element: etree._Element) -> etree._Element:
    """Return an empty copy of `element` with its attributes and its properties child."""
    clone = etree.Element(element.tag, attrib=dict(element.attrib))
    for child in element:
        if child.tag in _PROPERTIES:
            clone.append(copy.deepcopy(child))
    return clone


def _keep_section_on_last(paragraph: etree._Element) -> None:
    """Remove a section break from the first piece of a split paragraph (the copy keeps it)."""
    section = paragraph.find(f"{_W}pPr/{_W}sectPr")
    if section is not None:
        section.getparent().remove(section)


def _page_break() -> etree._Element:
    """Return a paragraph holding only a page break."""
    paragraph = etree.Element(_W + "p")
    run = etree.SubElement(paragraph, _W + "r")
    etree.SubElement(run, _W + "br").set(_W + "type", "page")
    return paragraph


def fit_table_grids(root: etree._Element) -> bool:
    """Give each table as many grid columns as its widest row, as docxtpl's fix_tables."""
    changed = False
    for table in root.iter(_W + "tbl"):
        grid = table.find(_W + "tblGrid")
        if grid is not None:
            changed = _fit_grid(table, grid) or changed
    return changed


def _fit_grid(table: etree._Element, grid: etree._Element) -> bool:
    """Add columns for rows with more cells, then drop columns no row reaches."""
    columns = grid.findall(_W + "gridCol")
    rows = table.findall(_W + "tr")
    extra = max((len(row.findall(_W + "tc")) for row in rows), default=0) - len(columns)
    total = sum(_width(c) for c in columns)
    added = extra > 0 and total > 0
    if added:
        average = total / (len(columns) + extra)
        for column in columns:
            column.set(_W + "w", str(int(_width(column) * average / (total / len(columns)))))
        for _ in range(extra):
            etree.SubElement(grid, _W + "gridCol").set(_W + "w", str(int(average)))
    return _drop_unreached(grid, rows) or added


def _drop_unreached(grid: etree._Element, rows: list[etree._Element]) -> bool:
    """Remove grid columns past the widest row, giving their width to the others."""
    columns = grid.findall(_W + "gridCol")
    surplus = len(columns) - max((_span(row) for row in rows), default=0)
    if surplus <= 0 or surplus >= len(columns):
        return False
    removed = sum(_width(c) for c in columns[-surplus:])
    for column in columns[-surplus:]:
        grid.remove(column)
    share = int(removed / (len(columns) - surplus))
    for column in columns[:-surplus]:
        column.set(_W + "w", str(int(_width(column) + share)))
    return True


def _span(row: etree._Element) -> int:
    """Return how many grid columns a row covers."""
    total = 0
    for cell in row.findall(_W + "tc"):
        span = cell.find(f"{_W}tcPr/{_W}gridSpan")
        total += _int(span.get(_W + "val")) if span is not None else 1
    return total


def _width(column: etree._Element) -> float:
    """Return a grid column's width in twips, 0 when it has none."""
    try:
        return float(column.get(_W + "w") or 0)
    except ValueError:
        return 0.0


def _int(value: str | None) -> int:
    """Return `value` as an int, 1 when it is not one."""
    try:
        return int(value or 1)
    except ValueError:
        return 1


def unique_drawing_ids(root: etree._Element) -> bool:
    """Renumber drawings whose id repeats (an image in a repeated row or paragraph)."""
    seen: set[str] = set()
    duplicates = []
    for drawing in root.iter(_WP_DOCPR):
        identifier = drawing.get("id", "")
        if identifier in seen:
            duplicates.append(drawing)
        seen.add(identifier)
    next_id = max((_int(i) for i in seen if i.isdigit()), default=0) + 1
    for drawing in duplicates:
        drawing.set("id", str(next_id))
        next_id += 1
    return bool(duplicates)
