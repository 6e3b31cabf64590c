"""The end of a run: derived columns and tables, then one file per table.

A run writes one Parquet part per document and table (so a kill loses nothing); an archive of
100,000 scans would leave 400,000 small files that pandas and pyarrow read many times slower
than one file (`make bench-compact`). `finalize` therefore, under the run's lock:

1. fills what needs every document at once: `documents.text_fingerprint`, `reading_score`,
   `document_key`, `is_best_reading` (vanban.models.dedup) and the `agencies` table;
2. rewrites documents as one file and pages/tasks/words as one file per issue year (only
   the years this run touched; the others are hard-linked into the new folder), swapping
   folders so a reader or a kill never sees a row twice or lost: build `.T.new/`, rename
   `T` -> `.T.old`, `.T.new` -> `T`, remove `.T.old`. `recover` (run by every Store)
   finishes or undoes a swap a kill interrupted. documents and agencies are rewritten only
   when a document was committed (or the file is of another schema version).

`failures` stays one part per failed input: a later success removes its part.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
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
# ... and at most this many bytes (Arrow, uncompressed): a text input's pages are ~40 kB each,
# so 64,000 of them would be gigabytes held at once (issue 15: a 50 MB text's compaction).
ROW_GROUP_BYTES = 32 << 20


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _begin(out: Path, name: str) -> Path:
    """A fresh hidden OUT/.name.new/ holding the zero-row schema file."""
    new = out / f".{name}.new"
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir()
    write_atomic(SCHEMAS[name].empty_table(), new / EMPTY_PART)
    return new


def _swap(out: Path, name: str) -> None:
    """OUT/name -> .name.old, .name.new -> OUT/name, drop .old (`recover` ends a killed one)."""
    folder, new, old = out / name, out / f".{name}.new", out / f".{name}.old"
    _fsync_dir(new)
    if folder.exists():
        os.replace(folder, old)
    os.replace(new, folder)
    _fsync_dir(out)
    shutil.rmtree(old, ignore_errors=True)


def swap_in(out: Path, name: str, table: pa.Table, file_name: str | None = None) -> int:
    """Replace folder OUT/name by one holding `table` as one file (and empty.parquet)."""
    new = _begin(out, name)
    dest = new / (file_name or f"{COMPACT_PREFIX}{uuid.uuid4().hex[:12]}.parquet")
    if table.num_rows:
        write_atomic(table, dest)
    _swap(out, name)
    return int(table.num_rows)


# Compacted pages/tasks/words files are split by the documents' issue year:
# compact-y2020-<id>.parquet, compact-ynone-<id>.parquet (no issue date). Readers see the
# same rows (every reader globs the folder); a run that adds documents of one year rewrites
# that year's file only, and an analyst can read one year's rows by the file name.
_YEAR_FILE = re.compile(rf"^{COMPACT_PREFIX}y(\d{{4}}|none)-")
NO_YEAR = "none"


def file_year(path: Path) -> str | None:
    """The issue year a compacted file holds (None: an unsplit file of an older run)."""
    m = _YEAR_FILE.match(path.name)
    return m.group(1) if m else None


def issue_years(documents: pa.Table) -> dict[str, str]:
    """{doc_id: issue year or "none"} of a documents table."""
    ids = documents.column("doc_id").to_pylist()
    days = documents.column("issue_date").to_pylist()
    return {d: str(v.year) if v is not None else NO_YEAR for d, v in zip(ids, days, strict=True)}


class _YearWriters:
    """One streaming Parquet writer per year, each flushing ROW_GROUP-row groups: a part is
    a few rows, and a file of thousands of tiny row groups reads 10-40x slower (measured,
    2,000 documents)."""

    def __init__(self, folder: Path, name: str):
        self.folder, self.schema = folder, SCHEMAS[name]
        meta = dict(self.schema.metadata or {})
        meta[b"vanban_version"] = __version__.encode()
        self.file_schema = self.schema.with_metadata(meta)
        self.writers: dict[str, tuple[pq.ParquetWriter, Path, Path]] = {}
        self.buffers: dict[str, list[pa.RecordBatch]] = defaultdict(list)
        self.pending: Counter[str] = Counter()
        self.pending_bytes: Counter[str] = Counter()
        self.rows = 0

    def add(self, year: str, batch: pa.RecordBatch) -> None:
        if not batch.num_rows:
            return
        self.buffers[year].append(batch)
        self.pending[year] += batch.num_rows
        self.pending_bytes[year] += batch.nbytes
        self.rows += batch.num_rows
        if self.pending[year] >= ROW_GROUP or self.pending_bytes[year] >= ROW_GROUP_BYTES:
            self._flush(year)

    def _flush(self, year: str) -> None:
        if not self.buffers[year]:
            return
        if year not in self.writers:
            dest = self.folder / f"{COMPACT_PREFIX}y{year}-{uuid.uuid4().hex[:12]}.parquet"
            tmp = dest.with_name(f".{dest.name}.tmp")
            self.writers[year] = (pq.ParquetWriter(tmp, self.file_schema, compression="zstd"),
                                  tmp, dest)
        self.writers[year][0].write_table(
            pa.Table.from_batches(self.buffers[year], schema=self.schema),
            row_group_size=ROW_GROUP)
        self.buffers[year].clear()
        self.pending[year] = self.pending_bytes[year] = 0

    def close(self) -> None:
        for year in list(self.buffers):
            self._flush(year)
        for writer, tmp, dest in self.writers.values():
            writer.close()
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, dest)


def compact_by_year(out: Path, name: str, years: dict[str, str],
                    old_years: dict[str, str]) -> int:
    """Rewrite the years of OUT/name that changed; the other years' files are kept (hard
    links into the new folder); rows written into new files.

    Changed years: those of this run's documents (`years`: {doc_id: year} of every committed
    document) and the years they held before (`old_years`); every year when an unsplit file
    of an older run is there. Orphan parts of a document never committed go to "none".
    """
    folder = out / name
    files = sorted(p for p in folder.glob("*.parquet") if p.name != EMPTY_PART)
    compacted = [p for p in files if p.name.startswith(COMPACT_PREFIX)]
    parts = [p for p in files if p not in compacted]
    redone = {p.stem for p in parts}
    if any(file_year(p) is None for p in compacted):  # an older run's unsplit file: all
        touched = {y for p in compacted if (y := file_year(p))} | set(years.values()) | {NO_YEAR}
    else:
        touched = {years.get(d, NO_YEAR) for d in redone}
        touched |= {old_years[d] for d in redone if d in old_years}
        touched |= _years_holding(compacted, touched, [d for d in redone if d in old_years])
        seen = Counter(file_year(p) for p in compacted)
        touched |= {y for y, n in seen.items() if y and n > 1}  # two files of a year: merge
    new = _begin(out, name)
    for p in compacted:
        if file_year(p) is not None and file_year(p) not in touched:  # kept as it is
            try:
                os.link(p, new / p.name)
            except OSError:
                shutil.copy2(p, new / p.name)
    out_files = _YearWriters(new, name)
    schema = SCHEMAS[name]
    redone_ids = pa.array(sorted(redone), type=pa.string())
    again = [p for p in compacted if file_year(p) in touched or file_year(p) is None]
    try:
        for path in parts:
            for batch in stream_file(path, schema):
                _split(batch, years, out_files)
        for path in again:
            for batch in stream_file(path, schema, drop=redone_ids if redone else None):
                _split(batch, years, out_files)
    finally:
        out_files.close()
    _swap(out, name)
    return out_files.rows


def stream_file(path: Path, schema: pa.Schema, drop: pa.Array | None = None,
                columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
    """The rows of one Parquet file in its order, a row group at a time, in `schema` (a file
    of an older schema version gets its missing columns as nulls, as a dataset scan would),
    without the rows of the doc_ids in `drop`.

    Memory is one row group (and its decoded batches), not the file: the dataset scanner this
    replaces reads ahead up to 16 batches of 4 files, which held most of a 1,237-page text
    document's pages and words at once (issue 15: 898 MiB in the main process)."""
    want = schema if columns is None else pa.schema([schema.field(c) for c in columns])
    pf = pq.ParquetFile(path)
    have = set(pf.schema_arrow.names)
    read = [c for c in want.names if c in have]
    for group in range(pf.metadata.num_row_groups):
        for batch in pf.iter_batches(batch_size=ROW_GROUP, row_groups=[group], columns=read,
                                     use_threads=False):
            batch = _conform(batch, want)
            if drop is not None:
                batch = batch.filter(pc.invert(pc.is_in(batch.column("doc_id"), value_set=drop)))
            if batch.num_rows:
                yield batch


