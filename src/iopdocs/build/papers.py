"""handlingar.json: every file that goes to a meeting, with its SHA-256, and what is missing.

Files iopdocs wrote are named relative to the output folder (`fil`);
attachments, which stay where the case or meeting file keeps them, relative
to the project folder (`källa`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from iopdocs.files import atomic_write, file_sha256

PAPERS_MANIFEST = "handlingar.json"


def write_manifest(folder: Path, files: list[Path], missing: list[dict], project: Path) -> None:
    """Write the meeting folder's handlingar.json: its files, then what is missing (if any)."""
    listed = [_listing(path, folder.parent, project) for path in dict.fromkeys(files)]
    body = {
        "handlingar": [entry for entry in listed if entry],
        **({"saknas": missing} if missing else {}),
    }
    text = json.dumps(body, ensure_ascii=False, indent=2)
    atomic_write(folder / PAPERS_MANIFEST, (text + "\n").encode("utf-8"))


def _listing(path: Path, output: Path, project: Path) -> dict[str, str | None] | None:
    """Return one file's entry: where it is and its SHA-256; None for a file not there."""
    digest = file_sha256(path)
    if digest is None:
        return None
    if path.resolve().is_relative_to(output.resolve()):
        return {"fil": str(path.relative_to(output)), "sha256": digest}
    return {"källa": os.path.relpath(path, project), "sha256": digest}
