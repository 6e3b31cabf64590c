"""Does a text need restoring, and which channel describes it?

Decided from spelling alone (no model needed, so the pipeline can call it on every page):
correct Vietnamese has most syllables marked and almost none invalid; accent-less typing has
no marks and valid bare syllables; English-OCR text mixes bare, wrongly marked and impossible
syllables ("méi", "dwng", "h6").
"""

from __future__ import annotations

from dataclasses import dataclass

from vanban.restore.decode import Mode
from vanban.restore.syllables import bare_skeletons, canonical, full_inventory, has_marks, skeleton
from vanban.restore.tokens import Tok, tokenize

MIN_WORDS = 3
CORRECT_MARKED = 0.45
CORRECT_INVALID = 0.08
NOACCENT_MARKED = 0.03
NOACCENT_INVALID = 0.06


@dataclass(frozen=True, slots=True)
class SpellingStats:
    n_words: int
    marked_valid: int
    bare_valid: int
    marked_invalid: int
    invalid: int  # bare and impossible, or containing digits/symbols

    def share(self, n: int) -> float:
        return n / self.n_words if self.n_words else 0.0


def spelling_stats(text: str, toks: list[Tok] | None = None) -> SpellingStats:
    inv = full_inventory()
    bare = bare_skeletons()
    n = mv = bv = mi = bad = 0
    for tok in tokenize(text) if toks is None else toks:
        if tok.kind not in ("word", "mixed"):
            continue
        core = tok.text
        letters = [c for c in core if c.isalpha()]
        if (
            tok.kind == "word"
            and len(letters) > 1
            and all(c.isupper() for c in letters)
            and skeleton(core).lower() not in bare
        ):
            continue  # abbreviations say nothing about the text's marks
        n += 1
        if tok.kind == "mixed":
            bad += 1
        elif has_marks(core):
            if canonical(core) in inv:
                mv += 1
            else:
                mi += 1
        elif core.lower() in bare:
            bv += 1
        else:
            bad += 1
    return SpellingStats(n, mv, bv, mi, bad)


def classify(stats: SpellingStats) -> Mode:
    if stats.n_words == 0:
        return "correct"
    invalid = stats.share(stats.invalid + stats.marked_invalid)
    if stats.share(stats.marked_valid) >= CORRECT_MARKED and invalid <= CORRECT_INVALID:
        return "correct"
    marked = stats.share(stats.marked_valid + stats.marked_invalid)
    if marked <= NOACCENT_MARKED and invalid <= NOACCENT_INVALID:
        return "noaccent"
    return "garbled"


def describe(stats: SpellingStats, mode: Mode) -> str:
    return (
        f"{mode}: {stats.n_words} words, {stats.share(stats.marked_valid):.0%} marked valid, "
        f"{stats.share(stats.bare_valid):.0%} bare valid, "
        f"{stats.share(stats.invalid + stats.marked_invalid):.0%} invalid"
    )
