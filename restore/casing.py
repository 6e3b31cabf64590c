"""Letter case for garbled text, judged against the token's line (OCR case is unreliable)."""

from __future__ import annotations

import bisect
import unicodedata

from vanban.restore.syllables import skeleton
from vanban.restore.tokens import Tok

# Switches of the case rules below, each measured on dev (tools/evaluate/garbled_dev.py
# --classes; 26,493 syllables of garbled dev documents, cs accuracy) and kept because the
# train LOO sample lines (bench-restore row 1a) did not lose: see docs/notes/restoreg.md.
MIXED_TITLE = True  # "HUi" -> "Hội": 96.22 -> 96.53
MISREAD_CASE = True  # "Ita" -> "lúa" (I for l): 96.53 -> 96.64
HEADING_LETTERS = True  # heading = most letters upper, not most words
MIN_HEADING_WORDS = 2  # a line of one word ("SU: 11/LCT-VP") is no heading
SHORT_TITLE = False  # True: Title case of 1-2 lower-case letters in a heading is kept as read
# An upper-case word without a vowel ("VT", "TNMT", "VPDP") is an abbreviation, lexicon or
# not: its letters do not vote on a heading ("Lưu: VT, VPĐP." is a body line), though it
# counts as a word of the line ("CH TICH" for "CHỦ TỊCH" is a heading of two words).
NO_VOWEL_ABBR = True
_VOWEL_LETTERS = frozenset("aeiouyAEIOUY")
# (the three together: 96.64 -> 97.02)
NEXT_FIRST = True  # pair_case: the word after ("Ủy ban") outranks the word before ("huyện")
NEXT_TITLE_ONLY = True  # ... and only when it says Title case
# A line's first word is capitalised whatever it is, so its case is no evidence (Decoder.cased
# skips it), except where the next word on the line is Title case too: then it opens a name
# ("Trinh Thi My Dung" under a signature block is "Trịnh", not "Trình"). The modes where such
# a word's letter case is weighed as inside a line. Accent-stripped dev (51,458 syllables):
# 558 -> 549 errors (fixes "Trịnh Thị Mỹ Dung", "Trần Phước Hiền", "Chiêm Sơn", "thôn Hòn
# Ngang"; breaks "Danh Hoàng Phúc", "Đồng Hới"); train LOO 247 either way. Garbled dev
# (tools.evaluate.garbled_dev --score --cached-only, 26,493 syllables) ci / cs 97.55 / 97.52
# -> 97.57 / 97.54; the seeds' garbled lines with LOO models (bench 1a) 97.22 / 97.21 either way.
RUN_OPENER_CASE: tuple[str, ...] = ("noaccent", "garbled")
LETTERS_ONLY = True  # pair_case judges a token's case by its letters ("I00ng" is Title case)


