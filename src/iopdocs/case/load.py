"""Read a case file as YAML, safely, keeping where every value stands.

Only plain data comes out: dicts with string keys, lists, strings and None.
Nothing is typed implicitly (`NO` stays "NO", `012` stays "012",
`2024-01-01` stays a string); the schema converts where it expects a date or
a number. Anchors, aliases and tags are refused instead of honoured, so an
alias bomb costs nothing and no Python object can be built from a file.
A data file for trying a template (`typed=True`) has no schema: there plain
scalars are read as JSON reads them (`true`, `12`, `1.5`) and ISO dates as
dates; quoted ones stay text.

PyYAML's composer builds the node tree (on libyaml's parser when available);
the values are then built here from the nodes, with their positions.

What a case officer can get wrong in YAML is said in Swedish in
`yamlproblems`; this module finds it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from yaml import MarkedYAMLError
from yaml.composer import Composer
from yaml.events import AliasEvent, CollectionStartEvent, Event, StreamEndEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader, ReaderError
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from iopdocs.case import yamlproblems as say
from iopdocs.case.yamlpath import Position, YamlPath, format_path
from iopdocs.case.yamlproblems import BOM, MAX_DEPTH, MAX_ITEMS, start_of
from iopdocs.errors import CaseError, Problem, in_file_order

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

MAX_BYTES = 2_000_000
# A file full of control characters (say UTF-16 without a BOM) would
# otherwise bury the reader in thousands of identical problems.
MAX_CHARACTER_PROBLEMS = 20

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# Anything but what both YAML and XML 1.0 can hold: control characters but tab
# and line breaks, C1 controls, surrogates, U+FFFE and U+FFFF. NEL, LS and PS are
# refused too: YAML reads them as line breaks, editors do not, so line numbers
# would disagree (and the characters would not survive into the document anyway).
# Written as the characters refused, not as the complement of those allowed:
# compiling the complement's large ranges cost 10 ms at every start.
# Bidirectional controls can make a text read differently from what it is; a BOM
# belongs only at the very start (where it is removed before this check).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
    f"{say.BIDI_CONTROLS}{BOM}]"
)


@dataclass
class Loaded:
    """The values of one case file and where each of them stands."""

    file: str
    data: Any
    positions: dict[YamlPath, Position] = field(default_factory=dict)
    key_positions: dict[YamlPath, Position] = field(default_factory=dict)

    def position(self, path: YamlPath) -> tuple[int | None, int | None]:
        """Return the position of path, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
        return None, None


def load_yaml(path: Path, *, max_bytes: int = MAX_BYTES, typed: bool = False) -> Loaded:
    """Return the values and positions of the YAML case file at path."""
    file = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise CaseError([say.too_large(file, size, max_bytes)])
        data = path.read_bytes()
    except OSError as error:
        raise CaseError([say.unreadable(file, error)]) from error
    return load_yaml_text(data, file, max_bytes=max_bytes, typed=typed)


def load_yaml_text(
    text_or_bytes: str | bytes, file: str, *, max_bytes: int = MAX_BYTES, typed: bool = False
) -> Loaded:
    """Return the values and positions of one YAML case file given as text or bytes."""
    size = _byte_size(text_or_bytes)
    if size > max_bytes:
        raise CaseError([say.too_large(file, size, max_bytes)])
    text = _decode(text_or_bytes, file).removeprefix(BOM)
    problems = _character_problems(text, file)
    if problems:
        raise CaseError(_with_fields(problems, text, file))
    root, extra_document, refused = _compose(text, file)
    builder = _Builder(file, refused, typed)
    data = None if root is None else builder.build(root, ())
    problems = builder.problems + say.shape_problems(root, extra_document, file)
    if problems:
        raise CaseError(in_file_order(problems))
    return Loaded(file, data, builder.positions, builder.key_positions)


# --- bytes and characters ---------------------------------------------------


def _byte_size(text_or_bytes: str | bytes) -> int:
    if isinstance(text_or_bytes, bytes):
        return len(text_or_bytes)
    return len(text_or_bytes.encode("utf-8", "surrogatepass"))


