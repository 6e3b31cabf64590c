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


def test_sample_renderings_are_judged_right() -> None:
    from pathlib import Path

    from vanban.restore import assess

    root = Path(__file__).resolve().parents[2] / "data"
    for path in sorted((root / "bench").glob("*.legacy.txt")):
        assert assess(path.read_text("utf-8")).needs_restore, path.name
    for path in sorted((root / "bench").glob("*.noaccent.txt")):
        assert assess(path.read_text("utf-8")).needs_restore, path.name
    for prefix in ("000", "001", "002", "004"):
        path = next((root / "samples" / "seeds").glob(f"{prefix}_*.txt"))
        assert not assess(path.read_text("utf-8")).needs_restore, path.name


# Tesseract `vie` reading a table cell by cell without its grid: right syllables among junk
# ("ng", "òn", "w", "kả"), more than CORRECT_INVALID of them, but letters no English OCR writes.
NOISY_VIE = (
    "Giao ban Văn phòng, triển khai ng nhiệm vụ Phòng họp òn Đ/c Thắng w Phòng "
    "Tổng hợp kả kết quả thẩm định sản phẩm OCOP Hội trường Sở Nông nghiệp và PTNT"
)


def test_noisy_vietnamese_ocr_is_not_taken_for_english_ocr() -> None:
    from vanban.restore import restore_text

    stats = spelling_stats(NOISY_VIE)
    assert stats.share(stats.invalid + stats.marked_invalid) > 0.08  # too noisy for "correct"
    assert classify(stats) == "correct"
    out = restore_text(NOISY_VIE).text.split()
    for word in ("phòng,", "Phòng", "Thắng", "trường", "và", "Hội", "Tổng"):
        assert word in out, word  # valid syllables stay as read
