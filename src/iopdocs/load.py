"""Read a case file as YAML, safely, keeping where every value stands.

Only plain data comes out: dicts with string keys, lists, strings and None.
Nothing is typed implicitly (`NO` stays "NO", `012` stays "012",
`2024-01-01` stays a string); the schema converts where it expects a date or
a number. Anchors, aliases and tags are refused instead of honoured, so an
alias bomb costs nothing and no Python object can be built from a file.

PyYAML's composer builds the node tree (on libyaml's parser when available);
the values are then built here from the nodes, with their positions.

The module is long mostly because of the last section, the Swedish wording
of YAML's syntax errors; everything a case officer can get wrong in YAML is
answered here, in one place.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from dataclasses import dataclass, field
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

from iopdocs.errors import CaseError, Problem

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Loaded", "format_path", "load_yaml", "load_yaml_text"]

MAX_BYTES = 2_000_000
MAX_DEPTH = 50
# A file full of control characters (say UTF-16 without a BOM) would
# otherwise bury the reader in thousands of identical problems.
MAX_CHARACTER_PROBLEMS = 20

YamlPath = tuple[str | int, ...]
Position = tuple[int, int]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOM = "\ufeff"
_BREAK = re.compile(r"\r\n|\r|\n")
# Anything but what both YAML and XML 1.0 can hold. NEL, LS and PS are refused
# too: YAML reads them as line breaks, editors do not, so line numbers would
# disagree (and the characters would not survive into the document anyway).
_FORBIDDEN = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def format_path(path: YamlPath) -> str:
    """Return path written as `a.b[2].c`, the way problems name a field."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


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


def load_yaml(path: Path, *, max_bytes: int = MAX_BYTES) -> Loaded:
    """Return the values and positions of the YAML case file at path."""
    file = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise CaseError([_too_large(file, size, max_bytes)])
        data = path.read_bytes()
    except OSError as error:
        raise CaseError([_unreadable(file, error)]) from error
    return load_yaml_text(data, file, max_bytes=max_bytes)


def load_yaml_text(text_or_bytes: str | bytes, file: str, *, max_bytes: int = MAX_BYTES) -> Loaded:
    """Return the values and positions of one YAML case file given as text or bytes."""
    size = _byte_size(text_or_bytes)
    if size > max_bytes:
        raise CaseError([_too_large(file, size, max_bytes)])
    text = _decode(text_or_bytes, file).removeprefix(_BOM)
    problems = _character_problems(text, file)
    if problems:
        raise CaseError(_with_fields(problems, text, file))
    root, extra_document, refused = _compose(text, file)
    builder = _Builder(file, refused)
    data = None if root is None else builder.build(root, ())
    problems = builder.problems + _shape_problems(root, extra_document, file)
    if problems:
        raise CaseError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
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
        raise CaseError([_not_utf8(text_or_bytes, error, file)]) from error


def _line_column(text: str, offset: int) -> Position:
    """Return the 1-based line and column of the character at offset."""
    before = text[:offset]
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return len(_BREAK.findall(before)) + 1, offset - line_start + 1


def _not_utf8(data: bytes, error: UnicodeDecodeError, file: str) -> Problem:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        message = (
            "Filen är sparad som UTF-16 (”Unicode”). "
            "Spara om den med teckenkodningen UTF-8 och försök igen."
        )
        return Problem(file, 1, 1, "", message, "Y005")
    # Everything before the first bad byte is valid UTF-8 by definition.
    before = data[: error.start].decode("utf-8").removeprefix(_BOM)
    line, column = _line_column(before, len(before))
    message = (
        "Filen är inte sparad som UTF-8: tecknet här kan inte läsas. "
        "Spara om filen med teckenkodningen UTF-8 (i Anteckningar: Spara som, "
        "Kodning: UTF-8) och kontrollera sedan å, ä och ö."
    )
    return Problem(file, line, column, "", message, "Y005")


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
        where = (problem.line or 0, problem.column or 0)
        before = [path for pos, path in starts if pos <= where]
        field = format_path(before[-1]) if before and problem.line else ""
        located.append(dataclasses.replace(problem, field=field))
    return located


