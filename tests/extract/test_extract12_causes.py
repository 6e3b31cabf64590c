"""Causes shown by the blind run of n109-n118 (issue 11, extract12), each on invented text."""

from vanban.models.records import PageText


def _tasks(text: str) -> list:
    from vanban.extract.api import extract_document

    return [t for t in extract_document([PageText(1, "plain_text", text)]).tasks
            if t.kind == "directive"]


_HEAD = "KẾ HOẠCH\nPhát triển sản xuất năm 2027\n\nII. NHIỆM VỤ\n"


def test_a_topic_heading_standing_apart_from_its_work_and_fields() -> None:
    # a PDF text layer breaks the heading from its work (a blank line here): the heading is no
    # task, the work is, with the doer and time limit of the field lines under it
    tasks = _tasks(
        _HEAD + "1. Đào tạo nghề\n\n"
        "Mở 02 lớp sơ cấp nghề trồng nấm cho hội viên nông dân.\n"
        "Thời hạn hoàn thành: Quý II/2027.\n"
        "Đơn vị chủ trì: Hội Nông dân huyện.\n\n"
        "2. Giao thông nông thôn\n\n"
        "Cứng hóa 4,5 km đường trục thôn.\n"
        "Cơ quan thực hiện: Phòng Kinh tế và Hạ tầng chủ trì; UBND xã Đông Sơn phối hợp.\n"
        "Thời gian: Thường xuyên.\n")
    got = [(t.text, t.owner, t.collaborators, t.deadline_text, t.section) for t in tasks]
    assert got == [
        ("Mở 02 lớp sơ cấp nghề trồng nấm cho hội viên nông dân.", "Hội Nông dân huyện", (),
         "Quý II/2027", "II.1"),
        ("Cứng hóa 4,5 km đường trục thôn.", "Phòng Kinh tế và Hạ tầng",
         ("UBND xã Đông Sơn",), None, "II.2"),
    ]


def test_a_topic_heading_joined_to_its_work_in_a_text_file() -> None:
    # no blank line: the heading and its work are one paragraph; the work alone is the text,
    # and both plain field lines count (the second was lost)
    tasks = _tasks(
        _HEAD + "1. Nước sạch\n"
        "Lắp đặt 3 trạm cấp nước tập trung tại các bản vùng cao.\n"
        "Đơn vị thực hiện: Trung tâm Nước sạch huyện (chủ trì); Đoàn Thanh niên huyện (phối hợp).\n"
        "Thời gian hoàn thành: Tháng 9/2027.\n")
    assert len(tasks) == 1
    t = tasks[0]
    assert t.text == "Lắp đặt 3 trạm cấp nước tập trung tại các bản vùng cao."
    assert (t.owner, t.collaborators) == ("Trung tâm Nước sạch huyện", ("Đoàn Thanh niên huyện",))
    assert t.deadline is not None and t.deadline.isoformat() == "2027-09-30"


def test_field_bullets_after_the_work_and_two_fields_on_one_line() -> None:
    tasks = _tasks(
        _HEAD + "1. Chuyển đổi cây trồng\n"
        "Chuyển 30 ha đất lúa kém hiệu quả sang trồng rau an toàn.\n"
        "- Thời gian hoàn thành: chậm nhất ngày 15/11/2027.\n"
        "- Đơn vị chủ trì: Phòng Nông nghiệp; đơn vị phối hợp: Hợp tác xã Tân Phú.\n")
    assert [(t.owner, t.collaborators, t.deadline_text) for t in tasks] == [
        ("Phòng Nông nghiệp", ("Hợp tác xã Tân Phú",), "chậm nhất ngày 15/11/2027")]


def test_unit_field_roles() -> None:
    from vanban.extract.directives import _unit_field

    assert _unit_field("Phòng A chủ trì, phối hợp với Ban B, Ban C") == ("Phòng A",
                                                                         ("Ban B", "Ban C"))
    assert _unit_field("Phòng A (chủ trì), Hội B (phối hợp)") == ("Phòng A", ("Hội B",))
    assert _unit_field("Phòng A phối hợp với Hội B") == ("Phòng A", ("Hội B",))
    # no role named: a joint owner, whole
    assert _unit_field("Phòng A, Ủy ban MTTQ xã") == ("Phòng A, Ủy ban MTTQ xã", ())


