"""Issue 11, third part (branch extract, 2026-12-06 session): each mechanism on a small input
of its own (text written for the test; no document's strings)."""

from vanban.extract import extract_document
from vanban.models.records import PageText, Task


def _directives(text: str) -> list[Task]:
    ex = extract_document([PageText(1, "plain_text", text)])
    return [t for t in ex.tasks if t.kind == "directive"]


_HEAD = "KẾ HOẠCH\nTriển khai năm 2025\n\n"


def test_a_two_round_time_cell_is_one_task_per_round() -> None:
    text = _HEAD + (
        "II. NHIỆM VỤ\n\n"
        "TT\tNội dung\tĐơn vị chủ trì\tThời gian\n"
        "1\tChấm điểm sản phẩm\tHội đồng chấm điểm huyện\tĐợt 1: trước 30/6/2025; Đợt 2: "
        "trước 30/10/2025\n"
        "2\tIn tài liệu\tPhòng Văn hóa\tQuý II/2025; quý III/2025\n")
    tasks = _directives(text)
    assert [(t.text, str(t.deadline)) for t in tasks[:2]] == [
        ("Chấm điểm sản phẩm", "2025-06-30"), ("Chấm điểm sản phẩm", "2025-10-30")]
    assert len(tasks) == 3  # a cell without rounds stays one task


def test_an_owned_item_whose_bullets_only_describe_the_event_is_a_task() -> None:
    text = _HEAD + (
        "I. NHIỆM VỤ\n\n"
        "1. Phòng Nội vụ chủ trì chuẩn bị hội nghị tổng kết, hoàn thành trước ngày 10/12/2025.\n"
        "- Thời gian: 8 giờ ngày 15/12/2025.\n"
        "- Địa điểm: Hội trường huyện.\n\n"
        "2. Thời gian, địa điểm\n"
        "- Thời gian: 14 giờ ngày 20/12/2025.\n"
        "- Địa điểm: Nhà văn hóa xã.\n")
    tasks = _directives(text)
    assert [(t.owner, str(t.deadline)) for t in tasks] == [("Phòng Nội vụ", "2025-12-10")]


def test_a_final_paragraph_ending_the_document_still_assigns_dated_work() -> None:
    text = _HEAD + (
        "I. NHIỆM VỤ\n\n1. Các xã rà soát tiêu chí.\n\n"
        "II. TỔ CHỨC THỰC HIỆN\n\n"
        "Phòng Nội vụ là cơ quan thường trực, theo dõi việc thực hiện; báo cáo UBND huyện "
        "trước ngày 20/12/2025./.\n")
    tasks = _directives(text)
    assert [t.owner for t in tasks] == ["Các xã", "Phòng Nội vụ"]
    assert str(tasks[-1].deadline) == "2025-12-20"
    # An exhortation that ends the document is no task.
    text = _HEAD + ("I. NHIỆM VỤ\n\n1. Các xã rà soát tiêu chí.\n\nII. TỔ CHỨC THỰC HIỆN\n\n"
                    "Yêu cầu các cơ quan nghiêm túc thực hiện trước ngày 20/12/2025./.\n")
    assert [t.owner for t in _directives(text)] == ["Các xã"]


def test_a_schedule_title_leaves_out_the_period_line() -> None:
    from vanban.extract import vocab

    assert vocab.period_line("(Từ ngày 02/6/2025 đến ngày 08/6/2025)")
    assert vocab.period_line("(Tù ngay 02/6/2025 dên ngày 08/6/2025)")  # as OCR reads it
    assert not vocab.period_line("Triển khai từ tháng 6 năm 2025")
    assert vocab.strip_period("LỊCH CÔNG TÁC TUẦN Của UBND xã (từ ngày 2/6 đến ngày 8/6/2025)") == (
        "LỊCH CÔNG TÁC TUẦN Của UBND xã")
    text = ("UBND XÃ AN\n\nSố: 3/LCT-UBND\n\nLỊCH CÔNG TÁC TUẦN\nCủa lãnh đạo UBND xã\n"
            "(Từ ngày 02/6/2025 đến ngày 08/6/2025)\n\n"
            "NGÀY\tBUỔI\tNỘI DUNG\n")
    meta = extract_document([PageText(1, "plain_text", text)]).meta
    assert meta.title == "LỊCH CÔNG TÁC TUẦN Của lãnh đạo UBND xã"


