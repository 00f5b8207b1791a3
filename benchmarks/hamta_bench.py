"""Benchmark `iopdocs hamta` and what it costs every build, all figures from one run.

Run by hand (not in CI), from the project folder:

    .venv/bin/python benchmarks/hamta_bench.py          # 5 rounds
    .venv/bin/python benchmarks/hamta_bench.py -r 20

In a copy of the shipped project, in this process, on one core:

- a full rebuild of the example cases with the generated copies kept (what
  every build now does) against the same rebuild without keeping them;
- reading an edited tjänsteskrivelse and agreement back (`propose`: read,
  compare with the kept copy, map to the case file) against building that
  case's documents once;
- reading back hostile sizes (5,000 typed paragraphs; 100 paragraphs of
  20,000 characters each, so that no generated paragraph aligns) against
  reading back the edited tjänsteskrivelse.

It prints the median times and the ratios.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from wordlike import WordDoc  # noqa: E402

from iopdocs.authoring import takeback  # noqa: E402
from iopdocs.build import batch, cases, generated  # noqa: E402
from iopdocs.build.project import Project  # noqa: E402

NEW = "iop-ny-tre-parter-2025-2027"


def copy_project(folder: Path) -> Project:
    """Copy the shipped settings, templates and cases into `folder`."""
    for name in ("iopdocs.yaml", "ordlista.txt"):
        shutil.copy(ROOT / name, folder / name)
    for name in ("templates", "cases"):
        shutil.copytree(ROOT / name, folder / name)
    return Project((folder / "iopdocs.yaml").resolve(), folder / "output", rebuild_all=True)


def median_seconds(action, rounds: int) -> float:
    """Return the median wall time of `action` over `rounds` runs."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def edited(path: Path) -> bytes:
    """Return a document with the edits of issue 16's scenario that apply to it."""
    doc = WordDoc(path.read_bytes())
    if path.name == "tjansteskrivelse.docx":
        doc.retype("Kvinnor som har lämnat", "Kvinnor behöver stöd länge efter krisen.")
        doc.mark("Kvinnojouren Fyrljuset och Stångåmissionen möter", "många", "b")
        doc.retype_cell("415 000 kr", "425 000 kr")
    else:
        doc.enter_after("Missionen samordnar parternas volontärer", "En sommarvecka.")
    return doc.save()


def typed(path: Path, count: int, length: int) -> bytes:
    """Return a document with `count` paragraphs of about `length` characters typed into it."""
    doc = WordDoc(path.read_bytes())
    words = [
        "stöd",
        "kvinnor",
        "barn",
        "jour",
        "ersättning",
        "avtal",
        "uppföljning",
        "kommun",
        "och",
        "som",
        "har",
    ]
    for n in range(count):
        text = " ".join(words[(n + i) % len(words)] for i in range(max(1, length // 6)))
        doc.enter_after("Kvinnor som har lämnat", text)
    return doc.save()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-r", "--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp))
        files = sorted((Path(tmp) / "cases").glob("*.yaml"))
        batch.run(files, project)  # warm: templates compiled, folders made

        def build() -> None:
            batch.run(files, project)

        with_copies = median_seconds(build, rounds)
        keep = generated.keep
        generated.keep = lambda *args: None
        try:
            without_copies = median_seconds(build, rounds)
        finally:
            generated.keep = keep

        case_file = Path(tmp) / "cases" / f"{NEW}.yaml"
        one_case = median_seconds(lambda: cases.build_case(case_file, project), rounds)
        folder = Path(tmp) / "output" / NEW
        documents = {p.name: edited(p) for p in sorted(folder.glob("*.docx"))}

        def read_back() -> None:
            for name, data in documents.items():
                takeback.propose(data, name, project, case_file)

        reading = median_seconds(read_back, rounds)
        memo = folder / "tjansteskrivelse.docx"
        normal = median_seconds(
            lambda: takeback.propose(documents[memo.name], memo.name, project, case_file), rounds
        )
        hostile = {}
        for label, data in (
            ("5 000 inskrivna stycken", typed(memo, 5000, 60)),
            ("100 stycken à 20 000 tecken", typed(memo, 100, 20000)),
        ):
            hostile[label] = median_seconds(
                lambda data=data: takeback.propose(data, memo.name, project, case_file),
                min(rounds, 3),
            )
    count = len(documents)
    print(f"{len(files)} ärenden, {rounds} omgångar, median")
    print(f"  bygge med sparade kopior:   {with_copies * 1000:8.1f} ms")
    print(f"  bygge utan sparade kopior:  {without_copies * 1000:8.1f} ms")
    print(f"  kvot:                       {with_copies / without_copies:8.2f}")
    print(f"  hamta, {count} dokument:         {reading * 1000:8.1f} ms")
    print(f"  bygga samma ärende:         {one_case * 1000:8.1f} ms")
    print(f"  kvot hamta / bygge:         {reading / one_case:8.2f}")
    print(f"  hamta, tjänsteskrivelsen:   {normal * 1000:8.1f} ms")
    for label, seconds in hostile.items():
        print(f"  {label + ':':<28}{seconds * 1000:8.1f} ms  kvot {seconds / normal:6.1f}")


if __name__ == "__main__":
    main()
