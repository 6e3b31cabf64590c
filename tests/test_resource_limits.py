"""Small resource limits end in words, never a silent crash (issue 15: memory limits)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vanban.errors import ExitCode
from vanban.pipeline.failures import failure_from

from helpers import seed


def test_tiny_address_space_is_refused_with_the_reason(tmp_path: Path) -> None:
    if shutil.which("prlimit") is None:
        pytest.skip("prlimit (util-linux) not installed")
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(seed("002"), inp / "002.txt")
    done = subprocess.run(["prlimit", f"--as={600 << 20}", sys.executable, "-m", "vanban",
                           "run", str(inp), "-o", str(tmp_path / "out"), "--plain"],
                          capture_output=True, text=True, timeout=120)
    # was: SIGSEGV inside OpenCV's import (exit 139), nothing said
    assert done.returncode == ExitCode.RESOURCES, done.stderr
    assert "address-space limit" in done.stderr and "600 MiB" in done.stderr


def test_a_c_library_allocation_failure_is_out_of_memory(tmp_path: Path) -> None:
    cv2_like = RuntimeError("OpenCV(5.1.0) alloc.cpp:73: error: (-4:Insufficient memory) "
                            "Failed to allocate 34799360 bytes in function 'OutOfMemoryError'")
    row = failure_from(cv2_like, tmp_path / "a.png", "ocr", page_no=1)
    assert row.error_type == "OutOfMemory"
    assert failure_from(ValueError("bad"), tmp_path / "a.png", "ocr").error_type == "StageError"
