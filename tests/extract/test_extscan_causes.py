"""Causes found on dev scans and PDFs after the blind run of n59-n68 (issue 11, extscan), each
mechanism on a small invented input."""

from vanban.extract import extract_document
from vanban.models.records import PageText

_FOOT = "THÔNG BÁO\nKết luận\n\nI. NHIỆM VỤ\n\n1. Các xã rà soát.\n\nNơi nhận:\n"


def test_a_place_list_wrapped_after_its_comma_is_no_signer() -> None:
    # The text layer puts the signature block between two recipient lines; the wrapped list
    # of communes ends its first line with a two-word place, which reads like a name.
    text = _FOOT + ("- Như trên;\nCHÁNH VĂN PHÒNG\nPhạm Văn Lộc\n"
                    "- UBND các xã Hòa Lợi, Tân Mỹ\nĐông, Bình Phú;\n- Lưu: VT.\n")
    meta = extract_document([PageText(1, "text_layer", text)]).meta
    assert meta.signer == "Phạm Văn Lộc"
    assert meta.recipients == ("Như trên", "UBND các xã Hòa Lợi, Tân Mỹ Đông, Bình Phú", "Lưu: VT")


def test_a_closing_bracket_that_closes_nothing_is_a_rule_speck() -> None:
    from vanban.extract import vocab

    assert vocab.drop_stray_closers("Phòng Kinh tế); Phòng Nội vụ") == "Phòng Kinh tế; Phòng Nội vụ"
    assert vocab.drop_stray_closers("Sở Y tế), Sở Nội vụ") == "Sở Y tế, Sở Nội vụ"
    # at the cell's end it may close a bracket of the line above (a cell read over two lines)
    assert vocab.drop_stray_closers("thường lệ)") == "thường lệ)"
    # a bracket opened in the cell, and an enumerator, keep theirs
    kept = "Huyện đoàn (chủ trì); Phòng GD"
    assert vocab.drop_stray_closers(kept) == kept
    assert vocab.drop_stray_closers("a) Phòng Nội vụ") == "a) Phòng Nội vụ"


def test_schedule_owner_cell_of_an_ocr_page_loses_the_stray_bracket() -> None:
    head = ("LỊCH CÔNG TÁC TUẦN\n(Từ ngày 09/9/2024 đến ngày 14/9/2024)\n"
            "NGÀY\tTHỜI GIAN\tNỘI DUNG CÔNG VIỆC\tLÃNH ĐẠO CHỦ TRÌ\tĐƠN VỊ CHUẨN BỊ\tĐỊA ĐIỂM\n")
    row = "Thứ Hai, 09/9\t7h30\tHọp giao ban\tĐ/c Lâm\tPhòng Kinh tế); Phòng Nội vụ\tPhòng họp\n"
    ex = extract_document([PageText(1, "ocr", head + row)])
    assert [t.owner for t in ex.tasks] == ["Phòng Kinh tế; Phòng Nội vụ"]
    ex = extract_document([PageText(1, "text_layer", head + row)])
    assert [t.owner for t in ex.tasks] == ["Phòng Kinh tế); Phòng Nội vụ"]  # typed: as written


def test_an_odd_word_of_a_name_is_written_as_the_document_writes_it() -> None:
    from vanban.extract import vocab

    doc = ("UBND HUYỆN MƯỜNG TẺÈ\nMường Tè, ngày 02 tháng 3 năm 2027\n"
           "Các xã của huyện Mường Tè rà soát.")
    assert vocab.mend_odd_name_words("UBND HUYỆN MƯỜNG TẺÈ", doc) == "UBND HUYỆN MƯỜNG TÈ"
    # a minority name with no Vietnamese syllable's shape, garbled by one letter
    doc = "UBND XÃ IA KRÔUNG\nIa Krông, ngày 02 tháng 3 năm 2027\n"
    assert vocab.mend_odd_name_words("UBND XÃ IA KRÔUNG", doc) == "UBND XÃ IA KRÔNG"
    # a well-formed word stays: it may be another commune
    doc = "UBND XÃ TÂN HẢ\nTân Hà, ngày 02 tháng 3 năm 2027\n"
    assert vocab.mend_odd_name_words("UBND XÃ TÂN HẢ", doc) == "UBND XÃ TÂN HẢ"
    # an odd word the document writes elsewhere too is its own
    doc = "UBND XÃ IA KRÔUNG\nIa Krông, ngày 02 tháng 3 năm 2027\nxã Ia Krôung\n"
    assert vocab.mend_odd_name_words("UBND XÃ IA KRÔUNG", doc) == "UBND XÃ IA KRÔUNG"
    # two candidates: no choice made
    doc = "UBND XÃ IA KRÔUNG\nIa Krông, Ia Kroung, ngày 02 tháng 3 năm 2027\n"
    assert vocab.mend_odd_name_words("UBND XÃ IA KRÔUNG", doc) == "UBND XÃ IA KRÔUNG"


