"""Read the text of table cells with one Tesseract call per table.

Running Tesseract once per cell costs a process start and a model load each time (about 5 s
for a schedule page). Instead every non-empty cell, cropped to its ink, is stacked on one
canvas with wide gaps, the canvas is read once, and each word goes back to the cell whose
band holds its centre: the same accuracy at about a quarter of the time (docs/ocr.md).
"""

from __future__ import annotations

import numpy as np

from vanban.models.records import BBox, Table, TableCell
from vanban.ocr import tesseract
from vanban.ocr.grid import Grid
from vanban.ocr.preprocess import clean_cell

GAP = 60  # px between stacked cells: more than a line gap, so lines never merge across cells
PAD = 30
INSET = 6  # px inside the ruling-line centres, to leave the lines out of the crop


def read_table(gray: np.ndarray, grid: Grid, page_no: int, lang: str) -> Table:
    crops: list[tuple[int, np.ndarray]] = []
    for idx, cell in enumerate(grid.cells):
        x0, y0, x1, y1 = cell.box
        crop = clean_cell(gray[y0 + INSET: y1 - INSET + 1, x0 + INSET: x1 - INSET + 1])
        if crop is not None:
            crops.append((idx, crop))
    texts: dict[int, list[tesseract.TessWord]] = {}
    if crops:
        width = max(c.shape[1] for _, c in crops) + 2 * PAD
        height = sum(c.shape[0] + GAP for _, c in crops) + GAP
        canvas = np.full((height, width), 255, np.uint8)
        bands: list[tuple[int, int, int]] = []
        y = GAP
        for idx, crop in crops:
            canvas[y: y + crop.shape[0], PAD: PAD + crop.shape[1]] = crop
            bands.append((idx, y - GAP // 2, y + crop.shape[0] + GAP // 2))
            y += crop.shape[0] + GAP
        data = tesseract.image_to_data(canvas, lang=lang, psm=4)
        for word in tesseract.words(data):
            centre = word.top + word.height / 2
            for idx, top, bottom in bands:
                if top <= centre < bottom:
                    texts.setdefault(idx, []).append(word)
                    break
    cells = []
    for idx, cell in enumerate(grid.cells):
        ws = texts.get(idx, [])
        confs = [w.conf for w in ws if w.conf >= 0]
        x0, y0, x1, y1 = cell.box
        cells.append(TableCell(
            row=cell.row, col=cell.col, text=" ".join(w.text for w in ws),
            bbox=BBox(x0, y0, x1, y1), rowspan=cell.rowspan, colspan=cell.colspan,
            conf=sum(confs) / len(confs) if confs else None,
        ))
    x0, y0, x1, y1 = grid.box
    return Table(page_no=page_no, n_rows=grid.n_rows, n_cols=grid.n_cols, cells=tuple(cells),
                 bbox=BBox(x0, y0, x1, y1), method="ruled")


def table_rows(table: Table) -> list[str]:
    """The seeds' markup: one line per grid row, cells joined by TAB, a merged cell's text in
    its first row and column only."""
    return ["\t".join(" ".join(cell.split()) for cell in row) for row in table.grid()]
