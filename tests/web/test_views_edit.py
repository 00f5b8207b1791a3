"""The editor over HTTP: checks as you type, list changes, saving and its conflicts, drafts."""

from __future__ import annotations

import html
import re

from webhelpers import csrf_of

EXAMPLE = "iop-iogt-nto-pingst-2024-2026.yaml"
AMOUNT = "parter/0/årlig_ersättning"


def open_case(client, name: str = EXAMPLE) -> tuple[str, str]:
    """Return the editor page of a case and its CSRF key."""
    page = client.get(f"/arende/{name}")
    assert page.status_code == 200
    return page.text, csrf_of(page.text)


def problem_box(html: str, field: str) -> str:
    """Return the content of one field's problem box in an answer."""
    found = re.search(rf'<div id="{re.escape(field)}-problem"[^>]*>(.*?)</div>', html, re.S)
    assert found, field
    return found[1]


def field_id_of(page: str, name: str) -> str:
    """Return the HTML id of the input with a form name."""
    return re.search(rf'id="([^"]+)" name="{re.escape(name)}"', page)[1]


def test_the_editor_shows_every_field_with_a_label(client):
    page, _ = open_case(client)
    ids = re.findall(r'<(?:input|textarea|select) id="([^"]+)" name="[^"]*/?[^"]*"', page)
    labels = set(re.findall(r'<label for="([^"]+)"', page))
    assert ids and set(ids) <= labels
    assert 'lang="sv"' in page


def test_a_typed_mistake_is_answered_at_its_field_and_fixed(client):
    page, key = open_case(client)
    field = field_id_of(page, AMOUNT)
    wrong = client.post(f"/arende/{EXAMPLE}/andra", data={"csrf": key, AMOUNT: "450 000 kr"})
    assert "S003" in problem_box(wrong.text, field)
    assert wrong.headers["HX-Trigger"] == "arende-andrat"
    assert "1 fel" in wrong.text
    fixed = client.post(f"/arende/{EXAMPLE}/andra", data={"csrf": key, AMOUNT: "339690"})
    assert problem_box(fixed.text, field).strip() == ""
    assert "Godkänd" in fixed.text


def test_a_changed_amount_shows_the_computed_total_beside_the_stated_one(client):
    page, key = open_case(client)
    answer = client.post(f"/arende/{EXAMPLE}/andra", data={"csrf": key, AMOUNT: "349690"})
    total = field_id_of(page, "summor/total_ersättning")
    assert "D001" in problem_box(answer.text, total)
    assert re.search(rf'id="{total}-beraknat"[^>]*>Beräknat: 802\u00a0638\u00a0kr', answer.text)
    assert f'data-satt="{total}" data-varde="802638"' in answer.text


def test_saving_an_unchanged_form_keeps_the_file_byte_for_byte(client, example_case):
    before = example_case.read_bytes()
    page, key = open_case(client)
    editor = page[page.index('<form id="redigera"') : page.index("</form>")]
    form = {k: html.unescape(v) for k, v in re.findall(r'name="([^"]+)" value="([^"]*)"', editor)}
    for name, text in re.findall(
        r'<textarea id="[^"]+" name="([^"]+)"[^>]*>(.*?)</textarea>', editor, re.S
    ):
        form[name] = html.unescape(text).replace("\n", "\r\n")
    for name, value in re.findall(
        r'<select id="[^"]+" name="([^"]+)".*?<option selected>([^<]*)<', editor, re.S
    ):
        form[name] = html.unescape(value)
    assert len(form) > 40
    answer = client.post(f"/arende/{EXAMPLE}/spara", data=form)
    assert "Sparat" in answer.text
    assert example_case.read_bytes() == before


def test_a_save_over_a_file_changed_on_disk_shows_both_changes(client, example_case):
    _, key = open_case(client)
    client.post(f"/arende/{EXAMPLE}/andra", data={"csrf": key, AMOUNT: "349690"})
    theirs = example_case.read_text(encoding="utf-8").replace("rubrik: ", "rubrik: Deras ", 1)
    example_case.write_text(theirs, encoding="utf-8")
    answer = client.post(f"/arende/{EXAMPLE}/spara", data={"csrf": key})
    assert answer.status_code == 409
    assert "+rubrik: Deras" in answer.text and "+    årlig_ersättning: 349690" in answer.text
    assert example_case.read_text(encoding="utf-8") == theirs
    reloaded = client.post(f"/arende/{EXAMPLE}/konflikt", data={"csrf": key, "val": "las-in"})
    assert reloaded.headers["HX-Redirect"] == f"/arende/{EXAMPLE}"
    assert 'value="339690"' in client.get(f"/arende/{EXAMPLE}").text


