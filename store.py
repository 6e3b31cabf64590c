"""The output folder: one Parquet part file per document and table, written atomically.

Layout: OUT/<table>/<key>.parquet for table in documents, pages, tasks, failures, plus a
zero-row `empty.parquet` in each folder so `pandas.read_parquet(OUT/"tasks")` always knows the
columns. A document is complete when its `documents` part exists: that part is written last, so
a run killed at any point leaves either a complete document or one that the next run redoes,
overwriting its parts: never a lost or doubled row.

After a run, vanban.compact merges the parts into one `compact-*.parquet` per table. A document
redone later (--force, a partial one retried, other options) gets parts again; until the next
compaction its part supersedes its rows in the compacted file (`read_table` drops them).
"""

from __future__ import annotations

import errno
import os
import shutil
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from vanban import __version__
from vanban.errors import OutputError
from vanban.models.schema import SCHEMAS

if TYPE_CHECKING:
    import pandas as pd


def _ds() -> Any:
    """pyarrow.dataset, imported on first read: it imports pandas (0.25 s CPU), which the
    worker processes (they only write parts) never need."""
    import pyarrow.dataset

    return pyarrow.dataset

EMPTY_PART = "empty.parquet"
COMPACT_PREFIX = "compact-"  # one file holding many documents (vanban.compact)
# An archivist's corrected text of one page: OUT/corrections/<doc_id>/<page_no>.txt (UTF-8),
# or the same layout under the folder given with `vanban run --corrections DIR`.
CORRECTIONS = "corrections"


def correction_path(folder: Path | str, doc_id: str, page_no: int) -> Path:
    """Where the correction of one page lives under a corrections folder (the one layout
    the pipeline reads and the report points archivists to)."""
    return Path(folder) / doc_id / f"{page_no}.txt"


def write_atomic(table: pa.Table, dest: Path) -> None:
    """Write to a hidden temporary file beside `dest`, fsync, then rename over it.

    Readers (pyarrow, pandas) skip dot-files, so a half-written part is never read. Every file
    carries the vanban version that wrote it beside the schema's own metadata.
    """
    tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp")
    meta = dict(table.schema.metadata or {})
    meta[b"vanban_version"] = __version__.encode()
    table = table.replace_schema_metadata(meta)
    try:
        pq.write_table(table, tmp, compression="zstd")
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {dest}: {exc.strerror or exc}", dest) from exc


def _move_into(src: Path, dest: Path) -> None:
    """Rename a finished part file into place (atomic); across file systems (a run folder
    mounted elsewhere), copy it beside `dest` first and rename that."""
    try:
        try:
            os.replace(src, dest)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp")
            shutil.copyfile(src, tmp)
            os.replace(tmp, dest)
    except OSError as exc:
        raise OutputError(f"cannot write {dest}: {exc.strerror or exc}", dest) from exc


def recover(out: Path) -> None:
    """Finish or undo a folder swap that a kill interrupted (the caller holds OUT's lock)."""
    for name in SCHEMAS:
        folder, new, old = out / name, out / f".{name}.new", out / f".{name}.old"
        if new.is_dir():
            if folder.is_dir():
                shutil.rmtree(new)  # killed while building: the old folder is whole
            else:
                os.replace(new, folder)  # killed between the renames: the new one is whole
        if old.is_dir():
            if folder.is_dir():
                shutil.rmtree(old)
            else:
                os.replace(old, folder)


class Store:
    """The output folder of a run (state: its path; everything else is on disk)."""

    def __init__(self, out: Path, create: bool = True):
        """create=False: only look (--dry-run); nothing is written, repaired or created."""
        self.out = out
        self._compacted: dict[str, tuple[str, str | None]] | None = None
        self._corrected: set[str] | None = None
        if not create:
            return
        try:
            if out.is_dir():
                recover(out)  # before any folder is created: a missing one may be mid-swap
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

    def doc_rows(self, table: str, doc_id: str,
                 columns: list[str] | None = None) -> list[dict[str, Any]]:
        """One committed document's rows of `table`, from its part file or a compacted file.

        Columns the stored files lack come back as None (tables written by older versions).
        """
        names = set(SCHEMAS[table].names)
        wanted = [c for c in columns if c in names] if columns is not None else None
        try:
            rows: list[dict[str, Any]] = read_table(
                self.out, table, wanted, where=pc.field("doc_id") == doc_id).to_pylist()
        except (OSError, ValueError, pa.ArrowInvalid):
            return []  # a damaged file: as if the document had no rows (it is redone)
        if columns is not None:
            rows = [{c: r.get(c) for c in columns} for r in rows]
        return rows

    def _compacted_row(self, doc_id: str) -> tuple[str, str | None] | None:
        """(status, run_key) of a document held in a compacted file (indexed once)."""
        if self._compacted is None:
            self._compacted = _compacted_index(self.out / "documents")
        return self._compacted.get(doc_id)

    def committed(self, doc_id: str) -> bool:
        """The document has a committed documents row (in a part or a compacted file)."""
        return self.part("documents", doc_id).exists() or self._compacted_row(doc_id) is not None

    def corrected_doc_ids(self) -> set[str]:
        """Documents committed with an archivist's corrected page: one scan of the pages
        table per run answers a rerun's question for every input."""
        if self._corrected is None:
            try:
                table = read_table(self.out, "pages", ["doc_id", "corrected"],
                                   where=pc.field("corrected"))
                self._corrected = set(table.column("doc_id").to_pylist())
            except (OSError, KeyError, ValueError, pa.ArrowInvalid):  # none / before 2.1
                self._corrected = set()
        return self._corrected

    def committed_at(self, doc_id: str) -> int | None:
        """mtime (ns) of the file holding the document's commit; None when not committed.
        A compacted file's time is the compaction's, at the end of the committing run."""
        part = self.part("documents", doc_id)
        if part.exists():
            return part.stat().st_mtime_ns
        if not self.committed(doc_id):
            return None
        files = sorted((self.out / "documents").glob(f"{COMPACT_PREFIX}*.parquet"))
        return max((f.stat().st_mtime_ns for f in files), default=None)

    def is_done(self, doc_id: str, run_key: str | None = None) -> bool:
        """Committed, complete and made with the same run key (options, model, version).

        A partial document (a page failed) is retried by a rerun; so is one made with other
        options or before run keys were recorded (its options are unknown).
        """
        part = self.part("documents", doc_id)
        if part.exists():
            names = pq.read_schema(part).names
            cols = [c for c in ("status", "run_key") if c in names]
            row = pq.read_table(part, columns=cols).to_pylist()[0] if cols else {}
            status, key = row.get("status", "complete"), row.get("run_key")
        else:
            row = self._compacted_row(doc_id)
            if row is None:
                return False
            status, key = row
        return status == "complete" and (run_key is None or key == run_key)

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

    def commit_parts(
        self, doc_id: str, staged: dict[str, Path], failures: pa.Table | None,
        clear_failure_keys: tuple[str, ...] = (),
    ) -> None:
        """`write_document` for part files a worker already wrote (with `write_atomic`) into
        OUT's run folder: each is renamed into place, the documents part last (the commit)."""
        for table in ("pages", "words", "tasks"):
            if table in staged:
                _move_into(staged[table], self.part(table, doc_id))
        for key in clear_failure_keys:
            self.part("failures", key).unlink(missing_ok=True)
        if failures is not None and failures.num_rows:
            write_atomic(failures, self.part("failures", doc_id))
        _move_into(staged["documents"], self.part("documents", doc_id))

    def write_failure(self, key: str, failures: pa.Table) -> None:
        """One part per failed input, keyed so that a re-run replaces rather than repeats it."""
        write_atomic(failures, self.part("failures", key))


