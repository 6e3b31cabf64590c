"""Text-accuracy measures shared by the benchmarks and the accuracy tests.

Whole-document alignment: OCR reading order and line breaks differ from the gold text, so both
texts are normalised (NFC, whitespace folded, light markup removed) and aligned as one sequence.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein

_MARKUP = re.compile(r"</?[bi]>|\*\*|\*|^#+\s*", re.MULTILINE)
_PUNCT_EDGE = re.compile(r"^[^\w]+|[^\w]+$")


def normalise(text: str) -> str:
    """NFC, markup removed, all whitespace runs folded to one space."""
    text = unicodedata.normalize("NFC", text)
    text = _MARKUP.sub("", text)
    return " ".join(text.split())


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate: edit distance / reference length, after `normalise`."""
    ref = normalise(reference)
    hyp = normalise(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return float(Levenshtein.distance(hyp, ref)) / len(ref)


def syllables(text: str, case_sensitive: bool = True) -> list[str]:
    """Whitespace tokens stripped of edge punctuation; empty tokens dropped."""
    out = []
    for tok in normalise(text).split():
        core = _PUNCT_EDGE.sub("", tok)
        if core:
            out.append(core if case_sensitive else core.lower())
    return out


def syllable_accuracy(hypothesis: str, reference: str, case_sensitive: bool = False) -> float:
    """Share of reference syllables matched exactly in an optimal alignment of the two texts."""
    ref = syllables(reference, case_sensitive)
    hyp = syllables(hypothesis, case_sensitive)
    if not ref:
        return 1.0
    matches = sum(
        block.size for block in Levenshtein.opcodes(hyp, ref).as_matching_blocks()
    )
    return matches / len(ref)
