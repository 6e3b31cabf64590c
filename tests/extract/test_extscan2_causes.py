"""Causes shown by the dev split re-OCR'd before the blind run of n87-n96 (issue 11), each on
invented text."""

from vanban.extract import vocab
from vanban.extract.lines import flatten
from vanban.models.records import PageText


def test_speck_inside_an_acronym_is_dropped_on_ocr_pages() -> None:
    assert vocab.drop_word_specks("Thăm HT%X Tân Lập") == "Thăm HTX Tân Lập"
    # symbols that belong inside an acronym, and a percentage, stay
    for keep in ("Phòng NN&PTNT", "Số 12/KH-UBND", "đạt 95%", "TP.HCM", "H'Bri"):
        assert vocab.drop_word_specks(keep) == keep
    ocr = flatten([PageText(1, "ocr", "Thứ Hai\tSáng\tThăm HT%X Tân Lập")])
    assert ocr[0].raw == "Thứ Hai\tSáng\tThăm HTX Tân Lập"
    typed = flatten([PageText(1, "plain_text", "Mã HT%X")])
    assert typed[0].text == "Mã HT%X"  # a text layer's spelling is the document's


def _meta(text: str, method: str = "ocr"):
    from vanban.extract.api import extract_document

    return extract_document([PageText(1, method, text)]).meta


_HEAD = ("ỦY BAN NHÂN DÂN\nXÃ AN THẠNH\nSố: 17/GM-UBND\n"
         "An Thạnh, ngày 03 tháng 4 năm 2025\nGIẤY MỜI\nDự họp giao ban tháng 4\n"
         "Kính mời các đồng chí dự họp.\n")


def test_archive_unit_after_a_misread_separator_stays_in_the_list() -> None:
    meta = _meta(_HEAD + "Nơi nhận:\n- Như thành phần mời;\n- Lưu: VI; VP\n"
                 "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn Tám\n")
    assert meta.recipients == ("Như thành phần mời", "Lưu: VT, VP")
    assert meta.signer == "Lê Văn Tám"
    # an office after the separator is still the signature column's
    meta = _meta(_HEAD + "Nơi nhận:\n- Như thành phần mời;\n- Lưu: VT, VP. CHỦ TỊCH\n"
                 "Lê Văn Tám\n")
    assert meta.recipients == ("Như thành phần mời", "Lưu: VT, VP")


_SCHED_HEAD = ("LỊCH CÔNG TÁC TUẦN 12\n(Từ ngày 18/3/2024 đến ngày 24/3/2024)\n"
               "THỨ, NGÀY\tBUỔI\tNỘI DUNG CÔNG VIỆC\tCHỦ TRÌ\tTHÀNH PHẦN, ĐỊA ĐIỂM\t"
               "ĐƠN VỊ CHUẨN BỊ\n")


def _rows(pages: list[PageText]) -> list:
    from vanban.extract.api import extract_document

    return [t for t in extract_document(pages).tasks if t.kind == "schedule"]


def test_chair_column_gives_the_leaders_over_an_attendees_column() -> None:
    rows = _rows([PageText(1, "plain_text", _SCHED_HEAD +
                           "Thứ Hai\tSáng\tGiao ban đầu tuần\tĐ/c Lò Văn Pha\tPhòng họp số 2\t"
                           "Văn phòng\n18/3/2024\tChiều\tKiểm tra đường thôn Nà Lầu\t"
                           "Đ/c Vi Thị Lan\tThôn Nà Lầu\tPhòng Kinh tế\n")])
    assert [t.leaders for t in rows] == [("Đ/c Lò Văn Pha",), ("Đ/c Vi Thị Lan",)]
    # with no chair column, who attends are the leaders (as before)
    head = _SCHED_HEAD.replace("CHỦ TRÌ\t", "")
    rows = _rows([PageText(1, "plain_text", head +
                           "Thứ Hai\tSáng\tGiao ban đầu tuần\tĐ/c Lò Văn Pha\tVăn phòng\n")])
    assert [t.leaders for t in rows] == [("Đ/c Lò Văn Pha",)]


def test_row_torn_at_the_foot_of_an_ocr_page_does_not_end_the_table() -> None:
    from vanban.models.records import LineStyle

    p1 = (_SCHED_HEAD + "Thứ Hai\tSáng\tGiao ban đầu tuần\tĐ/c Lò Văn Pha\tPhòng họp\t"
          "Văn phòng\n18/3/2024\nHội nghị sơ |Đ/c Lò\ntháng đầu\nLụ vận")
    n1 = p1.count("\n") + 1
    heavy = tuple(LineStyle(emphasised=(i == n1 - 2)) for i in range(n1))
    p2 = ("Thứ Ba\tSáng\tHội nghị sơ kết tháng đầu\tĐ/c Vi Thị Lan\tHội trường\tBan Dân vận\n"
          "19/3/2024\tChiều\tTiếp công dân\tĐ/c Lò Văn Pha\tTrụ sở\tVăn phòng\n")
    rows = _rows([PageText(1, "ocr", p1, lines=heavy), PageText(2, "ocr", p2)])
    assert [t.text for t in rows] == ["Giao ban đầu tuần", "Hội nghị sơ kết tháng đầu",
                                      "Tiếp công dân"]
    # a heavy line followed by prose on its page is a heading after the table: it ends it
    p1b = p1 + "\nCác đơn vị chủ động chuẩn bị nội dung."
    heavy_b = (*heavy, LineStyle())
    rows = _rows([PageText(1, "ocr", p1b, lines=heavy_b), PageText(2, "ocr", p2)])
    assert [t.text for t in rows] == ["Giao ban đầu tuần"]


