"""Benchmark the party-name check (N001) at 1, 10 and 100 times the example's size.

Run by hand (not in CI), from the project folder:

    .venv/bin/python benchmarks/names_bench.py

Two ways to grow a case, each against its own baseline in the same run:

1. More parties, the rest as it is (the attack of issue 11): 10, 100 and
   1,000 parties, each with its name, number and amount as texts. Before the
   index, 250 parties took 6.7 s and 1,000 took 98 s (every text against
   every name); linear work gives ratios of 10 and 100.
2. The whole case grown: the example (three parties and its texts) at 1×,
   and at 10× and 100× its parties *and* texts, each new party named in a
   paragraph (one in five misspelt). Work grows with names × text here; a
   case over `NAME_CHECK_BUDGET` (100×) is not compared but gets one N001
   saying so, and the table shows what deciding that cost.

Times are of the N001 rule as a build runs it (one NameIndex per case) and,
where it finishes in reasonable time, of comparing every text with every
name as the rule did before.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from iopdocs.case.load import load_yaml_text
from iopdocs.case.rules.texts import NAME_CHECK_BUDGET
from iopdocs.case.yamlpath import texts
from iopdocs.swedish import names

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "cases" / "iop-ny-tre-parter-2025-2027.yaml"
SYLLABLES = [
    "ber",
    "ga",
    "mö",
    "tes",
    "plats",
    "lin",
    "kö",
    "ping",
    "val",
    "la",
    "ström",
    "sjö",
    "äng",
    "dal",
    "holm",
    "vik",
    "ås",
    "by",
    "torp",
]


def party_names(count: int) -> list[str]:
    """Return `count` different made-up association names."""
    rng, found = random.Random(count), {}
    while len(found) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        name = f"{rng.choice(['Föreningen', 'Stiftelsen', 'Idrottsklubben'])} {word}"
        found[name.lower()] = name
    return list(found.values())


def case_at(scale: int) -> tuple[list[str], list[str]]:
    """Return the names and the texts of the example grown `scale` times."""
    data = load_yaml_text(EXAMPLE.read_bytes(), str(EXAMPLE)).data
    parties = [p["namn"] for p in data["parter"]]
    own = [text for *_, text in texts(data)]
    rng = random.Random(scale)
    extra = party_names(len(parties) * (scale - 1)) if scale > 1 else []
    prose = []
    for name in extra:
        written = name if rng.random() < 0.8 else name[:-2] + name[-1]
        prose.append(f"{written} bidrar med volontärer och lokaler till verksamheten i kommunen.")
    return parties + extra, own * scale + prose + extra


def parties_only(count: int) -> tuple[list[str], list[str]]:
    """Return `count` parties and the texts of a case that only adds parties to the example."""
    data = load_yaml_text(EXAMPLE.read_bytes(), str(EXAMPLE)).data
    own = [text for *_, text in texts(data) if len(text) > 40]
    parties = party_names(count)
    numbers = [f"802{i:06d}-{i % 10}" for i in range(count)]
    return parties, own + parties + numbers + ["1000"] * count


def indexed(parties: list[str], all_texts: list[str]) -> int | str:
    """Return the number of N001 findings as the rule finds them, or why it compares none."""
    index = names.NameIndex([names.normalize(p) for p in parties], parties)
    if index.work(all_texts) > NAME_CHECK_BUDGET:
        return "över"
    return sum(len(index.variants(text)) for text in all_texts)


def every_pair(parties: list[str], all_texts: list[str]) -> int:
    """Return the number of findings when each text gets an index of its own (as before)."""
    targets = [names.normalize(p) for p in parties]
    return sum(len(names.find_variants(text, targets, parties)) for text in all_texts)


def timed(action) -> tuple[float, int]:
    """Return seconds taken and what `action` returned."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def table(title: str, cases: list[tuple[str, list[str], list[str]]], before_up_to: int) -> None:
    """Print one table: each case's size, time, ratio to the first, findings, time before."""
    print(f"\n{title}")
    header = ("skala", "parter", "texter", "N001 s", "×", "fynd", "förr s")
    print("{:>6} {:>7} {:>7} {:>8} {:>6} {:>5} {:>8}".format(*header))
    base = None
    for label, parties, all_texts in cases:
        seconds, found = timed(lambda p=parties, t=all_texts: indexed(p, t))
        base = base or seconds
        before = ""
        if len(parties) <= before_up_to:
            before = f"{timed(lambda p=parties, t=all_texts: every_pair(p, t))[0]:8.2f}"
        print(
            f"{label:>6} {len(parties):>7} {len(all_texts):>7} {seconds:>8.3f} "
            f"{seconds / base:>6.1f} {found!s:>5} {before:>8}"
        )


def main() -> None:
    print(f"Python {sys.version.split()[0]}; grundfall {EXAMPLE.name}")
    grown = [(f"{n // 10}×", *parties_only(n)) for n in (10, 100, 1000)]
    table("1. Fler parter, samma texter", grown, before_up_to=100)
    whole = [(f"{scale}×", *case_at(scale)) for scale in (1, 10, 100)]
    table("2. Hela ärendet större (parter och texter)", whole, before_up_to=30)


if __name__ == "__main__":
    main()
