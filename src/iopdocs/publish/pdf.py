"""Convert .docx documents to accessible PDF with LibreOffice, starting it once per batch.

`PdfConverter` owns a private LibreOffice profile, so parallel converters never
share one. `convert` runs one `soffice --convert-to` process for a whole batch
of documents; it is restarted only when a document hangs: a document that does
not finish within `timeout` seconds is reported, the process is killed and a
new one converts the documents that were left.

Why not a resident LibreOffice driven over UNO: the Python UNO bindings exist
only for the system Python (Debian's python3-uno), which our virtualenv cannot
import and CI does not install; measured on the example agreement, a batch
process converts about as fast (0.13 s against 0.09 s a document, both about
0.9 s to start). What UNO was needed for, updating the table of contents, is
done by a Basic macro in the private profile that LibreOffice runs on every
document it opens (the OnViewCreated event): it updates all indexes and
fields, so the TOC lists the headings with their page numbers, before export.

Export options: tagged PDF with PDF/UA-1 identification, bookmarks from the
headings, the document title in the viewer's title bar, and PDF/A-2b on
request. The language (/Lang) comes from the document's default `w:lang`.

Determinism: LibreOffice stamps each PDF with the time of export (in the
Info dictionary and the XMP metadata) and a random file /ID. `normalise_pdf`
replaces the dates by the document's own date (its core properties) and the
/ID by a hash of the content, byte for byte in place, so the same .docx
gives the same PDF bytes. Not with PDF/A: its output intent embeds an sRGB
colour profile that Little CMS creates at export time, with that time in the
profile header inside a compressed stream; rewriting it would mean rewriting
the file's cross-references. A PDF/A export therefore gives the same text,
pages and structure every time, but not the same bytes.

The module is one tool's driver, read top to bottom: the converter and its
batch runs, the results and their messages, the private profile with its
macro, then the deterministic bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from iopdocs.errors import IopdocsError, os_reason
from iopdocs.files import WorkFolder, atomic_write
from iopdocs.word import ooxml, zipread

DEFAULT_TIMEOUT = 120.0
_POLL = 0.05
_FALLBACK_DATE = datetime(1980, 1, 1, tzinfo=UTC)


class PdfError(IopdocsError):
    """LibreOffice cannot be started, or the documents given cannot be converted together."""


@dataclass(frozen=True)
class PdfResult:
    """One document's conversion: the PDF bytes, or a Swedish message saying what went wrong."""

    source: Path
    data: bytes | None = None
    error: str = ""
    path: Path | None = None

    @property
    def ok(self) -> bool:
        """Return whether the document became a PDF."""
        return self.data is not None


def export_filter(pdf_a: bool = False) -> str:
    """Return the --convert-to argument: the PDF export filter and its options as JSON."""
    options: dict[str, tuple[str, str]] = {
        "UseTaggedPDF": ("boolean", "true"),
        "PDFUACompliance": ("boolean", "true"),
        "ExportBookmarks": ("boolean", "true"),
        "DisplayPDFDocumentTitle": ("boolean", "true"),
        "SelectPdfVersion": ("long", "2" if pdf_a else "0"),
    }
    data = {name: {"type": kind, "value": value} for name, (kind, value) in options.items()}
    return "pdf:writer_pdf_Export:" + json.dumps(data, separators=(",", ":"))


