import pytest

from vanban.ocr.charfix import fix_case, fix_word, has_foreign_letters


@pytest.mark.parametrize(
    ("seen", "meant"),
    [("Ðề", "Đề"), ("ðc", "đ/c"), ("ÑTM", "NTM"), ("08©CN", "08 CN"), ("đc,", "đ/c,"),
     ("Đc", "Đ/c"), ("©", ""), ("Thẩm", "Thẩm"), ("đ/c", "đ/c"), ("Cẩm", "Cẩm")],
)
def test_fix_word(seen: str, meant: str) -> None:
    assert fix_word(seen) == meant


def test_foreign_letters() -> None:
    assert not has_foreign_letters("Thẩm định tiêu chí Khu dân cư NTM, Đ/c Dực (cả ngày)")
    assert has_foreign_letters("22ŒN")
    assert has_foreign_letters("Ø")
    assert has_foreign_letters("08€CN")
    assert not has_foreign_letters("Phòng KHNVGS 05-TB/BCĐ")


@pytest.mark.parametrize(
    ("seen", "meant"),
    [("Phòng làm VIỆC", "Phòng làm việc"),
     ("Phòng làm ViỆC.", "Phòng làm Việc."),
     ("Ban Thường vụ TU", "Ban Thường vụ TU"),        # an acronym carries no vowel mark
     ("tại UBND huyện", "tại UBND huyện"),
     ("đồng chí NGUYỄN VĂN Hùng", "đồng chí NGUYỄN VĂN Hùng"),  # capitals before capitals
     ("NỘI DUNG CÔNG VIỆC", "NỘI DUNG CÔNG VIỆC"),     # a heading
     ("VIỆC làm", "VIỆC làm"),                         # nothing lowercase before it
     ("xã Cẩm Thạch", "xã Cẩm Thạch"),                 # a name in title case
     ("Phòng HC-TH", "Phòng HC-TH")],
)
def test_fix_case(seen: str, meant: str) -> None:
    assert " ".join(fix_case(seen.split())) == meant


def test_lower_case_roman_heading_label_is_capitalised() -> None:
    from vanban.ocr.charfix import fix_numeral

    assert fix_numeral("ii.", "Nhiệm") == "II."
    assert fix_numeral("iii)", "KẾT") == "III)"
    assert fix_numeral("ii.", "nhiệm") == "ii."  # no capital after it: left alone
    assert fix_numeral("vi", "Phạm") == "vi"  # a syllable, no label stop
    assert fix_numeral("vi.", "Nhiệm") == "vi."  # "vi" is a Vietnamese syllable
    assert fix_numeral("ii", "Nhiệm") == "ii"


def test_words_capitalise_a_line_opening_roman_label_only() -> None:
    from vanban.ocr.tesseract import words

    data: dict[str, list[object]] = {
        "text": ["ii.", "Nhiệm", "vụ", "xem", "ii.", "Nhiệm"],
        "conf": [90] * 6, "left": [0] * 6, "top": [0] * 6, "width": [9] * 6,
        "height": [9] * 6, "block_num": [1] * 6, "par_num": [1] * 6,
        "line_num": [1, 1, 1, 2, 2, 2]}
    assert [w.text for w in words(data)] == ["II.", "Nhiệm", "vụ", "xem", "ii.", "Nhiệm"]


def test_unsure_end_mark_is_kept_and_specks_are_not() -> None:
    from vanban.ocr.tesseract import is_noise

    assert not is_noise("./.", 17.0)
    assert is_noise("-:", 17.0) and is_noise("|", 30.0)
