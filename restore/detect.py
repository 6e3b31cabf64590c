"""Does a text need restoring, and which channel describes it?

Decided from spelling alone (no model needed, so the pipeline can call it on every page):
correct Vietnamese has most syllables marked and almost none invalid; accent-less typing has
no marks and valid bare syllables; English-OCR text mixes bare, wrongly marked and impossible
syllables ("méi", "dwng", "h6"). English OCR's alphabet stops at Latin-1: it never writes ư, ơ,
ă, đ or ạ. A text where many words hold such letters came from a Vietnamese reader (Tesseract
`vie`, a born-digital layer), however noisy, and is never taken for English-OCR garbling: its
right syllables must stay as they are.
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
# Share of words with a letter beyond Latin-1 above which a text is Vietnamese OCR, not English:
# about 0.001 in English-OCR layers (seed 003, the legacy and garbled samples), 0.5-0.6 in plain
# Tesseract `vie` output of scans, however scattered its tables.
VIETNAMESE_READER = 0.15


@dataclass(frozen=True, slots=True)
class SpellingStats:
    n_words: int
    marked_valid: int
    bare_valid: int
    marked_invalid: int
    invalid: int  # bare and impossible, or containing digits/symbols
    beyond_latin1: int = 0  # words with a letter no English OCR writes (ư, ơ, ă, đ, ạ ...)

    def share(self, n: int) -> float:
        return n / self.n_words if self.n_words else 0.0


def spelling_stats(text: str, toks: list[Tok] | None = None) -> SpellingStats:
    n = mv = bv = mi = bad = viet = 0
    # A document repeats its words: judge each once (and whether it is beyond Latin-1).
    seen: dict[tuple[str, str], tuple[int, bool]] = {}
    for tok in tokenize(text) if toks is None else toks:
        if tok.kind not in ("word", "mixed"):
            continue
        key = (tok.kind, tok.text)
        got = seen.get(key)
        if got is None:
            w = tok.text
            beyond = tok.kind == "word" and not w.isascii() and max(w) > "\xff"
            got = seen[key] = (_judge(tok.kind, w), beyond)
        kind, beyond = got
        if kind == _SKIP:
            continue
        n += 1
        viet += beyond
        if kind == _MARKED_VALID:
            mv += 1
        elif kind == _MARKED_INVALID:
            mi += 1
        elif kind == _BARE_VALID:
            bv += 1
        else:
            bad += 1
    return SpellingStats(n, mv, bv, mi, bad, viet)


_SKIP, _MARKED_VALID, _MARKED_INVALID, _BARE_VALID, _INVALID = range(5)


def _judge(kind: str, core: str) -> int:
    if kind == "mixed":
        return _INVALID
    # A lower-case word (most of them) has a lower-case letter: no abbreviation, quick exit.
    letters = () if core.islower() else [c for c in core if c.isalpha()]
    if (
        kind == "word"
        and len(letters) > 1
        and all(c.isupper() for c in letters)
        and skeleton(core).lower() not in bare_skeletons()
    ):
        return _SKIP  # abbreviations say nothing about the text's marks
    if has_marks(core):
        return _MARKED_VALID if canonical(core) in full_inventory() else _MARKED_INVALID
    return _BARE_VALID if core.lower() in bare_skeletons() else _INVALID


def classify(stats: SpellingStats) -> Mode:
    if stats.n_words == 0:
        return "correct"
    invalid = stats.share(stats.invalid + stats.marked_invalid)
    if stats.share(stats.marked_valid) >= CORRECT_MARKED and invalid <= CORRECT_INVALID:
        return "correct"
    marked = stats.share(stats.marked_valid + stats.marked_invalid)
    if marked <= NOACCENT_MARKED and invalid <= NOACCENT_INVALID:
        return "noaccent"
    if stats.share(stats.beyond_latin1) >= VIETNAMESE_READER:
        return "correct"  # noisy Vietnamese OCR: mend impossible spellings, keep the rest
    return "garbled"


def describe(stats: SpellingStats, mode: Mode) -> str:
    return (
        f"{mode}: {stats.n_words} words, {stats.share(stats.marked_valid):.0%} marked valid, "
        f"{stats.share(stats.bare_valid):.0%} bare valid, "
        f"{stats.share(stats.invalid + stats.marked_invalid):.0%} invalid"
    )
