"""The command line: `iopdocs` and its commands, in Swedish; it only calls the library."""

from iopdocs.cli import (  # noqa: F401 - each registers its commands
    archive,
    build,
    documents,
    drafts,
    language,
    serve,
    takeback,
)
from iopdocs.cli.main import main

__all__ = ["main"]
