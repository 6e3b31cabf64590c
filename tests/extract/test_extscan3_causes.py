"""Causes of the scan errors of the blind run of n87-n96 (issue 11), on invented input."""

from vanban.extract import vocab
from vanban.extract.api import extract_document
from vanban.extract.schedule import parse_day_cell
from vanban.models.records import PageText


def test_weekday_t_read_as_one_before_a_bracketed_date() -> None:
    for cell, wd, day in (("T12 (03/11)", "Thứ 2", 3), ("14 (26/11)", "Thứ 4", 26),
                          ("T15 (06/11)", "Thứ 5", 6), ("l6 (07/11)", "Thứ 6", 7)):
        dc = parse_day_cell(cell)
        assert dc is not None and (dc.weekday, dc.day, dc.month) == (wd, day, 11), cell
    # no bracketed date: a number stays a number
    assert vocab.find_weekday("12/11") is None
    assert vocab.find_weekday("Tổ 12 (xóm Bãi)") is None


def test_monthly_programme_with_misread_weekday_cells_keeps_each_rows_date() -> None:
    text = "\n".join([
        "ỦY BAN NHÂN DÂN", "XÃ AN PHÚ", "Số: 9/CTr-UBND An Phú, ngày 28 tháng 3 năm 2025",
        "CHƯƠNG TRÌNH CÔNG TÁC THÁNG 4 NĂM 2025",
        "NGÀY\tBUỔI\tNỘI DUNG CÔNG VIỆC\tCHỦ TRÌ",
        "T13 (01/04)\tSáng\tHọp giao ban tháng tư\tĐ/c Chủ tịch",
        "14 (02/04)\tChiều\tKiểm tra đường giao thông thôn Bình An\tĐ/c Chủ tịch",
        "T3 (08/04)\tSáng\tTiếp công dân định kỳ\tĐ/c Chủ tịch",
    ])
    ex = extract_document([PageText(1, "ocr", text)])
    got = sorted(str(t.date) for t in ex.tasks)
    assert got == ["2025-04-01", "2025-04-02", "2025-04-08"]


def test_anchored_mend_never_turns_one_roman_numeral_into_another() -> None:
    doc = ("Hội nghị sơ kết quý I\nnăm 2024\nkết quả quý II năm 2024 của huyện\n"
           "nhiệm vụ quý II năm 2024 và\nQuý I năm 2024, các xã")
    assert vocab.mend_anchored_words("Hội nghị sơ kết quý I năm 2024", doc) == (
        "Hội nghị sơ kết quý I năm 2024")
    # a misread word between the same anchors is still mended
    doc2 = "Văn phòng Điều phối nông thôn mới\nVăn phòng Điều phối nông thôn mới\n"
    assert vocab.mend_anchored_words("VĂN PHÒNG ĐIỂU PHI NÔNG THÔN MỚI", doc2) == (
        "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI")


def test_quarter_stroke_read_as_capital_l_keeps_the_deadline() -> None:
    from vanban.extract.deadlines import parse_deadline

    d = parse_deadline("Các xã hoàn thành hồ sơ trong quý L/2024.", 2024)
    assert d is not None and str(d.date) == "2024-03-31"
    assert vocab.roman_value("L") == 1 and vocab.roman_value("LL") == 2


def test_recipient_notes_and_office_lists_as_ocr_reads_them() -> None:
    assert vocab.mend_recipient("UBND tỉnh Gia Lai (h/ )") == "UBND tỉnh Gia Lai (b/c)"
    assert vocab.mend_recipient("CT; PCT UBND huyện") == "CT, PCT UBND huyện"
    # a ";" before a lower-case word of a name is not an abbreviation list
    assert vocab.mend_recipient("TT Huyện ủy; TT HĐND") == "TT Huyện ủy; TT HĐND"


def test_speck_dash_after_comrade_is_dropped_from_leaders() -> None:
    from vanban.extract.schedule import split_leaders

    assert split_leaders("Đ/c Bí thư, đ/c - Chủ tịch Hội Nông dân xã") == (
        "Đ/c Bí thư", "đ/c Chủ tịch Hội Nông dân xã")
    assert vocab.drop_comrade_dash("Đ/c Nguyễn Văn A") == "Đ/c Nguyễn Văn A"


def test_place_misread_in_its_marks_takes_the_issuers_spelling() -> None:
    doc = "ỦY BAN NHÂN DÂN\nXÃ ĐINH BÌNH HẠ\nĐỉnh Bình Hạ, ngày 02 tháng 3 năm 2025"
    assert vocab.place_as_issuer("Đỉnh Bình Hạ", "ỦY BAN NHÂN DÂN XÃ ĐINH BÌNH HẠ", doc) == (
        "Đinh Bình Hạ")
    # the document writing the place's spelling more often keeps it
    more = doc + "\nthôn 3 xã Đỉnh Bình Hạ\nxã Đỉnh Bình Hạ"
    assert vocab.place_as_issuer("Đỉnh Bình Hạ", "XÃ ĐINH BÌNH HẠ", more) == "Đỉnh Bình Hạ"
    # another place than the issuer's stays
    assert vocab.place_as_issuer("Hà Nội", "BỘ NÔNG NGHIỆP", doc) == "Hà Nội"


def test_place_mend_through_the_metadata_parser_on_ocr_pages_only() -> None:
    text = "\n".join([
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "XÃ ĐINH BÌNH HẠ",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/KH-UBND Đỉnh Bình Hạ, ngày 02 tháng 3 năm 2025", "KẾ HOẠCH",
        "Trồng cây xanh năm 2025"])
    assert extract_document([PageText(1, "ocr", text)]).meta.place == "Đinh Bình Hạ"
    assert extract_document([PageText(1, "plain_text", text)]).meta.place == "Đỉnh Bình Hạ"


def test_semicolon_between_two_units_inside_an_item_stays() -> None:
    assert vocab.mend_recipient("Phòng Nông nghiệp và PTNT; UBND các xã") == (
        "Phòng Nông nghiệp và PTNT; UBND các xã")