def _decode(text_or_bytes: str | bytes, file: str) -> str:
    if isinstance(text_or_bytes, str):
        return text_or_bytes
    try:
        return text_or_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CaseError([say.not_utf8(text_or_bytes, error, file)]) from error


def _with_fields(problems: list[Problem], text: str, file: str) -> list[Problem]:
    """Return character problems with the field each stands in, where the rest can be read.

    The file is read once more with the bad characters blanked out; each
    problem gets the path of the last value that starts before it.
    """
    try:
        loaded = load_yaml_text(_FORBIDDEN.sub(" ", text), file)
    except CaseError:
        return problems
    starts = sorted((pos, path) for path, pos in loaded.positions.items() if path)
    located = []
    for problem in problems:
        where = problem.place
        before = [path for pos, path in starts if pos <= where]
        field = format_path(before[-1]) if before and problem.line else ""
        located.append(dataclasses.replace(problem, field=field))
    return located


def _character_problems(text: str, file: str) -> list[Problem]:
    found = list(_FORBIDDEN.finditer(text))
    problems = [say.bad_character(text, m.start(), file) for m in found[:MAX_CHARACTER_PROBLEMS]]
    if len(found) > MAX_CHARACTER_PROBLEMS:
        more = len(found) - MAX_CHARACTER_PROBLEMS
        message = f"Ytterligare {more} sådana tecken finns i filen. Ta bort dem också."
        problems.append(Problem(file, None, None, "", message, "Y006"))
    return problems


def _reader_offset(text: str, error: ReaderError, counts_bytes: bool) -> int:
    """Return the character offset of the character a ReaderError names."""
    if counts_bytes:
        prefix = text.encode("utf-8")[: error.position]
        return len(prefix.decode("utf-8", "ignore"))
    return error.position


