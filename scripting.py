"""The `vanban` command for scripts and CI: JSON summary, quiet/verbose, log file, dry run.

Kept apart from cli.py so the command's core stays small; everything here is about how a run
reports, not what it does.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanban.errors import ExitCode, NoInputError, OutputError

if TYPE_CHECKING:
    from vanban.pipeline import RunOptions, RunSummary


def usable_cores() -> int:
    """Cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def add_run_flags(run: argparse.ArgumentParser) -> None:
    run.add_argument("-q", "--quiet", action="store_true",
                     help="print only failures and errors (no progress, no summary table)")
    run.add_argument("-v", "--verbose", action="store_true",
                     help="also print debug messages")
    run.add_argument("--log-file", type=Path, default=None, metavar="FILE",
                     help="append every progress line, timestamped, to FILE")
    run.add_argument("--summary-json", default=None, metavar="FILE",
                     help="write the run's counts, options and problems as JSON (- : stdout)")
    run.add_argument("--dry-run", action="store_true",
                     help="list what would be processed or skipped, and why; write nothing")
    run.add_argument("--pages", default=None, metavar="SPEC",
                     help="process only these pages of each input, e.g. 1-3,7 or 5- (from 5 "
                          "to the end); other pages give no rows and no failures; a later run "
                          "with other pages or without --pages redoes the document")
    run.add_argument("--no-compact", action="store_true",
                     help="leave one Parquet part per document (default: one file per table)")


def log_level(argv: Sequence[str]) -> int:
    if "-v" in argv or "--verbose" in argv:
        return logging.DEBUG
    if "-q" in argv or "--quiet" in argv:
        return logging.WARNING
    return logging.INFO


def summary_dict(summary: RunSummary, options: RunOptions) -> dict[str, Any]:
    from vanban.pipeline.runinfo import output_options

    data = dataclasses.asdict(summary)
    data["exit_code"] = int(summary.exit_code)
    data["options"] = {**output_options(options), "jobs": options.jobs,
                       "executor": options.executor, "force": options.force}
    data["out"] = str(options.out.absolute())
    data["manifest"] = str((options.out / "manifest.json").absolute())
    return data


def _emit_json(dest: str, data: object) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if dest == "-":
        sys.stdout.write(text)
        return
    path = Path(dest)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write summary: {exc.strerror or exc}", path) from exc


def write_summary_json(dest: str | None, summary: RunSummary, options: RunOptions) -> None:
    if dest:
        _emit_json(dest, summary_dict(summary, options))


def dry_run(paths: Sequence[str], options: RunOptions, summary_json: str | None) -> int:
    """One line per input: process / skip / fail and the reason. Writes nothing to OUT."""
    from vanban.pipeline.runinfo import plan

    rows = plan(paths, options)
    if not rows:
        raise NoInputError("no supported input files found under the given paths")
    for path, action, why in rows:
        print(f"{action:7} {path}: {why}")
    counts = {a: sum(1 for _, x, _ in rows if x == a) for a in ("process", "skip", "fail")}
    print(f"dry run: {counts['process']} to process, {counts['skip']} to skip, "
          f"{counts['fail']} unreadable; nothing written", file=sys.stderr)
    if summary_json:
        _emit_json(summary_json, {"dry_run": True, "counts": counts,
                                  "inputs": [{"path": p, "action": a, "reason": w}
                                             for p, a, w in rows]})
    return int(ExitCode.OK)


def compact_command(out: Path) -> int:
    """`vanban compact OUT`: under OUT's lock, like a run's last step."""
    from vanban.compact import finalize
    from vanban.pipeline.lock import locked

    if not (out / "documents").is_dir():
        raise OutputError("not a vanban output folder (no documents/)", out)
    with locked(out):
        counts = finalize(out)
    print("compacted (tables with nothing new left as they were): "
          + ", ".join(f"{k} {v} rows" for k, v in counts.items()), file=sys.stderr)
    return int(ExitCode.OK)
