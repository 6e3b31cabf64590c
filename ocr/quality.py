"""Was this page read? A verdict from measured signals, so a page OCR could not read is never
reported as a silent success.

Tesseract's mean confidence alone does not tell: a page turned 90 degrees came back with mean
confidence 95 and scrambled words. The signals, each cheap and computed from what OCR returned:

- `conf_mean`, `conf_low`: mean and 10th percentile of word confidences (a page whose
  10th percentile is low was misread in places even when its mean looks good);
- `syllables`: share of the alphabetic words that have the shape of a Vietnamese syllable
  (onset, vowel nucleus, coda, at most one tone mark); scribbles, noise and text read in the
  wrong orientation come back as letter soup that fails this;
- `chars_per_ink`: letters and digits read per 1,000 dark pixels of the page: a page with ink
  everywhere but few words read (a photo, a smudge, a scribbled page) is low;
- `orientation_sure`: the orientation measurement was sure (or OSD confident);
- `misspelt`: share of words spelt as no Vietnamese word is (a strict spelling check, not
  only the shape; acronyms, codes and words read twice left out): a worn copy's lost marks
  ("CHUAN", "kêt") and junk inside words ("g:a") are read with confidence 85-95, so a page
  misread in places keeps a good confidence but not a good spelling.

The bars were calibrated on dev renderings only (tools/bench/scans.py conditions and noise
pages; docs/ocr.md): "unreadable" is below every clean or degraded-but-read page measured.
Text read with confidence but few Vietnamese syllables (another language, or letter soup) is
"poor", not "unreadable": a failure row drops the page's text, which must not happen to a
readable English annex.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from vanban.models.records import Table, TableCell
from vanban.ocr.preprocess import at_border, components

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    r"([aăâeêioôơuưy]{1,3})"
    r"(ch|ng|nh|[cmnpt])?$")
WORD_EDGE = ".,;:!?()[]{}\"'“”‘’…-–—/"

UNREADABLE_SYLLABLES = 0.55
UNREADABLE_CONF = 45.0
UNREADABLE_CHARS_PER_INK = 0.8
FOREIGN_CONF = 75.0
POOR_SYLLABLES = 0.8
POOR_CONF = 70.0
# A tenth of a page's words read below this is a page misread in places, however well the
# rest went: the mean hides a header row read as prose or a band of junk (dev bench-scans
# photocopy realisations, 3 seeds x 2 conditions x 4 documents and h1 at its old seed 2:
# every page over 9% CER measured a 10th percentile of 52-61, every page under 8% 69 or
# more; the bench-ocr light and medium scans of the train seeds 000/001/002/004, 51 pages,
# measure 87-96, so none is flagged). Only on pages with enough
# words for a 10th percentile to be more than one or two words (a signature page is not).
POOR_CONF_LOW = 65.0
MIN_WORDS_CONF_LOW = 50
# A page on which this share of the words is spelt as no Vietnamese word is (`misspelt`) was
# misread in places, confidently or not: marks lost ("CHUAN"), letters swapped ("äôi,q"),
# junk inside words ("g:a"). Calibrated on dev renderings (docs/ocr.md, verdict section).
POOR_MISSPELT = 0.045
MIN_WORDS_MISSPELT = 50
# Fewer misspellings are enough when many words were read unsure as well: both at once are
# a page misread in places (dev photocopy+skew h1 seed 385115 p2, 5.8% CER: 3.8% misspelt,
# 13% of words below 80). Light and medium scans measure <= 2.9% misspelt and <= 7.5% unsure.
UNSURE_CONF = 80.0
# A short page (a signature block) is judged by its mean: a few words misread pull it down
# (dev photo+seal h1 p7, 9 words under a seal, 19% CER: 74); light/medium scans' short
# pages measure 87.8 or more.
SHORT_POOR_CONF = 80.0
POOR_MISSPELT_UNSURE = 0.03
POOR_UNSURE = 0.12


@dataclass(frozen=True, slots=True)
class Signals:
    words: int
    conf_mean: float
    conf_low: float
    syllables: float
    chars_per_ink: float
    orientation_sure: bool
    misspelt: float = 0.0  # share of words no Vietnamese word is spelt like (`misspelt`)
    unsure: float = 0.0  # share of words read below confidence UNSURE_CONF

    def describe(self) -> str:
        return (f"{self.words} words, confidence mean {self.conf_mean:.0f} / p10 "
                f"{self.conf_low:.0f}, Vietnamese syllables {self.syllables:.0%}, "
                f"{self.chars_per_ink:.1f} chars per 1k ink px"
                + f", misspelt {self.misspelt:.1%}, read unsure {self.unsure:.0%}"
                + ("" if self.orientation_sure else ", orientation uncertain"))


def text_ink(gray: np.ndarray) -> int:
    """Dark pixels of the page (at 300 dpi) that could be text: components touching the
    image border are left out, so a scanner band or a photocopy's dark frame does not make
    a well-read page look sparse. Counted on a half-size copy (a tenth of the time)."""
    small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    ink = (small < 128).astype(np.uint8)
    _, _, stats, _ = components(ink)
    edge = at_border(stats, ink.shape)
    edge[0] = True  # the background label
    edge |= stats[:, cv2.CC_STAT_AREA] < 4  # toner specks (< 16 px at 300 dpi) are no text
    return 4 * int(stats[~edge, cv2.CC_STAT_AREA].sum())


def is_syllable(word: str) -> bool:
    """True when `word` has the shape of one Vietnamese syllable (case and tone ignored)."""
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in nfd if ch in _TONES)
    base = unicodedata.normalize("NFC", "".join(ch for ch in nfd if ch not in _TONES))
    return tones <= 1 and _SYLLABLE.match(base) is not None


# How a syllable's vowels may be spelt (the glide of "oa", "uy" included; tone marks off):
# groups that may end the syllable, and groups that only stand before a final consonant. A
# word whose vowels are none of these ("ie", "uo" and "ua" before a consonant: marks lost on
# a worn copy, "CHUAN", "ĐIEM") has the shape of a syllable but is none.
def _groups(text: str) -> frozenset[str]:
    return frozenset(text.split())


_OPEN = _groups(
    "a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua uê ui uơ uy ưa ưi ưu "
    "iêu yêu oai oao oay oeo uây uôi uya uyu ươi ươu")
# the vowels that take a final consonant (those not in _OPEN need one: "ă", "iê", "uô", ...)
_TAKES_CODA = _groups("a ă â e ê i o ô ơ u ư y iê yê uô ươ oa oă oe uâ uê uy uyê oo")
_PALATAL = _groups("a ê i y oa uê uy")  # the vowels "-ch" and "-nh" follow
_NO_VELAR = _groups("ê i y uê uy")  # spelt -ch / -nh there, never -c / -ng
_STOPS = ("c", "ch", "p", "t")
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d",
           "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
_RHYME = re.compile(r"^([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?$")


def is_strict_syllable(word: str) -> bool:
    """True when `word` is spelt as a Vietnamese syllable can be: a vowel group Vietnamese
    writes, a final consonant that group takes, and after a stop (-c, -ch, -p, -t) only the
    acute or dot-below tone. Stricter than `is_syllable`'s shape: a worn copy that loses a
    vowel's hat or a tone reads "CHUAN", "ĐIEM", "kêt", which have a syllable's shape."""
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in nfd if ch in _TONES]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in nfd if ch not in _TONES))
    for onset in _ONSETS:
        if not base.startswith(onset):
            continue
        m = _RHYME.match(base[len(onset):])
        if m is None:
            continue
        vowels, coda = m.group(1), m.group(2) or ""
        if not coda:
            ok = vowels in _OPEN
        elif vowels not in _TAKES_CODA:
            ok = False
        elif coda in ("ch", "nh"):
            ok = vowels in _PALATAL
        elif coda in ("c", "ng"):
            ok = vowels not in _NO_VELAR
        else:
            ok = True
        if ok and coda in _STOPS and tones and tones[0] not in ("\u0301", "\u0323"):
            ok = False
        if ok and coda in _STOPS and not tones:
            ok = False
        if ok:
            return True
    return False


def signals(words: Sequence[tuple[str, float]], ink_px: int,
            orientation_sure: bool) -> Signals:
    """Signals from the page's words (text, confidence) and its dark-pixel count."""
    confs = np.array([c for _, c in words if c >= 0], dtype=np.float64)
    alpha = [w.strip(WORD_EDGE) for w, _ in words]
    alpha = [w for w in alpha if w.isalpha()]
    alpha = _without_acronyms(alpha)
    valid = sum(1 for w in alpha if is_syllable(w))
    chars = sum(1 for w, _ in words for ch in w if ch.isalnum())
    return Signals(
        words=len(words),
        conf_mean=float(confs.mean()) if confs.size else 0.0,
        conf_low=float(np.percentile(confs, 10)) if confs.size else 0.0,
        syllables=valid / len(alpha) if alpha else 0.0,
        chars_per_ink=1000.0 * chars / max(ink_px, 1),
        orientation_sure=orientation_sure,
        misspelt=misspelt([w for w, _ in words]),
        unsure=float((confs < UNSURE_CONF).mean()) if confs.size else 0.0,
    )


