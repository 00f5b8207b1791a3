"""What the case becomes: the live preview, the build, the meeting, and the downloads."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from iopdocs.web import building
from iopdocs.web.pages import error_page, render
from iopdocs.web.security import check_csrf
from iopdocs.web.workbench import Workbench

_KEY = re.compile(r"[0-9a-f]{64}")
_DOWNLOADS = (".docx", ".pdf", ".json")


async def preview(request: Request):
    """Show the preview of one document of the case as it is being edited."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    session = bench.session(path)
    wanted = request.query_params.get("dok", "")
    view = await run_in_threadpool(building.preview_of, bench, session, wanted)
    return render(request, "forhandsvisning.html", name=path.name, view=view, bench=bench)


async def page_image(request: Request):
    """Return one page image of a previewed document."""
    pages = _pages(request)
    if pages is None:
        return error_page(request, 404, "Sidbilden finns inte längre. Ladda om sidan.")
    try:
        png = await run_in_threadpool(pages.image, int(request.path_params["page"]))
    except IndexError:
        return error_page(request, 404, "Sidan finns inte i dokumentet.")
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


async def preview_pdf(request: Request):
    """Return the PDF of a previewed document (the same bytes `build --pdf` would write)."""
    pages = _pages(request)
    if pages is None:
        return error_page(request, 404, "Förhandsvisningen finns inte längre. Ladda om sidan.")
    return Response(pages.pdf, media_type="application/pdf", headers={"Cache-Control": "private"})


def _pages(request: Request):
    """Return the cached pages a request names, or None."""
    bench: Workbench = request.app.state.bench
    bench.case_path(request.path_params["name"])
    key = request.path_params["key"]
    return bench.previewer.pages(key) if _KEY.fullmatch(key) else None


async def build_case(request: Request):
    """Build the case's documents (and PDFs) as `iopdocs build` does; offer them for download."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    form = await request.form()
    check_csrf(request, form, bench.csrf)
    if bench.session(path).dirty:
        return render(request, "bygge.html", unsaved=True, result=None, name=path.name)
    project = dataclasses.replace(
        bench.project, force=form.get("force") == "ja", draft=form.get("utkast") == "ja"
    )
    make_pdf = form.get("pdf") == "ja"
    result = await run_in_threadpool(building.build_one, bench, project, path, make_pdf)
    return render(request, "bygge.html", unsaved=False, result=result, name=path.name)


async def build_meeting(request: Request):
    """Build a sammanträde's cases, its agenda and its handlingar.pdf."""
    bench: Workbench = request.app.state.bench
    form = await request.form()
    check_csrf(request, form, bench.csrf)
    try:
        day = date.fromisoformat(request.path_params["day"])
    except ValueError:
        return error_page(request, 404, "Sammanträdesdagen ska skrivas ÅÅÅÅ-MM-DD.")
    result = await run_in_threadpool(building.build_meeting, bench, day)
    return render(request, "sammantrade.html", result=result, day=day)


async def download(request: Request):
    """Send a built file from the project's output folder."""
    bench: Workbench = request.app.state.bench
    path = output_file(bench, request.path_params["folder"], request.path_params["file"])
    if path is None:
        return error_page(request, 404, "Filen finns inte bland de byggda dokumenten.")
    return FileResponse(path, filename=path.name)


def output_file(bench: Workbench, folder: str, name: str) -> Path | None:
    """Return a built file by its folder and name under output/, or None for anything else."""
    for part in (folder, name):
        if not part or part != Path(part).name or part.startswith(".") or "\\" in part:
            return None
    if Path(name).suffix not in _DOWNLOADS:
        return None
    root = bench.project.output.resolve()
    path = root / folder / name
    if path.is_symlink() or (root / folder).is_symlink() or not path.is_file():
        return None
    return path if path.resolve().parent.parent == root else None
