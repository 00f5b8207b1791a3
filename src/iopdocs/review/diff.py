"""What changed between two .docx files, or two folders of them, section by section.

The diff compares the text dumps of `iopdocs.word.text` line by line, then word by
word within each changed line. Every hunk is filed under the heading path it
falls under ("Ekonomiska konsekvenser › Fördelning"), so a reviewer sees at
once where a change is; a hunk never spans two sections.

Table rows are compared without the padding that aligns their columns (one
wider amount would otherwise change every row) and without the dashed rule
under header rows.

In reading order: the result types, the public functions (`diff_paths`,
`diff_documents`, `render`), folders, the lines of one document, hunks, the
word level that `redline` shares (`tokenize`, `word_opcodes`, `pair_similar`),
and rendering.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import click

from iopdocs.build.manifest import SEAL, Manifest
from iopdocs.errors import IopdocsError
from iopdocs.review.align import Matcher
from iopdocs.word.text import Block, docx_blocks

Status = Literal["tillagd", "borttagen", "ändrad", "lika"]
LineOp = Literal["context", "delete", "insert", "change"]
SegmentOp = Literal["equal", "delete", "insert"]
Opcode = tuple[str, int, int, int, int]

SEPARATOR = " › "
START_OF_DOCUMENT = "(dokumentets början)"
_FURNITURE = {"header": "Sidhuvud", "footer": "Sidfot"}
# A word may hold inner hyphens, dots, slashes and colons: 2023-08-30, IOGT-NTO, 1976:580.
_TOKEN = re.compile(r"\w+(?:[-./:]\w+)*|\s+|[^\w\s]")
_RULE = re.compile(r"-+")
# Two lines (paragraphs) count as one edited line when this share of their words agree.
SIMILAR = 0.5
# Above this many comparisons a replaced block is paired in order, without searching.
_MAX_PAIRING = 2500


class DiffError(IopdocsError):
    """Two paths cannot be compared: missing, of different kinds, or unreadable documents."""


@dataclass(frozen=True)
class Segment:
    """A piece of a changed line: words both versions share, or that one of them lacks."""

    op: SegmentOp
    text: str


@dataclass(frozen=True)
class DiffLine:
    """One line of a hunk: unchanged context, a removed or added line, or an edited one.

    `text` is the old text of a removed line and the new text otherwise; an
    edited line ("change") also holds its words as segments.
    """

    op: LineOp
    text: str
    segments: tuple[Segment, ...] = ()


@dataclass(frozen=True)
class Hunk:
    """Changed lines with their context, all under one heading path."""

    section: tuple[str, ...]
    lines: tuple[DiffLine, ...]

    @property
    def title(self) -> str:
        """Return the heading path as the hunk header shows it."""
        return SEPARATOR.join(self.section) or START_OF_DOCUMENT


@dataclass(frozen=True)
class DocumentDiff:
    """How one document differs: its name (relative path in a folder), status and hunks."""

    name: str
    status: Status
    old: Path | None
    new: Path | None
    hunks: tuple[Hunk, ...] = ()
    sealed: str = ""
    """The decision the old document is locked under: its differences are information only."""


def diff_paths(old: Path, new: Path, context: int = 3) -> list[DocumentDiff]:
    """Return the differences between two .docx files or two folders of them."""
    for path in (old, new):
        if not path.exists():
            raise DiffError(f"{path}: finns inte. Ange två .docx-filer eller två mappar.")
    if old.is_dir() != new.is_dir():
        raise DiffError(
            f"{old} och {new}: det ena är en mapp och det andra en fil. "
            "Jämför två .docx-filer eller två mappar."
        )
    if old.is_dir():
        return diff_folders(old, new, context)
    return [_with_seal(diff_documents(old, new, new.name, context))]


def diff_documents(old: Path, new: Path, name: str, context: int = 3) -> DocumentDiff:
    """Return how document `new` differs from `old`, hunk by hunk."""
    old_lines, new_lines = _read_all([old, new])
    hunks = tuple(_hunks(old_lines, new_lines, context))
    return DocumentDiff(name, "ändrad" if hunks else "lika", old, new, hunks)


def differs(documents: Sequence[DocumentDiff]) -> bool:
    """Return whether any document was added, removed or changed, sealed ones aside."""
    return any(document.status != "lika" and not document.sealed for document in documents)


def _with_seal(document: DocumentDiff) -> DocumentDiff:
    """Return the diff marked with the decision its old document is sealed under, if any.

    A decided case's papers are never rebuilt; what would change if they were
    is shown as information, and does not count as a difference.
    """
    if document.old is None:
        return document
    try:
        entry = Manifest.read(document.old.parent).files.get(document.old.name, {})
    except IopdocsError:
        return document
    return replace(document, sealed=entry[SEAL]) if SEAL in entry else document


def diff_folders(old: Path, new: Path, context: int = 3) -> list[DocumentDiff]:
    """Return one DocumentDiff per .docx in either folder, by relative path."""
    old_files, new_files = _documents_in(old), _documents_in(new)
    results, problems = [], []
    for name in sorted(old_files.keys() | new_files.keys()):
        if name not in new_files:
            results.append(DocumentDiff(name, "borttagen", old_files[name], None))
        elif name not in old_files:
            results.append(DocumentDiff(name, "tillagd", None, new_files[name]))
        else:
            try:
                results.append(diff_documents(old_files[name], new_files[name], name, context))
            except DiffError as exc:
                problems.append(str(exc))
    if problems:
        raise DiffError("\n".join(problems))
    return [_with_seal(result) for result in results]


def _documents_in(folder: Path) -> dict[str, Path]:
    """Return the .docx files under `folder` by relative path, without hidden files and backups."""
    found = {}
    for path in folder.rglob("*.docx"):
        relative = path.relative_to(folder)
        hidden = any(part.startswith((".", "~$")) for part in relative.parts)
        if path.is_file() and not hidden and ".handandrad-" not in path.name:
            found[relative.as_posix()] = path
    return found


_Line = tuple[tuple[str, ...], str]


def _read_all(paths: list[Path]) -> list[list[_Line]]:
    """Return the lines of each document, or raise one DiffError naming every unreadable file."""
    lines, problems = [], []
    for path in paths:
        try:
            lines.append(document_lines(docx_blocks(path)))
        except IopdocsError as exc:
            problems.append(str(exc))
    if problems:
        raise DiffError("\n".join(problems))
    return lines


def document_lines(blocks: Sequence[Block]) -> list[_Line]:
    """Return the dump's lines, each with the heading path it falls under.

    A heading's own line falls under its parent headings, the title and what
    precedes the first heading under none, page headers and footers under
    "Sidhuvud" and "Sidfot".
    """
    lines: list[_Line] = []
    stack: list[tuple[int, str]] = []
    for block in blocks:
        if block.kind in _FURNITURE:
            path: tuple[str, ...] = (_FURNITURE[block.kind],)
        elif block.kind == "title":
            path, stack = (), []
        elif block.kind == "heading":
            stack = [entry for entry in stack if entry[0] < block.level]
            path = tuple(title for _, title in stack)
            stack.append((block.level, block.text.split(" ", 1)[-1]))
        else:
            path = tuple(title for _, title in stack)
        lines += [(path, line) for line in _block_lines(block)]
    return lines


def _block_lines(block: Block) -> list[str]:
    """Return a block's lines; table rows lose their column padding and header rule."""
    if block.kind != "table":
        return block.text.split("\n")
    rows = [line for line in block.text.split("\n") if not _RULE.fullmatch(line)]
    return [" | ".join(cell.strip(" ") for cell in row.split(" | ")) for row in rows]


