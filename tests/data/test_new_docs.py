"""The hand-made gold of data/testdocs/new is well formed and quotes its document."""
from __future__ import annotations

import datetime as dt
import json
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


def test_split_lists_every_document() -> None:
    rows = [ln.split("\t") for ln in (NEW / "split.tsv").read_text(encoding="utf-8").splitlines()]
    assert {r[0] for r in rows} == {p.stem for p in GOLDS}
    assert all(len(r) == 4 and r[3] in {"dev", "test"} for r in rows)
