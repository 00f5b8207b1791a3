"""Each build keeps the documents as generated, for `iopdocs hamta` to compare edits with."""

from __future__ import annotations

import os
import zipfile

from conftest import build_in

from iopdocs.build import generated
from iopdocs.build.manifest import Manifest, Outcome, write_output
from iopdocs.word.docfacts import custom_properties


def test_a_build_keeps_each_document_as_generated_under_its_key(project_dir, example_case):
    assert build_in(project_dir, str(example_case)).exit_code == 0
    folder = project_dir / "output" / example_case.stem
    documents = sorted(folder.glob("*.docx"))
    assert documents
    for document in documents:
        with zipfile.ZipFile(document) as package:
            said = custom_properties(package.read("docProps/custom.xml"))
        assert said["iopdocs-dokument"] == document.name
        assert said["iopdocs-arendefil"] == example_case.name
        kept = generated.find(folder, document.name, said[generated.PROPERTY])
        assert kept == [document.read_bytes()]
    assert not list((folder / generated.FOLDER).glob("*.docx"))  # nothing lists them as documents


def test_only_the_latest_versions_are_kept(tmp_path):
    for n in range(generated.KEEP + 2):
        generated.keep(tmp_path, "tjansteskrivelse.docx", f"nyckel{n}", f"version {n}".encode())
        os.utime(next((tmp_path / generated.FOLDER).glob(f"*nyckel{n}*")), ns=(n, n))
    generated.keep(tmp_path, "uppfoljning-2024.docx", "nyckel0", b"en annan handling")
    kept = sorted(p.name for p in (tmp_path / generated.FOLDER).glob("tjansteskrivelse.*"))
    assert len(kept) == generated.KEEP
    last = generated.KEEP + 1
    assert generated.find(tmp_path, "tjansteskrivelse.docx", f"nyckel{last}") == [
        b"version %d" % last
    ]
    assert generated.find(tmp_path, "tjansteskrivelse.docx", "nyckel0") == []
    assert generated.find(tmp_path, "uppfoljning-2024.docx", "nyckel0") == [b"en annan handling"]


def test_the_key_follows_what_a_document_records_not_the_settings():
    inputs = {"ärende": "a", "inställningar": "b", "mall": "c", "mallfil": "/x", "iopdocs": "1"}
    key = generated.key_of("tjansteskrivelse.docx", inputs)
    assert key == generated.key_of("tjansteskrivelse.docx", {**inputs, "mallfil": "/y"})
    assert key == generated.key_of("tjansteskrivelse.docx", {**inputs, "inställningar": "z"})
    assert key != generated.key_of("tjansteskrivelse.docx", {**inputs, "mall": "z"})
    assert key != generated.key_of("tjansteskrivelse.docx", {**inputs, "ärende": "z"})
    assert key != generated.key_of("iop-overenskommelse.docx", inputs)


def test_a_document_taken_back_may_be_replaced_and_its_refused_edits_are_kept(tmp_path):
    manifest = Manifest(tmp_path)
    write_output(manifest, "a.docx", b"gjord", {})
    (tmp_path / "a.docx").write_bytes(b"redigerad")
    assert write_output(manifest, "a.docx", b"ny", {}).outcome is Outcome.KEPT_EDITED

    from iopdocs.files import sha256

    manifest.mark_taken("a.docx", sha256(b"redigerad"), refused=False)
    assert write_output(manifest, "a.docx", b"ny", {}).outcome is Outcome.WRITTEN
    assert (tmp_path / "a.docx").read_bytes() == b"ny"
    assert not list(tmp_path.glob("a.handandrad-*"))

    (tmp_path / "a.docx").write_bytes(b"redigerad igen")
    manifest.mark_taken("a.docx", sha256(b"redigerad igen"), refused=True)
    result = write_output(manifest, "a.docx", b"nyare", {})
    assert result.outcome is Outcome.FORCED
    [copy] = tmp_path.glob("a.handandrad-*.docx")
    assert copy.read_bytes() == b"redigerad igen"

    (tmp_path / "a.docx").write_bytes(b"annan andring")  # not what was taken back
    assert write_output(manifest, "a.docx", b"nyast", {}).outcome is Outcome.KEPT_EDITED