def _hunks(old: list[_Line], new: list[_Line], context: int) -> Iterator[Hunk]:
    """Yield the hunks of two documents' lines, split where the heading path changes."""
    old_text = [text for _, text in old]
    new_text = [text for _, text in new]
    matcher = Matcher(old_text, new_text)
    for group in matcher.get_grouped_opcodes(context):
        lines = [line for opcode in group for line in _opcode_lines(opcode, old, new)]
        yield from _split_by_section(lines)


def _opcode_lines(
    opcode: Opcode, old: list[_Line], new: list[_Line]
) -> Iterator[tuple[tuple[str, ...], DiffLine]]:
    """Yield the lines of one opcode with their heading paths; replaced lines paired by words."""
    tag, i1, i2, j1, j2 = opcode
    if tag == "equal":
        for path, text in new[j1:j2]:
            yield path, DiffLine("context", text)
        return
    olds, news = old[i1:i2], new[j1:j2]
    for i, j in pair_similar([t for _, t in olds], [t for _, t in news]):
        if j is None:
            yield olds[i][0], DiffLine("delete", olds[i][1])
        elif i is None:
            yield news[j][0], DiffLine("insert", news[j][1])
        else:
            yield news[j][0], DiffLine("change", news[j][1], word_diff(olds[i][1], news[j][1]))


def _split_by_section(lines: list[tuple[tuple[str, ...], DiffLine]]) -> Iterator[Hunk]:
    """Yield one hunk per run of lines under the same heading path that holds a change."""
    start = 0
    for end in range(1, len(lines) + 1):
        if end == len(lines) or lines[end][0] != lines[start][0]:
            chunk = tuple(line for _, line in lines[start:end])
            if any(line.op != "context" for line in chunk):
                yield Hunk(lines[start][0], chunk)
            start = end


