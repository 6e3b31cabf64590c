"""Date-phrase resolver: turns day/month/quarter/year numbers into the last date they allow.

Kept apart from the phrase finder in `deadlines.py` so the calendar rules (last day of a month or
quarter, impossible dates, a year taken from the document) are tested on their own.
"""

from __future__ import annotations

import calendar
import datetime as dt

from vanban.extract import vocab

MIN_YEAR = 1945
MAX_YEAR = 2100

# Numbers written in words, as a notice writes a day ("trước ngày mười lăm tháng 8", "ngày hai
# mươi mốt", "mồng năm"): units, with the spoken forms a unit takes after "mươi"/"mười" ("mốt"
# 1, "tư" 4, "lăm"/"nhăm" 5). Issue 11, n123 dev: a day in words gave no deadline.
_UNITS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
          "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
# "năm" before a number is the word "year" ("tháng mười năm 2026" is October 2026, not 15).
_NOT_YEAR = r"(?!năm\s+\d)"
# The regex a date finder embeds for a number from 1 to 39 in words ("mười", "mười lăm", "hai
# mươi", "hai mươi tư", "ba mươi mốt", "chín"). Unit words end at a word boundary.
NUMBER_WORDS = (
    r"(?:(?:" + _UNIT_RE + r")\s+mươi(?:\s+" + _NOT_YEAR + r"(?:" + _UNIT_RE + r"))?"
    r"|mười(?:\s+" + _NOT_YEAR + r"(?:" + _UNIT_RE + r"))?|(?:" + _UNIT_RE + r"))(?![\wÀ-ỹ])"
)


def number_from_words(text: str) -> int | None:
    """The value of a number from 1 to 99 written in words, or None when it is not one.

    "mười lăm" 15, "hai mươi" 20, "hai mươi tư" 24, "ba mươi mốt" 31; digits pass through."""
    words = text.lower().split()
    if not words:
        return None
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    tens = 0
    if words[0] == "mười":
        tens, words = 10, words[1:]
    elif len(words) >= 2 and words[1] == "mươi" and words[0] in _UNITS:
        tens, words = 10 * _UNITS[words[0]], words[2:]
    if len(words) > 1:
        return None
    if not words:
        return tens or None
    unit = _UNITS.get(words[0])
    if unit is None or (tens == 0 and words[0] in ("mốt", "lăm", "nhăm")):
        return None
    return tens + unit



def month_number(text: str) -> int | None:
    """A month as digits or in words ("8", "tám", "mười hai", "giêng" 1, "chạp" 12)."""
    low = text.lower().strip()
    return {"giêng": 1, "chạp": 12}.get(low) or number_from_words(low)


def full_year(year: int) -> int | None:
    """Two-digit years ("15/3/20") mean 20xx; anything outside the plausible range is no year."""
    if 0 <= year < 100:
        year += 2000
    if MIN_YEAR <= year <= MAX_YEAR:
        return year
    return None


def safe_date(year: int | None, month: int, day: int) -> dt.date | None:
    """The date, or None when it cannot exist (31/04, 30/02, month 13, no year)."""
    if year is None:
        return None
    y = full_year(year)
    if y is None or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(y, month)[1]:
        return None
    return dt.date(y, month, day)


def month_end(year: int | None, month: int) -> dt.date | None:
    if year is None:
        return None
    y = full_year(year)
    if y is None or not 1 <= month <= 12:
        return None
    return dt.date(y, month, calendar.monthrange(y, month)[1])


def quarter_end(year: int | None, quarter: int) -> dt.date | None:
    if not 1 <= quarter <= 4:
        return None
    return month_end(year, quarter * 3)


def year_end(year: int | None) -> dt.date | None:
    return month_end(year, 12)


def quarter_number(token: str) -> int | None:
    """Quarter written as a Roman numeral (I-IV, or its OCR reading, see vocab.py) or a digit."""
    return vocab.roman_value(token)
