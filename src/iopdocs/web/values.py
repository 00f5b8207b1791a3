"""Edited values into a round-trip YAML document: only what changed, written as before.

The form posts every value as text. A value is set only when its text
differs from what the file holds, and it is written the way the old value
was: a number stays a plain number, a date a plain date, a quoted text keeps
its quotes, a `|` block stays a block. So saving an unchanged form changes no
byte, and a changed amount changes one line.

Lists and optional keys change shape through `add_item`, `remove_item`,
`move_item` and `add_key`; new values start empty, built from the schema.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from iopdocs.web.form import YamlPath, _is_object, resolve

_WHOLE = re.compile(r"-?\d+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class PathError(LookupError):
    """A posted path names no value of the document (the form is older than the file)."""


def get(data: Any, path: YamlPath) -> Any:
    """Return the value at `path`; raise PathError when there is none."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            raise PathError(path) from None
    return data


def set_values(data: Any, values: dict[YamlPath, str]) -> list[YamlPath]:
    """Set every path whose text differs from the document's; return the paths changed."""
    changed = []
    for path, text in values.items():
        if not path:
            continue
        parent = get(data, path[:-1])
        key = path[-1]
        if not _has(parent, key):
            raise PathError(path)
        old = parent[key]
        if _same(old, text):
            continue
        parent[key] = written_like(old, text)
        changed.append(path)
    return changed


def _has(parent: Any, key: str | int) -> bool:
    """Return whether a mapping has the key or a sequence the position."""
    if isinstance(parent, dict):
        return key in parent
    return isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent)


def _same(old: Any, text: str) -> bool:
    """Return whether the form's text says what the file already holds."""
    if old is None:
        return text == ""
    if isinstance(old, bool):
        return text == ("ja" if old else "nej")
    if isinstance(old, str):
        return old.removesuffix("\n") == text.removesuffix("\n")
    return str(old) == text


def written_like(old: Any, text: str) -> Any:
    """Return the form's text as a YAML value written the way `old` was."""
    stripped = text.strip()
    if isinstance(old, bool):
        return text
    if isinstance(old, int) and _WHOLE.fullmatch(stripped):
        return int(stripped)
    if isinstance(old, dt.date) and _DAY.fullmatch(stripped):
        try:
            return dt.date.fromisoformat(stripped)
        except ValueError:
            return text
    if isinstance(old, LiteralScalarString) or "\n" in stripped:
        return LiteralScalarString(text.removesuffix("\n") + "\n") if stripped else ""
    if isinstance(old, str) and type(old) is not str:
        return type(old)(text)  # a quoted text keeps its quotes
    if old is None and _WHOLE.fullmatch(stripped):
        return int(stripped)
    return text


def add_item(data: Any, path: YamlPath, root: dict, schema: dict) -> int:
    """Append an empty item to the list at `path`, built from its schema; return its position."""
    items = get(data, path)
    if not isinstance(items, list):
        raise PathError(path)
    items.append(empty_value(root, schema))
    return len(items) - 1


def remove_item(data: Any, path: YamlPath) -> None:
    """Remove the list item at `path`."""
    items = get(data, path[:-1])
    index = path[-1]
    if not isinstance(items, list) or not isinstance(index, int) or not 0 <= index < len(items):
        raise PathError(path)
    del items[index]


def move_item(data: Any, path: YamlPath, step: int) -> int:
    """Move the list item at `path` one place up (-1) or down (+1); return its new position."""
    items = get(data, path[:-1])
    index = path[-1]
    if not isinstance(items, list) or not isinstance(index, int) or not 0 <= index < len(items):
        raise PathError(path)
    target = index + step
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        return target
    return index


