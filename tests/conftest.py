"""Shared fixtures: a copy of the shipped project in tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "iop-iogt-nto-pingst-2024-2026"


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """Return a folder holding a copy of the settings, templates and example cases."""
    shutil.copy(ROOT / "iopdocs.yaml", tmp_path / "iopdocs.yaml")
    shutil.copy(ROOT / "ordlista.txt", tmp_path / "ordlista.txt")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    return tmp_path


@pytest.fixture
def example_case(project_dir: Path) -> Path:
    """Return the path of the 2024-2026 IOGT-NTO/Pingstförsamlingen case in the copy."""
    return project_dir / "cases" / f"{EXAMPLE}.yaml"


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a text file by `new`; fail when `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def touch_template(project_dir: Path) -> None:
    """Change the template's content (not just its time): rewrite one part's bytes."""
    path = project_dir / "templates" / "tjansteskrivelse.docx"
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(b"?>", b"?><!-- x -->", 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def soffice_pdf(docs: list[Path], outdir: Path, profile: Path) -> None:
    """Convert documents to PDF with LibreOffice headless, one start for all."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, docs),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


def pytest_addoption(parser):
    """Add --regenerate-goldens: rewrite the golden text files on purpose, never silently."""
    parser.addoption(
        "--regenerate-goldens",
        action="store_true",
        default=False,
        help="Skriv om de gyllene textfilerna i tests/build/golden/ med det som byggs nu.",
    )


def build_in(project_dir: Path, *args: str):
    """Run `iopdocs build` on the project copy, writing into its output/; return the result."""
    from click.testing import CliRunner

    from iopdocs.cli import main

    settings = ["--installningar", str(project_dir / "iopdocs.yaml")]
    return CliRunner().invoke(
        main, ["build", *settings, "--ut", str(project_dir / "output"), *args]
    )


def add_amount_table(document) -> None:
    """Add a small amounts table with a marked header row to a python-docx document."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    table = document.add_table(rows=3, cols=2, style="Table Grid")
    for row, cells in zip(
        table.rows, [("Post", "Belopp"), ("Lön", "100"), ("Hyra", "50")], strict=True
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


# --- The workbench (tests/web): the app in process, a real server, a real browser ---------------


@pytest.fixture
def bench(project_dir: Path):
    """Return a workbench (iopdocs serve) on a copy of the shipped project, without LibreOffice."""
    from webhelpers import project_of

    from iopdocs.web.workbench import Options, Workbench

    return Workbench(project_of(project_dir), Options(preview=False))


@pytest.fixture
def client(bench):
    """Return a test client of the workbench app, on the local address it accepts."""
    from starlette.testclient import TestClient
    from webhelpers import LOCAL

    from iopdocs.web.app import create_app

    with TestClient(create_app(bench), base_url=LOCAL) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Return a running `iopdocs serve` on a copy of the shipped project (module-wide)."""
    from webhelpers import Server

    folder = tmp_path_factory.mktemp("projekt")
    shutil.copy(ROOT / "iopdocs.yaml", folder / "iopdocs.yaml")
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copytree(ROOT / "cases", folder / "cases")
    server = Server(folder)
    yield server
    output = server.stop()
    assert "Internt fel" not in output, output


@pytest.fixture(scope="module")
def browser():
    """Return headless Chromium driven by Playwright; skip (outside CI) when it is missing."""
    from webhelpers import CHROMIUM, CHROMIUM_ARGS

    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium saknas ({CHROMIUM}); .ci/run ska installera paketet chromium.")
        pytest.skip(
            f"Chromium saknas ({CHROMIUM}): installera paketet chromium för webbläsartesterna."
        )
    # A shared machine under load can take seconds to answer; waiting longer is not slower.
    sync_api.expect.set_options(timeout=30_000)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """Return a fresh browser page (its own cookies), Swedish locale."""
    context = browser.new_context(locale="sv-SE", viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()
