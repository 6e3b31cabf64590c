"""Build `words` rows from what the pipeline already holds for a page.

Pure functions over typed records: the OCR words (boxes, Tesseract confidence) and restore/'s
token choices (confidence, alternatives, character offsets) are joined by character offset in
the page text, so nothing is re-read and a word's raw reading survives restore.
"""

from __future__ import annotations

from vanban.models.records import BBox, PageText, RestoredText, Table, TokenChoice, WordRecord


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

    OCR words give boxes and confidences in reading order; they are matched to the text's
    words in order (a box word that is not found leaves the text word box-less). Restore tokens
    are matched by their character offset `start`.
    """
    tokens: list[TokenChoice] = list(restored.tokens) if restored else []
    boxes = list(page.words)
    bi = 0
    width, height = page_size if page_size else (None, None)
    if page_size is None and boxes:
        width = max(w.bbox.x1 for w in boxes)
        height = max(w.bbox.y1 for w in boxes)
    out: list[WordRecord] = []
    ti = 0
    for word_no, (start, end, line_no) in enumerate(_spans(page.text)):
        raw = page.text[start:end]
        box = conf = None
        for j in range(bi, min(bi + 4, len(boxes))):
            if boxes[j].text == raw:
                box, conf, bi = boxes[j].bbox, boxes[j].conf, j + 1
                break
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
        row, col = _cell_of(box, page.tables)
        out.append(WordRecord(
            doc_id=doc_id, page_no=page.page_no, line_no=line_no, word_no=word_no,
            text=text, raw_text=raw, bbox=box,
            page_width=width if box else None, page_height=height if box else None,
            ocr_confidence=conf if conf is not None and conf >= 0 else None,
            restore_confidence=min(t.confidence for t in mine) if mine else None,
            alternatives=alts, changed=text != raw, cell_row=row, cell_col=col,
        ))
    return out
