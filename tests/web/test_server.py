"""`iopdocs serve` as a user starts it: the address, the token, the port, the stop."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.request

from webhelpers import Server

from iopdocs.publish import warm


def children_named(pid: int, name: str) -> list[int]:
    """Return the processes under `pid` (any depth) whose command line mentions `name`."""
    found = []
    out = subprocess.run(["ps", "-eo", "pid=,ppid=,args="], capture_output=True, text=True).stdout
    parents = {}
    for line in out.splitlines():
        child, parent, args = line.split(None, 2)
        parents[int(child)] = (int(parent), args)
    for child, (parent, args) in parents.items():
        while parent in parents and parent != pid:
            parent = parents[parent][0]
        if parent == pid and name in args:
            found.append(child)
    return found


def test_serves_the_project_on_the_local_address_and_stops_with_libreoffice(project_dir):
    server = Server(project_dir)
    try:
        assert server.url.startswith("http://127.0.0.1:")
        page = urllib.request.urlopen(server.url + "/").read().decode("utf-8")
        assert "iop-iogt-nto-pingst-2024-2026.yaml" in page
        if not warm.missing():
            assert children_named(server.process.pid, "soffice"), "LibreOffice starts with serve"
    finally:
        err = server.stop()
    assert server.process.returncode == 0, err
    assert children_named(server.process.pid, "soffice") == []


def test_another_address_prints_a_link_with_a_token(project_dir):
    server = Server(project_dir, "--adress", "0.0.0.0")
    try:
        assert "nyckel=" not in server.url  # Server keeps the address without the query
        refused = subprocess.run(
            [sys.executable, "-c", f"import urllib.request as u; u.urlopen('{server.url}/')"],
            capture_output=True,
            text=True,
        )
        assert "401" in refused.stderr
    finally:
        server.stop()


def test_a_port_in_use_is_said_in_swedish(project_dir):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "iopdocs", "serve", "--port", str(port)],
            cwd=project_dir,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"Kan inte lyssna på 127.0.0.1:{port}" in result.stderr
