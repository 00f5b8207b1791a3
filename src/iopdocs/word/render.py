"""Render a case through a .docx template into .docx bytes.

A template is read and compiled once (`compile_template`); rendering a case
only runs the compiled Jinja code over the parts that hold template tags and
packs the result with the template's other parts. The Jinja environment is
sandboxed, strict about undefined names, and escapes every value as XML.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from lxml import etree

from iopdocs.errors import TemplateProblem, os_reason
from iopdocs.word import (
    draft,
    fieldmarks,
    filters,
    hyphens,
    layout,
    markup,
    ooxml,
    properties,
    source,
    zipread,
)
from iopdocs.word.sandbox import DEADLINE, Sandbox, TooLarge, TooSlow, add_filter_bounds

DOCUMENT = "word/document.xml"
NUMBERING = "word/numbering.xml"
STYLES = "word/styles.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"
CUSTOM_PROPS = "docProps/custom.xml"
_RENDERED_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
MAX_OUTPUT_CHARS = 50 * 1024 * 1024
RENDER_SECONDS = 30.0


@dataclass(frozen=True)
class Compiled:
    """A template ready to render many cases."""

    name: str
    package: ooxml.Package
    templates: dict[str, jinja2.Template]
    sources: dict[str, str]
    properties: dict[str, jinja2.Template]
    grid_parts: frozenset[str]
    styles: markup.Styles
    style_names: dict[str, str]
    first_free_num: int
    digest: str
    members: dict[str, ooxml.Member]


def environment() -> Sandbox:
    """Return the sandboxed, strict, XML-escaping Jinja environment of iopdocs.

    Not optimized: Jinja's optimizer computes constant expressions while it
    compiles, outside every limit (see `sandbox`).
    """
    env = Sandbox(
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        finalize=_refuse_docxtpl_objects,
        optimized=False,
    )
    env.filters.update(filters.filters())
    add_filter_bounds(env)
    return env


def read_template(path: Path) -> tuple[bytes, ooxml.Package, dict[str, str]]:
    """Return a template's bytes, its package and the Jinja source of each tagged part."""
    data = _read_template(path)
    try:
        package = ooxml.read_package(data)
    except Exception as exc:  # zipfile, lxml and our own limits all mean the same to a user
        raise TemplateProblem(
            f"{path}: mallen går inte att läsa som .docx ({zipread.reason(exc)}). "
            "Spara om den i Word som .docx."
        ) from exc
    return (
        data,
        package,
        {name: source.jinja_source(package.parts[name]) for name in _tagged_parts(package)},
    )


def compile_template(path: Path, env: jinja2.Environment | None = None) -> Compiled:
    """Read a .docx template and compile its tagged parts; raise TemplateProblem."""
    data, package, sources = read_template(path)
    package = _with_custom_properties(package)
    env = env or environment()
    templates = {
        name: compile_part(env, text, f"{path}: {part_label(name)}")
        for name, text in sources.items()
    }
    return Compiled(
        name=path.name,
        package=package,
        templates=templates,
        sources=sources,
        properties=_compile_properties(path, package, env),
        grid_parts=frozenset(n for n in sources if source.changes_columns(package.parts[n])),
        styles=_styles(package),
        style_names=ooxml.style_ids(package.parts.get(STYLES, b"<w:styles/>")),
        first_free_num=_first_free_num(package),
        digest=hashlib.sha256(data).hexdigest(),
        members={name: ooxml.compress(name, blob) for name, blob in package.parts.items()},
    )


def compile_part(env: jinja2.Environment, text: str, where: str) -> jinja2.Template:
    """Return one part's compiled template, compiled under the render limits; raise TemplateProblem."""
    try:
        with _time_limit(RENDER_SECONDS):
            return env.from_string(text)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            f"{where}: fel i malltaggarna nära "
            f"\u201d{source.paragraph_text(text, exc.lineno)}\u201d: "
            f"{_syntax(exc.message)}. Rätta taggen i mallen."
        ) from exc
    except (RenderLimit, RecursionError, MemoryError) as exc:
        raise TemplateProblem(
            f"{where}: mallen kunde inte kompileras: {_limit(exc)}. Förenkla taggarna i mallen."
        ) from exc
    except Exception as exc:  # noqa: BLE001 - Jinja's compiler: any failure is the template's
        raise TemplateProblem(
            f"{where}: mallen kunde inte kompileras ({type(exc).__name__}). "
            "Förenkla taggarna i mallen."
        ) from exc


