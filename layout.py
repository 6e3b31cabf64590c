"""Reading order of positioned words, shared by PDF text layers (ingest/) and OCR (ocr/).

Both give words with boxes; both need the same answer: lines rebuilt from word positions, and
two-column zones (issuer | national motto, "Nơi nhận" | signature) read left column first,
then right, instead of zig-zagging across the page. Both also need each line's style measured
against its page (heading? new paragraph?), since neither carries markup or blank lines. This
module depends on nothing in vanban but the records, so any stage may use it
(tests/test_layers.py allows it explicitly).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from vanban.models.records import LineStyle


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


# --------------------------------------------------------------------------- line styles
# What a line looks like against its page, for the heading and paragraph decisions extract/
# makes (models.LineStyle). The thresholds are the measured ones of docs/notes/layout.md.

BOLD_SHARE = 0.95  # text layer: a line (nearly) all in a bold font; a bold run-in head
# ("2. Mặt trận Tổ quốc ...: " then its body, 72% bold in seed 002) is no heading line
STROKE_BOLD = 1.3  # OCR: strokes this much wider than the page's median line's
TALL = 1.5  # glyphs this much taller than the page's median line's (a larger type size);
# at 1.25 short OCR lines ("Kính gửi:", "(b/c);") passed on their diacritics: 14 false, 0 true
# A line pitch this much over the page's typical one: a paragraph starts. On the dev light
# scans (tools/bench/layout.py) 1.25 keeps precision 1.000 at recall 0.390 (1.35: 0.329;
# 1.2: precision 0.986); a text layer's pitch is exact, any threshold over 1.0 does there.
GAP_BREAK = 1.25
INDENT_MIN, INDENT_MAX = 0.8, 6.0  # first-line indent, in line heights
# A line ending before this share of the body width ended its paragraph (justified text, as
# Decree 30 has it). Dev precision/recall: digital 0.973/0.662, light scans 0.941/0.669 at 0.8;
# 0.75 and 0.85 differ by 0.01-0.04 in recall only.
SHORT_FILL = 0.8


@dataclass(frozen=True, slots=True)
class LineGeom:
    """One text line's measurable shape, in page units (points or pixels alike)."""

    x0: float
    x1: float
    top: float
    bottom: float
    height: float  # median word (or glyph) height: one tall speck must not make it tall
    bold: float | None = None  # share of glyphs in a bold font (text layers)
    stroke: float | None = None  # mean horizontal ink run, in page units (OCR)


