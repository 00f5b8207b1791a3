"""Benchmark the cost of a start: `iopdocs validate` of one case against `python -c pass`.

Run by hand (not in CI), from the project folder:

    .venv/bin/python benchmarks/startup_bench.py          # 21 runs of each
    .venv/bin/python benchmarks/startup_bench.py -n 51
    .venv/bin/python benchmarks/startup_bench.py --mot ../annan/.venv/bin/iopdocs

Both commands run as whole processes, in turn (A B A B ...), after warm-up
runs that also write the bytecode caches; the medians are compared in the
same run, so a machine that is busy for a while slows both. It prints the
median of each, the overhead of `iopdocs validate` over bare Python, the
ratio, and the third-party modules the validation imports. With `--mot`
another installation's `iopdocs` (an earlier version, say) is timed in the
same turns, on the same case file; with `--mot-kod` another checkout's
source (say a copy of main before a change) is run by this same Python.

It also times the floor under the target: bare Python importing just the
libraries a validation cannot do without (click for the command line,
PyYAML for the file, pydantic for the schema) and validating with a
one-field pydantic model (pydantic loads most of itself at its first
model). What that costs over `python -c pass` is spent before any line of
iopdocs runs.

Target: at most 0.15 s of overhead.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "cases/iop-iogt-nto-pingst-2024-2026.yaml"
TARGET = 0.15
STACK = (
    "import click, yaml\nfrom pydantic import BaseModel\n"
    "class One(BaseModel):\n    x: int\nOne(x=1)"
)
SOURCE_RUN = (
    "import sys\nsys.path.insert(0, sys.argv.pop(1))\n"
    "from iopdocs.cli import main\nsys.argv[0] = 'iopdocs'\nmain()"
)


def seconds(command: list[str], env: dict[str, str]) -> float:
    """Return the wall time of one run of `command`; fail loudly if it fails."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def imported(validate: list[str], env: dict[str, str]) -> list[str]:
    """Return the top-level packages a validation imports, beside the standard library."""
    code = (
        "import sys\nfrom iopdocs.cli import main\n"
        f"sys.argv = {['iopdocs', *validate[1:]]!r}\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    names = out.stderr.strip().splitlines()[-1].split()
    return [n for n in names if n not in sys.stdlib_module_names and not n.startswith("_")]


def main() -> None:
    """Measure, then print the medians, the overhead and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=21, help="runs of each command")
    parser.add_argument("--warmup", type=int, default=3, help="runs not counted, first")
    parser.add_argument("--mot", metavar="IOPDOCS", help="another iopdocs to time the same way")
    parser.add_argument("--mot-kod", metavar="MAPP", help="another checkout, run from its src/")
    parser.add_argument("--utan-sprak", action="store_true", help="validate without the language")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    iopdocs = str(Path(sys.executable).with_name("iopdocs"))
    flags = ["--utan-sprak"] if args.utan_sprak else []
    validate = [iopdocs, "validate", *flags, EXAMPLE]
    commands = {
        "validate": validate,
        "bare": [sys.executable, "-c", "pass"],
        "floor": [sys.executable, "-c", STACK],
    }
    if args.mot:
        commands["other"] = [args.mot, "validate", *flags, str(ROOT / EXAMPLE)]
    if args.mot_kod:
        source = Path(args.mot_kod).resolve() / "src"
        commands["code"] = [
            sys.executable,
            "-c",
            SOURCE_RUN,
            str(source),
            "validate",
            *flags,
            EXAMPLE,
        ]
        commands["here"] = [
            sys.executable,
            "-c",
            SOURCE_RUN,
            str(ROOT / "src"),
            "validate",
            *flags,
            EXAMPLE,
        ]
    for _ in range(args.warmup):
        for command in commands.values():
            seconds(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.n):
        for name, command in commands.items():
            times[name].append(seconds(command, env))
    ours, python = (statistics.median(times[k]) for k in ("validate", "bare"))
    overhead = ours - python
    print(f"iopdocs validate {EXAMPLE}: median {ours:.3f} s av {args.n} körningar")
    print(f"python -c pass: median {python:.3f} s")
    verdict = "inom" if overhead <= TARGET else "över"
    print(f"kostnad för start och kontroll: {overhead:.3f} s ({verdict} målet {TARGET} s)")
    print(f"kvot mot ren python: {ours / python:.1f}")
    floor = statistics.median(times["floor"]) - python
    print(f"golv: click, PyYAML och en pydanticmodell: {floor:.3f} s utöver python -c pass")
    print(f"iopdocs egen del: {overhead - floor:.3f} s")
    if args.mot:
        other = statistics.median(times["other"])
        print(f"{args.mot}: median {other:.3f} s, kostnad {other - python:.3f} s")
        print(f"den här mot den andra: {ours / other:.2f}")
    if args.mot_kod:
        here, code = (statistics.median(times[k]) for k in ("here", "code"))
        print(f"den här koden {here:.3f} s, {args.mot_kod}: {code:.3f} s, kvot {here / code:.2f}")
    print("tredjepartspaket som laddas:", " ".join(imported(validate, env)))


if __name__ == "__main__":
    main()
