"""Run many cases: in this process or over a pool of worker processes.

Each worker compiles each template once (cases.compiled is cached per
process) and handles whole chunks of cases, so process start-up and
template compilation are paid once per worker, not once per case.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from iopdocs.build import freshness
from iopdocs.build.project import CaseReport, Project, output_folder

Progress = Callable[[CaseReport], None]
Task = Callable[[Path, Project], CaseReport]


def default_jobs() -> int:
    """Return the number of worker processes to use: one per core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run(
    files: list[Path],
    project: Project,
    *,
    jobs: int = 1,
    validate_only: bool = False,
    progress: Progress | None = None,
) -> list[CaseReport]:
    """Build (or validate) every case; return the reports in the order of `files`.

    Current cases are recognised here, by hashes alone, before the template
    engine is even imported; only outdated cases go to the workers.
    """
    freshness.reset()
    reports: dict[Path, CaseReport] = {}
    todo = files
    if not validate_only:
        reports.update(sharing_a_folder(files, project))
        todo = [f for f in dict.fromkeys(files) if f not in reports]
        current = {f: freshness.current_report(f, project) for f in todo}
        todo = [f for f, report in current.items() if report is None]
        reports.update({f: r for f, r in current.items() if r is not None})
        for report in reports.values():
            if progress:
                progress(report)
    if todo:
        task = _validate_task() if validate_only else _build_task()
        for report in _results(task, todo, project, jobs):
            reports[report.file] = report
            if progress:
                progress(report)
    return [reports[f] for f in files]


def sharing_a_folder(files: list[Path], project: Project) -> dict[Path, CaseReport]:
    """Return a failed report for every case whose output folder another case would share.

    Case files of the same name in different folders (cases/2024/x.yaml and
    cases/2025/x.yaml) would write the same output/x/ in turn; neither is built.
    """
    by_folder: dict[Path, list[Path]] = {}
    for file in dict.fromkeys(files):
        by_folder.setdefault(output_folder(project, file), []).append(file)
    refused = {}
    for folder, sharing in by_folder.items():
        if len({file.resolve() for file in sharing}) < 2:
            continue  # one file, named twice
        for file in sharing:
            others = ", ".join(str(other) for other in sharing if other != file)
            report = CaseReport(file)
            report.failure = (
                f"samma filnamn som {others}: båda skulle skriva i {folder}. "
                "Byt namn på den ena ärendefilen."
            )
            refused[file] = report
    return refused


def _validate_task() -> Task:
    """Return the validation of one case; it loads the schema but never the template engine."""
    from iopdocs.build import prepare

    prepare.load_settings.cache_clear()
    return prepare.validate_case


def _build_task() -> Task:
    """Return the build of one case; the engine and schema load only when there is work."""
    from iopdocs.build import cases

    cases.reset_caches()
    return cases.build_case


def _results(task: Task, files: list[Path], project: Project, jobs: int) -> Iterator[CaseReport]:
    """Yield one report per case as the cases finish."""
    if jobs <= 1 or len(files) <= 1:
        for file in files:
            yield _guarded(task, file, project)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only when there is work

    chunks = _chunks(files, jobs)
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks))) as pool:
        futures = [pool.submit(_run_chunk, task, chunk, project) for chunk in chunks]
        for future in as_completed(futures):
            yield from future.result()


def _run_chunk(task: Task, files: list[Path], project: Project) -> list[CaseReport]:
    """Run one chunk of cases in a worker."""
    return [_guarded(task, file, project) for file in files]


def _guarded(task: Task, file: Path, project: Project) -> CaseReport:
    """Run one case; an error iopdocs did not foresee fails that case, never the others."""
    try:
        return task(file, project)
    except Exception as exc:  # noqa: BLE001 - one case's bug must not stop the batch
        report = CaseReport(file)
        report.failure = (
            f"ett oväntat fel i iopdocs ({type(exc).__name__}: {exc}). Ärendet byggdes inte; "
            "de andra påverkas inte. Rapportera felet med ärendefilen."
        )
        return report


def _chunks(files: list[Path], jobs: int) -> list[list[Path]]:
    """Split the cases into chunks small enough to balance and to show progress."""
    size = max(1, min(32, len(files) // (jobs * 8) or 1))
    return [files[i : i + size] for i in range(0, len(files), size)]
