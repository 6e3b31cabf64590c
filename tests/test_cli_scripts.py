"""The command for scripts and CI: --dry-run, --summary-json, -q, --log-file, compact, --jobs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vanban import compact
from vanban.cli import build_parser, main
from vanban.errors import ExitCode
from vanban.models.schema import SCHEMAS
from vanban.pipeline import RunSummary
from vanban.progress import summary_lines
from vanban.store import EMPTY_PART

from helpers import SEEDS, seed


def _run(out: Path, *extra: str) -> int:
    return main(["run", str(SEEDS), "-o", str(out), "--executor", "inprocess", "--plain",
                 *extra])


def test_dry_run_says_what_and_why_and_writes_nothing(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert _run(out, "--dry-run") == ExitCode.OK
    assert not out.exists()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and all(ln.startswith("process") for ln in lines)
    assert _run(out, "-q") == ExitCode.OK
    capsys.readouterr()
    assert _run(out, "--dry-run", "--summary-json", str(tmp_path / "d.json")) == ExitCode.OK
    assert all(ln.startswith("skip") for ln in capsys.readouterr().out.splitlines())
    assert json.loads((tmp_path / "d.json").read_text())["counts"]["skip"] == 5
    assert _run(out, "--dry-run", "--no-restore-ocr") == ExitCode.OK  # other options: redo
    assert all("other options" in ln for ln in capsys.readouterr().out.splitlines())


def test_summary_json_quiet_and_log_file(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out, log = tmp_path / "out", tmp_path / "run.log"
    code = _run(out, "-q", "--summary-json", "-", "--log-file", str(log))
    assert code == ExitCode.OK
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["documents"] == 5 and data["exit_code"] == 0
    assert data["options"]["lang"] == "vie"
    assert data["out"] == str(out.absolute())
    assert captured.err == ""  # quiet: nothing but failures
    assert len(log.read_text(encoding="utf-8").splitlines()) == 5


def test_summary_fits_80_columns_and_says_how_to_open() -> None:
    s = RunSummary(inputs=12, documents=12, pages=64, ocr_pages=25, restored_pages=13,
                   schedule_entries=349, directive_tasks=365, seconds=175.2)
    lines = summary_lines(s, Path("out"))
    assert max(len(ln) for ln in lines) <= 80
    text = "\n".join(lines)
    for col in ("documents", "pages", "OCR'd pages", "failures", "seconds", "vanban.load"):
        assert col in text


def test_compact_command(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run(out, "-q", "--no-compact") == ExitCode.OK
    assert len(list((out / "tasks").glob("*.parquet"))) == 6
    assert main(["compact", str(out)]) == ExitCode.OK
    for name in SCHEMAS:
        files = [p for p in (out / name).glob("*.parquet") if p.name != EMPTY_PART]
        if name in ("pages", "tasks", "words"):  # one file per issue year, no part left
            assert files and all(compact.file_year(p) for p in files), name
            assert not compact.needs_compaction(out / name), name
        else:
            assert len(files) <= 1, name
    assert main(["compact", str(tmp_path / "nothing")]) == ExitCode.OUTPUT


def test_jobs_default_is_the_usable_cores() -> None:
    args = build_parser().parse_args(["run", str(seed("000")), "-o", "x"])
    assert args.jobs == len(os.sched_getaffinity(0))


def test_plain_progress_lines_show_an_eta(capsys: pytest.CaptureFixture[str]) -> None:
    from vanban.progress import Reporter

    rep = Reporter(plain=True)
    rep.set_total(3)
    rep.event("skip", "a")
    rep.event("ok", "b")
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("[1/3] SKIP")  # nothing processed yet: no pace to go by
    assert err[1].startswith("[2/3 eta 0m")


def test_progress_counts_ocr_pages(capsys: pytest.CaptureFixture[str]) -> None:
    from vanban.progress import Reporter

    rep = Reporter(plain=True)
    rep.set_total(2)
    rep.event("ocr_planned", "4")
    for _ in range(4):
        rep.event("ocr_done", "")
    rep.event("ok", "a.pdf")
    line = capsys.readouterr().err.splitlines()[-1]
    assert line.startswith("[1/2, OCR 4/4 pages eta 0m")  # the other file: 4 more pages