class PdfConverter:
    """Convert batches of .docx to PDF with one LibreOffice process per batch.

    Use it as a context manager; it creates a private LibreOffice profile on
    entry and removes it on exit. `starts` counts the LibreOffice processes
    started, restarts after a hang included.
    """

    def __init__(
        self,
        timeout: float = DEFAULT_TIMEOUT,
        pdf_a: bool = False,
        soffice: str | os.PathLike[str] = "soffice",
    ) -> None:
        self.timeout = timeout
        self.filter = export_filter(pdf_a)
        self.soffice = os.fspath(soffice)
        self.starts = 0
        self._work: Path | None = None
        self._batches = 0

    def __enter__(self) -> PdfConverter:
        self._folder = WorkFolder("iopdocs-pdf-")
        self._work = self._folder.__enter__()
        seed_profile(self._work / "profil")
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._work is not None:
            self._folder.__exit__(*exc_info)
            self._work = None

    def convert(self, sources: Sequence[Path]) -> list[PdfResult]:
        """Return one result per source, in order; a failed document does not stop the others."""
        if self._work is None:
            raise PdfError("PdfConverter måste användas i en with-sats (with PdfConverter() as c).")
        sources = [Path(s) for s in sources]
        refused = {s: message for s in sources if (message := unusable(s))}
        todo = [s for s in sources if s not in refused]
        done = self._convert_batch(todo) if todo else {}
        return [done.get(s) or PdfResult(s, error=refused[s]) for s in sources]

    def convert_files(self, sources: Sequence[Path], outdir: Path | None = None) -> list[PdfResult]:
        """Convert and write each PDF atomically, into `outdir` or next to its source."""
        targets = [_target(Path(s), outdir) for s in sources]
        _check_unique(targets)
        results = []
        for result, target in zip(self.convert(sources), targets, strict=True):
            if result.data is not None:
                atomic_write(target, result.data)
                result = PdfResult(result.source, result.data, path=target)
            results.append(result)
        return results

    def _convert_batch(self, sources: list[Path]) -> dict[Path, PdfResult]:
        """Convert the sources of one batch, restarting LibreOffice after a hang.

        LibreOffice exits normally even when it skipped a document, so each
        document's PDF is looked up by name: every document gets its PDF or an
        error, and the number of PDFs always equals the number of documents.
        """
        assert self._work is not None
        self._batches += 1
        batch = self._work / f"omgang-{self._batches}"
        staged, out = _stage(sources, batch / "in"), batch / "ut"
        out.mkdir()
        pdfs = [out / f"{docx.stem}.pdf" for docx in staged]
        errors: dict[int, str] = {}
        pending = list(range(len(sources)))
        while pending and self._run([staged[i] for i in pending], out):
            hung, pending = _split_after_hang(pending, pdfs)
            pdfs[hung].unlink(missing_ok=True)
            errors[hung] = _timeout_message(sources[hung], self.timeout)
        return {s: _result(s, pdfs[i], errors.get(i)) for i, s in enumerate(sources)}

    def _run(self, staged: list[Path], out: Path) -> bool:
        """Run one LibreOffice process over `staged`; return True when it hung and was killed."""
        assert self._work is not None
        command = [
            self.soffice,
            f"-env:UserInstallation={(self._work / 'profil').as_uri()}",
            *("--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck"),
            *("--nodefault", "--convert-to", self.filter, "--outdir", str(out)),
            *map(str, staged),
        ]
        self.starts += 1
        with open(self._work / "libreoffice.log", "ab") as log:
            try:
                process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env=_environment(),
                    start_new_session=True,
                )
            except OSError as exc:
                raise PdfError(
                    f"LibreOffice kunde inte startas ({self.soffice}: {os_reason(exc)}). "
                    "Installera det (apt-get install libreoffice-writer-nogui) eller ange rätt program."
                ) from exc
            return _watch(process, out, self.timeout)


def _split_after_hang(pending: list[int], pdfs: list[Path]) -> tuple[int, list[int]]:
    """Return the document that hung and those to convert again: the documents after the
    last finished one; the first of them was being converted when LibreOffice was killed."""
    finished = [i for i in pending if _complete(pdfs[i])]
    tail = [i for i in pending if not finished or i > finished[-1]]
    return tail[0], tail[1:]


def _watch(process: subprocess.Popen, out: Path, timeout: float) -> bool:
    """Wait for the process; kill it and return True when no PDF appears for `timeout` s."""
    seen, deadline = -1, 0.0
    try:
        while process.poll() is None:
            count = sum(1 for _ in out.glob("*.pdf"))
            if count != seen:
                seen, deadline = count, time.monotonic() + timeout
            elif time.monotonic() > deadline:
                return True
            time.sleep(_POLL)
        return False
    finally:
        _kill(process)


