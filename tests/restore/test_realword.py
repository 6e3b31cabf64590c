"""Real-word correction of good text: valid but wrong syllables of `vie` OCR are mended in
context, while correct text stays as it is (thresholds measured on dev documents only)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tools.evaluate import realword, splits
from vanban.restore import api, decode
from vanban.restore.model import default_model


@pytest.fixture
def margin_off() -> Iterator[None]:
    saved = decode.REALWORD_MARGIN
    realword.set_margin(None)
    yield
    realword.set_margin(saved)


@pytest.mark.parametrize(
    ("ocr", "want"),
    [
        ("Buổi chiêu: Đ/c Chủ tịch làm việc tại trụ sở UBND xã.", "Buổi chiều:"),
        ("Buổi sang: họp Tố công tác xây dựng nông thôn mới", "Buổi sáng: họp Tổ công tác"),
        ("THÀNH LẬP BAN CHÍ ĐẠO CÁC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA", "BAN CHỈ ĐẠO"),
    ],
)
def test_valid_but_wrong_syllables_are_mended_in_context(ocr: str, want: str) -> None:
    assert want in api.restore_text(ocr).text


def test_a_written_pair_the_training_text_holds_is_kept() -> None:
    """"hàng tháng" is a spelling variant of "hằng tháng", not an OCR slip: a change to it is
    undone because the training text holds the pair as written; "Buổi sang" it never held."""
    dec = api.decoder_for(default_model())
    words = ["định", "kỳ", "hàng", "tháng"]
    cands = [dec.candidates(w, "correct") for w in words]
    swap = [c.text for c in cands[2]].index("hằng")
    assert dec.veto_attested(cands, [0, 0, swap, 0]) == [0, 0, 0, 0]
    cands = [dec.candidates(w, "correct") for w in ["buổi", "sang", "họp"]]
    swap = [c.text for c in cands[1]].index("sáng")
    assert dec.veto_attested(cands, [0, swap, 0]) == [0, swap, 0]


def test_without_the_margin_valid_syllables_are_kept(margin_off: None) -> None:
    text = "Buổi chiêu: Đ/c Chủ tịch làm việc tại trụ sở UBND xã."
    assert api.restore_text(text).text == text


def test_a_syllable_the_language_model_never_saw_is_left_alone() -> None:
    dec = api.decoder_for(default_model())
    cands = dec.candidates("ngoẵng", "correct")  # valid spelling, never in our text
    assert cands[0].kept and all(c.channel <= decode.SWAP_CORRECT for c in cands[1:])


def test_dev_born_digital_text_stays_unchanged() -> None:
    """Split: dev. The clean dev documents as born-digital text: >= 99.95 % of words kept."""
    docs = realword.dev_documents()
    assert docs and all(splits.split_of(p) == "dev" for p in docs)
    changed = total = 0
    for p in docs:
        res = api.restore_text(p.read_text("utf-8"))
        total += len(res.tokens)
        changed += sum(t.changed for t in res.tokens)
    assert total > 5000
    assert 1 - changed / total >= 0.9995, f"{changed} of {total} words changed"


def test_fix_and_break_are_counted_against_the_clean_text() -> None:
    clean = "Buổi chiều họp tổ công tác"
    ocr = "Buổi chiêu họp tố công tác"
    t = realword.score_changes(ocr, {ocr.index("chiêu"): "chiều", ocr.index("họp"): "hộp"}, clean)
    assert (t.fixes, t.breaks, t.wrong_marks, t.words) == (1, 1, 2, 6)
