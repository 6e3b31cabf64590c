"""One run per OUT; SIGTERM ends a run cleanly (exit 143, resumable, no workers left)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from plugins.faults import FAULT_ENV, PLUGIN

from vanban.errors import OutputError
from vanban.pipeline.lock import locked

from helpers import SEEDS


def test_second_run_on_same_out_refuses(tmp_path: Path) -> None:
    with (locked(tmp_path), pytest.raises(OutputError, match="another vanban run"),
          locked(tmp_path)):
        pass
    with locked(tmp_path):  # released when the first holder is done
        pass


def test_sigterm_exits_143_and_leaves_no_worker(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    for i in range(4):
        for s in sorted(SEEDS.glob("*.txt")):
            shutil.copy(s, inp / f"{i}_{s.name}")
            with (inp / f"{i}_{s.name}").open("a") as fh:
                fh.write("\n" * (i + 1))
    cmd = [sys.executable, "-m", "vanban", "run", str(inp), "-o", str(tmp_path / "out"),
           "--jobs", "2", "--plain", "--plugin", PLUGIN]
    proc = subprocess.Popen(cmd, env={**os.environ, FAULT_ENV: "finish-sleep"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    time.sleep(6)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "run the same command again" in err
    deadline = time.monotonic() + 10
    while True:  # the resource tracker and workers see the parent go and end by themselves
        left = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True, text=True)
        if not left.stdout.strip() or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert left.stdout.strip() == "", "workers survived SIGTERM"
    assert not list((tmp_path / "out").rglob("*.tmp"))
