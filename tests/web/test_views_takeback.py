"""Edits made in Word, uploaded to a case in the workbench: reviewed field by field, then saved.

And the uploads that must change nothing: not a .docx, a zip bomb, a huge
body, a document of another case, a sealed paper, a DOCTYPE, a stale review.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from webhelpers import csrf_of
from wordlike import WordDoc, rezip

from iopdocs.build.manifest import TAKEN, Manifest
from iopdocs.cli import main

NEW = "iop-ny-tre-parter-2025-2027"
OTHER = "iop-iogt-nto-pingst-2024-2026"
DECIDED = "iop-avslut-berga-motesplats-2025"
REWORDED = "Kvinnor som har lämnat en våldsam relation behöver stöd länge efter krisen."
POINT = "Förvaltningen får i uppdrag att följa upp överenskommelsen varje år."


@pytest.fixture
def built(project_dir: Path) -> Path:
    """Return the project with three cases built (a new one, another one, a decided one)."""
    cases = [str(project_dir / "cases" / f"{c}.yaml") for c in (NEW, OTHER, DECIDED)]
    options = ["--installningar", str(project_dir / "iopdocs.yaml")]
    result = CliRunner().invoke(main, ["build", *options, "--ut", str(project_dir / "output")])
    assert result.exit_code == 0, result.output
    assert all(Path(c).is_file() for c in cases)
    return project_dir


def memo_of(project: Path, case: str = NEW) -> Path:
    return project / "output" / case / "tjansteskrivelse.docx"


def edited_memo(project: Path) -> bytes:
    doc = WordDoc(memo_of(project).read_bytes())
    doc.retype("Kvinnor som har lämnat", REWORDED)
    doc.mark("Kvinnojouren Fyrljuset och Stångåmissionen möter", "många", "b", "bCs")
    doc.enter_after("Social- och omsorgsdirektören får i uppdrag", POINT)
    doc.retype_cell("415 000 kr", "425 000 kr")
    return doc.save()


def snapshot(project: Path) -> dict[str, str]:
    """Return a hash of every file under cases/ and output/ (what an upload must not touch)."""
    found = {}
    for folder in ("cases", "output"):
        for path in sorted((project / folder).rglob("*")):
            if path.is_file():
                found[str(path.relative_to(project))] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return found


def upload(client, data: bytes, case: str = NEW, filename: str = "tjansteskrivelse.docx"):
    key = csrf_of(client.get(f"/arende/{case}.yaml").text)
    return client.post(
        f"/arende/{case}.yaml/hamta",
        data={"csrf": key},
        files={"dokument": (filename, data, "application/octet-stream")},
        follow_redirects=False,
    )


def review_of(client, answer) -> tuple[str, str]:
    """Return the review page an upload redirects to, and its address."""
    assert answer.status_code == 303, answer.text
    where = answer.headers["location"]
    page = client.get(where)
    assert page.status_code == 200
    return page.text, where


def test_the_case_page_offers_the_upload(client, built):
    page = client.get(f"/arende/{NEW}.yaml").text
    assert 'enctype="multipart/form-data"' in page and 'action="/arende/' in page
    assert '<label for="hamta-dokument">Ändrat dokument (.docx)</label>' in page


def test_an_upload_is_reviewed_field_by_field_and_only_the_kept_changes_are_saved(
    client, built, bench
):
    case_file = built / "cases" / f"{NEW}.yaml"
    original = case_file.read_text(encoding="utf-8")
    memo_of(built).write_bytes(edited_memo(built))  # edited where it lies, then uploaded
    page, where = review_of(client, upload(client, memo_of(built).read_bytes()))
    labels = re.findall(r"Spara ändringen av <strong>([^<]+)</strong>", page)
    assert labels == ["beslutsförslag", "ärende", "bakgrund › text"]
    shown = re.sub(r'<span class="dolt">[^<]*</span>', "", page)  # what the eye sees
    assert "<del>många</del><ins>**många**</ins>" in shown
    assert "<del>ofta </del>" in shown and "<del>den akuta </del>krisen." in shown
    assert '<ins><span class="dolt">[nytt: </span>**många**' in page  # and a screen reader hears
    assert "Kan inte hämtas (1)" in page
    diff = re.search(r'<pre class="diff">(.*?)</pre>', page, re.S)[1]
    assert f'<span class="plus">+  {REWORDED}</span>' in diff  # the file's lines, as hamta shows
    flat = page.replace("\u00a0", " ")
    assert "Ändra i stället parter › Stångåmissionen › årlig_ersättning." in flat
    assert case_file.read_text(encoding="utf-8") == original  # nothing saved by looking

    key = csrf_of(page)
    saved = client.post(where, data={"csrf": key, "andring": ["1"]})
    assert saved.status_code == 200 and "1 ändring sparade" in saved.text
    after = case_file.read_text(encoding="utf-8")
    assert REWORDED in after and POINT not in after and "**många**" not in after
    assert [line for line in original.splitlines() if "#" in line] == [
        line for line in after.splitlines() if "#" in line
    ]
    entry = Manifest.read(memo_of(built).parent).files["tjansteskrivelse.docx"]
    assert entry[TAKEN] == hashlib.sha256(memo_of(built).read_bytes()).hexdigest()
    gone = client.post(where, data={"csrf": key, "andring": ["0"]})
    assert gone.status_code == 404 and "har redan sparats" in gone.text
    assert "Ingenting har ändrats" not in gone.text
    assert case_file.read_text(encoding="utf-8") == after


def test_saving_nothing_changes_nothing(client, built):
    before = snapshot(built)
    page, where = review_of(client, upload(client, edited_memo(built)))
    saved = client.post(where, data={"csrf": csrf_of(page)})
    assert "ärendefilen är oförändrad" in saved.text
    assert snapshot(built) == before


def test_a_case_file_changed_after_the_upload_is_not_written_over(client, built):
    case_file = built / "cases" / f"{NEW}.yaml"
    page, where = review_of(client, upload(client, edited_memo(built)))
    changed = case_file.read_text(encoding="utf-8") + "# en kollega skrev här\n"
    case_file.write_text(changed, encoding="utf-8")
    saved = client.post(where, data={"csrf": csrf_of(page), "andring": ["0", "1", "2"]})
    assert saved.status_code == 409 and "har ändrats sedan ändringarna lästes in" in saved.text
    assert case_file.read_text(encoding="utf-8") == changed


def test_unsaved_edits_in_the_editor_stop_the_save(client, built):
    case_file = built / "cases" / f"{NEW}.yaml"
    original = case_file.read_text(encoding="utf-8")
    page, where = review_of(client, upload(client, edited_memo(built)))
    key = csrf_of(page)
    client.post(f"/arende/{NEW}.yaml/andra", data={"csrf": key, "rubrik": "Ändrad rubrik"})
    saved = client.post(where, data={"csrf": key, "andring": ["0"]})
    assert saved.status_code == 409 and "osparade ändringar" in saved.text
    assert case_file.read_text(encoding="utf-8") == original


def zip_bomb(data: bytes) -> bytes:
    return rezip(data, lambda parts: parts.update({"word/media/x.bin": b"\0" * 100_000_000}))


def with_doctype(data: bytes) -> bytes:
    entity = b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'

    def change(parts):
        xml = parts["word/document.xml"]
        end = xml.index(b"?>") + 2
        padded = b"<!--" + b" " * 5000 + b"-->" + entity
        parts["word/document.xml"] = xml[:end] + padded + xml[end:].replace(b"Kvinnor", b"&x;", 1)

    return rezip(data, change)


def tracked(data: bytes) -> bytes:
    doc = WordDoc(data)
    doc.track_insertion("Kvinnor som har lämnat", " Ny mening.")
    return doc.save()


def renamed(data: bytes) -> bytes:
    """Return a paper whose properties claim another name (to slip past a seal)."""
    old, new = b">tjansteskrivelse.docx<", b">./tjansteskrivelse.docx<"
    return rezip(
        data,
        lambda parts: parts.update(
            {"docProps/custom.xml": parts["docProps/custom.xml"].replace(old, new)}
        ),
    )


HOSTILE = {
    "text": (lambda p: b"Det h\xc3\xa4r \xc3\xa4r ingen docx.\n", "inget Word-paket"),
    "pdf": (lambda p: b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", "inget Word-paket"),
    "zip bomb": (lambda p: zip_bomb(memo_of(p).read_bytes()), "uppackad storlek över gränsen"),
    "doctype": (lambda p: with_doctype(memo_of(p).read_bytes()), "DOCTYPE"),
    "no body": (
        lambda p: rezip(memo_of(p).read_bytes(), lambda parts: parts.pop("word/document.xml")),
        "saknar dokumentets text",
    ),
    "another case": (
        lambda p: memo_of(p, OTHER).read_bytes(),
        f"gjordes av ärendet {OTHER}.yaml, inte av {NEW}.yaml",
    ),
    "tracked changes": (
        lambda p: tracked(memo_of(p).read_bytes()),
        "spårade ändringar som inte är godkända eller avvisade",
    ),
    "renamed paper": (
        lambda p: renamed(memo_of(p).read_bytes()),
        "har inget sådant dokument",
    ),
    "not from iopdocs": (
        lambda p: rezip(memo_of(p).read_bytes(), lambda parts: parts.pop("docProps/custom.xml")),
        "inte gjort av iopdocs",
    ),
}


@pytest.mark.parametrize("attack", sorted(HOSTILE))
def test_a_hostile_upload_is_refused_in_swedish_and_changes_nothing(client, built, bench, attack):
    make, message = HOSTILE[attack]
    data = make(built)
    before = snapshot(built)
    answer = upload(client, data)
    assert answer.status_code == 422, answer.text
    assert "Dokumentet kan inte hämtas" in answer.text and message in answer.text
    assert "Ingenting har ändrats i ärendet" in answer.text
    assert snapshot(built) == before
    assert bench.uploads.get(f"{NEW}.yaml", "x") is None and not bench.uploads._held


def test_a_sealed_paper_is_refused(client, built, bench):
    before = snapshot(built)
    answer = upload(client, memo_of(built, DECIDED).read_bytes(), DECIDED)
    assert answer.status_code == 422
    assert "handlingen är låst" in answer.text and "iopdocs new --andring" in answer.text
    assert snapshot(built) == before and not bench.uploads._held


def test_a_huge_upload_is_refused_while_it_is_read(client, built):
    before = snapshot(built)
    key = csrf_of(client.get(f"/arende/{NEW}.yaml").text)

    def chunks():  # no Content-Length: the body is counted as it comes
        yield b'--grans\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n' + key.encode()
        yield b'\r\n--grans\r\nContent-Disposition: form-data; name="dokument"; '
        yield b'filename="stor.docx"\r\n\r\n'
        for _ in range(80):
            yield b"PK" * 50_000

    answer = client.post(
        f"/arende/{NEW}.yaml/hamta",
        content=chunks(),
        headers={"Content-Type": "multipart/form-data; boundary=grans"},
    )
    assert answer.status_code == 413 and "Dokumentet är för stort (högst 7 MB)" in answer.text
    assert snapshot(built) == before


def test_an_upload_without_a_file_or_key_is_refused(client, built):
    key = csrf_of(client.get(f"/arende/{NEW}.yaml").text)
    empty = client.post(f"/arende/{NEW}.yaml/hamta", data={"csrf": key})
    assert empty.status_code == 400 and "Välj ett dokument" in empty.text
    forged = client.post(
        f"/arende/{NEW}.yaml/hamta",
        data={"csrf": "fel"},
        files={"dokument": ("t.docx", edited_memo(built), "application/octet-stream")},
    )
    assert forged.status_code == 403 and "säkerhetsnyckel" in forged.text


def test_a_review_is_reached_only_through_its_own_case(client, built):
    _, where = review_of(client, upload(client, edited_memo(built)))
    key = where.rsplit("/", 1)[1]
    assert client.get(f"/arende/{OTHER}.yaml/hamta/{key}").status_code == 404
    assert client.get(f"/arende/{NEW}.yaml/hamta/inget-sadant").status_code == 404


def test_an_uploaded_file_name_is_shown_as_text_and_never_as_a_path(client, built):
    before = snapshot(built)
    answer = upload(client, b"inte en docx", filename="..\\..\\<img src=x onerror=alert(1)>.docx")
    assert answer.status_code == 422
    assert "<img" not in answer.text and "&lt;img src=x onerror=alert(1)&gt;.docx" in answer.text
    assert "..\\" not in answer.text
    assert snapshot(built) == before


def test_an_upload_to_a_case_file_with_errors_asks_for_them_to_be_fixed_first(client, built):
    data = edited_memo(built)
    case_file = built / "cases" / f"{NEW}.yaml"
    broken = case_file.read_text(encoding="utf-8").replace("diarienummer:", "diarienummer: [", 1)
    case_file.write_text(broken, encoding="utf-8")
    before = snapshot(built)
    answer = upload(client, data)
    assert answer.status_code == 422 and "ärendefilen har fel" in answer.text
    assert snapshot(built) == before
