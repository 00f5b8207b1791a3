"""Attached files in a publisher's format: a meeting's bilagor and handlingar, kept current.

An attachment is a file the nämnd got from elsewhere (a PDF or a Word
document). For a combined handlingar file each one is taken into the
publisher's format once (`Publisher.attach`: a PDF is checked, a Word
document converted) and kept in the meeting folder under a name made
from the source's hash, with its inputs in the folder's manifest: an
unchanged attachment is not converted again. One the publisher cannot
use becomes a gap of its item, said in Swedish.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from iopdocs.build.manifest import Manifest, WriteResult, matches, write_output
from iopdocs.build.publishing import Publisher
from iopdocs.errors import OutputError, os_reason
from iopdocs.files import file_sha256

PREFIX = "bilaga-"


@dataclass
class Attached:
    """Each attached file's form in one publisher's format, or why it has none."""

    files: dict[Path, Path] = field(default_factory=dict)
    failed: dict[Path, str] = field(default_factory=dict)
    writes: list[WriteResult] = field(default_factory=list)


def attached_forms(
    sources: Sequence[Path], manifest: Manifest, publisher: Publisher, force: bool, jobs: int
) -> Attached | None:
    """Return the attachments in the publisher's format; None if the format takes none."""
    wanted = {
        source: name for source in dict.fromkeys(sources) if (name := _name(source, publisher))
    }
    inputs = {
        source: {"källa": file_sha256(source) or "", **publisher.inputs()} for source in wanted
    }
    todo = [
        source
        for source, name in wanted.items()
        if manifest.files.get(name, {}).get("indata") != inputs[source]
        or not matches(manifest.folder / name, manifest.files.get(name, {}))
    ]
    made_all = publisher.attach(todo, jobs) if todo else []
    if made_all is None:
        return None
    done = Attached({source: manifest.folder / name for source, name in wanted.items()})
    for made in made_all:
        if not made.ok or made.data is None:
            done.failed[made.source] = made.error
            continue
        try:
            name = wanted[made.source]
            done.writes.append(write_output(manifest, name, made.data, inputs[made.source], force))
        except (OutputError, OSError) as exc:
            done.failed[made.source] = str(exc) if isinstance(exc, OutputError) else os_reason(exc)
    return done


def _name(source: Path, publisher: Publisher) -> str | None:
    """Return the attachment's file name in the meeting folder, from its source's hash."""
    digest = file_sha256(source)
    return f"{PREFIX}{digest[:16]}{publisher.suffix}" if digest else None
