"""Read a PDF's text layer the way a reader sees the page.

pdfplumber gives words with positions; we rebuild lines, render ruled tables as TAB-separated
rows (merged cells empty, as in the seeds' markup) and put two-column blocks (issuer | motto,
"Nơi nhận" | signature) in reading order: left block, then right block.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber

GAP_PT = 18.0  # a horizontal gap this wide separates two columns on one visual line
MIN_TEXT_CHARS = 3


@dataclass(slots=True)
class _Segment:
    x0: float
    x1: float
    text: str


@dataclass(slots=True)
class _Line:
    top: float
    segments: list[_Segment]


def pdf_text_layers(path: Path, n_pages: int) -> list[str | None]:
    """One string per page, None where the page has no text layer at all."""
    out: list[str | None] = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages[:n_pages]:
            out.append(_page_text(page))
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
    lines = _lines([w for w in words if not _inside(w, boxes)])
    for block_top, block in _reading_order(lines, float(page.width), [b[1] for b in boxes]):
        items.append((block_top, block))
    items.sort(key=lambda it: it[0])
    return "\n".join(line for _, block in items for line in block)


def _lines(words: list[dict[str, Any]]) -> list[_Line]:
    words = sorted(words, key=lambda w: (w["top"], w["x0"]))
    rows: list[list[dict[str, Any]]] = []
    for w in words:
        if rows:
            last = rows[-1]
            height = max(1.0, last[0]["bottom"] - last[0]["top"])
            if abs(w["top"] - last[0]["top"]) < 0.5 * height:
                last.append(w)
                continue
        rows.append([w])
    out: list[_Line] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        segs: list[_Segment] = []
        for w in row:
            if segs and w["x0"] - segs[-1].x1 < GAP_PT:
                segs[-1].text += " " + w["text"]
                segs[-1].x1 = w["x1"]
            else:
                segs.append(_Segment(w["x0"], w["x1"], w["text"]))
        out.append(_Line(top=row[0]["top"], segments=segs))
    return out


def _reading_order(lines: list[_Line], width: float,
                   table_tops: list[float]) -> list[tuple[float, list[str]]]:
    """Group lines into blocks; a run of lines that all sit wholly in the left or right half,
    with something in the right half, is a two-column zone read left column first. A table
    between two lines ends the zone: a page number above a table and the "Nơi nhận" list
    below it are not one block."""
    pending_tables = sorted(table_tops)
    mid = width / 2
    blocks: list[tuple[float, list[str]]] = []
    zone: list[_Line] = []

    def side(seg: _Segment) -> str:
        if seg.x1 <= mid + 5:
            return "L"
        if seg.x0 >= mid - 5:
            return "R"
        return "S"

    def flush() -> None:
        if not zone:
            return
        left = [" ".join(s.text for s in ln.segments if side(s) == "L") for ln in zone]
        right = [" ".join(s.text for s in ln.segments if side(s) == "R") for ln in zone]
        texts = [t for t in left if t] + [t for t in right if t]
        blocks.append((zone[0].top, texts))
        zone.clear()

    for ln in lines:
        if pending_tables and pending_tables[0] < ln.top:
            flush()
            while pending_tables and pending_tables[0] < ln.top:
                pending_tables.pop(0)
        sides = {side(s) for s in ln.segments}
        if "S" in sides:
            flush()
            blocks.append((ln.top, [" ".join(s.text for s in ln.segments)]))
        else:
            zone.append(ln)
    flush()
    return blocks
