"""Batch order: the largest input is opened first, so a big scan never makes the batch's tail."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vanban.pipeline import RunOptions, run, scheduler
from vanban.pipeline.executors import InProcess
from vanban.pipeline.scheduler import largest_first
from vanban.pipeline.stages import prepare_job

from helpers import seed


def test_largest_first_keeps_the_order_of_equal_sizes(tmp_path: Path) -> None:
    files = []
    for name, size in (("a", 10), ("b", 300), ("c", 10), ("d", 50)):
        path = tmp_path / name
        path.write_bytes(b"x" * size)
        files.append(path)
    gone = tmp_path / "gone"  # cannot be sized: last, its failure row comes when opened
    assert [p.name for p in largest_first([*files, gone])] == ["b", "d", "a", "c", "gone"]


def test_the_largest_document_is_opened_first(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(seed("000"), inp / "a_small.txt")  # discovered first, 14 KB
    shutil.copy(seed("002"), inp / "b_large.txt")  # 27 KB
    opened: list[str] = []

    def prepare(path: Path, *args: object) -> object:
        opened.append(path.name)
        return prepare_job(path, *args)

    monkeypatch.setattr(scheduler, "prepare_job", prepare)
    summary = run([inp], RunOptions(out=tmp_path / "out", jobs=1), executor=InProcess())
    assert summary.documents == 2
    assert opened == ["b_large.txt", "a_small.txt"]