def caps_lines(
    text: str, toks: list[Tok], abbreviations: frozenset[str] = frozenset()
) -> tuple[list[int], set[int]]:
    """Line start offsets, and the line numbers whose words are mostly upper case
    (headings). Known abbreviations do not vote: "CT, các PCT UBND huyện" is a body line."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    caps: dict[int, list[int]] = {}
    ln, nxt, last = 0, starts[1] if len(starts) > 1 else len(text) + 1, len(starts) - 1
    for t in toks:  # in text order: the line number only ever grows
        w = t.text
        if t.kind != "word" or len(w) < 2 or w in abbreviations:
            continue
        while t.start >= nxt:
            ln += 1
            nxt = starts[ln + 1] if ln < last else len(text) + 1
        c = caps.get(ln)
        if c is None:
            c = caps[ln] = [0, 0, 0, 0]
        c[1] += 1
        if NO_VOWEL_ABBR and _VOWEL_LETTERS.isdisjoint(w) and w.isupper():
            continue  # counts as a word of the line, but its letters do not vote
        up = w.isupper()
        c[0] += up
        c[2] += len(w) if up else 0 if w.islower() else sum(map(str.isupper, w))
        c[3] += len(w)  # a word token is (nearly) all letters
    if HEADING_LETTERS:
        # Letters, not words: English OCR breaks a capital word into "Kt", "Nil" (KẾ, NỘI),
        # so a heading's words are not all upper case, but most of its letters are.
        return starts, {
            ln for ln, (_, n, up, al) in caps.items() if up * 2 > al and n >= MIN_HEADING_WORDS
        }
    return starts, {
        ln for ln, (up, n, _, _) in caps.items() if up * 2 > n and n >= MIN_HEADING_WORDS
    }


def in_heading(tok: Tok, lines: tuple[list[int], set[int]]) -> bool:
    """Whether `tok` stands on a line `caps_lines` judged a heading."""
    return bisect.bisect_right(lines[0], tok.start) - 1 in lines[1]


def ocr_case(tok: Tok, lines: tuple[list[int], set[int]], heading: bool | None = None) -> str:
    """The case pattern to copy from a garbled token, judged against its line (`heading`:
    `in_heading(tok, lines)` when the caller knows it already).

    OCR reads "Tổ" as "TO" inside ordinary lines, and "HỘI" as "Hil" inside headings.
    """
    text = tok.text
    if len(text) < 2:
        return text
    if heading is None:
        heading = in_heading(tok, lines)
    if heading and (
        text.islower()
        or not text.istitle()
        or not SHORT_TITLE
        or sum(c.islower() for c in text) not in (1, 2)
    ):
        # Short Title case inside a heading ("Số:") is meant; the rest is noise ("Hill" for
        # "HỘI", "V0" for "VỤ": a pattern of one letter would read as Title case, so it is
        # given two)
        up = text.upper()
        return up if sum(c.isalpha() for c in up) > 1 else "AA"
    if text.islower() or not any(c.isupper() for c in text):
        return text
    if text.isupper():
        return text[:1] + text[1:].lower()
    if MIXED_TITLE and text[0].isupper():
        # "HUi", "ChiUng" for "Hội", "Chương": English OCR reads a marked lower-case vowel
        # as a capital; the first letter's case is the word's.
        return text[:1] + text[1:].lower()
    return text


def tall_vowel(syllable: str) -> bool:
    """Whether `syllable` opens with a vowel marked above (ủ, ấ, ơ ...): English OCR reads
    such a lower-case glyph as a capital ("Uy", "Jy" for "ủy"), so its case says little."""
    return bool(syllable) and syllable[0].lower() in _VOWELS_MARKED


_VOWELS_MARKED = frozenset(
    c
    for c in "áàảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ"
    if any(unicodedata.combining(x) and x != "\u0323" for x in unicodedata.normalize("NFD", c))
)


def misread_first(pattern: str, syllable: str) -> bool:
    """Whether the token's first letter is another letter than the syllable's ("Ita" for
    "lúa", "ly" for "ủy"): that glyph's case was the OCR's guess, not the writer's."""
    if not pattern:
        return False
    first = pattern[0].lower()
    return first != syllable[:1] and skeleton(first) != skeleton(syllable[:1])


def pair_case(
    pattern: str,
    prev: str | None,
    syllable: str,
    pairs: dict[str, bool],
    case: dict[str, tuple[float, float]] | None = None,
    nxt: str | None = None,
) -> str:
    """The case pattern for `syllable` between `prev` and `nxt` (chosen readings, lower case):
    what the training text gives that pair when the OCR's Title/lower case cannot be trusted
    (a vowel marked above, a first letter misread). The word after decides first where the
    text settles it ("Ủy ban" is the name of an institution, even after "huyện"); then the
    word before ("Huyện ủy", "của Ủy"). With `case` (Model.case), a pair the text does not
    settle takes the syllable's commoner case inside a line."""
    if LETTERS_ONLY and not pattern.isalpha():  # "I00ng", "I[ling": the OCR's letters
        pattern = "".join(filter(str.isalpha, pattern)) or pattern
    if (prev is None and nxt is None) or not (pattern.islower() or pattern.istitle()):
        return pattern
    misread = (
        MISREAD_CASE and pattern[:1].lower() != syllable[:1] and misread_first(pattern, syllable)
    )
    if not (tall_vowel(syllable) or misread):
        return pattern
    after = pairs.get(f"{syllable} >{nxt}") if nxt is not None else None
    if NEXT_TITLE_ONLY and not after:
        # The word after only ever raises a name's opening ("Ủy ban"); that "ứng dụng" is
        # mostly lower case says nothing of "Nông nghiệp Ứng dụng Công nghệ cao"
        after = None
    before = pairs.get(f"{prev} {syllable}") if prev is not None else None
    if NEXT_FIRST:
        title = after if after is not None else before
    else:
        title = before if before is not None else after
    if title is None:
        if prev is None or not misread or not case:
            return pattern
        lp = case.get(syllable, case[""])
        title = lp[0] > lp[1]
    return "Aa" if title else "a"
