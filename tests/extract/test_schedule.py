import datetime as dt

from vanban.extract.lines import flatten
from vanban.extract.schedule import (
    normalise_unit,
    parse_day_cell,
    parse_schedule,
    read_header,
    split_leaders,
)
from vanban.models.records import PageText, Task

HEADER = "NGÀY/ THỨ\tNỘI DUNG CÔNG VIỆC\tCHỦ TRÌ CHUẨN BỊ\tLÃNH ĐẠO CHỦ TRÌ, HOẶC THAM DỰ"


def run(*pages: str) -> tuple[list[Task], list[str]]:
    pts = [PageText(i, "plain_text", t) for i, t in enumerate(pages, start=1)]
    return parse_schedule(flatten(pts))


def table(*rows: str, title: str = "2. Dự kiến lịch làm việc tháng 12/2019:") -> str:
    return "\n".join([title, "", HEADER, *rows])


def test_markers_alone_in_tags_with_and_without_colon() -> None:
    tasks, _ = run(table(
        "02 Thứ 2\t<i>Buổi sáng</i>\t\t",
        "\tGiao ban văn phòng\tPhòng HCTHTT\tĐ/c Oánh, đ/c Long",
        "\t<b>Buổi chiều:</b>\t\t",
        "\tNghiệm thu chính sách OCOP\tPhòng OCOP\tĐ/c Oánh",
        "\tChiều\t\t",
        "\tHọp tổ\tPhòng OCOP\tĐ/c Oánh",
    ))
    assert [(t.date, t.weekday, t.session) for t in tasks] == [
        (dt.date(2019, 12, 2), "Thứ 2", "sang"),
        (dt.date(2019, 12, 2), "Thứ 2", "chieu"),
        (dt.date(2019, 12, 2), "Thứ 2", "chieu"),
    ]
    assert tasks[0].leaders == ("Đ/c Oánh", "đ/c Long")
    assert tasks[0].line_no == 5 and tasks[0].page_no == 1


def test_inline_marker_and_all_day_note() -> None:
    tasks, _ = run(table(
        "22 Thứ 7\tBuổi sáng: Đi kiểm tra cơ sở\tPhòng KHNVGS\tĐ/c Anh",
        "\tGame show OCOP Hương Sơn (cả ngày)\tPhòng OCOP\tĐ/c Dực",
        "\tBuổi chiều: Đi kiểm tra cơ sở\tPhòng KHNVGS\tĐ/c Anh",
        "\tCả ngày:\t\t",
        "\tTập huấn\tPhòng OCOP\tĐ/c Dực",
        title="Lịch làm việc tháng 5/2021",
    ))
    assert [(t.text, t.session) for t in tasks] == [
        ("Đi kiểm tra cơ sở", "sang"),
        ("Game show OCOP Hương Sơn (cả ngày)", "ca_ngay"),
        ("Đi kiểm tra cơ sở", "chieu"),
        ("Tập huấn", "ca_ngay"),
    ]


def test_task_before_any_marker_has_no_session_and_markers_alone_give_no_row() -> None:
    tasks, _ = run(table(
        "<b>07</b> <b>Thứ 7</b>\tThẩm định tiêu chí\tPhòng KHNVGS\tĐ/c Oánh",
        "\t<b>Buổi sáng</b>\t\t",
        "08 CN\t<b>Buổi sáng</b>\t\t",
        "\t<b>Buổi chiều:</b>\t\t",
    ))
    assert len(tasks) == 1
    assert (tasks[0].date, tasks[0].weekday, tasks[0].session) == (
        dt.date(2019, 12, 7), "Thứ 7", None)


def test_day_and_weekday_split_over_lines_and_day_without_weekday() -> None:
    tasks, _ = run(table(
        "26\tBuổi sáng:\t\t",
        "",
        "Thứ 4\tChuẩn bị nội dung Hội nghị\tPhòng KHNVGS\tĐ/c Oánh",
        "27\tBuổi sáng:\t\t",
        "\tHọp\tPhòng OCOP\tĐ/c Dực",
        title="tháng 5/2021",
    ))
    assert [(t.date, t.weekday, t.session) for t in tasks] == [
        (dt.date(2021, 5, 26), "Thứ 4", "sang"),
        (dt.date(2021, 5, 27), None, "sang"),
    ]