def test_a_ghi_chu_ca_ngay_gives_a_row_without_marker_its_session_and_a_note() -> None:
    text = ("CHƯƠNG TRÌNH CÔNG TÁC THÁNG 6/2025\n\n"
            "NGÀY\tNỘI DUNG\tCHUẨN BỊ\tGHI CHÚ\n"
            "02/6 (T2)\tSáng: Họp giao ban\tVăn phòng\t\n"
            "03/6 (T3)\tKiểm tra các xã\tPhòng Nội vụ\tCả ngày\n"
            "04/6 (T4)\tSáng: Tiếp dân\tVăn phòng\tTại trụ sở\n")
    ex = extract_document([PageText(1, "plain_text", text)])
    rows = [(t.session, t.notes) for t in ex.tasks if t.kind == "schedule"]
    assert rows == [("sang", ()), ("ca_ngay", ("Cả ngày",)), ("sang", ("Tại trụ sở",))]


def test_a_roman_heading_that_lost_its_dot_still_opens_its_section() -> None:
    from vanban.extract import vocab

    assert vocab.bare_roman_heading("II NHIỆM VỤ VÀ GIẢI PHÁP") == ("II", "NHIỆM VỤ VÀ GIẢI PHÁP")
    assert vocab.bare_roman_heading("H NHIỆM VỤ") == ("II", "NHIỆM VỤ")
    assert vocab.bare_roman_heading("I Nhiệm vụ của các xã") is None  # not a capitals heading
    text = _HEAD + ("I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao hiệu quả quản lý.\n"
                    "II NHIỆM VỤ VÀ GIẢI PHÁP\n1. Phòng Nội vụ rà soát hồ sơ trước ngày "
                    "30/6/2025.\n")
    tasks = _directives(text)
    assert [(t.owner, t.section) for t in tasks] == [("Phòng Nội vụ", "II.1")]


def test_a_deadline_year_misread_by_one_digit_on_a_scan_is_the_documents_year() -> None:
    from vanban.extract import vocab

    assert vocab.misread_year(2028, 2023) and vocab.misread_year(2025, 2023)
    assert not vocab.misread_year(2024, 2023)  # next year is a real deadline
    assert not vocab.misread_year(2021, 2023)
    body = ("UBND HUYỆN AN\n\nSố: 5/TB-UBND\n\nAn, ngày 02 tháng 10 năm 2023\n\n"
            "THÔNG BÁO\nKết luận của Chủ tịch UBND huyện\n\n"
            "I. NHIỆM VỤ\n\n1. Phòng Nội vụ rà soát hồ sơ, hoàn thành trong quý IV năm 2028.\n"
            "2. Phòng Tư pháp xây dựng đề án giai đoạn 2025-2030, trình trước ngày 30/6/2025.\n")
    for method, want in (("ocr", "2023-12-31"), ("text_layer", "2028-12-31")):
        ex = extract_document([PageText(1, method, body)])
        tasks = [t for t in ex.tasks if t.kind == "directive"]
        assert str(tasks[0].deadline) == want  # born-digital text is never mended
        assert str(tasks[1].deadline) == "2025-06-30"  # 2025 is written twice: a real year


def test_an_issuer_block_goes_on_after_the_place_date_of_the_right_column() -> None:
    text = ("HUYỆN ỦY AN PHÚ\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "BAN CHỈ ĐẠO CÁC CHƯƠNG\nAn Phú, ngày 28 tháng 9 năm 2025\nTRÌNH MỤC TIÊU QUỐC GIA\n"
            "Số: 9-CTr/BCĐ\nCHƯƠNG TRÌNH CÔNG TÁC THÁNG 10 NĂM 2025\n")
    meta = extract_document([PageText(1, "ocr", text)]).meta
    assert meta.issuer == "HUYỆN ỦY AN PHÚ BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA"
    assert meta.place == "An Phú"


_FOOT = "THÔNG BÁO\nKết luận\n\nI. NHIỆM VỤ\n\n1. Các xã rà soát.\n\nNơi nhận:\n"


def test_a_signers_name_read_into_a_recipient_after_its_comma_is_the_signer() -> None:
    text = _FOOT + ("- UBND tỉnh (b/c); CHÁNH VĂN PHÒNG\n"
                    "- Các cơ quan có tên tại mục 2, Trần Văn Hải\n3;\n- Lưu: VT.\n")
    meta = extract_document([PageText(1, "text_layer", text)]).meta
    assert meta.recipients == ("UBND tỉnh (b/c)", "Các cơ quan có tên tại mục 2, 3", "Lưu: VT")
    assert meta.signer == "Trần Văn Hải"


