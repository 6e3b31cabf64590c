"""Outputs for people, made after a run from OUT's tables and the source files.

`export_documents` writes Markdown / JSON / plain text per document, `write_report` the static
HTML QA report, `write_pdfs` searchable PDFs. They read only what a run committed (through
`vanban.store`) plus the original files, so they can be rerun at any time and never depend on
the pipeline's internals.
"""

from __future__ import annotations

from vanban.export.bundle import DocBundle, load_bundles
from vanban.export.formats import FORMATS, export_documents
from vanban.export.pdf import write_pdfs
from vanban.export.report import write_report

__all__ = ["FORMATS", "DocBundle", "export_documents", "load_bundles", "write_pdfs",
           "write_report"]
