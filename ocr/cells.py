"""Read the text of table cells with two Tesseract calls per table, not one per cell.

Running Tesseract once per cell costs a process start and a model load each time (about 5 s
for a schedule page). Instead every non-empty cell, cropped to its ink, is stacked on a canvas
with wide gaps (narrow cells on one, wide cells on another, each read with the page
segmentation that suits it), each canvas is read once, and each word goes back to the cell
whose band holds its centre: the same accuracy at about a quarter of the time (docs/ocr.md).
Only a cell that comes back with letters no Vietnamese text has is read again on its own.
Each word's box on the canvas is put back where its crop came from, so a cell keeps
Tesseract's real word boxes in page pixels (`TableCell.words`).
"""

from __future__ import annotations

import dataclasses
import difflib
import re

import cv2
import numpy as np

from vanban.models.records import BBox, OcrWord, Table, TableCell
from vanban.ocr import quality, tesseract
from vanban.ocr.charfix import has_foreign_letters
from vanban.ocr.grid import Grid, GridCell
from vanban.ocr.preprocess import clean_cell_at

GAP = 60  # px between stacked cells: more than a line gap, so lines never merge across cells
PAD = 30
CANVAS_SCALE = 1.5
INSET = 6  # px inside the ruling-line centres, to leave the lines out of the crop


def read_table(gray: np.ndarray, grid: Grid, page_no: int, lang: str,
               worn: bool = False) -> Table:
    """The table's cells read (see the module's docstring); `worn`: the page's paper was
    evened as a worn photocopy's, so faint cells are looked for harder (`_faint_reread`)."""
    crops: list[tuple[int, np.ndarray]] = []
    origin: dict[int, tuple[int, int]] = {}  # crop's top-left corner in page pixels
    for idx, cell in enumerate(grid.cells):
        x0, y0, x1, y1 = cell.box
        cleaned = clean_cell_at(gray[y0 + INSET: y1 - INSET + 1, x0 + INSET: x1 - INSET + 1])
        if cleaned is not None:
            crops.append((idx, cleaned[0]))
            origin[idx] = (x0 + INSET + cleaned[1][0], y0 + INSET + cleaned[1][1])
    texts: dict[int, list[tesseract.TessWord]] = {}
    table_width = grid.box[2] - grid.box[0]
    narrow = [c for c in crops if _is_narrow(grid.cells[c[0]], table_width)]
    wide = [c for c in crops if not _is_narrow(grid.cells[c[0]], table_width)]
    # Narrow cells (day, unit, leaders) hold short centred lines that wrap ("10 Thứ" / "2"):
    # read as one uniform block (psm 6), Tesseract keeps the lone second line, which its
    # column finder (psm 4) drops. Wide cells read better with psm 4.
    for group, psm in ((narrow, 6), (wide, 4)):
        if group:
            texts.update(_read_stack(group, lang, psm))
    # On the shared canvas Tesseract now and then reads a short cell with letters no
    # Vietnamese text has ("22 CN" as "22ŒN"); such a cell is read again on its own.
    for idx, crop in crops:
        got = " ".join(w.text for w in texts.get(idx, []))
        if has_foreign_letters(got):
            alone = _read_stack([(idx, crop)], lang, 6).get(idx, [])
            if alone and not has_foreign_letters(" ".join(w.text for w in alone)):
                texts[idx] = alone
    # The header row names the columns, which extract/ keys on: a header word that is no
    # Vietnamese syllable was misread on the shared canvas (fax2 h2: "THỨ, NGÀY" read
    # "TH, NGÀY", so the day column and with it the whole schedule were lost; read alone,
    # "THƯ, NGÀY"). Such a cell is read again on its own, and the reading with fewer words
    # of no Vietnamese shape kept. Clean headers read right, so this costs nothing there.
    # Likewise any cell with a two-character token of a letter then a digit ("Q7" for
    # "07" in a day cell, fax2 t1: the day's rows went to the day before): O/0, Q/0, l/1 are
    # the canvas's confusions, and read alone the cell gives "07".
    for idx, crop in crops:
        header = grid.cells[idx].row == 0
        before = _suspect(texts.get(idx, []), header)
        if before:
            alone = _read_stack([(idx, crop)], lang, 6).get(idx, [])
            if alone and _suspect(alone, header) < before:
                texts[idx] = alone
    texts.update(_faint_reread(crops, texts, lang, worn))
    cells = []
    for idx, cell in enumerate(grid.cells):
        ws = texts.get(idx, [])
        if worn:  # only worn copies lose marks and case this way (clean scans: n73 dev header)
            ws = tesseract.cased(detached_marks_dropped(ws))
        confs = [w.conf for w in ws if w.conf >= 0]
        x0, y0, x1, y1 = cell.box
        ox, oy = origin.get(idx, (0, 0))
        cells.append(TableCell(
            row=cell.row, col=cell.col, text=" ".join(w.text for w in ws),
            bbox=BBox(x0, y0, x1, y1), rowspan=cell.rowspan, colspan=cell.colspan,
            conf=sum(confs) / len(confs) if confs else None,
            words=tuple(OcrWord(w.text, BBox(ox + w.left, oy + w.top,
                                             ox + w.left + max(1, w.width),
                                             oy + w.top + max(1, w.height)), w.conf, 0)
                        for w in ws),
        ))
    x0, y0, x1, y1 = grid.box
    return Table(page_no=page_no, n_rows=grid.n_rows, n_cols=grid.n_cols, cells=tuple(cells),
                 bbox=BBox(x0, y0, x1, y1), method="ruled")


