"""Tables without ruling lines: columns found from where Tesseract's words sit.

A borderless table shows up as consecutive visual lines that each break into three or more
segments at wide gaps. Two segments are not enough: the two-column header and the
"Nơi nhận" / signature zone look exactly like that and are prose, read column by column.
"""

from __future__ import annotations

from collections.abc import Sequence

from vanban.layout import Line, Segment
from vanban.models.records import BBox, OcrWord, Table, TableCell

MIN_COLS = 3
MIN_ROWS = 2
COLUMN_TOLERANCE_PX = 60  # segment starts this close belong to the same column (~1.5 letters)


def _column_starts(run: Sequence[Line]) -> list[float]:
    """Column left edges: the segment starts of the run, merged when closer than the tolerance."""
    starts = sorted(s.x0 for ln in run for s in ln.segments)
    columns: list[list[float]] = []
    for x in starts:
        if columns and x - columns[-1][-1] <= COLUMN_TOLERANCE_PX:
            columns[-1].append(x)
        else:
            columns.append([x])
    return [min(c) for c in columns]


def _column_of(seg: Segment, starts: Sequence[float]) -> int:
    best = 0
    for i, x in enumerate(starts):
        if x <= seg.x0 + COLUMN_TOLERANCE_PX:
            best = i
    return best


def _table(run: Sequence[Line], page_no: int) -> Table:
    starts = _column_starts(run)
    cells: list[TableCell] = []
    for r, ln in enumerate(run):
        by_col: dict[int, list[Segment]] = {}
        for seg in ln.segments:
            by_col.setdefault(_column_of(seg, starts), []).append(seg)
        for c in range(len(starts)):
            segs = by_col.get(c, [])
            words = [w for s in segs for w in s.words]
            confs = [w.conf for w in words if w.conf is not None and w.conf >= 0]
            box = (BBox(int(min(s.x0 for s in segs)), int(ln.top), int(max(s.x1 for s in segs)),
                        int(ln.bottom)) if segs
                   else BBox(int(starts[c]), int(ln.top), int(starts[c]) + 1, int(ln.bottom)))
            cells.append(TableCell(
                row=r, col=c, text=" ".join(s.text for s in segs), bbox=box,
                conf=sum(confs) / len(confs) if confs else None,
                words=tuple(OcrWord(w.text, BBox(int(w.x0), int(w.top), int(w.x1), int(w.bottom)),
                                    w.conf if w.conf is not None else -1.0, 0) for w in words),
            ))
    x0 = int(min(s.x0 for ln in run for s in ln.segments))
    x1 = int(max(s.x1 for ln in run for s in ln.segments))
    return Table(page_no=page_no, n_rows=len(run), n_cols=len(starts), cells=tuple(cells),
                 bbox=BBox(x0, int(run[0].top), x1, int(run[-1].bottom)), method="word_columns")


def split_word_tables(lines: Sequence[Line], page_no: int) -> tuple[list[Line], list[Table]]:
    """Take runs of multi-column lines out of the prose and return them as tables."""
    rest: list[Line] = []
    tables: list[Table] = []
    run: list[Line] = []

    def close_run() -> None:
        if len(run) >= MIN_ROWS:
            tables.append(_table(run, page_no))
        else:
            rest.extend(run)
        run.clear()

    for ln in lines:
        if len(ln.segments) >= MIN_COLS:
            run.append(ln)
        else:
            close_run()
            rest.append(ln)
    close_run()
    return rest, tables
