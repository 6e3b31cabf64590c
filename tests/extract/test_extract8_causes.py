"""Causes left by extract7 and extscan on dev documents (issue 11), each on invented text."""

from vanban.extract import vocab


def test_unit_word_glued_to_a_name_is_cut() -> None:
    # "TỈNHNINH" (n97 light scan): no syllable, but a unit word and one
    assert vocab.split_glued_unit_words("UBND TỈNHLONG AN") == "UBND TỈNH LONG AN"
    assert vocab.split_glued_unit_words("UBND HUYỆNBẾN LỨC") == "UBND HUYỆN BẾN LỨC"


def test_real_syllables_and_lower_case_words_stay_whole() -> None:
    for text in ("UBND TỈNH XANH", "XÃ THANH", "NGHIỆP", "Tỉnhlong", "THỊNH"):
        assert vocab.split_glued_unit_words(text) == text
