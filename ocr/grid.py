"""Table structure from ruling lines: find bordered tables, their row and column lines, and the
merged cells (a day cell spanning many rows, a session row spanning columns).

Lines are found by morphology on the binarised, deskewed page: an opening with a long thin
kernel keeps only long horizontal (or vertical) strokes, a small dilation bridges the breaks
of faint or photocopied lines. A boundary between two neighbouring grid cells exists when
ruling ink covers most of it; where it does not, the two cells are one merged cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from vanban.ocr.grid_ends import close_ends
from vanban.ocr.preprocess import binarize, components

MIN_TABLE_WIDTH_FRAC = 0.33
MIN_TABLE_HEIGHT_PX = 80
BOUNDARY_COVERAGE = 0.2  # real merges measure 0.0; a fax-broken rule 0.48 (dev fax2 h2)
BOUNDARY_REACH = 14  # px either side of a line's position (was 6: one global x +- 6)
MIN_LINE_PX = 75


@dataclass(frozen=True, slots=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 on the line centres


@dataclass(frozen=True, slots=True)
class Grid:
    box: tuple[int, int, int, int]
    ys: tuple[int, ...]  # row line positions, top to bottom
    xs: tuple[int, ...]  # column line positions, left to right
    cells: tuple[GridCell, ...]

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


@dataclass(frozen=True, slots=True)
class LineMasks:
    horizontal: np.ndarray
    vertical: np.ndarray
    ink: np.ndarray | None = None  # the binarised page the masks came from

    @property
    def both(self) -> np.ndarray:
        out: np.ndarray = cv2.bitwise_or(self.horizontal, self.vertical)
        return out


def line_masks(gray: np.ndarray) -> LineMasks:
    ink = binarize(gray)
    h, w = ink.shape
    # Longer than any letter stroke (a 13 pt capital with its tone mark is ~50 px at 300 dpi),
    # so only ruling lines survive the opening.
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(MIN_LINE_PX, w // 30), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(MIN_LINE_PX, h // 60)))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, hk)
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, vk)
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 3)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 15)))
    return LineMasks(horizontal, vertical, ink)


def without_lines(gray: np.ndarray, masks: LineMasks) -> np.ndarray:
    """The page with its ruling lines (as found, with their 1-px dilation across) set to the
    paper's grey."""
    paper = int(np.percentile(gray[::8, ::8], 90))
    out = gray.copy()
    out[masks.both > 0] = paper
    return out


def _centres(positions: np.ndarray, gap: int = 8) -> list[int]:
    groups: list[list[int]] = []
    for p in positions.tolist():
        if groups and p - groups[-1][-1] <= gap:
            groups[-1].append(p)
        else:
            groups.append([p])
    return [round(sum(g) / len(g)) for g in groups]


def find_grids(gray: np.ndarray, masks: LineMasks | None = None) -> list[Grid]:
    """Every bordered table on the page, top to bottom."""
    masks = masks or line_masks(gray)
    width = gray.shape[1]
    n, labels, stats, _ = components(masks.both)
    grids: list[Grid] = []
    outlines: set[Grid] = set()  # grids whose own lines are only their outline
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if w < MIN_TABLE_WIDTH_FRAC * width or h < MIN_TABLE_HEIGHT_PX:
            continue
        hm = masks.horizontal[y: y + h, x: x + w]
        vm = masks.vertical[y: y + h, x: x + w]
        ys = [y + v for v in _centres(np.nonzero(hm.sum(axis=1) > 0.05 * w * 255)[0])]
        xs = [x + v for v in _centres(np.nonzero(vm.sum(axis=0) > 0.2 * h * 255)[0])]
        # A part with one row line is kept for now: it may be a fragment of a table whose
        # vertical rules a break cut (joined below, else dropped).
        if len(ys) < 1 or len(xs) < 2:
            continue
        xs = _close_sides(masks.horizontal, ys, xs)
        ys = close_ends(masks.horizontal, masks.vertical, ys, xs, y, y + h)
        grid = Grid((min(x, xs[0]), min(y, ys[0]), max(x + w, xs[-1]), max(y + h, ys[-1])),
                    tuple(ys), tuple(xs),
                    _merge_cells(masks, ys, xs))
        grids.append(grid)
        if not _own_inner_rules(labels[y: y + h, x: x + w] == i):
            outlines.add(grid)
    grids = _drop_frames(sorted(grids, key=lambda g: g.box[1]), gray.shape, outlines)
    return [g for g in _join_fragments(grids, masks) if g.n_rows >= 1]


