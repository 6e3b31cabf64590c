"""extract/vocab.py: folded matching of closed vocabularies and document-type codes."""

from vanban.extract import vocab
from vanban.extract.lines import flatten
from vanban.extract.metadata import parse_metadata
from vanban.models.records import PageText


def test_fold_drops_diacritics_case_and_punctuation() -> None:
    assert vocab.fold("Buổi  Chiều:") == "buoi chieu"
    assert vocab.fold("Đ/c Tâm") == "d c tam"


def test_doc_type_code_is_the_folded_name() -> None:
    assert vocab.doc_type_code("KẾ HOẠCH") == "ke_hoach"
    assert vocab.doc_type_code("CHƯƠNG TRÌNH CÔNG TÁC") == "chuong_trinh_cong_tac"
    assert vocab.doc_type_code("Lịch công tác") == "lich_cong_tac"


def test_type_name_as_written_and_longest_first() -> None:
    assert vocab.doc_type_name("CHƯƠNG TRÌNH CÔNG TÁC THÁNG 5") == "CHƯƠNG TRÌNH CÔNG TÁC"
    assert vocab.doc_type_name("BÁO CÁO") == "BÁO CÁO"
    assert vocab.doc_type_name("Báo cáo kết quả") is None  # a sentence, not a type line


def _meta(text: str):  # type: ignore[no-untyped-def]
    return parse_metadata(flatten([PageText(1, "plain_text", text)]))


def test_type_line_gives_code_and_name() -> None:
    m = _meta("UBND HUYỆN A\n\nSố: 12/BC-UBND\n\nA, ngày 02 tháng 3 năm 2024\n\n"
              "BÁO CÁO\nKết quả xây dựng nông thôn mới quý I năm 2024\n\nI. KẾT QUẢ\n")
    assert (m.doc_type, m.doc_type_name) == ("bao_cao", "BÁO CÁO")
    assert m.title == "Kết quả xây dựng nông thôn mới quý I năm 2024"


def test_letter_with_vv_line_is_cong_van_with_its_subject_as_title() -> None:
    m = _meta("ỦY BAN NHÂN DÂN\nHUYỆN B\n\nSố: 215/UBND-NN\nV/v đôn đốc hoàn thiện hồ sơ\n"
              "xã đạt chuẩn nông thôn mới\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\n\nB, ngày 10 tháng 10 năm 2023\n\n"
              "Kính gửi: UBND các xã\n\nThực hiện Kế hoạch số 47/KH-UBND ...\n")
    assert m.doc_type == "cong_van" and m.doc_type_name == "Công văn"
    assert m.title == "đôn đốc hoàn thiện hồ sơ xã đạt chuẩn nông thôn mới"
    assert m.number == "215/UBND-NN"


def test_letter_subject_after_the_date_and_ocr_reading_of_vv() -> None:
    m = _meta("UBND TỈNH C\n\nSố: 9/UBND\n\nC, ngày 1 tháng 2 năm 2022\n\n"
              "V/y: triển khai Bộ tiêu chí\n\nKính gửi: Các sở, ngành\n")
    assert m.doc_type == "cong_van" and m.title == "triển khai Bộ tiêu chí"


def test_session_markers_read_without_diacritics() -> None:
    for text, want in (("Chiêu:", "chieu"), ("Buối chiêu", "chieu"), ("Buổi sang", "sang"),
                       ("Buổi sáng:", "sang"), ("Cả ngày", "ca_ngay"), ("Sang năm", None),
                       ("Tối", "toi"), ("Buổi tối", "toi")):
        assert vocab.session_marker(text) == want, text
    assert vocab.inline_session("Buối chiêu: Dự họp tại tỉnh") == ("chieu", "Dự họp tại tỉnh")
    assert vocab.inline_session("Sáng kiến mới") is None


def test_weekdays_and_noise_in_day_cells() -> None:
    from vanban.extract.schedule import parse_day_cell

    assert parse_day_cell("Thứ Tư |") is not None and parse_day_cell("Thứ Tư |").weekday == "Thứ 4"
    dc = parse_day_cell("15€CN")
    assert dc is not None and (dc.day, dc.weekday) == (15, "CN")
    dc = parse_day_cell("02/10 (T2)")
    assert dc is not None and (dc.day, dc.month, dc.weekday) == (2, 10, "Thứ 2")
    dc = parse_day_cell("Thứ Hai, 15/5/2023")
    assert dc is not None and (dc.day, dc.month, dc.year, dc.weekday) == (15, 5, 2023, "Thứ 2")
    assert parse_day_cell("Thường trực BCĐ họp") is None
    dc = parse_day_cell("Thứ Hai 2712")  # OCR lost the slash; the weekday vouches for a day
    assert dc is not None and (dc.day, dc.month, dc.weekday) == (27, 12, "Thứ 2")
    dc = parse_day_cell("Thứ 4 (0601)")
    assert dc is not None and (dc.day, dc.month) == (6, 1)
    assert parse_day_cell("2712") is None  # without a weekday it may be anything