def test_archive_item_with_its_dash_read_as_specks_and_a_stroke_for_l() -> None:
    assert vocab.archive_item_specked(">°1UU: VÌ, KT.", lax=True) == "Lưu: VT, KT"
    assert vocab.archive_item_specked("1UU: VT") == "Lưu: VT"
    for other in ("Lưu: VT", "1. Rà soát hồ sơ", "- Các xã;", "> Phòng Kinh tế"):
        assert vocab.archive_item_specked(other) is None
    meta = _meta(_HEAD + "Nơi nhận:\n- Như thành phần mời;\n- Phòng Kinh tế;\n"
                 ">°1UU: VÌ, KT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn Tám\n")
    assert meta.recipients == ("Như thành phần mời", "Phòng Kinh tế", "Lưu: VT, KT")


def test_given_name_read_with_another_tone_on_a_few_rows_takes_the_usual_spelling() -> None:
    names = ["Đ/c Trần Thị Bích Vân"] * 3 + ["Đ/c Trần Thị Bích Vần"]
    assert vocab.given_name_spellings(names) == {"Đ/c Trần Thị Bích Vần": "Đ/c Trần Thị Bích Vân"}
    # both spellings real given names: two people, left alone; a tie changes nothing
    assert vocab.given_name_spellings(["Đ/c Lê Thu Hương"] * 3 + ["Đ/c Lê Thu Hường"]) == {}
    assert vocab.given_name_spellings(["Đ/c Lê Thị Vân", "Đ/c Lê Thị Vần"]) == {}
    # a given name alone is never unified (seed 001 writes "Đ/c Dục" beside "Đ/c Dực")
    assert vocab.given_name_spellings(["Đ/c Vân"] * 3 + ["Đ/c Vần"]) == {}


def test_day_cell_garbled_past_every_slash_reading_is_read_in_the_tables_month() -> None:
    head = ("CHƯƠNG TRÌNH CÔNG TÁC THÁNG 10 NĂM 2023\n"
            "NGÀY\tBUỔI\tNỘI DUNG CÔNG VIỆC\tLÃNH ĐẠO CHỦ TRÌ\tĐƠN VỊ CHUẨN BỊ\n")
    body = ("25/10 (T4)\tSáng\tKiểm tra mô hình cà phê\tĐ/c Lê Văn Hải\tPhòng Nông nghiệp\n"
            "27190 (T6)\tChiều\tSơ kết phong trào văn hóa\tĐ/c Lê Văn Hải\tPhòng Văn hóa\n"
            "30/10 (T2)\tSáng\tGiao ban\tĐ/c Lê Văn Hải\tVăn phòng\n")
    rows = _rows([PageText(1, "ocr", head + body)])
    assert [str(t.date) for t in rows] == ["2023-10-25", "2023-10-27", "2023-10-30"]


def test_comma_read_as_j_after_a_code_and_a_capital_marked_vowel_ending_a_word() -> None:
    assert vocab.mend_ocr_line("CTj các PCT UBND huyện") == "CT, các PCT UBND huyện"
    assert vocab.mend_ocr_line("công tác vỆ sinh") == "công tác vệ sinh"
    for keep in ("xã Ia Krêl", "của ĐƠN VỊ", "ở Ủy ban", "đi Đà Lạt", "Hà Nội", "ĐỂ HOÀN", "VĂN"):
        assert vocab.mend_ocr_line(keep) == keep


def test_archive_vt_misread_and_glued_to_the_unit() -> None:
    known = {"VPĐP", "ĐP", "KT"}
    assert vocab.split_glued_archive("Lưu: VLŨVPĐP", known) == "Lưu: VT, VPĐP"
    assert vocab.split_glued_archive("Lưu: VTKT", known) == "Lưu: VT, KT"
    for keep in ("Lưu: VPĐP", "Lưu: VT", "Lưu: VT, VPĐP", "Lưu: VXYZ"):
        assert vocab.split_glued_archive(keep, known) == keep
    assert vocab.split_glued_archive("Lưu: VLDŨ VP", known) == "Lưu: VT, VP"
    assert vocab.split_glued_archive("Lưu: VP KT", known) == "Lưu: VP KT"  # two units: as read


