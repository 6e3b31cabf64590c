"""extract/lines with measured line styles: headings and paragraphs of text layers and OCR,
which carry no markup and no blank lines (issue 11, cause 2)."""

from __future__ import annotations

from vanban.extract import extract_document
from vanban.extract.lines import flatten, mend_heading_numeral, paragraphs
from vanban.models.records import LineStyle, PageText

BREAK, EMPH, PLAIN = (LineStyle(paragraph_break=True), LineStyle(emphasised=True),
                      LineStyle())


def _page(lines: list[tuple[str, LineStyle]], method: str = "ocr") -> PageText:
    return PageText(1, method, "\n".join(t for t, _ in lines),  # type: ignore[arg-type]
                    lines=tuple(s for _, s in lines))


def test_a_measured_break_ends_a_paragraph_that_text_alone_would_run_on() -> None:
    page = _page([("Các xã rà soát các tiêu chí và lập kế hoạch thực hiện", PLAIN),
                  ("cụ thể cho từng thôn", PLAIN),
                  ("Phòng Nông nghiệp theo dõi, tổng hợp kết quả", BREAK)])
    assert [p.text[:6] for p in paragraphs(flatten([page]))] == ["Các xã", "Phòng "]
    unstyled = PageText(1, "ocr", page.text)
    assert len(paragraphs(flatten([unstyled]))) == 1


def test_a_lower_case_line_after_a_break_still_continues_an_open_sentence() -> None:
    page = _page([("Các xã rà soát các tiêu chí và lập kế hoạch thực hiện", PLAIN),
                  ("cụ thể cho từng thôn.", BREAK)])
    assert len(paragraphs(flatten([page]))) == 1


def test_a_bold_heading_stands_alone_and_a_wrapped_one_stays_whole() -> None:
    page = _page([("II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU ĐỂ HOÀN THÀNH", EMPH),
                  ("CÁC TIÊU CHÍ NÔNG THÔN MỚI", EMPH),
                  ("Các xã rà soát các tiêu chí", PLAIN)])
    paras = paragraphs(flatten([page]))
    assert [p.text for p in paras] == [
        "II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU ĐỂ HOÀN THÀNH CÁC TIÊU CHÍ NÔNG THÔN MỚI",
        "Các xã rà soát các tiêu chí"]
    assert paras[0].emphasised and not paras[1].emphasised


def test_markup_emphasis_of_text_files_is_unchanged() -> None:
    page = PageText(1, "plain_text", "**1. Sở Tài chính**\nBố trí kinh phí")
    lines = flatten([page])
    assert lines[0].emphasised and not lines[0].styled and not lines[1].emphasised


def test_misread_roman_numerals_are_mended_where_a_heading_stands() -> None:
    assert mend_heading_numeral("HI. NHIỆM VỤ VÀ GIẢI PHÁP") == "III. NHIỆM VỤ VÀ GIẢI PHÁP"
    assert mend_heading_numeral(".I. MỤC ĐÍCH, YÊU CẦU") == "I. MỤC ĐÍCH, YÊU CẦU"
    assert mend_heading_numeral("H. Tổ chức thực hiện", emphasised=True) == \
        "II. Tổ chức thực hiện"
    assert mend_heading_numeral("H. Tổ chức thực hiện") == "H. Tổ chức thực hiện"
    assert mend_heading_numeral("II. NHIỆM VỤ") == "II. NHIỆM VỤ"
    page = _page([("Nội dung kế hoạch như sau", PLAIN), ("HI. TỔ CHỨC THỰC HIỆN", BREAK)])
    assert flatten([page])[1].text == "III. TỔ CHỨC THỰC HIỆN"
    # mid-paragraph, no break: a wrapped line is never rewritten
    page = _page([("Nội dung kế hoạch như sau", PLAIN), ("H. Nguyễn Văn A", PLAIN)])
    assert flatten([page])[1].text == "H. Nguyễn Văn A"


def test_a_section_after_an_excluded_heading_keeps_its_tasks_in_ocr_text() -> None:
    # No blank lines, as OCR gives them: the break and the mended numeral keep the tasks out
    # of the excluded "Mục đích" section.
    page = _page([
        ("KẾ HOẠCH", EMPH),
        ("Thực hiện Chương trình xây dựng nông thôn mới năm 2024", PLAIN),
        (".I. MỤC ĐÍCH, YÊU CẦU", BREAK),
        ("Huy động cả hệ thống chính trị vào cuộc", BREAK),
        ("H. NHIỆM VỤ", BREAK),
        ("1. Phòng Nông nghiệp và PTNT chủ trì rà soát các tiêu chí, hoàn thành", BREAK),
        ("trước ngày 30/6/2024.", PLAIN),
    ])
    tasks = extract_document([page]).tasks
    assert [t.owner for t in tasks] == ["Phòng Nông nghiệp và PTNT"]
    assert tasks[0].section is not None and tasks[0].section.startswith("II")


def test_a_roman_heading_whose_stop_ocr_lost_is_mended_in_heading_place() -> None:
    assert mend_heading_numeral("II NHIỆM VỤ VÀ GIẢI PHÁP") == "II. NHIỆM VỤ VÀ GIẢI PHÁP"
    assert mend_heading_numeral("HI TỔ CHỨC THỰC HIỆN") == "III. TỔ CHỨC THỰC HIỆN"
    assert mend_heading_numeral("V Nguyễn Văn A") == "V Nguyễn Văn A"  # not a heading
    assert mend_heading_numeral("HUYỆN KẾ AN") == "HUYỆN KẾ AN"


def test_breaks_that_measure_nothing_the_text_keeps_are_ignored() -> None:
    # the space under a continuation page's printed number, and a bullet's later paragraph
    p1 = _page([("4. Đài Phát thanh và Truyền hình tỉnh: Đẩy mạnh công tác tuyên truyền về",
                 PLAIN)])
    p2 = PageText(2, "ocr", "7\nChương trình nông thôn mới.", lines=(PLAIN, BREAK))
    assert len(paragraphs(flatten([p1, p2]))) == 1
    page = _page([("- Đẩy mạnh xây dựng nông thôn mới, hỗ trợ đầu tư điện, nước sạch,...", PLAIN),
                  ("Phấn đấu đến cuối năm 2013 có 4 xã đạt 17 tiêu chí.", BREAK)])
    assert len(paragraphs(flatten([page]))) == 1