def test_recipients_fixed_elements_and_acronyms_as_ocr_reads_them() -> None:
    from vanban.extract import vocab

    assert vocab.mend_recipient("UBND tỉnh (hb/ )") == "UBND tỉnh (b/c)"
    assert vocab.mend_recipient("Lưu: VTNN") == "Lưu: VT, NN"
    assert vocab.mend_recipient("Các đơn vị tại mục l1") == "Các đơn vị tại mục II"
    assert vocab.mend_recipient("Các đơn vị tại mục 11") == "Các đơn vị tại mục 11"
    assert vocab.acronym_fixes("VPDE BCĐĐ") == {"VPDE": "VPĐP", "BCĐĐ": "BCĐ"}
    assert vocab.acronym_fixes("TNMT TN&MT TN&MT TN&MT") == {}  # two spellings, no misreading
    text = _FOOT + "- Các thành viên BCĐĐ huyện;\n- Lưu: VT, VPĐE.\n"
    for method, want in (("ocr", ("Các thành viên BCĐ huyện", "Lưu: VT, VPĐP")),
                         ("text_layer", ("Các thành viên BCĐĐ huyện", "Lưu: VT, VPĐE"))):
        assert extract_document([PageText(1, method, text)]).meta.recipients == want


def test_a_table_rule_read_at_a_cells_edge_is_dropped() -> None:
    text = ("LỊCH CÔNG TÁC TUẦN\n\nNGÀY\tNỘI DUNG\tCHỦ TRÌ\tĐỊA ĐIỂM\tCHUẨN BỊ\n"
            "Thứ 2 (02/6)\tSáng: Họp giao ban\tĐ/c Hải |\t| Phòng họp 1\tVăn phòng |\n")
    ex = extract_document([PageText(1, "ocr", text)])
    t = next(t for t in ex.tasks if t.kind == "schedule")
    assert (t.owner, t.leaders, t.location) == ("Văn phòng", ("Đ/c Hải",), "Phòng họp 1")


def test_a_day_repeated_at_a_page_top_keeps_its_weekday() -> None:
    p1 = ("LỊCH CÔNG TÁC TUẦN\nTừ ngày 11/3/2024\n\nNGÀY\tBUỔI\tNỘI DUNG\tCHỦ TRÌ\n"
          "Thứ Năm\n14/3\tSáng\tHội nghị phòng chống hạn\tĐ/c Phương\n")
    p2 = ("14/3\tSáng\tHội nghị phòng chống hạn\tĐ/c Phương\n"
          "\t\tDự họp Hội đồng OCOP\tĐ/c Kiệt\n")
    ex = extract_document([PageText(1, "ocr", p1), PageText(2, "ocr", p2)])
    rows = [(t.text, str(t.date), t.weekday) for t in ex.tasks if t.kind == "schedule"]
    assert rows == [("Hội nghị phòng chống hạn", "2024-03-14", "Thứ 5"),
                    ("Dự họp Hội đồng OCOP", "2024-03-14", "Thứ 5")]


def test_a_repeated_misread_acronym_is_mended_when_the_standard_form_is_also_written() -> None:
    from vanban.extract import vocab

    assert vocab.acronym_fixes("NTIM NTIM NTIM NTM") == {"NTIM": "NTM"}
    assert vocab.acronym_fixes("NTIM NTIM NTIM") == {}  # the document's own code


def test_a_closing_request_to_carry_the_document_out_is_no_task() -> None:
    from vanban.extract import vocab

    assert vocab.generic_close("Sở X đề nghị UBND các huyện quan tâm, phối hợp thực hiện")
    assert not vocab.generic_close("Đề nghị UBND các huyện báo cáo kết quả trước ngày 30/6.")
    text = _HEAD + ("I. NHIỆM VỤ\n\n1. Các xã rà soát tiêu chí.\n\n"
                    "Văn phòng Điều phối đề nghị UBND các xã quan tâm, phối hợp thực hiện\n")
    assert [t.owner for t in _directives(text)] == ["Các xã"]


def test_a_chu_tri_column_of_people_without_a_unit_column_gives_leaders() -> None:
    text = ("LỊCH CÔNG TÁC TUẦN\n\nTHỨ, NGÀY\tTHỜI GIAN\tNỘI DUNG\tCHỦ TRÌ\tĐỊA ĐIỂM\n"
            "Thứ 2 (02/6/2025)\t8h00\tHọp giao ban\tĐ/c Hải\tPhòng họp 1\n"
            "\t14h00\tLàm việc với xã An\tPhó Chủ tịch UBND huyện\tUBND xã An\n")
    rows = [(t.owner, t.leaders) for t in extract_document([PageText(1, "plain_text", text)]).tasks]
    assert rows == [(None, ("Đ/c Hải",)), (None, ("Phó Chủ tịch UBND huyện",))]
    units = text.replace("Đ/c Hải", "Văn phòng").replace("Phó Chủ tịch UBND huyện", "Phòng Nội vụ")
    ex = extract_document([PageText(1, "plain_text", units)])
    rows = [(t.owner, t.leaders) for t in ex.tasks]
    assert rows == [("Văn phòng", ()), ("Phòng Nội vụ", ())]  # a column of units stays the unit


