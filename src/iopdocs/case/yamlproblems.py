"""The problems of reading a case file (Y001-Y012), said in Swedish with what to do.

Everything a case officer can get wrong in YAML is answered here, in one
place: the encoding, stray control characters, the file's shape, the size,
and the syntax errors PyYAML and libyaml report, translated from their
wording into what to change in the file.
"""

from __future__ import annotations

import codecs
import re

from yaml import MarkedYAMLError
from yaml.error import Mark
from yaml.events import Event
from yaml.nodes import MappingNode, Node, SequenceNode

from iopdocs.case.yamlpath import LINE_BREAK, Position, line_column
from iopdocs.errors import Problem, os_reason

MAX_DEPTH = 50
# Entries of one list or mapping: a case has a handful of parties, rows and points;
# a file of a hundred thousand makes every later check slow for nothing.
MAX_ITEMS = 1000
BOM = "\ufeff"


def start_of(node_or_event: Node | Event) -> Position:
    """Return the 1-based line and column where a node or event starts."""
    mark = node_or_event.start_mark
    return mark.line + 1, mark.column + 1


def not_utf8(data: bytes, error: UnicodeDecodeError, file: str) -> Problem:
    """Return Y005: the bytes are not UTF-8 (often UTF-16 or Windows-1252)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        message = (
            "Filen är sparad som UTF-16 (”Unicode”). "
            "Spara om den med teckenkodningen UTF-8 och försök igen."
        )
        return Problem(file, 1, 1, "", message, "Y005")
    # Everything before the first bad byte is valid UTF-8 by definition.
    before = data[: error.start].decode("utf-8").removeprefix(BOM)
    line, column = line_column(before, len(before))
    message = (
        "Filen är inte sparad som UTF-8: tecknet här kan inte läsas. "
        "Spara om filen med teckenkodningen UTF-8 (i Anteckningar: Spara som, "
        "Kodning: UTF-8) och kontrollera sedan å, ä och ö."
    )
    return Problem(file, line, column, "", message, "Y005")


# Bidirectional embeddings, overrides and isolates: they can make a text be shown in
# another order than it is stored, so that a reader and iopdocs see different texts.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def bad_character(text: str, offset: int, file: str) -> Problem:
    """Return Y006 for the refused character at `offset` of `text`."""
    line, column = line_column(text, offset)
    char = text[offset]
    if char in BIDI_CONTROLS:
        message = (
            f"Här står ett osynligt tecken för skrivriktning (U+{ord(char):04X}). Det kan få "
            "texten att visas i en annan ordning än den står i filen, så det är inte tillåtet "
            "i en ärendefil. Ta bort det."
        )
    elif char == BOM:
        message = (
            "Här står ett osynligt BOM-tecken (U+FEFF) mitt i filen; det får bara stå allra "
            "först. Ta bort det. Det kommer ofta med när två filer klistras ihop."
        )
    else:
        message = (
            f"Här står ett osynligt styrtecken (U+{ord(char):04X}) som inte får "
            "finnas i en ärendefil. Ta bort det. Sådana tecken följer ofta med när text "
            "klistras in från Word, e-post eller en PDF."
        )
    return Problem(file, line, column, "", message, "Y006")


def too_large(file: str, size: int, max_bytes: int) -> Problem:
    """Return Y004: the file is larger than a case file may be."""
    message = (
        f"Filen är för stor ({_size_text(size)}); en ärendefil får vara högst "
        f"{_size_text(max_bytes)}. Kontrollera att det är rätt fil. Bilagor och "
        "långa texter ska inte klistras in i ärendefilen."
    )
    return Problem(file, None, None, "", message, "Y004")


def _size_text(size: int) -> str:
    """Return a size in bytes the way a person reads it: '2 MB', '1,5 kB'."""
    if size >= 1_000_000:
        number, unit = size / 1_000_000, "MB"
    elif size >= 1000:
        number, unit = size / 1000, "kB"
    else:
        return f"{size} byte"
    return f"{number:.1f}".removesuffix(".0").replace(".", ",") + f" {unit}"


def unreadable(file: str, error: OSError) -> Problem:
    """Return Y012: the file cannot be read (missing, a folder, no permission)."""
    if isinstance(error, FileNotFoundError):
        message = "Filen finns inte. Kontrollera filnamnet och mappen."
    elif isinstance(error, IsADirectoryError):
        message = "Det här är en mapp, inte en fil. Ange ärendefilen i mappen."
    elif isinstance(error, PermissionError):
        message = "Du saknar behörighet att läsa filen. Kontrollera att den inte är låst."
    else:
        message = f"Filen kan inte läsas: {os_reason(error)}."
    return Problem(file, None, None, "", message, "Y012")


def too_deep(mark: Mark, file: str) -> Problem:
    """Return Y011: the file nests deeper than a case file ever needs."""
    return _too_deep_at(mark.line + 1, mark.column + 1, file)


def _too_deep_at(line: int | None, column: int | None, file: str) -> Problem:
    """Return Y011 at a position."""
    message = (
        f"Här är filen nästlad i mer än {MAX_DEPTH} nivåer (indrag, listor eller "
        "parenteser inuti varandra). En ärendefil behöver inte så många; "
        "kontrollera indraget och parenteserna."
    )
    return Problem(file, line, column, "", message, "Y011")


def too_many(node: Node, path: str, count: int, file: str) -> Problem:
    """Return Y013: a list or section holds more entries than any case file needs."""
    what = "listan" if isinstance(node, SequenceNode) else "avsnittet"
    most = f"{MAX_ITEMS:,}".replace(",", " ")
    message = (
        f"Här har {what} {count} delar; en ärendefil får ha högst {most} i en lista "
        "eller ett avsnitt. Kontrollera att det är rätt fil, eller dela upp ärendet."
    )
    return Problem(file, *start_of(node), path, message, "Y013")


def refusal(kind: str, name: str) -> tuple[str, str]:
    """Return the message and code (Y003, Y009) for a refused alias, anchor or tag."""
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


def shape_problems(root: Node | None, extra: Position | None, file: str) -> list[Problem]:
    """Return Y007 and Y010: an empty file, one that is not a mapping, a second document."""
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
        problems.append(Problem(file, *start_of(root), "", message, "Y007"))
    if extra is not None:
        message = (
            "Här börjar ett andra dokument (efter '---' eller '...'). En ärendefil ska "
            "bara innehålla ett ärende: ta bort raden med '---' eller '...', eller flytta "
            "resten till en egen fil."
        )
        problems.append(Problem(file, *extra, "", message, "Y010"))
    return problems


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


def syntax_problem(error: MarkedYAMLError, text: str, file: str) -> Problem:
    """Return Y001 (Y011 for libyaml's own depth limit): a YAML syntax error, placed and explained."""
    said = f"{error.context or ''} {error.problem or ''}".lower()
    marks = [error.problem_mark, error.context_mark]
    if any(words in said for words in _AT_START):
        marks.reverse()
    line, column = _inside(text, *marks)
    if "maximum nesting depth" in (error.problem or ""):
        return _too_deep_at(line, column, file)
    unspaced = _missing_space(error, text)
    if unspaced is not None:
        return Problem(file, *unspaced, "Y001")
    return Problem(file, line, column, "", _explain(error, text), "Y001")


# A key written with its value right after the colon ("rubrik:Text"), which YAML
# reads as one word: not "https://", a time such as "10:30" or a genitive ("FN:s").
_UNSPACED = re.compile(
    r"^(?P<lead>[ \t]*(?:-[ \t]+)?)(?P<key>[^\W\d][\w-]*):"
    r"(?!(?:s|n|en|ens|et|ets|na|er|ar|or|t)\b)(?P<value>[^\s/:].*)$"
)
# The errors such a line gives: it is read as a key without its colon.
_UNSPACED_ERRORS = ("could not find expected ':'", "mapping values are not allowed")


def _missing_space(error: MarkedYAMLError, text: str) -> tuple[int, int, str, str] | None:
    """Return (line, column, field, message) when the error comes from 'nyckel:värde', else None.

    Only the line where the construct began and the two lines up to the
    problem are looked at: the key without its space is one of them.
    """
    said = f"{error.context or ''} {error.problem or ''}".lower()
    if not any(words in said for words in _UNSPACED_ERRORS) or error.problem_mark is None:
        return None
    lines = LINE_BREAK.split(text)
    problem = error.problem_mark.line
    near = [problem - 1, problem] + ([error.context_mark.line] if error.context_mark else [])
    for number in sorted({n for n in near if 0 <= n < len(lines)}):
        found = _UNSPACED.match(lines[number])
        if found:
            value = found["value"].strip()
            shown = value if len(value) <= 40 else value[:39] + "…"
            column = len(found["lead"]) + len(found["key"]) + 2
            message = (
                f"Mellanslag saknas efter kolonet. Skriv '{found['key']}: {shown}': nyckel, "
                "kolon, mellanslag, värde."
            )
            return number + 1, column, "", message
    return None


# Constructs left open: the parser notices at the next line or at the end of the
# file, but the mistake is where the construct began (the context mark).
_AT_START = ("could not find expected ':'", "quoted scalar", "flow sequence", "flow mapping")


def _inside(text: str, *marks: Mark | None) -> tuple[int | None, int | None]:
    """Return the first mark's position that lies inside the file, else the end of its last line.

    A parser that reaches the end of the file while a construct is open (a
    missing colon, an unclosed bracket or quote) reports the end of the file,
    which is a line past the last one when the file ends with a line break; the
    construct's own start (the context mark) is where the mistake is.
    """
    lines = LINE_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    for mark in marks:
        if mark is not None and mark.line < len(lines) and mark.column <= len(lines[mark.line]):
            return mark.line + 1, mark.column + 1
    if not any(marks):
        return None, None
    return len(lines), len(lines[-1]) + 1


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
    before = LINE_BREAK.split(text)[mark.line][: mark.column]
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
    char = LINE_BREAK.split(text)[mark.line][mark.column : mark.column + 1]
    if char == "\t":
        return "Tabbtecken får inte användas för indrag. Använd mellanslag."
    return f"Ett värde kan inte börja med tecknet {char}. Sätt hela värdet inom citattecken."
