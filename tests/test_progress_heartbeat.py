"""--plain gives a page heartbeat on long documents (issue 15: 20 silent minutes on 300 pages)."""

from __future__ import annotations

import pytest

from vanban.progress import Reporter


def test_plain_page_lines_are_throttled(capsys: pytest.CaptureFixture[str]) -> None:
    rep = Reporter(plain=True)
    rep.set_total(1)
    rep.PAGE_LINE_INTERVAL_S = 0.0
    rep.event("page", "big.pdf: 1 of 300 OCR pages done")
    rep.PAGE_LINE_INTERVAL_S = 3600.0
    rep.event("page", "big.pdf: 2 of 300 OCR pages done")  # within the interval: quiet
    rep.event("ok", "big.pdf: 300 pages")
    err = capsys.readouterr().err.splitlines()
    assert err == ["[0/1] PAGE big.pdf: 1 of 300 OCR pages done", "[1/1] OK   big.pdf: 300 pages"]