def test_marker_placed_before_its_day_line() -> None:
    tasks, _ = run(table(
        "22 Thứ 7\tBuổi chiều:\t\t",
        "\tĐi cơ sở\tPhòng KHNVGS\tĐ/c Anh",
        "\tBuổi sáng:\t\t",
        "23 CN\t\t\t",
        "\tTrực cơ quan\tPhòng HCTHTT\tĐ/c Anh",
        title="tháng 5/2021",
    ))
    assert [(t.date.day if t.date else None, t.session) for t in tasks] == [
        (22, "chieu"), (23, "sang")]


def test_row_that_lost_its_leading_tab_and_trailing_cell() -> None:
    tasks, _ = run(table(
        "23 Thứ 2\t<b>Buổi chiều:</b>\t\t",
        "Họp Thường trực BCĐ ( <b>Lịch Tỉnh ủy</b> )\t3 phòng\tĐ/c Oánh, đ/c Long\t",
        "<b>Buổi sáng:</b>\t\t\t",
        "Kiểm tra cơ sở\tPhòng KHNVGS\tĐ/c Long\t",
    ))
    assert [(t.text, t.owner, t.leaders, t.session) for t in tasks] == [
        ("Họp Thường trực BCĐ (Lịch Tỉnh ủy)", "3 phòng", ("Đ/c Oánh", "đ/c Long"), "chieu"),
        ("Kiểm tra cơ sở", "Phòng KHNVGS", ("Đ/c Long",), "sang"),
    ]
    assert tasks[0].notes == ("(Lịch Tỉnh ủy)",)


def test_blank_lines_and_page_breaks_inside_the_table() -> None:
    p1 = table("12 Thứ 5\t<b>Buổi chiều:</b>\t\t",
               "\tThẩm định xã A\tPhòng KHN VG S\tĐ/c Long", "", "")
    p2 = "\n\n\tThẩm định xã B\tPhòng KHNVGS\tĐ/c Oánh\n\n**Nơi nhận:**\n- UBND tỉnh;"
    tasks, _ = run(p1, p2)
    assert [(t.page_no, t.line_no, t.date, t.session, t.owner) for t in tasks] == [
        (1, 5, dt.date(2019, 12, 12), "chieu", "Phòng KHNVGS"),
        (2, 3, dt.date(2019, 12, 12), "chieu", "Phòng KHNVGS"),
    ]


def test_holiday_rows_even_in_the_wrong_column() -> None:
    tasks, _ = run(table(
        "01 Thứ 7\t\tNghỉ lễ\t",
        "02 CN\tNghỉ Tết Nguyên đán\t\t",
        title="tháng 5/2021",
    ))
    assert [(t.text, t.owner, t.leaders, t.date) for t in tasks] == [
        ("Nghỉ lễ", None, (), dt.date(2021, 5, 1)),
        ("Nghỉ Tết Nguyên đán", None, (), dt.date(2021, 5, 2)),
    ]


def test_weekday_disagreeing_with_date_is_warned() -> None:
    tasks, warnings = run(table("03 Thứ 2\tHọp\tPhòng A\tĐ/c B"))
    assert tasks[0].weekday == "Thứ 2" and tasks[0].date == dt.date(2019, 12, 3)
    assert any("Thứ 3" in w for w in warnings)


