"""Unsaved text of a case file deleted or renamed while open: offered back, restored, or discarded."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from webhelpers import csrf_of

from iopdocs.web import orphans
from iopdocs.web.session import draft_path

EXAMPLE = "iop-iogt-nto-pingst-2024-2026.yaml"
AMOUNT = "parter/0/årlig_ersättning"


def type_then_delete(client, case: Path) -> str:
    """Open a case, type an amount, delete the file on disk; return the page's CSRF key."""
    key = csrf_of(client.get(f"/arende/{case.name}").text)
    client.post(f"/arende/{case.name}/andra", data={"csrf": key, AMOUNT: "412345"})
    assert draft_path(case).exists()
    case.unlink()
    return key


def test_a_deleted_case_s_unsaved_text_is_offered_on_the_list(client, example_case):
    type_then_delete(client, example_case)
    page = client.get("/").text
    assert "Osparad text för ett ärende som inte längre finns" in page
    assert f"cases/{EXAMPLE}" in page and "Återställ som ärendefil" in page


def test_restoring_writes_the_typed_text_under_the_old_name(client, example_case):
    key = type_then_delete(client, example_case)
    answer = client.post(
        f"/osparat/{EXAMPLE}", data={"csrf": key, "val": "aterstall"}, follow_redirects=False
    )
    assert answer.status_code == 303 and answer.headers["location"] == f"/arende/{EXAMPLE}"
    assert "årlig_ersättning: 412345" in example_case.read_text(encoding="utf-8")
    assert not draft_path(example_case).exists()
    editor = client.get(f"/arende/{EXAMPLE}").text
    assert "återställd och sparad" in editor and 'value="412345"' in editor
    assert "Osparade ändringar" not in editor  # the restored file is the editor's file now
    assert "Osparad text" not in client.get("/").text


def test_restoring_never_overwrites_a_file_that_took_the_name_meanwhile(
    client, bench, example_case
):
    type_then_delete(client, example_case)
    found = orphans.orphan(bench, EXAMPLE)
    example_case.write_text("rubrik: en ny fil med samma namn\n", encoding="utf-8")
    taken = example_case.with_name(example_case.stem + "-aterstalld.yaml")
    taken.write_text("# upptagen\n", encoding="utf-8")
    restored = orphans.restore(bench, found)
    assert restored.name == example_case.stem + "-aterstalld-2.yaml"
    assert "årlig_ersättning: 412345" in restored.read_text(encoding="utf-8")
    assert example_case.read_text(encoding="utf-8") == "rubrik: en ny fil med samma namn\n"
    assert taken.read_text(encoding="utf-8") == "# upptagen\n"
    assert not draft_path(example_case).exists()


def test_a_renamed_case_is_named_beside_its_orphaned_text(client, example_case):
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)
    client.post(f"/arende/{EXAMPLE}/andra", data={"csrf": key, AMOUNT: "412345"})
    example_case.rename(example_case.with_name("nytt-namn.yaml"))
    page = client.get("/").text
    assert "Osparad text för ett ärende som inte längre finns" in page
    assert "nu heter" in page and 'href="/arende/nytt-namn.yaml"' in page


def test_discarding_removes_only_the_draft(client, example_case):
    key = type_then_delete(client, example_case)
    answer = client.post(
        f"/osparat/{EXAMPLE}",
        data={"csrf": key, "val": "kasta"},
        headers={"HX-Request": "true"},
    )
    assert answer.status_code == 204 and answer.headers["HX-Redirect"] == "/"
    assert not draft_path(example_case).exists() and not example_case.exists()
    assert "Osparad text" not in client.get("/").text


