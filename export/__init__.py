"""Outputs for people, made after a run from OUT's tables and the source files.

`export_documents` writes Markdown / JSON / plain text per document, `write_report` the static
HTML QA report, `write_pdfs` searchable PDFs. They read only what a run committed (through
`vanban.store`) plus the original files, so they can be rerun at any time and never depend on
the pipeline's internals.

Names load lazily: cli.py imports `vanban.export.cli_args` on every start, and pandas, fpdf2
and pikepdf should load only when an export is asked for.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "DocBundle": "bundle", "load_bundles": "bundle", "FORMATS": "formats",
    "export_documents": "formats", "write_pdfs": "pdf", "write_report": "report",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"vanban.export.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'vanban.export' has no attribute {name!r}")


__all__ = sorted(_WHERE)
