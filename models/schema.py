"""Arrow schemas of the output tables and the conversion of records to Arrow tables.

This module is the contract analysts code against: docs/schema.md documents every column here,
and `tests/models/test_schema.py` fails if the two drift apart. Bump SCHEMA_VERSION on any
change a reader could notice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyarrow as pa

from vanban.models import canon
from vanban.models.records import DocumentRecord, Failure, PageRecord, Task, WordRecord

SCHEMA_VERSION = "2.4"

_STR_LIST = pa.list_(pa.string())
# Calendar days are stored as timestamps at midnight (no time zone), not date32: pandas,
# DuckDB and Polars then all read them as datetime64[us] (pandas.read_parquet turns date32
# into datetime.date objects, an object column that sorts and resamples badly).
DAY = pa.timestamp("us")

DOCUMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("source_path", pa.string(), nullable=False),
        pa.field("given_path", pa.string()),
        pa.field("sha256", pa.string(), nullable=False),
        pa.field("source_format", pa.string(), nullable=False),
        pa.field("n_pages", pa.int32(), nullable=False),
        pa.field("page_selection", pa.string()),
        pa.field("doc_type", pa.string()),
        pa.field("doc_type_name", pa.string()),
        pa.field("number", pa.string()),
        pa.field("place", pa.string()),
        pa.field("issue_date", DAY),
        pa.field("issuer", pa.string()),
        pa.field("title", pa.string()),
        pa.field("signer", pa.string()),
        pa.field("signer_authority", pa.string()),
        pa.field("recipients", _STR_LIST),
        pa.field("warnings", _STR_LIST),
        pa.field("status", pa.string(), nullable=False),
        pa.field("schema_version", pa.string(), nullable=False),
        pa.field("run_key", pa.string()),
        pa.field("text_fingerprint", pa.string()),
        pa.field("reading_score", pa.float64()),
        pa.field("document_key", pa.string()),
        pa.field("is_best_reading", pa.bool_()),
    ]
)

PAGES = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("page_no", pa.int32(), nullable=False),
        pa.field("method", pa.string(), nullable=False),
        pa.field("restored", pa.bool_(), nullable=False),
        pa.field("ocr_confidence", pa.float64()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("raw_text", pa.string(), nullable=False),
        pa.field("decision", pa.string(), nullable=False),
        pa.field("rotation", pa.int32(), nullable=False),
        pa.field("deskew", pa.float32(), nullable=False),
        pa.field("quality", pa.string()),
        pa.field("perspective", pa.list_(pa.float64())),
        pa.field("corrected", pa.bool_(), nullable=False),
        pa.field("correction_file", pa.string()),
    ]
)

TASKS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("task_id", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("owner", pa.string()),
        pa.field("owner_norm", pa.string()),
        pa.field("owner_key", pa.string()),
        pa.field("collaborators", _STR_LIST),
        pa.field("leaders", _STR_LIST),
        pa.field("leaders_raw", _STR_LIST),
        pa.field("date", DAY),
        pa.field("weekday", pa.string()),
        pa.field("session", pa.string()),
        pa.field("time", pa.string()),
        pa.field("location", pa.string()),
        pa.field("deadline", DAY),
        pa.field("deadline_text", pa.string()),
        pa.field("deadline_kind", pa.string()),
        pa.field("deadline_valid", pa.bool_()),
        pa.field("section", pa.string()),
        pa.field("notes", _STR_LIST),
        pa.field("warnings", _STR_LIST),
        pa.field("page_no", pa.int32(), nullable=False),
        pa.field("line_no", pa.int32(), nullable=False),
        pa.field("corrected", pa.bool_(), nullable=False),
    ]
)

FAILURES = pa.schema(
    [
        pa.field("source_path", pa.string(), nullable=False),
        pa.field("given_path", pa.string()),
        pa.field("sha256", pa.string()),
        pa.field("page_no", pa.int32()),
        pa.field("stage", pa.string(), nullable=False),
        pa.field("error_type", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
        pa.field("traceback_digest", pa.string(), nullable=False),
        pa.field("time", pa.timestamp("us", tz="UTC"), nullable=False),
    ]
)

WORDS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("page_no", pa.int32(), nullable=False),
        pa.field("line_no", pa.int32(), nullable=False),
        pa.field("word_no", pa.int32(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("raw_text", pa.string(), nullable=False),
        pa.field("x0", pa.int32()),
        pa.field("y0", pa.int32()),
        pa.field("x1", pa.int32()),
        pa.field("y1", pa.int32()),
        pa.field("page_width", pa.int32()),
        pa.field("page_height", pa.int32()),
        pa.field("ocr_confidence", pa.float64()),
        pa.field("restore_confidence", pa.float64()),
        pa.field("alternatives", _STR_LIST),
        pa.field("changed", pa.bool_(), nullable=False),
        pa.field("cell_row", pa.int32()),
        pa.field("cell_col", pa.int32()),
    ]
)

AGENCIES = pa.schema(
    [
        pa.field("owner_key", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("variants", _STR_LIST),
        pa.field("n_tasks", pa.int64(), nullable=False),
        pa.field("n_documents", pa.int64(), nullable=False),
        pa.field("n_tasks_best", pa.int64(), nullable=False),
        pa.field("agency_key", pa.string(), nullable=False),
        pa.field("agency_name", pa.string(), nullable=False),
        pa.field("merged_because", pa.string()),
    ]
)

SCHEMAS: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "pages": PAGES,
    "tasks": TASKS,
    "failures": FAILURES,
    "words": WORDS,
    "agencies": AGENCIES,
}


def _table(schema: pa.Schema, rows: Sequence[Mapping[str, object]]) -> pa.Table:
    columns = {f.name: [r[f.name] for r in rows] for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)


def day(value: dt.date | None) -> dt.datetime | None:
    """A calendar day as the midnight timestamp DAY columns hold."""
    return None if value is None else dt.datetime(value.year, value.month, value.day)


def is_day(field: pa.Field) -> bool:
    """A column that holds calendar days (DAY: a timestamp without time zone)."""
    return pa.types.is_timestamp(field.type) and field.type.tz is None


def days_as_dates(table: pa.Table) -> pa.Table:
    """DAY columns cast to date32, so Python readers of the rows get `datetime.date`."""
    for i, field in enumerate(table.schema):
        if is_day(field):
            table = table.set_column(i, pa.field(field.name, pa.date32(), field.nullable,
                                                 field.metadata),
                                     table.column(i).cast(pa.date32()))
    return table


def documents_table(records: Iterable[DocumentRecord]) -> pa.Table:
    rows = []
    for r in records:
        m = r.meta
        rows.append(
            {
                "doc_id": r.doc_id,
                "source_path": r.source_path,
                "given_path": r.given_path or None,
                "sha256": r.sha256,
                "source_format": r.source_format,
                "n_pages": r.n_pages,
                "page_selection": r.page_selection,
                "doc_type": m.doc_type,
                "doc_type_name": m.doc_type_name,
                "number": m.number,
                "place": m.place,
                "issue_date": day(m.issue_date),
                "issuer": m.issuer,
                "title": m.title,
                "signer": m.signer,
                "signer_authority": m.signer_authority,
                "recipients": list(m.recipients),
                "warnings": list(r.warnings),
                "status": r.status,
                "schema_version": SCHEMA_VERSION,
                "run_key": r.run_key or None,
                # Filled across documents at the end of a run (vanban.models.dedup).
                "text_fingerprint": None,
                "reading_score": None,
                "document_key": None,
                "is_best_reading": None,
            }
        )
    return _table(DOCUMENTS, rows)


def pages_table(records: Iterable[PageRecord]) -> pa.Table:
    rows = [
        {
            "doc_id": r.doc_id,
            "page_no": r.page_no,
            "method": r.method,
            "restored": r.restored,
            "ocr_confidence": r.ocr_confidence,
            "text": r.text,
            "raw_text": r.raw_text,
            "decision": r.decision,
            "rotation": r.rotation,
            "deskew": r.deskew,
            "quality": r.quality,
            "perspective": list(r.perspective) if r.perspective else [],  # lists are never null
            "corrected": r.corrected,
            "correction_file": r.correction_file,
        }
        for r in records
    ]
    return _table(PAGES, rows)


def task_id(doc_id: str, seq: int) -> str:
    """Stable id: the document id plus the task's 1-based position in document order."""
    return f"{doc_id}-{seq:04d}"