def test_a_plural_of_villages_runs_through_its_comma() -> None:
    from vanban.extract.owners import attribute

    assert attribute("Ban quản lý các thôn, làng tổ chức thực hiện.").owner == \
        "Ban quản lý các thôn, làng"
    assert attribute("Trưởng ban công tác Mặt trận các buôn, bon rà soát danh sách hộ nghèo."
                     ).owner == "Trưởng ban công tác Mặt trận các buôn, bon"


def _rows(table: str, title: str = "CHƯƠNG TRÌNH CÔNG TÁC THÁNG 9 NĂM 2027") -> list:
    from vanban.extract.api import extract_document

    text = (f"{title}\ncủa Thường trực UBND huyện\n\n"
            "NGÀY\tNỘI DUNG\tCHỦ TRÌ\tĐƠN VỊ CHUẨN BỊ\n" + table)
    return [t for t in extract_document([PageText(1, "plain_text", text)]).tasks
            if t.kind == "schedule"]


def test_day_spans_take_their_first_day_in_the_titles_month() -> None:
    rows = _rows(
        "Ngày 03\tHọp giao ban\tĐ/c Lò Văn A\tVăn phòng\n"
        "Ngày 08-09\tKiểm tra đường giao thông nội đồng\tĐ/c Lò Văn A\tPhòng Kinh tế\n"
        "Từ 14 đến 16\tTập huấn khuyến nông\tĐ/c Lò Văn A\tTrạm Khuyến nông\n"
        "Ngày 21-22\tHội thi nông dân giỏi\tĐ/c Lò Văn A\tHội Nông dân\n"
        "Ngày 25\tHọp thường kỳ\tĐ/c Lò Văn A\tVăn phòng\n"
        "Từ 29/9 đến 02/10\tTuần lễ văn hóa\tĐ/c Lò Văn A\tPhòng Văn hóa\n")
    assert [t.date.isoformat() if t.date else None for t in rows] == [
        "2027-09-03", "2027-09-08", "2027-09-14", "2027-09-21", "2027-09-25", "2027-09-29"]


def test_day_month_cells_and_a_span_across_the_month_end() -> None:
    rows = _rows(
        "04/9\tHọp giao ban\tĐ/c Lò Văn A\tVăn phòng\n"
        "10-11/9\tKiểm tra môi trường\tĐ/c Lò Văn A\tPhòng Kinh tế\n"
        "28/9-01/10\tĐoàn công tác đi tỉnh bạn\tĐ/c Lò Văn A\tVăn phòng\n")
    assert [t.date.isoformat() for t in rows] == ["2027-09-04", "2027-09-10", "2027-09-28"]
    # a bare "15-5" without a day word is still the 15th of May
    from vanban.extract.schedule import parse_day_cell

    dc = parse_day_cell("15-5")
    assert dc is not None and (dc.day, dc.month) == (15, 5)
    # days listed with a comma or "và" take the first; "05,6" (OCR's comma for a slash) is none
    for cell, want in (("Ngày 15, 16", (15, None)), ("15 và 16/9", (15, 9)),
                       ("30/9, 01/10", (30, 9))):
        dc = parse_day_cell(cell)
        assert dc is not None and (dc.day, dc.month) == want
    assert parse_day_cell("05,6") is None


def test_a_row_with_no_day_has_no_date_and_keeps_its_cells() -> None:
    rows = _rows(
        "Ngày 05\tHọp giao ban\tĐ/c Lò Văn A\tVăn phòng\n"
        "Chưa xác định\tTiếp Đoàn giám sát của tỉnh\tĐ/c Lò Văn B\tVăn phòng\n"
        "Cả tháng\tThẩm định hồ sơ OCOP\tĐ/c Lò Văn C\tPhòng Kinh tế\n")
    got = [(t.date.isoformat() if t.date else None, t.text, t.owner) for t in rows]
    assert got == [("2027-09-05", "Họp giao ban", "Văn phòng"),
                   (None, "Tiếp Đoàn giám sát của tỉnh", "Văn phòng"),
                   (None, "Thẩm định hồ sơ OCOP", "Phòng Kinh tế")]


