"""Compile the Swedish catalogue of click's messages (src/iopdocs/cli/locale/click.sv.po).

Run after editing the .po file: `python tools/compile_catalogue.py`. The
compiled .mo is committed, so that iopdocs loads it with the standard
library's gettext at start-up and needs no compiler when installed;
tests/cli/test_swedish.py fails while the two differ.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "src" / "iopdocs" / "cli" / "locale"


def compiled(po: bytes) -> bytes:
    """Return the .mo bytes of a .po file (deterministic: its header fixes the dates)."""
    catalog = read_po(io.BytesIO(po), locale="sv")
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def main() -> None:
    """Write click.sv.mo next to click.sv.po."""
    po = LOCALE / "click.sv.po"
    po.with_suffix(".mo").write_bytes(compiled(po.read_bytes()))


if __name__ == "__main__":
    main()