NARROW_FRACTION = 0.25

# A detached mark: an unsure "word" at most this share of a word's height, over that word
# (overlapping it across; starting above its top and ending below it, but no lower than this
# share of the word's height: a word of the line above ends above it).
MARK_HEIGHT = 0.6
MARK_BAND = 0.4
MARK_CONF = 70.0


def detached_marks_dropped(words: list[tesseract.TessWord]) -> list[tesseract.TessWord]:
    """The cell's words without tone and vowel marks Tesseract split off as a line of their
    own (photocopy+skew t1: the hats and grave of "Buổi chiều" read 'P"/ ..' before the
    word "ĐUỔI"): on a faint, resampled cell the marks lose the stroke that tied them to
    their letters. Such a "word" is small, unsure and straddles the top of a taller word of
    the same cell; a hyphen or a comma sits lower, a short word of the line above ends
    above the word's top, a real word is as tall as its neighbours, and a confident reading
    is kept."""
    keep = []
    for w in words:
        over = any(o is not w and w.height <= MARK_HEIGHT * o.height
                   and w.left < o.left + o.width and o.left < w.left + w.width
                   and w.top < o.top < w.top + w.height <= o.top + MARK_BAND * o.height
                   for o in words)
        if not (over and w.conf < MARK_CONF):
            keep.append(w)
    return keep

# A word read below this confidence on the shared canvas marks a cell whose strokes may be too
# thin or broken to read (a worn photocopy's faint toner; clean scans have about one such cell
# per table page, on "-" or a lone letter).
FAINT_WORD_CONF = 60.0