_ROMAN = frozenset("IVXLC")


def misspelt(words: Sequence[str]) -> float:
    """Share of the page's words (of 2+ characters, with a letter) that no Vietnamese word is
    spelt like: a word of letters that is no syllable (`is_strict_syllable`; acronyms, i.e.
    capitals without even a syllable's shape, and roman numerals left out), or a word with a
    character inside it no word or code holds ("g:a", "triể::", "họ7"). What a misread looks
    like, whatever Tesseract's confidence in it."""
    tokens = [w.strip(WORD_EDGE) for w in words]
    tokens = [w for w in tokens if len(w) >= 2 and any(ch.isalpha() for ch in w)]
    if not tokens:
        return 0.0
    alpha = [w for w in tokens if w.isalpha()]

    def acronym(w: str) -> bool:  # capitals without a syllable's shape, or a Roman numeral
        return w.isupper() and (set(w) <= _ROMAN or not is_syllable(w))
    rest = [w for w in alpha if not acronym(w)]
    if len(alpha) - len(rest) <= ACRONYM_MAX_SHARE * len(alpha):
        alpha = rest
    bad = [w for w in alpha if not is_strict_syllable(w)] + [w for w in tokens if _odd(w)]
    # a word read the same way twice or more is a name or a foreign word ("Ia Pnôn", "Plei
    # Kte", "Covid" on dev n13's clean scan: 7% of its words), not a misread: misreads differ
    seen = Counter(w.casefold() for w in tokens)
    return sum(1 for w in bad if seen[w.casefold()] < 2) / len(tokens)


