"""Causes of the third blind run's errors (issue 11), each mechanism on a small invented input:
garbled day cells, recipients read from scans, the trailing periodic-reporting clause."""

import datetime as dt

from vanban.extract import vocab
from vanban.extract.lines import flatten
from vanban.extract.schedule import parse_day_cell, parse_schedule
from vanban.models.records import PageText

_HEAD = "Tháng 3 năm 2027\nNGÀY\tNỘI DUNG\tCHỦ TRÌ\tCHUẨN BỊ\n"


def _rows(body: str) -> list[tuple[str, dt.date | None]]:
    rows, _ = parse_schedule(flatten([PageText(1, "ocr", _HEAD + body)]))
    return [(t.text, t.date) for t in rows]


def test_day_month_readings_of_a_garbled_token() -> None:
    assert vocab.day_month_readings("27712") == ((27, 12),)  # "/" read as 7
    assert vocab.day_month_readings("1l03") == ((1, 3),)  # "/" read as l
    assert set(vocab.day_month_readings("2712")) == {(27, 12), (2, 12), (27, 2)}
    assert vocab.day_month_readings("2024") == ()
    assert vocab.date_like_cell("09703 (14)") and not vocab.date_like_cell("Họp 2024")


def test_a_weekday_vouches_for_a_garbled_day_cell() -> None:
    dc = parse_day_cell("1203 (16)")  # 12/3 with its slash lost, "(T6)" read "(16)"
    assert dc is not None and dc.weekday == "Thứ 6" and (12, 3) in dc.readings
    assert parse_day_cell("1203") is None  # alone, the parser does not guess


def test_the_table_chooses_the_reading_and_the_row_keeps_its_task() -> None:
    # 12/3/2027 is a Friday; "1203 (T6)" could be 12/3 or 1/3 (the 2 read for a slash) or
    # 12/03 -> the weekday and the neighbours (10/3 before, 15/3 after) say 12/3.
    body = ("10/3 (T4)\tHọp giao ban\tĐ/c An\tVăn phòng\n"
            "1203 (T6)\tKiểm tra công trình đường thôn\tĐ/c Bình\tPhòng Kinh tế\n"
            "15/3 (T2)\tTiếp công dân\tĐ/c An\tBan Tiếp dân\n")
    assert _rows(body) == [("Họp giao ban", dt.date(2027, 3, 10)),
                           ("Kiểm tra công trình đường thôn", dt.date(2027, 3, 12)),
                           ("Tiếp công dân", dt.date(2027, 3, 15))]
    body2 = body.replace("1203 (T6)", "12703 (16)")
    assert _rows(body2)[1] == ("Kiểm tra công trình đường thôn", dt.date(2027, 3, 12))


def test_a_bare_garbled_day_between_its_neighbours_is_read_and_never_a_task() -> None:
    body = ("10/3 (T4)\tHọp giao ban\tĐ/c An\tVăn phòng\n"
            "12703\tKiểm tra công trình đường thôn\tĐ/c Bình\tPhòng Kinh tế\n"
            "15/3 (T2)\tTiếp công dân\tĐ/c An\tBan Tiếp dân\n")
    assert _rows(body)[1] == ("Kiểm tra công trình đường thôn", dt.date(2027, 3, 12))
    # no reading fits (30/7 is not between 10/3 and 15/3): still no task row of its own
    rows = _rows(body.replace("12703", "30707"))
    assert [t for t, _ in rows] == ["Họp giao ban", "Kiểm tra công trình đường thôn",
                                    "Tiếp công dân"]


_BODY = """ỦY BAN NHÂN DÂN
HUYỆN ĐỒNG XANH
Số: 12/KH-UBND
Đồng Xanh, ngày 3 tháng 3 năm 2027
KẾ HOẠCH
Làm sạch kênh mương năm 2027
I. MỤC ĐÍCH
Giữ sạch kênh mương.
II. NHIỆM VỤ
1. Phòng Tài nguyên và Môi trường kiểm tra các kênh trước ngày 30/4/2027.
2. UBND các xã nạo vét kênh trước ngày 30/5/2027.
III. TỔ CHỨC THỰC HIỆN
Văn phòng HĐND và UBND huyện theo dõi việc thực hiện./.
Nơi nhận:
"""
_SIGN = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Hòa\n"