def _faint_reread(crops: list[tuple[int, np.ndarray]],
                  texts: dict[int, list[tesseract.TessWord]],
                  lang: str, worn: bool = False) -> dict[int, list[tesseract.TessWord]]:
    """Cells holding a word read with low confidence, read again with their strokes thickened
    (each pixel the darkest of its 2 x 2 neighbourhood: one pixel more of stroke, which bridges
    a one-pixel dropout), and on a worn copy twice more, blurred first (sigma 1 px: the
    dropouts filled with grey before thickening) and thickened by 3 x 3, all on one canvas;
    the readings are then merged word by word (`_merged`), each stretch where they differ
    taken from the reading whose words are Vietnamese syllables.

    On a worn photocopy the toner is faint and broken over whole regions of the drum, and
    Tesseract misreads the thin strokes there ("Buổi sẻng" at confidence 10 for "Buổi sáng",
    dev photocopy t1: the session label became a task). Thickened, the same cell read "Buổi
    sảng" at 96 (the session found). Neither reading is right everywhere in a long cell
    (thickening mends the broken letters and fills the counters of the sound ones): kept
    whole, a reading had to be surer as a whole and most long cells stayed as they were;
    merged, each misread stretch can be mended. The faint cells' edit distance to their text,
    dev photocopy and photocopy+skew t1 pages 1-2 / h1 pages 1-6: canvas 166 / 297,
    whole-cell choice (before) 163 / -, merged with the thickened reading 147 / 260, with
    the blurred one too 146 / 242; with the short-cell test on worn copies and the final
    merge rule, t1 and h1 together: canvas 506, thickened 452, + blurred 428, + 3 x 3 407.
    A cell read well is not read again, so a clean page costs nothing or one small canvas."""
    faint = [(idx, crop) for idx, crop in crops if _faint(texts.get(idx, []), worn)]
    if not faint:
        return {}
    # Both thickenings of every faint cell on one canvas: one Tesseract call per table. On
    # a page not evened as a worn copy only the first: a clean page's one faint cell then
    # costs what it did (scan t1 page 2: 21 ms; both, and the short-cell test: 66 ms, 3%).
    kernel = np.ones((2, 2), np.uint8)
    stack = [(idx, cv2.erode(crop, kernel)) for idx, crop in faint]
    if worn:
        stack += [(FAINT_BLURRED + idx, cv2.erode(cv2.GaussianBlur(crop, (0, 0), 1.0), kernel))
                  for idx, crop in faint]
        stack += [(FAINT_BOLDER + idx, cv2.erode(crop, np.ones((3, 3), np.uint8)))
                  for idx, crop in faint]
    again = _read_stack(stack, lang, 6)
    out: dict[int, list[tesseract.TessWord]] = {}
    for idx, _ in faint:
        merged = texts[idx]
        for key in (idx, FAINT_BLURRED + idx, FAINT_BOLDER + idx):
            if again.get(key):
                merged = _merged(merged, again[key], 0.0 if worn else FAINT_WORD_CONF)
        if merged != texts[idx]:
            out[idx] = merged
    return out


FAINT_BLURRED = 1_000_000  # key offset of a cell's blurred-then-thickened crop on the canvas
FAINT_BOLDER = 2_000_000  # ... and of its crop thickened by 3 x 3


SHORT_CELL_WORDS = 3  # a day or session label ("10 CN", "Buổi chiều:")
SHORT_CELL_CONF = 90.0


def _faint(words: list[tesseract.TessWord], worn: bool) -> bool:
    """A cell to read again thickened: a word with letters read below `FAINT_WORD_CONF`, or,
    on a worn copy, in a short cell (a day or session label, which extract/ keys a
    schedule's rows on), a word of no Vietnamese shape read below `SHORT_CELL_CONF` ("I0CN"
    at 64 for "10 CN", "tz Thứ 3" at 72 for "12 Thứ 3", dev photocopy h1: each became a
    task)."""
    if any(w.conf < FAINT_WORD_CONF and any(ch.isalpha() for ch in w.text) for w in words):
        return True
    return worn and len(words) <= SHORT_CELL_WORDS and any(
        w.conf < SHORT_CELL_CONF and not _fits(w.text) for w in words)


def _merged(old: list[tesseract.TessWord], new: list[tesseract.TessWord],
            min_conf: float = 0.0) -> list[tesseract.TessWord]:
    """Two readings of one cell, word by word: where they agree, the words; where a stretch
    of words was read differently, the stretch with fewer words of no Vietnamese shape, then
    more of one (a syllable, a number, an acronym), then the surer one; the first reading on
    a tie. Words only one reading has are left as the first reading has them: a thickened
    copy reads specks and rule residue as extra short "syllables" ("Lộ Ũ 3 ĩ", dev
    photocopy t1), which a count of fitting words would have let in. With `min_conf`, a
    stretch is taken only where the new reading is that sure of each word: on a page not
    evened as a worn copy the cell re-read passes `FAINT_WORD_CONF`, because ink blots in a
    cell, thickened, were read as syllables ("c6”" for "x.") and an unreadable table
    looked read (tests/ocr/test_quality_tables, its page "ok"). On worn copies no bar: it
    cost 0.3-0.4 points of CER on every photocopy row (photocopy t1 3.64% -> 3.96%)."""
    a, b = [w.text for w in old], [w.text for w in new]
    out: list[tesseract.TessWord] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if (tag == "replace" and all(w.conf >= min_conf for w in new[j1:j2])
                and _shape_score(new[j1:j2]) > _shape_score(old[i1:i2])):
            out += new[j1:j2]
        else:
            out += old[i1:i2]
    return out


_NUMBER = re.compile(r"^[\d/.,:-]+$")