def _odd(word: str) -> bool:
    """A character inside a word no Vietnamese word or code holds there: a letter next to
    ':', '^', '*', '›' and the like ("/", "-", ".", "&" join codes: "Đ/c", "NN&PTNT"), or a digit
    among lower-case letters (a time "8h30" has one)."""
    if any(not ch.isalnum() and ch not in "/-.&" for ch in word[1:-1]):
        return True
    return any(ch.isdigit() for ch in word) and sum(ch.islower() for ch in word) >= 2


@dataclass(frozen=True, slots=True)
class TableSignals:
    """How a page's ruled tables were read: a table read as garbage inside a page of good
    prose kept every page-wide signal high (a 20-line page over a 5-row table of blots or
    letter soup: confidence 91-94, "ok")."""

    cells: int  # grid cells, a merged cell once
    empty: float  # share of cells read empty
    syllables: float  # share of the cells' alphabetic words shaped like a syllable
    ragged: float  # share of rows with more filled cells than the header row
    repeated: float  # share of filled rows that repeat an earlier row of their table
    merged: int = 0  # cells spanning rows that hold two rows' worth of lines (a lost rule)
    two_dates: int = 0  # cells holding two dates (or times) where their column's hold one

    def describe(self) -> str:
        return (f"tables: {self.cells} cells, {self.empty:.0%} empty, syllables "
                f"{self.syllables:.0%}, {self.ragged:.0%} rows wider than the header, "
                f"{self.repeated:.0%} rows repeated, {self.merged} cells holding two rows, "
                f"{self.two_dates} cells holding two dates")


def table_signals(tables: Sequence[Table]) -> TableSignals:
    """Signals from the cells of the page's ruled tables (a merged cell counts once)."""
    cells = filled = ragged = repeated = rows_filled = n_rows = merged = two_dates = 0
    alpha: list[str] = []
    for table in tables:
        merged += sum(1 for c in table.cells if _holds_two_rows(table, c))
        two_dates += _two_dates(table)
        rows: dict[int, list[str]] = {}
        for c in table.cells:
            rows.setdefault(c.row, []).append(c.text)
        cells += len(table.cells)
        header = sum(1 for t in rows.get(0, []) if t.strip())
        if header < len(rows.get(0, [])):
            # a first row with empty cells names no columns: it is a session row of a table
            # continued from the page before ("14 | Buổi sáng | | |"), and every row under
            # it was "wider" (dev h1 pages 5-6, clean scan, "poor"); only its cells bound them
            header = len(rows[0])
        seen: set[str] = set()
        for r in sorted(rows):
            texts = [t for t in rows[r] if t.strip()]
            n_rows += 1
            filled += len(texts)
            for t in texts:
                alpha += [w for w in (x.strip(WORD_EDGE) for x in t.split()) if w.isalpha()]
            if len(texts) > max(header, 1):
                ragged += 1
            if texts:
                rows_filled += 1
                key = " ".join(" ".join(texts).split()).casefold()
                if len(key) >= MIN_REPEAT_CHARS and key in seen:
                    repeated += 1
                seen.add(key)
    valid = sum(1 for w in alpha if is_syllable(w))
    return TableSignals(
        cells=cells,
        empty=1.0 - filled / cells if cells else 0.0,
        syllables=valid / len(alpha) if alpha else 0.0,
        ragged=ragged / n_rows if n_rows else 0.0,
        repeated=repeated / rows_filled if rows_filled else 0.0,
        merged=merged,
        two_dates=two_dates,
    )


