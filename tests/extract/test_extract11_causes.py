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
