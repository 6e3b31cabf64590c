"""Reading order of positioned words, shared by PDF text layers (ingest/) and OCR (ocr/).

Both give words with boxes; both need the same answer: lines rebuilt from word positions, and
two-column zones (issuer | national motto, "Nơi nhận" | signature) read left column first,
then right, instead of zig-zagging across the page. This module depends on nothing else in
vanban, so any stage may use it (tests/test_layers.py allows it explicitly).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Word:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    conf: float | None = None


@dataclass(slots=True)
class Segment:
    x0: float
    x1: float
    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(slots=True)
class Line:
    top: float
    bottom: float
    segments: list[Segment]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive output lines that start at `top`, each with the words it holds."""

    top: float
    lines: tuple[tuple[str, tuple[Word, ...]], ...]


def build_lines(words: Iterable[Word], gap: float,
                groups: Iterable[Sequence[Word]] | None = None) -> list[Line]:
    """Visual lines: units (single words, or pre-formed lines such as Tesseract's) whose
    vertical middles are within half a line height of each other form one line; a horizontal
    gap wider than `gap` starts a new segment of that line (another column)."""
    units = [list(g) for g in groups if g] if groups is not None else [[w] for w in words]

    def middle(unit: list[Word]) -> float:
        mids = sorted((w.top + w.bottom) / 2 for w in unit)
        return mids[len(mids) // 2]

    def height(unit: list[Word]) -> float:
        # The median word height: one tall misread speck must not make a line look huge.
        hs = sorted(w.bottom - w.top for w in unit)
        return max(1.0, hs[len(hs) // 2])

    def overlaps(a: list[Word], b: list[Word]) -> bool:
        return min(w.x0 for w in a) < max(w.x1 for w in b) and \
            min(w.x0 for w in b) < max(w.x1 for w in a)

    rows: list[list[list[Word]]] = []
    for unit in sorted(units, key=lambda u: (middle(u), min(w.x0 for w in u))):
        if rows:
            ref = rows[-1][0]
            same_band = abs(middle(unit) - middle(ref)) < 0.5 * max(height(ref), height(unit))
            # Units side by side are columns of one visual line; units that overlap
            # horizontally are different lines, however close vertically.
            if same_band and ((len(unit) == 1 and len(ref) == 1) or
                              not any(overlaps(unit, u) for u in rows[-1])):
                rows[-1].append(unit)
                continue
        rows.append([unit])
    lines: list[Line] = []
    for row in rows:
        row_words = sorted((w for unit in row for w in unit), key=lambda w: w.x0)
        segs: list[Segment] = []
        for w in row_words:
            if segs and w.x0 - segs[-1].x1 < gap:
                segs[-1].words.append(w)
                segs[-1].x1 = max(segs[-1].x1, w.x1)
            else:
                segs.append(Segment(w.x0, w.x1, [w]))
        lines.append(Line(min(w.top for w in row_words), max(w.bottom for w in row_words),
                          segs))
    return lines


def reading_order(lines: Sequence[Line], width: float, breaks: Iterable[float] = (),
                  margin: float = 5.0) -> list[Block]:
    """Group lines into blocks in reading order.

    A run of lines that all sit wholly in the left or the right half of the page is a
    two-column zone: its left segments are read first, then its right ones. A line crossing
    the middle ends the zone, and so does a `breaks` position (e.g. a table's top) between two
    lines, so text above and below a table never mixes.
    """
    mid = width / 2
    pending = sorted(breaks)
    blocks: list[Block] = []
    zone: list[Line] = []

    def side(seg: Segment) -> str:
        if seg.x1 <= mid + margin:
            return "L"
        if seg.x0 >= mid - margin:
            return "R"
        return "S"

    def flush() -> None:
        if not zone:
            return
        out: list[tuple[str, tuple[Word, ...]]] = []
        for want in ("L", "R"):
            for ln in zone:
                segs = [s for s in ln.segments if side(s) == want]
                if segs:
                    out.append((" ".join(s.text for s in segs),
                                tuple(w for s in segs for w in s.words)))
        blocks.append(Block(zone[0].top, tuple(out)))
        zone.clear()

    for ln in lines:
        if pending and pending[0] < ln.top:
            flush()
            while pending and pending[0] < ln.top:
                pending.pop(0)
        if any(side(s) == "S" for s in ln.segments):
            flush()
            blocks.append(Block(ln.top, ((ln.text, tuple(w for s in ln.segments
                                                          for w in s.words)),)))
        else:
            zone.append(ln)
    flush()
    return blocks
