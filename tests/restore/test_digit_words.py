"""Short numbers of English-OCR text that stand for a syllable ("0" for "ở", "10" for "lệ")."""

from itertools import pairwise

import pytest

from vanban.restore import decode
from vanban.restore.api import restore_text


def test_a_lone_digit_between_words_is_read_as_the_word_it_stands_for() -> None:
    got = restore_text("Nguoi dan sinh song 0 khu vuc bien gioi", mode="garbled").text
    assert " ở khu " in got


def test_numbers_in_dates_and_counts_stay_numbers() -> None:
    got = restore_text("Ngay 15 thang 10 nam 2023, co 10 xa dat chuan", mode="garbled").text
    assert "15 tháng 10 năm 2023" in got
    assert "có 10 xã" in got


def test_a_number_opening_a_line_stays() -> None:
    got = restore_text("1 Cong tac chuan bi\n0 Ket qua", mode="garbled").text
    assert got.split("\n")[0].startswith("1 ") and got.split("\n")[1].startswith("0 ")


def test_switch_off_keeps_every_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "DIGIT_WORDS", False)  # checked before the decoder's cache
    got = restore_text("Nguoi dan sinh song 0 khu vuc bien gioi", mode="garbled").text
    assert " 0 khu " in got


def test_only_garbled_text_reads_digits_as_words() -> None:
    text = "Người dân sinh sống 0 khu vực biên giới"
    assert restore_text(text, mode="correct").text == text


def test_an_unknown_capital_pair_the_ocr_data_saw_for_a_word_is_read_as_it() -> None:
    text = "Ke hoach cong tac cua SJ Nong nghiep va Phat trien nong thon"
    got = restore_text(text, mode="garbled")
    assert "của Sở Nông nghiệp" in got.text


def test_known_abbreviations_stay_as_written() -> None:
    got = restore_text("Bao cao cua UBND xa ve cong tac HDND nam 2024", mode="garbled").text
    assert "UBND" in got and "HĐND" in got


def test_fixed_words_switch_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "FIXED_WORDS", False)
    text = "Ke hoach cong tac cua SJ Nong nghiep va Phat trien nong thon"
    got = restore_text(text, mode="garbled")
    assert " SJ " in got.text


def test_a_misread_mark_glued_to_a_word_ends_no_clause() -> None:
    from vanban.restore.decode import misread_break
    from vanban.restore.tokens import tokenize

    text = "KT. CH! TICH\nthi] tran va si] dung. Ket thuc! Moi"
    toks = tokenize(text)
    pairs = {(a.text, b.text): misread_break(text, a, b.start) for a, b in pairwise(toks)}
    assert pairs[("CH", "TICH")] and pairs[("thi", "tran")] and pairs[("si", "dung")]
    assert not pairs[("KT", "CH")] and not pairs[("dung", "Ket")]  # real punctuation
    assert pairs[("thuc", "Moi")]  # "!" glued between two words on a line reads as a mark
    got = restore_text("UY BAN NHAN DAN\nKT. CH! TICH", mode="garbled").text
    assert got.endswith("CHỦ TỊCH")  # the mark is dropped too (MARK_DROP)


def test_the_rendering_drops_a_misread_mark_after_a_decoded_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Di thi] tran va si] dung thiet bi. Ket thuc! Moi dai bieu"
    got = restore_text(text, mode="garbled").text
    assert "thị trấn và sử dụng" in got
    assert "thúc! " in got  # a "!" before a capital may end a sentence: it stays
    assert restore_text("to! chuc", mode="garbled").text == "tổ chức"
    monkeypatch.setattr(decode, "MARK_DROP", False)
    got = restore_text(text, mode="garbled").text
    assert "thị] trấn và sử] dụng" in got


def test_mark_breaks_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    from vanban.restore.decode import misread_break
    from vanban.restore.tokens import tokenize

    monkeypatch.setattr(decode, "MARK_BREAKS", False)
    toks = tokenize("CH! TICH")
    assert not misread_break("CH! TICH", toks[0], toks[1].start)


def test_a_far_upper_case_word_is_decoded_but_mended_abbreviations_stay() -> None:
    got = restore_text("UY BAN NHAN DAN\nKT. CH TOUCH\nNong nghiep va PINT", mode="garbled")
    assert "CHỦ TỊCH" in got.text
    assert got.text.endswith("PTNT")  # abbrev.py's mend ("PINT") is kept


def test_far_words_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "FAR_WORDS", False)
    got = restore_text("UY BAN NHAN DAN\nKT. CH TOUCH", mode="garbled")
    assert "TOUCH" in got.text


def test_a_quarters_numeral_misread_as_other_strokes_is_mended() -> None:
    cases = {
        "trong quy TV nam 2024": "quý IV năm",
        "xa Quy IH/2023 va": "Quý III/2023",
        "trong quy 11/2024.": "quý II/2024.",
        "trong quy [V/2024.": "quý [IV/2024.",  # the bracket is a stroke (it stays as text)
        "thuc hien quy Il nam 2024": "quý II năm",
        "trong quy ITI/2024 va": "quý III/2024",
    }
    for src, want in cases.items():
        assert want in restore_text(src, mode="garbled").text, src
    # a valid quarter stays as written; words after "quý" are no numerals
    assert "quý I/2024" in restore_text("trong quy I/2024", mode="garbled").text
    assert decode.quarter_numeral("vi", False) is None
    assert decode.quarter_numeral("M", False) is None
    assert decode.quarter_numeral("I", True) is None  # "I" as written: a quarter already


