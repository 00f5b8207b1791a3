"""End to end in headless Chromium against `iopdocs serve`: what a handläggare does, as they do it.

One server (with its running LibreOffice) serves the whole module; each
test uses its own case file, so the tests do not depend on each other's order.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from webhelpers import ROOT

from iopdocs.publish import warm
from iopdocs.word.text import docx_text

AVSLUT = "iop-avslut-berga-motesplats-2025.yaml"
IOGT = "iop-iogt-nto-pingst-2024-2026.yaml"
TRE = "iop-ny-tre-parter-2025-2027.yaml"


def expect():
    """Return Playwright's expect (imported only when the browser tests run)."""
    from playwright.sync_api import expect as playwright_expect

    # Each check waits up to 15 s, not Playwright's 5 s: on a loaded 2-core machine one
    # change's round trip (check, swap) has taken longer than 5 s, and a wait that
    # ends early says nothing about the page.
    playwright_expect.set_options(timeout=15_000)
    return playwright_expect


def field(page, path: str):
    """Return the input of the case field at a YAML path ('parter/0/årlig_ersättning')."""
    return page.locator(f'[name="{path}"]')


def problem_box(page, path: str):
    """Return the problem box beside the field at a YAML path."""
    return page.locator(f'[name="{path}"] ~ .faltproblem')


def fresh_copy(served, name: str, as_name: str) -> str:
    """Copy a shipped case under a new name into the served project; return the new name."""
    shutil.copy(ROOT / "cases" / name, served.folder / "cases" / as_name)
    return as_name


