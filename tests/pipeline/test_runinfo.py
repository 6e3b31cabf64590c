"""Run key, skip before parsing, manifest, absolute paths, failures.sha256, file metadata."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import vanban
from vanban.models.schema import SCHEMA_VERSION, SCHEMAS
from vanban.pipeline import RunOptions, run, runinfo, stages

from helpers import SEEDS, seed


def _opts(out: Path, **kw: object) -> RunOptions:
    return RunOptions(**{"out": out, "jobs": 1, "executor": "inprocess", **kw})  # type: ignore[arg-type]


def test_run_key_covers_what_changes_output_only(tmp_path: Path) -> None:
    base = runinfo.run_key("ab" * 32, _opts(tmp_path))
    assert base == runinfo.run_key("ab" * 32, _opts(tmp_path, jobs=2))
    for change in ({"lang": "vie+eng"}, {"legacy": "restore"}, {"restore_ocr": False},
                   {"resolution": "native"}):
        assert runinfo.run_key("ab" * 32, _opts(tmp_path, **change)) != base, change
    assert runinfo.run_key("cd" * 32, _opts(tmp_path)) != base


def test_rerun_with_other_options_redoes_and_same_options_skip_without_parsing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    run([SEEDS], _opts(out))

    def no_parsing(path: Path) -> None:
        raise AssertionError(f"{path} was opened although its hash says it is done")

    monkeypatch.setattr(stages, "open_source", no_parsing)
    same = run([SEEDS], _opts(out))
    assert (same.skipped, same.documents, same.failure_rows) == (5, 0, 0)
    monkeypatch.undo()
    other = run([SEEDS], _opts(out, restore_ocr=False, legacy="restore"))
    assert (other.skipped, other.documents) == (0, 5)
    assert len(vanban.load(out)["documents"]) == 5


def test_manifest_and_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    monkeypatch.chdir(seed("000").parent.parent)
    run([Path("seeds") / seed("000").name], _opts(out))
    doc = vanban.load(out)["documents"].iloc[0]
    assert doc["given_path"] == f"seeds/{seed('000').name}"
    assert Path(doc["source_path"]).is_absolute() and Path(doc["source_path"]).exists()
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["status"] == "finished" and m["cwd"] == os.getcwd()
    assert m["vanban_version"] == vanban.__version__ and len(m["model_sha256"]) == 64
    assert m["options"]["lang"] == "vie" and m["counts"]["documents"] == 1
    assert m["started"] <= m["ended"]
    assert not list(out.glob(".*.tmp"))


def test_failure_of_a_readable_file_has_its_sha256(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n this is not a PDF body\n")
    out = tmp_path / "out"
    run([bad, tmp_path / "missing.pdf"], _opts(out))
    fails = vanban.load(out)["failures"].set_index("source_path")
    assert len(fails.loc[str(bad), "sha256"]) == 64
    assert fails.loc[str(bad), "given_path"] == str(bad)
    assert pd.isna(fails.loc[str(tmp_path / "missing.pdf"), "sha256"])


def test_every_file_carries_schema_metadata_and_column_descriptions(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([seed("002")], _opts(out))
    for path in out.rglob("*.parquet"):
        schema = pq.read_schema(path)
        meta = schema.metadata
        assert meta[b"schema_version"] == SCHEMA_VERSION.encode(), path
        assert meta[b"vanban_version"] == vanban.__version__.encode(), path
        name = meta[b"table"].decode()
        assert schema.names == SCHEMAS[name].names
        for field in schema:
            assert field.metadata and field.metadata[b"description"], (path, field.name)


def test_run_key_digests_the_model_actually_loaded(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from vanban.restore.model import MODEL_ENV
    from vanban.restore.paths import MODEL_FILE

    shipped = runinfo.run_key("ab" * 32, _opts(tmp_path))
    other = tmp_path / "loo.pkl.gz"
    other.write_bytes(MODEL_FILE.read_bytes() + b"\0")  # another model's bytes
    monkeypatch.setenv(MODEL_ENV, str(other))
    swapped = runinfo.run_key("ab" * 32, _opts(tmp_path))
    assert swapped != shipped
    other.write_bytes(MODEL_FILE.read_bytes() + b"\0\0")  # retrained in place: new key again
    os.utime(other, ns=(1, 1))
    assert runinfo.run_key("ab" * 32, _opts(tmp_path)) not in (shipped, swapped)
    monkeypatch.setenv(MODEL_ENV, str(MODEL_FILE))  # naming the shipped file is the shipped model
    assert runinfo.run_key("ab" * 32, _opts(tmp_path)) == shipped


def test_each_input_is_hashed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vanban.ingest import fingerprint, source

    hashed: list[Path] = []
    real = fingerprint.sha256_file

    def counting(path: Path) -> str:
        hashed.append(path)
        return real(path)

    runinfo.model_sha256()  # the model's digest is cached per process; inputs are what counts
    monkeypatch.setattr(runinfo, "sha256_file", counting)
    monkeypatch.setattr(source, "sha256_file", counting)
    run([seed("000")], _opts(tmp_path / "out"))
    assert hashed == [seed("000")]
