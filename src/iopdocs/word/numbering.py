"""Word's paragraph styles and list numbering, as a reader sees them: "- ", "2. ", "b. ".

`Numbering.label` counts the items of each list the way Word does: per
abstract list, a w:num with a startOverride starting over, letters past z
repeating (aa, bb), roman numerals.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

from iopdocs.word.structure import val


def numbering_of(properties: list[etree._Element]) -> tuple[str | None, int]:
    """Return the numId and ilvl of a paragraph, each from the nearest numPr that has it."""
    num_id = ilvl = None
    for props in properties:
        num_pr = props.find(qn("w:numPr"))
        num_id = num_id if num_id is not None else val(num_pr, "w:numId")
        ilvl = ilvl if ilvl is not None else val(num_pr, "w:ilvl")
    level = int(ilvl) if ilvl is not None and ilvl.isdigit() else 0
    return num_id, min(level, 8)


class Styles:
    """The paragraph styles of styles.xml, by styleId."""

    def __init__(self, root: etree._Element | None) -> None:
        styles = root.findall(qn("w:style")) if root is not None else []
        self._by_id = {style.get(qn("w:styleId")): style for style in styles}
        self._default = next(
            (
                s
                for s in styles
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )

    def by_id(self, style_id: str | None) -> etree._Element | None:
        """Return the style with `style_id`, None when it is unset or unknown."""
        return self._by_id.get(style_id) if style_id else None

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """Return the style and the styles it is based on; the default style when unset."""
        style = self.by_id(style_id)
        if style is None:
            style = self._default
        chain: list[etree._Element] = []
        while style is not None and not any(style is seen for seen in chain):
            chain.append(style)
            style = self.by_id(val(style, "w:basedOn"))
        return chain


class Numbering:
    """The list definitions of numbering.xml and the label of each numbered paragraph.

    Counters run per abstract list, so a w:num that only points at it continues
    the count; a w:num with a startOverride is a list of its own and starts over.
    """

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        nums = root.findall(qn("w:num")) if root is not None else []
        abstracts = root.findall(qn("w:abstractNum")) if root is not None else []
        self._nums = {num.get(qn("w:numId")): num for num in nums}
        self._abstracts = {a.get(qn("w:abstractNumId")): a for a in abstracts}
        self._styles = styles

    def label(self, counters: dict, num_id: str, ilvl: int) -> str | None:
        """Count one item of list `num_id` at `ilvl` and return its label ("- ", "2. ")."""
        num = self._nums.get(num_id)
        if num is None:
            return None
        override = _with_ilvl(num, "w:lvlOverride", ilvl)
        lvl = override.find(qn("w:lvl")) if override is not None else None
        if lvl is None:
            lvl = _with_ilvl(self._abstract(num), "w:lvl", ilvl)
        if lvl is None:  # Word shows no label for a level the list does not define
            return None
        restarts = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}") is not None
        key = ("num", num_id) if restarts else ("abstract", val(num, "w:abstractNumId"))
        counts = counters.setdefault(key, [None] * 9)
        start = val(override, "w:startOverride") or val(lvl, "w:start") or "0"
        current = counts[ilvl]
        first = int(start) if start.isdigit() else 0
        counts[ilvl] = first if current is None else current + 1
        counts[ilvl + 1 :] = [None] * (8 - ilvl)
        return _label(val(lvl, "w:numFmt") or "decimal", counts[ilvl])

    def _abstract(self, num: etree._Element) -> etree._Element | None:
        """Return the abstract list of a w:num, following a numStyleLink to its list style."""
        abstract = self._abstracts.get(val(num, "w:abstractNumId"))
        style = self._styles.by_id(val(abstract, "w:numStyleLink"))
        if style is not None:
            num_id, _ = numbering_of([p for p in [style.find(qn("w:pPr"))] if p is not None])
            linked = self._nums.get(num_id)
            if linked is not None and linked is not num:
                abstract = self._abstracts.get(val(linked, "w:abstractNumId"), abstract)
        return abstract


def _with_ilvl(parent: etree._Element | None, tag: str, ilvl: int) -> etree._Element | None:
    """Return the child `tag` of `parent` whose w:ilvl is `ilvl`."""
    if parent is None:
        return None
    return next((c for c in parent.findall(qn(tag)) if c.get(qn("w:ilvl")) == str(ilvl)), None)


def _label(number_format: str, n: int) -> str:
    """Return the list label for item `n`: "- " for bullets, else the number and a dot."""
    if number_format == "bullet":
        return "- "
    if number_format == "none":
        return ""
    return f"{_number(number_format, n)}. "


def _number(number_format: str, n: int) -> str:
    """Return `n` in a numFmt: letters repeat past z as Word does (aa, bb); romans."""
    if n < 1 or number_format not in ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman"):
        return str(n)
    if number_format.endswith("Letter"):
        text = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    else:
        text = _roman(n)
    return text.upper() if number_format.startswith("upper") else text


def _roman(n: int) -> str:
    """Return `n` in lower-case roman numerals."""
    numerals = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ]
    text = ""
    for value, numeral in numerals:
        count, n = divmod(n, value)
        text += numeral * count
    return text