def _limit(exc: BaseException) -> str:
    """Return which limit stopped a template, in Swedish."""
    if isinstance(exc, RecursionError):
        return "taggarna är nästlade i för många nivåer"
    if isinstance(exc, MemoryError):
        return "minnet räckte inte"
    if isinstance(exc, OverflowError):
        return "ett tal blev för stort"
    return str(exc)


def _with_custom_properties(package: ooxml.Package) -> ooxml.Package:
    """Return the package with docProps/custom.xml declared, so renders can add it."""
    parts = dict(package.parts)
    types, rels = ooxml.ensure_custom_part(parts[CONTENT_TYPES], parts[ROOT_RELS])
    parts[CONTENT_TYPES], parts[ROOT_RELS] = types, rels
    return ooxml.Package(package.order, parts)


def _read_template(path: Path) -> bytes:
    """Return the template's bytes, refusing what is absurdly large."""
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise TemplateProblem(
                f"{path}: mallen är {size} byte, över gränsen {MAX_TEMPLATE_BYTES}. "
                "Ta bort stora bilder ur mallen."
            )
        return path.read_bytes()
    except OSError as exc:
        raise TemplateProblem(f"{path}: mallen kan inte läsas: {os_reason(exc)}.") from exc


def _tagged_parts(package: ooxml.Package) -> list[str]:
    """Return the names of the parts that hold template tags."""
    return [
        n for n in package.order if _RENDERED_PART.match(n) and source.has_tags(package.parts[n])
    ]


def _compile_properties(path: Path, package: ooxml.Package, env) -> dict[str, jinja2.Template]:
    """Return the compiled tagged core properties of the template."""
    core = package.parts.get(properties.CORE)
    if core is None:
        return {}
    try:
        return properties.compile_properties(env, core)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            f"{path}: dokumentegenskaperna: fel i malltaggarna: {exc.message}. "
            "Rätta taggen under Arkiv > Information > Egenskaper i Word."
        ) from exc
    except etree.XMLSyntaxError as exc:
        raise TemplateProblem(
            f"{path}: dokumentegenskaperna går inte att läsa ({exc}). Spara om mallen i Word."
        ) from exc


def _styles(package: ooxml.Package) -> markup.Styles:
    """Return the style ids and list numbering the generated paragraphs use."""
    styles_xml = package.parts.get(STYLES, b"<w:styles/>")
    ids = ooxml.style_ids(styles_xml)
    bullet = ids.get("List Bullet", "ListBullet")
    number = ids.get("List Number", "ListNumber")
    number_num = ooxml.style_num_id(styles_xml, number)
    abstract = None
    if number_num and NUMBERING in package.parts:
        abstract = ooxml.abstract_num_id(package.parts[NUMBERING], number_num)
    return markup.Styles(
        list_bullet=bullet,
        list_number=number,
        hyperlink=ids.get("Hyperlink"),
        bullet_num_id=ooxml.style_num_id(styles_xml, bullet),
        number_num_id=number_num,
        number_abstract_id=abstract,
    )


def _first_free_num(package: ooxml.Package) -> int:
    """Return the first numbering id not used by the template."""
    if NUMBERING not in package.parts:
        return 1000
    return max(ooxml.max_num_id(package.parts[NUMBERING]) + 1, 1000)


