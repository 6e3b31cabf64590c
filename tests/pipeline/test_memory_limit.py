"""A worker killed for memory is a typed failure row; the batch goes on and exits 1.

Under a memory limit the kernel's OOM killer sends SIGKILL to the process with the highest
oom_score. Two fault sources, both outside the product: the test plugin's `oomkill` (a job
grows, then gets SIGKILL) and a 300 MiB limit on the whole `vanban run` process tree --
systemd's MemoryMax where the machine has it, else tools/memlimit.py's watchdog, which does
what the cgroup's OOM killer does (SIGKILL to the highest oom_score when the tree passes the
limit). The issue measured exit 130 "interrupted" under 300 MiB; the main process being the
one killed (exit -9) is what the watchdog showed before workers raised their oom_score.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from PIL import Image
from plugins.faults import FAULT_ENV, PLUGIN

import vanban
from tools.faultgen import LINES, text_image
from tools.memlimit import Limited, run_limited, run_with_oom_killer, systemd_scope
from vanban.errors import ExitCode, WorkerDiedError, WorkerOutOfMemoryError
from vanban.pipeline import RunOptions, run
from vanban.pipeline.executors import exit_status
from vanban.pipeline.scheduler import _Job, worker_death_error

from helpers import ROOT, seed


def test_exit_status_and_the_culprits_error() -> None:
    assert exit_status(-9) == "killed by SIGKILL"
    assert exit_status(-11) == "crashed (SIGSEGV)"
    assert exit_status(139) == "exited with code 139"
    oom = worker_death_error(_Job("ocr", Path("a.png"), 3, death="killed by SIGKILL"))
    assert isinstance(oom, WorkerOutOfMemoryError) and oom.page == 3
    assert oom.message.startswith("worker killed, likely out of memory")
    crash = worker_death_error(_Job("prepare", Path("a.pdf"), death="crashed (SIGSEGV)"))
    assert type(crash) is WorkerDiedError and "SIGSEGV" in crash.message


def _run_under(limit_mib: int, inp: Path, out: Path) -> Limited:
    """`vanban run` of `inp` with two workers under the watchdog's memory limit."""
    cmd = [sys.executable, "-m", "vanban", "run", str(inp), "-o", str(out), "--jobs", "2",
           "--plain"]
    return run_with_oom_killer(cmd, limit_mib, timeout=240,
                               env={**os.environ, "OMP_THREAD_LIMIT": "1"}, cwd=ROOT)


def _inputs(folder: Path) -> Path:
    """An A4 scan (its worker passes ~200 MiB beside a ~85 MiB main process) and a text."""
    folder.mkdir()
    a4 = Image.new("L", (2480, 3508), 250)
    for k in range(25):
        a4.paste(text_image(LINES[k % 3], 2000, 130), (200, 200 + k * 130))
    a4.save(folder / "scan.png", dpi=(300, 300))
    shutil.copy(seed("002"), folder / "002.txt")
    return folder


def test_oom_killed_page_is_a_typed_row_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inp = _inputs(tmp_path / "in")
    text_image(LINES[1], 1300, 400).save(inp / "big.png", dpi=(300, 300))
    monkeypatch.setenv(FAULT_ENV, "ocr-oomkill:big")
    out = tmp_path / "out"
    summary = run([inp], RunOptions(out=out, jobs=2, plugins=(PLUGIN,)))
    assert summary.exit_code == ExitCode.SOME_FAILED
    frames = vanban.load(out)
    status = dict(zip(frames["documents"]["source_path"].map(lambda p: Path(p).name),
                      frames["documents"]["status"], strict=True))
    assert status == {"scan.png": "complete", "002.txt": "complete", "big.png": "failed"}
    (fail,) = frames["failures"].itertuples()
    assert (Path(fail.source_path).name, fail.page_no) == ("big.png", 1)
    assert fail.error_type == "WorkerOutOfMemoryError"
    assert fail.message.startswith("worker killed, likely out of memory")


MECHANISMS = ["watchdog", "systemd"]