def test_a_typed_row_with_an_unlisted_no_day_phrase() -> None:
    # typed text keeps every TAB: a short wordy day cell before a longer activity is no shifted
    # row, whatever its words
    rows = _rows("Ngày 05\tHọp giao ban\tĐ/c Lò Văn A\tVăn phòng\n"
                 "Chờ lịch của tỉnh\tĐón Đoàn khảo sát mô hình nông thôn mới kiểu mẫu\t"
                 "Đ/c Lò Văn B\tVăn phòng\n")
    assert [(t.date, t.text) for t in rows][1] == (
        None, "Đón Đoàn khảo sát mô hình nông thôn mới kiểu mẫu")


def test_field_labels_in_other_wordings() -> None:
    from vanban.extract.directives import _field_parts

    assert _field_parts("Thời hạn thực hiện: Quý II/2027.") == [("time", "Quý II/2027")]
    assert _field_parts("Cơ quan, đơn vị thực hiện: Phòng A.") == [("owner", "Phòng A")]
    assert _field_parts("Bộ phận phụ trách: Tổ công tác xã") == [("owner", "Tổ công tác xã")]
    assert _field_parts("Đơn vị phối hợp thực hiện: Hội C; Hội D.") == [("collab", "Hội C; Hội D")]
    assert _field_parts("Chủ trì: Phòng A; phối hợp: Hội B.") == [("owner", "Phòng A"),
                                                                   ("collab", "Hội B")]
    # labels that name no doer and no time are no fields
    assert _field_parts("Nội dung thực hiện: rà soát hồ sơ") is None
    assert _field_parts("Địa điểm: Hội trường xã") is None


def test_fields_written_after_the_work_in_the_same_paragraph() -> None:
    tasks = _tasks(
        _HEAD + "1. Tập huấn kỹ thuật trồng nấm cho 200 hộ. Đơn vị thực hiện: Hội Nông dân xã; "
        "thời gian: tháng 6/2027.\n"
        "2. Sửa chữa 3 cầu treo (Đơn vị chủ trì: Phòng Kinh tế, phối hợp với UBND các thôn; "
        "thời hạn: Quý III/2027).\n"
        "3. Hội nghị sơ kết mô hình. Thời gian: 14 giờ ngày 20/10/2027.\n")
    got = [(t.owner, t.collaborators, t.deadline.isoformat() if t.deadline else None)
           for t in tasks]
    assert got[:2] == [("Hội Nông dân xã", (), "2027-06-30"),
                       ("Phòng Kinh tế", ("UBND các thôn",), "2027-09-30")]
    # a bare "Thời gian:" with no doer describes an event: the item is read as before
    assert tasks[2].owner is None


def test_field_lines_under_an_items_bullets_serve_every_bullet() -> None:
    # the field lines run into the last bullet (a bullet goes on to the next marker): cut from
    # its text, they give both bullets the doer, partner and time limit
    tasks = _tasks(
        _HEAD + "1. Phát triển sản xuất\n"
        "- Hỗ trợ 20 hộ nuôi bò sinh sản;\n"
        "- Xây dựng 02 tổ hợp tác trồng rau an toàn.\n"
        "Đơn vị thực hiện: Phòng Kinh tế chủ trì, phối hợp với Hội Nông dân xã.\n"
        "Thời gian: Quý III/2027.\n")
    got = [(t.text, t.owner, t.collaborators, t.deadline_text) for t in tasks]
    assert got == [
        ("Hỗ trợ 20 hộ nuôi bò sinh sản;", "Phòng Kinh tế", ("Hội Nông dân xã",), "Quý III/2027"),
        ("Xây dựng 02 tổ hợp tác trồng rau an toàn.", "Phòng Kinh tế", ("Hội Nông dân xã",),
         "Quý III/2027"),
    ]
