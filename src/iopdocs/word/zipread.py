"""Read a zip package (a .docx) counting the bytes really inflated, never trusting its headers.

Python's `ZipFile.read` inflates a part in one call of up to 2 GB before it
notices that the part is larger than its header said: a 1 MB template whose
header claims 1,000 bytes cost 2 GB of memory before it was refused. Here each
part is read in small pieces, so what is inflated is counted as it comes and a
part can never grow past its stated size or the package's limit. Messages
are Swedish: a user sees them.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

# Refuse packages whose parts would expand past this (zip bombs).
MAX_UNPACKED = 64 * 1024 * 1024
# Refuse a .docx file larger than this before reading it at all.
MAX_FILE_BYTES = 256 * 1024 * 1024


class PackageError(ValueError):
    """A .docx package is not a zip archive, is damaged or too large; the message is Swedish."""


def reason(error: Exception) -> str:
    """Return why a package could not be read, in Swedish: ours say it, the libraries' do not."""
    if isinstance(error, PackageError):
        return str(error)
    return "innehållet är skadat eller inte ett Word-dokument"


def read_docx_file(path: Path) -> bytes:
    """Return the bytes of the .docx at `path`, checked as `check_package` does; raise OSError
    or PackageError."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise PackageError(f"filen är {size} byte, över gränsen {MAX_FILE_BYTES}")
    return check_package(path.read_bytes())


def check_package(data: bytes, max_unpacked: int | None = None) -> bytes:
    """Return `data` once every part of it has been inflated within the limit; raise PackageError.

    For readers that hand the bytes to python-docx, which inflates a part whole.
    """
    limit = MAX_UNPACKED if max_unpacked is None else max_unpacked
    for _ in members(data, limit, keep=False):
        pass
    return data


def read_member(path: Path, name: str, max_unpacked: int | None = None) -> bytes | None:
    """Return one part of the package at `path`, None when it has no such part; raise OSError
    or ValueError (in Swedish) as `read_package` does."""
    limit = MAX_UNPACKED if max_unpacked is None else max_unpacked
    with _opened(path.read_bytes()) as package:
        try:
            info = package.getinfo(name)
        except KeyError:
            return None
        return _inflate(package, info, limit)


_CHUNK = 64 * 1024


def members(data: bytes, limit: int, keep: bool = True) -> Iterator[tuple[str, bytes]]:
    """Yield each part's name and bytes (b"" unless `keep`), counting what is inflated."""
    with _opened(data) as package:
        infos = [info for info in package.infolist() if not info.is_dir()]
        if sum(info.file_size for info in infos) > limit:
            raise PackageError(f"uppackad storlek över gränsen {limit} byte")
        left = limit
        for info in infos:
            blob = _inflate(package, info, left, keep)
            left -= info.file_size
            yield info.filename, blob


def _inflate(
    package: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, keep: bool = True
) -> bytes:
    """Return one part, inflated a piece at a time: never past its stated size or `limit`."""
    pieces, size = [], 0
    try:
        with package.open(info) as member:
            while piece := member.read(_CHUNK):
                size += len(piece)
                if size > limit:
                    raise PackageError(f"uppackad storlek över gränsen {limit} byte")
                if keep:
                    pieces.append(piece)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise PackageError(
            f"delen {info.filename} är skadad eller större än paketet uppger"
        ) from exc
    return b"".join(pieces)


@contextlib.contextmanager
def _opened(data: bytes) -> Iterator[zipfile.ZipFile]:
    """Yield the zip archive in `data`; raise ValueError (in Swedish) when it is none."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise PackageError("filen är inget Word-paket (en .docx är en zip-fil)") from exc
    with package:
        yield package