# Fragments of one table: their column lines agree within this many px, and the lower one
# starts at most this far below the upper one's bottom (a fax scan line that dropped out cuts
# every vertical rule at one height; the two parts touch or overlap).
FRAGMENT_X_TOLERANCE = 20
FRAGMENT_MAX_GAP = 40
SAME_LINE_PX = 20  # two row (or column) lines this close are one rule seen by both fragments
# Two grids sharing this much of the smaller one's area are one table whose rules fell into
# two interleaved components (fax2+skew h4 page 3: the table read twice).
FRAGMENT_OVERLAP = 0.5


def _join_fragments(grids: list[Grid], masks: LineMasks) -> list[Grid]:
    """One table split into several grids by broken rules is one grid again.

    Two grids are fragments of one table when the lower one touches or overlaps the upper
    one and they share their column lines (same count, positions within
    `FRAGMENT_X_TOLERANCE`), or when they cover mostly the same area (the rules of one
    table fell into two interleaved components). Their row and column lines are united (a
    rule both saw counts once, so no row is read twice) and the merged cells are found again
    on the union from the ink itself, so the row cut by the break is one row of the table
    instead of ink outside any cell, and a line only one fragment saw splits only the cells
    its ink really separates."""
    out: list[Grid] = []
    for g in grids:
        for i, prev in enumerate(out):
            if _fragments(prev, g):
                out[i] = _joined(prev, g, masks)
                break
        else:
            out.append(g)
    return out


def _fragments(a: Grid, b: Grid) -> bool:
    ix = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
    iy = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
    area = min((g.box[2] - g.box[0]) * (g.box[3] - g.box[1]) for g in (a, b))
    if ix > 0 and iy > 0 and ix * iy >= FRAGMENT_OVERLAP * area:
        return True
    upper, lower = (a, b) if a.box[1] <= b.box[1] else (b, a)
    return (len(a.xs) == len(b.xs)
            and all(abs(p - q) <= FRAGMENT_X_TOLERANCE for p, q in zip(a.xs, b.xs, strict=True))
            and lower.box[1] - upper.box[3] <= FRAGMENT_MAX_GAP
            and lower.box[3] > upper.box[3])


def _united(positions: tuple[int, ...], more: tuple[int, ...]) -> list[int]:
    out: list[int] = []
    for p in sorted(positions + more):
        if out and p - out[-1] <= SAME_LINE_PX:
            out[-1] = (out[-1] + p) // 2
        else:
            out.append(p)
    return out


def _joined(a: Grid, b: Grid, masks: LineMasks) -> Grid:
    # Where the break cut the vertical rules, the upper fragment ends at the cut with no rule
    # under its last row, and the lower one starts below it: the cut row runs from the upper
    # fragment's last rule to the lower one's first.
    ys, xs = _united(a.ys, b.ys), _united(a.xs, b.xs)
    box = (min(a.box[0], b.box[0]), min(a.box[1], b.box[1]),
           max(a.box[2], b.box[2]), max(a.box[3], b.box[3]))
    # An inner column line without any vertical rule is a fragment's closed side (where its
    # rows' rules happened to end), not a column of the table: kept, it split every row in
    # two (dev photocopy+skew h1 page 3: 7 columns for 5).
    xs = [x for k, x in enumerate(xs)
          if k in (0, len(xs) - 1) or _has_rule(masks.vertical, x, box[1], box[3])]
    return Grid(box, tuple(ys), tuple(xs), _merge_cells(masks, ys, xs))


def _has_rule(vertical: np.ndarray, x: int, y0: int, y1: int) -> bool:
    band = vertical[y0:y1, max(0, x - BOUNDARY_REACH): x + BOUNDARY_REACH + 1]
    return band.size > 0 and int(np.count_nonzero(band.max(axis=1))) >= MIN_LINE_PX


# A missing outer border is closed where most horizontal rules end, when that is at least
# this far outside the outermost vertical line (narrower than any real column).
MIN_OPEN_COLUMN_PX = 60
LINE_DILATION_PX = 7  # line_masks dilates horizontal lines by 15 px: 7 on each side


