"""File formats the package contains: MIME type and PRONOM identification per extension."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class Format:
    """A file format as METS (MIMETYPE, sip:FILEFORMAT*) and PREMIS name it."""

    mimetype: str
    name: str
    version: str
    pronom: str


FORMATS = {
    ".pdf": Format("application/pdf", "PDF/A-2b", "2b", "fmt/477"),
    ".docx": Format(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Microsoft Word for Windows",
        "2007 onwards",
        "fmt/412",
    ),
    ".yaml": Format("application/yaml", "YAML", "1.2", "fmt/818"),
    ".xml": Format("text/xml", "Extensible Markup Language", "1.0", "fmt/101"),
    ".xsd": Format("text/xml", "XML Schema Definition", "1.0", "x-fmt/280"),
    ".txt": Format("text/plain", "Plain Text File", "", "x-fmt/111"),
}


def format_of(path: str) -> Format:
    """Return the format of a package file by its extension."""
    return FORMATS[PurePosixPath(path).suffix.lower()]