def _character_problems(text: str, file: str) -> list[Problem]:
    found = list(_FORBIDDEN.finditer(text))
    problems = [_bad_character(text, m.start(), file) for m in found[:MAX_CHARACTER_PROBLEMS]]
    if len(found) > MAX_CHARACTER_PROBLEMS:
        more = len(found) - MAX_CHARACTER_PROBLEMS
        message = f"Ytterligare {more} sådana tecken finns i filen. Ta bort dem också."
        problems.append(Problem(file, None, None, "", message, "Y006"))
    return problems


def _bad_character(text: str, offset: int, file: str) -> Problem:
    line, column = _line_column(text, offset)
    message = (
        f"Här står ett osynligt styrtecken (U+{ord(text[offset]):04X}) som inte får "
        "finnas i en ärendefil. Ta bort det. Sådana tecken följer ofta med när text "
        "klistras in från Word, e-post eller en PDF."
    )
    return Problem(file, line, column, "", message, "Y006")


def _reader_offset(text: str, error: ReaderError, counts_bytes: bool) -> int:
    """Return the character offset of the character a ReaderError names."""
    if counts_bytes:
        prefix = text.encode("utf-8")[: error.position]
        return len(prefix.decode("utf-8", "ignore"))
    return error.position


def _too_large(file: str, size: int, max_bytes: int) -> Problem:
    message = (
        f"Filen är för stor ({_size_text(size)}); en ärendefil får vara högst "
        f"{_size_text(max_bytes)}. Kontrollera att det är rätt fil. Bilagor och "
        "långa texter ska inte klistras in i ärendefilen."
    )
    return Problem(file, None, None, "", message, "Y004")


def _size_text(size: int) -> str:
    if size >= 1_000_000:
        number, unit = size / 1_000_000, "MB"
    elif size >= 1000:
        number, unit = size / 1000, "kB"
    else:
        return f"{size} byte"
    return f"{number:.1f}".removesuffix(".0").replace(".", ",") + f" {unit}"


