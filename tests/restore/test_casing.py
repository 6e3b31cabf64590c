import pytest

from vanban.restore import casing
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


def test_abbreviations_do_not_make_a_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "- CT, cac PCT UBND huyin;\nNHIIM V0 VA PHAN CONG Hill"
    toks = tokenize(text)
    lines = caps_lines(text, toks, frozenset({"CT", "PCT", "UBND"}))
    assert lines[1] == {1}  # without the lexicon's vote the first line is a body line
    assert caps_lines(text, toks)[1] == {1}  # "CT", "PCT" have no vowel: no votes either
    monkeypatch.setattr(casing, "NO_VOWEL_ABBR", False)
    assert caps_lines(text, toks)[1] == {0, 1}  # nothing but the lexicon tells them
    monkeypatch.undo()
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


def test_heading_is_judged_by_letters_and_needs_two_words() -> None:
    text = "Kt HOUCH\nSU: 11/LCT-VP\nThi Hai hip Ti cong tac"
    toks = tokenize(text)
    lines = caps_lines(text, toks)
    assert lines[1] == {0}  # "Kt" (KẾ) is a capital word the OCR broke: most letters are upper
    by_text = {t.text: ocr_case(t, lines) for t in toks}
    assert apply_case(by_text["Kt"], "kế") == "KẾ"  # short Title case in a heading is noise too
    assert apply_case(by_text["SU"], "số") == "Số"  # a one-word line is no heading


def test_mixed_case_noise_keeps_the_first_letter_case() -> None:
    text = "giao ban HUi dong ChiUng trinh tUp huan"
    toks = tokenize(text)
    lines = caps_lines(text, toks)
    by_text = {t.text: ocr_case(t, lines) for t in toks}
    assert apply_case(by_text["HUi"], "hội") == "Hội"
    assert apply_case(by_text["ChiUng"], "chương") == "Chương"
    assert apply_case(by_text["tUp"], "tập") == "tập"


def test_a_misread_first_letter_takes_the_case_table() -> None:
    case = {"": (-2.0, -0.2), "lúa": (-3.0, -0.05), "ủy": (-0.1, -2.5)}
    assert apply_case(pair_case("Ita", "cây", "lúa", {}, case), "lúa") == "lúa"  # I for l
    assert apply_case(pair_case("ly", "ban", "ủy", {}, case), "ủy") == "Ủy"  # l for ủ
    assert pair_case("Ita", "cây", "lúa", {}) == "Ita"  # no table: as read
    assert pair_case("Lua", "cây", "lúa", {}, case) == "Lua"  # first letter right: as read


def test_vowelless_capitals_are_abbreviations_not_heading_votes() -> None:
    from vanban.restore.api import restore_text

    # "Lưu: VT, VPĐP." (archive note) is a body line: its capitals are codes
    assert restore_text("- Llu: VT, VPDP.", mode="garbled").text.startswith("- Lưu:")
    # but "CH" (CHỦ, its vowel dropped) still makes a two-word heading with "TICH"
    assert restore_text("CH TICH UBND", mode="garbled").text.startswith("CHỦ TỊCH")


def test_a_line_opening_a_title_case_run_weighs_its_case(monkeypatch: pytest.MonkeyPatch) -> None:
    from vanban.restore import api

    # an invented signature block: the signer's line opens with a family name
    text = "KT. TRUONG PHONG\nPHO TRUONG PHONG\n\nTrinh Thi My Dung\n"
    got = api.restore_text(text, mode="noaccent").text
    assert got.endswith("\nTrịnh Thị Mỹ Dung\n")  # the shipped model read "Trình" without it
    monkeypatch.setattr(casing, "RUN_OPENER_CASE", ())
    good = "Trịnh Thị Mỹ Dung\n"  # good text never weighs case
    assert api.restore_text(good, mode="correct").text == good
