"""Where a value stands in a case file: its path of keys, the texts under it, its line.

A path is the keys and list indexes from the top of the file down to a
value, `("parter", 0, "namn")`, written `parter[0].namn` in messages. Every
module that looks at a loaded case file names values this way.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Any

YamlPath = tuple[str | int, ...]
Position = tuple[int, int]

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def format_path(path: YamlPath) -> str:
    """Return path written as `a.b[2].c`, the way problems name a field."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


# How one item of a list is called, by the list's key: "parter, part 2", "punkt 1".
_ITEM_WORDS = {
    "parter": "part",
    "beslutsförslag": "punkt",
    "beslutstext": "punkt",
    "firmatecknare": "firmatecknare",
    "kostnadsbudget": "rad",
    "uppföljningar": "uppföljning",
    "bilagor": "bilaga",
    "avsnitt": "avsnitt",
    "beslutet_skickas_till": "mottagare",
    "skickas_till": "mottagare",
    "kommunala_mål": "mål",
    "personnummer": "undantag",
    "namnformer": "undantag",
    "belopp": "undantag",
    "opi": "sats",
}
# The lists whose items are named in a label, and the key that names them.
_NAMED_BY = {"parter": "namn", "kostnadsbudget": "post", "uppföljningar": "år"}
_NAMED_BY |= {"bilagor": "titel", "avsnitt": "rubrik"}


def describe(path: YamlPath, data: Any = None) -> str:
    """Return a path the way a person reads it: "parter, part 2 (Ryds Bollklubb), firmatecknare 1, namn".

    Items count from 1 and are called by what they are; a party, budget row,
    follow-up, bilaga or section is named from `data` (the loaded file) when
    it is given. Problems carry this as their label; `format_path` stays the
    machine name of the field.
    """
    words: list[str] = []
    node, key = data, None
    for part in path:
        if isinstance(part, int) and isinstance(key, str):
            word = _ITEM_WORDS.get(key, "rad")
            if words and words[-1] == key == word:
                words.pop()  # "firmatecknare 1", not "firmatecknare, firmatecknare 1"
            words.append(f"{word} {part + 1}{_item_name(node, part, key)}")
        else:
            words.append(str(part))
        node = _child(node, part)
        key = part if isinstance(part, str) else key
    return ", ".join(words)


def _child(node: Any, part: str | int) -> Any:
    """Return the value under `part` of a loaded node, or None."""
    if isinstance(node, dict) and isinstance(part, str):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _item_name(items: Any, index: int, key: str) -> str:
    """Return " (name)" for a list item that has a name worth showing, else ""."""
    named_by = _NAMED_BY.get(key)
    item = _child(items, index)
    name = item.get(named_by) if named_by and isinstance(item, dict) else None
    if name is None or not str(name).strip() or "SKRIV:" in str(name):
        return ""  # an unfinished name says nothing
    return f" ({' '.join(str(name).split())})"


def texts(
    value: Any, path: YamlPath = (), skip: Collection[str] = ()
) -> Iterator[tuple[YamlPath, Any, str | int, str]]:
    """Yield (path, container, key, text) for every string under `value`, in file order.

    Keys named in `skip` are passed over with everything under them. The
    container and key let a caller replace the text in place.
    """
    if not isinstance(value, dict | list):
        return
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if key in skip:
            continue
        if isinstance(item, str):
            yield (*path, key), value, key, item
        elif isinstance(item, dict | list):
            yield from texts(item, (*path, key), skip)


def line_column(text: str, offset: int) -> Position:
    """Return the 1-based line and column of the character at `offset` of `text`."""
    before = text[:offset]
    breaks = list(LINE_BREAK.finditer(before))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - line_start + 1
