"""The analysts' contract on real output: code columns hold only the documented codes, and the
as-written values stay beside their normalised forms."""

from __future__ import annotations

import logging
import re
import typing

import pandas as pd
import pytest

import vanban
from vanban.models import canon
from vanban.models.records import DeadlineKind, PageMethod, Session, TaskKind
from vanban.pipeline import RunOptions, run
from vanban.scripting import log_level

from helpers import ROOT, seed


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("contract") / "out"
    run([seed("000"), seed("002"), seed("004")], RunOptions(out=out, jobs=1,
                                                            executor="inprocess"))
    return vanban.load(out)


def _meaning(table: str, column: str) -> str:
    text = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    section = text.split(f"## {table} —", 1)[1].split("\n## ", 1)[0]
    m = re.search(rf"^\| {column} \| [^|]+ \| (.+) \|$", section, re.M)
    assert m, (table, column)
    return m.group(1)


CODES = {("pages", "method"): PageMethod, ("tasks", "kind"): TaskKind,
         ("tasks", "session"): Session, ("tasks", "deadline_kind"): DeadlineKind}


@pytest.mark.parametrize(("table", "column"), sorted(CODES))
def test_code_columns_emit_only_documented_codes(tables: dict[str, pd.DataFrame], table: str,
                                                 column: str) -> None:
    allowed = set(typing.get_args(CODES[(table, column)]))
    documented = set(re.findall(r"[a-z_]+", _meaning(table, column)))
    assert allowed <= documented, (table, column, allowed - documented)
    emitted = set(tables[table][column].dropna())
    assert emitted and emitted <= allowed, (table, column, emitted - allowed)


def test_documented_values_of_status_quality_and_doc_type(
        tables: dict[str, pd.DataFrame]) -> None:
    docs = tables["documents"]
    assert set(docs["status"]) <= {"complete", "partial"}
    assert set(tables["pages"]["quality"].dropna()) <= {"ok", "poor", "blank", "unreadable"}
    codes = docs["doc_type"].dropna()
    assert len(codes) and all(re.fullmatch(r"[a-z]+(?:_[a-z]+)*", c) for c in codes)
    assert all(n is not None for n in docs.loc[codes.index, "doc_type_name"])


def test_as_written_values_stay_beside_the_normalised_ones(
        tables: dict[str, pd.DataFrame]) -> None:
    tasks = tables["tasks"]
    owned = tasks.dropna(subset=["owner"])
    assert len(owned) > 0
    for owner, norm, key in owned[["owner", "owner_norm", "owner_key"]].itertuples(index=False):
        assert key == canon.owner_key(owner) and norm == canon.owner_norm(owner)
    led = tasks[tasks["leaders_raw"].map(len) > 0]
    assert len(led) > 0
    for raw, norm in led[["leaders_raw", "leaders"]].itertuples(index=False):
        assert list(norm) == canon.leaders_norm(list(raw))


def test_verbose_and_quiet_set_the_log_level() -> None:
    assert log_level(["run", "-v"]) == logging.DEBUG
    assert log_level(["run", "-q"]) == logging.WARNING
    assert log_level(["run"]) == logging.INFO
