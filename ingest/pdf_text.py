"""Read a PDF's text layer the way a reader sees the page.

pdfplumber gives words with positions; we rebuild lines, render ruled tables as TAB-separated
rows (merged cells empty, as in the seeds' markup) and put two-column blocks (issuer | motto,
"Nơi nhận" | signature) in reading order (vanban.layout): left block, then right block.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pdfplumber

from vanban.layout import Word, build_lines, reading_order

GAP_PT = 18.0  # a horizontal gap this wide separates two columns on one visual line
MIN_TEXT_CHARS = 3


def pdf_text_layers(path: Path, n_pages: int, bad: Sequence[int] = ()) -> list[str | None]:
    """One string per page, None where the page has no text layer at all (or an unreadable one).

    `bad` are the 0-based pages the renderer could not load. pdfminer skips such damaged page
    objects, so its page list is then shorter; it is matched to the loadable pages in order when
    the counts agree, and no layer is trusted when they do not (OCR is safe, a shifted layer
    is not).
    """
    out: list[str | None] = [None] * n_pages
    with pdfplumber.open(str(path)) as pdf:
        pages = pdf.pages
        if len(pages) >= n_pages:
            where = list(range(n_pages))
        elif len(pages) == n_pages - len(bad):
            where = [i for i in range(n_pages) if i not in set(bad)]
        else:
            return out
        for i, page in zip(where, pages, strict=False):
            try:
                out[i] = _page_text(page)
            except Exception:  # pdfminer raises many unrelated types on one damaged page
                out[i] = None  # the page is OCR'd instead
            finally:
                page.close()
    return out


def _inside(word: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in boxes)


def _page_text(page: Any) -> str | None:
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    if sum(len(w["text"]) for w in words) < MIN_TEXT_CHARS:
        return None
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, list[str]]] = []
    for t in tables:
        rows = []
        for row in t.extract():
            cells = [" ".join((c or "").split()) for c in row]
            rows.append("\t".join(cells))
        items.append((t.bbox[1], rows))
    free = [Word(w["x0"], w["x1"], w["top"], w["bottom"], w["text"])
            for w in words if not _inside(w, boxes)]
    lines = build_lines(free, GAP_PT)
    for block in reading_order(lines, float(page.width), [b[1] for b in boxes]):
        items.append((block.top, [text for text, _ in block.lines]))
    items.sort(key=lambda it: it[0])
    return "\n".join(line for _, block in items for line in block)
