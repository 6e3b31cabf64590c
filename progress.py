"""Progress for people: a rich bar on a terminal, plain log lines otherwise (CI, cron, files)."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

if TYPE_CHECKING:
    from vanban.pipeline import RunSummary


class Reporter:
    def __init__(self, plain: bool, quiet: bool = False, log_file: Path | None = None):
        self.console = Console(stderr=True)
        self.quiet = quiet
        self.plain = plain or quiet or not sys.stderr.isatty()
        self.log: TextIO | None = log_file.open("a", encoding="utf-8") if log_file else None
        self.total = 0
        self.done = 0
        self.progress: Progress | None = None
        self.task_id: TaskID | None = None
        self.skips = 0
        self.started: float | None = None

    def set_total(self, total: int) -> None:
        self.total = total
        self.started = time.monotonic()
        if not self.plain:
            self.progress = Progress(
                TextColumn("[bold]vanban"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), TimeRemainingColumn(), TextColumn("{task.description}"),
                console=self.console,
            )
            self.progress.start()
            self.task_id = self.progress.add_task("", total=total)

    def event(self, kind: str, message: str) -> None:
        if kind in {"ok", "skip", "fail"}:
            self.done += 1
            self.skips += kind == "skip"
        line = f"[{self.done}/{self.total}{self._eta()}] {kind.upper():4} {message}"
        if self.log is not None:
            stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            self.log.write(f"{stamp} {line}\n")
            self.log.flush()
        if self.quiet and kind != "fail":
            return
        if self.progress is not None and self.task_id is not None:
            if kind in {"fail", "info"}:
                self.progress.console.print(f"[red]{kind.upper()}[/] {message}", markup=True,
                                            highlight=False)
            self.progress.update(self.task_id, completed=self.done,
                                 description=message[-60:])
        else:
            print(line, file=sys.stderr, flush=True)

    def _eta(self) -> str:
        """Remaining time from the pace of processed files (skips are instant: not counted)."""
        if self.started is None:
            self.started = time.monotonic()
        worked = self.done - self.skips
        left = self.total - self.done
        if worked < 1 or left < 1:
            return ""
        secs = (time.monotonic() - self.started) / worked * left
        return f" eta {int(secs // 60)}m{int(secs % 60):02d}s"

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
        if self.log is not None:
            self.log.close()
            self.log = None

    def print_summary(self, s: RunSummary, out: Path | None = None) -> None:
        if not self.quiet:
            for line in summary_lines(s, out):
                print(line, file=sys.stderr)
        if s.messages:
            print(f"{len(s.messages)} problem(s); details in the failures table:", file=sys.stderr)
            for m in s.messages:
                print(f"  - {m}", file=sys.stderr)


def summary_lines(s: RunSummary, out: Path | None = None) -> list[str]:
    """The closing summary in lines of at most 80 columns (a long OUT path gets its own)."""
    lines = [
        "vanban run",
        f"  {s.documents} documents, {s.skipped} skipped, {s.pages} pages, "
        f"{s.ocr_pages} OCR'd pages, {s.restored_pages} restored pages",
        f"  {s.schedule_entries} schedule entries, {s.directive_tasks} directive tasks, "
        f"{s.failure_rows} failures, {s.seconds:.1f} seconds",
    ]
    if out is not None:
        where = str(out)
        lines += [
            "  output (one Parquet folder per table, manifest.json):",
            f"    {where}",
            "  open it in Python:",
            f"    import vanban; t = vanban.load({where!r})",
            "  or in DuckDB:",
            f"    SELECT * FROM '{where}/tasks/*.parquet';",
        ]
    return lines


@contextmanager
def reporter(plain: bool = False, quiet: bool = False,
             log_file: Path | None = None) -> Iterator[Reporter]:
    rep = Reporter(plain, quiet, log_file)
    try:
        yield rep
    finally:
        rep.close()
