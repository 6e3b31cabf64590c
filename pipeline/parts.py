"""A document's part file written in row groups as its rows come, atomic as `write_atomic`.

The finish job used to build every row of a document, then one Arrow table per table, then
write it: on a 300-page scan that peaked at 728 MiB in the worker, growing with the document.
`PartWriter` takes the rows a page at a time, keeps Arrow tables (columnar, far smaller than
the Python records) until a row group's worth is there, and writes it: memory is one row group,
whatever the document's length. The file is written under a hidden temporary name (readers
skip dot-files), fsync'd and renamed at `close`, so a part is whole or absent, as before;
`abort` removes it. Files carry the vanban version, as every part does.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path
from types import TracebackType

import pyarrow as pa
import pyarrow.parquet as pq

from vanban import __version__
from vanban.errors import OutputError

ROW_GROUP_ROWS = 65_536
ROW_GROUP_BYTES = 8 * 1024 * 1024  # a text input's pages are ~20 kB each: bound by size too


class PartWriter:
    """State is real here: an open Parquet writer and the rows not yet in a row group."""

    def __init__(self, dest: Path, schema: pa.Schema) -> None:
        meta = dict(schema.metadata or {})
        meta[b"vanban_version"] = __version__.encode()
        self.dest = dest
        self.schema = schema.with_metadata(meta)
        self.tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp")
        self._pending: list[pa.Table] = []
        self._rows = self._bytes = 0
        self.rows_written = 0
        try:
            self._writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")
        except OSError as exc:
            raise self._error(exc) from exc

    def add(self, table: pa.Table) -> None:
        if not table.num_rows:
            return
        self._pending.append(table.replace_schema_metadata(self.schema.metadata))
        self._rows += table.num_rows
        self._bytes += table.nbytes
        if self._rows >= ROW_GROUP_ROWS or self._bytes >= ROW_GROUP_BYTES:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        batch = pa.concat_tables(self._pending)
        self._pending, self._rows, self._bytes = [], 0, 0
        try:
            self._writer.write_table(batch)
        except OSError as exc:
            raise self._error(exc) from exc
        self.rows_written += batch.num_rows

    def close(self) -> Path:
        """Write what is left, fsync, and rename into place; returns the part's path."""
        try:
            self._flush()
            self._writer.close()
            with self.tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            os.replace(self.tmp, self.dest)
        except OSError as exc:
            self.tmp.unlink(missing_ok=True)
            raise self._error(exc) from exc
        return self.dest

    def abort(self) -> None:
        with contextlib.suppress(OSError, pa.ArrowException):
            self._writer.close()
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is not None:
            self.abort()

    def _error(self, exc: OSError) -> OutputError:
        return OutputError(f"cannot write {self.dest}: {exc.strerror or exc}", self.dest)