def test_comrade_prefix_read_as_a_name() -> None:
    assert vocab.comrade("Đức Tâm") == "Đ/c Tâm"
    assert vocab.comrade("Đíc Hùng") == "Đ/c Hùng"
    assert vocab.comrade("đ/c Long") == "đ/c Long"
    assert vocab.comrade("Nguyễn Đức Tâm") == "Nguyễn Đức Tâm"  # a full name stays


def test_roman_quarters_as_ocr_reads_them() -> None:
    from vanban.extract.deadlines import parse_deadline

    tokens = ("I1", "H", "HI", "lV", "2", "X")
    assert [vocab.roman_value(t) for t in tokens] == [2, 2, 3, 4, 2, None]
    dl = parse_deadline("hoàn thành trong quý I1/2021", 2021)
    assert dl is not None and str(dl.date) == "2021-06-30"
    dl = parse_deadline("trước quý H/2013", 2013)
    assert dl is not None and str(dl.date) == "2013-06-30"


def test_weekday_row_then_date_row_is_one_day() -> None:
    from vanban.extract.lines import flatten
    from vanban.extract.schedule import parse_schedule

    text = "\n".join([
        "LỊCH CÔNG TÁC THÁNG 02/2023",
        "NGÀY\tNỘI DUNG\tCHỦ TRÌ\tLÃNH ĐẠO",
        "Thứ Sáu\tBuổi sáng: Họp giao ban\tVăn phòng\tĐ/c An",
        "24/02\tChiêu: Kiểm tra xã A\tPhòng NN\tĐức Bình",
        "Thứ Hai\tSáng: Họp Ban Chỉ đạo\tVăn phòng\tĐ/c An",
        "27/02\tBuối chiêu\t\t",
        "\tLàm việc với xã B\tPhòng NN\tĐ/c An",
    ])
    tasks, warnings = parse_schedule(flatten([PageText(1, "plain_text", text)]))
    assert [(str(t.date), t.weekday, t.session) for t in tasks] == [
        ("2023-02-24", "Thứ 6", "sang"), ("2023-02-24", "Thứ 6", "chieu"),
        ("2023-02-27", "Thứ 2", "sang"), ("2023-02-27", "Thứ 2", "chieu"),
    ]
    assert tasks[1].leaders == ("Đ/c Bình",) and not warnings


def test_document_number_needs_its_label_and_its_shape() -> None:
    assert vocab.number_after_label("Số: 10 /CTCT-BCĐNTM") == "10/CTCT-BCĐNTM"
    assert vocab.number_after_label("Sô: 47/KH-BCĐ") == "47/KH-BCĐ"  # OCR's reading of "Số:"
    assert vocab.number_after_label("S6: 215/UBND-NN.") == "215/UBND-NN"
    assert vocab.number_after_label("Số: 05-TB/BCĐ") == "05-TB/BCĐ"
    assert vocab.number_after_label("Số lượng xã đạt chuẩn 12/15 xã") is None
    m = _meta("UBND HUYỆN A\n\nSố ; 1?/KH\n\nA, ngày 2 tháng 3 năm 2024\n\nKẾ HOẠCH\nTên\n\n"
              "Số lượng: 12/KH-UBND các xã đạt chuẩn\n")
    assert m.number is None  # the garbled label line has no shape, the body line no label


def test_repeated_names_take_the_documents_majority_spelling() -> None:
    from vanban.extract.lines import flatten
    from vanban.extract.schedule import parse_schedule

    rows = [f"{d:02d}\tKiểm tra xã {d}\tTổ KH-NV\tĐ/c Tâm" for d in range(2, 7)]
    rows[1] = "03\tKiểm tra xã 3\tTố KH-NV\tĐ/c Tầm"
    text = "\n".join(["LỊCH CÔNG TÁC THÁNG 5/2023", "NGÀY\tNỘI DUNG\tCHỦ TRÌ\tLÃNH ĐẠO", *rows])
    tasks, _ = parse_schedule(flatten([PageText(1, "plain_text", text)]))
    assert {t.owner for t in tasks} == {"Tổ KH-NV"}
    assert tasks[1].leaders == ("Đ/c Tầm",)  # a person's name is never merged
    assert any("unified" in w for w in tasks[1].warnings)
    assert vocab.majority_spellings(["Đ/c Tâm", "Đ/c Tầm"]) == {}  # a tie changes nothing


