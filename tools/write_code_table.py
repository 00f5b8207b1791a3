"""Rewrite README's table "Felkoder" from the registry of codes (src/iopdocs/codes.py).

Run after adding or changing a code: `python tools/write_code_table.py`.
tests/test_codes.py fails while README and the registry differ.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from iopdocs.codes import markdown_table  # noqa: E402

TABLE = re.compile(r"^\| kod \| vad \|.*?\n(?=\n|\Z)", re.MULTILINE | re.DOTALL)


def main() -> None:
    """Replace README's table of codes with the one made from the registry."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new, count = TABLE.subn(lambda _: markdown_table(), text, count=1)
    if count != 1:
        raise SystemExit("README.md har ingen tabell som börjar med '| kod | vad |'.")
    readme.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