def axe_serious(page) -> list:
    """Return axe-core's serious and critical findings on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_create_a_case_from_the_form(served, page):
    page.goto(f"{served.url}/nytt")
    page.get_by_label("Ny överenskommelse").check()
    page.get_by_label("Namn (kort, som det ska stå i texten)").fill("Ekhaga Läxhjälp")
    orgnr = page.get_by_label("Organisationsnummer")
    orgnr.fill("802519-7744")
    expect()(page.locator("#part_orgnr_0-problem")).to_contain_text("Fel")
    orgnr.fill("802519-7743")
    expect()(page.locator("#part_orgnr_0-problem")).to_be_empty()
    page.get_by_label("Första dagen").fill("2027-01-01")
    page.get_by_label("Diarienummer").fill("SON 2026-0101")
    expect()(page.locator("#filnamn")).to_contain_text("iop-ny-ekhaga-laxhjalp-2027-2029.yaml")
    page.get_by_role("button", name="Skapa ärendet").click()
    page.wait_for_url(re.compile(r"/arende/iop-ny-ekhaga-laxhjalp-2027-2029\.yaml$"))
    created = served.folder / "cases" / "iop-ny-ekhaga-laxhjalp-2027-2029.yaml"
    assert "Ekhaga Läxhjälp" in created.read_text(encoding="utf-8")
    expect()(page.locator("#kontroll-status")).to_contain_text("Inte färdigt")


def test_an_error_appears_at_its_field_and_vanishes_when_fixed(served, page):
    name = fresh_copy(served, IOGT, "fel-vid-faltet.yaml")
    page.goto(f"{served.url}/arende/{name}")
    amount = field(page, "parter/0/årlig_ersättning")
    amount.fill("450 000 kr")
    box = problem_box(page, "parter/0/årlig_ersättning")
    expect()(box).to_contain_text("S003")
    expect()(amount).to_have_attribute("aria-invalid", "true")
    expect()(page.locator("#kontroll-lista")).to_contain_text("Årlig ersättning")
    amount.fill("339690")
    expect()(box).to_be_empty()
    expect()(amount).not_to_have_attribute("aria-invalid", "true")


def test_the_preview_shows_a_changed_amount(served, page):
    if warm.missing() and not os.environ.get("CI"):
        pytest.skip(f"sidbilder kräver LibreOffice med Python-brygga: {warm.missing()}")
    name = fresh_copy(served, AVSLUT, "forhandsvisning.yaml")
    page.goto(f"{served.url}/arende/{name}")
    images = page.locator("#forhandsvisning img.sida")
    expect()(images.first).to_be_visible(timeout=60_000)
    before = images.first.get_attribute("src")
    field(page, "parter/0/årlig_ersättning").fill("420000")
    expect()(images.first).not_to_have_attribute("src", before, timeout=30_000)
    pdf_link = page.get_by_role("link", name="Öppna som PDF")
    pdf = page.request.get(served.url + pdf_link.get_attribute("href"))
    text = PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text()
    assert "420\u00a0000\u00a0kr" in text, "the new amount, with its non-breaking spaces"
    assert re.search(r"1 \(\d\)", text), "the page header '1 (N)' is on the page"


def test_save_changes_only_the_edited_line_and_keeps_comments(served, page):
    name = fresh_copy(served, TRE, "spara.yaml")
    path = served.folder / "cases" / name
    before = path.read_text(encoding="utf-8")
    page.goto(f"{served.url}/arende/{name}")
    field(page, "parter/0/årlig_ersättning").fill("415001")
    expect()(page.locator("#sparstatus")).to_contain_text("Osparade")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect()(page.locator("#sparresultat")).to_contain_text("Sparat")
    after = path.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        "-    årlig_ersättning: 415000                    # kommunens ersättning per år, i värdeårets nivå",
        "+    årlig_ersättning: 415001                    # kommunens ersättning per år, i värdeårets nivå",
    ]


def test_a_file_changed_on_disk_is_not_overwritten(served, page):
    name = fresh_copy(served, TRE, "konflikt.yaml")
    path = served.folder / "cases" / name
    page.goto(f"{served.url}/arende/{name}")
    field(page, "rubrik").fill("Min rubrik")
    expect()(page.locator("#sparstatus")).to_contain_text("Osparade")
    theirs = path.read_text(encoding="utf-8").replace("datum: 2024-10-15", "datum: 2024-10-16")
    path.write_text(theirs, encoding="utf-8")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect()(page.locator("#sparresultat")).to_contain_text("Filen har ändrats på disken")
    assert path.read_text(encoding="utf-8") == theirs
    page.get_by_role("button", name="Lägg mina ändringar ovanpå filen från disken").click()
    expect()(page.get_by_text("Dina ändringar lades ovanpå filen")).to_be_visible()
    expect()(field(page, "rubrik")).to_have_value("Min rubrik")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect()(page.locator("#sparresultat")).to_contain_text("Sparat")
    merged = path.read_text(encoding="utf-8")
    assert "rubrik: Min rubrik" in merged and "2024-10-16" in merged


def test_build_and_download_a_docx(served, page):
    page.goto(f"{served.url}/arende/{AVSLUT}")
    page.get_by_label("Gör också PDF").uncheck()
    page.get_by_role("button", name="Bygg dokumenten").click()
    link = page.locator("#byggresultat a", has_text="tjansteskrivelse.docx")
    expect()(link).to_be_visible(timeout=60_000)
    with page.expect_download() as info:
        link.click()
    data = info.value.path().read_bytes()
    text = docx_text(data)
    assert "Berga Mötesplats" in text


def test_pages_have_no_serious_accessibility_findings(served, page):
    for address in ("/", "/nytt", f"/arende/{IOGT}", f"/arende/{IOGT}/avsluta", "/finns-inte"):
        page.goto(served.url + address)
        if "/arende/" in address and "avsluta" not in address:
            expect()(
                page.locator("#forhandsvisning img.sida, #forhandsvisning pre").first
            ).to_be_visible(timeout=60_000)
        assert page.locator("html").get_attribute("lang") == "sv"
        assert axe_serious(page) == [], address


def test_the_editor_works_with_the_keyboard_alone(served, page):
    name = fresh_copy(served, TRE, "tangentbord.yaml")
    page.goto(f"{served.url}/arende/{name}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "diarienummer":
            break
    else:
        pytest.fail("the diarienummer field cannot be reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"
    page.keyboard.press("Control+A")
    page.keyboard.type("fel")
    expect()(problem_box(page, "diarienummer")).to_contain_text("I003")


@pytest.fixture(scope="module")
def empty_served(tmp_path_factory):
    """Return `iopdocs serve` on a project with settings and templates and no cases/ folder yet."""
    from webhelpers import Server

    folder = tmp_path_factory.mktemp("tomt")
    shutil.copy(ROOT / "iopdocs.yaml", folder / "iopdocs.yaml")
    shutil.copytree(ROOT / "templates", folder / "templates")
    server = Server(folder)
    yield server
    output = server.stop()
    assert "Internt fel" not in output, output


def download_text(page, link) -> str:
    """Download a linked .docx through the page; return its text."""
    with page.expect_download() as info:
        link.click()
    return docx_text(Path(info.value.path()))


def test_from_nothing_to_built_papers_without_yaml(empty_served, page):
    served = empty_served
    page.goto(served.url)
    page.get_by_role("link", name="Skapa det första ärendet").click()
    page.get_by_label("Namn (kort, som det ska stå i texten)").fill("Lärkans Läxhjälp")
    page.get_by_label("Organisationsnummer").fill("8024681358")
    page.get_by_label("Första dagen").fill("2028-01-01")
    page.get_by_label("Diarienummer").fill("SON 2027-0042")
    page.get_by_role("button", name="Skapa ärendet").click()
    page.wait_for_url(re.compile(r"/arende/iop-ny-larkans-laxhjalp-2028-2030\.yaml$"))
    status = page.locator("#kontroll-status")
    expect()(status).to_contain_text("Inte färdigt")
    build = page.locator("form.bygg button[type=submit]")
    expect()(build).to_have_text("Bygg utkast (märkt UTKAST)")
    page.get_by_label("Gör också PDF").uncheck()
    build.click()  # a draft to read before the texts are written
    result = page.locator("#byggresultat")
    expect()(result).to_contain_text("Byggt som utkast", timeout=60_000)
    draft = download_text(page, result.locator("a", has_text="tjansteskrivelse.docx"))
    assert "UTKAST" in draft and "SKRIV:" in draft
    unfinished = page.locator("#redigera input, #redigera textarea")
    for number in range(unfinished.count()):
        box = unfinished.nth(number)
        if "SKRIV:" in box.input_value():
            box.fill("Skriven i arbetsytan.")
    field(page, "parter/0/årlig_ersättning").fill("250000")
    field(page, "parter/0/kostnadsbudget/0/belopp").fill("300000")
    expect()(status).to_contain_text("Godkänd: inga fel eller varningar")
    expect()(build).to_have_text("Bygg dokumenten")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect()(page.locator("#sparresultat")).to_contain_text("Sparat")
    build.click()
    expect()(result).not_to_contain_text("Byggt som utkast", timeout=60_000)
    texts = {}
    for name in ("tjansteskrivelse.docx", "iop-overenskommelse.docx"):
        link = result.locator("a", has_text=name)
        expect()(link).to_be_visible(timeout=60_000)
        texts[name] = download_text(page, link)
    for text in texts.values():
        assert "Lärkans Läxhjälp" in text and "SKRIV" not in text and "UTKAST" not in text
        assert "Skriven i arbetsytan." in text
    memo, agreement = texts["tjansteskrivelse.docx"], texts["iop-overenskommelse.docx"]
    assert "SON 2027-0042" in memo and "250\u00a0000\u00a0kr" in memo
    assert "802468-1358" in agreement and "2028-01-01" in agreement
    page.goto(served.url)
    expect()(page.locator("table.arenden")).to_contain_text("Byggd")


def test_typed_text_survives_a_reload(served, page):
    name = fresh_copy(served, TRE, "omladdning.yaml")
    page.goto(f"{served.url}/arende/{name}")
    field(page, "rubrik").fill("Skrivet före omladdningen")
    expect()(page.locator("#sparstatus")).to_contain_text("Osparade")
    page.reload()
    expect()(field(page, "rubrik")).to_have_value("Skrivet före omladdningen")
    field(page, "mbl").fill("Skrivet just innan omladdningen.")
    page.reload()  # at once: the form was not yet sent (it waits for a pause in typing)
    expect()(field(page, "mbl")).to_have_value("Skrivet just innan omladdningen.")
    expect()(field(page, "rubrik")).to_have_value("Skrivet före omladdningen")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect()(page.locator("#sparresultat")).to_contain_text("Sparat")
    text = (served.folder / "cases" / name).read_text(encoding="utf-8")
    assert "Skrivet före omladdningen" in text and "Skrivet just innan omladdningen." in text


def test_two_tabs_on_one_case_keep_both_texts_and_show_a_clash(served, page):
    name = fresh_copy(served, TRE, "tva-flikar.yaml")
    other = page.context.new_page()
    page.goto(f"{served.url}/arende/{name}")
    other.goto(f"{served.url}/arende/{name}")
    field(page, "rubrik").fill("Rubrik från första fliken")
    expect()(page.locator("#sparstatus")).to_contain_text("Osparade")
    field(other, "mbl").fill("Text från andra fliken.")
    expect()(other.locator("#flik-status")).to_contain_text("ändrats i en annan flik")
    field(other, "rubrik").fill("Rubrik från andra fliken")
    expect()(other.locator("#flik-status")).to_contain_text("Rubrik")
    other.get_by_role("button", name="Spara", exact=True).click()
    expect()(other.locator("#sparresultat")).to_contain_text("inte tagits med")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect()(page.locator("#sparresultat")).to_contain_text("Sparat")
    text = (served.folder / "cases" / name).read_text(encoding="utf-8")
    assert "rubrik: Rubrik från första fliken" in text and "Text från andra fliken." in text


def test_a_stated_total_takes_the_computed_value_with_one_click(served, page):
    name = fresh_copy(served, IOGT, "summor.yaml")
    page.goto(f"{served.url}/arende/{name}")
    field(page, "parter/0/årlig_ersättning").fill("349690")
    expect()(problem_box(page, "summor/total_ersättning")).to_contain_text("D001")
    for key in ("total_ersättning", "kommunens_finansiering", "egen_finansiering"):
        page.locator(f'[name="summor/{key}"] ~ .beraknat button').click()
        expect()(page.locator(f'[name="summor/{key}"] ~ .beraknat button')).to_have_count(0)
    expect()(page.locator("#kontroll-status")).to_contain_text("Godkänd")
    assert field(page, "summor/total_ersättning").input_value() == "802638"


def test_edits_made_in_word_come_back_through_an_upload(served, page, tmp_path):
    from wordlike import WordDoc

    name = fresh_copy(served, TRE, "fran-word.yaml")
    case_file = served.folder / "cases" / name
    original = case_file.read_text(encoding="utf-8")
    page.goto(f"{served.url}/arende/{name}")
    page.get_by_label("Gör också PDF").uncheck()
    page.get_by_role("button", name="Bygg dokumenten").click()
    link = page.locator("#byggresultat a", has_text="tjansteskrivelse.docx")
    expect()(link).to_be_visible(timeout=60_000)
    with page.expect_download() as info:
        link.click()
    doc = WordDoc(Path(info.value.path()).read_bytes())
    reworded = "Kvinnor som har lämnat en våldsam relation behöver stöd länge efter krisen."
    doc.retype("Kvinnor som har lämnat", reworded)
    doc.enter_after("Social- och omsorgsdirektören får i uppdrag", "En ny beslutspunkt.")
    doc.retype_cell("415 000 kr", "425 000 kr")
    edited = tmp_path / "tjansteskrivelse.docx"
    edited.write_bytes(doc.save())

    page.get_by_label("Ändrat dokument (.docx)").set_input_files(edited)
    page.get_by_role("button", name="Visa ändringarna").click()
    page.wait_for_url(re.compile(r"/hamta/"))
    expect()(page.get_by_role("heading", name="Ändringar som kan hämtas (2)")).to_be_visible()
    expect()(page.locator(".hamta-nekade")).to_contain_text("årlig_ersättning")
    assert axe_serious(page) == []
    assert case_file.read_text(encoding="utf-8") == original  # looking writes nothing
    page.get_by_label("Spara ändringen av beslutsförslag").uncheck()
    page.get_by_role("button", name="Spara valda ändringar i ärendefilen").click()
    expect()(page.get_by_role("status")).to_contain_text("1 ändring sparade")
    after = case_file.read_text(encoding="utf-8")
    assert reworded in after and "En ny beslutspunkt." not in after


def test_the_typed_text_of_a_deleted_case_is_offered_back_and_restored(served, page):
    name = fresh_copy(served, TRE, "borttagen.yaml")
    path = served.folder / "cases" / name
    page.goto(f"{served.url}/arende/{name}")
    field(page, "parter/0/årlig_ersättning").fill("415123")
    expect()(page.locator("#sparstatus")).to_contain_text("Osparade")
    path.unlink()  # deleted on disk while open, the typing not saved
    page.goto(served.url)
    offer = page.locator("section", has=page.get_by_role("heading", name="Osparad text"))
    expect()(offer).to_contain_text(
        f"Osparad text för ett ärende som inte längre finns: cases/{name}"
    )
    assert axe_serious(page) == []
    offer.locator("li", has_text=name).get_by_role("button", name="Återställ som ärendefil").click()
    page.wait_for_url(re.compile(rf"/arende/{re.escape(name)}$"))
    expect()(page.locator("main")).to_contain_text("återställd och sparad")
    assert "årlig_ersättning: 415123" in path.read_text(encoding="utf-8")
    assert axe_serious(page) == []


def test_the_typed_text_of_a_deleted_case_is_discarded_only_when_confirmed(served, page):
    name = fresh_copy(served, TRE, "kastas.yaml")
    path = served.folder / "cases" / name
    page.goto(f"{served.url}/arende/{name}")
    field(page, "parter/0/årlig_ersättning").fill("415124")
    expect()(page.locator("#sparstatus")).to_contain_text("Osparade")
    path.unlink()
    page.goto(served.url)
    item = page.locator("li", has_text=f"cases/{name}")
    page.once("dialog", lambda dialog: dialog.dismiss())
    item.get_by_role("button", name="Kasta texten").click()
    page.reload()
    expect()(item).to_be_visible()
    assert (path.parent / f".{name}.utkast.json").exists()
    page.once("dialog", lambda dialog: dialog.accept())
    item.get_by_role("button", name="Kasta texten").click()
    expect()(page.locator("li", has_text=f"cases/{name}")).to_have_count(0)
    assert not (path.parent / f".{name}.utkast.json").exists() and not path.exists()
