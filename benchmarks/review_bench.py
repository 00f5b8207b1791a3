"""Benchmark `diff` and `redline` of long documents: 1,000, 10,000 and 100,000 paragraphs.

Run by hand (not in CI), from the project folder:

    .venv/bin/python benchmarks/review_bench.py              # 1k, 10k, 100k paragraphs
    .venv/bin/python benchmarks/review_bench.py --sizes 1000 10000

For each size it writes two versions of a document under a heading every 50
paragraphs, one paragraph in a hundred edited, and times `diff_documents` and
`redline` on them, in this process. Two kinds of text: every paragraph
different, and every other paragraph the same sentence (as real papers repeat
"0 kr", empty cells and stock sentences), which made difflib quadratic: 8,000
such paragraphs took 28 s before review/align.py. Ratios are against the
smallest size, measured in the same run; linear work gives 10 and 100.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx

from iopdocs.review import diff, redline

WORDS = [
    "kommunen",
    "föreningen",
    "partnerskapet",
    "ersättningen",
    "verksamheten",
    "nämnden",
    "parterna",
    "överenskommelsen",
    "stödet",
    "kvinnor",
    "barn",
    "mötesplatsen",
    "volontärer",
    "budget",
    "år",
    "period",
]
SENTENCE = "Beloppet räknas upp med omsorgsprisindex."


def write_document(path: Path, paragraphs: list[str]) -> Path:
    """Write a .docx of `paragraphs` straight into its XML (python-docx adds them in O(n²))."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    body = []
    for i, text in enumerate(paragraphs):
        if i % 50 == 0:
            body.append(
                '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
                f"<w:r><w:t>Avsnitt {i // 50}</w:t></w:r></w:p>"
            )
        body.append(f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')
    xml = parts["word/document.xml"].decode()
    start = xml.index("<w:body>") + len("<w:body>")
    parts["word/document.xml"] = (xml[:start] + "".join(body) + xml[start:]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def versions(folder: Path, count: int, repeated: bool) -> tuple[Path, Path]:
    """Write the old and the new version: one paragraph in a hundred edited, added or removed."""
    rng = random.Random(count)
    old = [
        SENTENCE if repeated and i % 2 else " ".join(rng.choices(WORDS, k=14)) + f" ({i})."
        for i in range(count)
    ]
    new = list(old)
    for _ in range(max(1, count // 100)):
        k = rng.randrange(len(new))
        choice = rng.random()
        if choice < 0.5:
            new[k] = new[k].replace(" ", " ändrat ", 1)
        elif choice < 0.75:
            new.insert(k, "Ett nytt stycke om " + rng.choice(WORDS) + ".")
        else:
            del new[k]
    kind = "upprepad" if repeated else "olika"
    return (
        write_document(folder / f"gammal-{kind}-{count}.docx", old),
        write_document(folder / f"ny-{kind}-{count}.docx", new),
    )


def timed(action) -> float:
    """Return how many seconds `action` took."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    sizes = parser.parse_args().sizes
    print(f"Python {sys.version.split()[0]}; stycken: {', '.join(map(str, sizes))}")
    with tempfile.TemporaryDirectory(prefix="iopdocs-review-bench-") as tmp:
        for repeated in (False, True):
            kind = "varannat stycke samma mening" if repeated else "alla stycken olika"
            print(f"\n{kind}:")
            print(f"{'stycken':>8} {'diff s':>8} {'×':>6} {'redline s':>10} {'×':>6}")
            base = None
            for count in sizes:
                old, new = versions(Path(tmp), count, repeated)
                d = timed(lambda old=old, new=new: diff.diff_documents(old, new, new.name))
                r = timed(lambda old=old, new=new: redline.redline(old, new))
                base = base or (d, r)
                print(f"{count:>8} {d:>8.2f} {d / base[0]:>6.1f} {r:>10.2f} {r / base[1]:>6.1f}")


if __name__ == "__main__":
    main()
