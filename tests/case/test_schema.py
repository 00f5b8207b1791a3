"""`iopdocs schema` describes the case files as they are: editors accept every example."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from iopdocs.case.load import load_yaml
from iopdocs.cli import main

ROOT = Path(__file__).resolve().parents[2]


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
