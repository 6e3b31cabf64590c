"""A worn copy's table whose top (or bottom) border came loose from its column rules keeps its
header row inside the table (dev photocopy h1 page 1: the header read as prose, the loose
border as a line of junk)."""

from PIL import ImageDraw
from rapidfuzz import fuzz

from vanban.ocr import ocr_page
from vanban.ocr.grid import find_grids

from scanpage import font, page, scanned

ROWS = [["Ngày", "Nội dung", "Chủ trì", "Lãnh đạo"],
        ["05 Thứ 2", "Họp giao ban", "Văn phòng", "Đ/c Oánh"],
        ["06 Thứ 3", "Kiểm tra xã Kỳ Tân", "Phòng NN", "Đ/c Long"]]
COLS = [150, 530, 1230, 1650, 2150]
ROW_YS = [200, 330, 430, 530]


def _table(draw: ImageDraw.ImageDraw, top_gap: int, top_rule: bool = True,
           bottom_gap: int = 0) -> None:
    """The grid with its column rules starting `top_gap` px below the top border (ending
    `bottom_gap` px above the bottom one); the top border broken into pieces."""
    for x in COLS:
        draw.line([(x, ROW_YS[0] + top_gap), (x, ROW_YS[-1] - bottom_gap)], fill=30, width=3)
    if top_rule:
        for x0 in range(COLS[0], COLS[-1], 120):  # a border broken every 120 px
            draw.line([(x0, ROW_YS[0]), (min(x0 + 95, COLS[-1]), ROW_YS[0])], fill=30, width=3)
    for y in ROW_YS[1:]:
        draw.line([(COLS[0], y), (COLS[-1], y)], fill=30, width=3)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            draw.text((COLS[c] + 20, ROW_YS[r] + 40), text, fill=20, font=font())


def test_a_loose_top_border_closes_the_header_row() -> None:
    img, draw = page(height=800)
    _table(draw, top_gap=25)
    scan = scanned(img, seed=3)
    (grid,) = find_grids(scan)
    assert grid.n_rows == 3 and abs(grid.ys[0] - ROW_YS[0]) <= 4, grid.ys
    got = ocr_page(scan, 1)
    (table,) = got.tables
    header = table.grid()[0]
    assert [fuzz.ratio(a, b) >= 80 for a, b in zip(header, ROWS[0], strict=True)] == [True] * 4
    assert len(got.text.splitlines()) == len(ROWS)  # no header read as prose, no junk line


def test_column_rules_ending_in_the_open_get_no_invented_line() -> None:
    # no rule past their ends: the column rules may be a fragment of a larger table whose
    # border lies further out (tests/ocr/test_grid_inner_fragment.py)
    img, draw = page(height=800)
    _table(draw, top_gap=0, top_rule=False)
    (grid,) = find_grids(scanned(img, seed=4))
    assert grid.n_rows == 2 and abs(grid.ys[0] - ROW_YS[1]) <= 4, grid.ys


def test_a_closed_table_keeps_its_lines() -> None:
    img, draw = page(height=800)
    _table(draw, top_gap=0)
    (grid,) = find_grids(scanned(img, seed=5))
    assert grid.n_rows == 3 and len(grid.ys) == 4 and abs(grid.ys[0] - ROW_YS[0]) <= 4


def test_column_rules_stopping_short_of_the_bottom_border_keep_the_last_row() -> None:
    img, draw = page(height=800)
    _table(draw, top_gap=0, bottom_gap=25)
    (grid,) = find_grids(scanned(img, seed=6))
    assert grid.n_rows == 3 and abs(grid.ys[-1] - ROW_YS[-1]) <= 4, grid.ys