def _kill(process: subprocess.Popen) -> None:
    """Kill the process group LibreOffice runs in (the launcher and soffice.bin), if alive."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _environment() -> dict[str, str]:
    """Return the environment for LibreOffice: UTC, so its PDF dates have one fixed form."""
    return {**os.environ, "TZ": "UTC"}


def _stage(sources: list[Path], folder: Path) -> list[Path]:
    """Copy the sources under numbered names, so documents with the same name never collide."""
    folder.mkdir(parents=True)
    staged = []
    for number, source in enumerate(sources, start=1):
        target = folder / f"{number:04d}.docx"
        shutil.copyfile(source, target)
        staged.append(target)
    return staged


def _complete(pdf: Path) -> bool:
    """Return whether a PDF exists and was written to its end."""
    try:
        with open(pdf, "rb") as handle:
            handle.seek(max(0, pdf.stat().st_size - 32))
            return b"%%EOF" in handle.read()
    except FileNotFoundError:
        return False


def _result(source: Path, pdf: Path, error: str | None) -> PdfResult:
    """Return the result for one source from its PDF in the batch folder."""
    if error:
        return PdfResult(source, error=error)
    if not _complete(pdf):
        return PdfResult(source, error=_failed_message(source))
    return PdfResult(source, normalise_pdf(pdf.read_bytes(), document_date(source)))


def require_all(results: Sequence[PdfResult]) -> None:
    """Raise PdfError naming every document that did not become a PDF, if any."""
    errors = [r.error for r in results if not r.ok]
    if errors:
        raise PdfError(
            f"{len(errors)} av {len(results)} dokument blev inte PDF:\n" + "\n".join(errors)
        )


def _target(source: Path, outdir: Path | None) -> Path:
    """Return where the PDF of `source` is written."""
    return (outdir or source.parent) / f"{source.stem}.pdf"


def _check_unique(targets: list[Path]) -> None:
    """Raise PdfError when two documents would be written to the same PDF."""
    seen: set[Path] = set()
    twice = sorted({str(t) for t in targets if t in seen or seen.add(t)})
    if twice:
        raise PdfError(
            f"Flera dokument skulle bli samma PDF: {', '.join(twice)}. "
            "Konvertera dem till olika mappar eller ge dem olika namn."
        )


def unusable(source: Path) -> str:
    """Return why `source` cannot be converted ("" when it can): LibreOffice would
    happily turn any file into a PDF, even one that is not a Word document."""
    if not source.is_file():
        return f"{source}: filen finns inte. Bygg dokumentet först (iopdocs build)."
    try:
        with zipfile.ZipFile(source) as package:
            package.getinfo("word/document.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return (
            f"{source}: är inte ett Word-dokument (.docx). Bygg det igen med iopdocs build, "
            "eller spara det som .docx i Word."
        )
    return ""


def _failed_message(source: Path) -> str:
    return (
        f"{source}: LibreOffice gjorde ingen PDF av dokumentet. Kontrollera att det är en hel "
        ".docx-fil som går att öppna i Word eller LibreOffice, och bygg det igen."
    )


def _timeout_message(source: Path, timeout: float) -> str:
    return (
        f"{source}: LibreOffice blev inte klart med dokumentet inom {timeout:g} s och "
        "avbröts; övriga dokument konverterades ändå. Öppna dokumentet i LibreOffice och se "
        "om det hänger sig, eller ge konverteringen längre tid."
    )


# --- The private LibreOffice profile ------------------------------------------------------------

_UPDATE_MACRO = """REM iopdocs: update indexes (the TOC) and fields of every document before it is exported.
Sub UpdateAll(Optional oEvent)
  On Error Resume Next
  Dim oDoc, oIndexes, i
  oDoc = oEvent.Source
  If Not oDoc.supportsService("com.sun.star.text.TextDocument") Then Exit Sub
  oDoc.getTextFields().refresh()
  oIndexes = oDoc.getDocumentIndexes()
  For i = 0 To oIndexes.getCount() - 1
    oIndexes.getByIndex(i).update()
  Next i
  oDoc.refresh()
