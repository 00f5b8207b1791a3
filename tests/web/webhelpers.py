"""Helpers of the workbench tests: the project, the CSRF key, a served project, the browser."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from iopdocs.build.project import Project

ROOT = Path(__file__).resolve().parents[2]
LOCAL = "http://127.0.0.1:8000"
CHROMIUM = os.environ.get("IOPDOCS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def project_of(folder: Path) -> Project:
    """Return the project of a folder, with absolute paths, as `iopdocs serve` makes it."""
    return Project(folder / "iopdocs.yaml", folder / "output")


def csrf_of(page: str) -> str:
    """Return the CSRF key a page carries."""
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "page carries no CSRF key"
    return found[1]


class Server:
    """`iopdocs serve` started as a user starts it, on a free port, in a project folder.

    Its output goes to a file (a pipe nobody reads could fill and stop it).
    """

    def __init__(self, folder: Path, *args: str) -> None:
        self.folder = folder
        self.log = folder / "serve.log"
        command = [sys.executable, "-m", "iopdocs", "serve", "--port", "0", *args]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=folder,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.url = self._address()

    def output(self) -> str:
        """Return what the server has written so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def _address(self) -> str:
        """Wait for the address the server prints when it is ready."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = re.search(r"(http://\S+)", self.output())
            if found:
                _wait_until_answering(found[1])
                return found[1].split("?")[0].rstrip("/")
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"iopdocs serve did not start: {self.output()}")

    def stop(self) -> str:
        """Stop the server as Ctrl-C does; return what it wrote."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        return self.output()


def _wait_until_answering(url: str) -> None:
    """Wait until the server answers HTTP."""
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers, if only to refuse
        except OSError:
            time.sleep(0.1)
