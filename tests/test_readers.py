"""pandas (via vanban.load), DuckDB and pyarrow read the same values from OUT."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.dataset as ds

import vanban
from vanban.pipeline import RunOptions, run

from helpers import seed


def _plain(v: object) -> object:
    if v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp):
        return v.date()
    if isinstance(v, dt.datetime):
        return v.date()
    if v is None or (isinstance(v, float) and v != v):
        return None
    if hasattr(v, "tolist"):
        return list(v.tolist())
    return v


def test_duckdb_pyarrow_and_vanban_load_agree(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([seed("000"), seed("002")], RunOptions(out=out, jobs=1, executor="inprocess"))
    cols = ["task_id", "date", "deadline", "leaders", "owner_key", "deadline_kind"]
    ours = vanban.load(out)["tasks"][cols]
    sql = f"SELECT {', '.join(cols)} FROM '{out}/tasks/*.parquet' ORDER BY task_id"
    theirs = duckdb.sql(sql).fetchall()
    arrow = ds.dataset(out / "tasks", format="parquet").to_table(columns=cols) \
        .sort_by("task_id").to_pylist()
    assert len(ours) == len(theirs) == len(arrow) > 0
    for a, b, c in zip(ours.itertuples(index=False), theirs, arrow, strict=True):
        row_a = [_plain(v) for v in a]
        assert row_a == [_plain(v) for v in b] == [_plain(c[k]) for k in cols]
