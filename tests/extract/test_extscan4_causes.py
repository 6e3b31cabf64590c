"""Causes of the scan errors of the blind run of n109-n118 (issue 11), on invented input."""

from vanban.extract import vocab
from vanban.extract.api import extract_document
from vanban.models.records import PageText


def test_deadline_year_misread_takes_the_documents_year_or_the_next() -> None:
    # one confusable digit from next year (a December report setting next year's work)
    assert vocab.plausible_year(2038, 2032) == 2033
    # one confusable digit from the document's own year
    assert vocab.plausible_year(2035, 2033) == 2033
    # one digit lost and one read in, far from the document's year
    assert vocab.plausible_year(2084, 2027) == 2028
    # near years are real years ("2026" in a 2024 plan, though 6 is one swap from 5)
    assert vocab.plausible_year(2026, 2024) is None
    assert vocab.plausible_year(2029, 2030) is None
    # a plan's horizon is no misreading ("trước năm 2050" keeps "205" of 2025)
    assert vocab.plausible_year(2050, 2025) is None
    # no reading, or two, changes nothing
    assert vocab.plausible_year(2091, 2030) is None
    assert vocab.plausible_year(2062, 2021) is None


def _plan(year: int, body: list[str], page_method: str = "ocr") -> PageText:
    text = "\n".join([
        "ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH",
        f"Số: 88/KH-UBND Hòa Bình, ngày 20 tháng 12 năm {year}",
        "KẾ HOẠCH", f"Thực hiện nhiệm vụ xây dựng nông thôn mới năm {year + 1}",
        "I. NHIỆM VỤ", *body, "Nơi nhận:", "- UBND huyện;", "- Lưu: VT.",
        "CHỦ TỊCH", "Trần Văn Bình"])
    return PageText(1, page_method, text)


def test_ocr_deadline_year_far_from_the_plan_is_mended_and_recorded() -> None:
    cases = [(2032, "trước ngày 30/6/2038.", "2033-06-30"),
             (2027, "trước ngày 15/11/2084.", "2028-11-15")]
    for year, phrase, want in cases:
        body = [f"1. Phòng Kinh tế hoàn thành sửa chữa cầu thôn Đông {phrase}",
                f"2. Hội Nông dân xã triển khai mô hình trước ngày 31/3/{year + 1}."]
        ex = extract_document([_plan(year, body)])
        assert [str(t.deadline) for t in ex.tasks] == [want, f"{year + 1}-03-31"]
        assert any(f"read as {year + 1}" in w for w in ex.tasks[0].warnings)
        # a text layer's years are the document's own
        ex = extract_document([_plan(year, body, "text")])
        assert str(ex.tasks[0].deadline) != want


def test_archive_item_and_notes_as_ocr_reads_them() -> None:
    # the comma after VT read as an underscore, the unit a standard one
    assert vocab.split_glued_archive("Lưu: VLF_VP", set()) == "Lưu: VT, VP"
    # the copies bracket's "b" read as another letter
    assert vocab.mend_recipient("Lưu: VŨ VPĐP (03Đ)") == "Lưu: VT, VPĐP (03b)"
    # "(để b/c)" with its c lost
    assert vocab.mend_recipient("Sở Tài chính (để b/ )") == "Sở Tài chính (để b/c)"
    # a stray mark after the item's separator
    assert vocab.mend_recipient("Phòng Văn hóa - Thông tin, _") == "Phòng Văn hóa - Thông tin"
    # the last item's label with a speck read as a comma
    assert vocab.last_archive_item("1,UU: VU TH") == "Lưu: VT, TH"
    assert vocab.last_archive_item("Các xã: Vĩnh An") is None


def test_office_code_misread_before_a_second_office() -> None:
    assert vocab.mend_office_before_office("CL, các PCT UBND tỉnh", {}) == "CT, các PCT UBND tỉnh"
    # a token the document writes elsewhere is its own
    assert vocab.mend_office_before_office("CL, các PCT UBND tỉnh", {"CL": 3}) == (
        "CL, các PCT UBND tỉnh")
    # no office after it: nothing vouches for the office list
    assert vocab.mend_office_before_office("CL huyện", {}) == "CL huyện"


def test_listed_codes_keep_their_comma_across_a_wrap() -> None:
    assert vocab.wrap_joiner("Các phòng: TC-KH, NN&PTNT", "VH-TT, YT;") == ", "
    # a name wrapping on its own words
    assert vocab.wrap_joiner("Ban QLDA", "ĐTXD huyện;") == " "
    assert vocab.wrap_joiner("Đ/c Lò Văn Minh, PCT UBND", "huyện;") == " "


def test_stuttered_acronym_takes_the_standard_spelling() -> None:
    fixes = vocab.acronym_fixes("Thường trực HĐND xã\n- TT.HĐĐĐND huyện;\n")
    assert fixes.get("HĐĐĐND") == "HĐND"
    # one letter more is the one-edit rule's; a plain word is no stutter
    assert "TTHU" not in vocab.acronym_fixes("TTHU, TT HĐND huyện")


