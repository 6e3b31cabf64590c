"""`ocr_page`: one page image in, its text in reading order with tables as TAB rows out."""

from __future__ import annotations

import numpy as np

from vanban.layout import Word, build_lines, reading_order
from vanban.models.records import BBox, OcrWord, PageText, Table
from vanban.ocr import tesseract
from vanban.ocr.cells import read_table, table_rows
from vanban.ocr.grid import Grid, find_grids, line_masks
from vanban.ocr.preprocess import deskew, remove_specks

COLUMN_GAP_PX = 75  # 18 pt at 300 dpi: wider gaps on one line separate two columns
TABLE_MARGIN = 4
MIN_BAND_PX = 20
MIN_BAND_INK = 200  # dark pixels: fewer than a short word means specks only


def ocr_page(image: np.ndarray, page_no: int, lang: str = "vie") -> PageText:
    gray, angle = deskew(image)
    grids = [g for g in find_grids(gray, line_masks(gray)) if g.n_cols >= 2]
    tables = [read_table(gray, g, page_no, lang) for g in grids]
    tess_words: list[tesseract.TessWord] = []
    by_line: dict[tuple[int, int, int, int], list[Word]] = {}
    for band, (y0, y1) in enumerate(_bands_outside(gray, grids)):
        # Each band between tables is read on its own: Tesseract's page layout analysis
        # gives up on a page that is mostly a blanked-out table plus specks.
        data = tesseract.image_to_data(remove_specks(gray[y0:y1]), lang=lang, psm=3)
        for w in tesseract.words(data):
            tess_words.append(w)
            by_line.setdefault((band, *w.line_key), []).append(
                Word(w.left, w.left + w.width, y0 + w.top, y0 + w.top + w.height, w.text,
                     w.conf))
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


def _bands_outside(gray: np.ndarray, grids: list[Grid]) -> list[tuple[int, int]]:
    """Full-width horizontal bands of the page not covered by a table, with some ink."""
    height = gray.shape[0]
    cuts = [0]
    for g in sorted(grids, key=lambda g: g.box[1]):
        cuts += [max(0, g.box[1] - TABLE_MARGIN), min(height, g.box[3] + TABLE_MARGIN)]
    cuts.append(height)
    bands = []
    for y0, y1 in zip(cuts[::2], cuts[1::2], strict=True):
        if y1 - y0 >= MIN_BAND_PX and int((gray[y0:y1] < 128).sum()) >= MIN_BAND_INK:
            bands.append((y0, y1))
    return bands


def join_page_tables(pages: list[PageText]) -> list[PageText]:
    """Placeholder until cross-page joining lands: pages unchanged."""
    return pages


__all__ = ["Table", "join_page_tables", "ocr_page"]