def test_month_rollover_and_explicit_dates_never_the_issue_date() -> None:
    text = "\n".join([
        "Hà Tĩnh, ngày 25 tháng 3 năm 2020",
        "LỊCH CÔNG TÁC TUẦN từ ngày 30/12/2019 đến 05/01/2020",
        "NGÀY\tNỘI DUNG\tĐỊA ĐIỂM\tĐƠN VỊ CHUẨN BỊ\tLÃNH ĐẠO",
        "30 Thứ 2\tHọp giao ban\tPhòng họp số 1\tVăn phòng\tĐ/c A",
        "02/01 Thứ 5\tKiểm tra\tXã Y\tPhòng KT\tĐ/c C",
        "03 Thứ 6\tKiểm tra\tXã Z\tPhòng KT\tĐ/c C",
    ])
    tasks, warnings = parse_schedule(flatten([PageText(1, "plain_text", text)]),
                                     dt.date(2020, 3, 25))
    assert [t.date for t in tasks] == [
        dt.date(2019, 12, 30), dt.date(2020, 1, 2), dt.date(2020, 1, 3)]
    assert tasks[0].location == "Phòng họp số 1" and tasks[0].owner == "Văn phòng"
    assert tasks[0].leaders == ("Đ/c A",)
    assert warnings == []


def test_header_reading_and_cells() -> None:
    cols = read_header(HEADER.split("\t"))
    assert cols is not None and (cols.day, cols.content, cols.owner, cols.leaders) == (0, 1, 2, 3)
    assert read_header(["", "Chuẩn bị các nội dung họp", "Phòng KHNVGS", "Đ/c Oánh"]) is None
    assert parse_day_cell("<b>06</b> <b>Thứ 6</b>") is not None
    assert parse_day_cell("Thẩm định 6 xã") is None
    assert normalise_unit("Phòng KHN VG S") == "Phòng KHNVGS"
    assert normalise_unit("Phòng OCOP") == "Phòng OCOP"
    assert normalise_unit("3 phòng") == "3 phòng"
    assert split_leaders("Đ/c Oánh, đ/c Long, ") == ("Đ/c Oánh", "đ/c Long")


def test_no_table_no_rows() -> None:
    assert run("THÔNG BÁO\n\n- Sở Tài chính thẩm định trước 31/3/2020.") == ([], [])


def test_time_column_first_with_clock_times() -> None:
    text = "\n".join([
        "LỊCH CÔNG TÁC TUẦN (từ ngày 06/6/2022 đến ngày 12/6/2022)",
        "THỜI GIAN\tNỘI DUNG\tTHÀNH PHẦN\tĐỊA ĐIỂM",
        "Thứ 2 (06/6) - Sáng\tGiao ban tuần\tLãnh đạo UBND huyện\tPhòng họp số 1",
        "14h00\tLàm việc với xã An Lộc\tĐ/c Chủ tịch\tXã An Lộc",
        "Thứ 3 (07/6)\t7h30: Kiểm tra đồng ruộng\tĐ/c Phó Chủ tịch\tCác xã",
    ])
    tasks, _ = parse_schedule(flatten([PageText(1, "plain_text", text)]))
    assert [(t.date, t.session, t.location) for t in tasks] == [
        (dt.date(2022, 6, 6), "sang", "Phòng họp số 1"),
        (dt.date(2022, 6, 6), "chieu", "Xã An Lộc"),
        (dt.date(2022, 6, 7), "sang", "Các xã"),  # "7h30: ..." opening the content
    ]
    assert [t.time for t in tasks] == [None, "14h00", "7h30"]
    assert tasks[0].leaders == ("Lãnh đạo UBND huyện",)


def test_weekday_row_above_its_day_number() -> None:
    tasks, _ = run(table(
        "29 Thứ 4\tCả ngày:\t\t",
        "\tKiểm tra xã\tPhòng A\tĐ/c B",
        "Thứ Năm\tSáng\t\t",
        "",
        "30/12\tHọp Hội đồng xét công nhận\tPhòng A\tĐ/c B",
        "\tChiều\t\t",
        "\tRà soát hồ sơ\tPhòng A\tĐ/c B",
    ))
    assert [(t.date, t.weekday, t.session) for t in tasks] == [
        (dt.date(2019, 12, 29), "Thứ 4", "ca_ngay"),
        (dt.date(2019, 12, 30), "Thứ 5", "sang"),
        (dt.date(2019, 12, 30), "Thứ 5", "chieu"),
    ]