End Sub
"""
_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
_DTD = '<!DOCTYPE {0} PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "{1}.dtd">\n'
_LIBRARIES = (
    _XML
    + _DTD.format("library:libraries", "libraries")
    + '<library:libraries xmlns:library="http://openoffice.org/2000/library" '
    'xmlns:xlink="http://www.w3.org/1999/xlink">\n'
    ' <library:library library:name="Standard" library:link="false"/>\n</library:libraries>\n'
)
_LIBRARY = (
    _XML
    + _DTD.format("library:library", "library")
    + '<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" '
    'library:readonly="false" library:passwordprotected="false">{0}</library:library>\n'
)
_MODULE = (
    _XML
    + _DTD.format("script:module", "module")
    + '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Iopdocs" '
    'script:language="StarBasic">{0}</script:module>\n'
)
_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Events/ApplicationEvents/Bindings"><node oor:name="OnViewCreated" oor:op="replace"><prop oor:name="BindingURL" oor:op="fuse"><value>vnd.sun.star.script:Standard.Iopdocs.UpdateAll?language=Basic&amp;location=application</value></prop></node></item>
</oor:items>
"""
_PROFILE_FILES = {
    "user/registrymodifications.xcu": _REGISTRY,
    "user/basic/script.xlc": _LIBRARIES,
    "user/basic/dialog.xlc": _LIBRARIES,
    "user/basic/Standard/script.xlb": _LIBRARY.format('<library:element library:name="Iopdocs"/>'),
    "user/basic/Standard/dialog.xlb": _LIBRARY.format(""),
    "user/basic/Standard/Iopdocs.xba": _MODULE.format(xml_escape(_UPDATE_MACRO, {'"': "&quot;"})),
}


def seed_profile(profile: Path) -> None:
    """Write a LibreOffice profile whose Basic macro updates indexes and fields on opening.

    The registry binds the macro to the OnViewCreated event of every document,
    and marks the installation complete so that LibreOffice does not copy its
    presets over our Basic library on the first start.
    """
    for name, text in _PROFILE_FILES.items():
        path = profile / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# --- Deterministic bytes ------------------------------------------------------------------------

_INFO_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:\d{14}Z'\)")
_XMP_DATE = re.compile(rb"<xmp:(CreateDate|ModifyDate|MetadataDate)>[0-9T:-]{19}Z</xmp:\1>")
_FILE_ID = re.compile(rb"/ID \[ ?<([0-9A-F]{32})>\s*<([0-9A-F]{32})> ?\]")
_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-F]{32})")


def normalise_pdf(data: bytes, when: datetime) -> bytes:
    """Return LibreOffice's PDF with its export dates set to `when` and content-hash identifiers.

    LibreOffice's /ID and its own /DocChecksum both mix in the time of export;
    both become the MD5 of the file with them blanked. Every replacement has
    the length of what it replaces, so the cross-reference offsets stay right.
    Dates in another form than LibreOffice writes under TZ=UTC are left alone.
    """
    when = when.astimezone(UTC)
    info = when.strftime("%Y%m%d%H%M%S").encode()
    xmp = when.strftime("%Y-%m-%dT%H:%M:%S").encode()
    data = _INFO_DATE.sub(lambda m: b"/" + m[1] + b"(D:" + info + b"Z')", data)
    data = _XMP_DATE.sub(lambda m: b"<xmp:" + m[1] + b">" + xmp + b"Z</xmp:" + m[1] + b">", data)
    spans = [
        m.span(g)
        for rx in (_FILE_ID, _CHECKSUM)
        for m in rx.finditer(data)
        for g in range(1, rx.groups + 1)
    ]
    blank = bytearray(data)
    for start, end in spans:
        blank[start:end] = b"0" * (end - start)
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode()
    for start, end in spans:
        blank[start:end] = digest
    return bytes(blank)


def document_date(source: Path) -> datetime:
    """Return the .docx's last-modified date (else its creation date) from its core properties."""
    try:
        core = zipread.read_member(source, "docProps/core.xml", max_unpacked=1_000_000)
    except (OSError, ValueError):
        return _FALLBACK_DATE
    return (core and ooxml.core_date(core)) or _FALLBACK_DATE