def test_day_cells_with_a_dotted_weekday_or_a_dashed_date() -> None:
    from vanban.extract.schedule import parse_day_cell

    dc = parse_day_cell("T.2 - 15/5")
    assert dc is not None and (dc.day, dc.month, dc.weekday) == (15, 5, "Thứ 2")
    dc = parse_day_cell("Thứ hai 15-5-2023")
    assert dc is not None and (dc.day, dc.month, dc.year) == (15, 5, 2023)
    dc = parse_day_cell("Thứ Bảy, Chủ nhật 17-18/5")  # a cell spanning days opens the first
    assert dc is not None and (dc.day, dc.month, dc.weekday) == (17, 5, "Thứ 7")


def test_an_excluded_heading_joined_to_its_body_still_gives_its_assignment() -> None:
    text = _HEAD + ("I. NHIỆM VỤ\n1. Các xã rà soát tiêu chí.\n"
                    "II. KINH PHÍ Kinh phí từ ngân sách huyện. Giao Phòng Tài chính tham mưu bố "
                    "trí kinh phí trước ngày 31/5/2025.\n")
    tasks = _directives(text)
    assert [(t.owner, str(t.deadline)) for t in tasks] == [
        ("Các xã", "None"), ("Phòng Tài chính", "2025-05-31")]


def test_a_capitalised_name_word_after_a_comma_goes_on_the_name() -> None:
    from vanban.extract.owners import attribute

    a = attribute("Giao Trung tâm Văn hóa, Thông tin và Thể thao huyện tăng cường tuyên truyền.")
    assert a.owner == "Trung tâm Văn hóa, Thông tin và Thể thao huyện"


def test_an_office_written_after_a_leaders_name_stays_with_it() -> None:
    from vanban.extract.schedule import split_leaders

    assert split_leaders("Đ/c Thảo, PCT") == ("Đ/c Thảo, PCT",)
    assert split_leaders("Đ/c Hải, Đ/c Tâm") == ("Đ/c Hải", "Đ/c Tâm")
    assert split_leaders("Chủ tịch, PCT") == ("Chủ tịch", "PCT")  # two offices, two leaders


def test_an_intro_asking_an_agency_gives_it_the_items_that_name_no_doer() -> None:
    text = ("SỞ NÔNG NGHIỆP\n\nSố: 15/SNN-PTNT\nV/v thẩm định hồ sơ\n\n"
            "Kính gửi:\n- UBND huyện A;\n- UBND huyện B.\n\n"
            "Sở Nông nghiệp đề nghị UBND các huyện thực hiện một số nội dung sau:\n"
            "1. Rà soát hồ sơ, gửi về Sở trước ngày 30/9/2025.\n"
            "2. Phòng Nội vụ huyện kiểm tra thủ tục.\n")
    tasks = _directives(text)
    assert [t.owner for t in tasks] == ["UBND các huyện", "Phòng Nội vụ huyện"]


def test_a_separate_thu_column_holding_the_bare_weekday() -> None:
    text = ("CHƯƠNG TRÌNH CÔNG TÁC THÁNG 3 NĂM 2025\n\n"
            "NGÀY\tTHỨ\tNỘI DUNG CÔNG VIỆC\tCHỦ TRÌ\tĐƠN VỊ THAM MƯU\n"
            "03/3\tHai\tSáng: Giao ban\tTrưởng ban\tVăn phòng\n"
            "\t\tChiều: Làm việc với xã An\tPhó Trưởng ban\tPhòng Nội vụ\n"
            "05/3\tTư\tKiểm tra mô hình\tPhó Trưởng ban\tPhòng Nông nghiệp\n")
    rows = [(str(t.date), t.weekday, t.session, t.owner, t.text)
            for t in extract_document([PageText(1, "plain_text", text)]).tasks]
    assert rows == [("2025-03-03", "Thứ 2", "sang", "Văn phòng", "Giao ban"),
                    ("2025-03-03", "Thứ 2", "chieu", "Phòng Nội vụ", "Làm việc với xã An"),
                    ("2025-03-05", "Thứ 4", None, "Phòng Nông nghiệp", "Kiểm tra mô hình")]