def test_page_number_at_the_top_of_a_page_is_not_a_day() -> None:
    p1 = table("01 CN\tBuổi sáng\t\t", "\tHọp\tPhòng A\tĐ/c B")
    p2 = "2\n\tKiểm tra\tPhòng A\tĐ/c B\n03 Thứ 3\tBuổi chiều:\t\t\n\tGiao ban\tPhòng A\tĐ/c B"
    tasks, _ = run(p1, p2)
    assert [(t.page_no, t.date.day if t.date else None, t.session) for t in tasks] == [
        (1, 1, "sang"), (2, 1, "sang"), (2, 3, "chieu")]


def test_rows_after_a_recipients_block_placed_mid_table_are_kept() -> None:
    p1 = table("27 Thứ 6\tBuổi sáng:\t\t", "\tHọp\tPhòng A\tĐ/c B")
    p2 = ("Nơi nhận:\n- UBND tỉnh;\n- Lưu VT.\n9\n"
          "28 Thứ 7\tBuổi chiều:\t\t\n\tKiểm tra\tPhòng A\tĐ/c B")
    tasks, _ = run(p1, p2)
    assert [(t.date.day if t.date else None, t.session) for t in tasks] == [
        (27, "sang"), (28, "chieu")]


def test_weekday_and_date_in_two_columns() -> None:
    text = "\n".join([
        "LỊCH LÀM VIỆC THÁNG 6/2022",
        "THỨ\tNGÀY\tBUỔI\tNỘI DUNG\tĐƠN VỊ CHUẨN BỊ\tLÃNH ĐẠO",
        "Thứ 2\t06/6\tSáng\tGiao ban\tVăn phòng\tĐ/c A",
        "\t\tChiều\tKiểm tra\tPhòng KT\tĐ/c B",
    ])
    tasks, warnings = parse_schedule(flatten([PageText(1, "plain_text", text)]))
    assert [(t.date, t.weekday, t.session, t.owner) for t in tasks] == [
        (dt.date(2022, 6, 6), "Thứ 2", "sang", "Văn phòng"),
        (dt.date(2022, 6, 6), "Thứ 2", "chieu", "Phòng KT"),
    ]
    assert warnings == []


def test_missing_columns_give_no_unit_and_no_leaders() -> None:
    tasks, _ = run(table("05 Thứ 5\tBuổi sáng\t\t", "\tKiểm tra cơ sở", "\tHọp tổ\tPhòng A"))
    assert [(t.text, t.owner, t.leaders) for t in tasks] == [
        ("Kiểm tra cơ sở", None, ()), ("Họp tổ", "Phòng A", ())]


def test_table_from_ocr_cells_joined_with_tabs() -> None:
    from vanban.models.records import BBox, Table, TableCell

    box = BBox(0, 0, 1, 1)
    cells = [
        TableCell(0, 0, "NGÀY/ THỨ", box), TableCell(0, 1, "NỘI DUNG CÔNG VIỆC", box),
        TableCell(0, 2, "CHỦ TRÌ CHUẨN BỊ", box), TableCell(0, 3, "LÃNH ĐẠO", box),
        TableCell(1, 0, "09 Thứ 2", box, rowspan=3), TableCell(1, 1, "Buổi sáng", box),
        TableCell(2, 1, "Hội thảo tại Hà Nội", box), TableCell(2, 2, "Phòng HCTHTT", box),
        TableCell(2, 3, "Đ/c Oánh", box), TableCell(3, 1, "Buổi chiều:", box),
    ]
    grid = Table(1, 4, 4, tuple(cells), box).grid()
    text = "Lịch làm việc tháng 12/2019\n" + "\n".join("\t".join(r) for r in grid)
    tasks, _ = parse_schedule(flatten([PageText(1, "ocr", text)]))
    assert [(t.date, t.session, t.owner, t.leaders, t.line_no) for t in tasks] == [
        (dt.date(2019, 12, 9), "sang", "Phòng HCTHTT", ("Đ/c Oánh",), 4)]


