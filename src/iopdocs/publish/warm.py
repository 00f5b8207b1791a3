"""A LibreOffice that stays running: .docx to PDF in a tenth of a second instead of three.

`WarmOffice` starts one LibreOffice listening on a private named pipe (a
per-user socket, unlike a TCP port) with a private profile, and a small bridge
process (`unobridge.py`) under the Python that LibreOffice's UNO bindings are
built for (Debian's python3-uno belongs to /usr/bin/python3, not to our
virtualenv). Requests go to the bridge as JSON lines. A conversion that does
not answer within `timeout` seconds, or a LibreOffice that died, ends both
processes; the next conversion starts them again. When iopdocs stops, even by
kill -9, the bridge sees its stdin close and ends LibreOffice.

Everything the two processes write lives in one locked work folder
(`files.WorkFolder`): the private profile, the PDFs before they are read, and
LibreOffice's own temporary files (its TMPDIR), which it would otherwise leave
in /tmp each time it is killed. They are swept after each conversion, the
temporary files of a LibreOffice that was ended go before the next one
starts, `stop` removes the folder, and the next start removes the folders of
an iopdocs that was killed.

The PDFs are normalised as the command line's are (`pdf.normalise_pdf`):
the same .docx gives the same PDF bytes from either. Conversions are
serialised; the workbench has one user and one LibreOffice.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import selectors
import shutil
import signal
import subprocess
import threading
import uuid
from pathlib import Path

from iopdocs.errors import IopdocsError
from iopdocs.files import WorkFolder
from iopdocs.publish import pdf

BRIDGE = Path(__file__).with_name("unobridge.py")
START_SECONDS = 90.0
DEFAULT_TIMEOUT = 60.0
# Where the Python with LibreOffice's UNO bindings usually is: Debian's, then
# the one LibreOffice's own packages ship.
UNO_PYTHONS = (
    "/usr/bin/python3",
    "/usr/lib/libreoffice/program/python",
    "/opt/libreoffice/program/python",
)


class WarmOfficeError(IopdocsError):
    """The running LibreOffice cannot be started or did not convert a document."""


class _Hung(WarmOfficeError):
    """A conversion did not answer in time; LibreOffice was ended."""


@functools.lru_cache(maxsize=1)
def uno_python() -> str | None:
    """Return a Python that can import LibreOffice's `uno` module, or None."""
    chosen = os.environ.get("IOPDOCS_UNO_PYTHON")
    for candidate in (chosen,) if chosen else UNO_PYTHONS:
        if candidate and _imports_uno(candidate):
            return candidate
    return None