def geom_of(words: Sequence[Word], bold: float | None = None,
            stroke: float | None = None) -> LineGeom | None:
    """The geometry of a line from its words (None for a line without words: a table row)."""
    if not words:
        return None
    hs = sorted(w.bottom - w.top for w in words)
    return LineGeom(min(w.x0 for w in words), max(w.x1 for w in words),
                    min(w.top for w in words), max(w.bottom for w in words),
                    max(1e-6, hs[len(hs) // 2]), bold, stroke)


def _median(xs: Sequence[float]) -> float:
    s = sorted(xs)
    return s[len(s) // 2] if s else 0.0


def _mode_left(xs: Sequence[float], tol: float) -> float:
    """The left edge most lines share (the body's margin), not the leftmost speck."""
    best, count = min(xs), 0
    for x in xs:
        n = sum(1 for y in xs if abs(y - x) <= tol)
        if n > count or (n == count and x < best):
            best, count = x, n
    return best


def measure(geoms: Sequence[LineGeom | None]) -> list[LineStyle]:
    """Each line measured against the page's body: median height and stroke, typical line
    pitch, the left margin most lines share and the right edge of full lines."""
    body = [g for g in geoms if g is not None]
    if len(body) < 3:
        return [LineStyle() for _ in geoms]
    med_h = _median([g.height for g in body])
    strokes = [g.stroke for g in body if g.stroke]
    med_stroke = _median(strokes) if strokes else 0.0
    left = _mode_left([g.x0 for g in body], 0.5 * med_h)
    right = sorted(g.x1 for g in body)[int(0.9 * (len(body) - 1))]
    width = max(right - left, med_h)
    pitches: list[float | None] = [None] * len(geoms)
    for i in range(1, len(geoms)):
        a, b = geoms[i - 1], geoms[i]
        # Only a line right below the one before it has a pitch: a column's jump back up, or
        # the line after a table row, says nothing about paragraphs.
        if a is not None and b is not None and 0 < b.top - a.top < 4 * med_h:
            pitches[i] = b.top - a.top
    typical = _median([p for p in pitches if p is not None])
    out: list[LineStyle] = []
    for g, pitch in zip(geoms, pitches, strict=True):
        if g is None:
            out.append(LineStyle())
            continue
        lead, trail = g.x0 - left, right - g.x1
        out.append(LineStyle(
            bold=g.bold,
            stroke=g.stroke / med_stroke if g.stroke and med_stroke else None,
            height=g.height / med_h,
            gap=pitch / typical if pitch is not None and typical else None,
            indent=lead / med_h,
            fill=min(1.0, max(0.0, (g.x1 - left) / width)),
            centred=lead > 2 * med_h and trail > 2 * med_h and abs(lead - trail) < 2 * med_h,
        ))
    return out


ALL_SIGNALS = frozenset({"bold", "stroke", "height", "gap", "indent", "short"})
# What the pipeline uses. `indent` is left out: the dev renderings have no indented paragraphs,
# so it found 0 breaks there and made 3 false ones (centred lines); it stays measured
# (LineStyle.indent) and switchable for documents that indent. `stroke` and `height` found
# nothing on dev either (no bold or larger type in the scans) but made no false call; stroke
# tells bold from regular OCR'd lines (tests/ocr/test_style.py).
DEFAULT_SIGNALS = ALL_SIGNALS - {"indent"}


def decide(styles: Sequence[LineStyle], signals: frozenset[str] = DEFAULT_SIGNALS
           ) -> tuple[LineStyle, ...]:
    """`emphasised` and `paragraph_break` of each line from its measures and its neighbours'.

    `signals` names the measures allowed to count (the benchmark switches them one by one).
    A break needs the line above to be measured too: after a table row nothing is said.
    """
    out: list[LineStyle] = []
    prev: LineStyle | None = None
    for s in styles:
        emph = (("bold" in signals and s.bold is not None and s.bold >= BOLD_SHARE)
                or ("stroke" in signals and s.stroke is not None and s.stroke >= STROKE_BOLD)
                or ("height" in signals and s.height is not None and s.height >= TALL))
        brk = False
        if prev is not None and prev.fill is not None and s.fill is not None:
            brk = (("gap" in signals and s.gap is not None and s.gap >= GAP_BREAK)
                   # An indented first line runs on to the right margin; a short indented
                   # line is a centred title's second line (5 of 5 false breaks on dev).
                   or ("indent" in signals and s.indent is not None and not s.centred
                       and INDENT_MIN <= s.indent <= INDENT_MAX and s.fill >= SHORT_FILL
                       and prev.indent is not None and prev.indent < INDENT_MIN)
                   or ("short" in signals and not prev.centred and not s.centred
                       and prev.fill < SHORT_FILL))
        out.append(dataclasses.replace(s, emphasised=emph, paragraph_break=brk))
        prev = s if s.fill is not None else None
    return tuple(out)


def line_styles(geoms: Sequence[LineGeom | None]) -> tuple[LineStyle, ...]:
    """Measured and decided styles, one per text line (None: a line without words)."""
    return decide(measure(geoms))


def styles_for(text: str, styles: Sequence[LineStyle]) -> tuple[LineStyle, ...]:
    """`styles` when they still describe `text` line for line, else none: a step that changed
    the lines (an archivist's correction, a dropped header row) leaves no wrong styles behind."""
    return tuple(styles) if len(styles) == text.count("\n") + 1 else ()
