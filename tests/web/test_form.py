"""The editor's form comes from the case model's schema, not from hand-written fields."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from iopdocs.case.load import load_yaml
from iopdocs.case.model import Case
from iopdocs.case.schema import json_schema
from iopdocs.web.form import (
    CHOICE,
    GROUP,
    LIST,
    TEXT,
    TEXTAREA,
    build_form,
    decode,
    encode,
    field_id,
    label_for,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json_schema(Case)


def form_of(name: str):
    """Return the form of a shipped case."""
    return build_form(SCHEMA, load_yaml(ROOT / "cases" / name).data)


def by_path(form):
    """Return the form's fields by YAML path."""
    return {f.path: f for f in form.walk()}


def scalars(data, path=()):
    """Yield the path of every scalar value of a case."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from scalars(value, (*path, key))
    elif isinstance(data, list):
        for number, value in enumerate(data):
            yield from scalars(value, (*path, number))
    else:
        yield path


def test_every_value_of_every_shipped_case_has_one_field():
    for case in sorted((ROOT / "cases").glob("*.yaml")):
        data = load_yaml(case).data
        fields = by_path(build_form(SCHEMA, data))
        for path in scalars(data):
            assert path in fields, (case.name, path)
            assert fields[path].kind in (TEXT, TEXTAREA, CHOICE), (case.name, path)
        ids = [f.id for f in fields.values()]
        assert len(ids) == len(set(ids)), case.name


def test_labels_come_from_the_schema_titles_or_the_key():
    fields = by_path(form_of("iop-iogt-nto-pingst-2024-2026.yaml"))
    assert fields[("parter", 0, "årlig_ersättning")].label == "Årlig ersättning"
    assert fields[("handläggare",)].label == "Handläggare"  # not the class name 'Person'
    assert fields[("beslutstyp",)].kind == CHOICE
    assert fields[("beslutstyp",)].options == ("ny", "förlängning", "avslut")
    assert fields[("datum",)].help.startswith("Tjänsteskrivelsens datum.")
    assert fields[("datum",)].hint == "ÅÅÅÅ-MM-DD"


def test_a_real_title_wins_and_a_generated_one_does_not():
    assert label_for("total_ersättning", {"title": "Total Ersättning"}) == "Total ersättning"
    assert label_for("mbl", {"title": "Information enligt MBL"}) == "Information enligt MBL"


def test_lists_and_their_items_are_named():
    fields = by_path(form_of("iop-iogt-nto-pingst-2024-2026.yaml"))
    parties = fields[("parter",)]
    assert parties.kind == LIST and len(parties.children) == 2
    assert parties.children[1].label.endswith("2 – Pingstförsamlingen")
    assert parties.children[0].kind == GROUP


def test_multi_line_texts_are_text_areas():
    fields = by_path(form_of("iop-iogt-nto-pingst-2024-2026.yaml"))
    assert fields[("ärende",)].kind == TEXTAREA
    assert not fields[("ärende",)].value.endswith("\n")
    assert fields[("rubrik",)].kind == TEXTAREA  # 118 characters: a long line
    assert fields[("samråd",)].kind == TEXTAREA  # a one-line | block is still a block
    assert fields[("diarienummer",)].kind == TEXT


def test_optional_keys_that_are_absent_can_be_added():
    form = form_of("iop-avslut-berga-motesplats-2025.yaml")
    addable = dict(form.addable)
    assert "bilagor" in addable and "uppföljningar" in addable
    assert "rubrik" not in addable


paths = st.lists(
    st.one_of(st.integers(0, 500), st.text(alphabet="abcåäö_ABCÅÄÖ", min_size=1, max_size=12)),
    min_size=1,
    max_size=6,
)


@given(paths)
def test_a_form_name_decodes_to_its_path(path):
    path = tuple(path)
    assert decode(encode(path)) == path


@given(paths, paths)
def test_field_ids_are_distinct_for_distinct_paths(one, other):
    if tuple(one) != tuple(other):
        assert field_id(tuple(one)) != field_id(tuple(other))