def test_the_word_before_a_quarters_numeral_is_quy() -> None:
    assert "minh quý IV năm" in restore_text("van minh quy IV nam 2024", mode="garbled").text
    assert "Quý II/2024" in restore_text("Moi truong Quy II/2024 Ban", mode="garbled").text
    assert restore_text("quy dinh cua quy I", mode="garbled").text == "quy định của quý I"


def test_quarter_numerals_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "QUARTER_NUMERALS", False)
    assert "IV" not in restore_text("trong quy TV nam 2024", mode="garbled").text


def test_a_glued_prefix_stays_and_units_are_no_words(monkeypatch: pytest.MonkeyPatch) -> None:
    assert restore_text("xa K'Binh va", mode="garbled").text == "xã K'Bình và"
    assert "H'Bri" in restore_text("xa H'Bri va", mode="garbled").text  # no syllable: kept
    assert " 20 m2 " in restore_text("dien tich 20 m2 dat", mode="garbled").text
    monkeypatch.setattr(decode, "GLUED_PREFIX", False)
    monkeypatch.setattr(decode, "UNITS", False)
    assert "Y'Bình" not in restore_text("ong Y'Binh va", mode="garbled").text  # (a new token:
    # the decoder keeps its candidate lists)


def test_a_slash_before_a_words_last_letter_is_a_misread_mark() -> None:
    assert "thu nhập cho" in restore_text("tang thu nhi/p cho nguoi dan", mode="garbled").text
    got = restore_text("D/c Lam va xa dat 20 trieu", mode="garbled").text
    assert got.startswith("Đ/c ")  # an abbreviation with a slash stays one
    assert not decode.garbled_word("D/c")


def test_a_quarter_after_a_wrapped_line_is_mended_but_a_section_number_wins() -> None:
    got = restore_text("van phong huyen trong quy\nTH/2024.", mode="garbled").text
    assert got.endswith("quý\nIII/2024.")
    text = "I. MUC TIEU\nII. NOI DUNG\nhuong dan cua cac xa theo quy\nIl TIEU CHI MOI TRUONG"
    assert "\nIII TIÊU CHÍ" in restore_text(text, mode="garbled").text  # the next section


def test_two_garbled_words_joined_by_a_slash_are_decoded_apart() -> None:
    assert "20 triệu đồng/năm." in restore_text("gia 20 trieu ding/nam.", mode="garbled").text
    assert "tấn/ha" in restore_text("nang suat 5 tin/ha", mode="garbled").text  # a unit
    assert "HĐND/UBND" in restore_text("theo HDND/UBND xa", mode="garbled").text


def test_a_stray_quote_inside_an_abbreviation_is_dropped() -> None:
    got = restore_text("Nong nghiep va PT'NT de xem", mode="garbled").text
    assert got == "Nông nghiệp và PTNT để xem"
    assert decode.stray_quote("XY'Z", frozenset({"PTNT"})) is None  # no abbreviation: as before


def test_a_close_paren_nothing_opened_is_a_misread_mark(monkeypatch: pytest.MonkeyPatch) -> None:
    got = restore_text("Phong Tai chinh - Kf) hofch chu tri", mode="garbled").text
    assert got == "Phòng Tài chính - Kế hoạch chủ trì"
    assert restore_text("UY BAN\nKt) HOUCH", mode="garbled").text.endswith("\nKẾ HOẠCH")
    # a list item and a parenthesis opened before stay
    assert restore_text("a) Noi dung cong viec", mode="garbled").text.startswith("a) Nội")
    assert "Lâm) và" in restore_text("xa (huyen Lam) va 01 xa dat", mode="garbled").text
    assert restore_text("UY BAN\nBAN CHI} DAO", mode="garbled").text.endswith("BAN CHỈ ĐẠO")
    monkeypatch.setattr(decode, "PAREN_MARKS", False)
    assert "Kt) " in restore_text("Kt) HOACH", mode="garbled").text


def test_a_bracket_glued_to_a_words_start_is_a_misread_mark(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert restore_text("D/c Ngan [ly ban nhan dan", mode="garbled").text == (
        "Đ/c Ngân Ủy ban nhân dân"
    )
    assert restore_text("[ly ban nhan dan xa", mode="garbled").text == "Ủy ban nhân dân xã"
    # a bracket closed later on the line is a bracket, at either end
    assert "[phụ lục] kèm" in restore_text("xem [phu luc] kem theo", mode="garbled").text
    monkeypatch.setattr(decode, "LEAD_MARKS", False)
    assert "[" in restore_text("D/c Lan [ly ban", mode="garbled").text


def test_a_lone_capital_consonant_stays_a_letter(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "Phụ lục B kèm" in restore_text("Theo Phu luc B kem theo", mode="garbled").text
    monkeypatch.setattr(decode, "SINGLE_CAPITALS", "")
    assert "lục G kèm" not in restore_text("Theo Phu luc G kem theo", mode="garbled").text


def test_times_and_numbered_codes_stay_and_read_as_numbers() -> None:
    assert restore_text("Luc 8h30 ngay 5", mode="garbled").text == "Lúc 8h30 ngày 5"
    assert restore_text("Luc 8h ngay 5", mode="garbled").text == "Lúc 8h ngày 5"
    assert "mạng 4G đến" in restore_text("mang 4G den thon", mode="garbled").text
    assert "0Y" not in restore_text("UY BAN\nHUYEN 0Y HUYEN", mode="garbled").text  # "ỦY"