def _recipients(footer: str, method: str = "ocr") -> tuple[str, ...]:
    from vanban.extract import extract_document

    return extract_document([PageText(1, method, _BODY + footer + _SIGN)]).meta.recipients


def test_archive_item_label_and_token_as_ocr_reads_them() -> None:
    assert vocab.archive_item("LƯU: VÌ.") == "Lưu: VT"
    assert vocab.archive_item("Lưu: VLE") == "Lưu: VT"  # a 3-letter V token alone
    assert vocab.archive_item("Lưu: VPĐ", known=frozenset({"VPĐ"})) is None
    assert vocab.archive_item("Chiều: Về dự họp") is None  # label far from "Lưu"
    assert vocab.archive_item("XỮAU;: VÌ, KTHT,", lax=True) == "Lưu: VT, KTHT"


def test_recipients_from_a_scan_mended_from_the_documents_evidence() -> None:
    footer = ("- UBND tỉnh (b/c);\n- CT PCT UBND huyện;\n- Các cơ quan có tên tại mục lư;\n"
              "- Sở Tài nguyên và Môi trường;\n- LƯU: VŨ TNMTT.\n")
    assert _recipients(footer) == ("UBND tỉnh (b/c)", "CT, PCT UBND huyện",
                                   "Các cơ quan có tên tại mục II",
                                   "Sở Tài nguyên và Môi trường", "Lưu: VT, TNMT")
    # a text layer's spelling is the document's own: nothing is mended
    assert _recipients(footer, "text_layer")[-1] == "LƯU: VŨ TNMTT"


def test_an_archive_line_that_lost_its_dash_is_still_the_last_item() -> None:
    footer = "- UBND các xã;\n- Phòng Kinh tế và Hạ tầng;\nXỮAU;: VÌ, KTHT,\n"
    assert _recipients(footer) == ("UBND các xã", "Phòng Kinh tế và Hạ tầng", "Lưu: VT, KTHT")


def test_agency_initials_and_unit_mending() -> None:
    assert vocab.agency_initials("Sở Tài nguyên và Môi trường") == {"TNMT"}
    assert "VPĐP" in vocab.agency_initials("Văn phòng Điều phối NTM tỉnh")
    assert vocab.mend_unit("TNMTT", {"TNMT", "KTHT"}) == "TNMT"
    assert vocab.mend_unit("TNMTT", {"TNMT", "TNMTP"}) == "TNMTT"  # two near: no evidence


def test_a_trailing_periodic_reporting_clause_is_its_own_task() -> None:
    from vanban.extract.deadlines import parse_deadline, split_actions

    text = ("Phòng Y tế kiểm tra các bếp ăn tập thể, hoàn thành trước ngày 15/3/2027; "
            "định kỳ hằng quý báo cáo kết quả về UBND huyện.")
    parts = split_actions(text, 2027)
    assert parts == ["Phòng Y tế kiểm tra các bếp ăn tập thể, hoàn thành trước ngày 15/3/2027",
                     "định kỳ hằng quý báo cáo kết quả về UBND huyện."]
    dl = parse_deadline(parts[1], 2027)
    assert dl is not None and (dl.kind, dl.date, dl.valid) == ("recurring", None, True)
    # no dated action before it: the item stays one task
    one = "Các phòng chủ động triển khai; định kỳ 6 tháng báo cáo kết quả về UBND huyện."
    assert split_actions(one, 2027) == [one]


def test_the_periodic_clause_keeps_the_items_owner() -> None:
    from vanban.extract.directives import parse_directives
    from vanban.extract.lines import paragraphs

    body = ("II. NHIỆM VỤ\n1. Phòng Y tế kiểm tra các bếp ăn tập thể, hoàn thành trước ngày "
            "15/3/2027; định kỳ 6 tháng báo cáo kết quả về UBND huyện.\n")
    tasks = parse_directives(paragraphs(flatten([PageText(1, "text_layer", body)])), 2027)
    assert [(t.owner, t.deadline_kind) for t in tasks] == [("Phòng Y tế", "date"),
                                                          ("Phòng Y tế", "recurring")]


def test_a_weekday_of_every_period_with_its_part_of_day_is_recurring() -> None:
    from vanban.extract.deadlines import parse_deadline

    for text in ("ra quân dọn vệ sinh vào sáng thứ Bảy tuần cuối mỗi tháng",
                 "họp giao ban vào chiều thứ Sáu hằng tuần"):
        dl = parse_deadline(text, 2027)
        assert dl is not None and dl.kind == "recurring"
    assert parse_deadline("họp vào thứ Hai tuần sau", 2027) is None


