"""Letter case for garbled text, judged against the token's line (OCR case is unreliable)."""

from __future__ import annotations

import bisect
import unicodedata

from vanban.restore.tokens import Tok


def caps_lines(
    text: str, toks: list[Tok], abbreviations: frozenset[str] = frozenset()
) -> tuple[list[int], set[int]]:
    """Line start offsets, and the line numbers whose words are mostly upper case
    (headings). Known abbreviations do not vote: "CT, các PCT UBND huyện" is a body line."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    caps: dict[int, list[int]] = {}
    for t in toks:
        if t.kind == "word" and len(t.text) > 1 and t.text not in abbreviations:
            c = caps.setdefault(bisect.bisect_right(starts, t.start) - 1, [0, 0])
            c[0] += t.text.isupper()
            c[1] += 1
    return starts, {ln for ln, (up, n) in caps.items() if up * 2 > n}


def in_heading(tok: Tok, lines: tuple[list[int], set[int]]) -> bool:
    """Whether `tok` stands on a line `caps_lines` judged a heading."""
    return bisect.bisect_right(lines[0], tok.start) - 1 in lines[1]


def ocr_case(tok: Tok, lines: tuple[list[int], set[int]]) -> str:
    """The case pattern to copy from a garbled token, judged against its line.

    OCR reads "Tổ" as "TO" inside ordinary lines, and "HỘI" as "Hil" inside headings.
    """
    text = tok.text
    if len(text) < 2:
        return text
    heading = in_heading(tok, lines)
    if heading and (
        text.islower() or not text.istitle() or sum(c.islower() for c in text) not in (1, 2)
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


def pair_case(pattern: str, prev: str | None, syllable: str, pairs: dict[str, bool]) -> str:
    """The case pattern for `syllable` after `prev` (both chosen readings, lower case): what
    the training text gives that pair when the OCR's Title/lower case cannot be trusted."""
    if prev is None or not tall_vowel(syllable) or not (pattern.islower() or pattern.istitle()):
        return pattern
    title = pairs.get(f"{prev} {syllable}")
    if title is None:
        return pattern
    return "Aa" if title else "a"
