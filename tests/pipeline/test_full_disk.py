"""A full disk under OUT: exit 4 with the cause at the failing write, then an exact resume.

OUT is a small tmpfs (root only; skipped elsewhere), so the disk fills for real mid-run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import vanban
from vanban.errors import ExitCode

from helpers import SEEDS


def test_full_disk_exits_4_and_a_rerun_resumes_exactly_once(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for s in seeds:
        shutil.copy(s, inp / s.name)
    out = tmp_path / "out"
    out.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(out)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    cmd = [sys.executable, "-m", "vanban", "run", str(inp), "-o", str(out), "--jobs", "1",
           "--plain"]
    try:
        full = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        assert full.returncode == ExitCode.OUTPUT, full.stderr
        assert "No space left on device" in full.stderr
        assert "Traceback" not in full.stderr
        assert not list(out.rglob("*.tmp"))  # no half-written part stays behind
        subprocess.run(["mount", "-o", "remount,size=8m", str(out)], check=True)
        again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        assert again.returncode == ExitCode.OK, again.stderr
        docs = vanban.load(out)["documents"]
        assert len(docs) == docs["doc_id"].nunique() == len(seeds)
        assert set(docs["status"]) == {"complete"}
    finally:
        subprocess.run(["umount", "-l", str(out)], check=False)
