"""Try a template with a data file instead of a case: `iopdocs prova-mall`.

The template is compiled and rendered as a build renders it: the same
sandbox, strict names, escaping and size and time limits. The context is the
data file's top-level names, read by the case loader (so its YAML errors
come with line and column) with plain scalars typed as JSON types them.

The output is written only when everything worked, and it replaces an
existing file only when that file is an untouched trial output: each one
carries, in its custom properties, the SHA-256 of its own other parts. Any
other file (the template itself, a trial output edited in Word, a case
document) is left alone.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from iopdocs.case.load import load_yaml
from iopdocs.errors import OutputError
from iopdocs.files import atomic_write
from iopdocs.word import ooxml, render

MARK = "iopdocs-provutskrift-sha256"
CUSTOM = "docProps/custom.xml"
_CUSTOM_NS = {
    "c": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}


def render_trial(template: Path, data_file: Path) -> bytes:
    """Return `template` filled in with the names in `data_file`; raise CaseError or TemplateProblem."""
    data = load_yaml(data_file, typed=True).data
    compiled = render.compile_template(template)
    package = ooxml.read_package(render.render(compiled, data, {}))
    parts = dict(package.parts)
    parts[CUSTOM] = ooxml.custom_properties({MARK: _digest(parts)})
    return ooxml.write_package(package.order, parts)


def write_trial(out: Path, data: bytes) -> None:
    """Write a trial output atomically; raise OutputError rather than replace another file."""
    if out.exists() and not is_untouched_trial(out):
        raise OutputError(
            f"{out}: filen finns redan och är inte en orörd provutskrift från prova-mall, "
            "så den skrivs inte över. Välj ett annat namn med -o, eller flytta filen."
        )
    try:
        atomic_write(out, data)
    except OSError as exc:
        raise OutputError(f"{out}: kan inte skrivas ({exc.strerror}).") from exc


def is_untouched_trial(path: Path) -> bool:
    """Return whether `path` is a trial output whose parts are as prova-mall wrote them."""
    try:
        package = ooxml.read_package(path.read_bytes())
        marks = ooxml.parse(package.parts[CUSTOM]).xpath(
            "c:property[@name=$name]/vt:lpwstr/text()", namespaces=_CUSTOM_NS, name=MARK
        )
    except (OSError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile):  # no marked .docx
        return False
    return marks == [_digest(package.parts)]


def _digest(parts: dict[str, bytes]) -> str:
    """Return the SHA-256 of every part but the custom properties, in name order."""
    digest = hashlib.sha256()
    for name in sorted(parts):
        if name != CUSTOM:
            digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(parts[name]).digest())
    return digest.hexdigest()