def test_weekly_schedule_with_a_clock_time_column() -> None:
    text = "\n".join([
        "LỊCH CÔNG TÁC TUẦN (Từ ngày 15/5/2023 đến ngày 21/5/2023)",
        "NGÀY\tGIỜ\tNỘI DUNG CÔNG VIỆC\tĐỊA ĐIỂM\tLÃNH ĐẠO CHỦ TRÌ\tGHI CHÚ",
        "Thứ Hai, 15/5/2023\t7h30\tChào cờ đầu tuần\tHội trường\tĐ/c Hà\t",
        "\t14h00\tHọp Ban Chỉ đạo NTM\tPhòng họp 2\tĐ/c Hà\t",
        "Thứ Ba, 16/5/2023\t8 giờ\tKiểm tra tiêu chí xã Tân An\tXã Tân An\tĐ/c Minh\t",
        "\t13 giờ 30\tLàm việc với HTX\tXã Tân An\tĐ/c Minh\tXe cơ quan",
        "\t12h00\tTiếp công dân\tTrụ sở\tĐ/c Hà\t",
        "Thứ Tư, 17/5/2023\tCả ngày\tDự hội nghị tại tỉnh\tTỉnh\tĐ/c Hà\t",
    ])
    tasks, warnings = parse_schedule(flatten([PageText(1, "plain_text", text)]))
    assert [(t.date, t.session, t.time) for t in tasks] == [
        (dt.date(2023, 5, 15), "sang", "7h30"),
        (dt.date(2023, 5, 15), "chieu", "14h00"),
        (dt.date(2023, 5, 16), "sang", "8 giờ"),
        (dt.date(2023, 5, 16), "chieu", "13 giờ 30"),
        (dt.date(2023, 5, 16), "chieu", "12h00"),  # 12:00 or later is the afternoon
        (dt.date(2023, 5, 17), "ca_ngay", None),
    ]
    assert tasks[0].location == "Hội trường" and tasks[0].leaders == ("Đ/c Hà",)
    assert tasks[0].weekday == "Thứ 2" and not warnings


def test_day_repeated_at_the_top_of_a_continuation_page_stays_in_its_month() -> None:
    p1 = "\n".join(["LỊCH CÔNG TÁC THÁNG 4/2022", "NGÀY\tNỘI DUNG\tCHỦ TRÌ\tLÃNH ĐẠO",
                    "14\tBuổi sáng\t\t", "\tHọp A\tPhòng A\tĐ/c A",
                    "22 Thứ 6\tHọp B\tPhòng B\tĐ/c B"])
    p2 = "\n".join(["14\tBuổi sáng\t\t", "25 Thứ 2\tHọp C\tPhòng C\tĐ/c C"])
    tasks, _ = parse_schedule(flatten([PageText(1, "plain_text", p1), PageText(2, "ocr", p2)]))
    assert [str(t.date) for t in tasks] == ["2022-04-14", "2022-04-22", "2022-04-25"]
    # A week crossing the month end still rolls over.
    text = "\n".join(["LỊCH CÔNG TÁC TUẦN (từ ngày 28/3/2022)", "NGÀY\tNỘI DUNG\tCHỦ TRÌ\tLÃNH ĐẠO",
                      "28 Thứ 2\tHọp A\tPhòng A\tĐ/c A", "01 Thứ 6\tHọp B\tPhòng B\tĐ/c B"])
    tasks, _ = parse_schedule(flatten([PageText(1, "plain_text", text)]))
    assert [str(t.date) for t in tasks] == ["2022-03-28", "2022-04-01"]


