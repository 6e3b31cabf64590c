"""Golden-file regression of the documents table on the seeds and born-digital sample PDFs.

Only deterministic inputs (text, text layers) are used: no OCR, so exact equality is fair.
Regenerate with `make golden` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

import vanban
from vanban.models.schema import SCHEMAS
from vanban.pipeline import RunOptions, run

from helpers import GOLDEN, PDFS, SEEDS

GOLDEN_FILE = GOLDEN / "pipeline" / "documents.json"


def _rows(out: Path) -> list[dict[str, object]]:
    docs = vanban.load(out)["documents"]
    rows = []
    for rec in docs.to_dict(orient="records"):
        rec = {k: (None if isinstance(v, float) and v != v else
                   v.tolist() if hasattr(v, "tolist") else v) for k, v in rec.items()}
        rec["source_path"] = Path(str(rec["source_path"])).name
        rec["given_path"] = Path(str(rec["given_path"])).name
        rec.pop("run_key")  # digests the model's bytes: checked in tests/pipeline/test_runinfo.py
        date = rec["issue_date"]
        rec["issue_date"] = None if date is None or date != date else str(date.date())
        rows.append(rec)
    return sorted(rows, key=lambda r: str(r["source_path"]))


def test_documents_table_matches_golden(tmp_path: Path, update_golden: bool) -> None:
    inputs = [SEEDS, *sorted(PDFS.glob("*.digital.pdf"))]
    summary = run(inputs, RunOptions(out=tmp_path / "out", jobs=2))
    assert summary.failure_rows == 0, summary.messages
    for name, schema in SCHEMAS.items():  # PDFs give the documented schema too
        assert pq.read_table(tmp_path / "out" / name).schema.remove_metadata() == schema
    rows = _rows(tmp_path / "out")
    text = json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n"
    if update_golden:
        GOLDEN_FILE.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN_FILE.write_text(text, encoding="utf-8")
    assert json.loads(GOLDEN_FILE.read_text(encoding="utf-8")) == json.loads(text)