def read_bytes(path: Path) -> bytes:
    """Return a file's bytes; raise CaseError (Y012) when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CaseError([say.unreadable(str(path), exc)]) from None


# --- composing nodes ---------------------------------------------------------


class _DepthError(Exception):
    def __init__(self, event: Event) -> None:
        super().__init__("too deep")
        self.mark = event.start_mark


class _RefusingComposer(Composer, BaseResolver):
    """PyYAML's composer, noting anchors, aliases and tags instead of honouring them.

    Refused properties are kept by node id, so the builder can report them
    with the path of the node. An alias becomes an empty placeholder node:
    nothing is ever expanded.
    """

    # Where a ReaderError points: libyaml counts UTF-8 bytes, PyYAML characters.
    counts_bytes = False

    def _start(self) -> None:
        Composer.__init__(self)
        BaseResolver.__init__(self)  # no implicit resolvers: every scalar is a str
        self.refused: dict[int, list[tuple[str, str]]] = {}
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            event = self.get_event()
            node = ScalarNode(self.DEFAULT_SCALAR_TAG, "", event.start_mark, event.end_mark)
            self.refused[id(node)] = [("alias", event.anchor)]
            return node
        event = self.peek_event()
        refused = _take_properties(event)
        nested = isinstance(event, CollectionStartEvent)
        if nested:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise _DepthError(event)
        try:
            node = super().compose_node(parent, index)
        finally:
            if nested:
                self.depth -= 1
        if refused:
            self.refused[id(node)] = refused
        return node


def _take_properties(event: Event) -> list[tuple[str, str]]:
    """Remove anchor and tag from event and return them as refusals."""
    refused = []
    if event.anchor is not None:
        refused.append(("anchor", event.anchor))
        event.anchor = None
    if event.tag is not None:
        refused.append(("tag", event.tag))
        event.tag = None
    return refused


class _PyComposer(_RefusingComposer, Parser, Scanner, Reader):
    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        self._start()


if CParser is not None:

    class _CComposer(_RefusingComposer, CParser):
        counts_bytes = True

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            self._start()

    _COMPOSER: type[_RefusingComposer] = _CComposer
else:
    _COMPOSER = _PyComposer


def _compose(text: str, file: str) -> tuple[Node | None, Position | None, dict]:
    """Return the root node, the position of a second document if any, and refusals."""
    try:
        composer = _COMPOSER(text)
        composer.get_event()  # stream start
        root = None
        if not composer.check_event(StreamEndEvent):
            root = composer.compose_document()
        extra = None
        if not composer.check_event(StreamEndEvent):
            extra = start_of(composer.peek_event())
    except MarkedYAMLError as error:
        raise CaseError([say.syntax_problem(error, text, file)]) from error
    except ReaderError as error:
        offset = _reader_offset(text, error, _COMPOSER.counts_bytes)
        raise CaseError([say.bad_character(text, offset, file)]) from error
    except _DepthError as error:
        raise CaseError([say.too_deep(error.mark, file)]) from error
    return root, extra, composer.refused


# --- building values ---------------------------------------------------------


class _Builder:
    """Turn a node tree into dicts, lists, strings and None, noting positions and problems."""

    def __init__(self, file: str, refused: dict[int, list[tuple[str, str]]], typed: bool) -> None:
        self.file = file
        self.refused = refused
        self.typed = typed
        self.problems: list[Problem] = []
        self.positions: dict[YamlPath, Position] = {}
        self.key_positions: dict[YamlPath, Position] = {}

    def build(self, node: Node, path: YamlPath) -> Any:
        """Return the value of node at path."""
        self.positions[path] = start_of(node)
        self._report_refused(node, path)
        if isinstance(node, MappingNode | SequenceNode) and len(node.value) > MAX_ITEMS:
            self.problems.append(say.too_many(node, format_path(path), len(node.value), self.file))
            return {} if isinstance(node, MappingNode) else []
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        value = _scalar_value(node)
        if self.typed and value is not None and not node.style:
            return _typed(value)
        return value

    def _mapping(self, node: MappingNode, path: YamlPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            if key is None:
                continue
            entry = (*path, key)
            if key in result:
                first_line = self.key_positions[entry][0]
                message = f"Nyckeln '{key}' finns redan på rad {first_line}. Ta bort den ena."
                self._add(key_node, entry, message, "Y002")
                continue
            self.key_positions[entry] = start_of(key_node)
            result[key] = self.build(value_node, entry)
        return result

    def _key(self, node: Node, path: YamlPath) -> str | None:
        if self._report_refused(node, path):
            return None
        if isinstance(node, ScalarNode) and _scalar_value(node) is not None:
            return node.value
        if isinstance(node, ScalarNode):
            message = (
                "Nyckeln är tom (eller skriven som ~ eller null). Skriv ett namn före "
                "kolonet: 'nyckel: värde'."
            )
        else:
            message = (
                "En nyckel måste vara ett ord eller en text, inte en lista eller ett "
                "avsnitt. Skriv raden som 'nyckel: värde'."
            )
        self._add(node, path, message, "Y008")
        return None

    def _report_refused(self, node: Node, path: YamlPath) -> bool:
        refused = self.refused.get(id(node), [])
        for kind, name in refused:
            message, code = say.refusal(kind, name)
            self._add(node, path, message, code)
        return bool(refused)

    def _add(self, node: Node, path: YamlPath, message: str, code: str) -> None:
        line, column = start_of(node)
        self.problems.append(Problem(self.file, line, column, format_path(path), message, code))


def _scalar_value(node: Node) -> str | None:
    # Plain style is None in PyYAML and "" in libyaml.
    if not node.style and node.value in _NULLS:
        return None
    return node.value


_BOOLEANS = {word: word[0] in "tT" for word in ("true", "True", "TRUE", "false", "False", "FALSE")}
_INTEGER = re.compile(r"[-+]?[0-9]{1,18}")
_DECIMAL = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]{1,18}(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]{1,3})?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _typed(text: str) -> Any:
    """Return a plain scalar as JSON reads it: a truth value or a number; an ISO date as a date."""
    if text in _BOOLEANS:
        return _BOOLEANS[text]
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text) and len(text) <= 40:
        return float(text)
    if _ISO_DATE.fullmatch(text):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(text)
    return text
