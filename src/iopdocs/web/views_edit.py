"""The editor: the case as a form, checked as you type, saved without losing anyone's work."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from iopdocs.web import figures, tabs, values
from iopdocs.web.checking import Checked
from iopdocs.web.form import Field, build_form, decode, encode, field_id, resolve
from iopdocs.web.pages import render
from iopdocs.web.security import Refused, check_csrf
from iopdocs.web.session import CannotMerge, Draft, Session
from iopdocs.web.workbench import Workbench

# Form fields that carry no value of the case.
_CONTROL_FIELDS = frozenset({"csrf", "atgard", "sokvag", "nyckel_att_lagga_till", "vy"})
MAX_FIELDS = 5000


async def editor(request: Request):
    """Show a case in the editor, offering back a draft kept beside the file."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    session = bench.session(path)
    draft = Draft.read(path)
    offered = (
        draft if draft is not None and not session.dirty and draft.text != session.text else None
    )
    context = await run_in_threadpool(_locked_context, bench, session, True)
    notes = bench.notes.pop(path.name, ())
    template = "redigera_text.html" if session.text_only else "redigera.html"
    return render(request, template, **context, draft=offered, notes=notes)


def _editor_context(
    bench: Workbench, session: Session, checked: Checked, new_view: bool = False
) -> dict:
    """Return what the editor's templates need (`new_view`: the form is drawn anew, with its key)."""
    form = build_form(bench.schema, session.data if not session.text_only else {})
    shown = _shown(session, form)
    session.shown = (session.version, shown)  # what the next post is compared with
    view = session.views.remember(shown) if new_view else ""
    return {
        "view": view,
        "name": session.path.name,
        "session": session,
        "form": form,
        "checked": checked,
        "figures": figures.shown(checked.inspection.derived),
        "hints": figures.hints(checked.inspection.derived, session.data),
        "labels": _labels(form),
    }


def _labels(form: Field) -> dict:
    """Return each field's readable place in the form ('Parter › Part 1 › Årlig ersättning')."""
    labels: dict = {}

    def walk(field: Field, trail: tuple[str, ...]) -> None:
        here = (*trail, field.label) if field.label else trail
        labels[field.path] = " › ".join(here)
        for child in field.children:
            walk(child, here)

    walk(form, ())
    return labels


def _shown(session: Session, form: Field) -> dict[str, str]:
    """Return the values a drawn editor shows, by form name."""
    return {tabs.TEXT: session.text} if session.text_only else tabs.shown_values(form)


def _locked_context(bench: Workbench, session: Session, new_view: bool = False) -> dict:
    """Return the editor's context, holding the session's lock."""
    with session.lock:
        return _editor_context(bench, session, _check(bench, session), new_view)


def _check(bench: Workbench, session: Session) -> Checked:
    """Return the checks of the session's current text."""
    return session.checked(bench.project)


async def _posted(request: Request, bench: Workbench):
    """Return the posted form after the CSRF check."""
    form = await request.form(max_fields=MAX_FIELDS)
    check_csrf(request, form, bench.csrf)
    return form


@dataclass
class Posted:
    """A tab's post: its view key and the values of the case it sent, by form name."""

    view: str
    texts: dict[str, str]


def _values(form) -> Posted:
    """Return the posted values of the case, by form name (line ends as in the file)."""
    texts = {
        key: value.replace("\r\n", "\n").replace("\r", "\n")
        for key, value in form.multi_items()
        if key not in _CONTROL_FIELDS and isinstance(value, str)
    }
    return Posted(str(form.get("vy", "")), texts)


async def change(request: Request):
    """Take the typed values, keep them as a draft, and answer with the checks."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    form = await _posted(request, bench)
    session = bench.session(path)
    was_text = session.text_only
    try:
        changed, context = await run_in_threadpool(_apply_and_check, bench, session, _values(form))
    except values.PathError:
        return _stale_form(request)
    if was_text != session.text_only:
        return _stale_form(request)  # readable again (or not): show the other editor
    response = render(request, "andrat.html", **context)
    if changed:
        response.headers["HX-Trigger"] = "arende-andrat"
    return response


def _apply_and_check(bench: Workbench, session: Session, posted: Posted):
    """Apply posted values (or the whole text) and check the result, holding the session's lock."""
    with session.lock:
        changed, tab = _apply(bench, session, posted)
        context = _editor_context(bench, session, _check(bench, session))
        labels = _clash_labels(tab, context["labels"])
        return changed, {
            **context,
            "on_disk": session.changed_on_disk(),
            "tab": tab,
            "clash_labels": labels,
        }


def _clash_labels(tab: tabs.Sorted, labels: dict) -> list[str]:
    """Return the readable places of the fields that clash."""
    return [labels.get(decode(name)) or name for name in tab.clashes]


def _apply(bench: Workbench, session: Session, posted: Posted) -> tuple[bool, tabs.Sorted]:
    """Apply what this tab changed: the whole text in the text editor, else the form's values.

    Values the tab did not change are not written back (another tab may have
    changed them); a field changed in both tabs is a clash and not applied.
    """
    if session.text_only:
        current = {tabs.TEXT: session.text}
    elif session.shown is not None and session.shown[0] == session.version:
        current = session.shown[1]  # drawn for the last answer: the form need not be built again
    else:
        current = tabs.shown_values(build_form(bench.schema, session.data))
    tab = session.views.sort(posted.view, posted.texts, current)
    if session.text_only:
        text = tab.accepted.get(tabs.TEXT)
        return (session.set_text(text) if text is not None else False), tab
    return bool(session.apply({decode(k): v for k, v in tab.accepted.items()})), tab


