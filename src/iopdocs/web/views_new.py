"""New case files from the browser: `iopdocs new` as a form, `extend`, and an ending draft.

Every file is written by the same code as on the command line
(`authoring.drafting`, `authoring.renewal`), so it is the same commented file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from iopdocs.authoring import answers, drafting, renewal
from iopdocs.build.prepare import load_settings
from iopdocs.case.decisions import Decision
from iopdocs.case.load import load_yaml
from iopdocs.case.model import Case
from iopdocs.case.schema import case_schema_file
from iopdocs.case.validate import to_model
from iopdocs.errors import CaseError, IopdocsError
from iopdocs.swedish.identifiers import orgnr_problem
from iopdocs.web.pages import render
from iopdocs.web.security import check_csrf
from iopdocs.web.workbench import NotACase, Workbench

MAX_PARTIES = 20


@dataclass
class Answers:
    """The new-case form as typed, and what is wrong with each answer."""

    beslutstyp: str = "ny"
    parter: list[tuple[str, str]] = field(default_factory=lambda: [("", "")])
    numbers: list[int] = field(default_factory=lambda: [0])
    fran: str = ""
    till: str = ""
    slut: str = ""
    diarienummer: str = ""
    datum: str = ""
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Return whether every answer is usable."""
        return not self.problems


def read_answers(form, settings, typed_only: bool = False) -> Answers:
    """Return the posted answers, each checked as `iopdocs new` checks it."""
    numbers = party_numbers(form)
    typed = Answers(
        beslutstyp=str(form.get("beslutstyp", "ny")),
        parter=[
            (
                str(form.get(f"part_namn_{n}", "")).strip(),
                str(form.get(f"part_orgnr_{n}", "")).strip(),
            )
            for n in numbers
        ]
        or [("", "")],
        numbers=numbers or [0],
        fran=str(form.get("fran", "")).strip(),
        till=str(form.get("till", "")).strip(),
        slut=str(form.get("slut", "")).strip(),
        diarienummer=str(form.get("diarienummer", "")).strip(),
        datum=str(form.get("datum", "")).strip(),
    )
    typed.problems = _problems(typed, settings, typed_only)
    return typed


def party_numbers(form) -> list[int]:
    """Return the numbers of the party rows posted (part_namn_N), in order."""
    found = set()
    for key in form:
        prefix, _, number = key.rpartition("_")
        if prefix in ("part_namn", "part_orgnr") and number.isdigit() and len(number) < 4:
            found.add(int(number))
    return sorted(found)[:MAX_PARTIES]


def _problems(typed: Answers, settings, typed_only: bool) -> dict[str, str]:
    """Return what is wrong with each answer, by form field name."""
    found: dict[str, str] = {}
    if typed.beslutstyp not in {d.value for d in Decision}:
        found["beslutstyp"] = "Välj en beslutstyp."
    for number, (name, orgnr) in zip(typed.numbers, typed.parter, strict=False):
        if not name and not (typed_only and not orgnr):
            found[f"part_namn_{number}"] = "Skriv partens namn."
        if orgnr or not typed_only:
            problem = orgnr_problem(orgnr) if orgnr else "Skriv organisationsnumret."
            if problem:
                found[f"part_orgnr_{number}"] = problem
    for key in ("fran", "till", "slut", "datum"):
        value = getattr(typed, key)
        needed = key == "fran" or (key == "slut" and typed.beslutstyp == Decision.AVSLUT.value)
        if value or (needed and not typed_only):
            problem = answers.day_problem(value) if value else "Skriv ett datum."
            if problem:
                found[key] = problem
    if typed.diarienummer or not typed_only:
        problem = answers.diarienummer_problem(settings, typed.diarienummer)
        if problem:
            found["diarienummer"] = problem
    return found


def to_spec(typed: Answers) -> drafting.NewCase:
    """Return the drafting spec of answers that have no problems."""
    start = _day(typed.fran)
    return drafting.NewCase(
        Decision(typed.beslutstyp),
        tuple(drafting.NewParty(name, orgnr) for name, orgnr in typed.parter),
        start,
        _day(typed.till) if typed.till else drafting.default_end(start),
        typed.diarienummer,
        _day(typed.datum) if typed.datum else date.today(),
        _day(typed.slut) if typed.slut else None,
    )


def _day(text: str) -> date:
    """Return a checked ÅÅÅÅ-MM-DD date."""
    return datetime.strptime(text, "%Y-%m-%d").date()


async def new_form(request: Request):
    """Show the new-case form."""
    return render(request, "nytt.html", answers=Answers(datum=date.today().isoformat()))


async def party_row(request: Request):
    """Return one more party row for the new-case form."""
    bench: Workbench = request.app.state.bench
    form = await request.form()
    check_csrf(request, form, bench.csrf)
    text = str(form.get("nummer", "1"))
    number = min(int(text) if text.isdigit() and len(text) < 4 else 1, 999)
    return render(request, "nytt_part.html", number=number, name="", orgnr="", problems={})


async def check_answers(request: Request):
    """Check the answers as they are typed; answer with each field's message."""
    bench: Workbench = request.app.state.bench
    form = await request.form()
    check_csrf(request, form, bench.csrf)
    settings = load_settings(bench.project.settings_file)
    typed = read_answers(form, settings, typed_only=True)
    file_name = drafting.new_case_file_name(to_spec(typed)) if _complete(typed) else ""
    return render(request, "nytt_kontroll.html", answers=typed, file_name=file_name)


