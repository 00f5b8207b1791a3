"""Documents uploaded to take their edits back, held while the user reviews them.

An upload is read once (`authoring.takeback.propose`) and its proposal kept
here under a random key until it is saved or dropped; the key is the only way
to reach it, and only through the case it was uploaded to. The body of an
upload is read with a limit, whether or not the request said its length.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.requests import Request

from iopdocs.authoring.takeback import Proposal

MAX_UPLOAD_BYTES = 7_000_000
"""The largest upload (a .docx and the form around it), under the workbench's request limit."""
KEEP = 20


class TooLarge(Exception):
    """An upload larger than MAX_UPLOAD_BYTES."""


@dataclass(frozen=True)
class Upload:
    """A proposal waiting for review, and the case file it was uploaded to."""

    case_name: str
    proposal: Proposal


class Uploads:
    """The latest proposals by key; older ones are forgotten."""

    def __init__(self) -> None:
        self._held: OrderedDict[str, Upload] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, case_name: str, proposal: Proposal) -> str:
        """Keep a proposal for a case; return its key."""
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._held[key] = Upload(case_name, proposal)
            while len(self._held) > KEEP:
                self._held.popitem(last=False)
        return key

    def get(self, case_name: str, key: str) -> Proposal | None:
        """Return the proposal with `key` uploaded to that case, or None."""
        with self._lock:
            held = self._held.get(key)
        return held.proposal if held is not None and held.case_name == case_name else None

    def drop(self, key: str) -> None:
        """Forget a proposal."""
        with self._lock:
            self._held.pop(key, None)


async def limited_request(request: Request, limit: int = MAX_UPLOAD_BYTES) -> Request:
    """Return the request with its body read, at most `limit` bytes; raise TooLarge beyond."""
    pieces, size = [], 0
    async for piece in request.stream():
        size += len(piece)
        if size > limit:
            raise TooLarge
        pieces.append(piece)
    body = b"".join(pieces)
    sent = False

    async def receive() -> dict:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, receive)
