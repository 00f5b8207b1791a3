"""Check templates against the case model before any case is rendered.

Every name, attribute and filter a template uses is resolved against the
types the template context holds (the pydantic models and the derived
dataclasses). An unknown one is reported with the template, the visible
text of the paragraph around it, and the nearest known name.

`check_marks` reports, separately, the outputs that no content control
tagged with a field's path holds (`fieldmarks`), and tags that name no
field: edits made there in Word cannot be taken back with `iopdocs hamta`.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from pydantic import BaseModel

from iopdocs.case.agenda import Meeting
from iopdocs.case.derive import Derived
from iopdocs.case.model import Case
from iopdocs.case.settings import Settings
from iopdocs.errors import TemplateProblem
from iopdocs.word import fieldmarks, ooxml, render, sandbox

ANY = object()  # a value whose attributes are not checked (dicts, loop, plain values)
CONTEXT: dict[str, Any] = {
    "case": Case,
    "org": Settings,
    "d": Derived,
    "doc": ANY,
    "moete": Meeting,
}


@dataclass(frozen=True)
class Finding:
    """One unknown name in a template."""

    template: str
    part: str
    name: str
    text: str
    suggestion: str | None

    def __str__(self) -> str:
        hint = f" Menade du '{self.suggestion}'?" if self.suggestion else ""
        return (
            f"{self.template}: {self.part}: okänt namn '{self.name}' i stycket "
            f"\u201d{self.text}\u201d.{hint}"
        )


def check_folder(folder: Path) -> list[Finding]:
    """Return the findings of every .docx template in `folder`."""
    findings: list[Finding] = []
    for path in sorted(folder.glob("*.docx")):
        findings.extend(check_template(path))
    return findings


@dataclass(frozen=True)
class Mark:
    """An output without a field's content control, or a control whose tag names no field."""

    template: str
    part: str
    expression: str
    text: str
    tag: str | None = None

    def __str__(self) -> str:
        where = f"{self.template}: {self.part}"
        if self.tag is not None:
            return (
                f"{where}: fältmarkeringen '{self.tag}' pekar inte på något fält. "
                "Skriv fältets sökväg som i mallens taggar, till exempel case.arende."
            )
        return (
            f"{where}: {self.expression} i stycket ”{self.text}” står inte i ett "
            "innehållskontrollfält med fältets sökväg som tagg; ändringar som görs där i Word "
            "kan inte hämtas tillbaka med iopdocs hamta."
        )


def marks_in_folder(folder: Path) -> list[Mark]:
    """Return the unwrapped outputs and wrong tags of every .docx template in `folder`."""
    marks: list[Mark] = []
    for path in sorted(folder.glob("*.docx")):
        marks.extend(check_marks(path))
    return marks


def check_marks(path: Path) -> list[Mark]:
    """Return one template's outputs that no field's content control holds, and wrong tags."""
    _, package, sources = render.read_template(path)
    marks: list[Mark] = []
    for part in sources:
        root = ooxml.parse(package.parts[part])
        label = render.part_label(part)
        for found in fieldmarks.unwrapped_outputs(root):
            marks.append(Mark(path.name, label, found.expression, found.paragraph))
        for tag in dict.fromkeys(fieldmarks.tags_of(root)):
            if not _names_a_field(tag):
                marks.append(Mark(path.name, label, "", "", tag))
    return marks


def _names_a_field(tag: str) -> bool:
    """Return whether a tag is the path of a field of the template context."""
    field = fieldmarks.parse_path(re.sub(r"\{\{.*?\}\}", "0", tag))
    if field is None:
        return False
    owner = CONTEXT[field.root]
    for step in field.steps:
        if isinstance(step, int) or owner is ANY:
            owner = element_type(owner) if owner is not ANY else ANY
            continue
        owner = attribute_type(owner, step)
        if owner is None:
            return False
    return True


def check_template(path: Path) -> list[Finding]:
    """Return the unknown names and filters of one template; raise TemplateProblem if unreadable."""
    _, _, sources = render.read_template(path)
    env = render.environment()
    findings: list[Finding] = []
    for part, source in sources.items():
        where = f"{path}: {render.part_label(part)}"
        _compiles(env, source, where)
        tree = env.parse(source)
        for problem in sandbox.constant_problems(tree):
            raise TemplateProblem(f"{where}: mallen skulle stoppas: {problem}. Rätta taggen.")
        _Checker(path.name, part, source, env, findings).visit(tree, dict(CONTEXT))
    return findings


def _compiles(env: jinja2.Environment, source: str, where: str) -> None:
    """Compile a part as the build does and raise what it would; unknown filters and tests
    are left to the checker, which names them with a suggestion."""
    try:
        render.compile_part(env, source, where)
    except TemplateProblem as exc:
        cause = exc.__cause__
        unknown = isinstance(cause, jinja2.TemplateAssertionError) and re.match(
            r"No (filter|test) named", cause.message or ""
        )
        if not unknown:
            raise


