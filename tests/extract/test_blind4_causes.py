"""Causes of the fourth blind run's errors (issue 11, n51-n58), each mechanism on a small
invented input."""

from vanban.extract import vocab
from vanban.extract.schedule import split_leaders


def test_comrade_prefix_before_a_full_name() -> None:
    # "Đ/c" read "Đức" on a light scan, before a three-word name.
    assert vocab.comrade("Đức Trần Minh Khoa") == "Đ/c Trần Minh Khoa"
    assert split_leaders("Đức Hoàng Thị Lan") == ("Đ/c Hoàng Thị Lan",)
    # A person whose name holds Đức, or a lower-case "đức" in running words, stays.
    assert vocab.comrade("Nguyễn Đức Tâm") == "Nguyễn Đức Tâm"
    assert vocab.comrade("đức Trần Minh") == "đức Trần Minh"
    assert vocab.comrade("Đức Trần và các phòng") == "Đức Trần và các phòng"


def test_archive_item_keeps_a_valid_unit_abbreviation() -> None:
    assert vocab.mend_recipient("Lưu: VP.") == "Lưu: VP"
    assert vocab.archive_item("- Lưu: VP.") == "Lưu: VP"
    # A misreading of VT is still mended.
    assert vocab.mend_recipient("Lưu: VL, VPĐP") == "Lưu: VT, VPĐP"
    assert vocab.archive_item("LƯU: VÌ") == "Lưu: VT"


def test_adverbial_after_a_passive_subject_ends_the_owner() -> None:
    from vanban.extract.owners import attribute

    s = "Các phòng, ban được giao căn cứ nội dung Kế hoạch triển khai thực hiện."
    assert attribute(s).owner == "Các phòng, ban được giao"
    # the passive still takes its own complement verb
    assert attribute("Các cơ quan được giao chủ trì chủ động xây dựng kế hoạch.").owner == (
        "Các cơ quan được giao chủ trì")


def test_a_joint_subject_is_not_cut_after_a_unit_word() -> None:
    from vanban.extract.owners import attribute

    s = ("Chi nhánh Ngân hàng Chính sách xã hội huyện, Quỹ Tín dụng nhân dân xã Đông Hòa "
         "ưu tiên cho vay vốn.")
    assert attribute(s).owner == (
        "Chi nhánh Ngân hàng Chính sách xã hội huyện, Quỹ Tín dụng nhân dân xã Đông Hòa")


def _tasks(body: str) -> list[tuple[str | None, str | None, str]]:
    from vanban.extract.directives import parse_directives
    from vanban.extract.lines import flatten, paragraphs
    from vanban.models.records import PageText

    tasks = parse_directives(paragraphs(flatten([PageText(1, "text", body)])), 2027)
    return [(t.owner, t.deadline_kind, t.text) for t in tasks]


def test_a_topic_line_over_a_body_with_its_doer_is_a_heading() -> None:
    body = ("II. NHIỆM VỤ\n1. Chuyển đổi số trong sản xuất\n"
            "Phòng Kinh tế chủ trì tập huấn cho hợp tác xã, hoàn thành trước ngày 30/6/2027.\n"
            "2. Khoa học công nghệ và liên kết tiêu thụ nông sản\n"
            "Giao Trung tâm Dịch vụ nông nghiệp huyện xây dựng 02 mô hình trước ngày 30/9/2027.\n")
    got = _tasks(body)
    assert [(o, t[:12]) for o, _, t in got] == [
        ("Phòng Kinh tế", "Phòng Kinh t"),
        ("Trung tâm Dịch vụ nông nghiệp huyện", "Giao Trung t")]


def test_a_periodic_duty_after_va_is_its_own_task() -> None:
    from vanban.extract.deadlines import split_actions

    text = ("Các xã báo cáo kết quả trước ngày 10/12/2027 và định kỳ hằng quý báo cáo "
            "UBND huyện.")
    assert split_actions(text, 2027) == ["Các xã báo cáo kết quả trước ngày 10/12/2027",
                                         "định kỳ hằng quý báo cáo UBND huyện."]


def test_a_ghi_chu_ca_ngay_overrides_the_buoi_cell() -> None:
    from vanban.extract.api import extract_document
    from vanban.models.records import PageText

    text = ("LỊCH CÔNG TÁC TUẦN\nTừ ngày 07/6/2027 đến ngày 11/6/2027\n\n"
            "THỨ, NGÀY\tBUỔI\tNỘI DUNG CÔNG VIỆC\tCHỦ TRÌ\tGHI CHÚ\n"
            "Thứ Hai 07/6\tSáng\tHọp giao ban\tĐ/c Lan\t\n"
            "Thứ Ba 08/6\tSáng\tKiểm tra các thôn\tĐ/c Lan\tCả ngày\n")
    ex = extract_document([PageText(1, "plain_text", text)])
    rows = [t.session for t in ex.tasks if t.kind == "schedule"]
    assert rows == ["sang", "ca_ngay"]


def test_a_measured_paragraph_break_ends_the_title() -> None:
    from vanban.extract.api import extract_document
    from vanban.models.records import LineStyle, PageText

    lines = ["ỦY BAN NHÂN DÂN HUYỆN A", "Số: 05/CT-UBND", "CHỈ THỊ",
             "Về tăng cường công tác vệ sinh môi trường, xây dựng cảnh quan",
             "xanh - sạch - đẹp trong xây dựng nông thôn mới năm 2027 ở huyện",
             "Thời gian qua, công tác bảo vệ môi trường trên địa bàn huyện đã có",
             "chuyển biến. Chủ tịch UBND huyện chỉ thị:",
             "1. Phòng Tài nguyên và Môi trường kiểm tra các xã trước ngày 30/4/2027."]
    styles = [LineStyle(emphasised=True), LineStyle(), LineStyle(emphasised=True,
              paragraph_break=True), LineStyle(), LineStyle(), LineStyle(paragraph_break=True),
              LineStyle(), LineStyle(paragraph_break=True)]
    page = PageText(1, "text_layer", "\n".join(lines), lines=tuple(styles))
    assert extract_document([page]).meta.title == (
        "Về tăng cường công tác vệ sinh môi trường, xây dựng cảnh quan "
        "xanh - sạch - đẹp trong xây dựng nông thôn mới năm 2027 ở huyện")


def test_a_number_after_an_unended_line_runs_on_across_a_measured_break() -> None:
    from vanban.extract.lines import flatten, paragraphs
    from vanban.models.records import LineStyle, PageText

    lines = ["Đề nghị các xã quan tâm, phối hợp thực hiện. Mọi chi tiết xin liên hệ",
             "số điện thoại", "0210.3851.234./."]
    styles = (LineStyle(paragraph_break=True), LineStyle(), LineStyle(paragraph_break=True))
    paras = paragraphs(flatten([PageText(1, "ocr", "\n".join(lines), lines=styles)]))
    assert len(paras) == 1 and paras[0].text.endswith("số điện thoại 0210.3851.234./.")
