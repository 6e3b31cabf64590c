"""The end of a run: derived columns and tables, then one file per table.

A run writes one Parquet part per document and table (so a kill loses nothing); an archive of
100,000 scans would leave 400,000 small files that pandas and pyarrow read many times slower
than one file (`make bench-compact`). `finalize` therefore, under the run's lock:

1. fills what needs every document at once: `documents.text_fingerprint`, `reading_score`,
   `document_key`, `is_best_reading` (vanban.models.dedup) and the `agencies` table;
2. rewrites each table as one file, swapping folders so a reader or a kill never sees a row
   twice or lost: build `.T.new/`, rename `T` -> `.T.old`, `.T.new` -> `T`, remove `.T.old`.
   `recover` (run by every Store) finishes or undoes a swap a kill interrupted.

`failures` stays one part per failed input: a later success removes its part.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from vanban import __version__
from vanban.models import aliases, canon, dedup
from vanban.models.schema import SCHEMAS, days_as_dates
from vanban.store import COMPACT_PREFIX, EMPTY_PART, read_table, recover, write_atomic

COMPACTED = ("documents", "pages", "tasks", "words")
AGENCIES_FILE = "agencies.parquet"
ROW_GROUP = 64_000  # rows per row group of a compacted file: few groups, bounded memory


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def swap_in(out: Path, name: str, table: pa.Table | None, file_name: str | None = None) -> int:
    """Replace folder OUT/name by one holding one data file (and empty.parquet); rows written.

    table None: stream the folder's own rows into the new file batch by batch, so a words
    table of millions of rows is never held in memory at once.
    """
    folder, new, old = out / name, out / f".{name}.new", out / f".{name}.old"
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir()
    write_atomic(SCHEMAS[name].empty_table(), new / EMPTY_PART)
    dest = new / (file_name or f"{COMPACT_PREFIX}{uuid.uuid4().hex[:12]}.parquet")
    if table is not None:
        rows = int(table.num_rows)
        if rows:
            write_atomic(table, dest)
    else:
        rows = _stream(folder, name, dest)
    _fsync_dir(new)
    if folder.exists():
        os.replace(folder, old)
    os.replace(new, folder)
    _fsync_dir(out)
    shutil.rmtree(old, ignore_errors=True)
    return rows


def _stream(folder: Path, name: str, dest: Path) -> int:
    """Parts, then the compacted file's rows that no part supersedes, into `dest`."""
    schema = SCHEMAS[name]
    meta = dict(schema.metadata or {})
    meta[b"vanban_version"] = __version__.encode()
    files = sorted(p for p in folder.glob("*.parquet") if p.name != EMPTY_PART)
    compacted = [p for p in files if p.name.startswith(COMPACT_PREFIX)]
    parts = [p for p in files if p not in compacted]
    redone = pa.array([p.stem for p in parts], type=pa.string())
    sources: list[tuple[list[Path], pc.Expression | None]] = [
        (parts, None), (compacted, ~pc.field("doc_id").isin(redone) if len(redone) else None)]
    tmp = dest.with_name(f".{dest.name}.tmp")
    rows = 0
    buffer: list[pa.RecordBatch] = []
    with pq.ParquetWriter(tmp, schema.with_metadata(meta), compression="zstd") as writer:

        def flush() -> None:
            # One row group per ROW_GROUP rows, not per part: a part is a few rows, and a file
            # of thousands of tiny row groups reads 10-40x slower (measured, 2,000 documents).
            if buffer:
                writer.write_table(pa.Table.from_batches(buffer, schema=schema),
                                   row_group_size=ROW_GROUP)
                buffer.clear()

        pending = 0
        for paths, keep in sources:
            if not paths:
                continue
            dataset = ds.dataset([str(p) for p in paths], format="parquet", schema=schema)
            for batch in dataset.to_batches(filter=keep, batch_size=ROW_GROUP):
                buffer.append(batch)
                rows += batch.num_rows
                pending += batch.num_rows
                if pending >= ROW_GROUP:
                    flush()
                    pending = 0
        flush()
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dest)
    return rows


def needs_compaction(folder: Path) -> bool:
    """More than one data file: any per-document part, or several compacted files."""
    files = [p for p in folder.glob("*.parquet") if p.name != EMPTY_PART]
    return any(not p.name.startswith(COMPACT_PREFIX) for p in files) or len(files) > 1


def _set(table: pa.Table, name: str, values: Iterable[object]) -> pa.Table:
    i = table.schema.get_field_index(name)
    field = table.schema.field(name)
    return table.set_column(i, field, pa.array(list(values), type=field.type))


