"""Every test module under tests/ is collected by the suite's own configuration."""

import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent


def test_every_test_module_is_collected():
    """pytest skips some folder names (build, dist, …) unless told otherwise: none may hide."""
    answer = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=TESTS.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    collected = {line.split("::")[0] for line in answer.stdout.splitlines() if "::" in line}
    modules = {p.relative_to(TESTS.parent).as_posix() for p in TESTS.rglob("test_*.py")}
    assert modules - collected == set()
