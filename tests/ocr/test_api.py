"""Real Tesseract on small synthetic scans: tables come back as cells, pages in reading order."""

import dataclasses

from rapidfuzz import fuzz

from vanban.models.records import BBox, PageText, Table, TableCell
from vanban.ocr import join_page_tables, ocr_page

from scanpage import font, page, scanned, schedule_table, text_lines


def _close(got: str, want: str) -> bool:
    """OCR tolerance: near-identical text (a diacritic may go astray), never a different cell."""
    return fuzz.ratio(got, want) >= 85


def test_scanned_schedule_table_comes_back_as_cells() -> None:
    img, draw = page(height=700)
    schedule_table(draw)
    result = ocr_page(scanned(img, angle=0.6), page_no=3)
    (table,) = result.tables
    assert (table.n_rows, table.n_cols) == (3, 4)
    cells = {(c.row, c.col): c for c in table.cells}
    day = cells[(0, 0)]
    assert day.rowspan == 3 and _close(day.text, "05 Thứ 2")
    assert _close(cells[(0, 1)].text, "Buổi sáng")
    assert _close(cells[(1, 1)].text, "Họp giao ban Văn phòng Điều phối nông thôn mới tỉnh")
    assert _close(cells[(1, 2)].text, "Phòng HCTHTT")
    assert _close(cells[(1, 3)].text, "Đ/c Oánh, đ/c Long")
    assert cells[(0, 2)].text == "" and cells[(2, 3)].text == ""
    rows = result.text.split("\n")
    assert rows[0].split("\t")[1:] == [cells[(0, 1)].text, "", ""]
    assert rows[1].startswith("\t")  # the day cell's continuation row is empty
    assert result.tables[0].page_no == 3 and result.ocr_confidence is not None


