"""Guards the hand-made extract gold (seeds and held-out documents) against format drift.

The gold is the yardstick of bench-extract, so a typo here (an impossible date, a deadline text that
is not in the task, a weekday that contradicts its date) would silently mis-score the parser.
These checks read only the gold and its source text; they never run extract/.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
GOLD_DIRS = (ROOT / "tests" / "golden" / "extract", ROOT / "data" / "testdocs" / "heldout")
GOLD_FILES = sorted(p for d in GOLD_DIRS for p in d.glob("*.json"))
SEED_NAMES = {"000_875b24bd7a71e664", "001_308a2ff7bb53fc37", "002_52c1c6f4e0330401",
              "003_c50f75d93c9637d6", "004_c56b6b1e6115d9aa"}

META_KEYS = {"doc_type", "doc_type_name", "number", "place", "issue_date", "issuer", "title",
             "signer", "signer_authority", "recipients"}
SCHEDULE_KEYS = {"kind", "date", "weekday", "session", "text", "owner", "leaders", "location"}
DIRECTIVE_KEYS = {"kind", "text", "owner", "collaborators", "deadline", "deadline_text",
                  "deadline_kind", "deadline_valid", "section"}
WEEKDAYS = ("Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "CN")
SESSIONS = {"sang", "chieu", "ca_ngay", None}
DEADLINE_KINDS = {"date", "month", "quarter", "half_year", "year", "recurring"}
AUTHORITIES = {"KT.", "TM.", "TL.", "Q.", "TUQ.", None}
MARKUP = re.compile(r"</?[bi]>|\*\*|\t")


def _load(path: Path) -> dict[str, Any]:
    raw = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", raw), f"{path.name} is not NFC"
    doc: dict[str, Any] = json.loads(raw)
    return doc


def _flat(text: str) -> str:
    """Source text with markup removed and all whitespace runs collapsed, for substring checks."""
    text = re.sub(r"</?[bi]>|\*\*|\*|^#+\s*", "", text, flags=re.M)
    text = text.replace("( ", "(").replace(" )", ")")
    return re.sub(r"\s+", " ", text)


def _iso(value: object) -> dt.date:
    assert isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value), value
    return dt.date.fromisoformat(value)


@pytest.fixture(params=GOLD_FILES, ids=lambda p: p.stem)
def gold(request: pytest.FixtureRequest) -> tuple[Path, dict[str, Any]]:
    path: Path = request.param
    return path, _load(path)


def test_every_seed_and_four_heldout_documents_have_gold() -> None:
    stems = {p.stem for p in GOLD_FILES}
    assert stems >= SEED_NAMES
    assert len(stems - SEED_NAMES) >= 4


def test_header_and_metadata(gold: tuple[Path, dict[str, Any]]) -> None:
    path, doc = gold
    assert doc["doc"] == path.stem
    assert (ROOT / doc["source"]).is_file()
    meta = doc["meta"]
    assert set(meta) == META_KEYS
    if meta["issue_date"] is not None:
        _iso(meta["issue_date"])
    if meta["number"] is not None:
        assert " " not in meta["number"]
    assert meta["signer_authority"] in AUTHORITIES
    for item in meta["recipients"]:
        assert item == item.strip() and not item.startswith("-") and item[-1] not in ",;."
    assert doc["tasks"], "a gold file without tasks measures nothing"


def test_schedule_rows(gold: tuple[Path, dict[str, Any]]) -> None:
    _, doc = gold
    rows = [t for t in doc["tasks"] if t["kind"] == "schedule"]
    previous = dt.date.min
    for row in rows:
        assert set(row) == SCHEDULE_KEYS
        date = _iso(row["date"])
        assert date >= previous, "schedule rows are in document (date) order"
        previous = date
        if row["weekday"] is not None:
            assert row["weekday"] == WEEKDAYS[date.weekday()], row
        assert row["session"] in SESSIONS
        assert row["text"] and not MARKUP.search(row["text"])
        assert "(cả ngày)" not in row["text"] or row["session"] == "ca_ngay"
        assert all(isinstance(x, str) and x == x.strip() and x for x in row["leaders"])
        if row["text"].startswith("Nghỉ"):
            assert row["owner"] is None and row["leaders"] == [] and row["session"] is None


def test_directive_tasks(gold: tuple[Path, dict[str, Any]]) -> None:
    path, doc = gold
    source = _flat((ROOT / doc["source"]).read_text(encoding="utf-8"))
    for task in (t for t in doc["tasks"] if t["kind"] == "directive"):
        assert set(task) == DIRECTIVE_KEYS
        text = task["text"]
        assert text and not MARKUP.search(text) and not text.startswith(("- ", "+ "))
        assert text in source, f"{path.stem}: task text not found in its source: {text[:60]}"
        if task["deadline_text"] is None:
            assert task["deadline"] is None and task["deadline_kind"] is None
            assert task["deadline_valid"] is None
            continue
        assert task["deadline_text"] in text
        assert task["deadline_kind"] in DEADLINE_KINDS
        assert isinstance(task["deadline_valid"], bool)
        if task["deadline"] is None:
            assert task["deadline_kind"] == "recurring" or task["deadline_valid"] is False
        else:
            assert task["deadline_valid"] is True
            _iso(task["deadline"])
        assert isinstance(task["collaborators"], list)
        assert task["owner"] is None or task["owner"] not in task["collaborators"]


def test_month_and_quarter_deadlines_fall_on_period_ends(gold: tuple[Path, dict[str, Any]]) -> None:
    _, doc = gold
    for task in doc["tasks"]:
        if task["kind"] != "directive" or task["deadline"] is None:
            continue
        date = _iso(task["deadline"])
        next_day = date + dt.timedelta(days=1)
        if task["deadline_kind"] in {"month", "quarter", "half_year", "year"}:
            assert next_day.day == 1, task
        if task["deadline_kind"] in {"quarter", "half_year", "year"}:
            assert next_day.month in {1, 4, 7, 10}, task
