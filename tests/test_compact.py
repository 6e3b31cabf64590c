"""Compaction: one file per table after a run; resume and kill-safety unchanged."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import vanban
from vanban import compact
from vanban.pipeline import RunOptions, run
from vanban.store import EMPTY_PART, Store, read_table

from helpers import PDFS, SEEDS, seed


def _opts(out: Path, **kw: object) -> RunOptions:
    return RunOptions(out=out, jobs=1, executor="inprocess", **kw)  # type: ignore[arg-type]


def _data_files(folder: Path) -> list[Path]:
    return [p for p in folder.glob("*.parquet") if p.name != EMPTY_PART]


def _by_year(out: Path, name: str) -> dict[str, set[str]]:
    """{year of a compacted file: doc_ids in it}; asserts one file per year and only
    documents of that year in it."""
    docs = compact.issue_years(read_table(out, "documents"))
    got: dict[str, set[str]] = {}
    for f in _data_files(out / name):
        year = compact.file_year(f)
        assert year is not None and year not in got, f.name
        got[year] = set(pq.read_table(f, columns=["doc_id"]).column("doc_id").to_pylist())
        assert {docs[d] for d in got[year]} == {year}, (f.name, got[year])
    return got


def _snapshot(out: Path) -> dict[str, pd.DataFrame]:
    return {k: v.drop(columns=[c for c in ("time",) if c in v]) for k, v in
            vanban.load(out).items()}


def _same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def test_run_leaves_one_file_per_table_and_a_rerun_skips(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run([SEEDS], _opts(out))
    assert first.documents == 5
    for name in ("documents", "agencies"):
        assert len(_data_files(out / name)) == 1, name
    for name in ("pages", "tasks", "words"):  # one file per issue year
        assert set(_by_year(out, name)) == {"2013", "2019", "2020", "2021", "none"}, name
    before = _snapshot(out)
    again = run([SEEDS], _opts(out))
    assert (again.documents, again.skipped) == (0, 5)
    _same(before, _snapshot(out))


def test_force_after_compaction_doubles_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([SEEDS], _opts(out))
    n_tasks = len(read_table(out, "tasks"))
    run([seed("000")], _opts(out, force=True, compact=False))
    parts = [p for p in _data_files(out / "tasks") if compact.file_year(p) is None]
    assert len(parts) == 1  # a part beside the compacted files
    assert len(read_table(out, "tasks")) == n_tasks  # the part supersedes its old rows
    compact.finalize(out)
    assert not compact.needs_compaction(out / "tasks") and len(read_table(out, "tasks")) == n_tasks
    _by_year(out, "tasks")


@pytest.mark.parametrize("kill_at", [0, 1, 2])
def test_killed_compaction_leaves_a_readable_out(tmp_path: Path, kill_at: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed (0) with the new folder built, (1) after OUT/pages moved aside, (2) after the
    new folder moved in but before the old one was removed."""
    out = tmp_path / "out"
    run([SEEDS], _opts(out, compact=False))
    before = _snapshot(out)
    real = os.replace
    steps = {"n": 0}

    def dying_replace(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        if Path(src).name in {"pages", ".pages.new"}:  # the swap's two renames
            if steps["n"] == kill_at:
                raise KeyboardInterrupt  # stands for SIGKILL at this point
            steps["n"] += 1
        real(src, dst)
        if steps["n"] == 2 == kill_at and Path(dst).name == "pages":
            raise KeyboardInterrupt

    monkeypatch.setattr(compact.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        compact.finalize(out)
    monkeypatch.undo()
    left = sorted(p.name for p in out.glob(".pages.*"))
    assert left == [[".pages.new"], [".pages.new", ".pages.old"], [".pages.old"]][kill_at]
    assert len(read_table(out, "pages")) == len(before["pages"])  # readable while broken
    Store(out)  # the next run's first step repairs the folder swap
    assert not list(out.glob(".*.new")) and not list(out.glob(".*.old"))
    _same(before, _snapshot(out))
    again = run([SEEDS], _opts(out))
    assert again.skipped == 5
    assert not compact.needs_compaction(out / "pages")
    _by_year(out, "pages")


def test_pdf_and_text_renderings_are_one_document(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([seed("000"), seed("001"), next(PDFS.glob("000_*.digital.pdf"))], _opts(out))
    docs = vanban.load(out)["documents"].set_index("source_path")
    keys = {Path(p).name[:3] + Path(p).suffix: k for p, k in docs["document_key"].items()}
    assert keys["000.txt"] == keys["000.pdf"] != keys["001.txt"]
    assert docs["is_best_reading"].sum() == 2
    best = vanban.load(out, best_only=True)
    assert best["documents"]["document_key"].is_unique
    assert set(best["tasks"]["doc_id"]) <= set(best["documents"]["doc_id"])


def _files(out: Path) -> dict[str, tuple[str, int]]:
    """{table: (data file name, inode)} of the one-file tables."""
    got = {}
    for name in ("documents", "agencies"):
        (f,) = _data_files(out / name)
        got[name] = (f.name, f.stat().st_ino)
    return got


def test_documents_and_agencies_are_rewritten_only_when_something_changed(
        tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([seed("000")], _opts(out))
    first = _files(out)
    before = _snapshot(out)
    again = run([seed("000")], _opts(out))  # a no-op rerun writes neither table
    assert again.skipped == 1 and _files(out) == first
    _same(before, _snapshot(out))
    counts = compact.finalize(out)  # `vanban compact` on a compacted OUT: nothing to do
    assert _files(out) == first and counts["documents"] == 1 and counts["agencies"] > 0
    run([seed("002")], _opts(out))  # a new document: both rewritten, both documents in
    after = _files(out)
    assert after["documents"] != first["documents"] and after["agencies"] != first["agencies"]
    assert len(read_table(out, "documents")) == 2


def test_agencies_missing_or_of_an_older_schema_are_rebuilt(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([seed("000")], _opts(out))
    want = read_table(out, "agencies")
    (out / "agencies" / compact.AGENCIES_FILE).unlink()
    compact.finalize(out)
    assert read_table(out, "agencies").equals(want)
    (doc_file,) = _data_files(out / "documents")
    table = pq.read_table(doc_file)
    meta = {**(table.schema.metadata or {}), b"schema_version": b"2.2"}
    pq.write_table(table.replace_schema_metadata(meta), doc_file)
    compact.finalize(out)
    (doc_file2,) = _data_files(out / "documents")
    assert doc_file2.name != doc_file.name  # rewritten under the current schema


def test_only_the_years_a_run_touched_are_rewritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([seed("000"), seed("002")], _opts(out))  # issued 2019 and 2020
    files = {compact.file_year(f): f for f in _data_files(out / "words")}
    assert set(files) == {"2019", "2020"}
    n = len(read_table(out, "words"))
    pdf = next(PDFS.glob("000_*.digital.pdf"))  # another 2019 document
    run([pdf], _opts(out))
    after = {compact.file_year(f): f for f in _data_files(out / "words")}
    assert after["2020"].name == files["2020"].name  # the same file: not rewritten
    assert after["2020"].stat().st_ino == files["2020"].stat().st_ino
    assert after["2019"].name != files["2019"].name
    years = _by_year(out, "words")
    assert len(years["2019"]) == 2 and len(read_table(out, "words")) > n
    # DuckDB-style readers see every year's rows once: the folder is still the table.
    assert len(pd.read_parquet(out / "words")) == len(read_table(out, "words"))


def test_a_redone_document_that_moved_year_leaves_no_row_behind(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([seed("000"), seed("002")], _opts(out))
    n_tasks = len(read_table(out, "tasks"))
    run([seed("000")], _opts(out, force=True, compact=False))
    # As if the redo had read another issue date (2019 -> 2020) and the documents file
    # already said so (--no-compact swaps it): only a scan finds the 2019 rows to drop.
    (doc_file,) = _data_files(out / "documents")
    table = pq.read_table(doc_file)
    days = [d.replace(year=2020) if d is not None and d.year == 2019 else d
            for d in table.column("issue_date").to_pylist()]
    i = table.schema.get_field_index("issue_date")
    table = table.set_column(i, table.schema.field(i),
                             pa.array(days, type=table.schema.field(i).type))
    pq.write_table(table, doc_file)
    compact.finalize(out)
    assert set(_by_year(out, "tasks")) == {"2020"}
    assert len(read_table(out, "tasks")) == len(pd.read_parquet(out / "tasks")) == n_tasks


def test_an_unsplit_file_of_an_older_run_is_split_by_year(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([seed("000"), seed("002")], _opts(out))
    want = read_table(out, "tasks")
    folder = out / "tasks"
    one = pa.concat_tables(pq.read_table(f) for f in _data_files(folder))
    for f in _data_files(folder):
        f.unlink()
    pq.write_table(one, folder / "compact-0123456789ab.parquet")  # as vanban 2.2 left it
    assert compact.needs_compaction(folder)
    compact.finalize(out)
    assert set(_by_year(out, "tasks")) == {"2019", "2020"}
    assert read_table(out, "tasks").equals(want)
