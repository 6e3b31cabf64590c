"""Streamed compaction (issue 15): file by file, row group by row group, the same rows as the
whole-table reading it replaced, in the same order; fingerprints read a row group at a time
equal the whole-document ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from vanban import compact
from vanban.models.schema import SCHEMAS
from vanban.pipeline import RunOptions, run
from vanban.store import COMPACT_PREFIX, EMPTY_PART, read_table

from helpers import seed

TABLES = ("pages", "tasks", "words")


@pytest.fixture(scope="module")
def uncompacted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three seeds of three issue years committed as parts, nothing compacted."""
    out = tmp_path_factory.mktemp("stream") / "out"
    run([seed("000"), seed("002"), seed("004")],
        RunOptions(out=out, jobs=1, executor="inprocess", compact=False))
    return out


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def _sources(folder: Path) -> list[Path]:
    """The files compaction reads, in its order: parts by name, then compacted files."""
    files = sorted(p for p in folder.glob("*.parquet") if p.name != EMPTY_PART)
    return ([p for p in files if not p.name.startswith(COMPACT_PREFIX)]
            + [p for p in files if p.name.startswith(COMPACT_PREFIX)])


def _expected(out: Path, name: str) -> dict[str, pa.Table]:
    """{year: rows} read whole, file after file, each row sent to its document's year."""
    years = compact.issue_years(read_table(out, "documents"))
    whole = pa.concat_tables(pq.read_table(p, schema=SCHEMAS[name]) for p in _sources(out / name))
    row_years = pa.array([years.get(d, compact.NO_YEAR)
                          for d in whole.column("doc_id").to_pylist()])
    return {y: whole.filter(pa.compute.equal(row_years, y)) for y in sorted(set(years.values()))}


def _written(out: Path, name: str) -> dict[str, pa.Table]:
    got = {}
    for f in (out / name).glob(f"{COMPACT_PREFIX}*.parquet"):
        year = compact.file_year(f)
        assert year is not None and year not in got
        got[year] = pq.read_table(f)
    return got


@pytest.mark.parametrize("tiny", [False, True])
def test_streamed_compaction_writes_the_same_rows_in_the_same_order(
        uncompacted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny: bool) -> None:
    out = _copy(uncompacted, tmp_path / "out")
    if tiny:  # many row groups, and flushes by bytes as well as by rows
        monkeypatch.setattr(compact, "ROW_GROUP", 7)
        monkeypatch.setattr(compact, "ROW_GROUP_BYTES", 4_000)
    want = {name: _expected(out, name) for name in TABLES}
    compact.finalize(out)
    for name in TABLES:
        got = _written(out, name)
        assert set(got) == {y for y, t in want[name].items() if t.num_rows}, name
        for year, table in got.items():
            assert table.equals(want[name][year].replace_schema_metadata(
                table.schema.metadata)), (name, year)
            groups = pq.ParquetFile(next((out / name).glob(
                f"{COMPACT_PREFIX}y{year}-*.parquet"))).metadata.num_row_groups
            if tiny and table.num_rows > 7:
                assert groups > 1, (name, year)


def test_a_recompaction_over_compacted_files_keeps_every_row_once(
        uncompacted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _copy(uncompacted, tmp_path / "out")
    compact.finalize(out)
    before = {name: read_table(out, name) for name in TABLES}
    run([seed("002")], RunOptions(out=out, jobs=1, executor="inprocess", force=True,
                                  compact=False))  # a part beside the compacted files
    monkeypatch.setattr(compact, "ROW_GROUP", 5)
    compact.finalize(out)
    for name in TABLES:
        after = read_table(out, name)
        cols = [c for c in after.column_names if c != "time"]
        assert after.select(cols).equals(before[name].select(cols)), name
        n_files = pa.concat_tables(pq.read_table(f) for f in (out / name).glob(
            f"{COMPACT_PREFIX}*.parquet")).num_rows
        assert n_files == after.num_rows, name  # no row of the redone document twice


def test_fingerprints_read_by_row_group_equal_the_whole_reading(
        uncompacted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    streamed = _copy(uncompacted, tmp_path / "a")
    whole = _copy(uncompacted, tmp_path / "b")
    docs = read_table(streamed, "documents")
    monkeypatch.setattr(compact, "ROW_GROUP", 1)  # one page per batch
    a = compact.derive_documents(streamed, docs)
    monkeypatch.setattr(compact, "_in_page_order", lambda part: False)  # the whole reading
    b = compact.derive_documents(whole, docs)
    for col in ("text_fingerprint", "reading_score", "document_key", "is_best_reading"):
        assert a.column(col).to_pylist() == b.column(col).to_pylist(), col
    assert all(a.column("text_fingerprint").to_pylist())