def test_list_items_are_added_moved_and_removed(client, example_case):
    _, key = open_case(client)
    url = f"/arende/{EXAMPLE}/lista"
    added = client.post(url, data={"csrf": key, "atgard": "lagg-till", "sokvag": "beslutsförslag"})
    assert 'name="beslutsförslag/2"' in added.text and 'data-fokus="' in added.text
    client.post(url, data={"csrf": key, "atgard": "upp", "sokvag": "beslutsförslag/1"})
    client.post(url, data={"csrf": key, "atgard": "ta-bort", "sokvag": "beslutsförslag/2"})
    client.post(f"/arende/{EXAMPLE}/spara", data={"csrf": key})
    text = example_case.read_text(encoding="utf-8")
    assert text.index("Social- och omsorgsdirektören får") < text.index(
        "förlänger överenskommelsen"
    )


def test_an_unknown_list_change_is_refused(client):
    _, key = open_case(client)
    answer = client.post(
        f"/arende/{EXAMPLE}/lista", data={"csrf": key, "atgard": "x", "sokvag": "parter"}
    )
    assert answer.status_code == 400


def test_a_post_from_an_old_form_reloads_the_page(client):
    _, key = open_case(client)
    answer = client.post(f"/arende/{EXAMPLE}/andra", data={"csrf": key, "parter/9/namn": "X"})
    assert answer.headers["HX-Refresh"] == "true"


def test_a_draft_is_offered_back_after_a_restart(client, bench, example_case):
    _, key = open_case(client)
    client.post(f"/arende/{EXAMPLE}/andra", data={"csrf": key, AMOUNT: "349690"})
    bench.forget(example_case)  # as after a restart of the server
    page = client.get(f"/arende/{EXAMPLE}").text
    assert "Osparade ändringar" in page and 'value="339690"' in page
    client.post(f"/arende/{EXAMPLE}/utkast", data={"csrf": key, "val": "fortsatt"})
    assert 'value="349690"' in client.get(f"/arende/{EXAMPLE}").text


def test_a_language_finding_appears_at_its_field_while_typing(client):
    page, key = open_case(client)
    field = field_id_of(page, "mbl")
    assert "påkallad" in problem_box(page, field)  # the example's own K004
    typed = client.post(
        f"/arende/{EXAMPLE}/andra", data={"csrf": key, "mbl": "MBL-förhandling behövs inte."}
    )
    assert "påkallad" not in problem_box(typed.text, field)
    typed = client.post(
        f"/arende/{EXAMPLE}/andra", data={"csrf": key, "mbl": "Förhandling är påkallad."}
    )
    box = problem_box(typed.text, field)
    assert '<p class="språk"><span class="niva">Språk</span> K004:' in box
    assert "förslag (visas vid fälten)" in typed.text


def test_an_optional_key_added_in_the_form_is_saved_in_its_place(client, example_case):
    before = example_case.read_text(encoding="utf-8")
    _, key = open_case(client)
    added = client.post(
        f"/arende/{EXAMPLE}/lista",
        data={
            "csrf": key,
            "atgard": "lagg-till-nyckel",
            "sokvag": "",
            "nyckel_att_lagga_till": "bilagor",
        },
    )
    assert 'name="bilagor/0/titel"' in added.text
    client.post(f"/arende/{EXAMPLE}/andra", data={"csrf": key, "bilagor/0/titel": "Budget"})
    client.post(f"/arende/{EXAMPLE}/spara", data={"csrf": key})
    after = example_case.read_text(encoding="utf-8")
    assert "  - Pingstförsamlingen\nbilagor:\n  - titel: Budget\n\nparter:\n" in after
    assert after.replace("bilagor:\n  - titel: Budget\n", "", 1) == before
