"""Reading .docx packages: a zip bomb is stopped by the bytes really inflated, not its header."""

from __future__ import annotations

import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from iopdocs.word import ooxml, zipread

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "tjansteskrivelse.docx"


def lying_bomb(path: Path, part: str, inflated: int = 300_000_000) -> Path:
    """Write the template with `part` replaced by zeros whose headers claim 1,000 bytes."""
    with zipfile.ZipFile(TEMPLATE) as package:
        members = [
            ooxml.compress(info.filename, package.read(info))
            for info in package.infolist()
            if info.filename != part
        ]
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = b"\0" * (1 << 20)
    raw = b"".join(packer.compress(zeros) for _ in range(inflated >> 20)) + packer.flush()
    members.append(ooxml.Member(part.encode(), 0, 1000, raw))
    path.write_bytes(ooxml.write_zip(members))
    return path


def peak_megabytes(code: str) -> tuple[int, str]:
    """Run `code` in a fresh Python; return its peak memory growth in MB and what it printed."""
    script = (
        "import resource\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        f"{code}\n"
        "print(int((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    *said, peak = done.stdout.strip().splitlines()
    return int(peak), "\n".join(said)


READERS = {
    "read_package": "from iopdocs.word import ooxml\n"
    "try:\n    ooxml.read_package(open({path!r}, 'rb').read())\n"
    "except ValueError as e:\n    print(e)",
    "text": "from iopdocs.word.text import docx_text, DocxReadError\n"
    "try:\n    docx_text(__import__('pathlib').Path({path!r}))\n"
    "except DocxReadError as e:\n    print(e)",
    "accessibility": "from iopdocs.publish.accessibility import check_docx\n"
    "print(check_docx(__import__('pathlib').Path({path!r}))[0])",
    "redline": "from iopdocs.review.redline import redline\nfrom pathlib import Path\n"
    f"try:\n    redline(Path({str(TEMPLATE)!r}), Path({{path!r}}))\n"
    "except Exception as e:\n    print(e)",
}


@pytest.mark.parametrize("reader", READERS)
def test_a_part_that_inflates_past_its_header_is_refused_without_inflating_it(tmp_path, reader):
    # Before: 2 GB of memory for a 1 GB bomb, then "Bad CRC-32".
    bomb = lying_bomb(tmp_path / "bomb.docx", "word/styles.xml")
    assert bomb.stat().st_size < 1_000_000
    grown, said = peak_megabytes(READERS[reader].format(path=str(bomb)))
    assert grown < 100, f"{grown} MB"
    assert "word/styles.xml" in said or "T009" in said, said
    assert "CRC" not in said


def test_a_package_within_its_limits_is_read_whole():
    package = ooxml.read_package(TEMPLATE.read_bytes())
    with zipfile.ZipFile(TEMPLATE) as expected:
        assert package.parts == {i.filename: expected.read(i) for i in expected.infolist()}


def test_a_file_that_is_no_zip_is_refused_in_swedish():
    with pytest.raises(zipread.PackageError, match="inget Word-paket"):
        ooxml.read_package(b"inte en docx")


@pytest.mark.parametrize(
    "xml",
    [
        b'<?xml version="1.0"?><!--' + b" " * 5000 + b'--><!DOCTYPE w [<!ENTITY x "y">]><w>&x;</w>',
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w SYSTEM "file:///etc/passwd"><w/>'.encode(
            "utf-16"
        ),
    ],
    ids=["after-a-comment", "utf16"],
)
def test_a_doctype_the_package_check_cannot_see_is_refused_when_parsed(xml):
    with pytest.raises(zipread.PackageError, match="DOCTYPE"):
        ooxml.parse(xml)
