"""Light-markup removal and spacing normalisation shared by every parser.

Seeds carry `**`, `<b>`, `<i>`, `*` and `#` around cells and headings; OCR and PDF text layers do
not. Parsers match on the stripped text so both sources follow one code path.
"""

from __future__ import annotations

import re
import unicodedata

_TAG = re.compile(r"</?(?:b|i|u|em|strong)>", re.IGNORECASE)
_STARS = re.compile(r"\*+")
_HEADING = re.compile(r"^\s*#+\s*")
_SPACE = re.compile(r"[ \u00a0\u2002\u2003\u2009]+")
_OPEN_PAREN = re.compile(r"\(\s+")
_CLOSE_PAREN = re.compile(r"\s+\)")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def is_emphasised(line: str) -> bool:
    """A line wholly wrapped in bold/italic/heading markup reads as a heading in these seeds."""
    s = line.strip()
    if not s:
        return False
    if _HEADING.match(s):
        return True
    return bool(re.fullmatch(r"(\*\*|<b>).+?(\*\*|</b>)", s)) or bool(
        re.fullmatch(r"(\*\*\*|\*\*<i>|<b><i>).+", s)
    )


def strip_markup(text: str) -> str:
    """Drop tags, stars and heading hashes; keep the words and collapse spaces."""
    s = nfc(text)
    s = _HEADING.sub("", s)
    s = _TAG.sub("", s)
    s = _STARS.sub("", s)
    s = _SPACE.sub(" ", s)
    return s.strip()


def tidy(text: str) -> str:
    """Markup-free text with the bracket spacing OCR and cell joins leave behind removed."""
    s = strip_markup(text)
    s = _OPEN_PAREN.sub("(", s)
    s = _CLOSE_PAREN.sub(")", s)
    return s.strip()
