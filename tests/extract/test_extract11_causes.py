"""Causes shown by the blind run of n87-n96 (issue 11, extract11), each on invented text."""

from vanban.models.records import PageText


def _tasks(text: str) -> list:
    from vanban.extract.api import extract_document

    return [t for t in extract_document([PageText(1, "plain_text", text)]).tasks
            if t.kind == "directive"]


def test_a_later_action_keeps_the_doer_named_after_it() -> None:
    # two actions with their own deadlines, the doer named once at the end ("do X thực hiện")
    tasks = _tasks(
        "KẾ HOẠCH\nA\n\nII. NHIỆM VỤ\n"
        "1. Tổ chức kiểm tra các công trình thủy lợi lần 1 trước ngày 20 tháng 4 năm 2025 "
        "và lần 2 trước ngày 15 tháng 9 năm 2025, do Ban Chỉ huy phòng chống thiên tai "
        "huyện thực hiện.\n")
    got = [(t.owner, t.deadline_text) for t in tasks]
    assert got == [("Ban Chỉ huy phòng chống thiên tai huyện", "trước ngày 20 tháng 4 năm 2025"),
                   ("Ban Chỉ huy phòng chống thiên tai huyện", "trước ngày 15 tháng 9 năm 2025")]


def test_doer_after_the_action_with_a_partner_and_a_time_after_the_verb() -> None:
    from vanban.extract.owners import attribute

    a = attribute("Tập huấn kỹ thuật trồng lúa cho nông dân, do UBND các xã Tân Hòa, Phú Lộc "
                  "phối hợp với Trạm Khuyến nông huyện thực hiện thường xuyên.")
    assert a.owner == "UBND các xã Tân Hòa, Phú Lộc"
    assert a.collaborators == ("Trạm Khuyến nông huyện",)
    a = attribute("Tập huấn cho hội viên, do Hội Nông dân huyện thực hiện trong quý II năm 2024.")
    assert a.owner == "Hội Nông dân huyện"
    # a place after the verb keeps "do X thực hiện" a relative clause
    assert attribute("Kiểm tra các dự án do doanh nghiệp thực hiện trên địa bàn huyện.").owner \
        is None


def test_a_day_and_month_in_words_every_year_is_recurring() -> None:
    from vanban.extract.deadlines import parse_deadline

    d = parse_deadline("Các xã báo cáo kết quả về UBND huyện trước ngày 10 tháng 11 hằng năm.",
                       2024)
    assert d is not None and d.kind == "recurring" and d.date is None
    d = parse_deadline("Báo cáo kết quả trước ngày 10 tháng 11 năm 2024.", 2024)
    assert d is not None and d.kind == "date"


def test_a_plan_table_continued_on_the_next_page_keeps_the_owner_above() -> None:
    head = "STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\n"
    p1 = ("KẾ HOẠCH\nA\n\nII. NHIỆM VỤ\n" + head
          + "I\tSản xuất\t\t\t\n"
          + "1\tXây dựng mô hình trồng nấm\tPhòng Kinh tế xã\tHội Nông dân xã\tQuý II/2026\n"
          + "2\tHỗ trợ hợp tác xã đăng ký nhãn hiệu\t\tHợp tác xã Tân Tiến\tQuý III/2026\n")
    p2 = (head
          + "3\tTập huấn kỹ thuật chăn nuôi\t\tTrạm Thú y xã\tTháng 9/2026\n"
          + "II\tHạ tầng\t\t\t\n"
          + "4\tSửa chữa cầu treo thôn 3\t\tCác thôn\tQuý IV/2026\n")
    from vanban.extract.api import extract_document

    tasks = [t for t in extract_document([PageText(1, "text_layer", p1),
                                          PageText(2, "text_layer", p2)]).tasks
             if t.kind == "directive"]
    got = [(t.text[:12], t.owner, t.section) for t in tasks]
    assert got == [("Xây dựng mô ", "Phòng Kinh tế xã", "II.I"),
                   ("Hỗ trợ hợp t", "Phòng Kinh tế xã", "II.I"),
                   ("Tập huấn kỹ ", "Phòng Kinh tế xã", "II.I"),
                   # a group row still ends the merged cell
                   ("Sửa chữa cầu", None, "II.II")]


def test_a_lower_case_clause_after_a_semicolon_stays_with_the_closing_assignment() -> None:
    tasks = _tasks(
        "KẾ HOẠCH\nA\n\nI. NHIỆM VỤ\n1. Phòng Kinh tế rà soát các tuyến đường trước ngày "
        "30/6/2025.\n\n"
        "Văn phòng Điều phối nông thôn mới xã có trách nhiệm theo dõi, đôn đốc việc thực hiện "
        "Kế hoạch này; định kỳ hằng quý tổng hợp, báo cáo UBND xã./.\n")
    last = tasks[-1]
    assert last.owner == "Văn phòng Điều phối nông thôn mới xã"
    assert last.text.endswith("báo cáo UBND xã./.")
    assert last.deadline_kind == "recurring" and last.section is None
