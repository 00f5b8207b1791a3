"""Case files edited in place: a ruamel.yaml round trip that keeps comments, order and layout.

What `extend`, the workbench and any other editor of a case file use: the
file's own indentation is detected, quotes are kept, long lines are never
folded. Dumping an unchanged document gives the file's bytes back (tested on
every shipped case), so only edited values change lines.
"""

from __future__ import annotations

import io
import re
from typing import Any


def round_trip(text: str) -> tuple[Any, Any]:
    """Return a round-trip YAML reader/writer set to the file's own indentation, and the data."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the handläggare wrote on one line
    _, sequence, offset = load_yaml_guess_indent(text)
    yaml.indent(mapping=mapping_indent(text), sequence=sequence or 4, offset=offset or 2)
    return yaml, yaml.load(text)


def mapping_indent(text: str) -> int:
    """Return how far the file indents a key under its parent key (2 unless it says otherwise)."""
    lines = text.splitlines()
    for above, line in zip(lines, lines[1:], strict=False):
        if re.match(r"[^\s#-][^:]*:\s*(#.*)?$", above):
            match = re.match(r"( +)[^\s#-]", line)
            if match:
                return len(match.group(1))
    return 2


def dump(yaml: Any, data: Any) -> str:
    """Return the round-trip data as text."""
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
