"""Every executor gives the same tables, row for row, on the same inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import vanban
from vanban.pipeline import RunOptions, run
from vanban.pipeline.executors import InProcess

from helpers import seed

DOCS = ("000", "002", "004")


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    frames = vanban.load(out)
    keep = {}
    for name in ("documents", "pages", "tasks"):
        df = frames[name]
        cols = [c for c in df.columns if c not in {"source_path"}]
        keep[name] = df[cols].sort_values(cols[:3]).reset_index(drop=True).astype(str)
    return keep


def _inputs(tmp: Path) -> Path:
    inp = tmp / "in"
    inp.mkdir()
    for d in DOCS:
        shutil.copy(seed(d), inp / f"{d}.txt")
    return inp


def _same(a: Path, b: Path) -> None:
    ta, tb = _tables(a), _tables(b)
    for name in ta:
        pd.testing.assert_frame_equal(ta[name], tb[name])


def test_inprocess_equals_local_pool(tmp_path: Path) -> None:
    inp = _inputs(tmp_path)
    run([inp], RunOptions(out=tmp_path / "local", jobs=2))
    summary = run([inp], RunOptions(out=tmp_path / "inproc", jobs=1), executor=InProcess())
    assert summary.documents == len(DOCS)
    _same(tmp_path / "local", tmp_path / "inproc")


def test_dask_local_cluster_equals_local_pool(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    inp = _inputs(tmp_path)
    run([inp], RunOptions(out=tmp_path / "local", jobs=2))
    summary = run([inp], RunOptions(out=tmp_path / "dask", jobs=2, executor="dask"))
    assert summary.documents == len(DOCS) and summary.failure_rows == 0
    _same(tmp_path / "local", tmp_path / "dask")


def test_words_table_holds_every_word_of_the_final_text(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([seed("002")], RunOptions(out=out, jobs=1), executor=InProcess())
    frames = vanban.load(out)
    words, pages = frames["words"], frames["pages"]
    assert len(words) > 100
    assert len(words) == sum(len(t.split()) for t in pages["raw_text"])


def test_dask_worker_killed_by_a_file_fails_only_that_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    from plugins.faults import FAULT_ENV, PLUGIN

    monkeypatch.setenv(FAULT_ENV, "prepare-crash:002")  # inherited by the cluster's workers
    inp = _inputs(tmp_path)
    out = tmp_path / "dask"
    summary = run([inp], RunOptions(out=out, jobs=2, executor="dask", plugins=(PLUGIN,)))
    assert summary.documents == 2
    frames = vanban.load(out)
    (fail,) = frames["failures"].itertuples()
    assert Path(fail.source_path).name == "002.txt"
    assert fail.error_type == "WorkerDiedError"
    assert not list(out.rglob("*.tmp"))


def test_dask_worker_oom_killed_is_a_typed_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kernel's OOM killer ends a Dask worker with SIGKILL: the file's row says out of
    memory (WorkerOutOfMemoryError, as on the local pool), not a generic worker death."""
    pytest.importorskip("distributed")
    from plugins.faults import FAULT_ENV, PLUGIN

    monkeypatch.setenv(FAULT_ENV, "prepare-oomkill:002")
    inp = _inputs(tmp_path)
    out = tmp_path / "dask"
    summary = run([inp], RunOptions(out=out, jobs=2, executor="dask", plugins=(PLUGIN,)))
    assert summary.documents == 2
    (fail,) = vanban.load(out)["failures"].itertuples()
    assert Path(fail.source_path).name == "002.txt"
    assert fail.error_type == "WorkerOutOfMemoryError", fail.message
    assert "SIGKILL" in fail.message


def test_dask_nanny_memory_restart_is_a_typed_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A task that grows past its worker's memory limit: the nanny restarts the worker and,
    after the allowed failures (none here), the file is one WorkerOutOfMemoryError row naming
    the nanny's restart. (One file only: a task queued on the same worker is a suspect too,
    and its retry is Dask's; the other files committing is the SIGKILL test's.)"""
    distributed = pytest.importorskip("distributed")
    import dask
    from plugins.faults import FAULT_ENV, PLUGIN

    monkeypatch.setenv(FAULT_ENV, "prepare-hog:002")  # inherited by the cluster's workers
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(seed("002"), inp / "002.txt")
    out = tmp_path / "dask"
    with dask.config.set({"distributed.scheduler.allowed-failures": 0,
                          "distributed.worker.memory.monitor-interval": "100ms"}), \
            distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                     memory_limit="600MiB", dashboard_address=None,
                                     silence_logs=40) as cluster:
        summary = run([inp], RunOptions(out=out, jobs=1, executor="dask",
                                        scheduler=cluster.scheduler_address,
                                        plugins=(PLUGIN,)))
    assert summary.failed_files == 1
    (fail,) = vanban.load(out)["failures"].itertuples()
    assert Path(fail.source_path).name == "002.txt"
    assert fail.error_type == "WorkerOutOfMemoryError", fail.message
    assert "nanny restarted it" in fail.message and "memory limit" in fail.message
