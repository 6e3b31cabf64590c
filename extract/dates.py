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
