"""Issue 14 leftovers (restore3): next-word case pairs, section numbering, lexicon codes."""

import pytest

from vanban.restore import abbrev, casing, restore_text
from vanban.restore.abbrev import mend_code, section_numbers
from vanban.restore.casing import pair_case
from vanban.restore.model import default_model
from vanban.restore.syllables import apply_case
from vanban.restore.tokens import opens_line, tokenize


def _sections(text: str) -> list[str]:
    toks = tokenize(text)
    got = section_numbers(text, toks, opens_line(text, toks))
    return [got[t.start] for t in toks if t.start in got]


def test_the_word_after_raises_title_case_only() -> None:
    pairs = {"huyện ủy": False, "ủy >ban": True, "ứng >dụng": False}
    # "huyện Ủy ban MTTQ": the name of an institution opens, whatever came before
    assert apply_case(pair_case("ly", "huyện", "ủy", pairs, None, "ban"), "ủy") == "Ủy"
    assert apply_case(pair_case("ly", "huyện", "ủy", pairs, None, "tt"), "ủy") == "ủy"
    # a line's first word: the word after still speaks
    assert apply_case(pair_case("ly", None, "ủy", pairs, None, "ban"), "ủy") == "Ủy"
    # "Nông nghiệp Ứng dụng ...": a lower-case pair after never lowers what the OCR read
    assert pair_case("Ung", None, "ứng", pairs, None, "dụng") == "Ung"


def test_the_word_after_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = {"huyện ủy": False, "ủy >ban": True}
    monkeypatch.setattr(casing, "NEXT_FIRST", False)
    assert pair_case("ly", "huyện", "ủy", pairs, None, "ban") == "a"  # the word before first


def test_case_pairs_learn_the_word_after() -> None:
    from tools.train.train import case_pairs

    texts = ["Báo cáo của Ủy ban xã\nvà Ủy ban huyện, Huyện ủy chỉ đạo, Tỉnh ủy họp"] * 2
    got = case_pairs(texts)
    assert got["ủy >ban"] is True
    assert got["huyện ủy"] is False and got["của ủy"] is True


def test_section_numbers_follow_the_numbering() -> None:
    text = "I. MUC DICH\n1. Noi dung\nIl. MIC TIEU\nIf. NHIIM V0\nIW. TO CHIC\nV. KINH PHI"
    assert _sections(text) == ["I", "II", "III", "IV"]  # "V", "VI" may be words ("Về")
    # "II" after "II." lost a stroke; three strokes are III; a new numbering is kept
    assert _sections("II. A\nII. B\nIll. C\nI. D") == ["II", "III", "III", "I"]
    # not after a line start, not a word of strokes: untouched
    assert _sections("tai muc I; va Il") == []
    assert _sections("Ung dung\nIn an") == []


def test_section_numbers_in_garbled_text_only(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Il. MIC TIEU\nIf. NHIIM V0 VA PHAN CONG"
    assert restore_text(text, mode="garbled").text.split("\n")[1].startswith("III. ")
    good = "I. MỤC TIÊU\nII. NHIỆM VỤ VÀ PHÂN CÔNG"
    assert restore_text(good).text == good
    monkeypatch.setattr(abbrev, "SECTION_SEQUENCE", False)  # as before: "Il." only
    assert _sections("Il. A\nIf. B") == ["II"]


def test_a_code_the_lexicon_holds_keeps_its_case() -> None:
    m = default_model()
    assert mend_code(m, "V/v") == "V/v" and mend_code(m, "v/v") == "v/v"
    assert restore_text("V/v don dic hoan thanh", mode="garbled").text.startswith("V/v ")


def test_part_letters_in_order_are_kept() -> None:
    assert _sections("A NHIIJM Vi CHUNG\nnoi dung\nB NHIIM Vi THEO\nC KIUM TRA") == ["A", "B", "C"]
    assert _sections("B ville\nnoi dung") == []  # alone: may be a syllable cut short
    out = restore_text("A NHIIJM Vi CHUNG\nB NHIIM Vi THEO TIEU CHI", mode="garbled").text
    assert out.startswith("A ") and "\nB " in out


def test_only_a_line_first_word_is_a_section_number() -> None:
    assert _sections("II. If ville\nA. B la") == ["II"]


def test_case_is_judged_by_the_letters_of_the_token() -> None:
    pairs = {"sản lượng": False}
    # "I00ng" for "lượng": an I for an l, digits for marked vowels; its letters are Title case
    assert apply_case(pair_case("I00ng", "sản", "lượng", pairs), "lượng") == "lượng"
