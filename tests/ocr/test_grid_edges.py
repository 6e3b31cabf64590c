"""Tables as photocopies show them: an outer border missing, a dark frame round the page."""

from PIL import ImageDraw
from rapidfuzz import fuzz

from vanban.ocr import ocr_page
from vanban.ocr.grid import find_grids

from scanpage import font, page, scanned

ROWS = [["Ngày", "Nội dung", "Chủ trì", "Lãnh đạo"],
        ["05 Thứ 2", "Họp giao ban", "Văn phòng", "Đ/c Oánh"],
        ["06 Thứ 3", "Kiểm tra xã Kỳ Tân", "Phòng NN", "Đ/c Long"]]


def _table(draw: ImageDraw.ImageDraw, right_border: bool, x: int = 150, y: int = 150) -> None:
    cols = [x, x + 380, x + 1080, x + 1500, x + 2000]
    rows = [y + 100 * r for r in range(len(ROWS) + 1)]
    for cx in cols if right_border else cols[:-1]:
        draw.line([(cx, rows[0]), (cx, rows[-1])], fill=30, width=3)
    for ry in rows:
        draw.line([(cols[0], ry), (cols[-1], ry)], fill=30, width=3)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            draw.text((cols[c] + 20, rows[r] + 25), text, fill=20, font=font())


def test_a_table_without_its_right_border_keeps_all_its_columns() -> None:
    img, draw = page(height=700)
    _table(draw, right_border=False)
    scan = scanned(img, angle=0.3, seed=2)
    (grid,) = find_grids(scan)
    assert (grid.n_rows, grid.n_cols) == (3, 4)
    got = ocr_page(scan, 1)
    (table,) = got.tables
    leaders = [row[3] for row in table.grid()]
    assert [fuzz.ratio(a, b) >= 80 for a, b in zip(leaders, [r[3] for r in ROWS],
                                                   strict=True)] == [True] * 3, leaders


def test_bordered_table_is_unchanged() -> None:
    img, draw = page(height=700)
    _table(draw, right_border=True)
    (grid,) = find_grids(scanned(img, seed=2))
    assert (grid.n_rows, grid.n_cols) == (3, 4)


def test_a_dark_frame_round_the_page_is_no_table() -> None:
    img, draw = page(width=2480, height=1200)
    _table(draw, right_border=True, y=300)
    draw.rectangle((0, 0, 2479, 1199), outline=15, width=40)  # photocopy's dark edges
    grids = find_grids(scanned(img, seed=1))
    assert [(g.n_rows, g.n_cols) for g in grids] == [(3, 4)]


def test_deskew_ignores_a_dark_frame_and_the_table_is_found() -> None:
    from vanban.ocr.preprocess import deskew

    img, draw = page(width=2480, height=1600)
    _table(draw, right_border=True, y=400)
    skewed = scanned(img, angle=1.2, seed=1)
    framed = skewed.copy()
    framed[:60], framed[-60:], framed[:, :60], framed[:, -60:] = 25, 25, 25, 25
    straight, angle = deskew(framed)
    assert abs(angle + 1.2) <= 0.2, angle
    assert [(g.n_rows, g.n_cols) for g in find_grids(straight)] == [(3, 4)]
