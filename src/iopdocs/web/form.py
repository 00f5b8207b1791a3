"""The editor's form, generated from the case file's JSON Schema and the case's current values.

Nothing here is written per field: labels, help texts and allowed values come
from the schema's titles, descriptions and enums (Swedish, from the case
model). A title that is only pydantic's automatic Title Case of the key is
not a real title; the key itself, with spaces, is the label then. The form
is a tree of `Field`s; the templates draw it.

Field names are YAML paths joined with "/", so the posted form says exactly
which value of the file it changes (`parter/0/årlig_ersättning`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

YamlPath = tuple[str | int, ...]

GROUP, LIST, CHOICE, TEXT, TEXTAREA = "grupp", "lista", "val", "text", "textruta"
MARKUP = "text/markdown"
# A one-line text longer than this (a decision point, a heading) is written in a text area.
LONG_LINE = 90
# The values of an item that name it in its heading, best first.
_NAMING_KEYS = ("namn", "rubrik", "post", "titel", "text", "år")


@dataclass
class Field:
    """One field of the form: a group, a list, or a value with its input."""

    kind: str
    path: YamlPath
    label: str
    help: str = ""
    value: str = ""
    options: tuple[str, ...] = ()
    children: list[Field] = field(default_factory=list)
    addable: list[tuple[str, str]] = field(default_factory=list)
    item_label: str = ""
    required: bool = False
    hint: str = ""
    open_keys: bool = False

    @property
    def name(self) -> str:
        """Return the form name of the field: its YAML path joined with '/'."""
        return encode(self.path)

    @property
    def id(self) -> str:
        """Return an HTML id for the field, unique in the form."""
        return field_id(self.path)

    def walk(self) -> Iterator[Field]:
        """Yield this field and every field under it."""
        yield self
        for child in self.children:
            yield from child.walk()


def encode(path: YamlPath) -> str:
    """Return a YAML path as a form name."""
    return "/".join(str(part) for part in path)


def decode(name: str) -> YamlPath:
    """Return the YAML path a form name stands for (list positions become ints; "" the case)."""
    if not name:
        return ()
    return tuple(int(part) if part.isdigit() else part for part in name.split("/"))


def field_id(path: YamlPath) -> str:
    """Return the HTML id of the field at `path` (ASCII letters, digits, '-' and '_')."""
    text = encode(path)
    return "f-" + re.sub(r"[^0-9A-Za-z-]", lambda m: f"_{ord(m[0]):x}_", text)


def build_form(schema: dict, data: Any) -> Field:
    """Return the form of a case: one field per value present or required."""
    return _field(schema, schema, data, (), "", True)


def _field(root: dict, schema: dict, value: Any, path: YamlPath, key: str, required: bool) -> Field:
    """Return the field for one schema node and its value."""
    node = resolve(root, schema)
    label = label_for(key, node) if key else str(node.get("title", ""))
    help_text = str(node.get("description", ""))
    if _is_object(node):
        return _group(root, node, value, path, label, help_text, required)
    if node.get("type") == "array":
        return _list(root, node, value, path, label, help_text, required)
    options = choices(node)
    if options:
        return Field(CHOICE, path, label, help_text, _text(value), options, required=required)
    text = _text(value)
    kind = TEXTAREA if _is_prose(node, value) else TEXT
    return Field(kind, path, label, help_text, text, required=required, hint=_format_hint(node))


def _group(root, node, value, path, label, help_text, required) -> Field:
    """Return a group: its present and required keys as fields, the others as addable."""
    group = Field(GROUP, path, label, help_text, required=required)
    values = value if isinstance(value, dict) else {}
    needed = set(node.get("required", ()))
    properties = node.get("properties", {})
    for key, sub in properties.items():
        if key in values or key in needed:
            child = _field(root, sub, values.get(key), (*path, key), key, key in needed)
            group.children.append(child)
        else:
            group.addable.append((key, label_for(key, resolve(root, sub))))
    free = node.get("additionalProperties")
    if isinstance(free, dict):
        group.open_keys = True
        for key in values:
            if key not in properties:
                child = _field(root, free, values[key], (*path, str(key)), str(key), False)
                child.label = str(key)
                group.children.append(child)
    return group


def _list(root, node, value, path, label, help_text, required) -> Field:
    """Return a list and its items, each labelled by number and, if it has one, its name."""
    items = value if isinstance(value, list) else []
    item_schema = node.get("items", {})
    item_label = _item_label(root, item_schema, label)
    listed = Field(LIST, path, label, help_text, required=required, item_label=item_label)
    for number, item in enumerate(items, start=1):
        child = _field(root, item_schema, item, (*path, number - 1), "", False)
        child.label = f"{item_label} {number}" + _naming(item)
        listed.children.append(child)
    return listed


def _item_label(root: dict, item_schema: dict, list_label: str) -> str:
    """Return what one item of a list is called: its schema title, else the list's label."""
    title = resolve(root, item_schema).get("title")
    return str(title) if title else list_label


