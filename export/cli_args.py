"""Command-line surface of the exports, kept here so cli.py only hooks it in.

`vanban run ... --to md,json,txt --report --pdf` exports after the run; `vanban export OUT
[--to ...] [--report] [--pdf]` and `vanban report OUT` do it later from the committed tables.
Importing this module is cheap: the PDF and imaging libraries load only when used.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger("vanban")


def _formats(value: str) -> str:
    """Checked at parse time, so a typo fails before minutes of OCR, not after."""
    from vanban.export.formats import parse_formats

    parse_formats([value])
    return value


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", action="append", default=[], type=_formats, metavar="FORMATS",
                        help="write OUT/export/<doc_id>.<ext> per document: md, json, txt "
                             "(comma list, repeatable)")
    parser.add_argument("--report", action="store_true",
                        help="write the HTML QA report OUT/report/index.html")
    parser.add_argument("--pdf", action="store_true",
                        help="write searchable PDFs OUT/pdf/<doc_id>.pdf")


def add_export_commands(sub: Any) -> None:
    """The `export` and `report` sub-commands (`sub` is the parser's subparsers action)."""
    ex = sub.add_parser("export", help="write per-document exports, the report or PDFs of OUT")
    ex.add_argument("out", type=Path, metavar="OUT", help="output folder of a run")
    add_export_arguments(ex)
    rp = sub.add_parser("report", help="write the HTML QA report of OUT")
    rp.add_argument("out", type=Path, metavar="OUT", help="output folder of a run")
    for parser in (ex, rp):  # `vanban run` has its own --corrections (it reads them)
        parser.add_argument("--corrections", type=Path, default=None, metavar="DIR",
                            help="the report names correction files under DIR "
                                 "(default OUT/corrections), as `vanban run --corrections`")


def run_exports(out: Path, args: argparse.Namespace) -> None:
    """Do what the flags ask, each from the committed tables (after `run()` returned)."""
    formats = list(getattr(args, "to", None) or [])
    report = bool(getattr(args, "report", False)) or getattr(args, "command", "") == "report"
    pdf = bool(getattr(args, "pdf", False))
    if not (formats or report or pdf):
        if getattr(args, "command", "") == "export":
            formats = ["md,json,txt"]
        else:
            return
    from vanban.export.bundle import load_bundles

    if not (out / "documents").is_dir():
        from vanban.errors import UsageError

        raise UsageError(f"{out} is not the output folder of a vanban run (no documents/)")
    bundles, failures = load_bundles(out)
    if formats:
        from vanban.export.formats import export_documents

        paths = export_documents(out, formats, bundles)
        log.info("exported %d files to %s", len(paths), out / "export")
    if report:
        from vanban.export.report import write_report

        index = write_report(out, bundles, failures, getattr(args, "corrections", None))
        log.info("report: %s", index)
    if pdf:
        logging.getLogger("pikepdf").setLevel(logging.WARNING)  # before its import logs
        from vanban.export.pdf import write_pdfs

        pdfs = write_pdfs(out, bundles)
        log.info("searchable PDFs: %d in %s", len(pdfs), out / "pdf")
