from vanban.restore.abbrev import abbreviation, mend_code, misread_d_bar
from vanban.restore.model import default_model


def test_codes_get_their_d_bar_back_and_keep_everything_else() -> None:
    m = default_model()
    assert mend_code(m, "2540/QD-TTg") == "2540/QĐ-TTg"
    assert mend_code(m, "05-TB/BCD") == "05-TB/BCĐ"
    assert mend_code(m, "D/c") == "Đ/c"
    assert mend_code(m, "d/c") == "đ/c"
    assert mend_code(m, "10/9/2020") == "10/9/2020"


def test_known_abbreviations_stay_and_heading_words_do_not_count() -> None:
    m = default_model()
    assert abbreviation(m, "UBND", "garbled") == "UBND"
    assert abbreviation(m, "BCD", "noaccent") == "BCĐ"
    assert abbreviation(m, "VIIT", "garbled") is None  # a mangled "VIỆT", not an abbreviation
    assert abbreviation(m, "KHNVGS", "garbled") == "KHNVGS"
    assert abbreviation(m, "Huyen", "garbled") is None


def test_d_bar_misread_needs_every_other_letter() -> None:
    m = default_model()
    assert misread_d_bar(m, "BCX") is None
    assert misread_d_bar(m, "UBND") is None