def test_schedule_text_from_a_scan_takes_the_documents_acronyms_and_name_capitals() -> None:
    from vanban.extract import extract_document

    table = ("LỊCH CÔNG TÁC TUẦN\nTừ ngày 08/3/2027 đến ngày 12/3/2027\n"
             "NGÀY\tNỘI DUNG\tCHỦ TRÌ\tCHUẨN BỊ\n"
             "08/3 (T2)\tHọp UBND huyện thường kỳ\tĐ/c An\tVăn phòng HĐND và UBND\n"
             "09/3 (T3)\tLàm việc với UBND xã la Blang\tĐ/c An\tUBND xã\n"
             "10/3 (T4)\tHọp DBND huyện về đề án\tĐ/c Bình\tVăn phòng HĐND và UBND\n"
             "11/3 (T5)\tKiểm tra UBND xã Tân Lập\tĐ/c Bình\tPhòng Nội vụ\n")
    for method, want in (("ocr", ["Làm việc với UBND xã Ia Blang", "Họp UBND huyện về đề án"]),
                         ("text_layer", ["Làm việc với UBND xã la Blang",
                                         "Họp DBND huyện về đề án"])):
        rows = extract_document([PageText(1, method, table)]).tasks
        assert [t.text for t in rows][1:3] == want
    assert vocab.mend_name_initial("xã la Pnôn, xã la Dơk") == "xã Ia Pnôn, xã Ia Dơk"
    assert vocab.mend_name_initial("bản la cà") == "bản la cà"  # no capitalised name after


def test_a_weekday_row_and_its_date_row_split_by_a_repeated_header() -> None:
    head = "NGÀY\tBUỔI\tNỘI DUNG\tCHỦ TRÌ\n"
    body = ("Tháng 3 năm 2027\n" + head + "Thứ Tư\tSáng\tHọp giao ban\tĐ/c An\n"
            "10/3\tChiều\tTiếp công dân\tĐ/c An\n"
            "Thứ Năm\tSáng\tDự hội nghị trực tuyến\tĐ/c Bình\n" + head
            + "11/3\t\tLàm việc với đoàn kiểm tra\tĐ/c Bình\n")
    rows, _ = parse_schedule(flatten([PageText(1, "text_layer", body)]))
    assert [(t.date, t.session) for t in rows][2:] == [(dt.date(2027, 3, 11), "sang"),
                                                      (dt.date(2027, 3, 11), "sang")]


def test_a_dash_wrapped_inside_a_quoted_title_is_no_bullet() -> None:
    from vanban.extract.lines import paragraphs

    text = ('Giao Đài Truyền thanh huyện chủ trì xây dựng chuyên mục "Sáng\n'
            '- Xanh - Sạch" trên sóng phát thanh trước ngày 30/4/2027.\n'
            "- Các xã treo băng rôn trước ngày 15/5/2027.\n")
    paras = [p.text for p in paragraphs(flatten([PageText(1, "text_layer", text)]))]
    assert paras == ['Giao Đài Truyền thanh huyện chủ trì xây dựng chuyên mục "Sáng - Xanh '
                         '- Sạch" trên sóng phát thanh trước ngày 30/4/2027.',
                         "- Các xã treo băng rôn trước ngày 15/5/2027."]


def test_more_recipient_slips_mended_from_evidence() -> None:
    assert vocab.archive_item("- Lưu: V".lstrip("- ")) == "Lưu: VT"  # the T lost
    assert vocab.archive_item("“IUU VL, KHÍLH,", lax=True) == "Lưu: VT, KHÍLH"  # colon lost
    assert vocab.archive_item("KT. CHÁNH VĂN PHÒNG", lax=True) is None
    assert vocab.archive_item("TL. VĂN PHÒNG", lax=True) is None
    # a unit two edits off only when exactly one of the document's own abbreviations is that
    # close (the number "152/VPĐP-KHTH" names KHTH)
    assert vocab.mend_unit("KHÍLH", {"KHTH", "VPĐP"}) == "KHTH"
    assert vocab.mend_unit("VELDIE", {"KHTH", "VPĐP"}) == "VELDIE"
    # the numeral in "có tên tại mục X": any short token there, never a numeral as written
    assert vocab.garbled_item_numeral("Các đơn vị có tên tại mục 52:") is not None
    assert vocab.garbled_item_numeral("Các đơn vị có tên tại mục lợi") is not None
    assert vocab.garbled_item_numeral("Các đơn vị có tên tại mục 2, 3") is None
    assert vocab.garbled_item_numeral("Các đơn vị có tên tại mục III") is None


