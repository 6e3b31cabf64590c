"""`ocr_page`: one page image in, its text in reading order with tables as TAB rows out."""

from __future__ import annotations

import numpy as np

from vanban.layout import Word, build_lines, reading_order
from vanban.models.records import BBox, OcrWord, PageText, Table
from vanban.ocr import tesseract
from vanban.ocr.cells import read_table, table_rows
from vanban.ocr.grid import find_grids, line_masks
from vanban.ocr.preprocess import deskew

COLUMN_GAP_PX = 75  # 18 pt at 300 dpi: wider gaps on one line separate two columns
TABLE_MARGIN = 4


def ocr_page(image: np.ndarray, page_no: int, lang: str = "vie") -> PageText:
    gray, angle = deskew(image)
    grids = [g for g in find_grids(gray, line_masks(gray)) if g.n_cols >= 2]
    tables = [read_table(gray, g, page_no, lang) for g in grids]
    body = gray.copy()
    for g in grids:  # the page pass reads only what is outside the tables
        x0, y0, x1, y1 = g.box
        body[max(0, y0 - TABLE_MARGIN): y1 + TABLE_MARGIN, max(0, x0 - TABLE_MARGIN):
             x1 + TABLE_MARGIN] = 255
    data = tesseract.image_to_data(body, lang=lang, psm=3)
    tess_words = tesseract.words(data)
    by_line: dict[tuple[int, int, int], list[Word]] = {}
    for w in tess_words:
        by_line.setdefault(w.line_key, []).append(
            Word(w.left, w.left + w.width, w.top, w.top + w.height, w.text, w.conf))
    lines = build_lines((), COLUMN_GAP_PX, groups=by_line.values())
    items: list[tuple[float, list[tuple[str, tuple[Word, ...]]]]] = []
    for block in reading_order(lines, float(gray.shape[1]), [t.bbox.y0 for t in tables]):
        items.append((block.top, list(block.lines)))
    for t in tables:
        items.append((t.bbox.y0, [(row, ()) for row in table_rows(t)]))
    items.sort(key=lambda it: it[0])
    text_lines: list[str] = []
    ocr_words: list[OcrWord] = []
    for _, block_lines in items:
        for text, ws in block_lines:
            text_lines.append(text)
            ocr_words.extend(
                OcrWord(w.text, BBox(int(w.x0), int(w.top), int(w.x1), int(w.bottom)),
                        w.conf if w.conf is not None else -1.0, len(text_lines))
                for w in ws)
    confs = [w.conf for w in tess_words if w.conf >= 0]
    confs += [c.conf for t in tables for c in t.cells if c.conf is not None and c.text]
    decision = f"; deskewed {angle:+.2f} deg" if angle else ""
    if tables:
        decision += f"; {len(tables)} ruled table(s)"
    return PageText(
        page_no=page_no, method="ocr", text="\n".join(text_lines),
        ocr_confidence=sum(confs) / len(confs) if confs else None,
        tables=tuple(tables), words=tuple(ocr_words), decision=decision,
    )


def join_page_tables(pages: list[PageText]) -> list[PageText]:
    """Placeholder until cross-page joining lands: pages unchanged."""
    return pages


__all__ = ["Table", "join_page_tables", "ocr_page"]
