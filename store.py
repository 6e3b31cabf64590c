"""The output folder: one Parquet part file per document and table, written atomically.

Layout: OUT/<table>/<key>.parquet for table in documents, pages, tasks, failures, plus a
zero-row `empty.parquet` in each folder so `pandas.read_parquet(OUT/"tasks")` always knows the
columns. A document is complete when its `documents` part exists: that part is written last, so
a run killed at any point leaves either a complete document or one that the next run redoes,
overwriting its parts: never a lost or doubled row.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from vanban.errors import OutputError
from vanban.models.schema import SCHEMAS

EMPTY_PART = "empty.parquet"
# An archivist's corrected text of one page: OUT/corrections/<doc_id>/<page_no>.txt (UTF-8),
# or the same layout under the folder given with `vanban run --corrections DIR`.
CORRECTIONS = "corrections"


def correction_path(folder: Path | str, doc_id: str, page_no: int) -> Path:
    """Where the correction of one page lives under a corrections folder (the one layout
    the pipeline reads and the report points archivists to)."""
    return Path(folder) / doc_id / f"{page_no}.txt"


def write_atomic(table: pa.Table, dest: Path) -> None:
    """Write to a hidden temporary file beside `dest`, fsync, then rename over it.

    Readers (pyarrow, pandas) skip dot-files, so a half-written part is never read.
    """
    tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {dest}: {exc.strerror or exc}", dest) from exc


class Store:
    """The output folder of a run (state: its path; everything else is on disk)."""

    def __init__(self, out: Path):
        self.out = out
        try:
            for name, schema in SCHEMAS.items():
                folder = out / name
                folder.mkdir(parents=True, exist_ok=True)
                for stale in folder.glob(".*.tmp"):
                    stale.unlink(missing_ok=True)
                if not (folder / EMPTY_PART).exists():
                    write_atomic(schema.empty_table(), folder / EMPTY_PART)
                # Fail at once, not after minutes of OCR, on an OUT that cannot be written
                # (read-only mount, full disk, --force over someone else's files).
                probe = folder / f".probe.{os.getpid()}.tmp"
                probe.write_bytes(b"vanban")
                probe.unlink()
        except OSError as exc:
            raise OutputError(f"cannot create output folder: {exc.strerror or exc}", out) from exc

    def part(self, table: str, key: str) -> Path:
        return self.out / table / f"{key}.parquet"

    def is_done(self, doc_id: str) -> bool:
        """Committed and complete: a partial document (a page failed) is retried by a rerun."""
        part = self.part("documents", doc_id)
        if not part.exists():
            return False
        names = pq.read_schema(part).names
        if "status" not in names:
            return True  # written before statuses existed
        return bool(pq.read_table(part, columns=["status"]).column(0).to_pylist() == ["complete"])

    def write_document(
        self, doc_id: str, documents: pa.Table, pages: pa.Table, tasks: pa.Table,
        failures: pa.Table | None, clear_failure_keys: tuple[str, ...] = (),
        words: pa.Table | None = None,
    ) -> None:
        """Pages, tasks and page-level failures first, the documents row last (the commit)."""
        write_atomic(pages, self.part("pages", doc_id))
        if words is not None:
            write_atomic(words, self.part("words", doc_id))
        write_atomic(tasks, self.part("tasks", doc_id))
        for key in clear_failure_keys:
            self.part("failures", key).unlink(missing_ok=True)
        if failures is not None and failures.num_rows:
            write_atomic(failures, self.part("failures", doc_id))
        write_atomic(documents, self.part("documents", doc_id))

    def write_failure(self, key: str, failures: pa.Table) -> None:
        """One part per failed input, keyed so that a re-run replaces rather than repeats it."""
        write_atomic(failures, self.part("failures", key))


_SORT_KEYS = {
    "documents": ["doc_id"],
    "pages": ["doc_id", "page_no"],
    "tasks": ["doc_id", "task_id"],
    "failures": ["source_path", "page_no", "time"],
    "words": ["doc_id", "page_no", "word_no"],
}


def read_table(out: Path | str, name: str) -> pa.Table:
    folder = Path(out) / name
    schema = SCHEMAS[name]
    if not folder.is_dir():
        return schema.empty_table()
    dataset = ds.dataset(str(folder), format="parquet", schema=schema)
    table = dataset.to_table()
    return table.sort_by([(k, "ascending") for k in _SORT_KEYS[name]])


def load_tables(out: Any) -> dict[str, pd.DataFrame]:
    """{table: DataFrame}; dates as datetime64, list columns as Python lists."""
    frames: dict[str, pd.DataFrame] = {}
    for name, schema in SCHEMAS.items():
        df = read_table(out, name).to_pandas(date_as_object=False)
        for field in schema:
            if pa.types.is_list(field.type):
                df[field.name] = [list(v) if v is not None else [] for v in df[field.name]]
            elif pa.types.is_date(field.type):
                df[field.name] = pd.to_datetime(df[field.name])
        frames[name] = df.reset_index(drop=True)
    return frames
