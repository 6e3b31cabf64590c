"""Rows of letters Tesseract's page layout skipped, read again on their own.

Tesseract's layout analysis (`--psm 3`, and `--psm 4`) can leave out a whole short line: the
last archive line "- Lưu: VT, KT." at the foot of dev n113's medium scan (page 2) came back
from neither, while the same strip read as one line (`--psm 7`) gives "- Lưu: VŨ KT.", and a
slightly different rendering of the page keeps it. Worn copies lose lines so too, a line
joined to a blotch or the lid's rim as one non-text region (dev photocopy+skew t2 seed 451424:
"thành kế hoạch rà soát tiêu chí; ..." missing, page CER 2.7% -> 6.4%; read here it is 2.40%,
as with the worn-copy-only search this module replaced). No word box covers such a line's ink, so
it is found by geometry: letter-sized ink components no word box touches, grouped into rows
of a text line's height. Each such row is read alone and kept only when it reads as text
(the photocopy speck-line rule's test, `faint.a_word`), so specks, rules and blotches that
the layout analysis rightly ignored stay out. A page with every line read pays one
connected-components pass per band.
"""

from __future__ import annotations

import numpy as np

from vanban.ocr import tesseract
from vanban.ocr.faint import a_word
from vanban.ocr.preprocess import components

COVER_PAD = 6  # px round a word's box still belonging to it (tone marks, a comma's tail)
MIN_LETTERS = 3  # uncovered letter components a row needs: fewer is a speck or a mark
ROW_PAD = 10  # px of paper kept round a row read alone
MISSED_BLOCK = 100_000  # line keys of rows read here: after any block Tesseract numbers


def reread_missed(crop: np.ndarray, words: list[tesseract.TessWord], lang: str,
                  scale: float = 1.0) -> list[tesseract.TessWord]:
    """`words` plus the words of each row of letters in `crop` that no word covers."""
    heights = sorted(w.height for w in words if any(ch.isalpha() for ch in w.text))
    if not heights:  # nothing read: not a layout slip (the caller's checks handle it)
        return words
    line_h = heights[len(heights) // 2]
    covered = np.zeros(crop.shape[:2], dtype=bool)
    for w in words:
        covered[max(0, w.top - COVER_PAD): w.top + w.height + COVER_PAD,
                max(0, w.left - COVER_PAD): w.left + w.width + COVER_PAD] = True
    stats = components((crop < 128).astype(np.uint8))[2][1:]
    loose = [(int(x), int(y), int(x + bw), int(y + bh)) for x, y, bw, bh, area in stats
             if area >= 20 and bh <= line_h * 1.6 and bw <= line_h * 2
             and not covered[y: y + bh, x: x + bw].any()]
    letters = [b for b in loose if b[3] - b[1] >= line_h * 0.3]
    out = list(words)
    for i, row in enumerate(_rows(letters)):
        # a row's dash, dots and commas (too small to be letters) are read with it
        marks = [b for b in loose if row[1] <= (b[1] + b[3]) / 2 <= row[3]]
        x0, y0 = min([row[0]] + [b[0] for b in marks]), row[1]
        x1, y1 = max([row[2]] + [b[2] for b in marks]), row[3]
        top, left = max(0, y0 - ROW_PAD), max(0, x0 - ROW_PAD)
        strip = crop[top: y1 + ROW_PAD, left: x1 + ROW_PAD].copy()
        strip[covered[top: y1 + ROW_PAD, left: x1 + ROW_PAD]] = 255  # read words stay out
        data = tesseract.image_to_data(strip, lang=lang, psm=7, scale=scale)
        got = [tesseract.TessWord(left + w.left, top + w.top, w.width, w.height, w.conf,
                                  w.text, (MISSED_BLOCK + i, 1, 1))
               for w in tesseract.words(data)]
        if _text_row(got):
            out += got
    return out


def _rows(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The boxes grouped into rows (overlapping vertical spans), each row's bounding box;
    rows of fewer than MIN_LETTERS boxes left out."""
    rows: list[list[tuple[int, int, int, int]]] = []
    for box in sorted(boxes, key=lambda b: b[1]):
        if rows and box[1] < max(b[3] for b in rows[-1]):
            rows[-1].append(box)
        else:
            rows.append([box])
    return [(min(b[0] for b in r), min(b[1] for b in r), max(b[2] for b in r),
             max(b[3] for b in r)) for r in rows if len(r) >= MIN_LETTERS]


def _text_row(words: list[tesseract.TessWord]) -> bool:
    """Most of the row's words (those with a letter or digit) are words by the speck-line
    test: a skipped line of text reads so ("- Lưu: VF KT."), a signature's pen strokes read
    alone mostly do not ("vVNYWjN Av", "vV#/h VAN" on synthetic broken scribbles)."""
    alnum = [w for w in words if any(ch.isalnum() for ch in w.text)]
    return 2 * sum(a_word(w) for w in alnum) > len(alnum)

