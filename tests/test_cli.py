"""Exit codes and messages of the `vanban` command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from vanban.cli import main
from vanban.errors import ExitCode

from helpers import seed


def test_usage_error(capsys: object) -> None:
    assert main(["run"]) == ExitCode.USAGE
    assert main(["run", "x", "-o", "y", "--jobs", "0"]) == ExitCode.USAGE
    assert main(["frobnicate"]) == ExitCode.USAGE


def test_no_input(tmp_path: Path) -> None:
    assert main(["run", str(tmp_path / "missing"), "-o", str(tmp_path / "o")]) == ExitCode.NO_INPUT


def test_unwritable_output(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["run", str(seed("002")), "-o", str(blocker / "out")]) == ExitCode.OUTPUT


def test_run_prints_summary_and_failures(tmp_path: Path) -> None:
    bad = tmp_path / "zero.pdf"
    bad.write_bytes(b"")
    proc = subprocess.run(
        [sys.executable, "-m", "vanban", "run", str(seed("002")), str(bad), "-o",
         str(tmp_path / "o")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == ExitCode.SOME_FAILED
    assert f"{bad}: EmptyFileError: file is empty (0 bytes)" in proc.stderr
    for col in ("documents", "pages", "OCR'd pages", "restored pages", "schedule entries",
                "failures", "seconds"):
        assert col in proc.stderr