def _naming(item: Any) -> str:
    """Return ' – name' for an item that has a naming value, else ''."""
    if isinstance(item, dict):
        for key in _NAMING_KEYS:
            text = item.get(key)
            if isinstance(text, str | int) and str(text).strip() and "\n" not in str(text):
                short = str(text).strip()
                return f" – {short[:40]}{'…' if len(short) > 40 else ''}"
    return ""


def resolve(root: dict, schema: dict) -> dict:
    """Return a schema node with its $ref followed and a nullable anyOf reduced to its value.

    The property's own title and description win over those of the definition
    it refers to, and a definition's title that is only its class name (Person)
    is no title: a `handläggare` is labelled by its key, not as "Person".
    """
    node = dict(schema)
    while "$ref" in node:
        name = node.pop("$ref").rsplit("/", 1)[-1]
        target = dict(root["$defs"][name])
        if target.get("title") == name:  # a class name (Party), not a title for people
            target.pop("title")
        for key in ("title", "description"):
            if key in node:
                target[key] = node[key]
            elif key == "title":
                target.pop("title", None)
        node = {**target, **{k: v for k, v in node.items() if k not in target}}
    if "anyOf" in node:
        options = [resolve(root, s) for s in node.pop("anyOf") if s.get("type") != "null"]
        best = next((s for s in options if _is_object(s) or s.get("type") == "array"), None)
        best = best or next((s for s in options if choices(s)), None) or options[0]
        node = {**best, **node}
    return node


def _is_object(node: dict) -> bool:
    """Return whether a schema node is a group of keys."""
    return node.get("type") == "object" or "properties" in node


def choices(node: dict) -> tuple[str, ...]:
    """Return the allowed values of a node with an enum, else ()."""
    return tuple(str(v) for v in node.get("enum", ()))


def label_for(key: str, node: dict) -> str:
    """Return the label of a key: the schema's title, unless pydantic made it up from the key."""
    title = node.get("title")
    generated = key.replace("_", " ").title()
    if title and title != generated:
        return str(title)
    words = key.replace("_", " ")
    return words[:1].upper() + words[1:]


def _is_prose(node: dict, value: Any) -> bool:
    """Return whether a text is prose to write in a text area: markup, a block, or a long line."""
    if node.get("contentMediaType") == MARKUP:
        return True
    return isinstance(value, str) and ("\n" in value or len(value) > LONG_LINE)


def _format_hint(node: dict) -> str:
    """Return how a value is written, for fields with a known form."""
    if node.get("format") == "date":
        return "ÅÅÅÅ-MM-DD"
    if node.get("type") == "integer":
        return "heltal, t.ex. 452948"
    return ""


def _text(value: Any) -> str:
    """Return a YAML value as the text of an input."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return str(value).removesuffix("\n") if isinstance(value, str) else str(value)
