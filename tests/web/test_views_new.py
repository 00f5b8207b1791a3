"""New case files from the browser are the command line's files: new, extend and an ending."""

from __future__ import annotations

from click.testing import CliRunner
from webhelpers import csrf_of

from iopdocs.cli import main

EXAMPLE = "iop-iogt-nto-pingst-2024-2026.yaml"


def answers(key: str, **changes) -> dict:
    """Return a complete new-case form, with changes."""
    form = {
        "csrf": key,
        "beslutstyp": "ny",
        "part_namn_0": "Ekhaga Läxhjälp",
        "part_orgnr_0": "802519-7743",
        "part_namn_3": "Ryds Bollklubb",
        "part_orgnr_3": "8024681358",
        "fran": "2027-01-01",
        "till": "",
        "slut": "",
        "diarienummer": "SON 2026-0101",
        "datum": "2026-11-30",
    }
    return {**form, **changes}


def test_the_form_writes_the_file_iopdocs_new_writes(client, project_dir):
    key = csrf_of(client.get("/nytt").text)
    answer = client.post("/nytt", data=answers(key), follow_redirects=False)
    assert answer.status_code == 303
    name = answer.headers["location"].removeprefix("/arende/")
    assert name == "iop-ny-ekhaga-laxhjalp-ryds-bollklubb-2027-2029.yaml"
    cli_file = project_dir / "cases" / "cli.yaml"  # the same folder: the same schema line
    result = CliRunner().invoke(
        main,
        [
            "new",
            "--typ",
            "ny",
            "--part",
            "Ekhaga Läxhjälp=802519-7743",
            "--part",
            "Ryds Bollklubb=8024681358",
            "--fran",
            "2027-01-01",
            "--diarienummer",
            "SON 2026-0101",
            "--datum",
            "2026-11-30",
            "--installningar",
            str(project_dir / "iopdocs.yaml"),
            "--ut",
            str(cli_file),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (project_dir / "cases" / name).read_bytes() == cli_file.read_bytes()
    assert cli_file.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../arendefil.schema.json\n"
    )
    assert client.get(answer.headers["location"]).status_code == 200


def test_wrong_answers_are_named_at_their_fields_and_nothing_is_written(client, project_dir):
    key = csrf_of(client.get("/nytt").text)
    before = sorted(p.name for p in (project_dir / "cases").iterdir())
    wrong = answers(key, part_orgnr_3="802468-1359", fran="1 januari 2027", diarienummer="2026-1")
    answer = client.post("/nytt", data=wrong)
    assert answer.status_code == 400
    assert "Rätta det som är markerat" in answer.text
    for field in ("part_orgnr_3", "fran", "diarienummer"):
        assert f'id="{field}" name="{field}"' in answer.text or f'id="{field}"' in answer.text
        assert f'<div id="{field}-problem" class="faltproblem"><p class="fel">' in answer.text, (
            field
        )
    assert sorted(p.name for p in (project_dir / "cases").iterdir()) == before


def test_answers_are_checked_as_they_are_typed(client):
    key = csrf_of(client.get("/nytt").text)
    typed = {"csrf": key, "beslutstyp": "ny", "part_namn_0": "A", "part_orgnr_0": "802519-7744"}
    answer = client.post("/nytt/kontroll", data=typed)
    assert 'id="part_orgnr_0-problem"' in answer.text and "Fel" in answer.text
    assert 'id="fran-problem" class="faltproblem" hx-swap-oob="true"></div>' in answer.text
    good = client.post(
        "/nytt/kontroll",
        data={
            **typed,
            "part_orgnr_0": "802519-7743",
            "fran": "2027-01-01",
            "diarienummer": "SON 2026-1",
        },
    )
    assert "Filen blir cases/iop-ny-a-2027-2029.yaml" in good.text


def test_an_existing_file_is_never_overwritten(client, project_dir):
    key = csrf_of(client.get("/nytt").text)
    client.post("/nytt", data=answers(key), follow_redirects=False)
    path = project_dir / "cases" / "iop-ny-ekhaga-laxhjalp-ryds-bollklubb-2027-2029.yaml"
    path.write_text("# mitt eget\n", encoding="utf-8")
    again = client.post("/nytt", data=answers(key))
    assert again.status_code == 400 and "finns redan" in again.text
    assert path.read_text(encoding="utf-8") == "# mitt eget\n"


def test_extend_writes_the_file_iopdocs_extend_writes(client, project_dir):
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)
    answer = client.post(f"/arende/{EXAMPLE}/forlang", data={"csrf": key}, follow_redirects=False)
    name = answer.headers["HX-Redirect"].removeprefix("/arende/")
    cli_file = project_dir / "cases" / "cli.yaml"  # the same folder: the same schema line
    result = CliRunner().invoke(
        main,
        [
            "extend",
            str(project_dir / "cases" / EXAMPLE),
            "--installningar",
            str(project_dir / "iopdocs.yaml"),
            "--ut",
            str(cli_file),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (project_dir / "cases" / name).read_bytes() == cli_file.read_bytes()
    page = client.get(f"/arende/{name}").text
    assert "Förlängning 2027-01-01 – 2029-12-31" in page


def test_an_ending_is_drafted_from_the_agreement(client, project_dir):
    form = client.get(f"/arende/{EXAMPLE}/avsluta").text
    key = csrf_of(form)
    assert "IOGT-NTO, Pingstförsamlingen" in form
    answer = client.post(
        f"/arende/{EXAMPLE}/avsluta",
        data={"csrf": key, "slut": "2025-06-30", "diarienummer": "SON 2025-0001"},
        follow_redirects=False,
    )
    name = answer.headers["location"].removeprefix("/arende/")
    text = (project_dir / "cases" / name).read_text(encoding="utf-8")
    assert "beslutstyp: avslut" in text and "2025-06-30" in text and "IOGT-NTO" in text
    bad = client.post(f"/arende/{EXAMPLE}/avsluta", data={"csrf": key, "slut": "i juni"})
    assert bad.status_code == 400 and "ÅÅÅÅ-MM-DD" in bad.text
