"""Find what an edited document changed, field by field, against the generated one.

The generated document knows which field produced each paragraph (its
content controls, `fieldmarks`). The edited one may not any more: LibreOffice
drops the controls' tags, and Word lets text be typed next to a control
instead of inside it. So the edited document's paragraphs are aligned with
the generated document's, in order (difflib, then the most similar pairs
inside a changed stretch), and each takes the field of the paragraph it is
aligned with. A paragraph that only the edited document has belongs to the
field it was typed in (its own control, when it still has one), else to the
field just before it, else to the field just after it.

What comes out:

- `BlockEdit`: a text field (markup) or a list of one-paragraph items
  (beslutsförslag) whose paragraphs differ, with the new paragraphs;
- `InlineEdit`: a value inside a paragraph (a name after "Handläggare:");
- `Refusal`: a change that cannot go back into a field, with its place:
  template text, headings, tables, the page header, new text outside every
  field, and what the markup cannot express (colour, images, tabs …).

Nothing here knows the case file; the tags name the fields, and the caller
decides what each tag means (`iopdocs.authoring.takeback`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from iopdocs.word.alignment import align, inline_changes
from iopdocs.word.fieldmarks import parse_path
from iopdocs.word.markwriter import Para, write
from iopdocs.word.readback import PAGE_BREAK, Item, ReadDocument

_LIST_ITEM = re.compile(r"^(.*)\[(\d+)\]$")


@dataclass(frozen=True)
class BlockEdit:
    """A field whose paragraphs changed: a text, or a list of one-paragraph items.

    `tag` is the field's tag; for a list it is the list's path and `items` is
    True. `paragraphs` are the field's paragraphs in the edited document.
    """

    tag: str
    base: tuple[Para, ...]
    paragraphs: tuple[Para, ...]
    place: str
    items: bool = False


@dataclass(frozen=True)
class InlineEdit:
    """A value inside a paragraph that changed from `old` to `new`."""

    tag: str
    old: str
    new: str
    place: str


@dataclass(frozen=True)
class Refusal:
    """A change that cannot go back into the case file as it stands.

    `what` says what it is (in Swedish), `tags` the fields behind the text
    (none for the template's own text).
    """

    place: str
    what: str
    excerpt: str
    tags: tuple[str, ...] = ()


@dataclass
class Comparison:
    """What an edited document changed against the generated one."""

    blocks: list[BlockEdit] = field(default_factory=list)
    inline: list[InlineEdit] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Return whether the document differs from the generated one at all."""
        return bool(self.blocks or self.inline or self.refusals)


def compare(base: ReadDocument, edited: ReadDocument) -> Comparison:
    """Return the changes of `edited` against `base`, the document as generated."""
    result = Comparison()
    if base.furniture != edited.furniture:
        result.refusals.append(
            Refusal(
                "sidhuvudet eller sidfoten",
                "en ändring i sidhuvudet eller sidfoten, som görs av ärendets uppgifter",
                _first_difference(base.furniture, edited.furniture),
                tuple(dict.fromkeys(base.furniture_tags)),
            )
        )
    _Walk(result).run(_content(base.items), _content(edited.items))
    return result


def _content(items: tuple[Item, ...]) -> list[Item]:
    """Return the items that take part: not the table of contents, not empty paragraphs."""
    return [i for i in items if i.kind != "toc" and (i.text.strip() or i.problems or i.rows)]


def _first_difference(old: tuple[str, ...], new: tuple[str, ...]) -> str:
    for a, b in zip(old, new, strict=False):
        if a != b:
            return b.replace("\n", " ")[:60]
    return ""


# --- the owner of an item ----------------------------------------------------------------


def owner(item: Item) -> str | None:
    """Return the field a paragraph belongs to: its innermost block control's tag."""
    for tag in reversed(item.tags):
        if parse_path(tag) is not None:
            return tag
    return None


def list_of(tag: str) -> tuple[str, int] | None:
    """Return the list's path and the index of an item tag `x[2]`, None for other tags."""
    match = _LIST_ITEM.match(tag)
    return (match[1], int(match[2])) if match else None


@dataclass
class _Field:
    """The paragraphs of one field, generated and edited."""

    tag: str
    items: bool
    base: list[Para] = field(default_factory=list)
    edited: list[Para] = field(default_factory=list)
    place: str = ""
    removed: str = ""
    """Where a removed paragraph stood, the place when nothing else changed."""


class _Place:
    """Names places in the edited document: the heading above, the paragraph's number."""

    def __init__(self) -> None:
        self.heading = ""
        self.count = 0

    def see(self, item: Item) -> str:
        """Return the place of `item` and move past it."""
        if item.kind in ("heading", "title"):
            self.heading, self.count = item.text.strip(), 0
            return f"rubriken \u201d{_short(item.text)}\u201d"
        self.count += 1
        where = f"under rubriken \u201d{_short(self.heading)}\u201d, " if self.heading else ""
        kind = "tabellen" if item.kind == "table" else f"stycke {self.count}"
        return f"{where}{kind}"


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Walk:
    """Aligns two item sequences and sorts every difference into edits and refusals."""

    def __init__(self, result: Comparison) -> None:
        self.result = result
        self.fields: dict[str, _Field] = {}
        self.place = _Place()
        self.owners: set[str] = set()

    def run(self, base: list[Item], edited: list[Item]) -> None:
        self.owners = {o for o in map(owner, base) if o}
        for item in base:
            tag = owner(item)
            if tag:
                self._field(tag).base.append(item.para)
        ops = align(base, edited)
        before, after = _neighbours(ops)
        for index, (b, e) in enumerate(ops):
            place = self.place.see(e) if e is not None else ""
            if b is not None and e is not None:
                self._pair(b, e, place)
            elif e is not None:
                self._inserted(e, place, before[index], after[index])
            elif b is not None:
                self._deleted(b)
        for item_field in self.fields.values():
            if write(item_field.base) != write(item_field.edited):
                self.result.blocks.append(
                    BlockEdit(
                        _list_path(item_field.tag) if item_field.items else item_field.tag,
                        tuple(item_field.base),
                        tuple(item_field.edited),
                        item_field.place or item_field.removed,
                        item_field.items,
                    )
                )

    def _field(self, tag: str) -> _Field:
        """Return the field a tag belongs to; the items of one list share one field."""
        key = _list_path(tag) if list_of(tag) else tag
        if key not in self.fields:
            self.fields[key] = _Field(tag, list_of(tag) is not None)
        return self.fields[key]

    def _pair(self, b: Item, e: Item, place: str) -> None:
        if b.kind == e.kind and b.kind != "table" and _same_links(b.para, e.para):
            e = _keeping(e, b.para)
        tag = owner(b)
        if tag is not None:
            self._into(tag, e, place, changed=write([b.para]) != write([e.para]), kept=b)
            return
        if b.kind == "table" or e.kind == "table":
            self._table(b, e, place)
            return
        if b.kind != e.kind:
            self._refuse(place, _kind_change(b, e), e.text, _span_tags(b))
            return
        self._problems(e, place, b, layout=False)
        if write([b.para]) == write([e.para]) and b.para.levels == e.para.levels:
            return
        if b.kind in ("heading", "title"):
            what = "en ändrad rubrik; rubriker kommer ur mallen och ärendets uppgifter"
            self._refuse(place, what, e.text, _span_tags(b))
            return
        self._inline(b, e, place)

    def _into(self, tag: str, e: Item, place: str, changed: bool, kept: Item | None = None) -> None:
        """Put an edited paragraph into a field; a refused one keeps what was generated."""
        target = self._field(tag)
        refused = True
        if e.kind in ("heading", "title"):
            self._refuse(place, "en ny rubrik; rubriker kan inte skrivas i en text", e.text, (tag,))
        elif e.kind == "table":
            self._refuse(place, "en tabell i texten", e.text, (tag,))
        elif not self._problems(e, place, kept, (tag,)):
            refused = False
        if refused:
            if kept is not None:
                target.edited.append(kept.para)
            return
        target.edited.append(e.para)
        if changed and not target.place:
            target.place = place

    def _inserted(self, e: Item, place: str, before: Item | None, after: Item | None) -> None:
        """Attribute a paragraph only the edited document has to a field, or refuse it."""
        own = owner(e)
        candidates = [own if own in self.owners else None, _owner(before), _owner(after)]
        tag = next((c for c in candidates if c), None)
        if tag is None:
            what = "ny text utanför ärendets fält"
            if e.kind in ("heading", "title"):
                what = "en ny rubrik"
            elif e.kind == "table":
                what = "en ny tabell"
            self._refuse(place, what, e.text)
            return
        self._into(tag, e, place, changed=True)

    def _deleted(self, b: Item) -> None:
        tag = owner(b)
        if tag is not None:
            target = self._field(tag)
            if not target.removed:
                target.removed = f"det borttagna stycket \u201d{_short(b.text)}\u201d"
            return
        self._refuse(
            f"\u201d{_short(b.text)}\u201d",
            "text ur mallen som har tagits bort",
            b.text,
            _span_tags(b),
        )

    def _problems(self, e: Item, place: str, b: Item | None, tags=(), layout=True) -> bool:
        """Refuse what the markup cannot express in a paragraph; True if there was any.

        A page break in the template's own text is layout, not content
        (LibreOffice writes "page break before" as one), unless `layout`.
        """
        known = set(b.problems) if b is not None else set()
        if not layout:
            known.add(PAGE_BREAK)
        new = [p for p in e.problems if p not in known]
        for problem in new:
            self._refuse(place, problem, e.text, tags or (_span_tags(e) if e.spans else ()))
        return bool(new)

    def _table(self, b: Item, e: Item, place: str) -> None:
        """Refuse every changed cell of a table, naming the fields behind it."""
        if b.kind != e.kind or _shape(b) != _shape(e):
            self._refuse(place, "en ändrad tabell (rader eller kolumner)", e.text, _table_tags(b))
            return
        for r, (b_row, e_row) in enumerate(zip(b.rows, e.rows, strict=True), start=1):
            for c, (b_cell, e_cell) in enumerate(zip(b_row, e_row, strict=True), start=1):
                if [write([i.para]) for i in b_cell] != [write([i.para]) for i in e_cell]:
                    tags = tuple(t for i in b_cell for t in _span_tags(i))
                    text = " / ".join(i.text for i in e_cell)
                    what = "en ändring i en tabell, som räknas fram ur ärendets uppgifter"
                    self._refuse(f"{place}, rad {r}, kolumn {c}", what, text, tags)

    def _inline(self, b: Item, e: Item, place: str) -> None:
        """Sort a changed paragraph of template text and values into values and refusals.

        Values are plain text: bold, italic or a link added anywhere in such a
        paragraph is refused, whatever else changed.
        """
        edits, outside = inline_changes(b, e)
        if outside:
            self._refuse(place, "en ändring i mallens text", e.text, _span_tags(b))
            return
        for tag, old, new in edits:
            self.result.inline.append(InlineEdit(tag, old, new, place))
        if _marks(b.para) != _marks(e.para):
            what = "formatering (fetstil, kursiv eller länk) i en rad med mallens text och värden"
            self._refuse(place, what, e.text, _span_tags(b))

    def _refuse(self, place: str, what: str, text: str, tags: tuple[str, ...] = ()) -> None:
        self.result.refusals.append(Refusal(place, what, _short(text, 60), tags))


def _same_links(b: Para, e: Para) -> bool:
    """Return whether two paragraphs differ at most in how their links' addresses are written."""
    if len(b.atoms) != len(e.atoms) or b.levels != e.levels:
        return False
    for x, y in zip(b.atoms, e.atoms, strict=True):
        if (x.text, x.bold, x.italic) != (y.text, y.bold, y.italic):
            return False
        if (x.link is None) != (y.link is None) or (x.link and _url(x.link) != _url(y.link)):
            return False
    return True


def _url(url: str) -> str:
    """Return an address without the slash LibreOffice adds after a bare host name."""
    return re.sub(r"^(https?://[^/?#]+)/$", r"\1", url)


def _keeping(e: Item, para: Para) -> Item:
    """Return the edited item with the generated paragraph's content."""
    return Item(e.kind, para, e.tags, e.spans, e.problems, e.level, e.rows)


def _marks(para: Para) -> list[tuple[str, bool, bool, str | None]]:
    """Return the marked pieces of a paragraph: text that is bold, italic or a link."""
    return [(a.text, a.bold, a.italic, a.link) for a in para.atoms if a.bold or a.italic or a.link]


def _owner(item: Item | None) -> str | None:
    return owner(item) if item is not None else None


def _list_path(tag: str) -> str:
    found = list_of(tag)
    return found[0] if found else tag


def _neighbours(ops) -> tuple[list[Item | None], list[Item | None]]:
    """Return, for each op, the nearest generated item before it and after it (None if none).

    Two passes, not a search per op: a run of thousands of typed paragraphs
    would otherwise cost its length squared.
    """
    before: list[Item | None] = []
    last = None
    for b, _ in ops:
        before.append(last)
        last = b if b is not None else last
    after: list[Item | None] = [None] * len(ops)
    last = None
    for index in range(len(ops) - 1, -1, -1):
        after[index] = last
        last = ops[index][0] if ops[index][0] is not None else last
    return before, after


def _kind_change(b: Item, e: Item) -> str:
    if e.kind in ("heading", "title"):
        return "text ur mallen som har gjorts till rubrik"
    return "en rubrik ur mallen som har gjorts till vanlig text"


def _shape(item: Item) -> list[int]:
    return [len(row) for row in item.rows]


def _span_tags(item: Item) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.tag for s in item.spans))


def _table_tags(item: Item) -> tuple[str, ...]:
    tags = [t for row in item.rows for cell in row for i in cell for t in _span_tags(i)]
    return tuple(dict.fromkeys(tags))
