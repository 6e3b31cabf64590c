"""Progress for people: a rich bar on a terminal, plain log lines otherwise (CI, cron, files)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

if TYPE_CHECKING:
    from vanban.pipeline import RunSummary


class Reporter:
    # Plain mode prints a "page" progress line at most this often: a 300-page scan takes ~20
    # minutes, and a log that stays silent that long looks hung (issue 15).
    PAGE_LINE_INTERVAL_S = 30.0

    def __init__(self, plain: bool):
        self.console = Console(stderr=True)
        self.plain = plain or not sys.stderr.isatty()
        self.total = 0
        self.done = 0
        self.progress: Progress | None = None
        self.task_id: TaskID | None = None
        self._last_page_line = time.monotonic()

    def set_total(self, total: int) -> None:
        self.total = total
        if not self.plain:
            self.progress = Progress(
                TextColumn("[bold]vanban"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), TextColumn("{task.description}"), console=self.console,
            )
            self.progress.start()
            self.task_id = self.progress.add_task("", total=total)

    def event(self, kind: str, message: str) -> None:
        if kind == "page":  # pages of a long document: a heartbeat, not a finished input
            self._page(message)
            return
        if kind in {"ok", "skip", "fail"}:
            self.done += 1
        line = f"[{self.done}/{self.total}] {kind.upper():4} {message}"
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

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()

    def print_summary(self, s: RunSummary) -> None:
        table = Table(title="vanban run", show_header=True)
        for col in ("documents", "skipped", "pages", "OCR'd pages", "restored pages",
                    "schedule entries", "directive tasks", "failures", "seconds"):
            table.add_column(col, justify="right")
        table.add_row(*(str(v) for v in (
            s.documents, s.skipped, s.pages, s.ocr_pages, s.restored_pages, s.schedule_entries,
            s.directive_tasks, s.failure_rows, f"{s.seconds:.1f}")))
        Console(stderr=True, width=130).print(table)
        if s.messages:
            print(f"{len(s.messages)} problem(s); details in the failures table:", file=sys.stderr)
            for m in s.messages:
                print(f"  - {m}", file=sys.stderr)


@contextmanager
def reporter(plain: bool = False) -> Iterator[Reporter]:
    rep = Reporter(plain)
    try:
        yield rep
    finally:
        rep.close()
