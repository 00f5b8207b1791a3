"""Several tabs (or windows, or people) on one case: a post applies only what its own tab changed.

The form posts every field. A tab opened before another tab's change would
otherwise write its old values back over that change. So every form the
server draws gets a view key and a record of the values it shows; a post
applies only the fields whose text differs from what its tab was shown.
A field changed in both tabs to different texts is a clash: it is not
applied, and the tab is told (its own text stays in its field, not lost).
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from iopdocs.web.form import Field

TEXT = "text"
"""The one field of the text editor (a case file that is not readable YAML)."""


@dataclass
class Sorted:
    """A tab's post, sorted: what it changed and may apply, what clashes, and whether it is behind."""

    accepted: dict[str, str] = field(default_factory=dict)
    clashes: list[str] = field(default_factory=list)
    behind: bool = False
    """Another tab changed values this tab does not show (it should reload to see them)."""


def shown_values(form: Field) -> dict[str, str]:
    """Return the text of every field a form shows, by form name."""
    return {f.name: f.value for f in form.walk() if f.path and f.kind not in ("grupp", "lista")}


def _same(a: str | None, b: str | None) -> bool:
    """Return whether two field texts say the same (line ends and one final newline aside)."""
    if a is None or b is None:
        return a is b
    return _norm(a) == _norm(b)


def _norm(text: str) -> str:
    """Return a field text with LF line ends and no final newline."""
    return text.replace("\r\n", "\n").replace("\r", "\n").removesuffix("\n")


class Views:
    """The forms the server has drawn of one case, each with the values it shows."""

    LIMIT = 64

    def __init__(self) -> None:
        self._shown: OrderedDict[str, dict[str, str]] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, shown: dict[str, str]) -> str:
        """Record a form about to be drawn; return its view key."""
        key = secrets.token_hex(12)
        with self._lock:
            self._shown[key] = dict(shown)
            while len(self._shown) > self.LIMIT:
                self._shown.popitem(last=False)
        return key

    def sort(self, key: str, posted: dict[str, str], current: dict[str, str]) -> Sorted:
        """Return which posted fields the tab changed and may apply, and which clash.

        `current` is what the case holds now. A view the server no longer
        knows (it restarted) is taken as showing the current values.
        """
        with self._lock:
            shown = self._shown.get(key)
            if shown is None:
                shown = dict(current)
                if key:
                    self._shown[key] = shown
            result = Sorted()
            for name, text in posted.items():
                before = shown.get(name)
                now = current.get(name)
                if before is not None and _same(text, before):
                    continue  # not changed in this tab
                if before is None or _same(now, before) or _same(now, text):
                    result.accepted[name] = text
                    shown[name] = text
                else:
                    result.clashes.append(name)
            result.behind = any(
                not _same(current.get(name), value)
                for name, value in shown.items()
                if name not in result.clashes and name not in result.accepted
            )
            return result