def test_an_item_with_its_doer_and_time_as_field_bullets_is_one_task() -> None:
    text = _HEAD + ("II. NHIỆM VỤ\n"
                    "1. Rà soát các sản phẩm tiềm năng\n"
                    "- Đơn vị chủ trì: Phòng Nông nghiệp.\n"
                    "- Đơn vị phối hợp: UBND các xã; Hội Nông dân huyện.\n"
                    "- Thời gian hoàn thành: trước ngày 31/3/2025.\n"
                    "2. Hỗ trợ hoàn thiện hồ sơ\n"
                    "- Cơ quan chủ trì: Văn phòng Điều phối.\n"
                    "- Thời gian thực hiện: Quý II/2025.\n")
    tasks = _directives(text)
    assert [(t.text, t.owner, t.collaborators, str(t.deadline)) for t in tasks] == [
        ("Rà soát các sản phẩm tiềm năng", "Phòng Nông nghiệp",
         ("UBND các xã", "Hội Nông dân huyện"), "2025-03-31"),
        ("Hỗ trợ hoàn thiện hồ sơ", "Văn phòng Điều phối", (), "2025-06-30")]


def test_a_capitalised_giao_inside_a_joined_heading_names_the_owner() -> None:
    from vanban.extract.owners import attribute

    a = attribute("Tổ chức đánh giá sản phẩm cấp huyện Giao Hội đồng thẩm định huyện thực hiện.")
    assert a.owner == "Hội đồng thẩm định huyện"


def test_a_heading_naming_targets_and_work_keeps_the_work_tasks() -> None:
    text = _HEAD + ("I. MỤC TIÊU, NHIỆM VỤ\n1. Mục tiêu\nPhấn đấu có 5 xã đạt chuẩn.\n"
                    "2. Nhiệm vụ\n- Phòng Nội vụ rà soát hồ sơ trước ngày 30/6/2025.\n")
    assert [(t.section, t.owner) for t in _directives(text)] == [("I.2", "Phòng Nội vụ")]


def test_a_signature_prefix_whose_dot_ocr_read_as_a_comma() -> None:
    from vanban.extract.metadata import _authority

    assert _authority("KT, CHỦ TỊCH") == "KT." and _authority("TM: ỦY BAN NHÂN DÂN") == "TM."


def test_a_place_date_as_ocr_reads_it() -> None:
    for line in ["An Phú, ngay 02 thang 10 nam 2023", "An Phú, ngàỵ 02 tháng 10 năm 2023",
                 "An Phú ngày 02 tháng 10 năm 2023", "An Phú, ngày 2/10/2023"]:
        text = f"UBND HUYỆN AN PHÚ\n\nSố: 1/KH-UBND\n\n{line}\n\nKẾ HOẠCH\nTriển khai\n"
        meta = extract_document([PageText(1, "ocr", text)]).meta
        assert (meta.place, str(meta.issue_date)) == ("An Phú", "2023-10-02"), line
    text = "UBND HUYỆN AN PHÚ\n\nKẾ HOẠCH\nTriển khai\n\nkế hoạch ngày 02 tháng 10 năm 2023\n"
    assert extract_document([PageText(1, "ocr", text)]).meta.place is None


def test_the_recipients_label_as_ocr_reads_it_ends_the_body() -> None:
    from vanban.extract import vocab

    for label in ("Nơi nhận:", "Nơi nhân:", "Noi nhan:", "Nới nhận:"):
        assert vocab.recipients_label(label)
        text = _HEAD + (f"I. NHIỆM VỤ\n1. Các xã rà soát tiêu chí.\n\n{label}\n"
                        "- UBND tỉnh (b/c);\n- Lưu: VT.\n")
        ex = extract_document([PageText(1, "ocr", text)])
        assert ex.meta.recipients == ("UBND tỉnh (b/c)", "Lưu: VT") and len(ex.tasks) == 1
    assert not vocab.recipients_label("Nội dung nhận xét")


def test_a_type_line_ocr_misspelled_gives_the_type_name_spelled_right() -> None:
    for line in ("KÉ HOẠCH", "KE HOACH", "KẾ HOẠCH."):
        text = f"UBND HUYỆN AN\n\nSố: 1/KH-UBND\n\n{line}\nTriển khai năm 2023\n"
        meta = extract_document([PageText(1, "ocr", text)]).meta
        assert (meta.doc_type, meta.doc_type_name, meta.title) == (
            "ke_hoach", "KẾ HOẠCH", "Triển khai năm 2023"), line
