"""Benchmark the workbench: a change to problems shown, and to page 1's image, against today's way.

Run by hand (not in CI), from the repository root:

    .venv/bin/python benchmarks/web_bench.py [--runs 30]

On a copy of the shipped examples, in one run:

- change → problems: the server's answer to one typed change (POST …/andra:
  apply, round-trip dump, the same checks as `iopdocs validate`, the
  problem list rendered), per example case; target ≤ 100 ms p95;
- change → page 1 image: that change, then the preview (render the .docx as
  the build does, PDF from the running LibreOffice) and page 1's PNG;
  target ≤ 400 ms p95 with LibreOffice warm;
- baseline: what a handläggare does today to see the same page: `iopdocs
  build` of the case and `soffice --convert-to pdf` of its tjänsteskrivelse,
  as two processes.

Prints p50/p95 of each and the ratio baseline / workbench.
"""

from __future__ import annotations

import argparse
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL = "http://127.0.0.1:8000"


def percentiles(samples: list[float]) -> tuple[float, float]:
    """Return p50 and p95 in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def copy_project(target: Path) -> Path:
    """Copy settings, templates and example cases into `target`."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "iopdocs.yaml", target / "iopdocs.yaml")
    shutil.copytree(ROOT / "templates", target / "templates")
    shutil.copytree(ROOT / "cases", target / "cases")
    return target


WORD = "verksamhetsberättelsen"


def changed_text(page: str, step: int, typing: bool = False) -> dict[str, str]:
    """Return the posted form with the memo's 'ärende' text changed (a new sentence each step).

    `typing`: the change stops inside a word, as while someone types (the
    half-typed word is new each time: not in the dictionary, not seen before).
    """
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)[1]
    found = re.search(r'<textarea id="[^"]+" name="ärende"[^>]*>(.*?)</textarea>', page, re.S)
    import html

    text = html.unescape(found[1]) if found else ""
    if typing:
        return {"csrf": csrf, "ärende": f"{text}\nTillägg {step} om {WORD[: 3 + step % 18]}"}
    return {"csrf": csrf, "ärende": f"{text}\nTillägg nummer {step}."}


def measure_workbench(folder: Path, runs: int) -> tuple[list[float], ...]:
    """Return the change→problems, change→page-1 and typing→problems times over every case,
    and the processor time of each change→problems and typing→problems (the server runs in
    this process: its time is this process's, whatever else the machine is doing)."""
    from starlette.testclient import TestClient

    from iopdocs.build.project import Project
    from iopdocs.web.app import create_app
    from iopdocs.web.workbench import Options, Workbench

    bench = Workbench(Project(folder / "iopdocs.yaml", folder / "output"), Options())
    problems, pages, typing, cpu, typing_cpu = [], [], [], [], []
    with TestClient(create_app(bench), base_url=LOCAL) as client:
        if bench.previewer.unavailable:
            sys.exit(f"LibreOffice behövs för mätningen: {bench.previewer.unavailable}")
        for case in sorted((folder / "cases").glob("*.yaml")):
            page = client.get(f"/arende/{case.name}").text
            client.get(f"/arende/{case.name}/forhandsvisning")  # warm: templates compiled
            for step in range(runs):
                form = changed_text(page, step)
                start, start_cpu = time.perf_counter(), time.process_time()
                answer = client.post(f"/arende/{case.name}/andra", data=form)
                problems.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
                assert answer.status_code == 200, answer.status_code
                preview = client.get(f"/arende/{case.name}/forhandsvisning").text
                src = re.search(r'src="(/arende/[^"]+/1\.png)"', preview)[1]
                image = client.get(src)
                pages.append(time.perf_counter() - start)
                assert image.content[:4] == b"\x89PNG"
            for step in range(runs):
                form = changed_text(page, runs + step, typing=True)
                start, start_cpu = time.perf_counter(), time.process_time()
                answer = client.post(f"/arende/{case.name}/andra", data=form)
                typing.append(time.perf_counter() - start)
                typing_cpu.append(time.process_time() - start_cpu)
                assert answer.status_code == 200, answer.status_code
    return problems, pages, typing, cpu, typing_cpu


def measure_baseline(folder: Path, runs: int) -> list[float]:
    """Return the times of `iopdocs build CASE` + `soffice --convert-to pdf` as two processes."""
    case = folder / "cases" / "iop-iogt-nto-pingst-2024-2026.yaml"
    iopdocs = Path(sys.executable).with_name("iopdocs")
    profile = Path(tempfile.mkdtemp(prefix="iopdocs-bench-lo-"))
    times = []
    for step in range(runs):
        text = case.read_text(encoding="utf-8") + f"\n# ändring {step}\n"
        case.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        subprocess.run(
            [str(iopdocs), "build", str(case)], cwd=folder, check=True, capture_output=True
        )
        docx = folder / "output" / case.stem / "tjansteskrivelse.docx"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder / "pdf"),
                str(docx),
            ],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    shutil.rmtree(profile, ignore_errors=True)
    return times


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="ändringar per exempelärende")
    parser.add_argument("--baseline-runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measured = measure_workbench(copy_project(Path(tmp) / "a"), args.runs)
    problems, pages, typing, cpu, typing_cpu = measured
    with tempfile.TemporaryDirectory() as tmp:
        baseline = measure_baseline(copy_project(Path(tmp) / "b"), args.baseline_runs)
    lo = subprocess.run(["soffice", "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Python {platform.python_version()}, {lo}, {len(problems)} ändringar")
    rows = [
        ("ändring → problem visade", problems, 100),
        ("ändring mitt i ett ord → problem visade", typing, 100),
        ("ändring → bild av sida 1", pages, 400),
        ("i dag: iopdocs build + soffice --convert-to pdf", baseline, None),
    ]
    base50, base95 = percentiles(baseline)
    for label, samples, target in rows:
        p50, p95 = percentiles(samples)
        goal = f"  mål p95 ≤ {target} ms: {'ja' if p95 <= target else 'NEJ'}" if target else ""
        ratio = (
            f"  i dag / arbetsytan: {base50 / p50:.0f}× (p50), {base95 / p95:.0f}× (p95)"
            if target
            else ""
        )
        print(f"{label:48} p50 {p50:7.0f} ms  p95 {p95:7.0f} ms{goal}{ratio}")
    for label, samples in (
        ("processortid, ändring", cpu),
        ("processortid, mitt i ett ord", typing_cpu),
    ):
        p50, p95 = percentiles(samples)
        print(f"{label:48} p50 {p50:7.0f} ms  p95 {p95:7.0f} ms")


if __name__ == "__main__":
    main()
