"""Change values in a case file and keep everything else: comments, order, layout.

On the ruamel.yaml round trip of `iopdocs.case.roundtrip`, which gives an
unchanged file back byte for byte: `set_text` replaces a text (a block `|` stays a block) or adds a key a
field's default stood for; `set_items` changes a list of texts item by item,
so that the comments of untouched items stay where they were.
"""

from __future__ import annotations

import difflib
from typing import Any

from iopdocs.case.yamlpath import YamlPath


def get(data: Any, path: YamlPath) -> Any:
    """Return the value at `path`, None when a key on the way is missing."""
    current = data
    for step in path:
        if isinstance(step, int):
            if not isinstance(current, list) or step >= len(current):
                return None
            current = current[step]
        else:
            if not isinstance(current, dict) or step not in current:
                return None
            current = current[step]
    return current


def set_text(data: Any, path: YamlPath, text: str, after: list[str] | None = None) -> None:
    """Set the text at `path`, keeping the style it was written in.

    A block (`|`) stays a block; a text that now has line breaks becomes one.
    A missing key is added after the nearest key of `after` (the keys that
    come before it in the schema) that the file has, else first.
    """
    from ruamel.yaml.scalarstring import LiteralScalarString

    parent = get(data, path[:-1])
    key = path[-1]
    old = parent[key] if _has(parent, key) else None
    if isinstance(old, LiteralScalarString) or "\n" in text:
        value: Any = LiteralScalarString(text.rstrip("\n") + "\n")
    else:
        value = text if type(old) in (str, type(None)) else type(old)(text)
    if _has(parent, key):
        parent[key] = value
        return
    keys = list(parent)
    position = 0
    for name in reversed(after or []):
        if name in keys:
            position = keys.index(name) + 1
            break
    parent.insert(position, key, value)


def _has(parent: Any, key: str | int) -> bool:
    if isinstance(key, int):
        return isinstance(parent, list) and key < len(parent)
    return isinstance(parent, dict) and key in parent


def set_items(data: Any, path: YamlPath, items: list[str]) -> None:
    """Change a list of texts to `items`, touching only the items that changed.

    The comments and blank lines that follow the last item stay after the
    list's last item.
    """
    sequence = get(data, path)
    old = list(sequence)
    trailing = _pop_comment(sequence, len(old) - 1)
    matcher = difflib.SequenceMatcher(None, old, items, autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        for index in range(i2 - 1, i1 - 1, -1):
            del sequence[index]
        for offset, item in enumerate(items[j1:j2]):
            sequence.insert(i1 + offset, _like(old[i1] if i1 < len(old) else None, item))
    if trailing is not None and len(sequence):
        sequence.ca.items[len(sequence) - 1] = trailing


def _pop_comment(sequence, index: int):
    """Take the comment attached after an item of a sequence (blank lines included)."""
    items = getattr(sequence, "ca", None)
    if items is None or index < 0:
        return None
    return items.items.pop(index, None)


def _like(old: Any, text: str) -> Any:
    """Return `text` in the scalar style of `old`, or plain."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if "\n" in text:
        return LiteralScalarString(text.rstrip("\n") + "\n")
    if old is not None and type(old) is not str and isinstance(old, str):
        return type(old)(text)
    return text
