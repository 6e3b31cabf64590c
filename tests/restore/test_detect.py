from vanban.restore.detect import classify, spelling_stats

CORRECT = "Xây dựng hồ sơ, báo cáo huyện nông thôn mới năm 2020 theo Quyết định của UBND tỉnh."
NOACCENT = "Xay dung ho so, bao cao huyen nong thon moi nam 2020 theo Quyet dinh cua UBND tinh."
GARBLED = "Xay dwng hd so, Bio cao Huyén néng thon méi nam 2020 theo Quyét dinh cia UBND tinh."


def test_modes() -> None:
    assert classify(spelling_stats(CORRECT)) == "correct"
    assert classify(spelling_stats(NOACCENT)) == "noaccent"
    assert classify(spelling_stats(GARBLED)) == "garbled"


def test_abbreviations_do_not_count_as_words() -> None:
    assert spelling_stats("UBND HĐND NTM OCOP").n_words == 0
