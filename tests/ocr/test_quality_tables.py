"""A table read as garbage makes its page "poor", even inside a page of well-read prose;
a well-read table page stays "ok"."""

import numpy as np
from PIL import Image, ImageDraw

from vanban.models.records import BBox, OcrWord, Table, TableCell
from vanban.ocr import ocr_page, quality

from scanpage import font, scanned

PROSE = ["Thực hiện rà soát các tiêu chí nông thôn mới của xã trong năm nay.",
         "Ủy ban nhân dân huyện giao các phòng ban chuyên môn phối hợp với xã",
         "kiểm tra hồ sơ, tổng hợp kết quả và báo cáo trước ngày mười lăm.",
         "Các đơn vị có trách nhiệm triển khai thực hiện nghiêm túc kế hoạch này."]
CLEAN_ROWS = [["Giao ban tuần", "Phòng Tổng hợp", "Đ/c Nga", "Văn phòng", "Thứ Hai"],
              ["Kiểm tra xã", "Phòng Nghiệp vụ", "Đ/c Phong", "Huyện", "Thứ Ba"],
              ["Họp hội đồng", "Phòng Kế hoạch", "Đ/c Hà", "Hội trường", "Thứ Tư"],
              ["Rà soát hồ sơ", "Văn phòng", "Đ/c Long", "Sở Nông nghiệp", "Thứ Năm"],
              ["Tổng kết năm", "Ban chỉ đạo", "Đ/c Oánh", "Phòng họp", "Thứ Sáu"]]


def _page(cells: str) -> np.ndarray:
    """20 lines of prose over a 5 x 5 ruled table whose cells hold text or ink blots."""
    rng = np.random.default_rng(0)
    img = Image.new("L", (2480, 3508), 250)
    d = ImageDraw.Draw(img)
    f = font(44)
    for i in range(20):
        d.text((200, 100 + 70 * i), PROSE[i % 4], fill=20, font=f)
    xs = [150, 450, 1200, 1600, 1950, 2300]
    ys = [1700 + 150 * k for k in range(6)]
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill=25, width=4)
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill=25, width=4)
    for r in range(5):
        for c in range(5):
            x0, y0 = xs[c] + 20, ys[r] + 25
            if cells == "text":
                d.text((x0, y0), CLEAN_ROWS[r][c], fill=20, font=f)
                continue
            for _ in range(6):  # blots where the text was
                cx = x0 + int(rng.integers(0, xs[c + 1] - xs[c] - 60))
                cy = y0 + int(rng.integers(0, 90))
                rr = int(rng.integers(8, 25))
                d.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), fill=40)
    return scanned(img, 0.0, 0)


def test_garbled_table_inside_good_prose_is_poor() -> None:
    got = ocr_page(_page("blots"), 1)
    assert got.quality == "poor", got.quality_why
    assert "tables:" in got.quality_why


def test_well_read_table_page_stays_ok() -> None:
    got = ocr_page(_page("text"), 1)
    assert got.quality == "ok", got.quality_why


def _table(rows: list[list[str]]) -> Table:
    cells = tuple(TableCell(r, c, t, BBox(0, 0, 1, 1))
                  for r, row in enumerate(rows) for c, t in enumerate(row))
    return Table(1, len(rows), len(rows[0]), cells, BBox(0, 0, 1, 1))


def test_rows_read_twice_make_a_table_poor() -> None:
    header = ["NGÀY", "NỘI DUNG", "CHỦ TRÌ"]
    rows = [["Thứ Hai", "Họp giao ban tuần đầu năm", "Văn phòng"],
            ["Thứ Ba", "Kiểm tra công trình giao thông", "Phòng Nghiệp vụ"]]
    once = quality.table_signals([_table([header, *rows])])
    assert quality.table_verdict(once) == "ok"
    twice = quality.table_signals([_table([header, *rows, *rows, *rows])])
    assert twice.repeated > 0.25 and quality.table_verdict(twice) == "poor"


