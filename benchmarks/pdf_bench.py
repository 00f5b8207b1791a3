"""Compare PdfConverter with one `soffice --convert-to` process per document.

Run by hand (not in CI), after `iopdocs build`:

    python benchmarks/pdf_bench.py [--antal 20] [--docx output/<ärende>/iop-overenskommelse.docx]

Both ways convert the same N copies of one document with the same export
options, in the same run. The per-document way gets a warmed-up profile (its
best case); PdfConverter's time includes creating its profile and starting
LibreOffice. The target is a ratio of at most 0.15.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from iopdocs.publish.pdf import PdfConverter, export_filter, require_all, seed_profile

TARGET = 0.15


def copies(source: Path, folder: Path, count: int) -> list[Path]:
    """Return `count` copies of `source` in `folder`."""
    folder.mkdir(parents=True)
    paths = [folder / f"kopia-{n:03d}.docx" for n in range(1, count + 1)]
    for path in paths:
        shutil.copyfile(source, path)
    return paths


def with_converter(documents: list[Path], out: Path) -> float:
    """Return the seconds PdfConverter takes for the whole batch."""
    start = time.perf_counter()
    with PdfConverter() as converter:
        require_all(converter.convert_files(documents, out))
    assert converter.starts == 1, converter.starts
    return time.perf_counter() - start


def as_built(documents: list[Path], jobs: int) -> float:
    """Return the seconds the build's PDF step takes: one converter per core, one start each."""
    from iopdocs.publish.pdfpublisher import convert

    start = time.perf_counter()
    require_all(convert(documents, jobs, pdf_a=False))
    return time.perf_counter() - start


def soffice_once(document: Path, out: Path, profile: Path) -> None:
    """Convert one document with its own LibreOffice process."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            export_filter(),
            "--outdir",
            str(out),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


def one_process_each(documents: list[Path], out: Path, profile: Path) -> list[float]:
    """Return the seconds of each document converted by a process of its own."""
    seed_profile(profile)
    soffice_once(documents[0], out / "uppvarmning", profile)  # warm the profile, not timed
    times = []
    for document in documents:
        start = time.perf_counter()
        soffice_once(document, out, profile)
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    """Run both ways and print the times and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--antal", type=int, default=20, help="antal kopior (20)")
    parser.add_argument("--docx", type=Path, help="dokumentet (standard: ett byggt avtal)")
    args = parser.parse_args(argv)
    source = args.docx or next(Path("output").glob("*/iop-overenskommelse.docx"), None)
    if source is None:
        parser.error("hittar inget output/*/iop-overenskommelse.docx; kör iopdocs build först")
    with tempfile.TemporaryDirectory(prefix="iopdocs-bench-") as tmp:
        documents = copies(source, Path(tmp) / "in", args.antal)
        batch = with_converter(documents, Path(tmp) / "batch")
        built = as_built(documents, os.cpu_count() or 1)
        each = one_process_each(documents, Path(tmp) / "var-for-sig", Path(tmp) / "profil")
    per_document = batch / len(documents)
    average = sum(each) / len(each)
    print(f"{len(documents)} kopior av {source}")
    print("en process per dokument: " + " ".join(f"{t:.2f}" for t in each) + " s")
    print(f"  i snitt {average:.3f} s/dokument, totalt {sum(each):.2f} s")
    print(f"PdfConverter: {per_document:.3f} s/dokument, totalt {batch:.2f} s (en start)")
    ratio = per_document / average
    print(
        f"kvot {ratio:.3f} (mål högst {TARGET}): {'uppnått' if ratio <= TARGET else 'ej uppnått'}"
    )
    build_ratio = built / len(documents) / average
    print(
        f"som i build --pdf ({os.cpu_count()} konverterare): {built / len(documents):.3f} "
        f"s/dokument, totalt {built:.2f} s; kvot {build_ratio:.3f}: "
        f"{'uppnått' if build_ratio <= TARGET else 'ej uppnått'}"
    )
    return 0 if min(ratio, build_ratio) <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
