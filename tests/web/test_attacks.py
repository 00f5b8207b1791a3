"""The workbench attacked: odd names, huge and endless posts, races, files changed under it, markup."""

from __future__ import annotations

import html
import re
import threading

import pytest
from webhelpers import csrf_of

from iopdocs.case.load import load_yaml_text

EXAMPLE = "iop-iogt-nto-pingst-2024-2026.yaml"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def copy_as(project_dir, name: str, text: str | None = None):
    """Put a copy of the example (or `text`) under another name into cases/; return its path."""
    path = project_dir / "cases" / name
    source = project_dir / "cases" / EXAMPLE
    path.write_text(text if text is not None else source.read_text(encoding="utf-8"), "utf-8")
    return path


def hrefs(page: str, start: str) -> list[str]:
    """Return the links of a page that start with `start`, as the browser follows them."""
    return [html.unescape(h) for h in re.findall(rf'href="({re.escape(start)}[^"]*)"', page)]


@pytest.mark.parametrize(
    "name", ["x #1?.yaml", "100% & co.yaml", "a'b\"c<d>.yaml", "ärende €.yaml"]
)
def test_a_case_with_an_odd_but_allowed_name_opens_saves_and_redirects(client, project_dir, name):
    copy_as(project_dir, name)
    links = [h for h in hrefs(client.get("/").text, "/arende/") if "nytt" not in h]
    assert len(links) == 1 + len(list((project_dir / "cases").glob("*.yaml"))) - 1
    mine = [h for h in links if h not in (f"/arende/{EXAMPLE}",)]
    page = client.get(mine[0])
    assert page.status_code == 200
    addresses = re.findall(r'(?:href|action|hx-post|hx-get)="(/arende/[^"]*)"', page.text)
    assert len(addresses) > 3
    assert all(html.unescape(a).startswith(mine[0]) for a in addresses)  # upload form included
    key = csrf_of(page.text)
    post = re.search(r'hx-post="([^"]+/andra)"', page.text)[1]
    assert client.post(html.unescape(post), data={"csrf": key, "rubrik": "Ny"}).status_code == 200
    answer = client.post(
        html.unescape(post.replace("/andra", "/utkast")), data={"csrf": key, "val": "kasta"}
    )
    assert answer.status_code == 204
    assert client.get(answer.headers["HX-Redirect"]).status_code == 200


def test_markup_in_case_texts_is_shown_as_text_never_run(client, project_dir):
    text = (project_dir / "cases" / EXAMPLE).read_text(encoding="utf-8")
    text = text.replace("rubrik: Förlängning", f"rubrik: '{HOSTILE}'", 1)
    text = text.replace("namn: John Fristedt", f"namn: '{HOSTILE}'", 1)
    copy_as(project_dir, "markup.yaml", text)
    for address in ("/", "/arende/markup.yaml"):
        page = client.get(address).text
        assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)
    typed = client.post(
        f"/arende/{EXAMPLE}/andra", data={"csrf": key, "mbl": f"SKRIV: {HOSTILE}"}
    )  # the W001 message quotes the text
    assert "<script>alert" not in typed.text and "&lt;script&gt;" in typed.text


def test_an_endless_post_without_a_length_is_cut_off(client):
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)

    def endless():
        yield f"csrf={key}".encode()
        for number in range(20_000):  # 20 000 fields of 1 kB: 20 MB, more than any case
            yield f"&parter/{number}=".encode() + b"x" * 1000

    answer = client.post(
        f"/arende/{EXAMPLE}/andra",
        content=endless(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 413 and "för stor" in answer.text  # not 8 MB read, then 20


def test_concurrent_saves_leave_one_whole_file(client, example_case):
    errors = []

    def save(number: int) -> None:
        try:
            page = client.get(f"/arende/{EXAMPLE}").text
            form = {"csrf": csrf_of(page), "vy": re.search(r'name="vy" value="([^"]*)"', page)[1]}
            client.post(f"/arende/{EXAMPLE}/andra", data={**form, "rubrik": f"Rubrik {number}"})
            answer = client.post(f"/arende/{EXAMPLE}/spara", data=form)
            assert answer.status_code in (200, 409), answer.status_code
        except Exception as exc:  # noqa: BLE001 - collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    text = example_case.read_text(encoding="utf-8")
    rubrik = load_yaml_text(text, str(example_case)).data["rubrik"]
    assert re.fullmatch(r"Rubrik \d", rubrik)


def test_a_case_file_removed_while_open_is_answered_in_swedish(client, example_case):
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)
    client.post(f"/arende/{EXAMPLE}/andra", data={"csrf": key, "rubrik": "Osparad"})
    example_case.unlink()
    answer = client.post(f"/arende/{EXAMPLE}/spara", data={"csrf": key})
    assert answer.status_code == 404 and "Ärendet finns inte" in answer.text
    assert not example_case.exists()


def test_a_case_file_turned_into_a_symlink_while_open_is_not_followed(client, project_dir):
    path = copy_as(project_dir, "lank-senare.yaml")
    key = csrf_of(client.get("/arende/lank-senare.yaml").text)
    outside = project_dir.parent / "utanfor.yaml"
    outside.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    path.unlink()
    path.symlink_to(outside)
    client.post("/arende/lank-senare.yaml/andra", data={"csrf": key, "rubrik": "In i länken"})
    answer = client.post("/arende/lank-senare.yaml/spara", data={"csrf": key})
    assert answer.status_code == 404
    assert "In i länken" not in outside.read_text(encoding="utf-8")


def test_a_case_file_broken_on_disk_while_open_is_not_overwritten(client, example_case):
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)
    client.post(f"/arende/{EXAMPLE}/andra", data={"csrf": key, "rubrik": "Min"})
    example_case.write_bytes(b"rubrik: L\xf6vgren\n")  # latin-1: not UTF-8
    answer = client.post(f"/arende/{EXAMPLE}/spara", data={"csrf": key})
    assert answer.status_code == 400 and "UTF-8" in answer.text
    assert example_case.read_bytes() == b"rubrik: L\xf6vgren\n"


@pytest.mark.parametrize(
    "address",
    [
        "/nytt",
        "/nytt/kontroll",
        "/nytt/part",
        "/sammantrade/2023-09-20/bygg",
        f"/arende/{EXAMPLE}/andra",
        f"/arende/{EXAMPLE}/lista",
        f"/arende/{EXAMPLE}/spara",
        f"/arende/{EXAMPLE}/utkast",
        f"/arende/{EXAMPLE}/konflikt",
        f"/arende/{EXAMPLE}/bygg",
        f"/arende/{EXAMPLE}/forlang",
        f"/arende/{EXAMPLE}/avsluta",
    ],
)
def test_every_change_from_another_site_is_refused(client, project_dir, address):
    before = sorted(p.name for p in (project_dir / "cases").iterdir())
    key = csrf_of(client.get("/nytt").text)
    evil = {"Origin": "https://evil.example"}
    for headers, data in ((evil, {}), ({}, {}), (evil, {"csrf": key})):
        data = {**data, "rubrik": "x", "val": "kasta"}
        answer = client.post(address, data=data, headers=headers)
        assert answer.status_code == 403, (address, headers)
    assert sorted(p.name for p in (project_dir / "cases").iterdir()) == before
    assert not (project_dir / "output").exists()