def _close_sides(horizontal: np.ndarray, ys: list[int], xs: list[int]) -> list[int]:
    """Add the outer column line a table lacks (its right border on the paper edge, or not
    printed): the rows' horizontal rules still run to where it would be."""
    lefts, rights = [], []
    for y in ys:
        row = horizontal[max(0, y - 2): y + 3].max(axis=0)
        on = np.flatnonzero(row)
        if on.size:
            lefts.append(int(on[0]) + LINE_DILATION_PX)
            rights.append(int(on[-1]) - LINE_DILATION_PX)
    if len(rights) < 2:
        return xs
    right, left = int(np.median(rights)), int(np.median(lefts))
    out = list(xs)
    if right - out[-1] >= MIN_OPEN_COLUMN_PX:
        out.append(right)
    if out[0] - left >= MIN_OPEN_COLUMN_PX:
        out.insert(0, left)
    return out


FRAME_EDGE_FRAC = 0.03  # a grid this close to all four page edges is the page's dark frame
# A component's own ruling ink this far inside its box is a rule of its own (a table's inner
# row or column line), not its outline; a skewed border stays within ~30 px of its box.
INNER_MARGIN_PX = 40
INNER_RULE_PX = 3 * MIN_LINE_PX  # a dilated line MIN_LINE_PX long and >= 3 px thick


def _own_inner_rules(component: np.ndarray) -> bool:
    """Whether a line component has rules of its own inside its outline (a table) rather than
    only an outline (a border drawn round the page or a text box)."""
    m = INNER_MARGIN_PX
    inner = component[m:-m, m:-m]
    return inner.size > 0 and int(np.count_nonzero(inner)) >= INNER_RULE_PX


def _drop_frames(grids: list[Grid], shape: tuple[int, ...],
                 outlines: set[Grid] | None = None) -> list[Grid]:
    """A photocopy's dark frame (or a border drawn round the whole page) is no table: a grid
    hugging all four page edges, or an outline holding another grid, is left out; the grids
    it holds are the tables. A grid with inner rules of its own that holds another grid is a
    table holding a fragment of itself (rules a worn photocopy broke fell into a separate
    component inside it: dev photocopy+skew h1 page 3, the whole table dropped as a frame
    and 1 of its 12 rows read); it is kept and the fragment joined to it."""
    if outlines is None:
        outlines = set(grids)
    h, w = shape[0], shape[1]
    mx, my = FRAME_EDGE_FRAC * w, FRAME_EDGE_FRAC * h

    def hugs_edges(g: Grid) -> bool:
        x0, y0, x1, y1 = g.box
        return x0 <= mx and y0 <= my and x1 >= w - mx and y1 >= h - my

    def holds(outer: Grid, inner: Grid) -> bool:
        return outer is not inner and (outer.box[0] <= inner.box[0] and outer.box[1] <= inner.box[1]
                                       and outer.box[2] >= inner.box[2]
                                       and outer.box[3] >= inner.box[3])

    return [g for g in grids if not hugs_edges(g)
            and not (g in outlines and any(holds(g, o) for o in grids))]


