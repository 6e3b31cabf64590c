"""`ocr_page`: one page image in, its text in reading order with tables as TAB rows out."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Sequence

import cv2
import numpy as np
from rapidfuzz import fuzz

from vanban.layout import Word, build_lines, line_styles, reading_order
from vanban.models.records import BBox, OcrWord, PageText
from vanban.ocr import background, bilevel, faint, quality, tesseract
from vanban.ocr.beside import beside
from vanban.ocr.cells import read_table, table_rows
from vanban.ocr.colour import to_gray
from vanban.ocr.grid import Grid, find_grids, line_masks, without_lines
from vanban.ocr.missed import reread_missed
from vanban.ocr.orient import turn, upright
from vanban.ocr.photo import flatten
from vanban.ocr.preprocess import components, deskew, remove_specks
from vanban.ocr.style import line_geoms
from vanban.ocr.word_columns import split_word_tables

COLUMN_GAP_PX = 75  # 18 pt at 300 dpi: wider gaps on one line separate two columns
TABLE_MARGIN = 4
MIN_BAND_PX = 20
HEADER_SIMILARITY = 85
MIN_BAND_INK = 200  # dark pixels: fewer than a short word means specks only


def ocr_page(image: np.ndarray, page_no: int, lang: str = "vie",
             read_scale: float = 1.0) -> PageText:
    """Read one page image (greyscale, or RGB whose coloured ink is dropped) at 300 dpi.

    `read_scale` < 1 (`--resolution native`): the text outside tables is read by Tesseract at
    that scale (a 200-dpi scan's own resolution), the cheaper recognition; every geometry step
    and the table cells stay at 300 dpi, where their pixel constants were tuned."""
    image, photo, perspective = flatten(image)
    gray, coloured = to_gray(image)
    gray, smoothed = bilevel.smooth(gray)
    gray, evened = background.normalise(gray)
    rotation, why, orientation_sure = upright(gray)
    gray = turn(gray, rotation)
    # ink counted before deskew: its white corners cut a dark page edge off the border
    ink_px = quality.text_ink(gray)
    gray, angle = deskew(gray)
    masks = line_masks(gray)
    grids = [g for g in find_grids(gray, masks) if g.n_cols >= 2]
    # Cells are read with the ruling lines whitened out: a rule that is slanted or bowed
    # leaves a sliver inside the cell's crop at one end, which Tesseract reads as "|", ")"
    # or "-" (or as a stroke of the letter it touches).
    ruled = without_lines(gray, masks) if grids else gray
    tables = [read_table(ruled, g, page_no, lang, worn=bool(evened)) for g in grids]
    tess_words: list[tesseract.TessWord] = []
    by_line: dict[tuple[int, int, int, int], list[Word]] = {}
    # Each band between tables is read on its own: Tesseract's page layout analysis gives up
    # on a page that is mostly a blanked-out table plus specks. Ink in a table's band but
    # outside its cells (a note beside the table, a column that lost its rules) is read too.
    regions = [(x0, y0 + top, crop) for y0, y1 in _bands_outside(gray, grids)
               for x0, top, crop in [_ink_box(remove_specks(gray[y0:y1]))]]
    regions += [(x0, y0, remove_specks(crop))
                for x0, y0, crop in beside(ruled, grids, TABLE_MARGIN)]
    for band, (x0, y0, crop) in enumerate(regions):
        data = tesseract.image_to_data(crop, lang=lang, psm=3, scale=read_scale)
        band_words = tesseract.words(data)
        band_words = reread_missed(crop, band_words, lang, read_scale)  # ocr/missed.py
        if evened:  # a worn copy: lines in faint toner read again thickened (ocr/faint.py)
            band_words = faint.without_speck_lines(faint.reread_lines(crop, band_words, lang))
        for w in band_words:
            tess_words.append(w)
            by_line.setdefault((band, *w.line_key), []).append(
                Word(x0 + w.left, x0 + w.left + w.width, y0 + w.top,
                     y0 + w.top + w.height, w.text, w.conf))
    lines = build_lines((), COLUMN_GAP_PX, groups=by_line.values())
    lines, word_tables = split_word_tables(lines, page_no)
    tables += word_tables
    items: list[tuple[float, list[tuple[str, tuple[Word, ...]]]]] = []
    for block in reading_order(lines, float(gray.shape[1]), [t.bbox.y0 for t in tables]):
        items.append((block.top, list(block.lines)))
    for t in tables:
        items.append((t.bbox.y0, [(row, ()) for row in table_rows(t)]))
    items.sort(key=lambda it: it[0])
    text_lines: list[str] = []
    line_words: list[tuple[Word, ...]] = []
    ocr_words: list[OcrWord] = []
    for _, block_lines in items:
        for text, ws in block_lines:
            text_lines.append(text)
            line_words.append(ws)
            ocr_words.extend(
                OcrWord(w.text, BBox(int(w.x0), int(w.top), int(w.x1), int(w.bottom)),
                        w.conf if w.conf is not None else -1.0, len(text_lines))
                for w in ws)
    confs = [w.conf for w in tess_words if w.conf >= 0]
    confs += [c.conf for t in tables if t.method == "ruled"
              for c in t.cells if c.conf is not None and c.text]
    read = [(w.text, w.conf) for w in tess_words]
    read += [(word, c.conf if c.conf is not None else -1.0) for t in tables
             if t.method == "ruled" for c in t.cells for word in c.text.split()]
    measured = quality.signals(read, ink_px, orientation_sure)
    verdict = quality.verdict(measured)
    in_tables = quality.table_signals([t for t in tables if t.method == "ruled"])
    table_verdict = quality.table_verdict(in_tables)
    if verdict == "ok" and table_verdict != "ok":
        verdict = table_verdict
    decision = f"; coloured ink dropped ({coloured:.2%} of pixels)" if coloured else ""
    decision += f"; {photo}" if photo else ""
    decision += f"; {smoothed}" if smoothed else ""
    decision += f"; {evened}" if evened else ""
    decision += f"; {why}" if why else ""
    decision += f"; deskewed {angle:+.2f} deg" if angle else ""
    if grids:
        decision += f"; {len(grids)} ruled table(s)"
    if word_tables:
        decision += f"; {len(word_tables)} table(s) from word columns"
    why_quality = measured.describe() if verdict != "ok" else ""
    if table_verdict != "ok":
        why_quality += f"; {in_tables.describe()}"
    if why_quality:
        decision += f"; quality {verdict} ({why_quality})"
    return PageText(
        page_no=page_no, method="ocr", text="\n".join(text_lines),
        ocr_confidence=sum(confs) / len(confs) if confs else None,
        tables=tuple(tables), words=tuple(ocr_words), decision=decision, rotation=rotation,
        quality=verdict, quality_why=why_quality, deskew=float(angle),
        perspective=perspective,
        size=(int(gray.shape[1]), int(gray.shape[0])),
        lines=line_styles(line_geoms(gray, line_words)),
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


INK_BOX_MARGIN = 30  # px of paper kept round a band's ink (Tesseract wants a quiet border)
INK_BOX_MIN_AREA = 60  # px: letters; dust and scan specks do not widen the box


def _ink_box(band: np.ndarray) -> tuple[int, int, np.ndarray]:
    """The band cropped to its ink plus a margin, with the crop's offset (x, y).

    A short line alone in a tall band of grey, unevenly lit paper (the "Nơi nhận:" line
    under a table, dev scan of t1) came back empty: Tesseract's global threshold fell
    between the grey paper and the white corner deskew had rotated in. Cropped to the ink,
    the line and its own paper are most of the image and it is read."""
    ink = (band < 128).astype(np.uint8)
    stats = components(ink)[2]
    big = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] >= INK_BOX_MIN_AREA)
    big = big[big > 0]
    if not big.size:
        return 0, 0, band
    x0s, y0s = stats[big, cv2.CC_STAT_LEFT], stats[big, cv2.CC_STAT_TOP]
    rows = np.array([y0s.min(), (y0s + stats[big, cv2.CC_STAT_HEIGHT]).max() - 1])
    cols = np.array([x0s.min(), (x0s + stats[big, cv2.CC_STAT_WIDTH]).max() - 1])
    y0, y1 = max(0, int(rows[0]) - INK_BOX_MARGIN), int(rows[-1]) + INK_BOX_MARGIN + 1
    x0, x1 = max(0, int(cols[0]) - INK_BOX_MARGIN), int(cols[-1]) + INK_BOX_MARGIN + 1
    return x0, y0, band[y0:y1, x0:x1]


def join_page_tables(pages: Sequence[PageText]) -> list[PageText]:
    """Join tables that continue across page breaks.

    A page whose first table has as many columns as the previous page's last table continues
    it. When the continuation repeats the header row (same texts, read with OCR's
    tolerance), that row is dropped from the page's text and table. A day cell cut by the
    page break needs nothing: its continuation rows have an empty first cell, which the
    schedule parser reads as "same day", exactly as within a page.
    """
    out = list(pages)
    header: tuple[str, ...] | None = None
    last_cols = 0
    for i, page in enumerate(out):
        if not page.tables:
            header, last_cols = None, 0
            continue
        first = page.tables[0]
        continues = i > 0 and last_cols == first.n_cols
        if continues and header is not None:
            row0 = tuple(first.grid()[0])
            if _same_row(row0, header):
                out[i] = _drop_first_row(page)
        if not continues or header is None:
            header = tuple(first.grid()[0])
        # A page whose last table is not the one that continued from the page before starts
        # a new table: its header is what the next page repeats (dev h2: a second table on
        # page 2 whose first row page 3 repeats, read twice).
        if len(page.tables) > 1:
            header = tuple(page.tables[-1].grid()[0])
        last_cols = page.tables[-1].n_cols
    return out


def _same_row(a: Sequence[str], b: Sequence[str]) -> bool:
    joined_a, joined_b = _fold(" ".join(a)), _fold(" ".join(b))
    return bool(joined_a.strip()) and fuzz.ratio(joined_a, joined_b) >= HEADER_SIMILARITY


def _fold(text: str) -> str:
    """Case and diacritics folded: a repeated row read on a fax loses or changes tone marks
    ("đồng" / "đóng", "nhận" / "nhân") far more than letters."""
    nfd = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in nfd if not unicodedata.combining(ch))


def _drop_first_row(page: PageText) -> PageText:
    table = page.tables[0]
    first_line = table_rows(table)[0]
    lines = page.text.split("\n")
    styles = list(page.lines)
    if first_line in lines:
        if len(styles) == len(lines):
            del styles[lines.index(first_line)]
        lines.remove(first_line)
    cells = []
    for c in table.cells:
        if c.row == 0 and c.rowspan == 1:
            continue
        if c.row == 0:
            c = dataclasses.replace(c, rowspan=c.rowspan - 1)
        else:
            c = dataclasses.replace(c, row=c.row - 1)
        cells.append(c)
    shrunk = dataclasses.replace(table, n_rows=table.n_rows - 1, cells=tuple(cells))
    return dataclasses.replace(page, text="\n".join(lines), lines=tuple(styles),
                               tables=(shrunk, *page.tables[1:]),
                               decision=page.decision + "; repeated header row dropped")