def _complete(typed: Answers) -> bool:
    """Return whether the answers are enough to name the file."""
    return not typed.problems and bool(typed.fran) and all(n for n, _ in typed.parter)


async def create(request: Request):
    """Write the new case file and open it in the editor."""
    bench: Workbench = request.app.state.bench
    form = await request.form()
    check_csrf(request, form, bench.csrf)
    settings = load_settings(bench.project.settings_file)
    typed = read_answers(form, settings)
    if not typed.ok:
        return render(request, "nytt.html", answers=typed, status=400)
    spec = to_spec(typed)
    try:
        path = bench.new_case_path(drafting.new_case_file_name(spec))
        text = drafting.new_case_text(spec, settings)
        await run_in_threadpool(drafting.write_new_case, path, text, False, schema=_schema(bench))
    except (IopdocsError, NotACase, OSError) as exc:
        typed.problems["fil"] = _file_problem(exc)
        return render(request, "nytt.html", answers=typed, status=400)
    return RedirectResponse(f"/arende/{path.name}", status_code=303)


def _schema(bench: Workbench):
    """Return the schema file a new case file points its editor at."""
    return case_schema_file(bench.project.settings_file)


def _file_problem(exc: Exception) -> str:
    """Return why the new file could not be written, in Swedish."""
    if isinstance(exc, IopdocsError) and "finns redan" in str(exc):
        return "Det finns redan en ärendefil med det namnet. Öppna den i ärendelistan, eller ändra svaren."
    if isinstance(exc, NotACase):
        return "Filnamnet går inte att använda. Ändra parternas namn."
    return f"Filen kunde inte skrivas: {exc}"


async def extend(request: Request):
    """Draft the renewal of an agreement (as `iopdocs extend`) and open it."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    form = await request.form()
    check_csrf(request, form, bench.csrf)
    settings = load_settings(bench.project.settings_file)
    draft = None
    try:
        draft = await run_in_threadpool(renewal.extend_case, path, settings)
        target = bench.new_case_path(draft.path.name)
        await run_in_threadpool(
            drafting.write_new_case, target, draft.text, False, schema=_schema(bench)
        )
    except CaseError:
        return _redirect_with(bench, path.name, ("Rätta felen i ärendet innan det förlängs.",))
    except (IopdocsError, NotACase, OSError) as exc:
        name = draft.path.name if draft is not None else ""
        return _redirect_with(bench, path.name, (_extend_problem(exc, name),))
    notes = (f"Förlängning {draft.fran} – {draft.till}.", *draft.notes)
    return _redirect_with(bench, target.name, notes)


def _extend_problem(exc: Exception, name: str) -> str:
    """Return why the renewal could not be written."""
    if "finns redan" in str(exc) and name:
        return f"Förlängningen finns redan: {name}. Öppna den i ärendelistan."
    return str(exc)


def _redirect_with(bench: Workbench, name: str, notes: tuple[str, ...]) -> Response:
    """Return a redirect (for htmx and plain forms) to a case's editor, showing notes there."""
    bench.notes[name] = notes
    response = RedirectResponse(f"/arende/{name}", status_code=303)
    response.headers["HX-Redirect"] = f"/arende/{quote(name)}"
    return response


async def end_form(request: Request):
    """Show the form that drafts the ending of an agreement."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    case = await run_in_threadpool(_case_of, path)
    typed = _ending_answers(case) if case is not None else Answers()
    return render(request, "avsluta.html", name=path.name, answers=typed, readable=case is not None)


def _case_of(path) -> Case | None:
    """Return the valid model of a case file, or None."""
    try:
        return to_model(load_yaml(path), Case)
    except CaseError:
        return None


def _ending_answers(case: Case) -> Answers:
    """Return the ending form's answers taken from the agreement's case."""
    return Answers(
        beslutstyp=Decision.AVSLUT.value,
        parter=[(p.namn, p.organisationsnummer) for p in case.parter],
        numbers=list(range(len(case.parter))),
        fran=case.period.fran.isoformat(),
        till=case.period.till.isoformat(),
        diarienummer=case.diarienummer,
        datum=date.today().isoformat(),
    )


async def end(request: Request):
    """Write the ending draft of an agreement and open it."""
    bench: Workbench = request.app.state.bench
    path = bench.case_path(request.path_params["name"])
    form = await request.form()
    check_csrf(request, form, bench.csrf)
    settings = load_settings(bench.project.settings_file)
    case = await run_in_threadpool(_case_of, path)
    if case is None:
        return render(request, "avsluta.html", name=path.name, answers=Answers(), readable=False)
    typed = _ending_answers(case)
    typed.slut = str(form.get("slut", "")).strip()
    typed.diarienummer = str(form.get("diarienummer", typed.diarienummer)).strip()
    typed.problems = _problems(typed, settings, typed_only=False)
    if not typed.ok:
        return render(
            request, "avsluta.html", name=path.name, answers=typed, readable=True, status=400
        )
    spec = to_spec(typed)
    try:
        target = bench.new_case_path(drafting.new_case_file_name(spec))
        text = drafting.new_case_text(spec, settings)
        await run_in_threadpool(drafting.write_new_case, target, text, False, schema=_schema(bench))
    except (IopdocsError, NotACase, OSError) as exc:
        typed.problems["fil"] = _file_problem(exc)
        return render(
            request, "avsluta.html", name=path.name, answers=typed, readable=True, status=400
        )
    return _redirect_with(
        bench, target.name, ("Utkast till avslut skapat. Skriv klart det som börjar med SKRIV:.",)
    )
