"""Safe by default: only cases/ is reachable, every change carries its key, nothing leaks to logs."""

from __future__ import annotations

import logging

import pytest
from starlette.testclient import TestClient
from webhelpers import csrf_of, project_of

from iopdocs.web.app import create_app
from iopdocs.web.workbench import Options, Workbench, is_case_name

EXAMPLE = "iop-iogt-nto-pingst-2024-2026.yaml"


@pytest.mark.parametrize(
    "name",
    [
        "..%2Fiopdocs.yaml",
        "%2E%2E%2Fiopdocs.yaml",
        "..%5Ciopdocs.yaml",
        ".dold.yaml",
        "iopdocs.yaml",
        "finns-inte.yaml",
        "mall.docx",
        "%00.yaml",
    ],
)
def test_names_outside_cases_are_not_found(client, name):
    answer = client.get(f"/arende/{name}")
    assert answer.status_code == 404
    assert "Ärendet finns inte" in answer.text or "Sidan finns inte" in answer.text


def test_a_symlink_out_of_cases_is_not_a_case(client, project_dir):
    outside = project_dir.parent / "hemlig.yaml"
    outside.write_text("rubrik: hemligt\n", encoding="utf-8")
    (project_dir / "cases" / "lank.yaml").symlink_to(outside)
    (project_dir / "cases" / "inne.yaml").symlink_to(project_dir / "cases" / EXAMPLE)
    for name in ("lank.yaml", "inne.yaml"):
        answer = client.get(f"/arende/{name}")
        assert answer.status_code == 404 and "hemligt" not in answer.text
    assert "lank.yaml" not in client.get("/").text


def test_case_names_are_plain_file_names():
    assert is_case_name("iop-ny.yaml") and is_case_name("a.yml")
    for bad in ("../a.yaml", "a/b.yaml", ".a.yaml", "a.yaml.utkast.json", "a\\b.yaml", "", "a.txt"):
        assert not is_case_name(bad), bad


def test_a_change_without_the_pages_key_is_refused(client, example_case):
    before = example_case.read_bytes()
    data = {"årlig": "1", "parter/0/årlig_ersättning": "1"}
    for answer in (
        client.post(f"/arende/{EXAMPLE}/spara", data=data),
        client.post(f"/arende/{EXAMPLE}/spara", data={**data, "csrf": "fel"}),
        client.post(f"/arende/{EXAMPLE}/andra", data=data, headers={"X-CSRF-Token": "fel"}),
    ):
        assert answer.status_code == 403
        assert "säkerhetsnyckel" in answer.text
    assert example_case.read_bytes() == before


def test_a_change_from_another_site_is_refused(client, example_case):
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)
    answer = client.post(
        f"/arende/{EXAMPLE}/andra",
        data={"csrf": key, "rubrik": "x"},
        headers={"Origin": "https://evil.example"},
    )
    assert answer.status_code == 403 and "annan webbplats" in answer.text


def test_a_foreign_host_name_is_refused(client):
    answer = client.get("/", headers={"Host": "evil.example:8000"})
    assert answer.status_code == 400 and 'lang="sv"' in answer.text


def test_another_address_needs_the_token(project_dir):
    bench = Workbench(
        project_of(project_dir), Options(host="0.0.0.0", token="hemlig-nyckel", preview=False)
    )
    with TestClient(create_app(bench), base_url="http://192.0.2.10:8000") as client:
        refused = client.get("/")
        assert refused.status_code == 401 and "Nyckel saknas" in refused.text
        assert client.get("/?nyckel=fel").status_code == 401
        entered = client.get("/?nyckel=hemlig-nyckel", follow_redirects=False)
        assert entered.status_code == 303 and entered.headers["location"] == "/"
        assert "httponly" in entered.headers["set-cookie"].lower()
        assert "samesite=strict" in entered.headers["set-cookie"].lower()
        assert client.get("/").status_code == 200  # the cookie carries it from now on


def test_error_pages_are_swedish(client):
    missing = client.get("/finns/inte")
    assert missing.status_code == 404 and "Sidan finns inte" in missing.text
    wrong_method = client.delete("/")
    assert wrong_method.status_code == 405 and "Metoden stöds inte" in wrong_method.text


def test_an_unexpected_error_shows_a_swedish_page_and_logs_no_case_content(
    client, example_case, monkeypatch, caplog
):
    secret = "Hemlig uppgift om en enskild"

    def broken(*args, **kwargs):
        raise ValueError(secret)

    monkeypatch.setattr("iopdocs.web.views_edit._locked_context", broken)
    with caplog.at_level(logging.DEBUG):
        answer = client.get(f"/arende/{EXAMPLE}")
    assert answer.status_code == 500 and "Något gick fel" in answer.text
    assert secret not in answer.text
    assert secret not in caplog.text and "ValueError" in caplog.text


def test_drafts_are_never_case_files(client, project_dir, example_case):
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)
    client.post(f"/arende/{EXAMPLE}/andra", data={"csrf": key, "rubrik": "Ändrad"})
    drafts = [p.name for p in (project_dir / "cases").iterdir() if p.name.startswith(".")]
    assert drafts == [f".{EXAMPLE}.utkast.json"]
    assert client.get(f"/arende/.{EXAMPLE}.utkast.json").status_code == 404
    rows = client.get("/").text
    assert "utkast" not in rows


def test_a_huge_request_is_refused_before_it_is_read(client):
    answer = client.post(
        f"/arende/{EXAMPLE}/andra", content=b"x" * 9_000_000, headers={"Content-Type": "text/plain"}
    )
    assert answer.status_code == 413 and "För stor" in answer.text


def test_a_case_file_that_is_not_utf8_is_explained(client, project_dir):
    (project_dir / "cases" / "latin1.yaml").write_bytes("rubrik: Lövgren\n".encode("latin-1"))
    answer = client.get("/arende/latin1.yaml")
    assert answer.status_code == 400 and "UTF-8" in answer.text
    assert "latin1.yaml" in client.get("/").text
