"""pandas, DuckDB, Polars and vanban.load read the same values, with the same types, from
every table of OUT: the Arrow types are chosen so no reader needs vanban to get them right."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import vanban
from vanban.models.schema import SCHEMAS, is_day
from vanban.pipeline import RunOptions, run

from helpers import seed


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readers")
    bad = root / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")  # a failures row
    out = root / "out"
    run([seed("000"), seed("002"), bad], RunOptions(out=out, jobs=1, executor="inprocess"))
    return out


def _plain(v: object) -> object:
    """One value in a reader-neutral form (nulls None, times naive UTC, lists lists)."""
    if v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, pd.Timestamp):
        v = v.to_pydatetime()
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).replace(tzinfo=None) if v.tzinfo else v
    if isinstance(v, np.ndarray | pl.Series | list):
        return [_plain(x) for x in list(v)]
    if isinstance(v, np.generic):
        return v.item()
    return v


def _rows(df: pd.DataFrame, keys: list[str]) -> list[list[object]]:
    df = df.sort_values(keys, kind="stable").reset_index(drop=True) if keys else df
    return [[_plain(v) for v in row] for row in df.itertuples(index=False)]


_KEYS = {"documents": ["doc_id"], "pages": ["doc_id", "page_no"], "tasks": ["task_id"],
         "words": ["doc_id", "page_no", "word_no"], "failures": ["source_path"],
         "agencies": ["owner_key"]}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_pandas_duckdb_polars_and_load_agree(out: Path, name: str) -> None:
    keys = _KEYS[name]
    by_pandas = pd.read_parquet(out / name)
    by_duckdb = duckdb.sql(f"SELECT * FROM '{out / name}/*.parquet'").df()
    by_polars = pl.read_parquet(str(out / name / "*.parquet")).to_pandas()
    by_load = vanban.load(out)[name]
    assert list(by_pandas.columns) == list(by_duckdb.columns) == list(by_polars.columns) \
        == SCHEMAS[name].names
    if name != "failures":
        assert len(by_pandas) > 0, name
    # vanban.load is pandas.read_parquet (sorted): same values and the very same dtypes.
    pd.testing.assert_frame_equal(
        by_load, by_pandas.sort_values(keys, kind="stable").reset_index(drop=True))
    expected = _rows(by_pandas, keys)
    assert _rows(by_duckdb, keys) == expected, name
    assert _rows(by_polars, keys) == expected, name
    for field in SCHEMAS[name]:
        col = field.name
        if is_day(field) or pa.types.is_timestamp(field.type):
            # Days and times are datetime64 in every reader (never object columns of dates).
            for df in (by_pandas, by_duckdb, by_polars, by_load):
                assert pd.api.types.is_datetime64_any_dtype(df[col]), (name, col, df[col].dtype)
            assert str(by_pandas[col].dtype) == str(by_polars[col].dtype), (name, col)
        if pa.types.is_list(field.type):
            # Lists are never null: an empty list is an empty list in every reader.
            for df in (by_pandas, by_duckdb, by_polars):
                assert all(v is not None for v in df[col]), (name, col)


def test_days_are_midnight_timestamps_a_date_compares_with(out: Path) -> None:
    tasks = pd.read_parquet(out / "tasks")
    days = tasks["date"].dropna()
    assert len(days) > 0 and (days == days.dt.normalize()).all()
    n_sql = duckdb.sql(f"SELECT count(*) FROM '{out}/tasks/*.parquet' "
                       "WHERE date >= DATE '2000-01-01'").fetchall()[0]
    assert n_sql[0] == int((tasks["date"] >= "2000-01-01").sum()) > 0
    n_pl = pl.read_parquet(str(out / "tasks" / "*.parquet")).filter(
        pl.col("date") >= dt.datetime(2000, 1, 1)).height
    assert n_pl == n_sql[0]
