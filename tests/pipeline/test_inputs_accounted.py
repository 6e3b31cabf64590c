"""Every path named on the command line ends as a document or a failures row."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import vanban
from vanban.errors import ExitCode
from vanban.pipeline import RunOptions, run

from helpers import seed


def test_missing_fifo_and_bad_name_are_failure_rows(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    good = inp / "good.txt"
    good.write_bytes(seed("002").read_bytes())
    bad_name = Path(os.fsdecode(bytes(inp) + b"/b\xe1d.txt"))
    bad_name.write_bytes(seed("004").read_bytes())
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    summary = run([inp, tmp_path / "typo.pdf", fifo], RunOptions(out=out, jobs=1))
    assert summary.exit_code == ExitCode.SOME_FAILED
    frames = vanban.load(out)
    assert len(frames["documents"]) == 2  # the undecodable name is processed, not a crash
    fails = sorted(Path(p).name for p in frames["failures"]["source_path"])
    assert fails == ["pipe.pdf", "typo.pdf"]


def test_partial_document_is_retried_by_a_plain_rerun(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plugins.faults import FAULT_ENV, PLUGIN

    from scanpage import page, text_lines

    img = tmp_path / "crashy.png"
    drawn, draw = page(1600, 300)
    text_lines(draw, ["Kế hoạch xây dựng nông thôn mới năm 2024"], 80, 80)
    drawn.save(img)
    out = tmp_path / "out"
    monkeypatch.setenv(FAULT_ENV, "ocr-crash:crashy")
    first = run([img], RunOptions(out=out, jobs=1, plugins=(PLUGIN,)))
    assert first.exit_code == ExitCode.SOME_FAILED
    # its only page failed: the document is committed `failed`, counted as a failed file
    assert list(vanban.load(out)["documents"]["status"]) == ["failed"]
    assert (first.documents, first.failed_files) == (0, 1)
    monkeypatch.delenv(FAULT_ENV)
    again = run([img], RunOptions(out=out, jobs=1, plugins=(PLUGIN,)))
    assert again.skipped == 0 and again.documents == 1
    frames = vanban.load(out)
    assert list(frames["documents"]["status"]) == ["complete"]
    assert len(frames["failures"]) == 0
    third = run([img], RunOptions(out=out, jobs=1))
    assert third.skipped == 1