def test_last_item_with_its_archive_label_garbled() -> None:
    assert vocab.last_archive_item("0U: Vĩ") == "Lưu: VT"
    assert vocab.last_archive_item("LuUuU: Vĩ") == "Lưu: VT"
    assert vocab.last_archive_item("1UU: VT, VP") == "Lưu: VT, VP"
    for other in ("Lưu: VT", "Các xã: Vĩnh An, Vĩnh Lợi", "UBND các xã", "Như trên"):
        assert vocab.last_archive_item(other) is None
    meta = _meta(_HEAD + "Nơi nhận:\n- Như thành phần mời;\n- 0U: Vĩ.\n"
                 "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nLê Văn Tám\n")
    assert meta.recipients == ("Như thành phần mời", "Lưu: VT")


def test_capitals_word_with_a_wrong_accent_takes_the_bodys_common_word() -> None:
    doc = ("LỊCH CÔNG TÁC TUẦN CỦA THƯỜNG TRỤC UBND XÃ\n"
           "Thứ Hai\tSáng\tGiao ban Thường trực UBND xã\n")
    assert (vocab.mend_caps_words("LỊCH CÔNG TÁC TUẦN CỦA THƯỜNG TRỤC UBND XÃ", doc)
            == "LỊCH CÔNG TÁC TUẦN CỦA THƯỜNG TRỰC UBND XÃ")
    # a name (capitalised in the body) is never taken: another commune may be meant
    doc2 = "UBND XÃ TÂN HẢ\nlàm việc tại xã Tân Hà\n"
    assert vocab.mend_caps_words("UBND XÃ TÂN HẢ", doc2) == "UBND XÃ TÂN HẢ"
    # a spelling the document writes elsewhere too stays
    doc3 = doc + "Họp THƯỜNG TRỤC\n"
    assert vocab.mend_caps_words("CỦA THƯỜNG TRỤC UBND", doc3) == "CỦA THƯỜNG TRỤC UBND"


def test_recipient_dash_read_as_another_speck() -> None:
    meta = _meta(_HEAD + "Nơi nhận:\n- Như thành phần mời;\n- Chủ tịch, các PCT UBND\nxã;\n"
                 "ˆ Ủy ban MTTQ Việt Nam xã;\n- Lưu: VT.\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n"
                 "Lê Văn Tám\n")
    assert meta.recipients == ("Như thành phần mời", "Chủ tịch, các PCT UBND xã",
                               "Ủy ban MTTQ Việt Nam xã", "Lưu: VT")


def test_item_number_with_its_stop_read_as_a_comma() -> None:
    text = ("4. Phòng Tài nguyên chủ trì:\n- Xã A xây dựng mô hình, hoàn thành trước ngày\n"
            "31/8/2024.\n5, Đề nghị Ủy ban MTTQ huyện vận động hội viên.\n")
    lines = flatten([PageText(1, "ocr", text)])
    assert lines[3].text.startswith("5. Đề nghị")
    # a wrapped year after an unended line, or a number no item before it leads to, stays
    text2 = "Hoàn thành trước ngày 15 tháng 8 năm\n2024, Ủy ban nhân dân huyện ban hành.\n"
    assert flatten([PageText(1, "ocr", text2)])[1].text.startswith("2024,")
    text3 = "Mở đầu.\n7, Đề nghị các xã thực hiện.\n"
    assert flatten([PageText(1, "ocr", text3)])[1].text.startswith("7,")


def test_place_name_read_with_another_accent_takes_the_documents_usual_spelling() -> None:
    text = ("Làm việc với xã Phước Hưng Đông về thu nhập\tUBND xã Phước Hưng Đông\n"
            "Kiểm tra nhà văn hóa tại xã Phước Hưng Đồng, xã Trà Võ Tây\n")
    assert vocab.place_majority_fixes(text) == {"Phước Hưng Đồng": "Phước Hưng Đông"}
    assert vocab.place_majority_fixes("thôn Khe Dứa, xã Tà Xi Lần\tUBND xã Tà Xi Lìn") == {}
    lines = flatten([PageText(1, "ocr", text)])
    assert "xã Phước Hưng Đông, xã Trà Võ Tây" in lines[1].text
    assert vocab.archive_item_specked("“1U: VÌ VP", lax=True) == "Lưu: VT, VP"


def test_roman_heading_under_a_table_row_with_its_stop_read_as_l() -> None:
    from vanban.extract.lines import paragraphs

    assert vocab.roman_stop_read_as_l("IIIL KINH PHÍ") == "III. KINH PHÍ"
    assert vocab.roman_stop_read_as_l("IIIL kinh phí") == "IIIL kinh phí"  # no capitals after
    text = ("6\tTổng kết phong trào\tPhòng Nông nghiệp\tCác xã\tQuý IV/2025\n"
            "IIIL KINH PHÍ\nKinh phí từ ngân sách huyện. Giao Phòng Tài chính tham mưu.\n")
    paras = paragraphs(flatten([PageText(1, "ocr", text)]))
    assert [p.text[:8] for p in paras] == ["6 Tổng k", "III. KIN", "Kinh phí"]