def tokenize(text: str) -> list[str]:
    """Return the words, runs of white space and single other characters of `text`."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Return `new` as segments of words kept, deleted from `old` and inserted."""
    a, b = tokenize(old), tokenize(new)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in word_opcodes(a, b):
        if tag == "equal":
            segments.append(Segment("equal", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            segments.append(Segment("delete", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return tuple(segments)


def word_opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """Return difflib opcodes over tokens, where white space between two changes joins them.

    "ligger på samma" -> "blir något högre" reads as one replacement, not as
    three words swapped around kept spaces.
    """
    opcodes = Matcher(a, b).get_opcodes()
    merged: list[Opcode] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        between = 0 < index < len(opcodes) - 1
        if tag == "equal" and between and all(token.isspace() for token in a[i1:i2]):
            tag = "replace"
        if tag != "equal" and merged and merged[-1][0] != "equal":
            previous = merged.pop()
            tag, i1, j1 = "replace", previous[1], previous[3]
        merged.append((tag, i1, i2, j1, j2))
    return merged


def similarity(old: str, new: str) -> float:
    """Return the share of words two texts have in common (difflib's ratio), 1.0 when both are empty."""
    a, b = tokenize(old), tokenize(new)
    if not a and not b:
        return 1.0
    return Matcher(a, b).ratio()


def pair_similar(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Return the old and new texts of a replaced block in order, similar ones paired.

    A pair is (i, j); a text that only one side has is (i, None) or (None, j).
    Pairs keep their order on both sides and maximise the summed similarity.
    """
    if len(old) * len(new) > _MAX_PAIRING:
        scores = {(k, k): similarity(old[k], new[k]) for k in range(min(len(old), len(new)))}
        pairs = [k for k in sorted(scores) if scores[k] >= SIMILAR]
    else:
        pairs = _best_pairs(old, new)
    return _interleave(pairs, len(old), len(new))


def _best_pairs(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Return the in-order pairs of similar texts with the largest summed similarity."""
    m, n = len(old), len(new)
    score = [[0.0] * (n + 1) for _ in range(m + 1)]
    pick: dict[tuple[int, int], float] = {}
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            ratio = similarity(old[i], new[j])
            if ratio >= SIMILAR and ratio + score[i + 1][j + 1] > best:
                best = ratio + score[i + 1][j + 1]
                pick[i, j] = best
            score[i][j] = best
    pairs, i, j = [], 0, 0
    while i < m and j < n:
        if pick.get((i, j)) == score[i][j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i + 1][j] == score[i][j]:
            i += 1
        else:
            j += 1
    return pairs


def _interleave(
    pairs: list[tuple[int, int]], m: int, n: int
) -> list[tuple[int | None, int | None]]:
    """Return every index of both sides in order: before each pair, old-only then new-only."""
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    for pi, pj in [*pairs, (m, n)]:
        out += [(k, None) for k in range(i, pi)]
        out += [(None, k) for k in range(j, pj)]
        if pi < m and pj < n:
            out.append((pi, pj))
        i, j = pi + 1, pj + 1
    return out


def render(documents: Sequence[DocumentDiff], color: bool = False, folders: bool = False) -> str:
    """Return the diff as text ("" when nothing differs): each changed document's hunks,
    after a list of the documents added, removed and changed when comparing `folders`.

    Plain text marks deleted words `[-so-]` and inserted words `{+so+}`; with
    `color` they are red and struck through, green and underlined instead.
    """
    out: list[str] = []
    if folders:
        out += [f"{d.status}: {d.name}{_sealed_note(d)}" for d in documents if d.status != "lika"]
    for document in documents:
        if document.hunks:
            if out:
                out.append("")
            out += _render_document(document, color)
    return "".join(line + "\n" for line in out)


def _sealed_note(document: DocumentDiff) -> str:
    """Return what a folder listing says of a sealed document: it is only information."""
    return f" (låst, {document.sealed}: information, görs inte om)" if document.sealed else ""


def _render_document(document: DocumentDiff, color: bool) -> list[str]:
    """Return the lines of one document's diff: file names, then hunk by hunk."""
    out = [
        _style(f"--- {document.old}", color, bold=True),
        _style(f"+++ {document.new}", color, bold=True),
    ]
    if document.sealed:
        out.append(
            f"# Låst ({document.sealed}). Så skulle dokumentet se ut om det gjordes om i "
            "dag; det görs inte om, detta är information."
        )
    for hunk in document.hunks:
        out.append(_style(f"@@ {hunk.title} @@", color, fg="cyan"))
        out += [_render_line(line, color) for line in hunk.lines]
    return out


def _render_line(line: DiffLine, color: bool) -> str:
    """Return one hunk line with its mark: " " context, "-", "+", or "~" with words marked."""
    if line.op == "context":
        return " " + line.text
    if line.op == "delete":
        return _style("-" + line.text, color, fg="red")
    if line.op == "insert":
        return _style("+" + line.text, color, fg="green")
    return "~" + "".join(_render_segment(segment, color) for segment in line.segments)


def _render_segment(segment: Segment, color: bool) -> str:
    """Return a piece of an edited line, its change shown by marks or by color."""
    if segment.op == "equal":
        return segment.text
    if color:
        if segment.op == "delete":
            return click.style(segment.text, fg="red", strikethrough=True)
        return click.style(segment.text, fg="green", underline=True)
    return f"[-{segment.text}-]" if segment.op == "delete" else f"{{+{segment.text}+}}"


def _style(text: str, color: bool, **styles) -> str:
    """Return `text` styled for a terminal when `color` is on."""
    return click.style(text, **styles) if color else text