def test_repeated_day_rows_keep_their_session_and_year() -> None:
    p1 = "\n".join(["LỊCH CÔNG TÁC TUẦN (Từ ngày 27/12/2021 đến ngày 02/01/2022)",
                    "THỨ, NGÀY\tNỘI DUNG\tLÃNH ĐẠO\tĐƠN VỊ",
                    "Thứ Tư 29/12\tCả ngày:\t\t", "Thứ Năm 30/12\tHọp A\tĐ/c A\tPhòng A",
                    "Thứ Bảy 01/01\tNghỉ Tết Dương lịch\t\t"])
    p2 = "\n".join(["30/12\tHọp A (tiếp)\tĐ/c A\tPhòng A", "Chủ nhật 02/01\tNghỉ Tết\t\t"])
    p0 = "\n".join(["Thứ Tư 29/12\tCả ngày:\t\t", "Thứ Tư 29/12\tKiểm tra xã B\tĐ/c B\tPhòng B"])
    tasks, _ = parse_schedule(flatten([PageText(1, "ocr", p1.replace(
        "Thứ Năm 30/12", p0.split("\n")[1] + "\nThứ Năm 30/12")), PageText(2, "ocr", p2)]))
    assert [(str(t.date), t.session) for t in tasks] == [
        ("2021-12-29", "ca_ngay"), ("2021-12-30", None), ("2022-01-01", None),
        ("2021-12-30", None), ("2022-01-02", None)]


def test_header_and_weekday_read_without_diacritics_or_specks() -> None:
    text = "\n".join(["LỊCH CÔNG TÁC THÁNG 8/2022",
                      "THỨ, NGÀY\tNỘI DUNG CÔNG VIỆC\tLANH ĐẠO DỰ\tĐƠN VỊ CHUẨN BỊ",
                      "Thứ 6G - 05/8\tHọp A\tĐ/c Oánh\tPhòng A"])
    tasks, warnings = parse_schedule(flatten([PageText(1, "ocr", text)]))
    assert [(str(t.date), t.weekday, t.leaders, t.owner) for t in tasks] == [
        ("2022-08-05", "Thứ 6", ("Đ/c Oánh",), "Phòng A")]
    assert not warnings


def test_row_carried_over_to_the_top_of_the_next_page_is_dropped() -> None:
    p1 = "\n".join(["LỊCH CÔNG TÁC THÁNG 4/2022", "NGÀY\tNỘI DUNG\tCHỦ TRÌ\tLÃNH ĐẠO",
                    "05 Thứ 3\tLàm việc với Sở A\tPhòng A\tĐ/c A"])
    p2 = "\n".join(["\tLàm việc với Sở A\tPhòng A\tĐ/c A", "06 Thứ 4\tHọp B\tPhòng B\tĐ/c B",
                    "\tHọp C\tPhòng C\tĐ/c C", "07 Thứ 5\tLàm việc với Sở A\tPhòng A\tĐ/c A"])
    tasks, _ = parse_schedule(flatten([PageText(1, "ocr", p1), PageText(2, "ocr", p2)]))
    assert [(str(t.date), t.text) for t in tasks] == [
        ("2022-04-05", "Làm việc với Sở A"), ("2022-04-06", "Họp B"), ("2022-04-06", "Họp C"),
        ("2022-04-07", "Làm việc với Sở A")]  # further down the page it is a new activity
    # On a text layer the same activity may open a page again (the next session): kept.
    typed = [PageText(1, "text_layer", p1), PageText(2, "text_layer", p2)]
    assert len(parse_schedule(flatten(typed))[0]) == 5
    # A row opening its own, new day at the page top is kept even with the same text.
    p1 = "\n".join(["LỊCH CÔNG TÁC TUẦN (Từ ngày 27/12/2021)", "NGÀY\tNỘI DUNG\tCHỦ TRÌ",
                    "Thứ Bảy 01/01\tNghỉ Tết\t"])
    p2 = "Chủ nhật 02/01\tNghỉ Tết\t"
    tasks, _ = parse_schedule(flatten([PageText(1, "ocr", p1), PageText(2, "ocr", p2)]))
    assert [str(t.date) for t in tasks] == ["2022-01-01", "2022-01-02"]
