"""Build `words` rows from what the pipeline already holds for a page.

Pure functions over typed records: the OCR words (boxes, Tesseract confidence) and restore/'s
token choices (confidence, alternatives, character offsets) are joined by character offset in
the page text, so nothing is re-read and a word's raw reading survives restore.
"""

from __future__ import annotations

import difflib
import unicodedata

from vanban.models.records import (
    BBox,
    PageText,
    RestoredText,
    Table,
    TableCell,
    TokenChoice,
    WordRecord,
)

LINE_PX = 48  # a text line in a table cell at 300 dpi (12 pt type with leading)


def _cell_of(bbox: BBox | None, tables: tuple[Table, ...]) -> tuple[int | None, int | None]:
    """The table cell whose box holds the word's centre (None, None outside every table)."""
    if bbox is None:
        return None, None
    cx, cy = (bbox.x0 + bbox.x1) // 2, (bbox.y0 + bbox.y1) // 2
    for table in tables:
        for c in table.cells:
            if c.bbox.x0 <= cx < c.bbox.x1 and c.bbox.y0 <= cy < c.bbox.y1:
                return c.row, c.col
    return None, None


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


CellWord = tuple[TableCell, BBox, float | None]  # the cell, the word's box, its confidence


def _cell_boxes(text: str, tables: tuple[Table, ...]) -> dict[int, CellWord]:
    """{word index in `text`: (its cell, its box, its confidence)} for words of table rows.

    ocr/ reads a table cell by cell, so the word boxes of table text are not in
    `PageText.words` but in each cell's `words` (the OCR engine's own boxes, put back on the
    page). A TAB line of the text is paired with the first unused table row whose cells join
    to the same line, and each cell's words are matched to the cell's OCR words in order.
    A word without an OCR word (a cell from older output, or one edited since) is laid out
    over the cell's box in reading order, as wrapped lines of about LINE_PX: approximate,
    but inside the right cell and in the right order (the report outlines cells, the PDF
    text layer needs every word on the page).
    """
    rows: list[tuple[Table, int, str]] = []
    for table in tables:
        grid = table.grid()
        rows += [(table, r, "\t".join(_norm(c) for c in grid[r])) for r in range(table.n_rows)]
    used: set[int] = set()
    out: dict[int, CellWord] = {}
    index = 0
    for line in text.split("\n"):
        n_words = len(line.split())
        if "\t" in line:
            key = "\t".join(_norm(c) for c in line.split("\t"))
            match = next((i for i, r in enumerate(rows) if i not in used and r[2] == key), None)
            if match is not None:
                used.add(match)
                table, row, _ = rows[match]
                cells = {(c.row, c.col): c for c in table.cells}
                k = index
                for col, part in enumerate(line.split("\t")):
                    words = part.split()
                    cell = cells.get((row, col))
                    if cell is not None:
                        for j, got in enumerate(_cell_words(words, cell)):
                            out[k + j] = (cell, *got)
                    k += len(words)
        index += n_words
    return out


def _cell_words(words: list[str], cell: TableCell) -> list[tuple[BBox, float | None]]:
    """A box and confidence for each of the cell's `words`: the OCR word's where the texts
    pair up in order, else the estimate of `_lay_out` (with the cell's mean confidence)."""
    out = [(box, cell.conf) for box in _lay_out(words, cell.bbox)]
    if not cell.words:
        return out
    seen = [unicodedata.normalize("NFC", w.text) for w in cell.words]
    match = difflib.SequenceMatcher(a=words, b=seen, autojunk=False)
    for block in match.get_matching_blocks():
        for k in range(block.size):
            ocr = cell.words[block.b + k]
            out[block.a + k] = (ocr.bbox, ocr.conf if ocr.conf >= 0 else None)
    return out


