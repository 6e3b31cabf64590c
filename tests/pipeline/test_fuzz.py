"""Bounded fuzz test (issue 15): mutated PDF/PNG/JPEG/TIFF files through the whole pipeline.

A few hundred files from a FIXED seed (tools/faultgen.py mutates small valid files made on the
spot), run on the local pool with a fake, instant `tesseract` first on PATH, under two minutes.
Asserted: the run never raises and never hangs; every input ends as a document or a failures
row; every failure is typed (no StageError, the wrapper of an unexpected exception); and no
document whose pages are all empty is reported complete.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import vanban
from tools.faultgen import fuzz_corpus
from tools.faultgen import install_tesseract as install
from vanban import errors
from vanban.pipeline import RunOptions, run

N_FILES = 200
SEED = 15
BUDGET_S = 120.0

TYPED = {name for name, obj in vars(errors).items()
         if isinstance(obj, type) and issubclass(obj, errors.InputFileError)
         } - {"StageError"} | {"OutOfMemory"}  # the label failures.py gives memory exhaustion


def test_fuzzed_files_end_typed_and_nothing_hangs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", install(tmp_path / "bin", "words"))
    files = fuzz_corpus(tmp_path / "in", N_FILES, SEED)
    out = tmp_path / "out"
    t0 = time.monotonic()
    summary = run([tmp_path / "in"], RunOptions(out=out, jobs=2, page_timeout=10,
                                                doc_timeout=30, ocr_engine="cli"))
    took = time.monotonic() - t0
    assert took < BUDGET_S, f"fuzz run took {took:.0f}s"
    frames = vanban.load(out)
    docs, fails, pages = frames["documents"], frames["failures"], frames["pages"]
    names = {Path(p).name for p in docs["source_path"]} | {
        Path(p).name for p in fails["source_path"]}
    assert summary.skipped == 0
    assert names == {p.name for p in files}, "inputs neither documents nor failures"
    untyped = fails[~fails["error_type"].isin(TYPED)]
    assert untyped.empty, untyped[["source_path", "error_type", "message"]].to_dict("records")
    for doc_id, status in zip(docs["doc_id"], docs["status"], strict=True):
        texts = pages.loc[pages["doc_id"] == doc_id, "text"]
        if status == "complete":
            assert any(any(c.isalnum() for c in t) for t in texts), doc_id
