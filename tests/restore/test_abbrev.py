from vanban.restore import restore_text
from vanban.restore.abbrev import (
    abbreviation,
    mend_code,
    misread_d_bar,
    misread_letter,
    misread_roman,
    misread_slash,
)
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
    # Two capitals ending in a vowel are a garbled word ("KO" for "Kế") unless the lexicon
    # knows them or they are a Roman numeral.
    assert abbreviation(m, "KO", "garbled") is None
    assert abbreviation(m, "II", "garbled") == "II"
    assert abbreviation(m, "KO", "correct") == "KO"
    # In a heading line the OCR drops a marked vowel after an onset ("CH" for "CHỦ"); two
    # capitals that are no onset stay abbreviations.
    assert abbreviation(m, "CH", "garbled", heading=True) is None
    assert abbreviation(m, "CH", "garbled") == "CH"
    assert abbreviation(m, "XD", "garbled", heading=True) == "XD"


def test_one_misread_letter_of_a_long_abbreviation() -> None:
    m = default_model()
    assert misread_letter(m, "PINT") == "PTNT"  # I for T: a confusion our OCR data holds
    assert misread_letter(m, "PXNT") is None  # X for T: it does not
    assert misread_letter(m, "PNT") is None  # too short to tell from words
    assert misread_letter(m, "VIET") is None


def test_weekday_abbreviations_stay_in_garbled_text() -> None:
    out = restore_text("Lich lam viec T2 va T3, sang T4 hop giao ban", mode="garbled").text
    assert "T2" in out and "T3" in out and "T4" in out


def test_d_bar_misread_needs_every_other_letter() -> None:
    m = default_model()
    assert misread_d_bar(m, "BCX") is None
    assert misread_d_bar(m, "UBND") is None


def test_slash_read_as_a_letter_is_put_back() -> None:
    model = default_model()
    assert misread_slash(model, "Đíc") == "Đ/c"
    assert misread_slash(model, "đlc") == "đ/c"
    assert misread_slash(model, "Đích") is None  # a syllable
    assert misread_slash(model, "Đức") is None
    assert misread_slash(model, "Xíc") is None  # no such abbreviation
    out = restore_text("Họp giao ban, Phòng họp, Đíc Thắng, đíc Hà, Phòng NVTH chuẩn bị").text
    assert "Đ/c Thắng, đ/c Hà" in out


def test_section_numbers_misread_at_a_line_start() -> None:
    assert misread_roman("Il") == "II" and misread_roman("Ill") == "III"
    assert misread_roman("II") is None and misread_roman("Ilm") is None
    out = restore_text("Il. NHIIM V0 VA PHAN CONG\nIl chi dao thic hiin", mode="garbled").text
    assert out.startswith("II. ")
    assert "\nII " not in out  # not a section number: no full stop after it