def _lay_out(words: list[str], box: BBox) -> list[BBox]:
    """Boxes for `words` filling `box` as evenly wrapped lines (characters ~ width)."""
    if not words:
        return []
    width, height = max(1, box.x1 - box.x0), max(1, box.y1 - box.y0)
    n_lines = max(1, min(len(words), height // LINE_PX))
    per_line = sum(len(w) + 1 for w in words) / n_lines
    lines: list[list[str]] = [[]]
    used = 0
    for w in words:
        if lines[-1] and used + len(w) + 1 > per_line * 1.05 and len(lines) < n_lines:
            lines.append([])
            used = 0
        lines[-1].append(w)
        used += len(w) + 1
    line_h = height / len(lines)
    out: list[BBox] = []
    for li, ws in enumerate(lines):
        total = max(float(sum(len(w) + 1 for w in ws)), per_line)
        pos = 0
        y0 = box.y0 + int(li * line_h)
        for w in ws:
            x0 = box.x0 + int(width * pos / total)
            x1 = box.x0 + int(width * (pos + len(w)) / total)
            out.append(BBox(x0, y0, max(x0 + 1, x1), y0 + max(1, int(line_h * 0.8))))
            pos += len(w) + 1
    return out


def _spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, line_no) of every whitespace-separated word of `text`."""
    out: list[tuple[int, int, int]] = []
    pos = 0
    for line_no, line in enumerate(text.split("\n"), start=1):
        i = 0
        for part in line.split():
            i = line.index(part, i)
            out.append((pos + i, pos + i + len(part), line_no))
            i += len(part)
        pos += len(line) + 1
    return out


def words_for_page(
    doc_id: str, page: PageText, restored: RestoredText | None = None,
    page_size: tuple[int, int] | None = None,
) -> list[WordRecord]:
    """One WordRecord per word of `page.text` (the text restore/ saw).

    `page_size` (else `page.size`) is the (width, height) of the image the boxes are in: the
    words table's page_width/page_height. OCR words give boxes and confidences in reading
    order; they are matched to the text's words in order (a box word that is not found
    leaves the text word box-less). Restore tokens are matched by their character offset
    `start`.
    """
    tokens: list[TokenChoice] = list(restored.tokens) if restored else []
    boxes = list(page.words)
    bi = 0
    width, height = page_size or page.size or (None, None)
    if width is None and boxes:  # size unknown (a reading rebuilt from older output)
        width = max(w.bbox.x1 for w in boxes)
        height = max(w.bbox.y1 for w in boxes)
    out: list[WordRecord] = []
    ti = 0
    in_cells = _cell_boxes(page.text, page.tables) if page.tables else {}
    for word_no, (start, end, line_no) in enumerate(_spans(page.text)):
        raw = page.text[start:end]
        box = conf = None
        for j in range(bi, min(bi + 4, len(boxes))):
            if boxes[j].text == raw:
                box, conf, bi = boxes[j].bbox, boxes[j].conf, j + 1
                break
        cell: TableCell | None = None
        if box is None and word_no in in_cells:
            cell, box, conf = in_cells[word_no]
        while ti < len(tokens) and tokens[ti].start < start:
            ti += 1
        mine: list[TokenChoice] = []
        while ti < len(tokens) and tokens[ti].start < end:
            mine.append(tokens[ti])
            ti += 1
        text = raw
        for t in sorted(mine, key=lambda t: -t.start):
            a, b = t.start - start, t.start - start + len(t.original)
            text = text[:a] + t.chosen + text[b:]
        alts = tuple(a for t in mine for a, _ in t.alternatives if a != t.chosen)[:3]
        row, col = (cell.row, cell.col) if cell else _cell_of(box, page.tables)
        out.append(WordRecord(
            doc_id=doc_id, page_no=page.page_no, line_no=line_no, word_no=word_no,
            text=text, raw_text=raw, bbox=box,
            page_width=width if box else None, page_height=height if box else None,
            ocr_confidence=conf if conf is not None and conf >= 0 else None,
            restore_confidence=min(t.confidence for t in mine) if mine else None,
            alternatives=alts, changed=text != raw, cell_row=row, cell_col=col,
        ))
    return out