def _stale_form(request: Request) -> Response:
    """Answer a post from a form that no longer matches the case: reload the page."""
    response = Response(status_code=204)
    response.headers["HX-Refresh"] = "true"
    return response


async def reshape(request: Request):
    """Add, remove or move a list item, or add an optional key; answer with the new form."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    form = await _posted(request, bench)
    session = bench.session(path)
    action, where = str(form.get("atgard", "")), decode(str(form.get("sokvag", "")))
    key = str(form.get("nyckel_att_lagga_till", ""))

    def work():
        with session.lock:
            _, tab = _apply(bench, session, _values(form))
            focus = session.reshape(lambda data: _reshape(bench, data, action, where, key))
            context = _editor_context(bench, session, _check(bench, session), new_view=True)
            return focus, {**context, "tab": tab}

    try:
        focus, context = await run_in_threadpool(work)
    except values.PathError:
        return _stale_form(request)
    response = render(request, "formular.html", **context, focus=focus)
    response.headers["HX-Trigger"] = "arende-andrat"
    return response


def _reshape(bench: Workbench, data, action: str, where: tuple, key: str) -> str:
    """Run one shape change; return the id of the field to focus afterwards."""
    schema = bench.schema
    if action == "lagg-till":
        position = values.add_item(data, where, schema, values.schema_at(schema, (*where, 0)))
        return field_id((*where, position))
    if action == "ta-bort":
        values.remove_item(data, where)
        return field_id(where[:-1])
    if action in ("upp", "ned"):
        moved = values.move_item(data, where, -1 if action == "upp" else 1)
        return f"{field_id((*where[:-1], moved))}-{action}"
    if action == "lagg-till-nyckel":
        group = resolve(schema, values.schema_at(schema, where))
        order = list(group.get("properties", {}))
        values.add_key(data, where, key, schema, values.schema_at(schema, (*where, key)), order)
        return field_id((*where, key))
    raise Refused(400, "Okänd ändring av formuläret.")


async def save(request: Request):
    """Save the case file if nobody changed it meanwhile; else show the conflict."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    form = await _posted(request, bench)
    session = bench.session(path)
    posted = _values(form)

    def work():
        with session.lock:
            _, tab = _apply(bench, session, posted)
            if tab.clashes:
                labels = _labels(build_form(bench.schema, session.data or {}))
                return _clash_labels(tab, labels), None
            return [], (None if session.save() else session.conflict())

    try:
        clashes, conflict = await run_in_threadpool(work)
    except values.PathError:
        return _stale_form(request)
    if clashes:
        tab = tabs.Sorted(clashes=clashes)
        return render(
            request,
            "flikar.html",
            tab=tab,
            clash_labels=clashes,
            name=path.name,
            box_id="flik-sparat",
            status=409,
        )
    if conflict is None:
        return render(request, "sparat.html", name=path.name)
    return render(request, "konflikt.html", name=path.name, diff=_diff(conflict), status=409)


def _diff(conflict) -> dict:
    """Return the two diffs of a conflict: what changed on disk, and what this editor changed."""
    return {
        "theirs": _unified(conflict.base, conflict.disk, "när du öppnade filen", "på disken nu"),
        "mine": _unified(conflict.base, conflict.mine, "när du öppnade filen", "dina ändringar"),
    }


def _unified(old: str, new: str, old_name: str, new_name: str) -> list[str]:
    """Return a unified diff of two texts as lines."""
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), old_name, new_name, n=1, lineterm=""
    )
    return list(lines)


async def conflict_choice(request: Request):
    """Resolve a conflict: reload from disk, or put this editor's changes on top."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    form = await _posted(request, bench)
    session = bench.session(path)
    choice = form.get("val")
    if choice not in ("las-in", "sla-ihop"):
        raise Refused(400, "Okänt val.")

    def work():
        with session.lock:
            if choice == "las-in":
                session.reload()
                return
            try:
                bench.notes[path.name] = _merge_notes(session.merge())
            except CannotMerge:
                bench.notes[path.name] = (
                    "Ändringarna kunde inte slås ihop automatiskt, eftersom en av texterna inte "
                    "går att läsa som YAML. Läs in filen från disken och gör om dina ändringar.",
                )

    await run_in_threadpool(work)
    response = Response(status_code=204)
    response.headers["HX-Redirect"] = f"/arende/{quote(path.name)}"
    return response


def _merge_notes(merged) -> tuple[str, ...]:
    """Return what the user should know after a merge."""
    notes = [f"Dina ändringar lades ovanpå filen från disken ({len(merged.applied)} fält)."]
    notes += [
        f"Ändrat på båda håll, filens värde behölls: {encode(path)}." for path in merged.clashes
    ]
    return tuple(notes) + ("Kontrollera och spara.",)


async def draft_choice(request: Request):
    """Continue from the draft kept beside the file, or throw it away."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    form = await _posted(request, bench)
    session = bench.session(path)
    keep = form.get("val") == "fortsatt"

    def work():
        with session.lock:
            draft = Draft.read(path)
            if keep and draft is not None:
                session.restore(draft)
            else:
                session.reload()

    await run_in_threadpool(work)
    response = Response(status_code=204)
    response.headers["HX-Redirect"] = f"/arende/{quote(path.name)}"
    return response