def _merge_cells(masks: LineMasks, ys: list[int], xs: list[int]) -> tuple[GridCell, ...]:
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(rows) for c in range(cols)}

    def find(k: tuple[int, int]) -> tuple[int, int]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # Each boundary is looked for within +-BOUNDARY_REACH px of the line's position, so a
    # rule that runs slanted or bowed across the table (left over from skew or a photo's
    # perspective: 0.5 deg is 9 px over a 1000-px cell) is still found along each cell.
    # Only long lines are in the masks, and rules are far more than this apart.
    reach = BOUNDARY_REACH
    down: set[tuple[int, int]] = set()  # (r, c) joined to (r + 1, c)
    for r in range(rows):
        for c in range(cols):
            if r + 1 < rows:
                y = ys[r + 1]
                band = masks.horizontal[max(0, y - reach): y + reach + 1,
                                        xs[c] + 10: xs[c + 1] - 10]
                if ((band.size == 0 or (band.max(axis=0) > 0).mean() < BOUNDARY_COVERAGE)
                        and not _dashed_rule(masks.ink, y, xs[c] + 10, xs[c + 1] - 10)
                        and not _dotted_rule(masks.ink, y, xs[c] + 10, xs[c + 1] - 10)):
                    union((r, c), (r + 1, c))
                    down.add((r, c))
            if c + 1 < cols:
                x = xs[c + 1]
                band = masks.vertical[ys[r] + 10: ys[r + 1] - 10,
                                      max(0, x - reach): x + reach + 1]
                if ((band.size == 0 or (band.max(axis=1) > 0).mean() < BOUNDARY_COVERAGE)
                        and not _dashed_column(masks.ink, x, ys[r] + 10, ys[r + 1] - 10)):
                    union((r, c), (r, c + 1))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for k in parent:
        groups.setdefault(find(k), []).append(k)
    groups = _rectangular(groups, down)
    cells = []
    for members in groups.values():
        r0 = min(m[0] for m in members)
        r1 = max(m[0] for m in members)
        c0 = min(m[1] for m in members)
        c1 = max(m[1] for m in members)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1,
                              (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    return tuple(sorted(cells, key=lambda cell: (cell.row, cell.col)))


# A horizontal rule a worn photocopy broke into dashes: pieces at least this long (shorter than
# the line masks' opening, w // 30 = 82 px on A4, which drops them all) ...
DASH_MIN_PX = 17
DASH_MAX_THICK_PX = 8  # ... and thinner than this (a letter's stem is taller) ...
DASHED_COVERAGE = 0.3  # ... along this share of the boundary (measured: 0.59-0.80, real merges 0)
DASH_CLEAR_PX = 10  # ink this far round the band is looked at, so a stem is seen whole


def _dashed_rule(ink: np.ndarray | None, y: int, x0: int, x1: int) -> bool:
    """Whether a boundary the line masks found no rule on holds a rule broken into dashes.

    On a worn photocopy faint toner breaks a horizontal rule into 20-60 px pieces; the line
    masks' long opening drops every piece, so the two cells were read as one merged cell
    ("Buổi chiều:" and the next row's task in one cell, dev photocopy t1 page 2). A dash is
    thin ink (no taller than `DASH_MAX_THICK_PX`) at least `DASH_MIN_PX` long; letters
    crossing a real merged cell (a day cell spanning rows) have tall stems and no such long
    thin pieces: along every real merge of the dev pages measured (clean scans and
    photocopies of t1, h1, h2) the dashes cover 0.00 of the boundary, along the broken rules
    0.59-0.80. Looked at only where the masks saw no rule, so a clean page pays a few
    small morphologies per merged cell."""
    if ink is None or x1 - x0 < DASH_MIN_PX:
        return False
    r, m = BOUNDARY_REACH, DASH_CLEAR_PX
    top = max(0, y - r - m)
    band = ink[top: y + r + m + 1, x0:x1]
    tall = cv2.morphologyEx(band, cv2.MORPH_OPEN, np.ones((DASH_MAX_THICK_PX + 1, 1), np.uint8))
    thin = cv2.bitwise_and(band, cv2.bitwise_not(tall))
    dashes = cv2.morphologyEx(thin, cv2.MORPH_OPEN, np.ones((1, DASH_MIN_PX), np.uint8))
    core = dashes[max(0, y - r) - top: y + r + 1 - top]
    return core.size > 0 and float((core.max(axis=0) > 0).mean()) >= DASHED_COVERAGE


# A horizontal rule a thin fax threshold broke into dots: pieces no taller than this ...
DOT_MAX_THICK_PX = 8
DOT_ALIGN_PX = 2  # ... whose centres lie this close to their median height ...
DOT_MIN_PIECES = 4
DOTTED_COVERAGE = 0.45  # ... along this share of the boundary (measured below)


def dotted_rule_coverage(ink: np.ndarray | None, y: int, x0: int, x1: int) -> float:
    """Share of a horizontal boundary covered by one rule broken into dots: whole ink
    components (within the band round `y` plus a clearance, so a letter is seen whole) no
    taller than `DOT_MAX_THICK_PX`, centred within `DOT_ALIGN_PX` of their median height.

    A thin fax threshold leaves a rule as 3-23 px pieces 3-7 px thick, all centred on one
    row (dev fax2 t1 page 2, the rule under the header in the day column: 0.64 of the
    width); `_dashed_rule` wants pieces of 17 px and more and missed it, so the header cell
    and the day cell under it were one cell and "03 Thứ 5" was dropped with the repeated
    header. Letters crossing a real merged cell are tall components; only their tone marks,
    i dots and commas are as small, and those stand at several heights and cover a tenth of
    a line's width, not half."""
    if ink is None or x1 - x0 < 4 * DOT_MIN_PIECES:
        return 0.0
    r, m = BOUNDARY_REACH, DASH_CLEAR_PX
    top = max(0, y - r - m)
    band = ink[top: y + r + m + 1, x0:x1]
    if band.size == 0:
        return 0.0
    n, _, stats, centres = cv2.connectedComponentsWithStats(band, connectivity=8)
    if n <= 1:
        return 0.0
    h = stats[1:, cv2.CC_STAT_HEIGHT]
    cy = centres[1:, 1] + top
    small = (h <= DOT_MAX_THICK_PX) & (np.abs(cy - y) <= r)
    if int(small.sum()) < DOT_MIN_PIECES:
        return 0.0
    middle = float(np.median(cy[small]))
    on = small & (np.abs(cy - middle) <= DOT_ALIGN_PX)
    if int(on.sum()) < DOT_MIN_PIECES:
        return 0.0
    covered = np.zeros(x1 - x0, bool)
    for left, width in zip(stats[1:, cv2.CC_STAT_LEFT][on], stats[1:, cv2.CC_STAT_WIDTH][on],
                           strict=True):
        covered[left: left + width] = True
    return float(covered.mean())


def _dotted_rule(ink: np.ndarray | None, y: int, x0: int, x1: int) -> bool:
    return dotted_rule_coverage(ink, y, x0, x1) >= DOTTED_COVERAGE


COLUMN_DASH_ALIGN_PX = 5  # dashes of one rule lie this close to their median x
DASHED_COLUMN_COVERAGE = 0.3


def dashed_column_coverage(ink: np.ndarray | None, x: int, y0: int, y1: int) -> float:
    """Share of a vertical boundary's height covered by one rule's dashes: narrow, tall ink
    pieces standing alone (no wider than `DASH_MAX_THICK_PX` + 2 px, at least `DASH_MIN_PX`
    high) lined up within `COLUMN_DASH_ALIGN_PX` of their median x.

    A letter's stem is as thin and as tall as a dash but is joined to its serifs, bowls or
    arches, so its component is wider; and stems of a text line stand at scattered x, while
    a rule's dashes stand on one line."""
    if ink is None or y1 - y0 < DASH_MIN_PX:
        return 0.0
    r, m = BOUNDARY_REACH, DASH_CLEAR_PX
    left = max(0, x - r - m)
    band = ink[y0:y1, left: x + r + m + 1]
    if band.size == 0:
        return 0.0
    n, _, stats, _ = cv2.connectedComponentsWithStats(band, connectivity=8)
    w, h = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    cx = stats[1:, cv2.CC_STAT_LEFT] + w / 2 + left
    dash = (w <= DASH_MAX_THICK_PX + 2) & (h >= DASH_MIN_PX) & (np.abs(cx - x) <= r)
    if n <= 1 or not dash.any():
        return 0.0
    centre = float(np.median(cx[dash]))
    on = dash & (np.abs(cx - centre) <= COLUMN_DASH_ALIGN_PX)
    covered = np.zeros(y1 - y0, bool)
    for top, height in zip(stats[1:, cv2.CC_STAT_TOP][on], h[on], strict=True):
        covered[top: top + height] = True
    return float(covered.mean())


def _dashed_column(ink: np.ndarray | None, x: int, y0: int, y1: int) -> bool:
    """Whether a column boundary the line masks found no rule on holds a rule broken into
    dashes (a worn photocopy's faint toner: two columns' cells were read as one, "Huyện Đ/c
    tla Diễn | Châu", dev photocopy h1 page 3)."""
    return dashed_column_coverage(ink, x, y0, y1) >= DASHED_COLUMN_COVERAGE


def _rectangular(groups: dict[tuple[int, int], list[tuple[int, int]]],
                 down: set[tuple[int, int]]) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Merged cells are rectangles. A group that is not one (a day cell spanning rows that
    also lost one vertical rule to a fax dropout: an L-shape whose box covers other cells,
    which were then read twice) keeps only its joins down a column."""
    out: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for members in groups.values():
        rows = {m[0] for m in members}
        cols = {m[1] for m in members}
        if len(members) == (max(rows) - min(rows) + 1) * (max(cols) - min(cols) + 1):
            out[min(members)] = members
            continue
        for r, c in sorted(members):
            top = (r, c)
            while (top[0] - 1, c) in down and (top[0] - 1, c) in members:
                top = (top[0] - 1, c)
            out.setdefault(top, []).append((r, c))
    return out
