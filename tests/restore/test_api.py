"""Behaviour of the public API on small cases, with the shipped model (data/models)."""

from pathlib import Path

from tools.evaluate.metrics import syllable_accuracy
from vanban.restore import assess, restore_text

ROOT = Path(__file__).resolve().parents[2]
SEED_003 = ROOT / "data" / "samples" / "seeds" / "003_c50f75d93c9637d6.txt"
GOLD_003 = ROOT / "tests" / "golden" / "restore" / "003_c50f75d93c9637d6.gold.txt"

CORRECT = (
    "Các cơ quan, đơn vị phối hợp xây dựng hồ sơ đề nghị công nhận huyện đạt chuẩn "
    "nông thôn mới năm 2020 theo Quyết định số 2540/QĐ-TTg ngày 30/12/2016."
)


def test_correct_text_is_left_alone() -> None:
    out = restore_text(CORRECT)
    assert out.text == CORRECT
    assert out.n_changed == 0
    assert not assess(CORRECT).needs_restore


def test_other_tone_style_is_not_rewritten() -> None:
    text = "Hội đồng nhân dân tỉnh thông qua Nghị quyết về hoà giải ở cơ sở và thuỷ lợi nội đồng."
    assert restore_text(text).text == text


def test_accentless_text_is_restored_keeping_case_numbers_and_codes() -> None:
    src = (
        "Xay dung ho so de nghi cong nhan huyen dat chuan nong thon moi nam 2020 "
        "theo Quyet dinh so 2540/QD-TTg ngay 30/12/2016 cua Thu tuong Chinh phu"
    )
    out = restore_text(src)
    assert assess(src).needs_restore
    assert out.text.startswith("Xây dựng hồ sơ đề nghị công nhận huyện đạt chuẩn nông thôn mới")
    assert "2020" in out.text and "30/12/2016" in out.text
    assert "2540/QĐ-TTg" in out.text
    assert "Quyết định" in out.text


def test_upper_case_headings_stay_upper_case() -> None:
    out = restore_text("KE HOACH\nXay dung nong thon moi nam 2021")
    assert out.text.split("\n")[0] == "KẾ HOẠCH"


def test_garbled_abbreviation_is_mended() -> None:
    out = restore_text("Thong bao ket luan cua BCD tinh va UBND huyen ve xay dung NTM")
    assert "BCĐ" in out.text and "UBND" in out.text and "NTM" in out.text


def test_tokens_carry_offsets_confidence_and_alternatives() -> None:
    src = "nong thon moi"
    out = restore_text(src)
    assert [t.chosen for t in out.tokens] == ["nông", "thôn", "mới"]
    for t in out.tokens:
        assert src[t.start : t.start + len(t.original)] == t.original
        assert 0.0 < t.confidence <= 1.0
    assert any(t.alternatives for t in out.tokens)


def test_seed_003_first_section_restored_like_the_golden_reading() -> None:
    src_lines = SEED_003.read_text("utf-8").split("\n")
    gold_lines = GOLD_003.read_text("utf-8").split("\n")
    end = next(i for i, ln in enumerate(gold_lines) if ln.startswith("II."))
    src = "\n".join(src_lines[:end])
    gold = "\n".join(gold_lines[:end])
    out = restore_text(src).text
    before = syllable_accuracy(src, gold)
    after = syllable_accuracy(out, gold)
    assert before < 0.3
    assert after >= 0.88, after


def test_garbled_case_follows_the_line() -> None:
    src = "KE HOACH XAY DUNG NONG THON MOI\n- TO chic danh gia san pham OCOP cua cac xa"
    lines = restore_text(src, mode="garbled").text.split("\n")
    assert lines[0] == "KẾ HOẠCH XÂY DỰNG NÔNG THÔN MỚI"
    assert lines[1].startswith("- Tổ chức đánh giá sản phẩm OCOP")


def test_numbers_and_dates_never_change_in_garbled_text() -> None:
    src = "Ngay 10/9/2020, UBND huyén hop, 3 bao cao, 2540/QD-TTg, 15%"
    out = restore_text(src, mode="garbled").text
    for piece in ("10/9/2020", " 3 ", "2540/QĐ-TTg", "15%", "UBND"):
        assert piece in out, (piece, out)


def test_degenerate_inputs() -> None:
    for text in ("", "   \n\t ", "2020 - 2025", "…", "UBND"):
        out = restore_text(text)
        assert out.text == text
        assert not assess(text).needs_restore


def test_decomposed_unicode_is_read_as_composed() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", CORRECT)
    out = restore_text(nfd)
    assert out.text == CORRECT
    assert not assess(nfd).needs_restore


def test_impossible_syllables_in_good_text_get_slips_only() -> None:
    # A glued capital is two words ("quý I năm"), not one syllable to mend; a slip never adds
    # letters ("Đc" is no "Được"); a mark slip is still mended ("nỉnh" -> "ninh").
    text = "Báo cáo kết quả quý Inăm 2022 về an nỉnh trật tự, Đc giao ban tại xã"
    out = restore_text(text, mode="correct").text
    assert "Inăm" in out
    assert "Được" not in out
    assert "an ninh trật tự" in out
