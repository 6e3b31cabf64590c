"""The hand-made gold of data/testdocs/new is well formed and quotes its document."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

NEW = Path(__file__).resolve().parents[2] / "data" / "testdocs" / "new"
GOLDS = sorted(NEW.glob("*.json"))


def _flat(s: str) -> str:
    return " ".join(s.replace("\t", " ").replace("**", "").split())


@pytest.mark.parametrize("path", GOLDS, ids=[p.stem for p in GOLDS])
def test_gold_is_well_formed(path: Path) -> None:
    g: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert {"doc", "meta", "tasks"} <= g.keys()
    text = _flat((NEW / f"{g['doc']}.txt").read_text(encoding="utf-8"))
    meta = g["meta"]
    assert meta["doc_type"].isascii() and meta["doc_type_name"]
    dt.date.fromisoformat(meta["issue_date"])
    for t in g["tasks"]:
        assert _flat(t["text"]) in text, t["text"]
        for key in ("date", "deadline"):
            if t.get(key):
                dt.date.fromisoformat(t[key])
        if t["kind"] == "schedule":
            assert t["session"] in {"sang", "chieu", "ca_ngay", "toi", None}
            _check_schedule_row(t)
        else:
            _check_deadline(t)
        for note in t.get("notes", []):
            assert _flat(note) in text, note
    assert meta["doc_type"] in DOC_TYPES, meta["doc_type"]


DOC_TYPES = {"ke_hoach", "lich_cong_tac", "lich_lam_viec", "chuong_trinh_cong_tac", "thong_bao",
             "bao_cao", "cong_van", "chi_thi", "quyet_dinh", "to_trinh", "cong_dien", "bien_ban",
             "giay_moi"}
WEEKDAYS = ("Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "CN")
SPELLED = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_CLOCK = re.compile(r"^(\d{1,2})\s*(?:h|giờ|:)\s*(\d{0,2})$")


def _check_schedule_row(t: dict[str, Any]) -> None:
    """The weekday agrees with the date; a clock time decides the session (12:00 → chieu)."""
    if t.get("date") and t.get("weekday"):
        k = dt.date.fromisoformat(t["date"]).weekday()
        # n18-n32 normalise ("Thứ 2"); n01-n02 keep the cell's spelling ("Thứ Hai").
        assert t["weekday"] in {WEEKDAYS[k], SPELLED[k]}, t["text"]
    if t.get("time"):
        m = _CLOCK.match(t["time"].strip())
        assert m, t["time"]
        assert t["session"] == ("sang" if int(m.group(1)) < 12 else "chieu"), t["text"]


def _check_deadline(t: dict[str, Any]) -> None:
    """deadline, deadline_kind and deadline_valid tell one consistent story."""
    kind, valid = t.get("deadline_kind"), t.get("deadline_valid")
    if t.get("deadline"):
        assert kind in {"date", "month", "quarter", "half_year", "year"} and valid is True
    if kind == "recurring" or valid is False:
        assert t.get("deadline") is None
    if t.get("deadline_text") is None:
        assert kind is None and valid is None and t.get("deadline") is None
    else:
        assert kind is not None and valid is not None


DEADLINE_KINDS = {"date", "month", "quarter", "half_year", "year", "recurring", None}
# Weekday spellings a gold file may use -> Python weekday; a gold weekday must agree with its date.
WEEKDAY_NUMBER = {"thứ 2": 0, "thứ hai": 0, "t2": 0, "thứ 3": 1, "thứ ba": 1, "t3": 1, "thứ 4": 2,
            "thứ tư": 2, "t4": 2, "thứ 5": 3, "thứ năm": 3, "t5": 3, "thứ 6": 4, "thứ sáu": 4,
            "t6": 4, "thứ 7": 5, "thứ bảy": 5, "t7": 5, "cn": 6, "chủ nhật": 6}


@pytest.mark.parametrize("path", GOLDS, ids=[p.stem for p in GOLDS])
def test_gold_is_consistent(path: Path) -> None:
    """Slips a hand-written gold file can make: a weekday that is not its date's, a deadline
    without its kind, a recurring deadline with a date, a type code outside the vocabulary."""
    g: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert g["meta"]["doc_type"] in DOC_TYPES
    for t in g["tasks"]:
        if t["kind"] == "schedule" and t.get("date") and t.get("weekday"):
            day = WEEKDAY_NUMBER.get(t["weekday"].casefold())
            assert day is None or day == dt.date.fromisoformat(t["date"]).weekday(), t
        if t["kind"] == "directive":
            assert t["deadline_kind"] in DEADLINE_KINDS, t
            if t["deadline"]:
                assert t["deadline_valid"] is True, t
                assert t["deadline_kind"] not in (None, "recurring"), t
            if t["deadline_kind"] == "recurring":
                assert t["deadline"] is None and t["deadline_valid"] is True, t
            if t["deadline_text"] is None:
                assert t["deadline"] is None and t["deadline_kind"] is None, t


def test_split_lists_every_document() -> None:
    rows = [ln.split("\t") for ln in (NEW / "split.tsv").read_text(encoding="utf-8").splitlines()]
    assert {r[0] for r in rows} == {p.stem for p in GOLDS}
    assert all(len(r) == 4 and r[3] in {"dev", "test"} for r in rows)