def test_misread_roman_heading_is_not_glued_to_the_paragraph_above() -> None:
    from vanban.extract.directives import parse_directives
    from vanban.extract.lines import flatten, paragraphs

    ocr = ("I. MỤC TIÊU\nPhấn đấu có thêm 02 xã đạt chuẩn nông thôn mới\n"
           "HI. NHIỆM VỤ VÀ GIẢI PHÁP\n"
           "1. Phòng Nông nghiệp và PTNT rà soát tiêu chí trước ngày 30/6/2023.\n"
           ".IV. TỔ CHỨC THỰC HIỆN\n"
           "1. Văn phòng Điều phối NTM huyện tổng hợp, báo cáo trước ngày 10/12/2023.\n")
    tasks = parse_directives(paragraphs(flatten([PageText(1, "plain_text", ocr)])), 2023)
    assert [(t.section, t.owner) for t in tasks] == [
        ("III.1", "Phòng Nông nghiệp và PTNT"), ("IV.1", "Văn phòng Điều phối NTM huyện")]
    assert vocab.romanish_heading("H. Nhiệm vụ") == ("H", "II", "Nhiệm vụ")
    assert not vocab.is_roman_heading_line("I. Phòng Nông nghiệp rà soát")  # not in capitals


def test_ocr_readings_in_an_assignment_table_and_its_headings() -> None:
    from vanban.extract.directives import parse_directives
    from vanban.extract.lines import flatten, paragraphs
    from vanban.extract.plan_table import deadline_cell, parse_plan_table

    rows = ("III. NHIỆM VỤ\n"
            "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
            "|\tCông tác chỉ đạo\t\t\t\n1\tKiện toàn Ban\tPhòng Nội vụ\t\tTrước 30/4/20\n"
            "IH\tKiểm tra\t\t\t\n2\tKiểm tra xã\tPhòng Nội vụ\t\tTháng 10/202:\n")
    tasks = parse_plan_table(flatten([PageText(1, "ocr", rows)]), 2023)
    assert [(t.section, str(t.deadline)) for t in tasks] == [
        ("III.I", "2023-04-30"), ("III.III", "2023-10-31")]  # years cut short: the doc's year
    dl = deadline_cell("15/3/20", 2020)
    assert dl is not None and str(dl.date) == "2020-03-15"
    # "MỤC TIỂU" (OCR) is still the targets heading: its paragraph is no task.
    text = "I. MỤC TIỂU\n\nPhòng Nội vụ phấn đấu có thêm 02 xã đạt chuẩn\n\nII. NHIỆM VỤ\n\n" \
           "1. Phòng Nội vụ rà soát hồ sơ.\n"
    found = parse_directives(paragraphs(flatten([PageText(1, "ocr", text)])), 2023)
    assert [t.section for t in found] == ["II.1"]


def test_misread_acronym_takes_the_documents_usual_spelling() -> None:
    text = "Phòng NN&PTNT; Sở NN&PTNT; Hội NN&PTNT; Phòng NN&PTNI; Phòng KH; Phòng KT"
    fixes = vocab.acronym_fixes(text)
    assert fixes == {"NN&PTNI": "NN&PTNT"}  # two-letter codes are never merged
    assert vocab.apply_acronyms("Phòng NN&PTNI huyện", fixes) == "Phòng NN&PTNT huyện"


def test_roman_heading_repeated_right_after_itself_is_the_next_one() -> None:
    from vanban.extract.lines import flatten
    from vanban.extract.plan_table import parse_plan_table
    from vanban.extract.sections import parse_markers

    labels = [m.label for m in parse_markers(["I. MỤC TIÊU", "II. MỤC TIÊU", "II. NHIỆM VỤ"])]
    assert labels == ["I", "II", "III"]
    text = ("I. MỤC ĐÍCH\n\nII. MỤC TIÊU\n\nII. NHIỆM VỤ\n"
            "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành\n"
            "1\tRà soát\tPhòng A\tQuý II/2023\n")
    assert [t.section for t in parse_plan_table(flatten([PageText(1, "ocr", text)]), 2023)] == [
        "III.1"]