def test_the_issuer_of_an_ocr_page_takes_the_place_lines_spelling() -> None:
    text = ("UBND HUYỆN NẬÂM NHÙN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVĂN PHÒNG\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 45/TB-VP Nậm Nhùn, ngày 12 tháng 3 năm 2027\n"
            "THÔNG BÁO\nKết luận của Chủ tịch UBND huyện\n")
    assert extract_document([PageText(1, "ocr", text)]).meta.issuer == (
        "UBND HUYỆN NẬM NHÙN VĂN PHÒNG")
    assert extract_document([PageText(1, "text_layer", text)]).meta.issuer == (
        "UBND HUYỆN NẬÂM NHÙN VĂN PHÒNG")


def test_two_agencies_in_an_ocr_cell_with_their_separator_lost() -> None:
    from vanban.extract import vocab

    row = "3\tHỗ trợ các xã\tPhòng Kinh tế và HTNL Văn phòng Điều phối NTM\tUBND các xã\t"
    assert vocab.mend_ocr_row(row).split("\t")[2] == (
        "Phòng Kinh tế và HTNL, Văn phòng Điều phối NTM")
    # an office before UBND, a body's own acronym, and prose lines are left alone
    for cell in ("PCT UBND huyện", "BCH Hội Nông dân xã", "Sở NN&PTNT"):
        assert vocab.mend_ocr_row(f"1\t{cell}\t") == f"1\t{cell}\t"
    assert vocab.mend_ocr_row("Giao PTNT Phòng Kinh tế") == "Giao PTNT Phòng Kinh tế"


def test_an_odd_word_of_the_title_is_written_as_the_issuer_writes_it() -> None:
    text = ("ĐẢNG BỘ XÃ NAM SƠN\nĐẢNG ỦY XÃ\nSố: 12-LCT/ĐU Nam Sơn, ngày 02 tháng 3 năm 2027\n"
            "LỊCH LÀM VIỆC TUẦN 9 CỦA THƯỜNG TRỰC ĐÁẢNG ỦY XÃ\n")
    meta = extract_document([PageText(1, "ocr", text)]).meta
    assert meta.title == "LỊCH LÀM VIỆC TUẦN 9 CỦA THƯỜNG TRỰC ĐẢNG ỦY XÃ"


def test_a_place_name_with_a_lower_case_word_takes_the_documents_spelling() -> None:
    from vanban.extract import vocab

    text = "Họp tại các xã Nà mới, Pá Đông\nĐường liên xã Nà Mí - Pá Đông\n"
    assert vocab.place_name_fixes(text) == {"Nà mới": "Nà Mí"}
    # not a name after a place head, or two spellings to choose from: nothing
    assert vocab.place_name_fixes("Xã Nà mới thành lập; Nà Mí") == {}
    assert vocab.place_name_fixes("xã Nà mới, xã Nà Mí, xã Nà Mơ") == {}
    head = ("LỊCH CÔNG TÁC TUẦN\n(Từ ngày 09/9/2024 đến ngày 14/9/2024)\n"
            "NGÀY\tTHỜI GIAN\tNỘI DUNG CÔNG VIỆC\tLÃNH ĐẠO CHỦ TRÌ\tĐƠN VỊ CHUẨN BỊ\tĐỊA ĐIỂM\n")
    rows = ("Thứ Hai, 09/9\t7h30\tKiểm tra các xã Nà mới, Pá Đông\tĐ/c Lâm\tUBND các xã Nà mới, "
            "Pá Đông\tXã Nà mới\nThứ Ba, 10/9\t7h30\tHọp tại xã Nà Mí\tĐ/c Lâm\tUBND xã Nà Mí\t\n")
    ex = extract_document([PageText(1, "ocr", head + rows)])
    assert [t.owner for t in ex.tasks] == ["UBND các xã Nà Mí, Pá Đông", "UBND xã Nà Mí"]
    assert ex.tasks[0].text == "Kiểm tra các xã Nà Mí, Pá Đông"


