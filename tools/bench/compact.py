"""Reading a large output folder before and after compaction (`make bench-compact`).

Builds N documents' worth of part files (default 5,000) by copying the seeds' real rows under
new doc_ids -- documents, pages, tasks: one part per document and table, as a run writes them
-- then times pandas.read_parquet, pyarrow.dataset and vanban.load-style reads of each table
from the parts (the anchor, measured in the same run), compacts with vanban.compact.finalize,
and times the same reads from one file per table.

    python -m tools.bench.compact [--docs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from vanban import compact
from vanban.pipeline import RunOptions, run
from vanban.store import EMPTY_PART, Store, read_table

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "samples" / "seeds"
TABLES = ("documents", "pages", "tasks")


def _replace_ids(table: pa.Table, doc_id: str, extra: dict[str, object]) -> pa.Table:
    cols = {"doc_id": doc_id, **extra}
    for name, value in cols.items():
        if name not in table.column_names:
            continue
        i = table.schema.get_field_index(name)
        field = table.schema.field(name)
        if name == "task_id":
            arr = pa.array([f"{doc_id}-{v.split('-')[-1]}" for v in
                            table.column(name).to_pylist()], type=field.type)
        else:
            arr = pa.array([value] * table.num_rows, type=field.type)
        table = table.set_column(i, field, arr)
    return table


def build(out: Path, n_docs: int, first: int = 0) -> None:
    seed_out = out.parent / "seed-run"
    run([SEEDS], RunOptions(out=seed_out, jobs=1, executor="inprocess", compact=False))
    src = {name: read_table(seed_out, name) for name in TABLES}
    doc_ids = src["documents"].column("doc_id").to_pylist()
    Store(out)
    rng = random.Random(13 + first)
    start = dt.datetime(2015, 1, 1)  # documents.issue_date: a day at midnight (schema 2.3)
    for n in range(first, first + n_docs):
        base = doc_ids[n % len(doc_ids)]
        new_id = f"{n:016x}"
        extra: dict[str, object] = {
            "sha256": new_id * 4,
            "issue_date": start + dt.timedelta(days=rng.randrange(3650)),
            "task_id": None,
            # distinct texts in a real archive: distinct fingerprints (not recomputed here)
            "text_fingerprint": f"{rng.getrandbits(64):016x}",
            "reading_score": 100.0,
        }
        for name in TABLES:
            rows = src[name].filter(pa.compute.equal(src[name].column("doc_id"), base))
            # as write_atomic writes it, minus the fsync (building, not what is measured)
            pq.write_table(_replace_ids(rows, new_id, extra), out / name / f"{new_id}.parquet",
                           compression="zstd")
    shutil.rmtree(seed_out)


def _time(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def measure(out: Path, repeat: int, readers: list[str]) -> dict[str, dict[str, float]]:
    """Best of `repeat` wall-clock reads of each table by each reader."""
    res: dict[str, dict[str, float]] = {}
    for name in TABLES:
        folder = str(out / name)
        how: dict[str, Callable[[], object]] = {
            "pandas": lambda f=folder: pd.read_parquet(f),  # type: ignore[misc]
            "pyarrow": lambda f=folder: ds.dataset(f, format="parquet").to_table(),  # type: ignore[misc]
            "vanban": lambda n=name: read_table(out, n),  # type: ignore[misc]
        }
        res[name] = {r: _time(how[r], repeat) for r in readers}
    return res


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--keep", type=Path, default=None, help="build here and keep it")
    ap.add_argument("--readers", default="pandas,pyarrow,vanban",
                    help="comma-separated: pandas (read_parquet), pyarrow (dataset), vanban "
                         "(read_table)")
    args = ap.parse_args(argv)
    readers = args.readers.split(",")
    tmp = Path(tempfile.mkdtemp(prefix="vanban-bench-compact-"))
    out = (args.keep or tmp) / "out"
    try:
        t0 = time.perf_counter()
        build(out, args.docs)
        n_files = sum(1 for p in out.rglob("*.parquet") if p.name != EMPTY_PART)
        print(f"{args.docs} synthetic documents, {n_files} part files "
              f"(built in {time.perf_counter() - t0:.0f} s)")
        before = measure(out, 1, readers)  # thousands of files: slow enough to read once
        t0 = time.perf_counter()
        compact.finalize(out)
        took = time.perf_counter() - t0
        after = measure(out, 3, readers)
        n_after = sum(1 for p in out.rglob("*.parquet") if p.name != EMPTY_PART)
        print(f"compaction: {took:.1f} s, {n_files} -> {n_after} files")
        header = (f"{'table':<10} {'reader':<8} {'parts (s)':>10} {'one file (s)':>13} "
                  f"{'speed-up':>9}")
        print(header)
        print("-" * len(header))
        for name in TABLES:
            for reader in readers:
                b, a = before[name][reader], after[name][reader]
                print(f"{name:<10} {reader:<8} {b:>10.3f} {a:>13.3f} {b / a:>8.1f}x")
        # A later run that adds 10 documents: only the years they fall in are rewritten.
        before_files = {p.name for p in out.rglob("compact-*.parquet")}
        build(out, 10, first=args.docs)
        t0 = time.perf_counter()
        compact.finalize(out)
        inc = time.perf_counter() - t0
        now = {p.name for p in out.rglob("compact-*.parquet")}
        print(f"then 10 more documents: finalize {inc:.1f} s (the full compaction above: "
              f"{took:.1f} s); {len(now - before_files)} of {len(now)} compacted files new")
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
