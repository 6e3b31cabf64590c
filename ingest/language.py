"""Is this document Vietnamese at all?

Vietnamese is written in single syllables of a rigid shape (onset, vowel nucleus, short coda),
so even text whose accents were lost or mangled by an English OCR keeps that shape for most
tokens, while English or French words (clusters like "str", codes like "nd", "rs") do not.
We measure the share of alphabetic tokens that fit the shape once accents are folded away.
"""

from __future__ import annotations

import re
import unicodedata

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
    tokens = [t for t in _TOKEN.findall(text) if len(t) > 1]
    if not tokens:
        return 0.0, 0
    ok = sum(1 for t in tokens if _SYLLABLE.match(fold(t)))
    return ok / len(tokens), len(tokens)


def looks_vietnamese(text: str) -> tuple[bool, str]:
    """Verdict and a human-readable reason; too little text is given the benefit of the doubt."""
    share, n = vietnamese_share(text)
    if n < MIN_TOKENS:
        return True, f"only {n} words: language not judged"
    verdict = share >= MIN_VIETNAMESE_SHARE
    return verdict, f"{share:.0%} of {n} words are shaped like Vietnamese syllables"
