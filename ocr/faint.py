"""Prose lines of a worn photocopy read again where the toner was faint.

A copy of a copy thins and perforates the strokes wherever the drum's toner was faint; over
such a patch Tesseract misreads whole words ("nán: 2921" for "năm 2021", dev photocopy+skew
h3). The table cells' remedy (`cells._faint_reread`) is applied to the lines of prose: each
line holding a word read below `cells.FAINT_WORD_CONF` (or a word of no Vietnamese shape
below `MISSHAPEN_CONF`) is cut out, read again thickened, blurred-then-thickened and
thickened by 3 x 3 (all such lines of a band on one canvas: one Tesseract call), and the
readings merged word by word, each stretch where they differ taken from the reading whose
words have a Vietnamese shape (dev photocopy h3 / photocopy+skew h3: 3.68% / 3.44% ->
2.36% / 2.70%; t2: 3.17% / 3.47% -> 2.63% / 2.63%). Only on pages whose paper was evened as
a worn copy's (the caller decides), so clean pages pay nothing. A line of text that
Tesseract's layout analysis left out altogether is ocr/missed.py's, on every page.
"""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np

from vanban.ocr import tesseract
from vanban.ocr.cells import FAINT_WORD_CONF, _fits, _merged, _read_stack
from vanban.ocr.quality import WORD_EDGE, is_syllable

# A line holding a word of no Vietnamese shape read below this is read again too ("nán:",
# "2921" are read at 70-85 on faint toner; clean words at 90-96).
MISSHAPEN_CONF = 90.0
LINE_PAD = 8  # px of paper kept round a line's words (their boxes are tight)
BLURRED = 1_000_000  # canvas key offset of a line's blurred-then-thickened crop
BOLDER = 2_000_000  # ... and of its crop thickened by 3 x 3




def reread_lines(crop: np.ndarray, words: list[tesseract.TessWord],
                 lang: str) -> list[tesseract.TessWord]:
    """`words` (read on `crop`) with each faint line's words merged with its thickened
    readings; the words of every other line as they were, in the same order. (Lines the
    layout analysis left out altogether are read before this, on every page: ocr/missed.py.)"""
    return _reread(crop, words, lang)


def _reread(crop: np.ndarray, words: list[tesseract.TessWord],
            lang: str) -> list[tesseract.TessWord]:
    lines: dict[tuple[int, int, int], list[tesseract.TessWord]] = {}
    for w in words:
        lines.setdefault(w.line_key, []).append(w)
    faint = [k for k, ws in lines.items()
             if any((w.conf < FAINT_WORD_CONF and any(ch.isalpha() for ch in w.text))
                    or (w.conf < MISSHAPEN_CONF and not _fits(w.text)) for w in ws)]
    if not faint:
        return words
    kernel = np.ones((2, 2), np.uint8)
    h, w = crop.shape[:2]
    stack: list[tuple[int, np.ndarray]] = []
    origin: dict[int, tuple[int, int]] = {}
    for i, key in enumerate(faint):
        ws = lines[key]
        x0 = max(0, min(v.left for v in ws) - LINE_PAD)
        y0 = max(0, min(v.top for v in ws) - LINE_PAD)
        x1 = min(w, max(v.left + v.width for v in ws) + LINE_PAD)
        y1 = min(h, max(v.top + v.height for v in ws) + LINE_PAD)
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        sub = crop[y0:y1, x0:x1]
        origin[i] = (x0, y0)
        stack.append((i, cv2.erode(sub, kernel)))
        stack.append((BLURRED + i, cv2.erode(cv2.GaussianBlur(sub, (0, 0), 1.0), kernel)))
        stack.append((BOLDER + i, cv2.erode(sub, np.ones((3, 3), np.uint8))))
    if not stack:
        return words
    again = _read_stack(stack, lang, 6)
    out = dict(lines)
    for i, key in enumerate(faint):
        if i not in origin:
            continue
        x0, y0 = origin[i]
        merged = lines[key]
        # the line's band by its words' median edges: one word Tesseract drew over two lines
        # (a line-initial "4." above and "đạt" below read as one tall "Nà") does not widen it
        top = float(np.median([v.top for v in merged]))
        bottom = float(np.median([v.top + v.height for v in merged]))
        for k in (i, BLURRED + i, BOLDER + i):
            # only words whose middle lies within the line: the padded crop can take in the
            # next line's ascents or a whole short neighbour line (its words, merged into this
            # line, were interleaved with it: dev photocopy t2 seed 847755, "4. đat ty chuẩn
            # ban nhân năm 2021 dân các ...")
            new = [dataclasses.replace(v, left=v.left + x0, top=v.top + y0, line_key=key)
                   for v in again.get(k, [])
                   if top <= v.top + y0 + v.height / 2 <= bottom]
            if new:
                merged = _merged(merged, new)
        out[key] = merged
    return [v for ws in out.values() for v in ws]


# A line of a worn copy's band is text when one of its words is: two letters or digits or more
# read at this confidence (clean words read 90-96, faint ones 70-85 once read again) ...
SPECK_LINE_CONF = 70.0
# ... or three letters or more read at this (a faint "Nơi nhận:" came back "Nơi nhại!:" at
# 42 / 58; specks make one- and two-letter "words": "cà JẾ ai xí về Ji" at 0-66) ...
LONG_WORD_CONF = 40.0
NUMBER_CONF = 90.0  # ... or a number alone (a page number) read surely


def a_word(w: tesseract.TessWord) -> bool:
    """A word of text, not of specks; a Vietnamese syllable of three letters or more at any
    confidence (a paragraph's last word alone on its line, "hiện", read at 17)."""
    alnum = sum(ch.isalnum() for ch in w.text)
    letters = sum(ch.isalpha() for ch in w.text)
    return ((alnum >= 2 and w.conf >= SPECK_LINE_CONF)
            or (letters >= 3 and (w.conf >= LONG_WORD_CONF
                                  or is_syllable(w.text.strip(WORD_EDGE))))
            or (w.text.isdigit() and w.conf >= NUMBER_CONF))


def without_speck_lines(words: list[tesseract.TessWord]) -> list[tesseract.TessWord]:
    """`words` without the lines read from toner specks and blotch rims: lines of which no
    word is a word (`a_word`): "*", "bó *", "s3 * 5 *", "cà JẾ ai xí về Ji" read below 70
    under a table of dev photocopy+skew h1 (page 2, 16 lines of junk, page CER 8.7%). The
    faint re-read comes first, so a faint line of text has had its chance to be read."""
    lines: dict[tuple[int, int, int], list[tesseract.TessWord]] = {}
    for w in words:
        lines.setdefault(w.line_key, []).append(w)
    text = {k for k, ws in lines.items() if any(a_word(w) for w in ws)}
    return [w for w in words if w.line_key in text]
