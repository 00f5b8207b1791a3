"""Two tabs on one case: neither silently loses the other's text."""

from __future__ import annotations

import html
import re

from iopdocs.web.tabs import Views

EXAMPLE = "iop-iogt-nto-pingst-2024-2026.yaml"


def whole_form(page: str) -> dict[str, str]:
    """Return every value the editor's form posts, as the browser sends it (view key included)."""
    form = re.search(r'<form id="redigera".*?</form>', page, re.S)[0]
    found = {}
    for name, value in re.findall(r'<input[^>]* name="([^"]+)" value="([^"]*)"', form):
        found[html.unescape(name)] = html.unescape(value)
    for name, value in re.findall(
        r'<textarea[^>]* name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S
    ):
        found[html.unescape(name)] = html.unescape(value)
    for name, body in re.findall(r'<select[^>]* name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r"<option[^>]*selected[^>]*>([^<]*)</option>", body)
        found[html.unescape(name)] = html.unescape(chosen[1]) if chosen else ""
    found.pop("nyckel_att_lagga_till", None)
    return found


def tab(client) -> dict[str, str]:
    """Open the example in a new tab; return its whole form."""
    form = whole_form(client.get(f"/arende/{EXAMPLE}").text)
    assert form["vy"] and form["csrf"]
    return form


def post(client, form: dict[str, str], action: str = "andra", **typed: str):
    """Post a tab's whole form with some fields typed into it."""
    form.update(typed)
    return client.post(f"/arende/{EXAMPLE}/{action}", data=form)


def test_a_tab_does_not_write_its_old_values_over_another_tabs_change(client, example_case):
    first, second = tab(client), tab(client)
    post(client, first, rubrik="Rubrik från första fliken")
    answer = post(client, second, mbl="Text från andra fliken.")
    assert "ändrats i en annan flik" in answer.text
    post(client, second, action="spara")
    text = example_case.read_text(encoding="utf-8")
    assert "rubrik: Rubrik från första fliken" in text
    assert "mbl: |\n  Text från andra fliken.\n" in text


def test_the_same_field_changed_in_two_tabs_is_shown_as_a_clash_and_not_saved(client, example_case):
    before = example_case.read_bytes()
    first, second = tab(client), tab(client)
    post(client, first, rubrik="Första")
    answer = post(client, second, rubrik="Andra")
    assert (
        "Ändrat i en annan flik eller ett annat fönster samtidigt: Ärendefil › Rubrik."
        in answer.text
    )
    saved = post(client, second, action="spara")
    assert saved.status_code == 409 and "inte tagits med" in saved.text
    assert example_case.read_bytes() == before
    post(client, first, action="spara")
    assert "rubrik: Första\n" in example_case.read_text(encoding="utf-8")


def test_a_tab_that_typed_first_keeps_typing_without_clashing_with_itself(client, example_case):
    first = tab(client)
    post(client, first, rubrik="R1")
    answer = post(client, first, rubrik="R2")
    assert "annan flik" not in answer.text
    post(client, first, action="spara")
    assert "rubrik: R2\n" in example_case.read_text(encoding="utf-8")


def test_views_sort_what_a_tab_changed_from_what_it_was_shown():
    views = Views()
    key = views.remember({"a": "1", "b": "2"})
    mine = views.sort(key, {"a": "1", "b": "3"}, current={"a": "9", "b": "2"})
    assert mine.accepted == {"b": "3"} and not mine.clashes and mine.behind
    clash = views.sort(key, {"a": "8", "b": "3"}, current={"a": "9", "b": "3"})
    assert clash.accepted == {} and clash.clashes == ["a"]
    assert views.sort(key, {"a": "9\r\n"}, current={"a": "9"}).accepted == {"a": "9\r\n"}
