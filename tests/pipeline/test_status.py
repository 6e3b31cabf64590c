"""`documents.status` for every combination of page outcomes, and what a rerun does with it.

complete: every page read (blank pages included); partial: some page failed, some gave text;
failed: pages failed and none gave text (committed with its failure rows, counted as a failed
file, retried by a plain rerun); a document of blank pages only is a NoTextError row, no
document. Faults come from drawn images (ink without text) and the test fault plugin.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from plugins.faults import FAULT_ENV, PLUGIN

import vanban
from tools.faultgen import LINES, text_image
from vanban.errors import ExitCode
from vanban.pipeline import RunOptions, run
from vanban.pipeline.failures import document_status


@pytest.mark.parametrize(("texts", "n_failures", "expected"), [
    (["Kế hoạch", "năm 2024"], 0, "complete"),
    (["Kế hoạch", ""], 0, "complete"),  # a blank page is read, not failed
    (["Kế hoạch", ""], 1, "partial"),
    (["", ""], 2, "failed"),
    (["", ""], 1, "failed"),  # one page failed, the other blank
    (["  \n\t", "- ."], 1, "failed"),  # no letter or digit is no text
    ([], 1, "failed"),
])
def test_document_status(texts: list[str], n_failures: int, expected: str) -> None:
    assert document_status(texts, n_failures) == expected


def _blots(seed: int) -> Image.Image:
    """Ink without text (solid blots): OCR finds nothing, so the page is flagged unreadable."""
    rng = np.random.default_rng(seed)
    ink = np.full((500, 1600), 250, dtype=np.uint8)
    for _ in range(12):
        y, x = int(rng.integers(0, 400)), int(rng.integers(0, 1450))
        ink[y:y + 90, x:x + 140] = 10
    return Image.fromarray(ink)


def _blank() -> Image.Image:
    return Image.new("L", (1600, 500), 250)


def _tiff(dest: Path, frames: list[Image.Image]) -> None:
    frames[0].save(dest, save_all=True, append_images=frames[1:], dpi=(300, 300))


def test_status_of_every_combination_and_the_rerun(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    text_image(LINES[0], 1600, 500).save(inp / "ok.png", dpi=(300, 300))
    _tiff(inp / "blank_and_text.tif", [_blank(), text_image(LINES[1], 1600, 500)])
    _tiff(inp / "text_and_ink.tif", [text_image(LINES[2], 1600, 500), _blots(1)])
    _tiff(inp / "ink_only.tif", [_blots(2), _blots(3)])
    _tiff(inp / "blank_and_ink.tif", [_blank(), _blots(4)])
    text_image(LINES[1], 1300, 400).save(inp / "ocr_fails.png", dpi=(300, 300))
    _blank().save(inp / "blank.png", dpi=(300, 300))
    out = tmp_path / "out"
    monkeypatch.setenv(FAULT_ENV, "ocr-error:ocr_fails")
    options = RunOptions(out=out, jobs=2, plugins=(PLUGIN,))
    first = run([inp], options)

    assert first.exit_code == ExitCode.SOME_FAILED
    frames = vanban.load(out)
    docs = frames["documents"]
    status = dict(zip(docs["source_path"].map(lambda p: Path(p).name), docs["status"],
                      strict=True))
    assert status == {"ok.png": "complete", "blank_and_text.tif": "complete",
                      "text_and_ink.tif": "partial", "ink_only.tif": "failed",
                      "blank_and_ink.tif": "failed", "ocr_fails.png": "failed"}
    fails = frames["failures"]
    rows = sorted(zip(fails["source_path"].map(lambda p: Path(p).name),
                      fails["page_no"].fillna(0).astype(int), fails["error_type"], strict=True))
    assert rows == [("blank.png", 0, "NoTextError"),
                    ("blank_and_ink.tif", 2, "UnreadablePageError"),
                    ("ink_only.tif", 1, "UnreadablePageError"),
                    ("ink_only.tif", 2, "UnreadablePageError"),
                    ("ocr_fails.png", 1, "OcrError"),
                    ("text_and_ink.tif", 2, "UnreadablePageError")]
    # the summary counts a failed document as a failed file, not as a document
    assert (first.documents, first.failed_files, first.failure_rows) == (3, 4, 6)
    pages = frames["pages"].merge(docs[["doc_id", "source_path"]], on="doc_id")
    failed_pages = pages[pages["source_path"].str.endswith("ink_only.tif")]
    assert list(failed_pages["quality"]) == ["unreadable", "unreadable"]

    # a plain rerun skips the complete documents and retries the others
    monkeypatch.delenv(FAULT_ENV)
    again = run([inp], options)
    assert again.skipped == 2
    status = dict(zip(vanban.load(out)["documents"]["source_path"].map(lambda p: Path(p).name),
                      vanban.load(out)["documents"]["status"], strict=True))
    assert status["ocr_fails.png"] == "complete"  # the fault is gone: read this time
    assert status["ink_only.tif"] == "failed"
