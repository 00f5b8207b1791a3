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
digit (200,000 digits: 8 minutes). Since amounts are also read as "450 000:-"
and "450.000 kr", runs of dot groups and of ":-" are timed too, and a text of
unknown amounts in every form, of which only 20 per code are worded and placed.
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
FORMS = ["450 000:-", "450.000 kr", "2.555 mnkr", "450 TSEK", "0,55 mnkr", "1 850 000 mnkr"]


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
        # amounts that match nothing, in every form read: all but 20 per code only counted
        "okända belopp i alla former": [" ".join(FORMS * (SIZE // len(" ".join(FORMS))))],
        "punktgrupper utan enhet": [".".join(["111"] * (SIZE // 4))],
        "kolon-streck utan tal": [":- " * (SIZE // 3)],
    }


def timed(text: str, lines: list[str], settings) -> tuple[float, int]:
    """Return the seconds to load and check a case text, and to read its added text's words,
    and the number of problems found."""
    start = time.perf_counter()
    prose.cache_clear()
    prose("\n".join(lines))  # what the language check (K rules) reads first
    loaded = load_yaml_text(text, "fall.yaml")
    case = to_model(loaded, Case)
    _, problems = checks.derive_and_check(
        loaded, case, merge_settings(settings, case.organisation), source=text
    )
    return time.perf_counter() - start, len(problems)


def main() -> int:
    """Print each hostile text's time as a ratio of the ordinary text's."""
    settings = to_model(load_yaml(ROOT / "iopdocs.yaml"), Settings)
    results = {name: timed(with_text(lines), lines, settings) for name, lines in texts().items()}
    baseline = results["vanlig text (baslinje)"][0]
    for name, (seconds, found) in results.items():
        ratio = seconds / baseline
        print(f"{name:32} {seconds:7.2f} s  {ratio:6.1f} × baslinjen  {found:6} problem")
    return 0


if __name__ == "__main__":
    sys.exit(main())