@pytest.mark.parametrize("mechanism", MECHANISMS)
def test_run_under_a_300_mib_limit_fails_pages_not_the_batch(tmp_path: Path,
                                                             mechanism: str) -> None:
    if mechanism == "systemd" and systemd_scope(300) is None:
        pytest.skip("no systemd scope with MemoryMax on this machine (no systemd as PID 1)")
    inp = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "vanban", "run", str(inp), "-o", str(out), "--jobs", "2",
           "--plain"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    if mechanism == "watchdog":
        done = run_with_oom_killer(cmd, 300, timeout=240, env=env, cwd=ROOT)
    else:
        _, done = run_limited(cmd, 300, timeout=240, env=env, cwd=ROOT)
    assert not done.timed_out
    if mechanism == "systemd":  # the real kernel: whether the page fits depends on the machine
        assert done.returncode in (ExitCode.OK, ExitCode.SOME_FAILED), done.stderr[-2000:]
        return
    # the documented codes: never 130 (interrupted) or a killed main process. Since the main
    # process no longer imports the stages (~25 MiB less), the scan's job may fit when retried
    # alone on fresh workers: both inputs complete (exit 0), or the scan is a typed row.
    assert done.returncode in (ExitCode.OK, ExitCode.SOME_FAILED), (done.returncode,
                                                                   done.stderr[-2000:])
    assert {role for role, _ in done.kills} <= {"worker"}
    frames = vanban.load(out)
    fails = frames["failures"]
    assert set(fails["error_type"]) <= {"WorkerOutOfMemoryError"}, fails.to_dict("records")
    assert (done.returncode == ExitCode.SOME_FAILED) == (len(fails) > 0)
    # every input is a document or a failure row
    named = {Path(p).name for p in frames["documents"]["source_path"]} | {
        Path(p).name for p in fails["source_path"]}
    assert named == {"scan.png", "002.txt"}


def test_a_limit_near_one_job_gives_complete_documents_or_typed_rows(tmp_path: Path) -> None:
    """250 MiB: about what one job needs beside the main process (the scan's worker passes
    ~200 MiB; the main process peaks at ~160 MiB Pss while it compacts). Which job is killed
    there depends on timing and on the machine (measured here: the scan alone was killed in one
    run, both in another), so the test asserts what must hold whatever the victim: only workers
    are killed, every input is a complete document or typed `WorkerOutOfMemoryError` rows, the
    exit code says so, and the message names the cause."""
    inp = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    done = _run_under(250, inp, out)
    assert not done.timed_out
    assert {role for role, _ in done.kills} <= {"worker"}
    frames = vanban.load(out)
    fails = frames["failures"]
    assert set(fails["error_type"]) <= {"WorkerOutOfMemoryError"}
    assert done.returncode == (ExitCode.SOME_FAILED if len(fails) else ExitCode.OK), (
        done.returncode, done.stderr[-2000:])
    if len(fails):
        assert "likely out of memory" in done.stderr
    status = dict(zip(frames["documents"]["source_path"].map(lambda p: Path(p).name),
                      frames["documents"]["status"], strict=True))
    failed = {Path(p).name for p in fails["source_path"]}
    for name in ("scan.png", "002.txt"):
        assert status.get(name, "failed") == ("failed" if name in failed else "complete"), (
            name, status, failed)


def test_the_oom_killer_picks_a_worker_not_the_main_process(tmp_path: Path) -> None:
    """Text inputs under 250 MiB: the main process (~90 MiB early on) is the largest while its
    workers import, so it was the one killed (exit -9, measured on main before this change);
    workers raise their oom_score as they start, so a worker dies and its job is retried."""
    inp = tmp_path / "in"
    inp.mkdir()
    for prefix in ("000", "002", "004"):
        shutil.copy(seed(prefix), inp / f"{prefix}.txt")
    out = tmp_path / "out"
    done = _run_under(250, inp, out)
    assert not done.timed_out
    assert done.returncode in (ExitCode.OK, ExitCode.SOME_FAILED), done.stderr[-2000:]
    assert "main" not in {role for role, _ in done.kills}, done.kills
    frames = vanban.load(out)
    named = {Path(p).name for p in frames["documents"]["source_path"]} | {
        Path(p).name for p in frames["failures"]["source_path"]}
    assert len(named) == 3
