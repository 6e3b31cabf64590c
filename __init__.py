"""vanban: scanned Vietnamese government documents to an analysable Parquet dataset.

Stages flow one way: ingest -> ocr -> restore -> extract -> models -> Parquet.
`vanban.load(OUT)` reads a finished output folder back as pandas DataFrames.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    import pandas as pd


def load(out_dir: Any, best_only: bool = False) -> dict[str, pd.DataFrame]:
    """Load an output folder as {table name: DataFrame}; see docs/schema.md.

    best_only=True keeps one reading per document (documents.is_best_reading), so renderings
    and re-scans of one document do not count it several times.
    """
    from vanban.store import load_tables

    return load_tables(out_dir, best_only=best_only)


__all__ = ["__version__", "load"]
