"""Is this document Vietnamese at all?

Vietnamese is written in single syllables of a rigid shape (onset, vowel nucleus, short coda),
so even text whose accents were lost or mangled by an English OCR keeps that shape for most
tokens, while English or French words (clusters like "str", codes like "nd", "rs") do not.
We measure the share of alphabetic tokens that fit the shape once accents are folded away.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
_NUCLEUS = r"(?:[aeiouy]{1,3})"
_CODA = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"^{_ONSET}{_NUCLEUS}{_CODA}$")
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)

MIN_TOKENS = 40
MIN_VIETNAMESE_SHARE = 0.6


def fold(word: str) -> str:
    """Lower-case ASCII skeleton of a word: accents and hooks removed, đ -> d."""
    word = word.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def vietnamese_share(text: str) -> tuple[float, int]:
    """(share of alphabetic tokens shaped like Vietnamese syllables, number of tokens)."""
    ok, n = _counts(text)
    return (ok / n if n else 0.0), n


def _counts(text: str) -> tuple[int, int]:
    """(tokens shaped like Vietnamese syllables, alphabetic tokens of 2+ letters)."""
    ok = n = 0
    for m in _TOKEN.finditer(text):
        token = m.group()
        if len(token) > 1:
            n += 1
            ok += bool(_SYLLABLE.match(fold(token)))
    return ok, n


def looks_vietnamese(text: str) -> tuple[bool, str]:
    """Verdict and a human-readable reason; too little text is given the benefit of the doubt."""
    return _verdict(*_counts(text))


def looks_vietnamese_parts(texts: Iterable[str]) -> tuple[bool, str]:
    """`looks_vietnamese("\n".join(texts))` without the joined copy (a long document's pages:
    no token spans the newline, so the counts add up)."""
    ok = n = 0
    for text in texts:
        a, b = _counts(text)
        ok, n = ok + a, n + b
    return _verdict(ok, n)


def _verdict(ok: int, n: int) -> tuple[bool, str]:
    if n < MIN_TOKENS:
        return True, f"only {n} words: language not judged"
    share = ok / n
    verdict = share >= MIN_VIETNAMESE_SHARE
    return verdict, f"{share:.0%} of {n} words are shaped like Vietnamese syllables"
