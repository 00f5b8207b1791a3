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
from iopdocs.case.schema import CASE_SCHEMA_FILE, EDITOR_LINE, editor_line, with_editor_line
from iopdocs.cli import main

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def schema_output(*args: str) -> str:
    result = CliRunner().invoke(main, ["schema", *args])
    assert result.exit_code == 0, result.output
    return result.output


def schema(*args: str) -> dict:
    return json.loads(schema_output(*args, "--ut", "-"))


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


def test_the_committed_schema_is_the_one_iopdocs_schema_writes():
    committed = (ROOT / CASE_SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_output("--ut", "-"), "kör iopdocs schema i projektmappen"


@pytest.mark.parametrize("case", sorted((ROOT / "cases").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_case_names_the_file_iopdocs_schema_writes(case, project_dir):
    first = case.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(EDITOR_LINE), first
    named = (project_dir / "cases" / first.removeprefix(EDITOR_LINE)).resolve()
    assert not named.exists()
    result = CliRunner().invoke(
        main, ["schema", "--installningar", str(project_dir / "iopdocs.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"Skrev {named}.\n"
    assert json.loads(named.read_text(encoding="utf-8")) == schema()


def test_the_settings_schema_is_written_next_to_the_settings(project_dir):
    settings = str(project_dir / "iopdocs.yaml")
    args = ["schema", "--installningar-schema", "--installningar", settings]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    written = project_dir / "installningar.schema.json"
    assert json.loads(written.read_text(encoding="utf-8")) == schema("--installningar-schema")
    assert not (project_dir / CASE_SCHEMA_FILE).exists()


def test_a_schema_that_cannot_be_written_is_said_in_swedish(project_dir):
    (project_dir / "fil").write_text("en fil, ingen mapp", encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "--ut", str(project_dir / "fil" / "s.json")])
    assert result.exit_code == 2
    assert f"kunde inte skriva {project_dir / 'fil' / 's.json'}: det finns redan en fil" in (
        result.output
    )
    assert "Errno" not in result.output and "directory" not in result.output


def test_a_settings_file_that_is_not_there_makes_no_folder(tmp_path):
    missing = tmp_path / "saknas" / "iopdocs.yaml"
    result = CliRunner().invoke(main, ["schema", "--installningar", str(missing)])
    assert result.exit_code == 2 and f"{missing} finns inte" in result.output
    assert list(tmp_path.iterdir()) == []


def test_without_a_project_the_schema_asks_for_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 2 and "hittar ingen iopdocs.yaml" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("case_file", "schema_file", "line"),
    [
        ("p/cases/a.yaml", "p/arendefil.schema.json", "../arendefil.schema.json"),
        ("p/a.yaml", "p/arendefil.schema.json", "arendefil.schema.json"),
        ("p/cases/2026/mars/a.yaml", "p/s.json", "../../../s.json"),
        ("q/a.yaml", "p/s.json", "../p/s.json"),
        ("p/mapp med mellanslag/å.yaml", "p/s.json", "../s.json"),
    ],
)
def test_the_editor_line_points_from_the_case_files_folder(tmp_path, case_file, schema_file, line):
    assert editor_line(tmp_path / case_file, tmp_path / schema_file) == EDITOR_LINE + line


@pytest.mark.parametrize(
    "text",
    [
        "rubrik: X\n",
        "# yaml-language-server: $schema=../../gammal.json\nrubrik: X\n",
        "\ufeff# yaml-language-server: $schema=gammal.json\nrubrik: X\n",
    ],
    ids=["utan", "gammal", "bom"],
)
def test_the_editor_line_is_written_once_and_fresh(tmp_path, text):
    written = with_editor_line(text, tmp_path / "cases" / "a.yaml", tmp_path / "s.json")
    assert written == "# yaml-language-server: $schema=../s.json\nrubrik: X\n"


def test_a_copied_editor_line_below_a_new_comment_goes_and_a_text_is_kept(tmp_path):
    text = "# Ändring.\n# yaml-language-server: $schema=x.json\nx: |\n  # yaml-language-server: y\n"
    written = with_editor_line(text, tmp_path / "a.yaml", tmp_path / "s.json")
    rest = "# Ändring.\nx: |\n  # yaml-language-server: y\n"
    assert written == "# yaml-language-server: $schema=s.json\n" + rest