def test_a_leader_read_with_no_vowel_is_the_documents_spelling_with_vowels() -> None:
    from vanban.extract import vocab

    names = ["Đ/c H'Bn", "Đ/c Hưng", "Đ/c H'Bri", "Đ/c H'Bn"]
    assert vocab.vowelless_name_fixes(names) == {"Đ/c H'Bn": "Đ/c H'Bri"}
    assert vocab.vowelless_name_fixes(["Đ/c Dục", "Đ/c Dực"]) == {}  # two people maybe
    assert vocab.vowelless_name_fixes(["Đ/c Ths", "Đ/c Thu", "Đ/c Tho"]) == {}  # no choice


def test_the_signers_family_name_and_a_lone_mark_in_the_title_on_scans() -> None:
    from vanban.extract import vocab

    assert vocab.mend_family_name("Đỉnh Thị Hoài") == "Đinh Thị Hoài"
    assert vocab.mend_family_name("Lẻ Văn Bình") == "Lê Văn Bình"
    assert vocab.mend_family_name("Lũ Văn Bình") == "Lũ Văn Bình"  # Lù, Lữ, Lư: no choice
    assert vocab.mend_family_name("Trần Văn Bình") == "Trần Văn Bình"
    text = ("HUYỆN ỦY YÊN SƠN\nVĂN PHÒNG Yên Sơn, ngày 26 tháng 7 năm 2027\nSố 31-LT/VPHU\n"
            "LỊCH CÔNG TÁC TUẦN :\nCỦA THƯỜNG TRỰC HUYỆN ỦY\n\nNơi nhận:\n- Lưu: VT.\n"
            "CHÁNH VĂN PHÒNG\nĐỉnh Văn Hòa\n")
    meta = extract_document([PageText(1, "ocr", text)]).meta
    assert (meta.title, meta.signer) == ("LỊCH CÔNG TÁC TUẦN CỦA THƯỜNG TRỰC HUYỆN ỦY",
                                         "Đinh Văn Hòa")
    meta = extract_document([PageText(1, "text_layer", text)]).meta
    assert meta.signer == "Đỉnh Văn Hòa"  # a text layer's spelling is the document's own


def test_a_final_l_read_as_a_bracket() -> None:
    from vanban.extract import vocab

    text = "Kiểm tra tại xã Ia Krê]\nUBND xã Ia Krêl\n"
    fixes = vocab.bracket_l_fixes(text)
    assert fixes == {"Krê]": "Krêl"}
    assert vocab.apply_place_fixes("tại xã Ia Krê] và", fixes) == "tại xã Ia Krêl và"
    assert vocab.bracket_l_fixes("xem [Krê] ở Krêl") == {}  # a bracket opened on the line
    assert vocab.bracket_l_fixes("tại xã Ia Krê]") == {}  # the word written nowhere else


def test_a_short_leader_name_takes_the_spelling_of_the_full_name() -> None:
    from vanban.extract import vocab

    doc = "Họp UBND\tĐ/c Toàn\nTiếp dân\tĐ/c Nguyễn Văn Toản\nKT. CHỦ TỊCH\nLò Văn Hưởng"
    assert vocab.short_name_fixes(["Đ/c Toàn", "Đ/c Nguyễn Văn Toản"], doc) == {
        "Đ/c Toàn": "Đ/c Toản"}
    # two full names of that folded given name, or the short form's own: nothing
    doc2 = doc + "\nđồng chí Trần Văn Toàn"
    assert vocab.short_name_fixes(["Đ/c Toàn"], doc2) == {}
    assert vocab.short_name_fixes(["Đ/c Dục", "Đ/c Dực"], "Đ/c Dục\nĐ/c Dực") == {}
    # an office word after the full name is not its given name
    doc3 = "Tiếp dân\tĐ/c Toàn\nđồng chí Nguyễn Văn Toản Phó Chủ tịch UBND"
    assert vocab.short_name_fixes(["Đ/c Toàn", "Đ/c Phô"], doc3) == {"Đ/c Toàn": "Đ/c Toản"}