def render(
    compiled: Compiled,
    context: dict[str, Any],
    extra_parts: dict[str, bytes],
    is_draft: bool = False,
) -> bytes:
    """Return the .docx bytes of `compiled` rendered with `context`.

    `extra_parts` replace or add package parts (document properties). Parts
    that rendering does not change are copied as compressed at compile time.
    A draft says UTKAST on every page (`word.draft`).
    """
    state = markup.RenderState(compiled.styles, compiled.first_free_num)
    token = markup.CURRENT.set(state)
    try:
        changed = {
            name: _render_part(compiled, name, template, context)
            for name, template in compiled.templates.items()
        }
        if compiled.properties and properties.CORE not in extra_parts:
            changed[properties.CORE] = _render_properties(compiled, context)
    finally:
        markup.CURRENT.reset(token)
    if DOCUMENT in changed:
        changed[DOCUMENT] = ooxml.fill_toc(changed[DOCUMENT], compiled.style_names)
    changed = {name: hyphens.no_break_hyphens(xml) for name, xml in changed.items()}
    parts = compiled.package.parts
    if state.links:
        links = [(rid, url) for url, rid in state.links.items()]
        changed[DOCUMENT_RELS] = ooxml.add_hyperlinks(parts[DOCUMENT_RELS], links)
    if state.new_nums:
        changed[NUMBERING] = ooxml.add_restarting_nums(parts[NUMBERING], state.new_nums)
    changed[CUSTOM_PROPS] = ooxml.custom_properties({})
    if is_draft:
        changed.update(draft.mark({**parts, **changed}))
    changed.update(extra_parts)
    added = sorted(name for name in changed if name not in compiled.package.parts)
    names = ooxml.member_order([*compiled.package.order, *added])
    members = [
        ooxml.compress(name, changed[name]) if name in changed else compiled.members[name]
        for name in names
    ]
    return ooxml.write_zip(members)


class RenderLimit(Exception):
    """Rendering took too long or produced too much."""


class DocxtplObject(TypeError):
    """A value is one of docxtpl's Python objects, which iopdocs does not render."""


_DOCXTPL_OBJECTS = {
    "RichText": "skriv {{r x|md_inline }} med ärendefilens märkning (**fet**, *kursiv*, [länk](https://…))",
    "RichTextParagraph": "skriv {{p x|md }} med ärendefilens märkning",
    "Subdoc": "skriv {{p x|md }} med ärendefilens märkning",
    "Listing": "skriv {{ x }}: radbrytningar och tecken som < och & fungerar direkt",
    "InlineImage": "lägg bilden direkt i mallen; bilder kan inte komma ur data",
}


def _refuse_docxtpl_objects(value: Any) -> Any:
    """Return `value`, refusing docxtpl's objects: they carry raw XML past the escaping."""
    kind = type(value)
    if kind.__module__.partition(".")[0] == "docxtpl":
        instead = _DOCXTPL_OBJECTS.get(kind.__name__, "ge vanlig data: text, tal och listor")
        raise DocxtplObject(
            f"värdet är docxtpls Python-objekt {kind.__name__}, som iopdocs inte fyller i. "
            f"I stället: {instead}"
        )
    return value


