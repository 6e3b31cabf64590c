from vanban.extract.lines import flatten, paragraphs
from vanban.extract.markup import is_emphasised, strip_markup, tidy
from vanban.models.records import PageText


def test_provenance_is_per_page() -> None:
    lines = flatten([PageText(1, "ocr", "a\nb"), PageText(2, "ocr", "c")])
    assert [(ln.page_no, ln.line_no, ln.text) for ln in lines] == [(1, 1, "a"), (1, 2, "b"),
                                                                    (2, 1, "c")]


def test_hard_wrapped_items_join_but_bullets_split() -> None:
    text = ("- Xây dựng các báo cáo gồm Báo cáo huyện\nkèm theo biểu mẫu;\n- Lập Tờ trình\n\n"
            "tưởng, lựa chọn sản phẩm.\n\nBiên bản họp.")
    paras = paragraphs(flatten([PageText(1, "plain_text", text)]))
    assert [p.text for p in paras] == [
        "- Xây dựng các báo cáo gồm Báo cáo huyện kèm theo biểu mẫu;",
        "- Lập Tờ trình tưởng, lựa chọn sản phẩm.",
        "Biên bản họp.",
    ]


def test_markup() -> None:
    assert strip_markup("### **I. Các xã**") == "I. Các xã"
    assert tidy("Họp ( <i>Lịch UBND tỉnh</i> )") == "Họp (Lịch UBND tỉnh)"
    assert is_emphasised("**(3) Sở Tài chính**")
    assert not is_emphasised("**(4) Sở KH:** Thực hiện tốt.")


def test_text_layer_heading_wrap_and_page_number() -> None:
    pages = [
        PageText(1, "text_layer",
                 "IV. Về Đề án giảm nghèo trên địa bàn\ntỉnh giai đoạn 2020 - 2025\n"
                 "Sở Lao động - Thương binh và Xã hội: Chủ trì, chỉ đạo UBND các huyện, thành"),
        PageText(2, "text_layer", "3\nphố, thị xã rà soát."),
    ]
    paras = paragraphs(flatten(pages))
    assert [p.text for p in paras] == [
        "IV. Về Đề án giảm nghèo trên địa bàn tỉnh giai đoạn 2020 - 2025",
        "Sở Lao động - Thương binh và Xã hội: Chủ trì, chỉ đạo UBND các huyện, thành phố, thị xã "
        "rà soát.",
    ]
