"""Page texts of a PDF exactly as `vanban run` hands them to extract/, for bench-extract.

The PDF goes through the real pipeline jobs in this process (pipeline/stages.py's
prepare_job -> ocr_job per OCR-routed page -> finish_job: route, early language gate, OCR,
join tables, restore, content and language gates), and the final page texts are what
extract/ would read. OCR is slow and does not depend on extract/, so the texts are cached
under build/bench-pdf keyed by the PDF bytes and the ingest/ocr/restore/pipeline sources:
an extract/ change is re-scored at once, an upstream change re-reads the PDF. Each page's line
styles (vanban.layout) are cached as measured and decided again on load, so a change to the
decision's thresholds or signals needs no new OCR (a change to the measuring does: --force-pdf
or delete the cache).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vanban.layout import DEFAULT_SIGNALS, decide
from vanban.models.records import LineStyle, PageText

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "bench-pdf"


def _code_key() -> str:
    h = hashlib.sha256()
    for d in ("ingest", "ocr", "restore", "pipeline"):
        for p in sorted((ROOT / d).rglob("*.py")):
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


# Which line-style signals the decision may use (tools/bench/layout.py switches them).
SIGNALS: frozenset[str] = DEFAULT_SIGNALS


def _page(row: dict[str, Any]) -> PageText:
    styles = [LineStyle(**s) for s in row.get("lines", ())]
    return PageText(row["page_no"], row["method"], row["text"],
                    lines=decide(styles, SIGNALS) if styles else ())


def _style_rows(styles: Iterable[LineStyle]) -> list[dict[str, Any]]:
    return [dataclasses.asdict(s) for s in styles]


def pipeline_pages(pdf: Path) -> list[PageText]:
    """The page texts extract/ sees when `vanban run` reads `pdf` (cached)."""
    key = hashlib.sha256(pdf.read_bytes() + _code_key().encode()).hexdigest()[:20]
    path = CACHE / f"{pdf.stem}.{key}.json"
    if path.is_file():
        return [_page(p) for p in json.loads(path.read_text(encoding="utf-8"))]
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from vanban.layout import styles_for
    from vanban.pipeline.stages import FINISH, gather, ocr_job, prepare_job, run_stages

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
    # FINISH as finish_job runs it; the texts and line styles are what extract_tasks hands over.
    _, pages = run_stages(FINISH, prepared.doc, gather(prepared, ocr_pages, failed))
    rows = [{"page_no": p.page_no, "method": p.route, "text": p.text,
             "lines": _style_rows(styles_for(p.text, p.reading.lines) if p.reading else ())}
            for p in pages]
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return [_page(r) for r in rows]
