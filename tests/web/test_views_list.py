"""The case list: every case with its type, diarienummer, sammanträde and state."""

from __future__ import annotations

import re

from webhelpers import csrf_of

EXAMPLE = "iop-iogt-nto-pingst-2024-2026.yaml"


def row_of(page: str, name: str) -> str:
    """Return the table row of one case file."""
    found = re.search(
        rf"<tr>\s*<th scope=\"row\"><a href=\"/arende/{re.escape(name)}\">.*?</tr>", page, re.S
    )
    assert found, name
    return found[0]


def test_every_case_is_listed_with_its_facts(client, project_dir):
    page = client.get("/").text
    row = row_of(page, EXAMPLE)
    assert "förlängning" in row and "SON 2019-1251" in row and "2023-09-20" in row
    assert "Godkänd" in row and "Inte byggd" in row
    assert page.count('<th scope="row">') == len(list((project_dir / "cases").glob("*.yaml")))


def test_states_follow_errors_builds_and_hand_edits(client, project_dir):
    case = project_dir / "cases" / EXAMPLE
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)
    client.post(f"/arende/{EXAMPLE}/bygg", data={"csrf": key})
    assert "Byggd" in row_of(client.get("/").text, EXAMPLE)
    case.write_text(
        case.read_text(encoding="utf-8").replace("rubrik: ", "rubrik: Ny ", 1), encoding="utf-8"
    )
    assert "Inaktuell" in row_of(client.get("/").text, EXAMPLE)
    memo = project_dir / "output" / EXAMPLE.removesuffix(".yaml") / "tjansteskrivelse.docx"
    memo.write_bytes(memo.read_bytes() + b"x")
    assert "Handändrad" in row_of(client.get("/").text, EXAMPLE)
    case.write_text(
        case.read_text(encoding="utf-8").replace("årlig_ersättning: 339690", "årlig_ersättning: x"),
        encoding="utf-8",
    )
    row = row_of(client.get("/").text, EXAMPLE)
    assert "Fel" in row and "(1 fel)" in row


def test_the_list_is_filtered_by_sammantrade(client):
    page = client.get("/?sammantrade=2023-09-20").text
    assert page.count('<th scope="row">') == 1
    assert "Bygg sammanträdets handlingar" in page
    assert "1 ärende till sammanträdet 2023-09-20" in page


def test_an_unreadable_case_is_listed_with_its_error(client, project_dir):
    (project_dir / "cases" / "trasig.yaml").write_text("rubrik: [\n", encoding="utf-8")
    row = row_of(client.get("/").text, "trasig.yaml")
    assert "Fel" in row
    assert client.get("/arende/trasig.yaml").status_code == 200


def test_an_unreadable_case_is_mended_as_text_and_then_shown_as_a_form(client, project_dir):
    path = project_dir / "cases" / "trasig.yaml"
    good = (project_dir / "cases" / EXAMPLE).read_text(encoding="utf-8")
    path.write_text(good.replace("rubrik: ", "rubrik:[", 1), encoding="utf-8")
    page = client.get("/arende/trasig.yaml").text
    assert "visas som text" in page and 'name="text"' in page
    key = csrf_of(page)
    typed = client.post("/arende/trasig.yaml/andra", data={"csrf": key, "text": good})
    assert typed.headers.get("HX-Refresh") == "true"
    assert 'name="parter/0/namn"' in client.get("/arende/trasig.yaml").text
    client.post("/arende/trasig.yaml/spara", data={"csrf": key})
    assert path.read_text(encoding="utf-8") == good


def test_an_unfinished_case_is_listed_as_not_ready_and_its_draft_build_as_draft(
    client, project_dir
):
    case = project_dir / "cases" / EXAMPLE
    text = case.read_text(encoding="utf-8")
    case.write_text(
        text.replace("ärende: |\n", "ärende: |\n  SKRIV: vad ärendet gäller.\n\n", 1),
        encoding="utf-8",
    )
    row = row_of(client.get("/").text, EXAMPLE)
    assert "Inte färdigt" in row and "1 ställe att skriva klart; byggs bara som utkast" in row
    assert "varning" not in row  # the W001 is counted as a place to write, not as a warning
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)
    client.post(f"/arende/{EXAMPLE}/bygg", data={"csrf": key, "utkast": "ja"})
    assert "Utkast" in row_of(client.get("/").text, EXAMPLE)


def test_the_meeting_names_the_cases_that_are_not_finished(client, project_dir):
    case = project_dir / "cases" / EXAMPLE
    text = case.read_text(encoding="utf-8")
    case.write_text(
        text.replace("ärende: |\n", "ärende: |\n  SKRIV: vad ärendet gäller.\n\n", 1),
        encoding="utf-8",
    )
    page = client.get("/?sammantrade=2023-09-20").text
    assert "1 ärende till sammanträdet är inte färdigt" in page
