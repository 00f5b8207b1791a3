"""The JSON Schema of a case file and of the settings, for editors and the browser workbench.

Every model and every key carries a Swedish title, a description and
examples, read from `data/fields.yaml` (one table, kept apart from the
models): that is what an editor shows on hover and what the workbench
labels its form fields with. Class docstrings (English, for developers)
never reach the schema.
"""

from __future__ import annotations

import functools
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

FIELDS_FILE = "fields.yaml"
# The files `iopdocs schema` writes next to iopdocs.yaml, and the line that names one.
CASE_SCHEMA_FILE = "arendefil.schema.json"
SETTINGS_SCHEMA_FILE = "installningar.schema.json"
EDITOR_LINE = "# yaml-language-server: $schema="
# At the start of a line only: inside a text (a block scalar) a line is indented.
_EDITOR_LINE = re.compile(r"^\ufeff?# yaml-language-server:[^\n]*(?:\n|\Z)", re.MULTILINE)


@functools.cache
def field_texts() -> dict[str, Any]:
    """Return the table of titles, descriptions and examples, by model name and YAML key."""
    text = resources.files("iopdocs.case").joinpath("data", FIELDS_FILE).read_text("utf-8")
    return yaml.safe_load(text)  # our own file: its numbers stay numbers in the examples


class _EditorSchema(GenerateJsonSchema):
    """JSON Schema for editors: Swedish titles, descriptions and examples from the table."""

    def model_schema(self, schema):
        """Return a model's schema with its and its keys' Swedish texts."""
        result = super().model_schema(schema)
        texts = field_texts().get(_model_name(schema["cls"]))
        if "properties" in result and texts:  # a missing entry fails tests/case/test_schema.py
            _describe(result, texts)
        return result


def _model_name(cls: type) -> str:
    """Return a model's name, the generic's for a parametrised one (Dated[Link] -> Dated)."""
    origin = getattr(cls, "__pydantic_generic_metadata__", {}).get("origin")
    return (origin or cls).__name__


def _describe(result: dict[str, Any], texts: dict[str, Any]) -> None:
    """Set the title and description of a model's schema and of each of its properties."""
    result["title"], result["description"] = texts["titel"], texts["beskrivning"]
    for key, prop in result["properties"].items():
        entry = texts["nycklar"].get(key)
        if entry is None:
            continue
        prop["title"], prop["description"] = entry["titel"], entry["beskrivning"]
        if entry.get("exempel"):
            prop["examples"] = entry["exempel"]


def json_schema(model: type[BaseModel]) -> dict:
    """Return the JSON Schema of a case or settings file, keyed by the Swedish YAML keys."""
    result = model.model_json_schema(by_alias=True, schema_generator=_EditorSchema)
    for name, definition in result.get("$defs", {}).items():
        if "enum" in definition:  # an enum's title and description are its English class
            texts = field_texts().get(name, {})
            definition.pop("description", None)
            definition.update(
                {"title": texts.get("titel", ""), "description": texts.get("beskrivning", "")}
            )
    return result


def case_schema_file(settings_file: Path) -> Path:
    """Return where `iopdocs schema` writes the case files' schema: next to iopdocs.yaml."""
    return settings_file.parent / CASE_SCHEMA_FILE


def schema_text(model: type[BaseModel]) -> str:
    """Return the schema of `model` as the text of a .json file (stable, ending in a newline)."""
    return json.dumps(json_schema(model), ensure_ascii=False, indent=2) + "\n"


def editor_line(case_file: Path, schema_file: Path) -> str:
    """Return the first line that points an editor at `schema_file`, relative to `case_file`."""
    try:
        target = os.path.relpath(schema_file.resolve(), case_file.resolve().parent)
    except ValueError:  # another drive on Windows: no relative path
        return EDITOR_LINE + schema_file.resolve().as_uri()
    return EDITOR_LINE + Path(target).as_posix()


def with_editor_line(text: str, case_file: Path, schema_file: Path) -> str:
    """Return a case file's text starting with the editor line for where it will be written.

    Lines already there (a renewal or an amendment copies its case's) are
    removed, so the one line always points from the new file's own folder.
    """
    return f"{editor_line(case_file, schema_file)}\n{_EDITOR_LINE.sub('', text)}"