def _conform(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    """`batch` with `schema`'s columns, order and types (metadata included)."""
    cols = []
    for field in schema:
        i = batch.schema.get_field_index(field.name)
        if i < 0:
            cols.append(pa.nulls(batch.num_rows, field.type))
        else:
            col = batch.column(i)
            cols.append(col if col.type == field.type else col.cast(field.type))
    return pa.RecordBatch.from_arrays(cols, schema=schema)


def _years_holding(compacted: list[Path], touched: set[str], doc_ids: list[str]) -> set[str]:
    """Years of the files not yet to be rewritten that hold rows of `doc_ids` (documents
    redone whose old year the documents file no longer says, e.g. after `--no-compact`).
    Only the doc_id column is read, and row groups whose doc_id range misses are skipped."""
    if not doc_ids:
        return set()
    wanted = pc.field("doc_id").isin(pa.array(doc_ids, pa.string()))
    return {y for p in compacted if (y := file_year(p)) and y not in touched
            and ds.dataset(str(p), format="parquet").count_rows(filter=wanted)}


def _split(batch: pa.RecordBatch, years: dict[str, str], out_files: _YearWriters) -> None:
    """Send each row of `batch` to its document's year (a batch holds few documents)."""
    ids = batch.column("doc_id")
    uniq = pc.unique(ids)
    their = pa.array([years.get(d, NO_YEAR) for d in uniq.to_pylist()], pa.string())
    if len(set(their.to_pylist())) == 1:
        out_files.add(their[0].as_py(), batch)
        return
    row_years = pc.take(their, pc.index_in(ids, uniq))
    for year in sorted(set(their.to_pylist())):
        out_files.add(year, batch.filter(pc.equal(row_years, year)))


def needs_compaction(folder: Path) -> bool:
    """Any per-document part, an unsplit file of an older run, or two files of one year."""
    files = [p for p in folder.glob("*.parquet") if p.name != EMPTY_PART]
    compacted = [p for p in files if p.name.startswith(COMPACT_PREFIX)]
    if len(compacted) < len(files):
        return True
    if folder.name in COMPACTED[1:]:
        years = [file_year(p) for p in compacted]
        return None in years or len(set(years)) < len(years)
    return len(files) > 1


def _set(table: pa.Table, name: str, values: Iterable[object]) -> pa.Table:
    i = table.schema.get_field_index(name)
    field = table.schema.field(name)
    return table.set_column(i, field, pa.array(list(values), type=field.type))


def derive_documents(out: Path, documents: pa.Table) -> pa.Table:
    """Fill fingerprint and score where missing, then link all readings into documents."""
    todo = [d for d, f in zip(documents.column("doc_id").to_pylist(),
                              documents.column("text_fingerprint").to_pylist(), strict=True)
            if f is None]
    status = dict(zip(documents.column("doc_id").to_pylist(),
                      documents.column("status").to_pylist(), strict=True))
    fresh = {doc_id: _fingerprint_and_score(pages, str(status.get(doc_id)))
             for doc_id, pages in _pages_of(out, todo)}
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


_PAGE_COLUMNS = ["doc_id", "page_no", "method", "ocr_confidence", "text"]


def _pages_of(out: Path, doc_ids: list[str]) -> Iterator[tuple[str, Iterator[pa.RecordBatch]]]:
    """(doc_id, its pages' batches in page order) for each of `doc_ids` that has pages.

    A document committed by this run has its own part file, read a row group at a time (a
    50 MB text input's pages, read at once as Python strings, took the run's main process
    past 1 GiB); the others (compacted rows of an older run) are read together, as before."""
    folder = out / "pages"
    whole: list[str] = []
    for doc_id in doc_ids:
        part = folder / f"{doc_id}.parquet"
        if part.is_file() and not pq.ParquetFile(part).metadata.num_rows:
            continue  # no pages: no fingerprint, as before
        if part.is_file() and _in_page_order(part):
            yield doc_id, stream_file(part, SCHEMAS["pages"], columns=_PAGE_COLUMNS)
        else:
            whole.append(doc_id)
    if whole:
        pages = read_table(out, "pages", columns=_PAGE_COLUMNS,
                           where=pc.field("doc_id").isin(pa.array(whole, type=pa.string())))
        for doc_id in dict.fromkeys(pages.column("doc_id").to_pylist()):
            mine = pages.filter(pc.equal(pages.column("doc_id"), doc_id))
            yield doc_id, iter(mine.to_batches())


def _in_page_order(part: Path) -> bool:
    """Its rows are by ascending page_no (the finish job writes them so; else read sorted)."""
    nos = pq.read_table(part, columns=["page_no"]).column("page_no")
    return len(nos) < 2 or bool(pc.all(pc.greater(nos[1:], nos[:-1])).as_py())


def _fingerprint_and_score(pages: Iterator[pa.RecordBatch], status: str) -> tuple[str, float]:
    methods: list[str] = []
    confidences: list[float | None] = []

    def texts() -> Iterator[str]:
        for batch in pages:
            methods.extend(str(m) for m in batch.column("method").to_pylist())
            confidences.extend(batch.column("ocr_confidence").to_pylist())
            yield from (str(t) for t in batch.column("text").to_pylist())
    # page by page: a 50 MB text input's words held at once took the run past 1 GiB
    fingerprint = dedup.fingerprint_parts(texts())
    return fingerprint, dedup.reading_score(methods, confidences, status)


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
    """Derived columns and tables, then (compact=True) one file per table and issue year
    for pages/tasks/words; {table: rows}.

    Only what changed is rewritten: `documents` when this run committed a document (it has
    part files) or its file is of another schema version; `agencies` when `documents` or
    `tasks` changed or it is missing. A no-op rerun writes nothing. Each rewrite is one
    folder swap, so a kill at any point leaves the old table or the new one.
    """
    recover(out)
    docs_changed = needs_compaction(out / "documents") or _stale(out / "documents")
    tasks_changed = needs_compaction(out / "tasks")
    counts: dict[str, int] = {}
    documents = derive_documents(out, read_table(out, "documents")) if docs_changed else None
    if compact and any(needs_compaction(out / n) for n in COMPACTED[1:]):
        # Before the documents swap, so the compacted documents file still says which year
        # each redone document held (a kill in between leaves it so for the next run).
        old_years = issue_years(_compacted_documents(out))
        years = issue_years(documents if documents is not None else
                            read_table(out, "documents", columns=["doc_id", "issue_date"]))
        for name in COMPACTED[1:]:
            if needs_compaction(out / name):
                counts[name] = compact_by_year(out, name, years, old_years)
    if documents is not None:
        counts["documents"] = swap_in(out, "documents", documents)
    else:
        counts["documents"] = _rows_in(out / "documents")
    if docs_changed or tasks_changed or _stale(out / "agencies") \
            or not (out / "agencies" / AGENCIES_FILE).exists():
        found = agencies(out, read_table(out, "documents"))
        counts["agencies"] = swap_in(out, "agencies", found, file_name=AGENCIES_FILE)
    else:
        counts["agencies"] = _rows_in(out / "agencies")
    return counts


def _compacted_documents(out: Path) -> pa.Table:
    """doc_id and issue_date of the documents held in the compacted documents file."""
    files = sorted((out / "documents").glob(f"{COMPACT_PREFIX}*.parquet"))
    if not files:
        return SCHEMAS["documents"].empty_table().select(["doc_id", "issue_date"])
    return ds.dataset([str(f) for f in files], format="parquet",
                      schema=SCHEMAS["documents"]).to_table(columns=["doc_id", "issue_date"])
