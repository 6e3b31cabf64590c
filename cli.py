"""The `vanban` command: `vanban run`, `vanban restore`.

Exit codes are `vanban.errors.ExitCode`: 0 all succeeded, 1 some inputs failed (see the
`failures` table), 2 usage error, 3 no inputs, 4 output not writable (or locked by another
run), 5 Tesseract missing, 6 the main process ran out of resources, 130 Ctrl-C, 143 SIGTERM.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from vanban import __version__, scripting
from vanban.errors import ExitCode, ResourceLimitError, UsageError, VanbanError
from vanban.export.cli_args import add_export_arguments, add_export_commands, run_exports
from vanban.scripting import usable_cores

log = logging.getLogger("vanban")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="vanban", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"vanban {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = sub.add_parser("run", help="process files, folders or globs into a Parquet dataset")
    run.add_argument("paths", nargs="+", metavar="PATH", help="file, folder (recursive) or glob")
    run.add_argument("-o", "--out", required=True, type=Path, help="output folder")
    run.add_argument("--jobs", type=int, default=usable_cores(),
                     help=f"worker processes (default: the usable cores, here {usable_cores()})")
    run.add_argument("--force", action="store_true", help="redo documents already in OUT")
    run.add_argument("--lang", default="vie", help="Tesseract language (default vie)")
    run.add_argument("--legacy", choices=["ocr", "restore"], default="ocr",
                     help="garbled text layers: OCR the page again (default) or restore the text")
    run.add_argument("--no-restore-ocr", dest="restore_ocr", action="store_false",
                     help="do not run restore/ over Tesseract vie output (default: do, as "
                          "it lowers the error rate; docs/ocr.md)")
    run.add_argument("--plain", action="store_true", help="plain log lines, no progress bar")
    run.add_argument("--executor", choices=["local", "inprocess", "dask"], default="local",
                     help="where jobs run: local process pool (default), this process, or Dask")
    run.add_argument("--scheduler", metavar="ADDRESS", default=None,
                     help="with --executor dask: join this scheduler (default: start a "
                          "LocalCluster of --jobs workers)")
    run.add_argument("--page-timeout", type=float, default=120.0, metavar="S",
                     help="seconds one page's OCR may take before it becomes a failure row "
                          "(default 120; 0: no limit)")
    run.add_argument("--doc-timeout", type=float, default=None, metavar="S",
                     help="seconds one document may take from opening to commit (default "
                          "600 + 30 per page; 0: no limit)")
    run.add_argument("--ocr-engine", choices=["auto", "api", "cli"], default="auto",
                     help="Tesseract in-process (api: tesserocr, one engine per worker, fast) or "
                          "one program call per image (cli: isolates crashes); auto = api when "
                          "tesserocr is installed")
    run.add_argument("--resolution", choices=["300", "native"], default="300",
                     help="read scanned pages' text at 300 dpi (default, the accurate one) or "
                          "at the scan's own resolution when it is 200-300 dpi (native: about "
                          "10%% less CPU per page; CER within 0.1 point on the benchmark "
                          "scans; docs/ocr.md)")
    run.add_argument("--corrections", type=Path, default=None, metavar="DIR",
                     help="archivists' corrected page texts, DIR/<doc_id>/<page_no>.txt "
                          "(default OUT/corrections); a newer correction redoes its document")
    run.add_argument("--plugin", dest="plugins", action="append", default=[], metavar="MODULE",
                     help="load a plugin module or .py file into every worker (repeatable)")
    add_export_arguments(run)
    add_export_commands(sub)
    scripting.add_run_flags(run)
    cp = sub.add_parser("compact", help="rewrite each table of OUT as one file (after a run, "
                                        "this happens by itself)")
    cp.add_argument("out", type=Path, metavar="OUT")
    rs = sub.add_parser("restore", help="restore diacritics of garbled/accent-less text",
                        add_help=False)
    rs.add_argument("args", nargs=argparse.REMAINDER)
    return parser


_RESOURCE_ERRNOS = {errno.ENOMEM, errno.EMFILE, errno.ENFILE, errno.EAGAIN}


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: workers ended, temp files gone, resumable."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def main(argv: Sequence[str] | None = None) -> int:
    from_command_line = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    logging.basicConfig(level=scripting.log_level(argv), format="%(message)s", stream=sys.stderr)
    try:
        if argv and argv[0] == "restore":
            from vanban.restore import cli as restore_cli

            return int(restore_cli.main(argv[1:]))
        args = build_parser().parse_args(argv)
        if args.command == "run":
            return _run(args)
        if args.command in ("export", "report"):
            run_exports(args.out, args)
            return int(ExitCode.OK)
        if args.command == "compact":
            return scripting.compact_command(args.out)
        raise UsageError(f"unknown command {args.command}")
    except VanbanError as exc:
        print(f"vanban: error: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt as exc:
        what = "terminated (SIGTERM)" if isinstance(exc, Terminated) else "interrupted"
        print(f"vanban: {what}; run the same command again to resume", file=sys.stderr)
        code = int(ExitCode.TERMINATED if isinstance(exc, Terminated) else ExitCode.INTERRUPTED)
        if from_command_line:
            # Workers are dead and temp files gone; exit handlers would only join the process
            # pool's manager thread, which a worker killed mid-result can block forever.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        return code
    except (MemoryError, OSError, RuntimeError) as exc:
        # The main process itself ran short (memory, threads, file descriptors): committed
        # documents are safe, the rest is redone by a rerun. Anything else is a bug: traceback.
        if isinstance(exc, RuntimeError) and "thread" not in str(exc):
            raise
        if isinstance(exc, OSError) and exc.errno not in _RESOURCE_ERRNOS:
            raise
        print(f"vanban: error: the main process ran out of resources ({type(exc).__name__}: "
              f"{exc}); lower --jobs or raise the memory limit, then run the same command "
              "again to resume", file=sys.stderr)
        return int(ExitCode.RESOURCES)


# Below about 700 MiB of address space OpenCV's import segfaults (measured with `prlimit --as`:
# 600 MiB -> SIGSEGV in cv2's bootstrap, exit 139 and nothing said; 800 MiB runs text inputs;
# an A4 page's OCR needs ~1.5 GiB, at 1 GiB it is an "out of memory" failure row). A limit
# under the crash zone is refused up front, with the reason.
MIN_ADDRESS_SPACE = 768 << 20


def _check_address_space() -> None:
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY and soft < MIN_ADDRESS_SPACE:
        raise ResourceLimitError(
            f"the address-space limit (ulimit -v) is {soft >> 20} MiB; vanban needs at least "
            f"{MIN_ADDRESS_SPACE >> 20} MiB (its OpenCV import crashes below ~700 MiB; OCR of "
            "an A4 page needs ~1.5 GiB): raise the limit")


def _run(args: argparse.Namespace) -> int:
    _check_address_space()
    from vanban.pipeline import RunOptions, pagesel, run
    from vanban.progress import reporter

    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.page_timeout < 0 or (args.doc_timeout is not None and args.doc_timeout < 0):
        raise UsageError("--page-timeout and --doc-timeout must be 0 (no limit) or more")
    options = RunOptions(out=args.out, jobs=args.jobs, force=args.force, lang=args.lang,
                         legacy=args.legacy, restore_ocr=args.restore_ocr,
                         executor=args.executor, scheduler=args.scheduler,
                         plugins=tuple(args.plugins), page_timeout=args.page_timeout,
                         doc_timeout=args.doc_timeout, ocr_engine=args.ocr_engine,
                         compact=not args.no_compact, corrections=args.corrections,
                         pages=pagesel.parse(args.pages), resolution=args.resolution)
    if args.dry_run:
        return scripting.dry_run(args.paths, options, args.summary_json)
    with reporter(plain=args.plain, quiet=args.quiet, log_file=args.log_file) as rep:
        summary = run(args.paths, options, report=rep.event, total_hook=rep.set_total)
    rep.print_summary(summary, out=args.out)
    scripting.write_summary_json(args.summary_json, summary, options)
    run_exports(args.out, args)
    return int(summary.exit_code)
