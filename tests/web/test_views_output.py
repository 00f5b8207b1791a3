"""Build and download from the workbench: the CLI's files, its manifest and its hand-edit guard."""

from __future__ import annotations

import html
import re

import pytest
from webhelpers import csrf_of

from iopdocs.publish import warm
from iopdocs.word.text import docx_text

EXAMPLE = "iop-iogt-nto-pingst-2024-2026.yaml"
STEM = EXAMPLE.removesuffix(".yaml")


def build(client, **options):
    """Build the example from its page; return the answer."""
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)
    return client.post(f"/arende/{EXAMPLE}/bygg", data={"csrf": key, **options})


def test_a_build_writes_the_documents_and_offers_them(client, project_dir):
    answer = build(client)
    assert "tjansteskrivelse.docx</a>: skriven" in answer.text
    link = re.search(r'href="(/utdata/[^"]+/tjansteskrivelse\.docx)"', answer.text)[1]
    download = client.get(link)
    assert download.headers["content-disposition"].startswith("attachment")
    text = docx_text(download.content)
    assert "IOGT-NTO" in text
    assert (
        download.content == (project_dir / "output" / STEM / "tjansteskrivelse.docx").read_bytes()
    )
    assert "oförändrad" in build(client).text


def test_a_hand_edited_document_is_kept_unless_forced(client, project_dir):
    build(client)
    memo = project_dir / "output" / STEM / "tjansteskrivelse.docx"
    memo.write_bytes(memo.read_bytes() + b"handandrad")
    case = project_dir / "cases" / EXAMPLE
    case.write_text(
        case.read_text(encoding="utf-8").replace("rubrik: ", "rubrik: Ny ", 1), encoding="utf-8"
    )
    kept = build(client)
    assert "behållen (ändrad för hand)" in kept.text
    assert memo.read_bytes().endswith(b"handandrad")
    forced = build(client, force="ja")
    assert "handändrad kopia sparad" in forced.text
    assert list((project_dir / "output" / STEM).glob("tjansteskrivelse.handandrad-*.docx"))


def test_unsaved_changes_are_not_built(client, project_dir):
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)
    client.post(f"/arende/{EXAMPLE}/andra", data={"csrf": key, "rubrik": "Osparad"})
    answer = client.post(f"/arende/{EXAMPLE}/bygg", data={"csrf": key})
    assert "Spara ändringarna först" in answer.text
    assert not (project_dir / "output" / STEM).exists()


@pytest.mark.parametrize(
    "address",
    [
        f"/utdata/{STEM}/.iopdocs-manifest.json",
        f"/utdata/..%2F..%2Fcases/{EXAMPLE}",
        f"/utdata/{STEM}/..%2F..%2Fiopdocs.yaml",
        "/utdata/../iopdocs.yaml",
        f"/utdata/{STEM}/saknas.docx",
    ],
)
def test_only_built_files_can_be_downloaded(client, address):
    build(client)
    answer = client.get(address)
    assert answer.status_code == 404
    assert "rubrik" not in answer.text


def test_a_symlink_in_output_is_not_followed(client, project_dir):
    build(client)
    (project_dir / "output" / STEM / "lank.pdf").symlink_to(project_dir / "iopdocs.yaml")
    assert client.get(f"/utdata/{STEM}/lank.pdf").status_code == 404


@pytest.mark.skipif(bool(warm.missing()), reason=f"LibreOffice behövs: {warm.missing()}")
def test_a_meeting_is_built_with_its_handlingar_pdf(project_dir):
    from starlette.testclient import TestClient
    from webhelpers import LOCAL, project_of

    from iopdocs.web.app import create_app
    from iopdocs.web.workbench import Options, Workbench

    bench = Workbench(project_of(project_dir), Options())
    with TestClient(create_app(bench), base_url=LOCAL) as client:
        key = csrf_of(client.get("/?sammantrade=2023-09-20").text)
        answer = client.post("/sammantrade/2023-09-20/bygg", data={"csrf": key})
        assert "handlingar.pdf" in answer.text
        link = re.search(r'href="(/utdata/sammantrade-2023-09-20/handlingar\.pdf)"', answer.text)[1]
        assert client.get(link).content[:5] == b"%PDF-"
    folder = project_dir / "output" / "sammantrade-2023-09-20"
    assert (folder / "foredragningslista.docx").is_file()
    assert (project_dir / "output" / STEM / "tjansteskrivelse.pdf").is_file()


def unfinish(project_dir):
    """Put a 'SKRIV:' paragraph into the example's ärende text, as `iopdocs new` drafts it."""
    case = project_dir / "cases" / EXAMPLE
    text = case.read_text(encoding="utf-8")
    case.write_text(
        text.replace("ärende: |\n", "ärende: |\n  SKRIV: vad ärendet gäller.\n\n", 1),
        encoding="utf-8",
    )


def test_an_unfinished_case_offers_only_a_draft_build(client, project_dir):
    unfinish(project_dir)
    page = client.get(f"/arende/{EXAMPLE}").text
    assert "Inte färdigt: 1 ställe att skriva klart" in page
    assert "Bygg utkast (märkt UTKAST)" in page and 'name="utkast" value="ja"' in page
    refused = build(client)
    assert "inga slutliga dokument byggdes" in refused.text and "--utkast" not in refused.text
    assert not (project_dir / "output" / STEM / "tjansteskrivelse.docx").exists()
    drafted = build(client, utkast="ja")
    assert "Byggt som utkast" in drafted.text
    memo = project_dir / "output" / STEM / "tjansteskrivelse.docx"
    assert "UTKAST" in docx_text(memo.read_bytes())


def test_finishing_the_text_turns_the_draft_button_into_the_final_one(client, project_dir):
    unfinish(project_dir)
    key = csrf_of(client.get(f"/arende/{EXAMPLE}").text)
    text = client.get(f"/arende/{EXAMPLE}").text
    written = re.search(r'name="ärende"[^>]*>([^<]*)</textarea>', text)[1]
    finished = html.unescape(written).replace("SKRIV: vad ärendet gäller.", "Stöd till vuxna.")
    typed = client.post(f"/arende/{EXAMPLE}/andra", data={"csrf": key, "ärende": finished})
    assert "Ärendet är färdigt" in typed.text and 'name="utkast"' not in typed.text
    client.post(f"/arende/{EXAMPLE}/spara", data={"csrf": key})
    built = build(client)
    assert "Byggt som utkast" not in built.text
    memo = project_dir / "output" / STEM / "tjansteskrivelse.docx"
    assert "UTKAST" not in docx_text(memo.read_bytes())
