"""Page texts of a PDF exactly as `vanban run` hands them to extract/, for bench-extract.

The PDF goes through the real pipeline jobs in this process (pipeline/stages.py's
prepare_job -> ocr_job per OCR-routed page -> finish_job: route, early language gate, OCR,
join tables, restore, content and language gates), and the final page texts are what
extract/ would read. OCR is slow and does not depend on extract/, so the texts are cached
under build/bench-pdf keyed by the PDF bytes and the ingest/ocr/restore/pipeline sources:
an extract/ change is re-scored at once, an upstream change re-reads the PDF.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from vanban.models.records import PageText

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "bench-pdf"


def _code_key() -> str:
    h = hashlib.sha256()
    for d in ("ingest", "ocr", "restore", "pipeline"):
        for p in sorted((ROOT / d).rglob("*.py")):
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def pipeline_pages(pdf: Path) -> list[PageText]:
    """The page texts extract/ sees when `vanban run` reads `pdf` (cached)."""
    key = hashlib.sha256(pdf.read_bytes() + _code_key().encode()).hexdigest()[:20]
    path = CACHE / f"{pdf.stem}.{key}.json"
    if path.is_file():
        return [PageText(p["page_no"], p["method"], p["text"])
                for p in json.loads(path.read_text(encoding="utf-8"))]
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from vanban.pipeline.stages import finish_job, ocr_job, prepare_job

    prepared = prepare_job(pdf, "ocr")
    ocr_pages: dict[int, PageText] = {}
    failed: dict[int, str] = {}
    for page in prepared.pages:
        if page.route != "ocr":
            continue
        try:
            ocr_pages[page.page_no] = ocr_job(pdf, prepared.source.fmt, page.page_no, "vie")
        except Exception as exc:  # a failed page is a failed page in the pipeline too
            failed[page.page_no] = str(exc)
    result = finish_job(prepared, ocr_pages, failed)
    rows = [{"page_no": r.page_no, "method": r.method, "text": r.text} for r in result.pages]
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return [PageText(r["page_no"], r["method"], r["text"]) for r in rows]  # type: ignore[arg-type]