def test_a_garbled_numbered_item_takes_the_section_holding_the_tasks() -> None:
    footer = "- Các cơ quan có tên tại mục 52:;\n- Lưu: VT.\n"
    body = _BODY.replace("II. NHIỆM VỤ\n1. ", "II. NHIỆM VỤ\n").replace("\n2. UBND", "\nUBND")
    from vanban.extract import extract_document

    meta = extract_document([PageText(1, "ocr", body + footer + _SIGN)]).meta
    assert meta.recipients[0] == "Các cơ quan có tên tại mục 52:"  # no section 2 or 5: kept
    rec = _recipients("- Các cơ quan có tên tại mục lợi;\n- Lưu: VT.\n")
    assert rec[0] == "Các cơ quan có tên tại mục II"


def test_stroke_insertions_inside_a_standard_acronym() -> None:
    assert vocab.acronym_fixes("Văn phòng Điều phối NTITM huyện") == {"NTITM": "NTM"}
    assert vocab.acronym_fixes("NTITM NTITM NTITM") == {}  # the document's own word


def test_a_lone_start_date_read_for_before_in_a_table_of_before_dates() -> None:
    from vanban.extract.plan_table import parse_plan_table

    table = ("TT\tNội dung\tCơ quan chủ trì\tThời gian hoàn thành\n"
             "1\tRà soát hồ sơ\tPhòng Nội vụ\tTrước 15/4/2027\n"
             "2\tKiểm tra bếp ăn\tPhòng Y tế\tTừ 20/5/2027\n")
    for method, want in (("ocr", dt.date(2027, 5, 20)), ("text_layer", None)):
        tasks = parse_plan_table(flatten([PageText(1, method, table)]), 2027)
        assert tasks[1].deadline == want and tasks[1].deadline_text in ("Từ 20/5/2027", None)
    # no "Trước <date>" cell in the table: a start date stays no deadline
    alone = table.replace("Trước 15/4/2027", "Quý II/2027")
    assert parse_plan_table(flatten([PageText(1, "ocr", alone)]), 2027)[1].deadline is None


def test_a_speck_read_as_a_quote_inside_the_number() -> None:
    assert vocab.number_after_label("Số: 11/LCT-'VP") == "11/LCT-VP"
    assert vocab.number_after_label("Số: 12/KH'-UBND") == "12/KH-UBND"
    assert vocab.number_after_label("Số lượng 3 xã") is None


def test_collaborator_names_holding_verbs_and_joint_offices() -> None:
    from vanban.extract.owners import attribute, split_agencies

    a = attribute("Phòng Y tế chủ trì, phối hợp với Ban Quản lý dự án đầu tư xây dựng huyện "
                  "lập hồ sơ trạm y tế.")
    assert a.collaborators == ("Ban Quản lý dự án đầu tư xây dựng huyện",)
    assert attribute("Phòng X phối hợp với UBND các xã có dự án lập hồ sơ.").collaborators == (
        "UBND các xã",)  # no closed name: cut at the verb as before
    assert split_agencies("Văn phòng HĐND và UBND huyện") == ("Văn phòng HĐND và UBND huyện",)
    assert split_agencies("Phòng Nội vụ và UBND các xã") == ("Phòng Nội vụ", "UBND các xã")


def test_a_later_part_without_its_own_doer_keeps_the_items_collaborators() -> None:
    from vanban.extract.directives import parse_directives
    from vanban.extract.lines import paragraphs

    body = ("II. NHIỆM VỤ\n1. Giao Phòng Kinh tế chủ trì, Phòng Tài chính phối hợp lập hồ sơ "
            "đường thôn, xong trước ngày 30/4/2027; khởi công trong quý III/2027.\n")
    tasks = parse_directives(paragraphs(flatten([PageText(1, "text_layer", body)])), 2027)
    assert [(t.owner, t.collaborators) for t in tasks] == [
        ("Phòng Kinh tế", ("Phòng Tài chính",)), ("Phòng Kinh tế", ("Phòng Tài chính",))]