def _generate(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render with a bound on output size and, in the main thread, on time."""
    chunks, size = [], 0
    with _time_limit(RENDER_SECONDS):
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise RenderLimit(f"resultatet blev större än {MAX_OUTPUT_CHARS} tecken")
            chunks.append(chunk)
    return "".join(chunks)


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise RenderLimit if the block runs longer than `seconds`: by a timer signal in the
    main thread, by the sandbox looking at the clock in other threads (`sandbox.tick`)."""
    if threading.current_thread() is not threading.main_thread():
        token = DEADLINE.set(time.monotonic() + seconds)
        try:
            yield
        except TooSlow as exc:
            raise RenderLimit(f"ifyllningen tog mer än {seconds:g} sekunder") from exc
        finally:
            DEADLINE.reset(token)
        return

    def expire(signum, frame):
        raise RenderLimit(f"ifyllningen tog mer än {seconds:g} sekunder")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def part_label(name: str) -> str:
    """Return how a message names a template part: 'sidhuvudet (word/header1.xml)'."""
    kind = re.sub(r"^word/|\d*\.xml$", "", name)
    label = _PART_LABELS.get(kind)
    return f"{label} ({name})" if label else name


_PART_LABELS = {
    "document": "brödtexten",
    "header": "sidhuvudet",
    "footer": "sidfoten",
    "footnotes": "fotnoterna",
    "endnotes": "slutnoterna",
}


def _render_part(compiled: Compiled, name: str, template: jinja2.Template, context) -> bytes:
    """Render one part, lay it out as docxtpl does, check that it is well-formed XML, and
    make its field controls run-level (`fieldmarks.inline_blocks`)."""
    where = f"{compiled.name}: {part_label(name)}"
    xml = _fill(where, compiled.sources[name], template, context)
    xml = source.unescape_braces(source.undo_paragraph_lines(xml))
    try:
        laid_out = layout.finish(xml, fit_grids=name in compiled.grid_parts)
    except etree.XMLSyntaxError as exc:
        raise TemplateProblem(f"{where}: {_invalid_xml(exc)}") from exc
    return fieldmarks.inline_blocks(laid_out)


def _render_properties(compiled: Compiled, context) -> bytes:
    """Return the template's core properties with their tags rendered."""
    core = compiled.package.parts[properties.CORE]

    def fill(template: jinja2.Template, context, label: str) -> str:
        where = f"{compiled.name}: dokumentegenskaperna ({label})"
        text = _fill(where, "", template, context)
        code = properties.unwritable(text)
        if code is not None:
            raise TemplateProblem(f"{where}: {_unwritable_char(code)}")
        return text

    return properties.render_properties(core, compiled.properties, fill, context)


def _fill(where: str, text: str, template: jinja2.Template, context) -> str:
    """Return the template's output; raise TemplateProblem naming the part and paragraph."""
    try:
        return _generate(template, context)
    except (RenderLimit, OverflowError, RecursionError, MemoryError) as exc:
        raise TemplateProblem(
            f"{_at(where, text, exc)}: mallen stoppades: {_limit(exc)}. "
            "Kontrollera looparna i mallen."
        ) from exc
    except TooLarge as exc:
        raise TemplateProblem(f"{_at(where, text, exc)}: mallen stoppades: {exc}.") from exc
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateProblem(
            f"{_at(where, text, exc)}: mallen försöker nå något som inte är tillåtet ({exc}). "
            "Mallar får bara använda ärendets fält och iopdocs filter."
        ) from exc
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(
            f"{_at(where, text, exc)}: mallen använder ett namn som inte finns: "
            f"{_undefined(exc.message)}. Kontrollera stavningen; 'iopdocs check-templates' "
            "visar de namn som ärendemallarna kan använda."
        ) from exc
    except DocxtplObject as exc:
        raise TemplateProblem(f"{_at(where, text, exc)}: {exc}.") from exc
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
        raise TemplateProblem(
            f"{_at(where, text, exc)}: mallen kunde inte fyllas i: {_said(exc)}."
        ) from exc
    except Exception as exc:  # noqa: BLE001 - a template's arithmetic (1/0, [][1]): its own error
        raise TemplateProblem(
            f"{_at(where, text, exc)}: mallen kunde inte fyllas i ({type(exc).__name__}). "
            "Kontrollera uträkningarna i mallen."
        ) from exc


def _syntax(message: str | None) -> str:
    """Return Jinja's message about a broken tag, an unknown filter in Swedish."""
    unknown = re.match(r"No (filter|test) named '(.+?)'", message or "")
    if unknown:
        kind = "filtret" if unknown.group(1) == "filter" else "testet"
        return f"{kind} '{unknown.group(2)}' finns inte i iopdocs (se docs/docxtpl.md)"
    return (message or "").rstrip(".")


def _said(exc: BaseException) -> str:
    """Return what an exception says, without a closing full stop."""
    return str(exc).rstrip(".")


def _undefined(message: str | None) -> str:
    """Return Jinja's message about an undefined name or attribute in Swedish."""
    name = re.fullmatch(r"'(.+)' is undefined", message or "")
    if name:
        return f"'{name.group(1)}'"
    field = re.fullmatch(r"'(.+?)'(?: object)? has no attribute '(.+)'", message or "")
    if field:
        return f"fältet '{field.group(2)}'"
    return message or ""


def _at(where: str, text: str, exc: BaseException) -> str:
    """Return `where` with the paragraph of the template line the error came from."""
    line = None
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    paragraph = source.paragraph_text(text, line)
    return f"{where}, stycket \u201d{paragraph}\u201d" if paragraph else where


def _invalid_xml(exc: etree.XMLSyntaxError) -> str:
    """Return what to say about a rendered part that is not XML."""
    found = re.search(r"invalid Char value (\d+)", str(exc))
    if found:
        return _unwritable_char(int(found.group(1)))
    return (
        f"mallen gav ogiltig XML ({exc}). "
        "Kontrollera att {%p %}- och {%tr %}-taggar står ensamma i sitt stycke eller sin rad."
    )


def _unwritable_char(code: int) -> str:
    """Return what to say about a value holding a character a Word document cannot hold."""
    return (
        f"ett värde innehåller tecknet U+{code:04X}, som inte kan stå i ett Word-dokument. "
        "Ta bort det ur datan."
    )
