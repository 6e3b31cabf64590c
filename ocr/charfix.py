"""Characters Tesseract `vie` produces that Vietnamese administrative text never contains.

Foreign look-alikes of Vietnamese letters are mapped to the letter they stand for (Icelandic
Ð/ð for Đ/đ, Spanish Ñ for N); stray symbols, usually a speck read as a glyph ("08©CN" for
"08 CN"), become a space; "đc" is "đ/c" whose slash was lost. These are properties of the script
and its abbreviations, not of any one document.
"""

from __future__ import annotations

import unicodedata

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