def test_arabic_group_rows_of_a_plan_table_stay_arabic() -> None:
    from vanban.extract.plan_table import parse_plan_table

    table = ("III. NHIỆM VỤ\nTT\tNội dung\tCơ quan chủ trì\tThời gian hoàn thành\n"
             "1\tHạ tầng số\t\t\n1.1\tPhủ sóng di động\tSở Thông tin\tNăm 2027\n")
    assert parse_plan_table(flatten([PageText(1, "text_layer", table)]), 2027)[0].section == (
        "III.1")


def test_a_damaged_or_lost_recipients_label() -> None:
    from vanban.extract import extract_document

    items = "- UBND tỉnh (b/c);\n- Các xã, thị trấn;\n- Lưu: VT, TNMT.\n"
    assert vocab.recipients_label("Nợi nbậu:") and vocab.recipients_label("Nai nhận:")
    assert not vocab.recipients_label("Nội dung:")
    for label in ("Nợi nbậu:\n", ""):
        ex = extract_document([PageText(1, "ocr", _BODY.replace("Nơi nhận:\n", label) + items
                                        + _SIGN)])
        assert ex.meta.recipients == ("UBND tỉnh (b/c)", "Các xã, thị trấn", "Lưu: VT, TNMT")
        assert not any("thị trấn" in t.text for t in ex.tasks)  # the list gives no task
        assert ex.meta.signer == "Lê Văn Hòa"
    # bullets of the body ending in ";" above a closing "./." are not taken for the list
    assert vocab.recipients_block_start(["- Làm A;", "- Làm B./.", "- Lưu: VT."]) is None


def test_fixed_recipient_phrases_as_ocr_reads_them() -> None:
    assert vocab.mend_recipient("Nhu trẽn") == "Như trên"
    assert vocab.mend_recipient("Nlư trên") == "Như trên"
    assert vocab.mend_recipient("Nhu mục II") == "Như mục II"
    assert vocab.mend_recipient("Nhà trẻ") == "Nhà trẻ"
    assert vocab.mend_recipient("UBND tỉnh (b/c)") == "UBND tỉnh (b/c)"


def test_a_full_date_beside_an_unreadable_weekday_is_a_day_cell() -> None:
    dc = parse_day_cell("27/12 (TÓ)")
    assert dc is not None and (dc.day, dc.month, dc.weekday) == (27, 12, None)
    assert parse_day_cell("27/12 Họp") is None
    assert parse_day_cell("15 (ab)") is None  # a bare day number needs more than that


def test_the_archive_unit_mended_from_an_agency_named_in_a_body_sentence() -> None:
    body = _BODY.replace("theo dõi việc thực hiện./.",
                         "theo dõi; vướng mắc liên hệ Phòng Kế hoạch - Tổng hợp để được hướng "
                         "dẫn./.")
    from vanban.extract import extract_document

    meta = extract_document([PageText(1, "ocr", body + "- UBND các xã;\n- Lưu: VT, KHTTH.\n"
                                      + _SIGN)]).meta
    assert meta.recipients[-1] == "Lưu: VT, KHTH"


def test_a_garbled_date_row_under_its_weekday_row_is_one_day() -> None:
    head = "Tháng 3 năm 2027\nNGÀY\tBUỔI\tNỘI DUNG\tCHỦ TRÌ\n"
    body = (head + "Thứ Hai\tSáng\tHọp giao ban\tĐ/c An\n08/3\tChiều\tTiếp công dân\tĐ/c An\n"
            "Thứ Ba\tSáng\tKiểm tra đường\tĐ/c Bình\n0973\tChiều\tHọp tổ\tĐ/c Bình\n"
            "Thứ Tư\tSáng\tDự hội nghị\tĐ/c An\n10/3\tChiều\tLàm việc\tĐ/c An\n")
    rows, _ = parse_schedule(flatten([PageText(1, "ocr", body)]))
    assert [(t.date, t.weekday, t.session) for t in rows][2:4] == [
        (dt.date(2027, 3, 9), "Thứ 3", "sang"), (dt.date(2027, 3, 9), "Thứ 3", "chieu")]


def test_a_two_letter_unit_is_never_mended() -> None:
    assert vocab.mend_unit("TH", {"TP", "KTHT"}) == "TH"


def test_a_section_referred_to_in_words_is_no_garbled_numeral() -> None:
    assert vocab.garbled_item_numeral("Các đơn vị nêu tại mục này") is None
