"""Real Tesseract on real scans: the accuracy floor a user can count on."""

from __future__ import annotations

from pathlib import Path

import vanban
from tools.evaluate.metrics import cer
from vanban.pipeline import RunOptions, run

from helpers import PDFS, seed


def test_scanned_002_is_read_with_under_3_percent_cer(tmp_path: Path) -> None:
    scan = next(PDFS.glob("002_*.scan-medium.pdf"))
    summary = run([scan], RunOptions(out=tmp_path / "out", jobs=2))
    assert summary.failure_rows == 0, summary.messages
    pages = vanban.load(tmp_path / "out")["pages"]
    assert set(pages["method"]) == {"ocr"}
    assert pages["ocr_confidence"].between(50, 100).all()
    text = "\n".join(pages.sort_values("page_no")["text"])
    assert cer(text, seed("002").read_text(encoding="utf-8")) < 0.03