def _imports_uno(python: str) -> bool:
    """Return whether `python` exists and can import uno."""
    try:
        done = subprocess.run(
            [python, "-c", "import uno"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def missing() -> str:
    """Return why a warm LibreOffice cannot run here, in Swedish ("" when it can)."""
    if shutil.which("soffice") is None:
        return "LibreOffice saknas (installera libreoffice-writer-nogui)."
    if uno_python() is None:
        return "LibreOffices Python-brygga saknas (installera python3-uno)."
    return ""


class WarmOffice:
    """One running LibreOffice and its bridge; use start() and stop(), or a with-block."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, soffice: str = "soffice") -> None:
        self.timeout = timeout
        self.soffice = soffice
        self.starts = 0
        self._office: subprocess.Popen | None = None
        self._bridge: subprocess.Popen | None = None
        self._work: Path | None = None
        self._folder: WorkFolder | None = None
        self._lock = threading.Lock()

    def __enter__(self) -> WarmOffice:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> None:
        """Start LibreOffice and the bridge, unless they run; raise WarmOfficeError if they cannot."""
        with self._lock:
            if not self._alive():
                self._start()

    def stop(self) -> None:
        """End LibreOffice and the bridge and remove the private profile."""
        with self._lock:
            self._end()
            if self._folder is not None:
                self._folder.__exit__(None, None, None)
            self._folder = self._work = None

    def convert(self, docx: Path, pdf_a: bool = False) -> bytes:
        """Return the document as normalised PDF bytes; raise WarmOfficeError with a message."""
        problem = pdf.unusable(docx)
        if problem:
            raise WarmOfficeError(problem)
        with self._lock:
            if not self._alive():
                self._end()
                self._start()
            assert self._work is not None
            target = self._work / f"{uuid.uuid4().hex}.pdf"
            request = {"docx": str(docx.resolve()), "pdf": str(target), "pdfa": pdf_a}
            try:
                self._ask_again_if_it_died(request, docx)
                return pdf.normalise_pdf(target.read_bytes(), pdf.document_date(docx))
            finally:
                target.unlink(missing_ok=True)
                self._sweep(running=self._alive())

    def _ask_again_if_it_died(self, request: dict, docx: Path) -> None:
        """Ask for one conversion; if LibreOffice died under it, start it again and ask once more."""
        try:
            self._ask(request, docx)
        except _Hung:
            raise  # the document hangs LibreOffice: it would hang it again
        except WarmOfficeError:
            if self._office is not None and _running(self._office):
                raise  # LibreOffice runs: the document itself failed
            self._end()
            self._start()
            self._ask(request, docx)

    def _ask(self, request: dict, docx: Path) -> None:
        """Send one request; raise WarmOfficeError (restarting later) when it fails or hangs."""
        assert self._bridge is not None and self._bridge.stdin is not None
        try:
            self._bridge.stdin.write(json.dumps(request) + "\n")
            self._bridge.stdin.flush()
        except OSError:
            self._end()
            raise WarmOfficeError(
                f"{docx.name}: LibreOffice slutade svara och startas om."
            ) from None
        answer = self._read(self.timeout)
        if answer is None:
            self._end()
            raise _Hung(
                f"{docx.name}: LibreOffice blev inte klart inom {self.timeout:g} s och startas om."
            )
        if not answer.get("ok"):
            raise WarmOfficeError(f"{docx.name}: LibreOffice gjorde ingen PDF av dokumentet.")

    def _sweep(self, running: bool) -> None:
        """Remove what conversions left: stray PDFs, and LibreOffice's temporary files once
        no LibreOffice uses them (while one runs, only its files older than a conversion)."""
        if self._work is None:
            return
        for stray in self._work.glob("*.pdf"):
            stray.unlink(missing_ok=True)
        temporary = self._work / "tmp"
        if not running:
            shutil.rmtree(temporary, ignore_errors=True)
            temporary.mkdir(exist_ok=True)

    def _start(self) -> None:
        """Start both processes and wait until the bridge is connected."""
        python = uno_python()
        if python is None or shutil.which(self.soffice) is None:
            raise WarmOfficeError(missing() or "LibreOffice saknas.")
        if self._folder is None:
            self._folder = WorkFolder("iopdocs-lo-")
            self._work = self._folder.__enter__()
        assert self._work is not None
        self._sweep(running=False)
        try:
            self._spawn_both(python)
        except WarmOfficeError:
            self._end()
            self._folder.__exit__(None, None, None)
            self._folder = self._work = None
            raise

    def _spawn_both(self, python: str) -> None:
        """Start LibreOffice and the bridge in the work folder; wait until they are connected."""
        assert self._work is not None
        pipe = f"iopdocs-{uuid.uuid4().hex}"
        self.starts += 1
        command = _office_command(self.soffice, self._work / "profil", pipe)
        self._office = _spawn(command, self._work / "tmp")
        self._bridge = subprocess.Popen(
            [python, str(BRIDGE), pipe, str(self._office.pid)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
            start_new_session=True,
            env={**os.environ, "TMPDIR": str(self._work / "tmp")},
        )
        answer = self._read(START_SECONDS)
        if not answer or not answer.get("ready"):
            self._end()
            raise WarmOfficeError("LibreOffice kunde inte startas för förhandsvisningen.")

    def _read(self, timeout: float) -> dict | None:
        """Return the bridge's next answer, or None when it says nothing within `timeout`."""
        assert self._bridge is not None and self._bridge.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self._bridge.stdout, selectors.EVENT_READ)
            if not selector.select(timeout):
                return None
        line = self._bridge.stdout.readline()
        try:
            return json.loads(line) if line else None
        except json.JSONDecodeError:
            return None

    def _alive(self) -> bool:
        """Return whether both processes run."""
        return all(p is not None and p.poll() is None for p in (self._office, self._bridge))

    def _end(self) -> None:
        """Kill both process groups and reap them."""
        for process in (self._bridge, self._office):
            if process is not None:
                _kill_group(process)
        self._office = self._bridge = None


def _running(process: subprocess.Popen, grace: float = 0.5) -> bool:
    """Return whether a process still runs, giving a dying one `grace` seconds to be seen dead."""
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        return True
    return False


def _office_command(soffice: str, profile: Path, pipe: str) -> list[str]:
    """Return the command line of a headless LibreOffice listening on `pipe`."""
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        *("--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck", "--nodefault"),
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ]


def _spawn(command: list[str], temporary: Path) -> subprocess.Popen:
    """Start LibreOffice in its own process group, its output discarded, in UTC, with its
    temporary files in `temporary`."""
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "TZ": "UTC", "TMPDIR": str(temporary)},
            start_new_session=True,
        )
    except OSError as exc:
        raise WarmOfficeError(f"LibreOffice kunde inte startas ({exc.strerror}).") from exc


def _kill_group(process: subprocess.Popen) -> None:
    """Kill a process's group, close its pipes and wait for it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    process.wait()
