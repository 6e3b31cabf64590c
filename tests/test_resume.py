"""A run killed with SIGKILL and started again finishes with every document exactly once."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from plugins.faults import FAULT_ENV, PLUGIN

import vanban

from helpers import SEEDS


def test_sigkill_then_resume_loses_and_doubles_nothing(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    n = 0
    for i in range(3):  # 15 distinct documents: a copy's bytes differ by a trailing line
        for s in seeds:
            n += 1
            (inp / f"{i}_{s.name}").write_text(s.read_text(encoding="utf-8") + "\n" * (i + 1),
                                               encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, FAULT_ENV: "finish-sleep"}  # slow each document down a little
    cmd = [sys.executable, "-m", "vanban", "run", str(inp), "-o", str(out), "--jobs", "2",
           "--plain", "--plugin", PLUGIN]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    done_dir = out / "documents"
    while time.monotonic() < deadline:
        parts = [p for p in done_dir.glob("*.parquet") if p.name != "empty.parquet"] \
            if done_dir.is_dir() else []
        if len(parts) >= 4:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    first = len([p for p in done_dir.glob("*.parquet") if p.name != "empty.parquet"])
    assert 4 <= first < n, "the kill must land mid-batch for this test to mean anything"

    rerun = subprocess.run(cmd, env={**os.environ}, capture_output=True,
                           text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stderr.count("SKIP") == first
    frames = vanban.load(out)
    docs = frames["documents"]
    assert len(docs) == n and docs["doc_id"].is_unique
    pages = frames["pages"]
    assert len(pages) == n and not pages.duplicated(["doc_id", "page_no"]).any()
    tasks = frames["tasks"]
    assert tasks["task_id"].is_unique
    assert set(tasks["doc_id"]) <= set(docs["doc_id"])
    assert not list(out.rglob(".*.tmp"))
    shutil.rmtree(out)
