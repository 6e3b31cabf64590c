"""One document's committed rows, gathered from OUT's tables.

Rows are read with `vanban.store.read_table` as plain Python values (dates as `date`, lists as
lists, nulls as None), so every export shows exactly what the Parquet files hold.
"""

from __future__ import annotations

import os
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vanban.errors import OutputError
from vanban.models.schema import days_as_dates
from vanban.store import read_table

Row = dict[str, Any]


@dataclass
class DocBundle:
    """Everything OUT knows about one document (rows in key order)."""

    document: Row
    pages: list[Row] = field(default_factory=list)
    tasks: list[Row] = field(default_factory=list)
    words: list[Row] = field(default_factory=list)
    failures: list[Row] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return str(self.document["doc_id"])

    def words_by_page(self) -> dict[int, list[Row]]:
        out: dict[int, list[Row]] = defaultdict(list)
        for w in self.words:
            out[int(w["page_no"])].append(w)
        return out


def _group(rows: list[Row], key: str) -> dict[Any, list[Row]]:
    out: dict[Any, list[Row]] = defaultdict(list)
    for r in rows:
        out[r[key]].append(r)
    return out


def load_bundles(out: Path | str) -> tuple[list[DocBundle], list[Row]]:
    """(one bundle per committed document, every failures row).

    A failure belongs to a document when it names the same file bytes (sha256) or path: page
    failures of a partial document; whole-file failures have no document and appear only in
    the second list.
    """
    docs = days_as_dates(read_table(out, "documents")).to_pylist()
    pages = _group(read_table(out, "pages").to_pylist(), "doc_id")
    tasks = _group(days_as_dates(read_table(out, "tasks")).to_pylist(), "doc_id")
    words = _group(read_table(out, "words").to_pylist(), "doc_id")
    failures = read_table(out, "failures").to_pylist()
    bundles = []
    for d in docs:
        mine = [f for f in failures
                if (f["sha256"] and f["sha256"] == d["sha256"])
                or f["source_path"] == d["source_path"]]
        bundles.append(DocBundle(d, pages.get(d["doc_id"], []), tasks.get(d["doc_id"], []),
                                 words.get(d["doc_id"], []), mine))
    return bundles, failures


def write_text_atomic(dest: Path, data: str | bytes) -> None:
    """Temporary file beside `dest`, fsync, rename: a reader never sees half a file."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with tmp.open("wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {dest}: {exc.strerror or exc}", dest) from exc
