"""Characters Tesseract `vie` produces that Vietnamese administrative text never contains.

Foreign look-alikes of Vietnamese letters are mapped to the letter they stand for (Icelandic
Ð/ð for Đ/đ, Spanish Ñ for N); stray symbols, usually a speck read as a glyph ("08©CN" for
"08 CN"), become a space; "đc" is "đ/c" whose slash was lost. These are properties of the script
and its abbreviations, not of any one document.
"""

from __future__ import annotations

import itertools
import unicodedata

from vanban.ocr.quality import is_syllable

LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "Ñ": "N", "ñ": "n", "Ɖ": "Đ", "ɖ": "đ"})
STRAY = frozenset("©®™¬£¢¤¦¨¯±²³µ¶¸¹º¼½¾¿×÷¥§¡")


# "đ/c" (đồng chí) with its slash lost; "đc" has no vowel, so it is no Vietnamese syllable and
# can only be this abbreviation.
LOST_SLASH = {"đc": "đ/c", "Đc": "Đ/c", "ĐC": "Đ/C"}


def fix_word(text: str) -> str:
    text = text.translate(LOOKALIKES)
    core = text.rstrip(",.;:")
    if core in LOST_SLASH:
        text = LOST_SLASH[core] + text[len(core):]
    if any(ch in STRAY for ch in text):
        text = " ".join("".join(" " if ch in STRAY else ch for ch in text).split())
    return text


# Roman numerals in lower case that are no Vietnamese syllable ("vi", "xi" are: "vi phạm",
# "xi măng"). Tesseract reads a heading's "II." as "ii." when a thin fax threshold broke the
# capitals' serifs (dev fax2+skew h3 seed 3: "ii. Nhiệm vụ trọng tâm" lost its section, and
# every directive of the notice with it: directive F1 1.000 -> 0.000 at 1.55% CER).
LOWER_ROMAN = frozenset({"ii", "iii", "iv", "vii", "viii", "ix", "xii"})


def fix_numeral(first: str, following: str) -> str:
    """A line's first word "ii." (or "iii)", ...) before a capitalised word is the Roman
    heading label "II.": administrative documents number sections and items with capital
    Roman numerals, digits and letters, never with lower-case Roman ones."""
    core = first.rstrip(".)")
    if core != first and core in LOWER_ROMAN and following[:1].isupper():
        return core.upper() + first[len(core):]
    return first


# Marks of the Vietnamese alphabet: grave, acute, tilde, hook above, dot below (tones),
# breve, circumflex, horn (vowel letters).
_VIET_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b")


PUNCTUATION = frozenset(".,;:!?()[]{}\"'“”‘’/\\-–—%&+*#@<>=_…·|")


def has_foreign_letters(text: str) -> bool:
    """True when `text` holds a character no Vietnamese document line has: a letter outside
    the Vietnamese (and plain Latin) alphabet, or a symbol that is no common punctuation."""
    for ch in text:
        if ch.isdigit() or ch.isspace() or ch in "đĐ" or ch in PUNCTUATION:
            continue
        if not ch.isalpha():
            return True
        nfd = unicodedata.normalize("NFD", ch)
        base, marks = nfd[0], nfd[1:]
        if not ("a" <= base.lower() <= "z") or any(m not in _VIET_MARKS for m in marks):
            return True
    return False


def fix_case(texts: list[str]) -> list[str]:
    """Lower a word Tesseract read in capitals in the middle of lowercase text ("Phòng làm
    VIỆC", "làm ViỆC"): thinned or thickened glyphs of a worn copy read as capitals of the
    same letters. Only a Vietnamese syllable carrying a vowel mark (an acronym never does:
    "UBND", "TU", "OCOP" stay), after a word in lowercase letters and not before another
    word in capitals (a heading, a capitalised name "NGUYỄN VĂN A" stays). A word wholly in
    capitals becomes lowercase; one with capitals after a lowercase letter keeps its first
    letter ("ViỆC" -> "Việc": a name would be written so)."""
    out = list(texts)
    for i, text in enumerate(texts):
        core = _core(text)
        if i == 0 or not _marked_syllable(core) or core == core.lower():
            continue
        before, after = _core(texts[i - 1]), _core(texts[i + 1]) if i + 1 < len(texts) else ""
        if not (before.isalpha() and before == before.lower()):
            continue
        if after.isalpha() and after == after.upper():
            continue
        if core == core.upper() and len(core) > 1:
            out[i] = text.replace(core, core.lower())
        elif any(a.islower() and b.isupper() for a, b in itertools.pairwise(core)):
            out[i] = text.replace(core, core[0] + core[1:].lower())
    return out


_EDGE = ".,;:!?()[]{}\"'“”‘’…-–—/"


def _core(text: str) -> str:
    return text.strip(_EDGE)


def _marked_syllable(core: str) -> bool:
    """An alphabetic word of one Vietnamese syllable's shape with a tone or vowel mark."""
    if not core.isalpha():
        return False
    nfd = unicodedata.normalize("NFD", core)
    return any(ch in _VIET_MARKS for ch in nfd) and is_syllable(core)
