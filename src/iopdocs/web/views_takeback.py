"""Edits made in Word, uploaded to a case: reviewed field by field, then saved (`iopdocs hamta`).

The views only call `authoring.takeback`: `propose` reads the upload,
`write` saves the chosen changes with its safety (checked first, never over
a newer file, comments kept, sealed papers refused before any of this).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse

from iopdocs.authoring import takeback
from iopdocs.web.pages import render
from iopdocs.web.security import check_csrf
from iopdocs.web.uploads import MAX_UPLOAD_BYTES, TooLarge, limited_request
from iopdocs.web.workbench import Workbench

_WORDS = re.compile(r"\s+|[^\s]+")
# A line break that only wraps a paragraph: not before a blank line, a list item or an indent.
_WRAP = re.compile(r"(?<=\S)[ \t]*\n(?![ \t]*(?:\n|[-*+] |\d+[.)] ))[ \t]*")


async def upload(request: Request):
    """Read an uploaded document, keep what it would change, and show it for review."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    try:
        limited = await limited_request(request)
    except TooLarge:
        megabytes = MAX_UPLOAD_BYTES // 1_000_000
        return _refused(request, path.name, f"Dokumentet är för stort (högst {megabytes} MB).", 413)
    async with limited.form(max_files=1, max_fields=10) as form:
        check_csrf(request, form, bench.csrf)
        sent = form.get("dokument")
        if not isinstance(sent, UploadFile) or not sent.filename:
            return _refused(request, path.name, "Välj ett dokument (.docx) att ladda upp.", 400)
        data = await sent.read()
        name = Path(sent.filename.replace("\\", "/")).name or "dokument.docx"
    try:
        proposal = await run_in_threadpool(
            takeback.propose, data, name, bench.project, path, own_case=True
        )
    except takeback.TakebackError as exc:
        return _refused(request, path.name, str(exc), 422)
    key = bench.uploads.add(path.name, proposal)
    return RedirectResponse(f"/arende/{path.name}/hamta/{key}", status_code=303)


def _refused(request: Request, name: str, message: str, status: int):
    """Return the page that says why an upload cannot be taken back; nothing was changed."""
    return render(
        request,
        "hamta_fel.html",
        status=status,
        name=name,
        message=message,
        title="Dokumentet kan inte hämtas",
        unchanged=True,
    )


async def review(request: Request):
    """Show an uploaded document's proposed changes field by field, and what is refused."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    proposal = bench.uploads.get(path.name, request.path_params["key"])
    if proposal is None:
        return _gone(request, path.name)
    return _review_page(request, bench, path, proposal)


def _review_page(request, bench: Workbench, path: Path, proposal, error: str = "", status=200):
    """Return the review page of a proposal."""
    return render(
        request,
        "hamta.html",
        status=status,
        name=path.name,
        key=request.path_params["key"],
        proposal=proposal,
        changes=[_shown(change) for change in proposal.changes],
        case_diff=takeback.diff(proposal).splitlines() if proposal.changes else [],
        unsaved=bench.session(path).dirty,
        error=error,
    )


def _gone(request: Request, name: str):
    """Return the page for a review that is no longer held (saved, or the workbench restarted)."""
    return render(
        request,
        "hamta_fel.html",
        status=404,
        name=name,
        message="Förslaget finns inte längre: det har redan sparats, eller arbetsytan har "
        "startats om. Ladda upp dokumentet igen om du vill se ändringarna.",
        title="Förslaget finns inte längre",
        unchanged=False,
    )


def _shown(change) -> dict:
    """Return a change as the review page shows it: place, field, and a word diff."""
    old, new = _as_text(change.old), _as_text(change.new)
    return {
        "label": change.label,
        "place": change.place,
        "old": old,
        "new": new,
        "diff": word_diff(old, new),
    }


def _as_text(value) -> str:
    """Return a value as text: a list's items one a line, numbered; a paragraph on one line."""
    if isinstance(value, tuple):
        return "\n".join(f"{i}. {_unwrapped(item)}" for i, item in enumerate(value, 1))
    return _unwrapped(value)


def _unwrapped(text: str) -> str:
    """Return markup text with the line breaks inside its paragraphs and items made spaces."""
    return _WRAP.sub(" ", text)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Return the words of two texts as ('lika'|'bort'|'ny', text) pieces, in order."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("lika", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("bort", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("ny", "".join(b[j1:j2])))
    return pieces


async def save(request: Request):
    """Write the changes the user kept to the case file, as `iopdocs hamta --skriv` does."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    form = await request.form(max_fields=1000)
    check_csrf(request, form, bench.csrf)
    key = request.path_params["key"]
    proposal = bench.uploads.get(path.name, key)
    if proposal is None:
        return _gone(request, path.name)
    chosen = _chosen(form.getlist("andring"), len(proposal.changes))
    if bench.session(path).dirty:
        message = "Ärendet har osparade ändringar i redigeraren. Spara eller kasta dem först."
        return _review_page(request, bench, path, proposal, message, 409)
    if not chosen:
        bench.uploads.drop(key)
        return render(request, "hamta_sparat.html", name=path.name, written=None)
    try:
        written = await run_in_threadpool(takeback.write, proposal, bench.project, chosen)
    except takeback.TakebackError as exc:
        return _review_page(request, bench, path, proposal, str(exc), 409)
    bench.uploads.drop(key)
    return render(request, "hamta_sparat.html", name=path.name, written=written, proposal=proposal)


def _chosen(values: list, count: int) -> set[int]:
    """Return the indexes of the kept changes among the posted values (others ignored)."""
    return {int(v) for v in values if isinstance(v, str) and v.isdigit() and int(v) < count}