def test_a_table_read_twice_is_poor_but_tasks_repeated_over_days_are_not() -> None:
    header = ["NGÀY", "NỘI DUNG", "CHỦ TRÌ"]
    rows = [["Thứ Hai", "Họp giao ban tuần đầu năm", "Văn phòng"],
            ["Thứ Ba", "Kiểm tra công trình giao thông", "Phòng Nghiệp vụ"],
            ["Thứ Tư", "Rà soát hồ sơ các xã đạt chuẩn", "Phòng Nông nghiệp"]]
    twice = quality.table_signals([_table([header, *rows, *rows])])
    assert quality.table_verdict(twice) == "poor", twice.repeated
    # a schedule whose multi-day tasks recur session after session (train sample 000's
    # light scan, page 7: 3 of 11 filled rows repeat one above, 27%) is how it is written
    task = ["", "Đánh giá, phân hạng sản phẩm OCOP lần 2", "Phòng OCOP"]
    other = ["", "Kiểm tra các khu dân cư kiểu mẫu đạt chuẩn", "Phòng Nghiệp vụ"]
    days = [header, ["24 Thứ 3", "Buổi sáng", ""], task, other, ["", "Buổi chiều", ""], task,
            ["25 Thứ 4", "Buổi sáng", ""], other, ["", "Hội nghị tổng kết năm", "Văn phòng"],
            ["", "Buổi chiều", ""], task]
    recur = quality.table_signals([_table(days)])
    assert 0.25 < recur.repeated < 0.35 and quality.table_verdict(recur) == "ok"


def test_letter_soup_in_cells_makes_a_table_poor() -> None:
    soup = [["qwrt zxk", "vbnm đăk", "xkqw"], ["ưđgq tww", "mwk nbvq", "rqk mxă"],
            ["kqwd", "zrt kkv", "bvn"]]
    signals = quality.table_signals([_table(soup)])
    assert signals.syllables < 0.2 and quality.table_verdict(signals) == "poor"


RECIPIENTS = ("Nơi nhận: - VP Điều phối NTM tỉnh (b/c); - TT Huyện ủy, TT HĐND huyện; - Chủ "
              "tịch, các PCT UBND huyện; - UBMTTQ và các đoàn thể huyện;")
CAPITALS_SOUP = "QXT ZKV BRT MNX TTRK Về các PQL XKZ"


def test_acronyms_do_not_make_a_recipients_page_poor() -> None:
    words = [(w, 93.0) for w in RECIPIENTS.split()]
    assert quality.verdict(quality.signals(words, 20_000, True)) == "ok"
    soup = [(w, 80.0) for w in CAPITALS_SOUP.split()]
    assert quality.signals(soup, 2_000, True).syllables < 0.5  # capitals soup still counts


def test_a_table_continued_from_the_page_before_is_not_ragged() -> None:
    """Its first row is a session row with empty cells, not a header: the full rows under it
    are no sign of a misread table (dev h1 pages 5-6 were "poor" on the clean scan)."""
    session = ["14", "Buổi sáng", "", ""]
    rows = [["", "Làm việc với Đài Phát thanh", "Đài tỉnh", "Đ/c Thắng"],
            ["", "Hoàn thiện dự thảo Kế hoạch", "Phòng làm việc", "Đ/c Hà"],
            ["15", "Giao ban Văn phòng", "Phòng họp", "Đ/c Lan"]]
    signals = quality.table_signals([_table([session, *rows])])
    assert signals.ragged == 0.0 and quality.table_verdict(signals) == "ok"


def _words(lines: list[tuple[int, str]], x0: int = 520) -> tuple[OcrWord, ...]:
    """Words of a cell: (top y, text) per line, 44 px high."""
    out = []
    for y, text in lines:
        x = x0
        for w in text.split():
            out.append(OcrWord(w, BBox(x, y, x + 25 * len(w), y + 44), 90.0, 0))
            x += 25 * len(w) + 20
    return tuple(out)


def _schedule(task_cell: TableCell) -> Table:
    """A day cell spanning rows 1-2 beside them, a header, and `task_cell` in column 1."""
    cells = [TableCell(0, 0, "NGÀY", BBox(100, 100, 500, 230)),
             TableCell(0, 1, "NỘI DUNG", BBox(500, 100, 1500, 230)),
             TableCell(0, 2, "CHỦ TRÌ", BBox(1500, 100, 2000, 230)),
             TableCell(1, 0, "08 Thứ 3", BBox(100, 230, 500, 480), rowspan=2,
                       words=_words([(250, "08 Thứ"), (310, "3")], 120)),
             task_cell,
             TableCell(1, 2, "", BBox(1500, 230, 2000, 330)),
             TableCell(2, 2, "Đ/c Hùng", BBox(1500, 330, 2000, 480))]
    if task_cell.rowspan == 1:
        cells.append(TableCell(2, 1, "Kiểm tra tiêu chí y tế, giáo dục",
                               BBox(500, 330, 1500, 480)))
    return Table(1, 3, 3, tuple(cells), BBox(100, 100, 2000, 480), method="ruled")


