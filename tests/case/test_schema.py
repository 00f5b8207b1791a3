"""`iopdocs schema` describes the case files as they are: editors accept every example."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from iopdocs.case.load import load_yaml
from iopdocs.cli import main

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def schema(*args: str) -> dict:
    result = CliRunner().invoke(main, ["schema", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("case", sorted((ROOT / "cases").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_case_fits_the_schema(case):
    jsonschema.validate(load_yaml(case).data, schema())


def test_the_settings_file_fits_its_schema():
    jsonschema.validate(load_yaml(ROOT / "iopdocs.yaml").data, schema("--installningar-schema"))


def test_the_schema_catches_what_the_program_refuses():
    data = load_yaml(ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml").data
    data["rubriik"] = data.pop("rubrik")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_the_schema_speaks_swedish_to_the_editor():
    found = schema()
    assert found["description"] == "Ärendefil för iopdocs"
    assert "handläggare" in found["properties"]
    assert "årlig_ersättning" in json.dumps(found, ensure_ascii=False)
    assert '"ge"' not in json.dumps(found)  # only standard keywords an editor understands


def _models(found: dict) -> dict[str, dict]:
    """Return every object schema of a schema: the root and its $defs, by title."""
    models = {found["title"]: found}
    models.update({d["title"]: d for d in found["$defs"].values() if "properties" in d})
    return models


@pytest.mark.parametrize("args", [(), ("--installningar-schema",)], ids=["ärende", "inställningar"])
def test_every_key_has_a_swedish_title_description_and_valid_examples(args):
    found = schema(*args)
    english = {"Case", "Party", "Agreement", "Span", "Settings", "FollowUp", "Ending", "Exceptions"}
    enums = [d for d in found.get("$defs", {}).values() if "enum" in d]
    assert all(d["title"] not in {"Decision", ""} and d["description"] for d in enums)
    for title, model in _models(found).items():
        assert title not in english and model["description"], title
        for key, prop in model["properties"].items():
            assert prop["title"] and prop["description"], (title, key)
            assert prop["title"] != key.replace("_", " ").title() or " " not in prop["title"]
            for example in prop.get("examples", []):
                validator = jsonschema.Draft202012Validator({**prop, "$defs": found["$defs"]})
                validator.validate(example)  # no check_schema per example: slow


def test_the_table_of_texts_lists_exactly_the_keys_of_the_models():
    from iopdocs.case.schema import field_texts

    models = {}
    for root, args in [("Case", ()), ("Settings", ("--installningar-schema",))]:
        full = schema(*args)
        models[root] = set(full["properties"])
        for name, definition in full["$defs"].items():
            generic = name.split("_")[0]  # Dated_Link_ is the generic Dated
            models[generic] = set(definition.get("properties", {}))
    table = {model: set(texts.get("nycklar", {})) for model, texts in field_texts().items()}
    assert table == models


def test_every_key_is_documented_for_people_too():
    docs = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
    for args in [(), ("--installningar-schema",)]:
        for model in _models(schema(*args)).values():
            for key in model["properties"]:
                in_code = rf"`[^`\n]*(?<!\w){key}(?!\w)[^`\n]*`"
                in_example = rf"^[ -]*{key}:"
                assert re.search(f"{in_code}|{in_example}", docs, re.MULTILINE), key
