"""Placeholder restorer: identity, with a crude detector. Replaced by the noisy-channel model."""

from __future__ import annotations

import unicodedata

from vanban.models.records import RestoredText, RestoreVerdict

_VIET_MARKS = set("ăâđêôơưĂÂĐÊÔƠƯ")


def _has_viet_diacritic(word: str) -> bool:
    nfd = unicodedata.normalize("NFD", word)
    return any(ch in _VIET_MARKS for ch in word) or any(unicodedata.combining(c) for c in nfd)


def assess(text: str) -> RestoreVerdict:
    words = [w for w in text.split() if w.isalpha()]
    if not words:
        return RestoreVerdict(False, 0.0, "no words")
    share = sum(_has_viet_diacritic(w) for w in words) / len(words)
    return RestoreVerdict(share < 0.35, share, f"{share:.0%} of words carry Vietnamese marks")


def restore_text(text: str) -> RestoredText:
    return RestoredText(original=text, text=text)