def test_a_year_range_that_lost_its_dash_in_a_title() -> None:
    from vanban.extract import vocab

    assert vocab.drop_lone_marks("Quy chế giai đoạn 2021 2025") == "Quy chế giai đoạn 2021 - 2025"
    assert vocab.drop_lone_marks("giai đoạn 2021 - 2025") == "giai đoạn 2021 - 2025"
    assert vocab.drop_lone_marks("năm 2025 2021") == "năm 2025 2021"  # no range backwards


def test_an_acronym_is_no_odd_word() -> None:
    from vanban.extract import vocab

    doc = "Phòng Nông nghiệp và PINT\nPhòng Nông nghiệp và PTNT chủ trì"
    assert vocab.mend_odd_name_words("Phòng Nông nghiệp và PTNT", doc) == (
        "Phòng Nông nghiệp và PTNT")


def test_issuer_words_misread_between_anchors_take_the_documents_phrase() -> None:
    from vanban.extract import vocab

    doc = ("VĂN PHÒNG ĐIÊU PHI CÁC CHƯƠNG TRÌNH\nVăn phòng Điều phối các Chương trình thông báo\n"
           "Giao Văn phòng Điều phối các chương trình theo dõi\n")
    assert vocab.mend_anchored_words("UBND TỈNH VĂN PHÒNG ĐIÊU PHI CÁC CHƯƠNG TRÌNH", doc) == (
        "UBND TỈNH VĂN PHÒNG ĐIỀU PHỐI CÁC CHƯƠNG TRÌNH")
    # written the document's way only once, or the value's way elsewhere too: nothing
    once = "VĂN PHÒNG ĐIÊU PHI CÁC\nVăn phòng Điều phối các Chương trình\n"
    assert vocab.mend_anchored_words("VĂN PHÒNG ĐIÊU PHI CÁC", once) == "VĂN PHÒNG ĐIÊU PHI CÁC"
    both = doc + "Văn phòng Điêu phi các ban\n"
    assert vocab.mend_anchored_words("VĂN PHÒNG ĐIÊU PHI CÁC", both) == "VĂN PHÒNG ĐIÊU PHI CÁC"
    # no right anchor: a look-alike name at the end stays
    doc = "UBND XÃ TÂN HẢ\nxã Tân Hà và xã Tân Hà\n"
    assert vocab.mend_anchored_words("UBND XÃ TÂN HẢ", doc) == "UBND XÃ TÂN HẢ"
    assert vocab.drop_issuer_dots("UBND TỈNH NGHỆ AN. VĂN PHÒNG") == "UBND TỈNH NGHỆ AN VĂN PHÒNG"
    assert vocab.drop_issuer_dots("UBND TP. VINH") == "UBND TP. VINH"


def test_an_issuers_fixed_phrase_misread_in_capitals() -> None:
    from vanban.extract import vocab

    assert vocab.mend_issuer_phrases("UBND TỈNH AN GIANG VĂN PHÒNG ĐIỂU PHI NÔNG THÔN MỚI") == (
        "UBND TỈNH AN GIANG VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI")
    assert vocab.mend_issuer_phrases("ỦY BAN NHẦN DÂN HUYỆN Y") == "ỦY BAN NHÂN DÂN HUYỆN Y"
    # a place that only looks like fixed words, and a run cut by a mark, stay
    kept = "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM XÃ PHONG HẢI ĐÔNG BAN THƯỜNG TRỰC"
    assert vocab.mend_issuer_phrases(kept) == kept
    assert vocab.mend_issuer_phrases("XÂY DỰNG NÔNG THÔN MỚI, ĐÔ THỊ") == (
        "XÂY DỰNG NÔNG THÔN MỚI, ĐÔ THỊ")
    text = ("UBND TỈNH AN GIANG\nVĂN PHÒNG ĐIỂU PHI\nSố: 5/TB-VPĐP An Giang, ngày 2 tháng 3 năm "
            "2027\nTHÔNG BÁO\nKết luận\n")
    assert extract_document([PageText(1, "ocr", text)]).meta.issuer == (
        "UBND TỈNH AN GIANG VĂN PHÒNG ĐIỀU PHỐI")
    assert extract_document([PageText(1, "text_layer", text)]).meta.issuer == (
        "UBND TỈNH AN GIANG VĂN PHÒNG ĐIỂU PHI")