def read_bytes(path: Path) -> bytes:
    """Return a file's bytes; raise CaseError (Y012) when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CaseError([_unreadable(str(path), exc)]) from None


def _unreadable(file: str, error: OSError) -> Problem:
    if isinstance(error, FileNotFoundError):
        message = "Filen finns inte. Kontrollera filnamnet och mappen."
    elif isinstance(error, IsADirectoryError):
        message = "Det här är en mapp, inte en fil. Ange ärendefilen i mappen."
    elif isinstance(error, PermissionError):
        message = "Du saknar behörighet att läsa filen. Kontrollera att den inte är låst."
    else:
        message = f"Filen kan inte läsas ({error.strerror or error}). Försök igen."
    return Problem(file, None, None, "", message, "Y012")


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
            extra = _position(composer.peek_event())
    except MarkedYAMLError as error:
        raise CaseError([_syntax_problem(error, text, file)]) from error
    except ReaderError as error:
        offset = _reader_offset(text, error, _COMPOSER.counts_bytes)
        raise CaseError([_bad_character(text, offset, file)]) from error
    except _DepthError as error:
        raise CaseError([_too_deep(error, file)]) from error
    return root, extra, composer.refused


def _position(node_or_event: Node | Event) -> Position:
    mark = node_or_event.start_mark
    return mark.line + 1, mark.column + 1


def _too_deep(error: _DepthError, file: str) -> Problem:
    message = (
        f"Här är filen nästlad i mer än {MAX_DEPTH} nivåer (indrag, listor eller "
        "parenteser inuti varandra). En ärendefil behöver inte så många; "
        "kontrollera indraget och parenteserna."
    )
    return Problem(file, error.mark.line + 1, error.mark.column + 1, "", message, "Y011")


# --- building values ---------------------------------------------------------


class _Builder:
    """Turn a node tree into dicts, lists, strings and None, noting positions and problems."""

    def __init__(self, file: str, refused: dict[int, list[tuple[str, str]]]) -> None:
        self.file = file
        self.refused = refused
        self.problems: list[Problem] = []
        self.positions: dict[YamlPath, Position] = {}
        self.key_positions: dict[YamlPath, Position] = {}

    def build(self, node: Node, path: YamlPath) -> Any:
        """Return the value of node at path."""
        self.positions[path] = _position(node)
        self._report_refused(node, path)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return _scalar_value(node)

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
            self.key_positions[entry] = _position(key_node)
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
            message, code = _refusal_message(kind, name)
            self._add(node, path, message, code)
        return bool(refused)

    def _add(self, node: Node, path: YamlPath, message: str, code: str) -> None:
        line, column = _position(node)
        self.problems.append(Problem(self.file, line, column, format_path(path), message, code))


def _scalar_value(node: Node) -> str | None:
    # Plain style is None in PyYAML and "" in libyaml.
    if not node.style and node.value in _NULLS:
        return None
    return node.value


def _refusal_message(kind: str, name: str) -> tuple[str, str]:
    if kind == "alias":
        return (
            f"Hänvisningar (*{name}) är inte tillåtna i en ärendefil. Skriv ut värdet "
            "här i stället. Ska texten börja med *, sätt den inom citattecken.",
            "Y003",
        )
    if kind == "anchor":
        return (
            f"Ankare (&{name}) är inte tillåtna i en ärendefil. Ta bort &{name} och "
            "skriv ut värdet på varje ställe där det behövs.",
            "Y003",
        )
    shown = name.replace("tag:yaml.org,2002:", "!!")
    return (
        f"Typmarkeringar som {shown} är inte tillåtna. Ta bort {shown} och skriv bara "
        "värdet. Ska texten börja med !, sätt den inom citattecken.",
        "Y009",
    )


def _shape_problems(root: Node | None, extra: Position | None, file: str) -> list[Problem]:
    problems = []
    if root is None:
        message = "Filen är tom. Den ska innehålla ärendets uppgifter, en 'nyckel: värde' per rad."
        problems.append(Problem(file, None, None, "", message, "Y007"))
    elif not isinstance(root, MappingNode):
        what = "en lista" if isinstance(root, SequenceNode) else "en ensam text"
        message = (
            f"Filen börjar med {what}, men ska bestå av rader 'nyckel: värde' som "
            "börjar längst till vänster."
        )
        problems.append(Problem(file, *_position(root), "", message, "Y007"))
    if extra is not None:
        message = (
            "Här börjar ett andra dokument (efter '---' eller '...'). En ärendefil ska "
            "bara innehålla ett ärende: ta bort raden med '---' eller '...', eller flytta "
            "resten till en egen fil."
        )
        problems.append(Problem(file, *extra, "", message, "Y010"))
    return problems


# --- syntax errors -------------------------------------------------------------

# (words in PyYAML's or libyaml's context and problem, Swedish message), first
# match wins. {start} is the line where the broken construct began.
_SYNTAX_RULES: tuple[tuple[str, str], ...] = (
    (
        "escape character",
        "Ett omvänt snedstreck (\\) inom dubbla citattecken måste skrivas \\\\. "
        "Enklast är att använda enkla citattecken ('...') runt texten.",
    ),
    (
        "quoted scalar",
        "Citattecknet som börjar på rad {start} avslutas inte. Lägg till det "
        "avslutande citattecknet, eller ta bort det inledande.",
    ),
    (
        "could not find expected ':'",
        "Kolon saknas: rad {start} ska vara 'nyckel: värde'. Fortsätter raden texten "
        "ovanför? Dra då in den som texten, eller använd | för text på flera rader.",
    ),
    (
        "document start",
        "Efter en rad med '...' får inget mer stå i filen. Ta bort raden med '...', "
        "eller flytta det som följer till en egen fil.",
    ),
    (
        "sequence entries are not allowed",
        "Ett listtecken (-) kan inte stå här. Börja listan på en ny rad under nyckeln, "
        "eller sätt värdet inom citattecken om strecket hör till texten.",
    ),
    (
        "tab character",
        "Tabbtecken får inte användas för indrag. Använd mellanslag.",
    ),
    (
        "scanning an alias",
        'Ett värde som börjar med * måste stå inom citattecken, till exempel "*viktigt*".',
    ),
    (
        "scanning an anchor",
        'Ett värde som börjar med & måste stå inom citattecken, till exempel "& co".',
    ),
    (
        "block scalar",
        "Efter | eller > får inget mer stå på raden. Texten börjar på nästa rad, indragen.",
    ),
    (
        "flow sequence",
        "Hakparentesen [ på rad {start} stängs inte med ]. Lägg till ], eller sätt "
        "värdet inom citattecken om hakparentesen hör till texten.",
    ),
    (
        "flow mapping",
        "Klammerparentesen {{ på rad {start} stängs inte med }}. Lägg till }}, eller "
        "sätt värdet inom citattecken om parentesen hör till texten.",
    ),
    (
        "tag",
        "Ett värde som börjar med ! måste stå inom citattecken.",
    ),
    (
        "directive",
        "Ett värde som börjar med % måste stå inom citattecken.",
    ),
    (
        "node content",
        "Här saknas ett värde, eller så börjar värdet med ett tecken som kräver "
        "citattecken runt texten.",
    ),
    (
        "block",
        "Fel indrag: raden passar inte in under raderna ovanför. Rader på samma nivå "
        "ska börja i samma kolumn, och text som börjar med citattecken ska också "
        "sluta med det.",
    ),
)


def _syntax_problem(error: MarkedYAMLError, text: str, file: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return Problem(file, line, column, "", _explain(error, text), "Y001")


def _explain(error: MarkedYAMLError, text: str) -> str:
    """Return the gist of a PyYAML syntax error in Swedish, with what to do."""
    said = f"{error.context or ''} {error.problem or ''}".lower()
    start_mark = error.context_mark or error.problem_mark
    start = start_mark.line + 1 if start_mark else "?"
    if "mapping values are not allowed" in said:
        return _explain_colon(error, text)
    if "cannot start any token" in said:
        return _explain_character(error, text)
    for words, message in _SYNTAX_RULES:
        if words in said:
            return message.format(start=start)
    return (
        f"Filen kan inte läsas här (”{error.problem}”). Kontrollera indraget, att "
        "varje nyckel följs av kolon och att citattecken avslutas."
    )


def _explain_colon(error: MarkedYAMLError, text: str) -> str:
    mark = error.problem_mark
    before = _BREAK.split(text)[mark.line][: mark.column]
    if ":" in before:
        return (
            "Ett kolon följt av mellanslag inne i ett värde. Sätt hela värdet inom "
            'citattecken, till exempel: namn: "Förening: Hopp".'
        )
    return (
        "Fel indrag: raden är indragen under en rad som redan har ett värde. Ta bort "
        "mellanslagen i början av raden så att den börjar i samma kolumn som raden "
        "ovanför, eller ge raden ovanför inget värde efter kolonet."
    )


def _explain_character(error: MarkedYAMLError, text: str) -> str:
    mark = error.problem_mark
    char = _BREAK.split(text)[mark.line][mark.column : mark.column + 1]
    if char == "\t":
        return "Tabbtecken får inte användas för indrag. Använd mellanslag."
    return f"Ett värde kan inte börja med tecknet {char}. Sätt hela värdet inom citattecken."