# A day: "01 Thứ 3", "Thứ Hai", "CN", "Chủ nhật" (one weekday, with or without its day number)
# or a bare "08/3", "08/3/2022". A time: "8h", "8h30", "14:00", "8 giờ". Two times joined as a
# span ("8h - 11h", "từ 8h đến 11h") are one time slot.
_WEEKDAY = re.compile(r"\b(?:thứ\s*(?:[2-7]|hai|ba|tư|năm|sáu|bảy)|cn|chủ\s*nhật)\b",
                      re.IGNORECASE)
_DAY_MONTH = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\d/])")
_TIME = re.compile(r"(?<![\d:])\d{1,2}\s*(?:h\s*\d{0,2}|:\d{2}|giờ)(?![\w:])",
                   re.IGNORECASE)
_SPAN = re.compile(r"^\s*(?:-|–|—|đến|tới)\s*$", re.IGNORECASE)
MIN_ONE_DATE_CELLS = 2  # cells of the column holding exactly one (the column's habit)


def dates_in(text: str) -> int:
    """How many days (weekdays, else day/month dates) or time slots a cell's text names: a
    cell that names two is two rows' cells read as one (their rule lost)."""
    days = len(_WEEKDAY.findall(text)) or len(_DAY_MONTH.findall(text))
    times = _TIME.finditer(text)
    slots = 0
    last_end = -1
    for m in times:
        if last_end < 0 or not _SPAN.match(text[last_end: m.start()]):
            slots += 1
        last_end = m.end()
    return max(days, slots)


def _two_dates(table: Table) -> int:
    """Cells naming two days or two time slots in a column whose other dated cells name one.

    A day column ("01 Thứ 3" / "02 Thứ 4") whose row rule a worn copy broke holds both days
    in one cell ("03 Thứ 5 04 Thứ 6"); the geometric test (`_holds_two_rows`) misses it when
    the two days' lines sit close. Only against the column's habit: a column whose cells
    each name a date range ("Thứ 2 - Thứ 6") or two times is how that table is written."""
    by_col: dict[int, list[int]] = {}
    for c in table.cells:
        if c.row > 0 and c.text.strip():
            by_col.setdefault(c.col, []).append(dates_in(c.text))
    out = 0
    for counts in by_col.values():
        ones = sum(1 for n in counts if n == 1)
        more = sum(1 for n in counts if n >= 2)
        if ones >= MIN_ONE_DATE_CELLS and more < ones:
            out += more
    return out


# Between two rows' text in one cell there are both cells' paddings and the lost rule: a gap of
# about a line's height (measured: 1.0, dev photocopy t1 page 2); the lines of a real merged
# cell (a day cell "01 Thứ" / "3", wrapped task text) are 0.2-0.7 of a line apart.
TWO_ROWS_GAP = 0.8


def _holds_two_rows(table: Table, cell: TableCell) -> bool:
    """Whether a cell spanning rows holds text above and below one of the row lines its
    neighbours are split at, with a gap between them of about a line: two cells whose rule a
    worn photocopy broke, read as one (their rows merged; dev photocopy t1 page 2 was "ok").
    A real merged cell's lines (a day cell beside its sessions) follow each other at the
    line spacing, wherever they sit in the cell."""
    if cell.rowspan < 2 or len(cell.words) < 2:
        return False
    inner = {c.bbox.y0 for c in table.cells if cell.bbox.y0 < c.bbox.y0 < cell.bbox.y1}
    if not inner:
        return False
    lines: list[list[int]] = []  # [top, bottom] of each text line, top to bottom
    for w in sorted(cell.words, key=lambda w: w.bbox.y0 + w.bbox.y1):
        if sum(ch.isalnum() for ch in w.text) * 2 <= len(w.text):
            continue  # a rule's residue read as "—-" is no line of text
        if lines and (w.bbox.y0 + w.bbox.y1) / 2 < lines[-1][1]:
            lines[-1] = [min(lines[-1][0], w.bbox.y0), max(lines[-1][1], w.bbox.y1)]
        else:
            lines.append([w.bbox.y0, w.bbox.y1])
    if len(lines) < 2:
        return False
    height = float(np.median([b - t for t, b in lines]))
    return any(b[0] - a[1] >= TWO_ROWS_GAP * height and any(a[1] <= y <= b[0] for y in inner)
               for a, b in itertools.pairwise(lines))


