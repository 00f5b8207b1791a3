"""eark-validator runs with no network at all (as in CI): its vocabularies come from tests/archive/vocabularies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

NO_NETWORK = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("ingen förbindelse i testet")
socket.socket.connect = refuse
socket.getaddrinfo = refuse
socket.create_connection = refuse
sys.path.insert(0, {here!r})
"""


def run(body: str) -> subprocess.CompletedProcess:
    """Run `body` in a fresh Python where every network connection is refused."""
    code = NO_NETWORK.format(here=str(HERE)) + body
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_the_validator_imports_without_network():
    answer = run(
        "from offline_eark import validator\n"
        "validator()\n"
        "from eark_validator.ipxml import schematron\n"
        "print('klar')\n"
    )
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.strip() == "klar"


def test_without_the_local_vocabularies_the_validator_would_need_the_network():
    """The guard above is real: the validator's own import reaches for the network."""
    answer = run("from eark_validator.packages import PackageValidator\nprint('klar')\n")
    assert answer.returncode != 0 and "ingen förbindelse i testet" in answer.stderr
