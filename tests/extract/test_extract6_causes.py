"""Causes found on the dev documents n79-n86 (issue 11; written unlike the earlier dev set:
Party and mass-organisation bodies, communes after the 2025 reform), each mechanism on a
small invented input."""

from vanban.extract.owners import attribute


def _tasks(body: str) -> list[tuple[str | None, str | None, str | None, str]]:
    from vanban.extract.directives import parse_directives
    from vanban.extract.lines import flatten, paragraphs
    from vanban.models.records import PageText

    tasks = parse_directives(paragraphs(flatten([PageText(1, "text", body)])), 2027)
    return [(t.owner, t.deadline_kind, t.section, t.text) for t in tasks]


def test_party_cell_and_union_branch_are_agencies() -> None:
    s = "Chi bộ các xóm đạt chuẩn văn hóa trước năm 2020 tiếp tục giữ vững danh hiệu."
    assert attribute(s).owner == "Chi bộ các xóm đạt chuẩn văn hóa trước năm 2020"
    s = "Các chi đoàn thôn Na Ri, thôn Cốc Lầu ra quân làm đường trong tháng 5/2027."
    assert attribute(s).owner == "Các chi đoàn thôn Na Ri, thôn Cốc Lầu"


def test_a_date_inside_the_subject_is_no_deadline() -> None:
    got = _tasks("II. NHIỆM VỤ\n1. Chi bộ các xóm đạt chuẩn văn hóa trước năm 2020 giữ vững "
                 "danh hiệu, hoàn thành trước Tết Nguyên đán.\n")
    assert got[0][:2] == ("Chi bộ các xóm đạt chuẩn văn hóa trước năm 2020", None)


def test_plural_a_few_words_after_the_head_takes_its_state_clause() -> None:
    s = "Hội viên phụ nữ các xóm có con dưới 6 tuổi đăng ký học bơi trước ngày 5/3/2027."
    assert attribute(s).owner == "Hội viên phụ nữ các xóm có con dưới 6 tuổi"
    # "đăng ký" followed by the sentence's own verb stays inside the clause.
    s = "Các xóm có hộ nghèo đăng ký vay vốn lập danh sách gửi xã."
    assert attribute(s).owner == "Các xóm có hộ nghèo đăng ký vay vốn"


def test_passive_recognition_is_a_state_clause() -> None:
    s = "Các xóm đã được công nhận đạt chuẩn khu dân cư văn hóa trồng hoa ven đường."
    assert attribute(s).owner == "Các xóm đã được công nhận đạt chuẩn khu dân cư văn hóa"


def test_giao_x_chu_tri_keeps_a_name_holding_a_verb() -> None:
    s = ("Giao Tổ hợp tác nuôi ong Bản Phùng chủ trì, phối hợp với Trạm Khuyến nông "
         "hoàn thiện hồ sơ.")
    assert attribute(s).owner == "Tổ hợp tác nuôi ong Bản Phùng"
    # A verb handing the work on stays a verb: "X chỉ đạo Y chủ trì" is X's task.
    s = "Giao UBND xã chỉ đạo Trường Tiểu học Kim Đồng chủ trì tổ chức ngày hội."
    assert attribute(s).owner == "UBND xã"


def test_weekly_named_day_is_recurring() -> None:
    from vanban.extract.deadlines import parse_deadline

    d = parse_deadline("Nhà thầu gửi nhật ký thi công hằng tuần vào chiều thứ Sáu.", 2027)
    assert d is not None and d.kind == "recurring" and d.valid


def test_exhortation_paragraph_after_topic_items_opens_the_closing() -> None:
    body = ("1. Về giao thông\n"
            "Giao Phòng Kinh tế xã rà soát các tuyến đường, hoàn thành trong tháng 6/2027.\n"
            "2. Về môi trường\n"
            "Các thôn ra quân thu gom rác thải trong quý II năm 2027.\n"
            "Chủ tịch UBND xã yêu cầu các phòng, thôn nghiêm túc triển khai thực hiện. "
            "Văn phòng UBND xã có trách nhiệm theo dõi, báo cáo trước ngày 30/6/2027./.\n")
    got = _tasks(body)
    assert [(o, s) for o, _, s, _ in got] == [
        ("Phòng Kinh tế xã", "1"), ("Các thôn", "2"), ("Văn phòng UBND xã", None)]


