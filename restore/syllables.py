"""Vietnamese spelling: tones, vowel marks, phonotactically valid syllables.

A syllable is handled as (toneless letters, tone) so that the two tone-placement styles in use
("hòa"/"hoà", "thủy"/"thuỷ") compare equal; output uses the classic placement, which is what the
Decree 30 documents we process use.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Combining tone marks, indexed by tone number (0 = ngang/level, no mark).
TONE_MARKS: tuple[str, ...] = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_TONE_OF_MARK = {m: i for i, m in enumerate(TONE_MARKS) if m}
_VOWELS = set("aăâeêioôơuưy")
_MODIFIED = set("ăâêôơư")

ONSETS: tuple[str, ...] = (
    "",
    "b",
    "c",
    "ch",
    "d",
    "đ",
    "g",
    "gh",
    "gi",
    "h",
    "k",
    "kh",
    "l",
    "m",
    "n",
    "ng",
    "ngh",
    "nh",
    "p",
    "ph",
    "qu",
    "r",
    "s",
    "t",
    "th",
    "tr",
    "v",
    "x",
)

RHYMES: tuple[str, ...] = tuple(
    [
        "a",
        "ai",
        "ao",
        "au",
        "ay",
        "ac",
        "ach",
        "am",
        "an",
        "ang",
        "anh",
        "ap",
        "at",
        "ăc",
        "ăm",
        "ăn",
        "ăng",
        "ăp",
        "ăt",
        "âc",
        "âm",
        "ân",
        "âng",
        "âp",
        "ât",
        "âu",
        "ây",
        "e",
        "ec",
        "em",
        "en",
        "eng",
        "eo",
        "ep",
        "et",
        "ê",
        "êch",
        "êm",
        "ên",
        "ênh",
        "êp",
        "êt",
        "êu",
        "i",
        "ia",
        "ich",
        "im",
        "in",
        "inh",
        "ip",
        "it",
        "iu",
        "iêc",
        "iêm",
        "iên",
        "iêng",
        "iêp",
        "iêt",
        "iêu",
        "o",
        "oa",
        "oac",
        "oach",
        "oai",
        "oam",
        "oan",
        "oang",
        "oanh",
        "oao",
        "oap",
        "oat",
        "oay",
        "oc",
        "oe",
        "oen",
        "oeo",
        "oet",
        "oi",
        "om",
        "on",
        "ong",
        "op",
        "ot",
        "oong",
        "ooc",
        "oăc",
        "oăm",
        "oăn",
        "oăng",
        "oăt",
        "ô",
        "ôc",
        "ôi",
        "ôm",
        "ôn",
        "ông",
        "ôp",
        "ôt",
        "ơ",
        "ơi",
        "ơm",
        "ơn",
        "ơp",
        "ơt",
        "u",
        "ua",
        "uân",
        "uâng",
        "uât",
        "uây",
        "uc",
        "uê",
        "uêch",
        "uênh",
        "uơ",
        "ui",
        "um",
        "un",
        "ung",
        "uôc",
        "uôi",
        "uôm",
        "uôn",
        "uông",
        "uôt",
        "up",
        "ut",
        "uy",
        "uya",
        "uych",
        "uyên",
        "uyêt",
        "uyn",
        "uynh",
        "uyp",
        "uyt",
        "uyu",
        "ư",
        "ưa",
        "ưc",
        "ưi",
        "ưm",
        "ưn",
        "ưng",
        "ươc",
        "ươi",
        "ươm",
        "ươn",
        "ương",
        "ươp",
        "ươt",
        "ươu",
        "ưt",
        "ưu",
        "y",
        "yêm",
        "yên",
        "yêt",
        "yêu",
    ]
)

_FRONT = ("i", "e", "ê")  # vowels after which c/g/ng are spelt k/gh/ngh


def strip_tone(text: str) -> tuple[str, int]:
    """Remove the tone mark of one syllable; return (letters with vowel marks, tone number)."""
    tone = 0
    out = []
    for ch in unicodedata.normalize("NFD", text):
        t = _TONE_OF_MARK.get(ch)
        if t is not None:
            tone = t
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)), tone


_ASCII_FOLD = str.maketrans({"đ": "d", "Đ": "D"})


@lru_cache(maxsize=200_000)
def skeleton(text: str) -> str:
    """All marks removed and đ folded to d: what accent-less typing of `text` looks like."""
    nfd = unicodedata.normalize("NFD", text.translate(_ASCII_FOLD))
    return "".join(ch for ch in nfd if not unicodedata.combining(ch))


def _vowel_span(letters: str) -> tuple[int, int]:
    """Start and end of the vowel nucleus, not counting the u of qu- or the i of gi-."""
    start = 0
    if letters.startswith("qu") or (
        letters.startswith("gi") and len(letters) > 2 and letters[2] in _VOWELS
    ):
        start = 2
    while start < len(letters) and letters[start] not in _VOWELS:
        start += 1
    end = start
    while end < len(letters) and letters[end] in _VOWELS:
        end += 1
    return start, end


def place_tone(letters: str, tone: int) -> str:
    """Put `tone` on the right vowel of lower-case toneless `letters` (classic placement)."""
    if tone == 0:
        return letters
    start, end = _vowel_span(letters)
    if start >= end:  # "gi" alone: the tone sits on the i
        idx = letters.rfind("i")
        if idx < 0:
            return letters
        start, end = idx, idx + 1
    nucleus = letters[start:end]
    mods = [i for i, ch in enumerate(nucleus) if ch in _MODIFIED]
    if mods:
        pos = mods[-1]  # ươ -> on ơ; single modified vowel otherwise
    elif end < len(letters) or len(nucleus) == 1:
        pos = len(nucleus) - 1 if end < len(letters) else 0
    elif len(nucleus) == 2:
        pos = 0
    else:
        pos = 1
    idx = start + pos
    marked = unicodedata.normalize("NFC", letters[idx] + TONE_MARKS[tone])
    return letters[:idx] + marked + letters[idx + 1 :]


def _spell(onset: str, rhyme: str) -> str | None:
    front = rhyme[0] in _FRONT or rhyme.startswith("y")
    if onset in ("c", "g", "ng") and front:
        return None
    if onset in ("k", "gh", "ngh") and not front:
        return None
    if onset == "qu" and rhyme.startswith("uy") and rhyme[2:3] != "ê":
        return "q" + rhyme  # the u of qu- is the rhyme's: "quỳnh", "quýt" ("quyên" is qu+yên)
    if onset == "qu" and rhyme[0] in "uưo":
        return None
    if onset == "gi":
        if rhyme.startswith("i"):
            return "g" + rhyme
        if rhyme.startswith("y"):
            return None
    if onset and rhyme.startswith("y") and rhyme != "y" and onset not in ("qu", "ngh"):
        return None  # yê- only stands alone or after qu-/ngh- is spelt iê
    return onset + rhyme


def _tones_for(rhyme: str) -> tuple[int, ...]:
    if rhyme.endswith(("c", "ch", "p", "t")):
        return (2, 5)
    return (0, 1, 2, 3, 4, 5)


@lru_cache(maxsize=1)
def toneless_inventory() -> frozenset[str]:
    """Every phonotactically valid toneless syllable (over-generates a little; fine for lookup)."""
    out: set[str] = set()
    for onset in ONSETS:
        for rhyme in RHYMES:
            s = _spell(onset, rhyme)
            if s:
                out.add(s)
    out.add("gi")
    return frozenset(out)


@lru_cache(maxsize=1)
def bare_skeletons() -> frozenset[str]:
    """What valid syllables look like typed without any marks ("nguoi", "dung")."""
    return frozenset(skeleton(s) for s in toneless_inventory())


@lru_cache(maxsize=1)
def full_inventory() -> frozenset[str]:
    """Every valid toned syllable, classic tone placement, lower case."""
    out: set[str] = set()
    for onset in ONSETS:
        for rhyme in RHYMES:
            s = _spell(onset, rhyme)
            if s:
                for t in _tones_for(rhyme):
                    out.add(place_tone(s, t))
    for t in range(6):
        out.add(place_tone("gi", t))
    return frozenset(out)


@lru_cache(maxsize=200_000)
def canonical(word: str) -> str:
    """Lower case, NFC, classic tone placement: the key two spellings of one syllable share."""
    low = unicodedata.normalize("NFC", word.lower())
    letters, tone = strip_tone(low)
    return place_tone(letters, tone)


def is_valid(word: str) -> bool:
    """True when `word` (any case, either tone style) is a valid Vietnamese syllable."""
    return canonical(word) in full_inventory()


def has_marks(word: str) -> bool:
    """True when the word carries any diacritic (tone, vowel mark, or đ)."""
    return skeleton(word) != word


def apply_case(pattern: str, word: str) -> str:
    """Give `word` the letter case of `pattern`: UPPER, Title, or else lower.

    OCR mixes cases inside words ("tUp" for "tập", "SUn" for "sản"); such patterns say
    nothing reliable, so they give lower case.
    """
    # The common cases, answered without walking the letters:
    if pattern.islower():
        return word
    if pattern.isalpha():
        if pattern.istitle():  # one word: first letter upper, the rest lower
            return word[:1].upper() + word[1:]
        if pattern.isupper() and len(pattern) > 1:
            return word.upper()
    letters = [c for c in pattern if c.isalpha()]
    if not letters or letters[0].islower():
        return word
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if all(c.islower() for c in letters[1:]):
        return word[:1].upper() + word[1:]
    return word