def test_number_symbol_read_as_the_type_initials() -> None:
    assert vocab.mend_number_symbol("12/LIV-UBND", "LỊCH LÀM VIỆC") == "12/LLV-UBND"
    assert vocab.mend_number_symbol("5/KH-UBND", "KẾ HOẠCH") == "5/KH-UBND"
    # a symbol that is no stroke misreading stays ("CTr" for a CHƯƠNG TRÌNH)
    assert vocab.mend_number_symbol("9/CTr-UBND", "CHƯƠNG TRÌNH") == "9/CTr-UBND"
    assert vocab.mend_number_symbol("9/BC-UBND", "KẾ HOẠCH") == "9/BC-UBND"


def _letter(footer: list[str], number: str = "Số: 21/LIV-UBND", method: str = "ocr") -> PageText:
    return PageText(1, method, "\n".join([
        "ỦY BAN NHÂN DÂN", "XÃ TÂN AN", f"{number} Tân An, ngày 2 tháng 3 năm 2026",
        "LỊCH LÀM VIỆC", "Của lãnh đạo UBND xã tuần 10 năm 2026",
        "NGÀY\tNỘI DUNG\tCHỦ TRÌ", "Thứ Hai (02/3)\tHọp giao ban\tChủ tịch",
        "Nơi nhận:", *footer, "CHỦ TỊCH", "Nguyễn Văn An"]))


def test_recipients_and_number_of_an_ocr_page_end_to_end() -> None:
    footer = ["- Các phòng: TC-KH, NN&PTNT", "VH-TT, YT;", "- CL, các PCT UBND xã;",
              "- Văn phòng HĐND, _", "-1,UU: VU VP"]
    meta = extract_document([_letter(footer)]).meta
    assert meta.number == "21/LLV-UBND"
    assert meta.recipients == ("Các phòng: TC-KH, NN&PTNT, VH-TT, YT", "CT, các PCT UBND xã",
                               "Văn phòng HĐND", "Lưu: VT, VP")
    # a text layer is the document's own
    meta = extract_document([_letter(footer, method="text")]).meta
    assert meta.number == "21/LIV-UBND"


def test_odd_word_mend_never_turns_one_roman_numeral_into_another() -> None:
    doc = "Họp đánh giá quý I và nhiệm vụ quý IV năm 2030\nKết quả quý I năm 2030 của xã"
    title = "Họp đánh giá quý I và nhiệm vụ quý IV năm 2030"
    assert vocab.mend_odd_name_words(title, doc) == title


def test_impossible_deadline_with_a_digit_read_in_takes_the_one_possible_date() -> None:
    def letter(sentence: str, month: int = 9, method: str = "ocr") -> PageText:
        return PageText(1, method, "\n".join([
            "ỦY BAN NHÂN DÂN", "HUYỆN AN LẠC",
            f"Số: 77/UBND-KT An Lạc, ngày 12 tháng {month} năm 2031",
            "V/v sửa chữa cầu treo", "Kính gửi: Ủy ban nhân dân xã Tân Lập.",
            f"Giao Phòng Kinh tế kiểm tra cầu treo thôn Bản Mo, báo cáo UBND huyện {sentence}",
            "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "CHỦ TỊCH", "Lê Văn Tâm"]))

    # "tháng 93" for "tháng 9" in a September letter: March is past, only 9/2031 is left
    t = extract_document([letter("trong tháng 93/2031.")]).tasks[0]
    assert str(t.deadline) == "2031-09-30" and t.deadline_valid
    assert any("one digit read in" in w for w in t.warnings)
    # two possible dates (a January letter: March or September), or a text layer: no guess
    t = extract_document([letter("trong tháng 93/2031.", month=1)]).tasks[0]
    assert t.deadline is None
    t = extract_document([letter("trong tháng 93/2031.", method="text")]).tasks[0]
    assert t.deadline is None


def test_issuer_name_read_with_other_marks_takes_the_places_spelling() -> None:
    doc = ("ỦY BAN NHÂN DÂN\nHUYỆN LẠC SƠN\nLạc Sơn, ngày 3 tháng 5 năm 2030\n"
           "UBND huyện Lạc Sơn báo cáo như sau")
    got = vocab.issuer_as_place("ỦY BAN NHÂN DÂN HUYỆN LẠC SƠN", "Lạc Sơn", doc)
    assert got == "ỦY BAN NHÂN DÂN HUYỆN LẠC SƠN"
    doc2 = doc.replace("HUYỆN LẠC SƠN", "HUYỆN LẠC SỜN")
    assert vocab.issuer_as_place("ỦY BAN NHÂN DÂN HUYỆN LẠC SỜN", "Lạc Sơn", doc2) == (
        "ỦY BAN NHÂN DÂN HUYỆN LẠC SƠN")
    # without the body's word for it the issuer's capitals are kept
    doc3 = "\n".join(doc2.split("\n")[:3])
    assert vocab.issuer_as_place("ỦY BAN NHÂN DÂN HUYỆN LẠC SỜN", "Lạc Sơn", doc3) == (
        "ỦY BAN NHÂN DÂN HUYỆN LẠC SỜN")