class _Checker:
    """Walks one part's Jinja syntax tree with the types of the names in scope."""

    def __init__(self, template: str, part: str, source: str, env: jinja2.Environment, out):
        self.template, self.part, self.env, self.out = template, part, env, out
        self.lines = source.splitlines()

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        """Check `node` and its children under `scope`."""
        if isinstance(node, nodes.For):
            self._visit_for(node, scope)
        elif isinstance(node, nodes.Assign):
            self.visit(node.node, scope)
            for name in [node.target, *node.target.find_all(nodes.Name)]:
                if isinstance(name, nodes.Name):
                    scope[name.name] = ANY
        elif isinstance(node, nodes.Name) and node.ctx == "load":
            if node.name not in scope:
                self._report(node, node.name, list(scope))
        elif isinstance(node, nodes.Getattr):
            self._visit_getattr(node, scope)
        elif isinstance(node, nodes.Filter | nodes.Test):
            self._visit_filter(node, scope)
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)

    def _visit_for(self, node: nodes.For, scope: dict[str, Any]) -> None:
        """Check a loop: its items take the element type of what it loops over."""
        self.visit(node.iter, scope)
        inner = dict(scope, loop=ANY)
        if isinstance(node.target, nodes.Name):
            inner[node.target.name] = element_type(self.type_of(node.iter, scope))
        for name in node.target.find_all(nodes.Name):
            inner[name.name] = ANY
        for child in [*node.body, *(node.test and [node.test] or [])]:
            self.visit(child, inner)
        for child in node.else_:
            self.visit(child, scope)

    def _visit_getattr(self, node: nodes.Getattr, scope: dict[str, Any]) -> None:
        """Check an attribute against the type of the value it is read from."""
        self.visit(node.node, scope)
        owner = self.type_of(node.node, scope)
        if owner is not None and attribute_type(owner, node.attr) is None:
            self._report(node, f"{_dotted(node.node)}.{node.attr}", known_attributes(owner))

    def _visit_filter(self, node, scope: dict[str, Any]) -> None:
        """Check a filter or test name, then its operand and arguments."""
        known = self.env.filters if isinstance(node, nodes.Filter) else self.env.tests
        if node.name not in known:
            self._report(node, f"|{node.name}", list(known))
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def type_of(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        """Return the type of an expression; None when it cannot be known because of an error."""
        if isinstance(node, nodes.Name):
            return scope.get(node.name)
        if isinstance(node, nodes.Getattr):
            owner = self.type_of(node.node, scope)
            return None if owner is None else attribute_type(owner, node.attr)
        return ANY

    def _report(self, node: nodes.Node, name: str, known: list[str]) -> None:
        """Record an unknown name with its paragraph's text and the nearest known name."""
        last = name.rsplit(".", 1)[-1].lstrip("|")
        close = difflib.get_close_matches(last, [k for k in known if not k.startswith("_")], 1, 0.5)
        self.out.append(
            Finding(self.template, self.part, name, self._text(node.lineno), (close or [None])[0])
        )

    def _text(self, lineno: int) -> str:
        """Return the visible text of the template line `lineno`."""
        line = self.lines[lineno - 1] if 0 < lineno <= len(self.lines) else ""
        return re.sub(r"<[^>]+>", "", line).strip()[:160]


def _dotted(node: nodes.Node) -> str:
    """Return `a.b.c` for a chain of names and attributes."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    return "…"


def attribute_type(owner: Any, name: str) -> Any:
    """Return the type of `owner.name`: ANY when unchecked, None when unknown."""
    owner = _unwrap(owner)
    if owner is ANY or not isinstance(owner, type):
        return ANY
    if issubclass(owner, BaseModel):
        if name in owner.model_fields:
            return owner.model_fields[name].annotation
        return _member_type(owner, name)
    if dataclasses.is_dataclass(owner):
        hints = typing.get_type_hints(owner)
        return hints[name] if name in hints else _member_type(owner, name)
    if issubclass(owner, enum.Enum):
        return ANY if name in ("value", "name") else None
    return ANY if hasattr(owner, name) else None


def _member_type(owner: type, name: str) -> Any:
    """Return the type of a property or method, or None when there is none."""
    member = getattr(owner, name, None)
    if isinstance(member, property):
        return typing.get_type_hints(member.fget).get("return", ANY)
    return ANY if callable(member) else None


def known_attributes(owner: Any) -> list[str]:
    """Return the attribute names a type offers, for suggestions."""
    owner = _unwrap(owner)
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        return list(owner.model_fields)
    if isinstance(owner, type) and dataclasses.is_dataclass(owner):
        return [f.name for f in dataclasses.fields(owner)]
    return [n for n in dir(owner) if not n.startswith("_")]


def element_type(container: Any) -> Any:
    """Return the type of the items of a list or tuple type, or the values of a dict type."""
    container = _unwrap(container)
    args = typing.get_args(container)
    if typing.get_origin(container) in (list, tuple) and args:
        return _unwrap(args[0])
    if typing.get_origin(container) is dict and len(args) == 2:
        return _unwrap(args[1])
    return ANY


def _unwrap(annotation: Any) -> Any:
    """Return `X` for `X | None`, `Optional[X]` and `Annotated[X, ...]`."""
    if annotation is None or annotation is ANY:
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(rest[0]) if len(rest) == 1 else ANY
    return annotation
