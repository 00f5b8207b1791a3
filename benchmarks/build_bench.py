"""Benchmark batch builds against plain docxtpl, all figures from one run.

Run by hand (not in CI), from the project folder:

    .venv/bin/python benchmarks/build_bench.py            # 1,000 cases
    .venv/bin/python benchmarks/build_bench.py -n 200     # quicker
    .venv/bin/python benchmarks/build_bench.py --scale    # also 10 x N, for linearity

It generates N synthetic but valid cases from the shipped example, then
measures, each as a separate `iopdocs build` process: a cold build on one
core and on all cores, a no-op rebuild, and a rebuild after one case
changed; and, in this process, the same documents rendered the plain
docxtpl way (a fresh DocxTemplate per document, render, save). It prints
per-document times, the peak memory of the largest process and the
ratios the project's targets are stated in.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"


@dataclass
class Run:
    """One measured build process."""

    seconds: float
    peak_mb: float


def synthetic_cases(folder: Path, count: int, seed: int = 1) -> None:
    """Write `count` valid cases that differ in numbers, amounts and names."""
    base = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    base.pop("summor", None)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        case = json.loads(json.dumps(base, default=str))
        case["diarienummer"] = f"SON {2020 + i % 6}-{i + 1:04d}"
        case["rubrik"] = f"{base['rubrik']} (syntetiskt ärende {i + 1})"
        for party in case["parter"]:
            party.pop("summa_kostnader", None)
            party["årlig_ersättning"] = rng.randrange(100_000, 900_000)
            for row in party["kostnadsbudget"]:
                row["belopp"] = rng.randrange(50_000, 1_500_000)
        text = yaml.safe_dump(case, allow_unicode=True, sort_keys=False)
        (folder / f"fall-{i:05d}.yaml").write_text(text, encoding="utf-8")


def project(workdir: Path, count: int) -> Path:
    """Return a project folder with settings, templates and `count` cases."""
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "iopdocs.yaml", workdir / "iopdocs.yaml")
    shutil.copytree(ROOT / "templates", workdir / "templates", dirs_exist_ok=True)
    synthetic_cases(workdir / "cases", count)
    return workdir


MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "took = time.perf_counter() - start\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(json.dumps([took, peak, code]))\n"
)


def build(workdir: Path, *args: str) -> Run:
    """Run one `iopdocs build` process; return its wall time and peak memory."""
    command = [sys.executable, "-m", "iopdocs", "build", "--ut", str(workdir / "output"), *args]
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], cwd=workdir, capture_output=True, text=True
    )
    seconds, peak, code = json.loads(out.stdout)
    if code != 0:
        raise SystemExit(f"iopdocs build {' '.join(args)} avslutades med kod {code}")
    return Run(seconds, peak)


def cold(workdir: Path, jobs: int) -> Run:
    """Return a cold build (empty output folder) on `jobs` processes."""
    shutil.rmtree(workdir / "output", ignore_errors=True)
    return build(workdir, "--jobb", str(jobs))


def docxtpl_baseline(workdir: Path, sample: int) -> float:
    """Return seconds per document rendering with plain docxtpl, same contexts."""
    from docxtpl import DocxTemplate

    from iopdocs.build import cases
    from iopdocs.build.kinds import documents_for
    from iopdocs.build.prepare import prepare
    from iopdocs.build.project import Project
    from iopdocs.word import markup, render

    settings_file = workdir / "iopdocs.yaml"
    proj = Project(settings_file, workdir / "baseline")
    files = sorted((workdir / "cases").glob("*.yaml"))[:sample]
    prepared = [prepare(f, proj) for f in files]
    env = render.environment()
    out = tempfile.mkdtemp()
    count, start = 0, time.perf_counter()
    for p in prepared:
        for document in documents_for(p.case):
            compiled = cases.compiled(workdir / "templates" / document.kind.template)
            token = markup.CURRENT.set(markup.RenderState(compiled.styles, 1000))
            template = DocxTemplate(str(workdir / "templates" / document.kind.template))
            template.render(cases.context_for(p, document), jinja_env=env)
            template.save(os.path.join(out, f"{count}.docx"))
            markup.CURRENT.reset(token)
            count += 1
    took = time.perf_counter() - start
    shutil.rmtree(out)
    return took / count


def verdict(ok: bool) -> str:
    """Return the word for a met or missed target."""
    return "uppfyllt" if ok else "EJ uppfyllt"


def measure(count: int, jobs: int, workroot: Path) -> dict[str, float]:
    """Return every figure for one number of cases."""
    workdir = project(workroot / f"n{count}", count)
    one = cold(workdir, 1)
    documents = len(list((workdir / "output").rglob("*.docx")))
    many = cold(workdir, jobs)
    noop = build(workdir, "--jobb", str(jobs))
    changed_case = next((workdir / "cases").glob("*.yaml"))
    changed_case.write_text(changed_case.read_text(encoding="utf-8") + "# ändrad\n", "utf-8")
    one_changed = build(workdir, "--jobb", str(jobs))
    return {
        "cold_1": one.seconds,
        "cold_n": many.seconds,
        "noop": noop.seconds,
        "one_changed": one_changed.seconds,
        "peak_mb": max(one.peak_mb, many.peak_mb, noop.peak_mb),
        "docs": documents,
    }


def report(n: int, jobs: int, figures: dict, baseline: float, scaled: dict | None) -> None:
    """Print the figures and the targets they meet."""
    per_doc = figures["cold_1"] / figures["docs"]
    print(
        f"maskin: {os.cpu_count()} kärnor, Python {sys.version.split()[0]}, {n} ärenden = {figures['docs']} dokument"
    )
    print(
        f"kall bygge, 1 process:        {figures['cold_1']:8.2f} s  ({per_doc * 1000:.2f} ms/dokument)"
    )
    print(
        f"kall bygge, {jobs} processer:      {figures['cold_n']:8.2f} s  ({figures['cold_n'] / figures['docs'] * 1000:.2f} ms/dokument)"
    )
    print(f"inget ändrat:                 {figures['noop']:8.2f} s")
    print(f"ett ärende ändrat:            {figures['one_changed']:8.2f} s")
    print(f"docxtpl (ny mall per dokument): {baseline * 1000:6.2f} ms/dokument")
    print(f"största process, minne:       {figures['peak_mb']:8.1f} MB")
    print("\nmål:")
    ratio = per_doc / baseline
    print(f"  kostnad per dokument / docxtpl = {ratio:.2f} (mål ≤ 0,5): {verdict(ratio <= 0.5)}")
    noop_share = figures["noop"] / figures["cold_n"]
    print(
        f"  inget ändrat = {figures['noop']:.2f} s (mål ≤ 1 s) och {noop_share:.1%} av kall bygge (mål ≤ 3 %): {verdict(figures['noop'] <= 1 and noop_share <= 0.03)}"
    )
    speedup = figures["cold_1"] / figures["cold_n"]
    print(
        f"  {jobs} kärnor / 1 kärna = {speedup:.2f}× snabbare (mål ≥ 1,7×): {verdict(speedup >= 1.7)}"
    )
    print(
        f"  minne {figures['peak_mb']:.0f} MB (mål ≤ 300 MB): {verdict(figures['peak_mb'] <= 300)}"
    )
    if scaled:
        growth = scaled["cold_n"] / figures["cold_n"]
        print(
            f"  10× ärenden tar {growth:.2f}× tiden (mål ≤ 11): {verdict(growth <= 11)}; minne {scaled['peak_mb']:.0f} MB"
        )


def main() -> None:
    """Parse arguments, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="antal ärenden (standard 1000)")
    parser.add_argument("--jobb", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--baseline-sample", type=int, default=100, help="ärenden för docxtpl-mätningen"
    )
    parser.add_argument("--scale", action="store_true", help="mät också 10 × n ärenden")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="iopdocs-bench-") as tmp:
        workroot = Path(tmp)
        figures = measure(args.n, args.jobb, workroot)
        baseline = docxtpl_baseline(workroot / f"n{args.n}", min(args.n, args.baseline_sample))
        scaled = measure(args.n * 10, args.jobb, workroot) if args.scale else None
        report(args.n, args.jobb, figures, baseline, scaled)


if __name__ == "__main__":
    main()
