"""Page texts of a gold document as the pipeline would see them after a scan, for bench-extract.

Two renderings of a document's text by tools/bench/render.py (this repo's own renderer):
`render` (the clean 300 dpi page image) and `scan` (the same page with render.scan's
photocopy damage: rotation, blur, grey paper, specks, 200 dpi JPEG). Each page is OCR'd by
ocr/ (`ocr_page`, Tesseract `vie`, single-threaded), tables are joined across pages and the
text goes through restore/, exactly as `vanban run` does. OCR is slow (seconds per page) and
does not depend on extract/, so the page texts are cached under build/bench-scans keyed by
the text, the rendering and the ocr/ + restore/ sources: extract/ changes are re-scored at
once, an ocr/ change re-OCRs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

from vanban.models.records import PageText

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "bench-scans"
VARIANTS = ("render", "scan")


def _code_key() -> str:
    h = hashlib.sha256()
    for d in ("ocr", "restore", "ingest"):
        for p in sorted((ROOT / d).rglob("*.py")):
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def scanned_pages(text: str, variant: str, seed: int) -> list[PageText]:
    """OCR'd, joined and restored page texts of `text` rendered as `variant`."""
    key = hashlib.sha256(f"{variant}|{seed}|{_code_key()}|{text}".encode()).hexdigest()[:20]
    path = CACHE / f"{key}.json"
    if path.is_file():
        return [PageText(p["page_no"], "ocr", p["text"]) for p in json.loads(path.read_text())]
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from tools.bench.render import render_text, scan
    from vanban.ocr import join_page_tables, ocr_page
    from vanban.restore import restore_text

    images = render_text(text)
    if variant == "scan":
        images = [scan(im, seed * 100 + i) for i, im in enumerate(images)]
    pages = join_page_tables([ocr_page(im, i, "vie") for i, im in enumerate(images, start=1)])
    done = [dataclasses.replace(p, text=restore_text(p.text).text) for p in pages]
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([{"page_no": p.page_no, "text": p.text} for p in done],
                               ensure_ascii=False))
    return done