MIN_REPEAT_CHARS = 12  # a shorter row ("Buổi sáng", "Chiều") repeats in every schedule
MIN_TABLE_CELLS = 8  # a smaller table says too little to judge the page by


def table_verdict(t: TableSignals) -> str:
    """ "ok" or "poor": a table read as garbage makes its page "poor" (checked by a person)
    even when the prose round it was read well."""
    if t.merged > 0 or t.two_dates > 0:  # a lost rule, however small the table
        return "poor"
    if t.cells < MIN_TABLE_CELLS:
        return "ok"
    if (t.syllables < TABLE_SYLLABLES or t.empty > TABLE_EMPTY or t.ragged > TABLE_RAGGED
            or t.repeated > TABLE_REPEATED):
        return "poor"
    return "ok"


TABLE_SYLLABLES = 0.7
TABLE_EMPTY = 0.75
TABLE_RAGGED = 0.3
# A table read twice repeats every row (>= 0.4 of its filled rows); a schedule's multi-day
# tasks recur session after session in the rows of a well-read page (train sample 000's light
# scan, page 7: 0.27; 0.25 made it "poor"; clean/light dev pages measure up to 0.27).
TABLE_REPEATED = 0.35


ACRONYM_MAX_SHARE = 0.4  # more capitals-only words than this is letter soup, not acronyms


def _without_acronyms(alpha: list[str]) -> list[str]:
    """The words without acronyms (UBND, HĐND, PCT, NTM: capitals only, 2-6 letters, no
    tone mark), which are no syllable but are what an administrative page is full of: the
    clean scan of dev h4's recipients page ("- TT Huyện ủy, TT HĐND huyện;") was "poor" at
    77% syllables. When such words are too many, they are kept: that is letter soup."""
    def acronym(w: str) -> bool:
        return (2 <= len(w) <= 6 and w.isupper() and not is_syllable(w)
                and not any(ch in _TONES for ch in unicodedata.normalize("NFD", w)))
    rest = [w for w in alpha if not acronym(w)]
    if len(alpha) - len(rest) > ACRONYM_MAX_SHARE * len(alpha):
        return alpha
    return rest


# A page of a few lines (a signature block: "PHÓ CHÁNH VĂN PHÒNG / Hoàng Thị Hà") has too
# little text for the orientation to be measured surely (OSD answers ~6 on such pages, no
# answer on some), but its reading shows it was upright: text read turned is letter soup.
# Dev bench-scans h1's last page (7 words, read right at 95) was "poor" in every condition.
UPRIGHT_SYLLABLES = 0.9
UPRIGHT_CONF = 85.0


def _read_upright(s: Signals) -> bool:
    """Whether a short page's own reading shows it was read the right way up."""
    return (s.words < MIN_WORDS_CONF_LOW and s.syllables >= UPRIGHT_SYLLABLES
            and s.conf_mean >= UPRIGHT_CONF and s.misspelt < POOR_MISSPELT)


def verdict(s: Signals) -> str:
    """ "ok", "poor" (read, but check it) or "unreadable" (below the bar)."""
    if s.words == 0:
        return "unreadable"
    if s.conf_mean < UNREADABLE_CONF or s.chars_per_ink < UNREADABLE_CHARS_PER_INK:
        return "unreadable"
    # Few Vietnamese syllables read with confidence is text in another language (an English
    # page measured 85 mean confidence, 27% syllables), kept and flagged "poor"; read unsure,
    # it is junk.
    if s.syllables < UNREADABLE_SYLLABLES and s.conf_mean < FOREIGN_CONF:
        return "unreadable"
    if s.syllables < POOR_SYLLABLES or s.conf_mean < POOR_CONF:
        return "poor"
    if s.words < MIN_WORDS_CONF_LOW and s.conf_mean < SHORT_POOR_CONF:
        return "poor"
    if not s.orientation_sure and not _read_upright(s):
        return "poor"
    if s.words >= MIN_WORDS_CONF_LOW and s.conf_low < POOR_CONF_LOW:
        return "poor"
    if s.words >= MIN_WORDS_MISSPELT and (
            s.misspelt >= POOR_MISSPELT
            or (s.misspelt >= POOR_MISSPELT_UNSURE and s.unsure >= POOR_UNSURE)):
        return "poor"
    return "ok"