def test_choices_need_the_key_and_a_real_orphan(client, example_case):
    key = type_then_delete(client, example_case)
    refused = client.post(f"/osparat/{EXAMPLE}", data={"val": "kasta"})
    assert refused.status_code == 403 and draft_path(example_case).exists()
    live = "iop-ny-tre-parter-2025-2027.yaml"
    for name in (live, "..%2Fiopdocs.yaml", ".hemlig.yaml", "saknas.yaml"):
        answer = client.post(f"/osparat/{name}", data={"csrf": key, "val": "kasta"})
        assert answer.status_code == 404, name
    assert (example_case.parent / live).exists()


def test_a_draft_that_is_a_symlink_is_not_offered(client, example_case, tmp_path):
    outside = tmp_path / "utanfor.json"
    outside.write_text('{"bas": "", "text": "hemligt", "tid": ""}', encoding="utf-8")
    draft_path(example_case.with_name("lank.yaml")).symlink_to(outside)
    assert "lank.yaml" not in client.get("/").text


def test_when_every_name_is_taken_it_says_so_and_keeps_the_text(client, example_case, monkeypatch):
    key = type_then_delete(client, example_case)
    taken = example_case.with_name("upptagen.yaml")
    taken.write_text("# upptagen\n", encoding="utf-8")
    monkeypatch.setattr(orphans, "_names", lambda name: iter([taken.name]))
    answer = client.post(f"/osparat/{EXAMPLE}", data={"csrf": key, "val": "aterstall"})
    assert answer.status_code == 409 and "det finns redan en fil" in answer.text
    assert "Inget togs bort" in answer.text and draft_path(example_case).exists()
    assert taken.read_text(encoding="utf-8") == "# upptagen\n"


def _leave_draft(cases: Path, name: str, text: str) -> Path:
    """Write a draft for `name` in cases/ as the editor would, with no case file beside it."""
    kept = cases / f".{name}.utkast.json"
    kept.write_text(json.dumps({"bas": "", "text": text, "tid": ""}), encoding="utf-8")
    return kept


def test_a_draft_that_is_no_unicode_text_neither_breaks_the_list_nor_is_offered(
    client, example_case
):
    broken = example_case.with_name(".trasig.yaml.utkast.json")
    broken.write_text('{"bas": "\\ud800", "text": "a\\ud800", "tid": ""}', encoding="utf-8")
    listed = example_case.with_name(".lista.yaml.utkast.json")
    listed.write_text('{"bas": "", "text": ["a", 1], "tid": ""}', encoding="utf-8")
    page = client.get("/")
    assert page.status_code == 200 and EXAMPLE in page.text
    assert "trasig.yaml" not in page.text and "lista.yaml" not in page.text
    assert broken.exists() and listed.exists()  # nothing is thrown away unasked


def test_restoring_twice_at_once_writes_one_file(client, bench, example_case):
    _leave_draft(example_case.parent, "dubbel.yaml", "rubrik: dubbel\n")
    first, second = orphans.orphan(bench, "dubbel.yaml"), orphans.orphan(bench, "dubbel.yaml")
    assert orphans.restore(bench, first).name == "dubbel.yaml"
    with pytest.raises(orphans.NoOrphan):
        orphans.restore(bench, second)  # the second click of a double click
    assert not example_case.with_name("dubbel-aterstalld.yaml").exists()


def test_a_restored_name_never_twins_an_existing_one_in_another_unicode_form(client, example_case):
    cases = example_case.parent
    composed, decomposed = (unicodedata.normalize(f, "båt.yaml") for f in ("NFC", "NFD"))
    (cases / composed).write_text("rubrik: finns\n", encoding="utf-8")
    _leave_draft(cases, decomposed, "rubrik: osparad\n")
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)
    answer = client.post(
        f"/osparat/{decomposed}", data={"csrf": key, "val": "aterstall"}, follow_redirects=False
    )
    assert answer.status_code == 303
    assert not (cases / decomposed).exists()
    restored = cases / unicodedata.normalize("NFD", "båt-aterstalld.yaml")
    assert restored.read_text(encoding="utf-8") == "rubrik: osparad\n"
    assert (cases / composed).read_text(encoding="utf-8") == "rubrik: finns\n"