def add_key(
    data: Any, path: YamlPath, key: str, root: dict, schema: dict, order: list[str] = ()
) -> None:
    """Add an optional key with an empty value to the group at `path`, in the schema's order.

    `order` is the group's keys as the schema lists them: the new key goes
    right after the nearest key before it that the file has (else before the
    first one after it, else last). The blank lines and comments that
    followed that key's value stay where they were, before the next key.
    """
    group = get(data, path)
    if not isinstance(group, dict) or key in group:
        raise PathError((*path, key))
    value = empty_value(root, schema)
    keys = list(group)
    position = _position_in_order(keys, key, list(order))
    if not isinstance(group, CommentedMap):
        group[key] = value
        return
    lines = _take_tail(group, keys[position - 1]) if position > 0 else []
    group.insert(position, key, value)
    if not lines:
        return
    if isinstance(value, (CommentedMap, CommentedSeq)) and not value:  # `{}` holds no comment
        following = keys[position] if position < len(keys) else None
        _put_before(group, following, lines) if following else _put_tail(group, key, lines)
    else:
        _put_tail(group, key, lines)


def _position_in_order(keys: list, key: str, order: list[str]) -> int:
    """Return where `key` goes among a group's `keys` so that it follows the schema's `order`."""
    if key not in order:
        return len(keys)
    rank = order.index(key)
    ranked = [(order.index(k), i) for i, k in enumerate(keys) if k in order]
    before = [(r, i) for r, i in ranked if r < rank]
    if before:
        return max(before)[1] + 1
    after = [(r, i) for r, i in ranked if r > rank]
    return min(after)[1] if after else len(keys)


def _slot(container: Any, key: Any) -> tuple[Any, Any, int]:
    """Return where the comment after the value at container[key] is kept: (owner, key, index).

    ruamel keeps it at the deepest last element of a nested value: a
    mapping's entry at index 2, a sequence's item at index 0.
    """
    value = container[key]
    if isinstance(value, CommentedMap) and len(value):
        return _slot(value, list(value)[-1])
    if isinstance(value, CommentedSeq) and len(value):
        return _slot(value, len(value) - 1)
    return container, key, 2 if isinstance(container, CommentedMap) else 0


def _take_tail(container: Any, key: Any) -> list[str]:
    """Remove the blank lines and comments after a value; return them as whole lines.

    After a `|` block the token holds only the lines that follow (the block
    ends its own line); after a plain value its first newline ends the value's line.
    """
    owner, at, index = _slot(container, key)
    entry = owner.ca.items.get(at)
    if not entry or entry[index] is None or not isinstance(entry[index], CommentToken):
        return []
    token, entry[index] = entry[index], None
    text = token.value
    if not isinstance(owner[at], (LiteralScalarString, FoldedScalarString)):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return text.splitlines(keepends=True)


def _put_tail(container: Any, key: Any, lines: list[str]) -> None:
    """Put lines taken by `_take_tail` after the (plain, new) value at container[key]."""
    owner, at, index = _slot(container, key)
    entry = owner.ca.items.setdefault(at, [None, None, None, None] if index == 2 else [None, None])
    entry[index] = CommentToken("\n" + "".join(lines), CommentMark(0), None)


def _put_before(group: CommentedMap, key: Any, lines: list[str]) -> None:
    """Put whole comment lines before a key of a mapping (as ruamel reads them after `{}`)."""
    entry = group.ca.items.setdefault(key, [None, None, None, None])
    before = [CommentToken(line, CommentMark(0), None) for line in lines]
    entry[1] = before + (entry[1] or [])


def empty_value(root: dict, schema: dict) -> Any:
    """Return an empty value for a schema node: groups get their required keys, lists one item."""
    node = resolve(root, schema)
    if _is_object(node):
        group = CommentedMap()
        for key in node.get("required", ()):
            group[key] = empty_value(root, node["properties"][key])
        return group
    if node.get("type") == "array":
        return CommentedSeq([empty_value(root, node.get("items", {}))])
    return ""


def schema_at(root: dict, path: YamlPath) -> dict:
    """Return the schema node of the value at `path` (list positions follow `items`)."""
    node = root
    for part in path:
        node = resolve(root, node)
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            found = node.get("properties", {}).get(part)
            if found is None and isinstance(node.get("additionalProperties"), dict):
                found = node["additionalProperties"]
            if found is None:
                raise PathError(path)
            node = found
    return node
