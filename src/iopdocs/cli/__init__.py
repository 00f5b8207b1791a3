"""The command line: `iopdocs` and its commands, in Swedish; it only calls the library."""

from iopdocs.cli import archive, build, documents, drafts, serve  # noqa: F401 - each registers
from iopdocs.cli.main import main

__all__ = ["main"]
