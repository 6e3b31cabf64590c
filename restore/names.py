"""Where good text holds a person's name: real-word correction keeps its hands off there.

Real-word correction (`Decoder._real_word`) replaces a valid syllable by a same-skeleton rival
when the language model prefers the rival by more than the `vie` channel's odds and a margin.
In a person's name that preference is no evidence: "Hường" is as good a name as "Hương", only
rarer in our text; the blind run of 2026-12-06 changed "Hoàng Thị Thu Hường" in a signature
block. Names are runs of Title-case syllables; a run is taken for a person's name when
- a later syllable of it is a middle name that marks persons ("Thị", "Văn"), or
- a word that introduces a person stands right before it ("Đ/c", "ông", "bà", "đồng chí"), or
- it is all the words of its line (the signer's name under a signature block).
Place and organisation names are not guarded: the language model holds the gazetteer's
communes and districts, and there its preference is evidence ("Chỉ Lăng" -> "Chi Lăng",
"Trảng Bom"; "Ban Chí đạo" -> "Ban Chỉ đạo"). Measured on dev data (docs/notes/restore2.md):
guarding every Title-case run lost those fixes and no break went away.
"""

from __future__ import annotations

import unicodedata
from itertools import pairwise

from vanban.restore.syllables import TONE_MARKS, skeleton
from vanban.restore.tokens import Tok

MIDDLE = frozenset({"thị", "văn"})  # middle names of persons, never of places
CUES = frozenset({"đ/c", "ông", "bà", "anh", "chị", "chí"})  # "chí": of "đồng chí"


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzăâđêôơư")
_TONES = frozenset(m for m in TONE_MARKS if m)
_VOWELS = frozenset("aeiouy")


def spelt_like_a_name(word: str) -> bool:
    """Whether an impossible syllable could be a name written so ("Nướch", "Hlơch": Vietnamese
    letters, one tone mark at most, no vowel letter twice in a row) rather than OCR debris
    ("Nguyiìn", "Phíiim", "Tuyfïin": two marks, a doubled vowel, a letter no Vietnamese
    spelling has), which stays open to the `vie` channel's slip reading."""
    nfd = unicodedata.normalize("NFD", word.lower())
    # a tone mark sits on a vowel ("ñ" is a tilde on a consonant: debris)
    toned = [
        unicodedata.normalize("NFD", c)[0]
        for c in unicodedata.normalize("NFC", nfd)
        if any(m in _TONES for m in unicodedata.normalize("NFD", c))
    ]
    if len(toned) > 1 or any(b not in _VOWELS for b in toned):
        return False
    letters = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    if not all(c in _LETTERS for c in letters) or "ưo" in letters:  # "ươ" is always horned
        return False
    bare = skeleton(letters)
    return not any(a == b and a in _VOWELS for a, b in pairwise(bare))


def title_case(word: str) -> bool:
    """ "Hường", "Thị": a capital then only lower-case letters (one letter is no evidence)."""
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _runs(text: str, toks: list[Tok]) -> list[tuple[int, int]]:
    """[first, last) token indices of runs of >= 2 Title-case words on one line, nothing but
    spaces between them (no punctuation, no table cell)."""
    runs = []
    k = 0
    while k < len(toks):
        j = k + 1
        if toks[k].kind == "word" and title_case(toks[k].text):
            while j < len(toks) and _joined(text, toks[j - 1], toks[j]):
                j += 1
        if j - k >= 2:
            runs.append((k, j))
        k = j
    return runs


def _joined(text: str, a: Tok, b: Tok) -> bool:
    """`b` goes on the name `a` is in: Title case, and only spaces between them (a comma ends
    a name: "Phạm Thị Sang, Phó ban")."""
    gap = text[a.start + len(a.text) : b.start]
    return (
        b.kind == "word"
        and title_case(b.text)
        and not b.brk_before
        and (gap.isspace() and "\n" not in gap)
    )


def _alone_on_line(text: str, first: Tok, last: Tok) -> bool:
    start = text.rfind("\n", 0, first.start) + 1
    end = text.find("\n", last.start)
    end = len(text) if end < 0 else end
    before, after = text[start : first.start], text[last.start + len(last.text) : end]
    return not any(c.isalnum() for c in before + after)


def name_starts(text: str, toks: list[Tok]) -> frozenset[int]:
    """Offsets of the word tokens of `text` taken for syllables of a person's name."""
    out: set[int] = set()
    for k, j in _runs(text, toks):
        run = toks[k:j]
        middle = any(t.text.lower() in MIDDLE for t in run[1:])
        cue = k > 0 and toks[k - 1].text.lower() in CUES and not toks[k].brk_before
        if middle or cue or _alone_on_line(text, run[0], run[-1]):
            out.update(t.start for t in run)
    return frozenset(out)
