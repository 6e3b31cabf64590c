"""Causes left by extract7 and extscan on dev documents (issue 11), each on invented text."""

from vanban.extract import vocab


def test_unit_word_glued_to_a_name_is_cut() -> None:
    # "TỈNHNINH" (n97 light scan): no syllable, but a unit word and one
    assert vocab.split_glued_unit_words("UBND TỈNHLONG AN") == "UBND TỈNH LONG AN"
    assert vocab.split_glued_unit_words("UBND HUYỆNBẾN LỨC") == "UBND HUYỆN BẾN LỨC"


def test_real_syllables_and_lower_case_words_stay_whole() -> None:
    for text in ("UBND TỈNH XANH", "XÃ THANH", "NGHIỆP", "Tỉnhlong", "THỊNH"):
        assert vocab.split_glued_unit_words(text) == text


def test_office_code_with_a_glued_stroke_is_the_code() -> None:
    # "CTL; các PCT UBND huyện" (n100 light scan)
    assert vocab.mend_office_debris("CTL, các PCT UBND xã", {"CTL": 1}) == "CT, các PCT UBND xã"
    # written twice: the document's own token; no stroke letter: another acronym
    assert vocab.mend_office_debris("CTL, các PCT", {"CTL": 2}) == "CTL, các PCT"
    assert vocab.mend_office_debris("TTX tỉnh", {"TTX": 1}) == "TTX tỉnh"


def test_archive_vp_read_with_a_look_alike_of_p() -> None:
    # "Lưu: VI, VE" (n99 scans): VE is VP; VX (văn xã) and a unit the document names stay
    assert vocab.mend_archive_vp("VE", set()) == "VP"
    assert vocab.mend_archive_vp("VX", set()) == "VX"
    assert vocab.mend_archive_vp("VB", {"VB"}) == "VB"
