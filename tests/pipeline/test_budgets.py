"""Time budgets, unreadable and blank pages, a read-only OUT: each ends as the right typed row.

Faults come from outside the product: a fake `tesseract` first on PATH (tools/faultgen.py; it
runs under the program engine, `ocr_engine="cli"`), drawn images, a read-only mount.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import vanban
from tools.faultgen import install_tesseract as install
from vanban.errors import ExitCode
from vanban.pipeline import RunOptions, run

from helpers import seed
from scanpage import page, text_lines


def _inputs(tmp_path: Path) -> Path:
    """Two seed text files (no OCR) and one drawn scan that needs Tesseract."""
    inp = tmp_path / "in"
    inp.mkdir()
    for prefix in ("002", "004"):
        shutil.copy(seed(prefix), inp / f"{prefix}.txt")
    img, draw = page(1200, 300)
    text_lines(draw, ["Kế hoạch xây dựng nông thôn mới"], 60, 100)
    img.save(inp / "scan.png")
    return inp


def _hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", install(tmp_path / "bin", "hang"))


def test_page_timeout_is_one_row_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _hang(tmp_path, monkeypatch)
    out = tmp_path / "out"
    t0 = time.monotonic()
    summary = run([_inputs(tmp_path)], RunOptions(out=out, jobs=2, page_timeout=2,
                                                            ocr_engine="cli"))
    assert time.monotonic() - t0 < 40
    assert summary.exit_code == ExitCode.SOME_FAILED
    frames = vanban.load(out)
    docs = {Path(p).name: s for p, s in zip(frames["documents"]["source_path"],
                                            frames["documents"]["status"], strict=True)}
    # the scan's only page failed: the document is `failed` (a rerun retries it); the others
    # complete
    assert docs == {"002.txt": "complete", "004.txt": "complete", "scan.png": "failed"}
    fails = frames["failures"]
    assert list(fails["error_type"]) == ["PageTimeoutError"], fails.to_dict("records")
    assert list(fails["page_no"]) == [1]
    assert Path(fails["source_path"][0]).name == "scan.png"


def test_doc_timeout_is_one_row_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _hang(tmp_path, monkeypatch)
    out = tmp_path / "out"
    t0 = time.monotonic()
    # 12 s: a cold worker spends a few seconds importing before its first job, and the budget
    # runs from submission; the fake hangs 60 s
    summary = run([_inputs(tmp_path)], RunOptions(out=out, jobs=2, page_timeout=0,
                                                  doc_timeout=12, ocr_engine="cli"))
    assert time.monotonic() - t0 < 50
    assert summary.exit_code == ExitCode.SOME_FAILED
    frames = vanban.load(out)
    assert len(frames["documents"]) == 2
    fails = frames["failures"]
    assert list(fails["error_type"]) == ["DocumentTimeoutError"], fails.to_dict("records")
    assert Path(fails["source_path"][0]).name == "scan.png"


def test_noise_page_is_flagged_and_other_pages_kept(tmp_path: Path) -> None:
    good, draw = page(1600, 500)
    text_lines(draw, ["Kế hoạch xây dựng nông thôn mới năm 2024",
                      "Ủy ban nhân dân xã giao các phòng ban thực hiện"], 80, 100)
    rng = np.random.default_rng(7)
    ink = np.full((500, 1600), 250, dtype=np.uint8)  # ink without text: solid blots
    for _ in range(12):
        y, x = int(rng.integers(0, 400)), int(rng.integers(0, 1450))
        ink[y:y + 90, x:x + 140] = 10
    noise = Image.fromarray(ink)
    tif = tmp_path / "two.tif"
    good.save(tif, save_all=True, append_images=[noise], dpi=(300, 300))
    out = tmp_path / "out"
    summary = run([tif], RunOptions(out=out, jobs=1))
    assert summary.exit_code == ExitCode.SOME_FAILED
    frames = vanban.load(out)
    assert list(frames["documents"]["status"]) == ["partial"]
    pages = frames["pages"].sort_values("page_no")
    assert "nông thôn" in pages["text"].iloc[0]
    fails = frames["failures"]
    assert list(fails["error_type"]) == ["UnreadablePageError"]
    assert list(fails["page_no"]) == [2]


def test_blank_png_is_a_no_text_failure(tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    Image.new("L", (1200, 800), 255).save(blank)
    out = tmp_path / "out"
    summary = run([blank], RunOptions(out=out, jobs=1))
    assert summary.exit_code == ExitCode.SOME_FAILED
    frames = vanban.load(out)
    assert len(frames["documents"]) == 0
    assert list(frames["failures"]["error_type"]) == ["NoTextError"]


def test_read_only_out_with_force_exits_4_at_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(out)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        inp = tmp_path / "in"
        inp.mkdir()
        shutil.copy(seed("002"), inp / "002.txt")
        assert run([inp], RunOptions(out=out, jobs=1)).exit_code == ExitCode.OK
        subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        t0 = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "vanban", "run", str(inp), "-o", str(out),
                               "--force", "--plain"], capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == ExitCode.OUTPUT, done.stderr
        assert time.monotonic() - t0 < 20
        assert "vanban: error" in done.stderr and "Traceback" not in done.stderr
    finally:
        subprocess.run(["umount", "-l", str(out)], check=False)
