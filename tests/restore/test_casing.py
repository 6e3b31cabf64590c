from vanban.restore.casing import caps_lines, ocr_case, pair_case, tall_vowel
from vanban.restore.syllables import apply_case
from vanban.restore.tokens import tokenize

TEXT = "KE HOACH XAY DUNG chi TIET\n- TO chuc danh gia So lieu"


def test_case_is_judged_against_the_line() -> None:
    toks = tokenize(TEXT)
    lines = caps_lines(TEXT, toks)
    assert lines[1] == {0}
    by_text = {t.text: ocr_case(t, lines) for t in toks}
    assert by_text["chi"] == "CHI"  # lower-case noise inside a heading
    assert by_text["TO"] == "To"  # a lone capitalised word in a body line
    assert by_text["So"] == "So"  # title case is meant
    assert by_text["chuc"] == "chuc"


def test_abbreviations_do_not_make_a_heading() -> None:
    text = "- CT, cac PCT UBND huyin;\nNHIIM V0 VA PHAN CONG Hill"
    toks = tokenize(text)
    lines = caps_lines(text, toks, frozenset({"CT", "PCT", "UBND"}))
    assert lines[1] == {1}  # without the lexicon's vote the first line is a body line
    assert caps_lines(text, toks)[1] == {0, 1}
    by_text = {t.text: ocr_case(t, lines) for t in toks}
    assert by_text["cac"] == "cac"
    assert apply_case(by_text["V0"], "vụ") == "VỤ"  # no lower-case letter in a heading: upper
    assert by_text["Hill"] == "HILL"  # long Title case in a heading is OCR noise


def test_case_of_a_tall_vowel_follows_the_pair() -> None:
    pairs = {"huyện ủy": False, "của ủy": True}
    assert tall_vowel("ủy") and tall_vowel("ấp") and not tall_vowel("ạ") and not tall_vowel("ba")
    assert apply_case(pair_case("Uy", "huyện", "ủy", pairs), "ủy") == "ủy"  # "Huyin Uy"
    assert apply_case(pair_case("uy", "của", "ủy", pairs), "ủy") == "Ủy"
    assert pair_case("Uy", None, "ủy", pairs) == "Uy"  # a line's first word: as read
    assert pair_case("Uy", "tỉnh", "ủy", pairs) == "Uy"  # no clear pair: as read
    assert pair_case("UY", "huyện", "ủy", pairs) == "UY"  # upper case is a heading's