def test_two_column_header_is_read_left_block_first() -> None:
    img, draw = page(height=500)
    text_lines(draw, ["UBND TỈNH HÀ TĨNH", "VĂN PHÒNG ĐIỀU PHỐI"], 150, 100)
    text_lines(draw, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
               1350, 100)
    lines = ocr_page(scanned(img), 1).text.split("\n")
    assert len(lines) == 4
    assert _close(lines[0], "UBND TỈNH HÀ TĨNH") and _close(lines[1], "VĂN PHÒNG ĐIỀU PHỐI")
    assert _close(lines[2], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def _page(no: int, header: str, body: list[str]) -> PageText:
    cells = [TableCell(0, i, t, BBox(0, 0, 1, 1)) for i, t in enumerate(header.split("|"))]
    cells += [TableCell(1 + r, i, t, BBox(0, 0, 1, 1))
              for r, row in enumerate(body) for i, t in enumerate(row.split("|"))]
    table = Table(no, 1 + len(body), 4, tuple(cells), BBox(0, 0, 1, 1))
    text = "\n".join(line.replace("|", "\t") for line in [header, *body])
    return PageText(no, "ocr", text, tables=(table,))


def test_repeated_header_row_dropped_on_continuation_page() -> None:
    header = "NGÀY/ THỨ|NỘI DUNG CÔNG VIỆC|CHỦ TRÌ CHUẨN BỊ|LÃNH ĐẠO"
    p1 = _page(1, header, ["02|Buổi sáng||"])
    p2 = _page(2, "NGÀY/THỨ|NỘI DUNG CÔNG VlỆC|CHỦ TRÌ CHUẨN BỊ|LÃNH ĐẠO",
               ["|Giao ban|Phòng HCTHTT|Đ/c Oánh"])
    p3 = _page(3, "03|Buổi chiều:||", ["|Họp|Phòng OCOP|Đ/c Long"])
    out = join_page_tables([p1, p2, p3])
    assert out[0] == p1 and out[2] == p3  # first page keeps its header; p3 has none
    assert out[1].text == "\tGiao ban\tPhòng HCTHTT\tĐ/c Oánh"
    assert out[1].tables[0].n_rows == 1
    assert {c.row for c in out[1].tables[0].cells} == {0}


def test_borderless_table_is_read_from_word_columns() -> None:
    img, draw = page(height=700)
    text_lines(draw, ["Thực hiện rà soát các tiêu chí nông thôn mới của xã."], 150, 100)
    rows = [("Tháng 3", "Rà soát tiêu chí", "Phòng KHNVGS"),
            ("Tháng 6", "Thẩm định hồ sơ", "Phòng OCOP"),
            ("Quý III", "Tổng kết đợt 1", "Văn phòng")]
    for r, row in enumerate(rows):
        for x, cell in zip((150, 700, 1500), row, strict=True):
            text_lines(draw, [cell], x, 250 + 90 * r)
    result = ocr_page(scanned(img), 2)
    (table,) = result.tables
    assert table.method == "word_columns" and (table.n_rows, table.n_cols) == (3, 3)
    grid = table.grid()
    for got_row, want_row in zip(grid, rows, strict=True):
        for got, want in zip(got_row, want_row, strict=True):
            assert _close(got, want), (got, want)
    lines = result.text.split("\n")
    assert _close(lines[0], "Thực hiện rà soát các tiêu chí nông thôn mới của xã.")
    assert lines[1].count("\t") == 2 and _close(lines[1].split("\t")[1], "Rà soát tiêu chí")


def test_table_cells_keep_the_engines_word_boxes_in_page_pixels() -> None:
    """Cell words are read on a stacked canvas; their boxes come back where the ink is."""
    img, draw = page(height=700)
    schedule_table(draw)
    f = font()
    # where schedule_table drew "Phòng" and "HCTHTT" (x = cols[2] + 15, y = rows[1] + 15)
    x, y = 200 + 1100 + 15, 150 + 90 + 15
    want = {"Phòng": draw.textbbox((x, y), "Phòng", font=f),
            "HCTHTT": draw.textbbox((x + draw.textlength("Phòng ", font=f), y), "HCTHTT",
                                    font=f)}
    result = ocr_page(scanned(img, angle=0.0), page_no=1)
    assert abs(result.deskew) <= 0.2 and result.rotation == 0  # (noise: a hair of deskew)
    (table,) = result.tables
    cell = next(c for c in table.cells if (c.row, c.col) == (1, 2))
    got = {w.text: w.bbox for w in cell.words}
    for text, (x0, y0, x1, y1) in want.items():
        box = got[text]
        assert abs(box.x0 - x0) <= 6 and abs(box.x1 - x1) <= 6, (text, box, (x0, x1))
        assert abs(box.y0 - y0) <= 10 and abs(box.y1 - y1) <= 10, (text, box, (y0, y1))
    for c in table.cells:  # every word inside its own cell
        for w in c.words:
            assert c.bbox.x0 <= w.bbox.x0 < w.bbox.x1 <= c.bbox.x1, (c.text, w)
            assert c.bbox.y0 <= w.bbox.y0 < w.bbox.y1 <= c.bbox.y1, (c.text, w)
    assert " ".join(w.text for w in cell.words) == cell.text


def test_a_new_tables_first_row_repeated_on_the_next_page_is_dropped() -> None:
    # page 2 ends with a second table (other columns than the first page's); page 3 repeats
    # that table's first row, read with other tone marks on a fax
    p1 = _page(1, "NGÀY|NỘI DUNG|CHỦ TRÌ|LÃNH ĐẠO", ["02|Buổi sáng||"])
    second = _page(2, "30/12|Họp Hội đồng xét công nhận|Phòng Nghiệp vụ|Đ/c Phong",
                   ["|Kiểm tra|Phòng Tổng hợp|Đ/c Nga"])
    p2 = dataclasses.replace(second, tables=(p1.tables[0], second.tables[0]))
    p3 = _page(3, "30/12|Họp Hội đóng xét công nhân|Phòng Nghiệp vụ|Đ/c Phong",
               ["|Nghỉ Tết||"])
    out = join_page_tables([p1, p2, p3])
    assert out[2].text == "\tNghỉ Tết\t\t"
