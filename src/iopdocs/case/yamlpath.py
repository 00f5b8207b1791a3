"""Where a value stands in a case file: its path of keys, the texts under it, its line.

A path is the keys and list indexes from the top of the file down to a
value, `("parter", 0, "namn")`, written `parter[0].namn` in messages. Every
module that looks at a loaded case file names values this way.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Any

YamlPath = tuple[str | int, ...]
Position = tuple[int, int]

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def format_path(path: YamlPath) -> str:
    """Return path written as `a.b[2].c`, the way problems name a field."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def texts(
    value: Any, path: YamlPath = (), skip: Collection[str] = ()
) -> Iterator[tuple[YamlPath, Any, str | int, str]]:
    """Yield (path, container, key, text) for every string under `value`, in file order.

    Keys named in `skip` are passed over with everything under them. The
    container and key let a caller replace the text in place.
    """
    if not isinstance(value, dict | list):
        return
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if key in skip:
            continue
        if isinstance(item, str):
            yield (*path, key), value, key, item
        elif isinstance(item, dict | list):
            yield from texts(item, (*path, key), skip)


def line_column(text: str, offset: int) -> Position:
    """Return the 1-based line and column of the character at `offset` of `text`."""
    before = text[:offset]
    breaks = list(LINE_BREAK.finditer(before))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - line_start + 1