def tasks_table(doc_id: str, tasks: Iterable[Task]) -> pa.Table:
    rows = []
    for seq, t in enumerate(tasks, start=1):
        rows.append(
            {
                "doc_id": doc_id,
                "task_id": task_id(doc_id, seq),
                "kind": t.kind,
                "text": t.text,
                "owner": t.owner,
                "owner_norm": canon.owner_norm(t.owner),
                "owner_key": canon.owner_key(t.owner),
                "collaborators": list(t.collaborators),
                "leaders": canon.leaders_norm(t.leaders),
                "leaders_raw": list(t.leaders),
                "date": day(t.date),
                "weekday": t.weekday,
                "session": t.session,
                "time": t.time,
                "location": t.location,
                "deadline": day(t.deadline),
                "deadline_text": t.deadline_text,
                "deadline_kind": t.deadline_kind,
                "deadline_valid": t.deadline_valid,
                "section": t.section,
                "notes": list(t.notes),
                "warnings": list(t.warnings),
                "page_no": t.page_no,
                "line_no": t.line_no,
                "corrected": t.corrected,
            }
        )
    return _table(TASKS, rows)


def failures_table(records: Iterable[Failure]) -> pa.Table:
    rows = []
    for f in records:
        when = f.time if f.time.tzinfo else f.time.replace(tzinfo=dt.UTC)
        rows.append(
            {
                "source_path": f.source_path,
                "given_path": f.given_path,
                "sha256": f.sha256,
                "page_no": f.page_no,
                "stage": f.stage,
                "error_type": f.error_type,
                "message": f.message,
                "traceback_digest": f.traceback_digest,
                "time": when,
            }
        )
    return _table(FAILURES, rows)