_SORT_KEYS = {
    "documents": ["doc_id"],
    "pages": ["doc_id", "page_no"],
    "tasks": ["doc_id", "task_id"],
    "failures": ["source_path", "page_no", "time"],
    "words": ["doc_id", "page_no", "word_no"],
    "agencies": ["owner_key"],
}


def _compacted_index(folder: Path) -> dict[str, tuple[str, str | None]]:
    """{doc_id: (status, run_key)} of the documents held in compacted files."""
    files = sorted(folder.glob(f"{COMPACT_PREFIX}*.parquet"))
    if not files:
        return {}
    table = _ds().dataset([str(f) for f in files], format="parquet",
                       schema=SCHEMAS["documents"]).to_table(
        columns=["doc_id", "status", "run_key"])
    return {r["doc_id"]: (r["status"], r["run_key"]) for r in table.to_pylist()}


def read_table(out: Path | str, name: str, columns: list[str] | None = None,
               where: pc.Expression | None = None) -> pa.Table:
    """One table, each row once: parts supersede a compacted file's rows of the same doc_id.

    `where` filters while scanning (only matching row groups are decoded).
    """
    folder = Path(out) / name
    schema = SCHEMAS[name]
    if not folder.is_dir() and (Path(out) / f".{name}.new").is_dir():
        folder = Path(out) / f".{name}.new"  # a compaction was killed between its renames
    if not folder.is_dir():
        return schema.empty_table() if columns is None else schema.empty_table().select(columns)
    files = sorted(p for p in folder.glob("*.parquet") if not p.name.startswith("."))
    compacted = [p for p in files if p.name.startswith(COMPACT_PREFIX)]
    parts = [p for p in files if p not in compacted]
    wanted = columns if columns is None or "doc_id" in columns or not compacted \
        else [*columns, "doc_id"]
    tables = []
    if parts:
        tables.append(_ds().dataset([str(p) for p in parts], format="parquet",
                                 schema=schema).to_table(columns=wanted, filter=where))
    if compacted:
        table = _ds().dataset([str(p) for p in compacted], format="parquet",
                           schema=schema).to_table(columns=wanted, filter=where)
        redone = [p.stem for p in parts if p.name != EMPTY_PART]
        if redone and "doc_id" in schema.names:
            table = table.filter(pc.invert(pc.is_in(table.column("doc_id"), pa.array(redone))))
        tables.append(table)
    table = pa.concat_tables(tables) if tables else schema.empty_table().select(wanted or [])
    keys = [k for k in _SORT_KEYS[name] if k in table.column_names]
    table = table.sort_by([(k, "ascending") for k in keys]) if keys else table
    return table.select(columns) if columns is not None else table


def load_tables(out: Any, best_only: bool = False) -> dict[str, pd.DataFrame]:
    """{table: DataFrame}, each exactly as `pandas.read_parquet` gives it (dates datetime64,
    lists NumPy arrays), rows sorted by their keys and each row once.

    best_only: keep only each document's best reading (documents.is_best_reading), so every
    document counts once however many renderings of it were read.
    """
    frames: dict[str, pd.DataFrame] = {}
    keep: pa.Array | None = None
    if best_only:
        docs = read_table(out, "documents", columns=["doc_id", "is_best_reading"])
        mask = pc.fill_null(docs.column("is_best_reading"), True)
        keep = docs.filter(mask).column("doc_id").combine_chunks()
    for name, schema in SCHEMAS.items():
        table = read_table(out, name)
        if keep is not None and "doc_id" in schema.names:
            table = table.filter(pc.is_in(table.column("doc_id"), keep))
        frames[name] = table.to_pandas().reset_index(drop=True)
    return frames
