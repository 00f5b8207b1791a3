"""Benchmark the text-versus-data checks (R004/R005) on hostile texts of the same size.

Run by hand (not in CI), from the project folder:

    .venv/bin/python benchmarks/text_checks_bench.py

Each row is one text in the example's ekonomiska_konsekvenser, checked the
way validate checks it (every domain rule, placed in the file), against a
baseline measured in the same run: ordinary Swedish sentences of the same
length. Linear work gives ratios near 1.

Found by attacking issue 12's rules: digit groups with no unit after them
were read again from every group (64 KB: 5 minutes), 5,000 equal amounts
were each placed by counting the earlier ones (5,000 lines: 40 s), and the
language check's address pattern read a long run of digits again from each
digit (200,000 digits: 8 minutes).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from iopdocs.case import rules as checks
from iopdocs.case.load import load_yaml, load_yaml_text
from iopdocs.case.model import Case
from iopdocs.case.settings import Settings, merge_settings
from iopdocs.case.validate import to_model
from iopdocs.swedish.prose import prose

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml").read_text(encoding="utf-8")
ECONOMY = "  nivå som under den nuvarande perioden.\n"
SIZE = 200_000


def with_text(lines: list[str]) -> str:
    """Return the example with `lines` added to its ekonomiska_konsekvenser."""
    return EXAMPLE.replace(ECONOMY, ECONOMY + "".join(f"  {line}\n" for line in lines), 1)


def texts() -> dict[str, list[str]]:
    """Return the texts to time, each about SIZE characters."""
    sentence = "Föreningen ordnar läxhjälp och träning för barn i Ryd varje vecka."
    groups = " ".join(["111"] * (SIZE // 4))
    return {
        "vanlig text (baslinje)": [sentence] * (SIZE // len(sentence)),
        "siffergrupper utan enhet": [groups],
        "ett tal med 200 000 siffror": ["1" * SIZE + " kr."],
        "5 000 lika belopp, ett per rad": ["Rad: 450 000 kr."] * 5000,
    }


def timed(text: str, lines: list[str], settings) -> float:
    """Return the seconds to load and check a case text, and to read its added text's words."""
    start = time.perf_counter()
    prose.cache_clear()
    prose("\n".join(lines))  # what the language check (K rules) reads first
    loaded = load_yaml_text(text, "fall.yaml")
    case = to_model(loaded, Case)
    checks.derive_and_check(loaded, case, merge_settings(settings, case.organisation), source=text)
    return time.perf_counter() - start


def main() -> int:
    """Print each hostile text's time as a ratio of the ordinary text's."""
    settings = to_model(load_yaml(ROOT / "iopdocs.yaml"), Settings)
    results = {name: timed(with_text(lines), lines, settings) for name, lines in texts().items()}
    baseline = results["vanlig text (baslinje)"]
    for name, seconds in results.items():
        print(f"{name:32} {seconds:7.2f} s  {seconds / baseline:6.1f} × baslinjen")
    return 0


if __name__ == "__main__":
    sys.exit(main())