def test_a_session_marker_ocr_read_into_a_task_rows_cell_opens_the_next_rows() -> None:
    head = ("LỊCH CÔNG TÁC THÁNG 4 NĂM 2027\n"
            "NGÀY\tNỘI DUNG CÔNG VIỆC\tĐỊA ĐIỂM\tLÃNH ĐẠO\tĐƠN VỊ CHUẨN BỊ\n"
            "08 Thứ 5\tBuổi sáng\t\t\t\n")
    rows = ("Dự Hội nghị Tỉnh ủy\tBuổi chiều:\t\t\n"
            "\tHọp Văn phòng đánh giá tiến độ\tPhòng họp\tĐ/c Thắng\tPhòng KH-TC\n")
    ex = extract_document([PageText(1, "ocr", head + rows)])
    assert [(t.text, t.session) for t in ex.tasks] == [
        ("Dự Hội nghị Tỉnh ủy", "sang"), ("Họp Văn phòng đánh giá tiến độ", "chieu")]


def test_an_acronym_written_with_d_and_with_d_stroke_in_an_ocr_document() -> None:
    from vanban.extract import vocab

    assert vocab.d_stroke_fixes("Phòng họp VPDP\nSố: 5/VPĐP\nPhòng họp VPDP") == {
        "VPDP": "VPĐP"}
    assert vocab.d_stroke_fixes("Thành viên BCD tỉnh\nBCD huyện") == {}  # the writer's D
    head = ("LỊCH CÔNG TÁC TUẦN\n(Từ ngày 09/9/2024 đến ngày 14/9/2024)\n"
            "NGÀY\tTHỜI GIAN\tNỘI DUNG CÔNG VIỆC\tLÃNH ĐẠO CHỦ TRÌ\tĐƠN VỊ CHUẨN BỊ\tĐỊA ĐIỂM\n")
    rows = ("Thứ Hai, 09/9\t7h30\tHọp giao ban\tĐ/c Lâm\tVPĐP\tPhòng họp VPDP\n"
            "Thứ Ba, 10/9\t7h30\tHọp tổ\tĐ/c Lâm\tVPĐP\tPhòng họp VPDP\n")
    ex = extract_document([PageText(1, "ocr", head + rows)])
    assert [t.location for t in ex.tasks] == ["Phòng họp VPĐP", "Phòng họp VPĐP"]
    ex = extract_document([PageText(1, "text_layer", head + rows)])
    assert [t.location for t in ex.tasks] == ["Phòng họp VPDP", "Phòng họp VPDP"]


def test_an_impossible_day_number_beside_its_weekday_is_read_by_digit_confusions() -> None:
    head = ("LỊCH CÔNG TÁC TUẦN\n(từ ngày 27/12/2027 đến ngày 02/01/2028)\n"
            "NGÀY\tBUỔI\tNỘI DUNG\tĐỊA ĐIỂM\tĐƠN VỊ CHUẨN BỊ\tLÃNH ĐẠO DỰ\n")
    rows = ("Thứ 5 (30/12)\tSáng\tKỳ họp HĐND huyện\tHội trường\tVăn phòng\tĐ/c Hùng\n"
            "Thứ 6 (51/12)\tSáng\tDự Lễ công bố xã đạt chuẩn\tXã An\tUBND xã An\tĐ/c Hà\n")
    ex = extract_document([PageText(1, "ocr", head + rows)])
    assert [str(t.date) for t in ex.tasks] == ["2027-12-30", "2027-12-31"]


def test_a_weekday_six_read_as_g() -> None:
    from vanban.extract import vocab

    assert vocab.mend_ocr_row("Thứ G- 05/8\tNghỉ bù\t\t") == "Thứ 6- 05/8\tNghỉ bù\t\t"
    assert vocab.mend_ocr_row("Thứ Hai\tGiao ban\t") == "Thứ Hai\tGiao ban\t"
