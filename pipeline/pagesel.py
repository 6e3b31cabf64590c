"""`--pages`: which pages of each input a run processes ("1-3,7", "5-": from 5 to the end).

A page outside the selection is never opened for OCR and leaves no row and no failure. The
normalised spec is part of the run key, so a later run with other pages (or all of them) redoes
the document instead of skipping it, and it is kept in `documents.page_selection`.
"""

from __future__ import annotations

import re

from vanban.errors import UsageError

_RANGE = re.compile(r"^(\d+)(?:(-)(\d*))?$")


def parse(spec: str | None) -> str | None:
    """The normalised spec (sorted, merged ranges) or None for every page; UsageError if bad."""
    if spec is None:
        return None
    ranges: list[tuple[int, int | None]] = []
    for part in spec.replace(" ", "").split(","):
        m = _RANGE.match(part)
        if not m:
            raise UsageError(f"--pages: {part!r} is not a page, a range a-b or an open range a-"
                             " (e.g. --pages 1-3,7)")
        first = int(m.group(1))
        last = first if not m.group(2) else (int(m.group(3)) if m.group(3) else None)
        if first < 1 or (last is not None and last < first):
            raise UsageError(f"--pages: {part!r} is empty (pages count from 1)")
        ranges.append((first, last))
    ranges.sort(key=lambda r: r[0])
    merged: list[tuple[int, int | None]] = []
    for first, last in ranges:
        if merged:
            a, b = merged[-1]
            if b is None or first <= b + 1:
                merged[-1] = (a, None if b is None or last is None else max(b, last))
                continue
        merged.append((first, last))
    return ",".join(str(a) if a == b else f"{a}-" if b is None else f"{a}-{b}"
                    for a, b in merged)


def contains(spec: str | None, page_no: int) -> bool:
    """Is 1-based `page_no` selected by a normalised spec (None: every page)?"""
    if spec is None:
        return True
    for part in spec.split(","):
        first, dash, last = part.partition("-")
        if not dash:
            if page_no == int(first):
                return True
        elif int(first) <= page_no and (not last or page_no <= int(last)):
            return True
    return False