def _shape_score(words: list[tesseract.TessWord]) -> tuple[int, int, float]:
    """(minus the words of no Vietnamese shape, the words of one, mean confidence)."""
    fits = sum(1 for w in words if w.text.strip(quality.WORD_EDGE) and _fits(w.text))
    misfits = sum(1 for w in words if w.text.strip(quality.WORD_EDGE) and not _fits(w.text))
    return -misfits, fits, _mean_conf(words)


def _fits(text: str) -> bool:
    """A word of a Vietnamese document's shape: a syllable, a number or date, an acronym, or
    such parts joined by "/" or "-" ("Đ/c", "HC-TH"); edge punctuation aside."""
    core = text.strip(quality.WORD_EDGE)
    if not core or _NUMBER.match(core):
        return True
    parts = re.split(r"[/-]", core)
    return all(p.isalpha() and (quality.is_syllable(p)
                                or (p.isupper() and len(p) <= ACRONYM_MAX)
                                or (len(p) == 1 and len(parts) > 1)) for p in parts)


ACRONYM_MAX = 6  # UBND, HĐND, VPĐP: capitals-only words no syllable but no misreading


def _mean_conf(words: list[tesseract.TessWord]) -> float:
    return sum(w.conf for w in words) / len(words) if words else 0.0


_LETTER_DIGIT = re.compile(r"^[^\W\d_]\d$")  # "Q7", "O2"; not "8h" (a time)


def _suspect(words: list[tesseract.TessWord], header: bool) -> int:
    """Words that are likely misread: letter-digit pairs anywhere, misshapen header words."""
    mixed = sum(1 for w in words if _LETTER_DIGIT.match(w.text.strip(quality.WORD_EDGE)))
    return mixed + (_misshapen(words) if header else 0)


def _misshapen(words: list[tesseract.TessWord]) -> int:
    """Alphabetic words (edge punctuation stripped) that are not one Vietnamese syllable."""
    alpha = [w.text.strip(quality.WORD_EDGE) for w in words]
    return sum(1 for w in alpha if w.isalpha() and not quality.is_syllable(w))


def _is_narrow(cell: GridCell, table_width: int) -> bool:
    return (cell.box[2] - cell.box[0]) < NARROW_FRACTION * table_width


def _read_stack(crops: list[tuple[int, np.ndarray]], lang: str,
                psm: int) -> dict[int, list[tesseract.TessWord]]:
    """Stack the crops on one canvas, read it once, give each word back to its crop, its box
    in that crop's pixels."""
    width = max(c.shape[1] for _, c in crops) + 2 * PAD
    height = sum(c.shape[0] + GAP for _, c in crops) + GAP
    canvas = np.full((height, width), 255, np.uint8)
    bands: list[tuple[int, int, int]] = []
    y = GAP
    for idx, crop in crops:
        canvas[y: y + crop.shape[0], PAD: PAD + crop.shape[1]] = crop
        bands.append((idx, y - GAP // 2, y + crop.shape[0] + GAP // 2))
        y += crop.shape[0] + GAP
    # Read at 1.5x: on blurred 200-dpi scans Tesseract takes the hook above (ẩ ổ ể) for an
    # acute (ấ ố ế) at the native size. Measured (bench-ocr, medium scans of 000 / 001):
    # CER 0.69% -> 0.53% and 0.73% -> 0.60%, schedule-row F1 0.909 -> 0.932, 0.934 -> 0.968.
    big = cv2.resize(canvas, None, fx=CANVAS_SCALE, fy=CANVAS_SCALE,
                     interpolation=cv2.INTER_CUBIC)
    texts: dict[int, list[tesseract.TessWord]] = {}
    for word in tesseract.words(tesseract.image_to_data(big, lang=lang, psm=psm)):
        centre = (word.top + word.height / 2) / CANVAS_SCALE
        for idx, top, bottom in bands:
            if top <= centre < bottom:
                texts.setdefault(idx, []).append(dataclasses.replace(
                    word, left=round(word.left / CANVAS_SCALE) - PAD,
                    top=round(word.top / CANVAS_SCALE) - (top + GAP // 2),
                    width=round(word.width / CANVAS_SCALE),
                    height=round(word.height / CANVAS_SCALE)))
                break
    return texts


def table_rows(table: Table) -> list[str]:
    """The seeds' markup: one line per grid row, cells joined by TAB, a merged cell's text in
    its first row and column only."""
    return ["\t".join(" ".join(cell.split()) for cell in row) for row in table.grid()]
