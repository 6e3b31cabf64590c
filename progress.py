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
    # Plain mode prints a "page" progress line at most this often: a 300-page scan takes ~20
    # minutes, and a log that stays silent that long looks hung (issue 15).
    PAGE_LINE_INTERVAL_S = 30.0

    def __init__(self, plain: bool, quiet: bool = False, log_file: Path | None = None):
        self.console = Console(stderr=True)
        self.quiet = quiet
        self.plain = plain or quiet or not sys.stderr.isatty()
        self.log: TextIO | None = log_file.open("a", encoding="utf-8") if log_file else None
        self.total = 0
        self.done = 0
        self.progress: Progress | None = None
        self.task_id: TaskID | None = None
        self._last_page_line = time.monotonic()
        self.skips = 0
        self.ocr_total = 0  # pages sent to OCR so far (known once their document is opened)
        self.ocr_done = 0
        self.opened = 0  # documents opened for processing (not skipped)
        self.oks = 0
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
        if kind == "page":  # pages of a long document: a heartbeat, not a finished input
            self._page(message)
            return
        if kind in {"ocr_planned", "ocr_done"}:  # counters, not lines
            if kind == "ocr_planned":
                self.ocr_total += int(message)
                self.opened += 1
            else:
                self.ocr_done += 1
                if self.progress is not None and self.task_id is not None:
                    self.progress.update(self.task_id, description=self._pages())
            return
        if kind in {"ok", "skip", "fail"}:
            self.done += 1
            self.skips += kind == "skip"
            self.oks += kind == "ok"
        line = f"[{self.done}/{self.total}{self._pages()}{self._eta()}] {kind.upper():4} {message}"
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

    def _page(self, message: str) -> None:
        if self.progress is not None and self.task_id is not None:
            self.progress.update(self.task_id, description=message[-60:])
            return
        now = time.monotonic()
        if now - self._last_page_line >= self.PAGE_LINE_INTERVAL_S:
            self._last_page_line = now
            print(f"[{self.done}/{self.total}] PAGE {message}", file=sys.stderr, flush=True)

    def _pages(self) -> str:
        return f", OCR {self.ocr_done}/{self.ocr_total} pages" if self.ocr_total else ""

    def _eta(self) -> str:
        """Remaining time from the pace so far: of OCR'd pages once there are some (OCR is
        where the time goes; unopened files are assumed to need the average seen), else of
        processed files (skips are instant: not counted)."""
        if self.started is None:
            self.started = time.monotonic()
        elapsed = time.monotonic() - self.started
        left = self.total - self.done
        if left < 1:
            return ""
        if self.ocr_done:
            unopened = max(0, left - max(0, self.opened - self.oks))
            pages = self.ocr_total - self.ocr_done + unopened * self.ocr_total / self.opened
            secs = elapsed / self.ocr_done * pages
        elif self.done - self.skips >= 1:
            secs = elapsed / (self.done - self.skips) * left
        else:
            return ""
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
    if s.poor_pages or s.unreadable_pages:
        lines.append(f"  {s.poor_pages + s.unreadable_pages} OCR'd pages below the quality bar: "
                     f"{s.poor_pages} poor (kept), {s.unreadable_pages} unreadable")
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
