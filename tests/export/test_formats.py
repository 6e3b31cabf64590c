"""Per-document exports: the JSON round-trips to the Parquet rows; text and Markdown agree."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from vanban.cli import main
from vanban.errors import UsageError
from vanban.export.formats import page_markdown, parse_formats
from vanban.models.schema import days_as_dates
from vanban.store import read_table


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


def test_every_document_has_every_format(export_out: Path) -> None:
    docs = read_table(export_out, "documents").column("doc_id").to_pylist()
    assert len(docs) == 5
    names = sorted(p.name for p in (export_out / "export").iterdir())
    assert names == sorted(f"{d}.{ext}" for d in docs for ext in ("json", "md", "txt"))
    assert not list((export_out / "export").glob(".*"))  # no temporary file left


def test_json_matches_the_parquet_rows(export_out: Path) -> None:
    # Days are written as days ("2020-03-31"), not as the midnight timestamps Parquet holds.
    tables = {name: days_as_dates(read_table(export_out, name)).to_pylist()
              for name in ("documents", "pages", "tasks", "words")}
    assert tables["words"], "the run wrote no words"
    for doc in tables["documents"]:
        payload = json.loads((export_out / "export" / f"{doc['doc_id']}.json")
                             .read_text(encoding="utf-8"))
        assert payload["document"] == _iso(doc)
        for name in ("pages", "tasks", "words"):
            rows = [r for r in tables[name] if r["doc_id"] == doc["doc_id"]]
            assert payload[name] == _iso(rows), name
        assert payload["schema_version"] == doc["schema_version"]


def test_text_is_the_pages_joined_by_form_feeds(export_out: Path) -> None:
    pages = read_table(export_out, "pages").to_pylist()
    for doc_id in {p["doc_id"] for p in pages}:
        text = (export_out / "export" / f"{doc_id}.txt").read_text(encoding="utf-8")
        assert text.rstrip("\n").split("\f") == [p["text"] for p in pages
                                                 if p["doc_id"] == doc_id]


def test_markdown_has_headings_and_tables(export_out: Path) -> None:
    docs = read_table(export_out, "documents").to_pylist()
    sched = next(d for d in docs if d["source_path"].endswith("schedule.txt"))
    md = (export_out / "export" / f"{sched['doc_id']}.md").read_text(encoding="utf-8")
    assert md.startswith("# CHƯƠNG TRÌNH CÔNG TÁC")
    assert "## Trang 1" in md and "## Nhiệm vụ" in md
    assert "| --- |" in md
    table_rows = [ln for ln in md.splitlines() if ln.startswith("| ")]
    assert any("Đ/c" in ln for ln in table_rows)  # schedule rows became table rows


def test_page_markdown_tables_and_escapes() -> None:
    md = page_markdown("I. NHIỆM VỤ\nA\tB|C\n1\t\n# not a heading\n- item")
    assert md[0] == "### I. NHIỆM VỤ"
    assert "| A | B\\|C |" in md and "| 1 |   |" in md
    assert "\\# not a heading" in md and "\\- item" in md


def test_formats_parse_and_reject() -> None:
    assert parse_formats(["md,json", "txt", "md"]) == ("md", "json", "txt")
    with pytest.raises(UsageError, match="docx"):
        parse_formats(["docx"])


def test_export_command_and_bad_format(export_out: Path, tmp_path: Path) -> None:
    assert main(["export", str(export_out), "--to", "docx"]) == 2
    assert main(["export", str(tmp_path)]) == 2  # not an output folder
    assert main(["run", str(tmp_path), "-o", str(tmp_path / "o"), "--to", "rtf"]) == 2
    before = (export_out / "export").stat().st_mtime_ns
    assert main(["export", str(export_out), "--to", "txt"]) == 0
    assert (export_out / "export").stat().st_mtime_ns >= before
