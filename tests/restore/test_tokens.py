from vanban.restore.tokens import NUM, lm_segments, tokenize


def test_kinds_and_offsets() -> None:
    text = "Quyết định số 2540/QĐ-TTg ngày 30/12/2016, (h6 so)"
    toks = tokenize(text)
    kinds = [(t.kind, t.text) for t in toks]
    assert kinds == [
        ("word", "Quyết"),
        ("word", "định"),
        ("word", "số"),
        ("code", "2540/QĐ-TTg"),
        ("word", "ngày"),
        ("num", "30/12/2016"),
        ("mixed", "h6"),
        ("word", "so"),
    ]
    for t in toks:
        assert text[t.start : t.start + len(t.text)] == t.text


def test_breaks_at_clause_punctuation_cells_and_bullets() -> None:
    toks = tokenize("Họp giao ban; kiểm tra\tPhòng OCOP\n- Đi xã")
    breaks = [t.text for t in toks if t.brk_before]
    assert breaks == ["Họp", "kiểm", "Phòng", "Đi"]


def test_markup_is_not_text() -> None:
    toks = tokenize("<b>Buổi sáng</b> **Ghi chú**")
    assert [t.text for t in toks] == ["Buổi", "sáng", "Ghi", "chú"]


def test_lm_segments_map_numbers() -> None:
    segs = list(lm_segments("Năm 2020 có 12 xã. Hoàn thành"))
    assert segs == [["năm", NUM, "có", NUM, "xã"], ["hoàn", "thành"]]


def test_tokens_compare_and_hash_by_value() -> None:
    a, b = tokenize("xã Chi Lăng"), tokenize("xã Chi Lăng")
    assert a == b and {*a} == {*b} and len({*a}) == 3
