"""How large a template's value would become, known before it is made.

One expression in a template can ask for gigabytes: `x|center(10**10)`,
`x|indent(10**9)`, `'%10000000000s'|format(x)`, `x.zfill(10**10)`, a joined
list of a million long texts, or a list that holds itself twice forty times
over and is then written out as text. Python makes such a value in one step,
long before a time limit could stop it, so the sandbox asks this module first:
`text_size` says how long a value is as text without writing it out, and
`estimate` says how long the result of a filter or a text method would be.
Anything above `MAX_LENGTH` characters or items is refused with `TooLarge`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import Any

from jinja2.sandbox import SecurityError
from jinja2.utils import Namespace

MAX_LENGTH = 5_000_000
_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_NUMBER = re.compile(r"\d+")


class TooLarge(SecurityError):
    """A value in a template would be far too large; the message is Swedish."""


def limit_text() -> str:
    """Return the limit as a message says it: '5 000 000 tecken eller poster'."""
    return f"{MAX_LENGTH:,} tecken eller poster".replace(",", "\u00a0")


def refuse_above(size: int, what: str) -> None:
    """Raise TooLarge if `size` is over MAX_LENGTH; `what` says what would grow ('x skulle ge')."""
    if size > MAX_LENGTH:
        raise TooLarge(f"{what} mer än {limit_text()}")


def text_size(value: Any, limit: int = MAX_LENGTH) -> int:
    """Return about how many characters `value` is as text, counting no further than `limit`.

    Lists, tuples, sets, dicts and namespaces are walked, each time they are
    reached, so a list holding itself twice over many levels counts as what
    writing it out would make; the walk stops as soon as the count is over
    `limit`, so it costs at most about `limit` steps.
    """
    total, stack = 0, [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, bool) or item is None:
            total += 5
        elif isinstance(item, int):
            total += digits(item)
        elif isinstance(item, float):
            total += 24
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            stack.extend(item)
        elif isinstance(item, Namespace):
            stack.append(object.__getattribute__(item, "_Namespace__attrs"))
        else:
            total += 1  # the case's own objects and Jinja's helpers: bounded by the case
    return total


def digits(value: int) -> int:
    """Return about how many decimal digits an int has, without writing it out."""
    return int(abs(value).bit_length() * 0.30103) + 1


def check_filter(name: str, args: tuple, kwargs: dict) -> None:
    """Raise TooLarge if the filter `name` on `args` would make (or write out) too much."""
    if args:
        refuse_above(text_size(args[0]), f"värdet till filtret {name} är som text")
    estimate = _FILTERS.get(name)
    if estimate is not None:
        refuse_above(_guess(estimate, args, kwargs), f"filtret {name} skulle ge")


def check_method(name: str, owner: str, args: tuple, kwargs: dict) -> None:
    """Raise TooLarge if the text method `owner.name(*args)` would make too much."""
    estimate = _METHODS.get(name)
    if estimate is not None:
        size = _guess(estimate, (owner, *args), kwargs)
        refuse_above(size, f".{name}() skulle ge")


def check_format(template: str, args: tuple, kwargs: dict) -> None:
    """Raise TooLarge if `template.format(*args, **kwargs)` would make too much."""
    size = len(template) + sum(text_size(v) for v in (*args, *kwargs.values()))
    widths = []
    for _, _, spec, _ in string.Formatter().parse(template):
        spec = spec or ""
        widths += [int(n) for n in _NUMBER.findall(spec)]
        if "{" in spec:  # a width given as an argument
            widths += [v for v in (*args, *kwargs.values()) if _is_int(v)]
    refuse_above(size + sum(widths), ".format() skulle ge")


def check_printf(template: str, values: Any, what: str = "%-formateringen") -> None:
    """Raise TooLarge if `template % values` would make too much."""
    given = values if isinstance(values, tuple) else (values,)
    size = len(template) + text_size(values)
    for width, precision in _PRINTF.findall(template):
        for number in (width, precision):
            if number == "*":
                size += sum(v for v in given if _is_int(v) and v > 0)
            elif number:
                size += int(number)
    refuse_above(size, f"{what} skulle ge")


def _printf(value: Any, *args: Any, **kwargs: Any) -> int:
    """Return about the length of the `format` filter: `value % (kwargs or args)`."""
    try:
        check_printf(str(value), kwargs or args, "filtret format")
    except TooLarge:
        return MAX_LENGTH + 1
    return 0


def _guess(estimate: Callable[..., int], args: tuple, kwargs: dict) -> int:
    """Return the estimate, or 0 when the arguments do not fit (the call will say so)."""
    try:
        return estimate(*args, **kwargs)
    except (TypeError, ValueError, AttributeError):
        return 0


def _is_int(value: Any) -> bool:
    """Return whether a value is an int (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _width(value: Any) -> int:
    """Return a width argument as a number of characters (0 when it is not a width)."""
    if isinstance(value, str):
        return len(value)
    return value if _is_int(value) else 0


def _padded(value: Any, width: Any = 80, *_: Any) -> int:
    """Return the length of a text padded to `width` (center, ljust, rjust, zfill)."""
    return max(text_size(value), _width(width))


def _indented(value: Any, width: Any = 4, *_: Any, **__: Any) -> int:
    """Return the length of `indent`: every line gets the indentation."""
    text = str(value)
    return len(text) + (text.count("\n") + 1) * _width(width)


def _wrapped(value: Any, width: Any = 79, _long: Any = True, wrapstring: Any = None, *_, **kw):
    """Return about the length of `wordwrap`: a break string at most every `width` chars."""
    wrapstring = kw.get("wrapstring", wrapstring)
    text = str(value)
    breaks = len(text) // max(_width(width), 1) + text.count("\n") + 1
    return len(text) + breaks * len(str(wrapstring or "\n"))


def _replaced(value: Any, old: Any, new: Any, count: Any = None, **_: Any) -> int:
    """Return the length of a text with `old` replaced by `new`."""
    text, old, new = str(value), str(old), str(new)
    times = text.count(old)
    if _is_int(count) and count >= 0:
        times = min(times, count)
    return len(text) + times * (len(new) - len(old))


def _joined(value: Any, separator: Any = "", *_: Any, **__: Any) -> int:
    """Return about the length of the items joined by `separator`."""
    items = list(value) if isinstance(value, list | tuple | set | frozenset | dict) else [value]
    return text_size(items) + len(items) * len(str(separator))


def _batched(value: Any, linecount: Any, *_: Any, **__: Any) -> int:
    """Return how many items `batch` may add: up to `linecount` fillers."""
    return _width(linecount)


def _tojson(value: Any, indent: Any = None, **_: Any) -> int:
    """Return about the length of the JSON: every item on a line of its own, indented."""
    size = text_size(value)
    return size * (1 + _width(indent)) if indent else size


def _urlized(
    value: Any, _trim: Any = None, _nofollow: Any = False, target=None, rel=None, *_, **kw
):
    """Return about the length of `urlize`: every word may become a link with its attributes."""
    text = str(value)
    extra = len(str(kw.get("target", target) or "")) + len(str(kw.get("rel", rel) or "")) + 40
    return len(text) * 2 + (text.count(" ") + 1) * extra


def _tabs(value: Any, tabsize: Any = 8) -> int:
    """Return the length of a text with its tabs expanded."""
    text = str(value)
    return len(text) + text.count("\t") * _width(tabsize)


def _translated(value: Any, table: Any) -> int:
    """Return at most how long `str.translate` makes a text."""
    values = table.values() if isinstance(table, dict) else table
    longest = (
        max((text_size(v) for v in values), default=1)
        if isinstance(values, list | tuple | type({}.values()))
        else 1
    )
    return len(str(value)) * max(longest, 1)


def _method_join(separator: Any, items: Any) -> int:
    """Return about the length of `separator.join(items)`."""
    return _joined(items, separator)


_FILTERS: dict[str, Callable[..., int]] = {
    "center": _padded,
    "format": _printf,
    "indent": _indented,
    "wordwrap": _wrapped,
    "replace": _replaced,
    "join": _joined,
    "batch": _batched,
    "slice": _batched,
    "tojson": _tojson,
    "urlize": _urlized,
}
_METHODS: dict[str, Callable[..., int]] = {
    "center": _padded,
    "ljust": _padded,
    "rjust": _padded,
    "zfill": _padded,
    "expandtabs": _tabs,
    "replace": _replaced,
    "join": _method_join,
    "translate": _translated,
}