def words_table(records: Iterable[WordRecord]) -> pa.Table:
    rows = []
    for r in records:
        b = r.bbox
        rows.append(
            {
                "doc_id": r.doc_id, "page_no": r.page_no, "line_no": r.line_no,
                "word_no": r.word_no, "text": r.text, "raw_text": r.raw_text,
                "x0": b.x0 if b else None, "y0": b.y0 if b else None,
                "x1": b.x1 if b else None, "y1": b.y1 if b else None,
                "page_width": r.page_width, "page_height": r.page_height,
                "ocr_confidence": r.ocr_confidence, "restore_confidence": r.restore_confidence,
                "alternatives": list(r.alternatives[:3]), "changed": r.changed,
                "cell_row": r.cell_row, "cell_col": r.cell_col,
            }
        )
    return _table(WORDS, rows)


# --------------------------------------------------------------------------- self-description

SCHEMA_DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"


def column_descriptions(doc: Path = SCHEMA_DOC) -> dict[str, dict[str, str]]:
    """{table: {column: meaning}} from docs/schema.md, the one place columns are explained.

    Read from the document (shipped as package data) so a Parquet file opened anywhere, without
    vanban, still says what its columns mean, and the two can never disagree.
    """
    if not doc.is_file():
        return {}
    tables: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in doc.read_text(encoding="utf-8").splitlines():
        m = re.match(r"## (\w+) —", line)
        if m:
            current = tables.setdefault(m.group(1), {})
            continue
        m = re.match(r"\| (\w+) \| [^|]+ \| (.*) \|\s*$", line)
        if current is not None and m and m.group(1) != "column":
            current[m.group(1)] = m.group(2).strip()
    return tables


def _described(name: str, schema: pa.Schema, meanings: Mapping[str, str]) -> pa.Schema:
    fields = [f.with_metadata({"description": meanings[f.name]}) if f.name in meanings else f
              for f in schema]
    return pa.schema(fields, metadata={"schema_version": SCHEMA_VERSION, "table": name})


_MEANINGS = column_descriptions()
SCHEMAS = {n: _described(n, s, _MEANINGS.get(n, {})) for n, s in SCHEMAS.items()}
DOCUMENTS, PAGES, TASKS, FAILURES, WORDS, AGENCIES = (
    SCHEMAS[n] for n in ("documents", "pages", "tasks", "failures", "words", "agencies"))