def test_closing_assignment_without_a_date_is_a_task() -> None:
    body = ("II. NỘI DUNG\n1. Phòng Kinh tế xã kiểm tra các mô hình trước ngày 10/5/2027.\n"
            "III. TỔ CHỨC THỰC HIỆN\n"
            "Giao Phòng Văn hóa xã là cơ quan thường trực, theo dõi, đôn đốc thực hiện Kế "
            "hoạch./.\n")
    got = _tasks(body)
    assert [(o, s) for o, _, s, _ in got] == [
        ("Phòng Kinh tế xã", "II.1"), ("Phòng Văn hóa xã", "III")]


def test_agency_words_with_a_wrong_diacritic_on_ocr_lines() -> None:
    from vanban.extract import vocab

    assert vocab.mend_agency_words("Ngân hàng Nông nghiệp chỉ nhánh Yên Lạc") == (
        "Ngân hàng Nông nghiệp chi nhánh Yên Lạc")
    assert vocab.mend_agency_words("Các chỉ bộ, chỉ hội thôn") == "Các chi bộ, chi hội thôn"
    assert vocab.mend_agency_words("Văn phòng UBND xa Tân Lập") == "Văn phòng UBND xã Tân Lập"
    # "chỉ đạo", "chỉ tiêu", "xa trung tâm" are words of their own.
    assert vocab.mend_agency_words("chỉ đạo các chỉ tiêu ở xa trung tâm") == (
        "chỉ đạo các chỉ tiêu ở xa trung tâm")


def test_archive_item_without_colon_and_copy_count() -> None:
    from vanban.extract import vocab

    assert vocab.archive_item("- Lưu VL.") == "Lưu VT"
    assert vocab.archive_item("- Lưu: VI; VP(3Đb).") == "Lưu: VT, VP(3b)"
    assert vocab.mend_recipient("UBND tỉnh (b/€)") == "UBND tỉnh (b/c)"


def test_family_name_spelling_unified_between_rows() -> None:
    from vanban.extract import vocab

    got = vocab.person_spellings(["Đ/c Lò Văn Pấng", "đ/c Lỏ Văn Pấng", "Đ/c Tâm", "Đ/c Tầm",
                                  "Đ/c Trần Văn Hải", "Đ/c Trần Văn Hài"])
    # The family name alone, towards the spelling that is a family name; given names and
    # short names are left as written.
    assert got == {"đ/c Lỏ Văn Pấng": "đ/c Lò Văn Pấng"}


def test_quarter_numeral_of_two_strokes_and_an_h_is_three() -> None:
    from vanban.extract.deadlines import parse_deadline

    d = parse_deadline("Các xã hoàn thành trong quý IIH/2027.", 2027)
    assert d is not None and d.kind == "quarter" and str(d.date) == "2027-09-30"


def test_place_with_its_capital_i_read_as_l() -> None:
    from vanban.extract.lines import Line
    from vanban.extract.metadata import parse_metadata

    head = ["ỦY BAN NHÂN DÂN", "XÃ IA PHÚC", "Số: 12/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "la Phúc, ngày 03 tháng 4 năm 2027", "KẾ HOẠCH", "Trồng cây xanh năm 2027"]
    lines = [Line(1, i, t, t, False, True) for i, t in enumerate(head, start=1)]
    meta = parse_metadata(lines)
    assert meta.place == "Ia Phúc" and str(meta.issue_date) == "2027-04-03"


def test_full_stop_speck_inside_a_recipient_item() -> None:
    from vanban.extract import vocab

    assert vocab.mend_recipient("Các phòng, Văn phòng. Hội đồng nhân dân") == (
        "Các phòng, Văn phòng Hội đồng nhân dân")
    assert vocab.mend_recipient("TT. HĐND xã") == "TT. HĐND xã"


def test_fixed_phrases_whose_first_word_ocr_read_as_another_syllable() -> None:
    """Dev t2 on a fax: "Vàn phòng ... theo dõi" lost its owner, "đình kỳ" its recurring
    task, "quy L" its quarter. Only before the right second word."""
    from vanban.extract import vocab

    assert vocab.mend_agency_words("5. Vàn phòng Điều phối theo dõi") == (
        "5. Văn phòng Điều phối theo dõi")
    assert vocab.mend_agency_words("CHÁNH VÀN PHÒNG") == "CHÁNH VĂN PHÒNG"
    assert vocab.mend_agency_words("đình kỳ hằng quý") == "định kỳ hằng quý"
    assert vocab.mend_agency_words("Trong quy II năm 2021") == "Trong quý II năm 2021"
    for kept in ("quy chế", "Quy trình", "đình làng", "Văn phòng", "vàng phòng"):
        assert vocab.mend_agency_words(kept) == kept
