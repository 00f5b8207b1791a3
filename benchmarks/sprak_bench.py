"""Benchmark the language check (iopdocs sprak) on every example, warm, against baselines.

Run by hand (not in CI), from the project folder:

    .venv/bin/python benchmarks/sprak_bench.py          # 25 runs of each
    .venv/bin/python benchmarks/sprak_bench.py -n 51

What is measured, in the same run and in turns (A B C A B C ...), after a
warm-up run of each (the dictionary is open, the caches hold the examples'
words, as in the workbench after its first check):

- the language check of all examples from their text: YAML, every check,
  suggestions on (`check_case_text`);
- the same with every text new to the process (the cache of split texts
  emptied first; the words are still remembered);
- one keystroke: one example with a new word added to a text each run, so a
  word the caches have not seen is checked (suggestions off, as while typing);
- baseline 1, what `validate` already does for the same examples without the
  language (YAML, schema, rules);
- baseline 2, the same language check with a speller that remembers no
  words: every word asked of hunspell again.

Target: all examples in under 100 ms after warm-up. The machine is shared:
the processor time of this process is printed beside the wall time, and the
ratios compare runs made in the same turns.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from iopdocs.build.prepare import prepare
from iopdocs.build.project import Project
from iopdocs.case.language import check_case_text, vocabulary_for
from iopdocs.swedish.prose import prose
from iopdocs.swedish.spelling import DictionaryMissing, Speller, shared_speller

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 100.0


class Forgetful(Speller):
    """A speller that asks the dictionary every time (baseline 2)."""

    def known(self, word: str) -> bool:
        """Return whether the dictionary has `word`, without remembering."""
        return bool(self._dictionary.check(word))


def median_ms(runs: list[float]) -> float:
    return 1000 * statistics.median(runs)


def main() -> None:
    """Measure, then print the medians and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=25, help="runs of each")
    args = parser.parse_args()

    started = time.perf_counter()
    speller = shared_speller()
    if isinstance(speller, DictionaryMissing):
        raise SystemExit(str(speller))
    opened = time.perf_counter() - started
    vocabulary = vocabulary_for(ROOT / "iopdocs.yaml")
    files = sorted((ROOT / "cases").glob("*.yaml"))
    texts = {f: f.read_bytes() for f in files}
    words = sum(
        section.counts.words
        for file in files
        for section in check_case_text(texts[file], str(file), vocabulary).sections
    )
    project = Project(ROOT / "iopdocs.yaml", ROOT / "output")
    forgetful = Forgetful(speller._dictionary)
    typed = [0]

    def language() -> None:
        for file, text in texts.items():
            check_case_text(text, str(file), vocabulary, speller=speller)

    def new_texts() -> None:
        prose.cache_clear()
        language()

    def keystroke() -> None:
        typed[0] += 1
        file = files[-1]
        text = texts[file].replace(b"\nmbl: |\n", f"\nmbl: |\n  Ordet nyord{typed[0]}.\n".encode())
        check_case_text(text, str(file), vocabulary, speller=speller, suggest=False)

    def validate() -> None:
        for file, text in texts.items():
            prepare(file, project, text)

    def uncached() -> None:
        for file, text in texts.items():
            check_case_text(text, str(file), vocabulary, speller=forgetful)

    measured: dict[str, Callable[[], None]] = {
        "språkkontroll, alla exempel": language,
        "språkkontroll, alla exempel, texterna nya": new_texts,
        "en tangenttryckning (nytt ord i ett exempel)": keystroke,
        "baslinje 1: validate utan språk, alla exempel": validate,
        "baslinje 2: språkkontroll utan ordcache": uncached,
    }
    runs: dict[str, list[float]] = {name: [] for name in measured}
    cpu: dict[str, list[float]] = {name: [] for name in measured}
    for action in measured.values():
        action()  # warm-up
    for _ in range(args.n):
        for name, action in measured.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            action()
            runs[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)

    print(f"{len(files)} exempel, {words} ord; ordlistan öppnades på {1000 * opened:.0f} ms")
    for name in measured:
        print(
            f"  {name}: median {median_ms(runs[name]):6.1f} ms "
            f"(processortid {median_ms(cpu[name]):.1f} ms) av {args.n} körningar"
        )
    ours = median_ms(runs["språkkontroll, alla exempel"])
    verdict = "inom" if ours < TARGET_MS else "över"
    print(f"språkkontroll av alla exempel: {ours:.1f} ms ({verdict} målet {TARGET_MS:.0f} ms)")
    for name in list(measured)[3:]:
        print(f"kvot mot {name.split(':')[0]}: {ours / median_ms(runs[name]):.2f}")


if __name__ == "__main__":
    main()