def test_a_cell_holding_two_rows_makes_the_table_poor() -> None:
    """A worn photocopy broke the rule under "Buổi chiều:": the session row and the next
    row's task were read as one cell spanning both rows (dev photocopy t1 page 2, "ok")."""
    merged = TableCell(1, 1, "Buổi chiều: Kiểm tra tiêu chí y tế, giáo dục",
                       BBox(500, 230, 1500, 480), rowspan=2,
                       words=_words([(255, "Buổi chiều:"), (355, "Kiểm tra tiêu chí y tế,"),
                                     (410, "giáo dục")]))
    signals = quality.table_signals([_schedule(merged)])
    assert signals.merged == 1 and quality.table_verdict(signals) == "poor"
    assert "1 cells holding two rows" in signals.describe()


def test_a_real_merged_cell_is_no_sign() -> None:
    """The day cell spanning rows, its lines at the line spacing, and a task cell whose
    wrapped lines run on over where a rule would be: "ok"."""
    single = TableCell(1, 1, "Buổi chiều:", BBox(500, 230, 1500, 330),
                       words=_words([(255, "Buổi chiều:")]))
    assert quality.table_signals([_schedule(single)]).merged == 0
    wrapped = TableCell(1, 1, "Hội nghị sơ kết mô hình liên kết sản xuất lúa",
                        BBox(500, 230, 1500, 480), rowspan=2,
                        words=_words([(280, "Hội nghị sơ kết"), (336, "mô hình liên kết"),
                                      (392, "sản xuất lúa")]))
    signals = quality.table_signals([_schedule(wrapped)])
    assert signals.merged == 0 and quality.table_verdict(signals) == "ok"


def test_two_days_in_one_day_cell_make_a_table_poor() -> None:
    """A day cell naming two days where the column's other cells name one: the rule between
    two days was lost and their rows read as one ("03 Thứ 5 04 Thứ 6")."""
    header = ["NGÀY", "NỘI DUNG", "CHỦ TRÌ"]
    rows = [["01 Thứ 3", "Giao ban Ban Chỉ đạo huyện", "Văn phòng"],
            ["02 Thứ 4", "Kiểm tra tiến độ xây dựng", "Phòng Kinh tế"],
            ["03 Thứ 5 04 Thứ 6", "Thẩm định vườn mẫu Kiểm tra vệ sinh", "Phòng Nông nghiệp"],
            ["07 Thứ 2", "Giao ban tuần", "Văn phòng"]]
    signals = quality.table_signals([_table([header, *rows])])
    assert signals.two_dates == 1
    assert quality.table_verdict(signals) == "poor"
    assert "1 cells holding two dates" in signals.describe()
    rows[2] = ["03 Thứ 5", "Thẩm định vườn mẫu", "Phòng Nông nghiệp"]
    assert quality.table_verdict(quality.table_signals([_table([header, *rows])])) == "ok"


def test_time_spans_and_a_column_of_ranges_are_no_two_dates() -> None:
    """"8h00 - 11h00" is one time slot; a column whose cells each name a range of days is how
    the table is written, not a lost rule."""
    header = ["THỜI GIAN", "NỘI DUNG", "ĐỊA ĐIỂM"]
    spans = [["8h00 - 11h00", "Họp giao ban", "Phòng họp"],
             ["từ 14h đến 16h30", "Kiểm tra hồ sơ", "Văn phòng"],
             ["9h00", "Làm việc với xã", "Xã Cẩm Bình"]]
    assert quality.table_signals([_table([header, *spans])]).two_dates == 0
    ranges = [["Thứ 2 - Thứ 6", "Trực ban", "Văn phòng"],
              ["Thứ 2 - Thứ 4", "Rà soát hồ sơ", "Phòng Nghiệp vụ"],
              ["Thứ 5", "Tổng hợp", "Văn phòng"]]
    assert quality.table_signals([_table([header, *ranges])]).two_dates == 0
    assert quality.dates_in("Sáng 8h30 họp, chiều 14h kiểm tra") == 2
