"""The case list: every case with its type, diarienummer, sammanträde and state, by meeting."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from iopdocs.build.freshness import DRAFT, reset, why_rebuild
from iopdocs.build.manifest import Manifest, matches
from iopdocs.build.prepare import UNFINISHED, inspect
from iopdocs.build.project import output_folder
from iopdocs.case.load import load_yaml_text
from iopdocs.errors import CaseError, IopdocsError, os_reason
from iopdocs.files import sha256
from iopdocs.web import orphans
from iopdocs.web.pages import error_page, render
from iopdocs.web.security import check_csrf
from iopdocs.web.workbench import Workbench

CHECK_STATES = {
    "godkänd": "Godkänd",
    "varningar": "Varningar",
    "ej färdigt": "Inte färdigt",
    "fel": "Fel",
}
BUILD_STATES = {
    "byggd": "Byggd",
    "utkast": "Utkast",
    "inaktuell": "Inaktuell",
    "handändrad": "Handändrad",
    "ej byggd": "Inte byggd",
}


@dataclass(frozen=True)
class Row:
    """One case in the list."""

    name: str
    rubrik: str
    beslutstyp: str
    diarienummer: str
    sammantrade: str
    check: str
    errors: int
    warnings: int
    build: str
    reason: str = ""
    unfinished: int = 0


async def index(request: Request):
    """Show the case list, filtered by sammanträde when one is chosen."""
    bench: Workbench = request.app.state.bench
    rows = await run_in_threadpool(case_rows, bench)
    left = await run_in_threadpool(orphans.orphans, bench)
    days = sorted({r.sammantrade for r in rows if r.sammantrade}, reverse=True)
    chosen = request.query_params.get("sammantrade", "")
    shown = [r for r in rows if not chosen or r.sammantrade == chosen]
    return render(
        request,
        "arenden.html",
        rows=shown,
        days=days,
        chosen=chosen if chosen in days else "",
        all_count=len(rows),
        check_states=CHECK_STATES,
        build_states=BUILD_STATES,
        orphans=left,
    )


_GONE = (
    "Den osparade texten finns inte längre (den är redan återställd eller "
    "kastad, eller ärendefilen finns igen). Gå tillbaka till ärendelistan."
)


async def orphan_choice(request: Request):
    """Restore the unsaved text of a case file that is gone, or throw it away."""
    bench: Workbench = request.app.state.bench
    form = await request.form(max_fields=10)
    check_csrf(request, form, bench.csrf)
    try:
        found = orphans.orphan(bench, request.path_params["name"])
    except orphans.NoOrphan:
        return error_page(request, 404, _GONE)
    if form.get("val") == "aterstall":
        try:
            restored = await run_in_threadpool(orphans.restore, bench, found)
        except orphans.NoOrphan:  # restored by another request meanwhile
            return error_page(request, 404, _GONE)
        except OSError as exc:
            return error_page(
                request, 409, f"Texten kunde inte återställas: {os_reason(exc)}. Inget togs bort."
            )
        bench.notes[restored.name] = (
            f"Den osparade texten är återställd och sparad som cases/{restored.name}.",
        )
        return _go(request, f"/arende/{restored.name}")
    if form.get("val") == "kasta":
        await run_in_threadpool(orphans.discard, bench, found)
        return _go(request, "/")
    return error_page(request, 400, "Okänt val.")


def _go(request: Request, url: str) -> Response:
    """Send the browser on to `url` (htmx follows HX-Redirect; a plain form a 303)."""
    if request.headers.get("HX-Request"):
        response = Response(status_code=204)
        response.headers["HX-Redirect"] = url
        return response
    return RedirectResponse(url, status_code=303)


def case_rows(bench: Workbench) -> list[Row]:
    """Return a row for every case file of the project."""
    reset()
    return [case_row(bench, path) for path in bench.case_files()]


def case_row(bench: Workbench, path: Path) -> Row:
    """Return the list row of one case: what it says about itself, its checks and its build."""
    data = path.read_bytes()
    facts = _facts(data, str(path))
    problems = inspect(path, bench.project, data).problems
    errors = sum(p.severity == "fel" for p in problems)
    warnings = sum(p.severity == "varning" for p in problems)
    unfinished = sum(p.code == UNFINISHED for p in problems)
    check = check_state(errors, warnings, unfinished)
    build, reason = build_state(bench, path, sha256(data))
    return Row(
        path.name,
        facts.get("rubrik", ""),
        facts.get("beslutstyp", ""),
        facts.get("diarienummer", ""),
        facts.get("sammanträde", ""),
        check,
        errors,
        warnings,
        build,
        reason,
        unfinished,
    )


def check_state(errors: int, warnings: int, unfinished: int) -> str:
    """Return a case's state in the list: errors first, then not ready (W001), then warnings."""
    if errors:
        return "fel"
    if unfinished:
        return "ej färdigt"
    return "varningar" if warnings else "godkänd"


def _facts(text: bytes, file: str) -> dict[str, str]:
    """Return the case's own top-level texts (rubrik, beslutstyp …), as far as the file is readable."""
    try:
        data = load_yaml_text(text, file).data
    except CaseError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(v) for k, v in data.items() if isinstance(v, str)}


def build_state(bench: Workbench, path: Path, digest: str) -> tuple[str, str]:
    """Return the state of a case's documents (byggd, inaktuell, handändrad, ej byggd) and why."""
    try:
        manifest = Manifest.read(output_folder(bench.project, path))
    except IopdocsError as exc:
        return "inaktuell", str(exc)
    documents = {n: e for n, e in manifest.files.items() if n.endswith(".docx")}
    if not documents:
        return "ej byggd", ""
    edited = [
        name
        for name, entry in sorted(documents.items())
        if (manifest.folder / name).is_file() and not matches(manifest.folder / name, entry)
    ]
    if edited:
        return "handändrad", ", ".join(edited)
    drafted = any(e.get("indata", {}).get(DRAFT) for e in documents.values())
    project = replace(bench.project, draft=drafted)  # a draft is judged as a draft build
    reason = why_rebuild(manifest, digest, project)
    if reason:
        return "inaktuell", reason
    return ("utkast", "märkt UTKAST") if drafted else ("byggd", "")