def derive_documents(out: Path, documents: pa.Table) -> pa.Table:
    """Fill fingerprint and score where missing, then link all readings into documents."""
    todo = [d for d, f in zip(documents.column("doc_id").to_pylist(),
                              documents.column("text_fingerprint").to_pylist(), strict=True)
            if f is None]
    fresh: dict[str, tuple[str, float]] = {}
    if todo:
        pages = read_table(out, "pages", columns=["doc_id", "page_no", "method",
                                                  "ocr_confidence", "text"],
                           where=pc.field("doc_id").isin(pa.array(todo, type=pa.string())))
        status = dict(zip(documents.column("doc_id").to_pylist(),
                          documents.column("status").to_pylist(), strict=True))
        grouped: dict[str, list[dict[str, object]]] = {}
        for row in pages.to_pylist():
            grouped.setdefault(str(row["doc_id"]), []).append(row)
        for doc_id, rows in grouped.items():
            text = "\n".join(str(r["text"]) for r in rows)
            score = dedup.reading_score([str(r["method"]) for r in rows],
                                        [r["ocr_confidence"] for r in rows],  # type: ignore[misc]
                                        str(status.get(doc_id)))
            fresh[doc_id] = (dedup.fingerprint(text), score)
    ids = documents.column("doc_id").to_pylist()
    fps = [f if f is not None else fresh.get(d, (None, 0.0))[0] for d, f in
           zip(ids, documents.column("text_fingerprint").to_pylist(), strict=True)]
    scores = [s if s is not None else fresh.get(d, ("", 0.0))[1] for d, s in
              zip(ids, documents.column("reading_score").to_pylist(), strict=True)]
    cols = days_as_dates(
        documents.select(["doc_id", "number", "issue_date", "issuer", "warnings"])).to_pydict()
    readings = dedup.readings_from(cols, {d: f for d, f in zip(ids, fps, strict=True) if f},
                                   dict(zip(ids, scores, strict=True)))
    links = dedup.link(readings)
    documents = _set(documents, "text_fingerprint", fps)
    documents = _set(documents, "reading_score", scores)
    documents = _set(documents, "document_key", [links.get(d, (d, True))[0] for d in ids])
    return _set(documents, "is_best_reading", [links.get(d, (d, True))[1] for d in ids])


def agencies(out: Path, documents: pa.Table) -> pa.Table:
    tasks = read_table(out, "tasks", columns=["doc_id", "owner_key", "owner_norm"])
    key_of = dict(zip(documents.column("doc_id").to_pylist(),
                      documents.column("document_key").to_pylist(), strict=True))
    best = dict(zip(documents.column("doc_id").to_pylist(),
                    documents.column("is_best_reading").to_pylist(), strict=True))
    rows = [(k, n, d, key_of.get(d), bool(best.get(d)))
            for d, k, n in zip(tasks.column("doc_id").to_pylist(),
                               tasks.column("owner_key").to_pylist(),
                               tasks.column("owner_norm").to_pylist(), strict=True)]
    counts = Counter(k for k, _, _, _, _ in rows if k)
    variants: dict[str, set[str]] = defaultdict(set)
    for k, n, _, _, _ in rows:
        if k and n:
            variants[k].add(n)
    learned = aliases.learn(counts, {k: sorted(v) for k, v in variants.items()})
    found = canon.agency_rows(rows, {m.key: (m.head, m.why) for m in learned})
    schema = SCHEMAS["agencies"]
    return pa.Table.from_pylist(found, schema=schema) if found else schema.empty_table()


def _rows_in(folder: Path) -> int:
    """Rows of a table's files, from their footers (nothing decoded)."""
    return sum(pq.ParquetFile(p).metadata.num_rows for p in folder.glob("*.parquet")
               if not p.name.startswith("."))


def _stale(folder: Path) -> bool:
    """Missing, or a file written under another schema version (an older vanban's run)."""
    if not folder.is_dir():
        return True
    files = [p for p in folder.glob("*.parquet") if p.name != EMPTY_PART]
    version = SCHEMAS[folder.name].metadata[b"schema_version"]
    return any(pq.read_schema(p).metadata.get(b"schema_version") != version for p in files)


def finalize(out: Path, compact: bool = True) -> dict[str, int]:
    """Derived columns and tables, then (compact=True) one file per table; {table: rows}.

    Only what changed is rewritten: `documents` when this run committed a document (it has
    part files) or its file is of another schema version; `agencies` when `documents` or
    `tasks` changed or it is missing. A no-op rerun writes nothing. Each rewrite is one
    folder swap, so a kill at any point leaves the old table or the new one.
    """
    recover(out)
    docs_changed = needs_compaction(out / "documents") or _stale(out / "documents")
    tasks_changed = needs_compaction(out / "tasks")
    counts: dict[str, int] = {}
    if docs_changed:
        documents = derive_documents(out, read_table(out, "documents"))
        counts["documents"] = swap_in(out, "documents", documents)
    else:
        counts["documents"] = _rows_in(out / "documents")
    if docs_changed or tasks_changed or _stale(out / "agencies") \
            or not (out / "agencies" / AGENCIES_FILE).exists():
        found = agencies(out, read_table(out, "documents"))
        counts["agencies"] = swap_in(out, "agencies", found, file_name=AGENCIES_FILE)
    else:
        counts["agencies"] = _rows_in(out / "agencies")
    for name in COMPACTED[1:]:
        if not compact or not needs_compaction(out / name):
            continue
        counts[name] = swap_in(out, name, None)
    return counts
