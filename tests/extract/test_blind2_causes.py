"""Causes of the second blind run's errors (issue 11), each mechanism on a small invented input:
owners qualified by a state clause, a past period beside the time limit, time cells with two
deadlines, funding paragraphs, topic lines."""

import datetime as dt

from vanban.extract.deadlines import parse_deadline, split_actions
from vanban.extract.directives import parse_directives
from vanban.extract.lines import flatten, paragraphs
from vanban.extract.owners import attribute
from vanban.extract.plan_table import deadline_cell, rounds
from vanban.models.records import PageText


def _owner(text: str) -> str | None:
    return attribute(text).owner


def test_owner_runs_through_a_state_clause_to_the_action_verb() -> None:
    assert _owner("UBND các phường đã đạt chuẩn đô thị văn minh rà soát, báo cáo kết quả.") == (
        "UBND các phường đã đạt chuẩn đô thị văn minh")
    assert _owner("Các thôn có hộ nghèo đăng ký vay vốn lập danh sách gửi xã.") == (
        "Các thôn có hộ nghèo đăng ký vay vốn")


def test_a_year_closes_the_state_clause() -> None:
    assert _owner("Các xã đăng ký đạt chuẩn nông thôn mới nâng cao năm 2026 học hỏi mô hình "
                  "của xã bạn trong huy động nguồn lực.") == (
        "Các xã đăng ký đạt chuẩn nông thôn mới nâng cao năm 2026")
    assert _owner("UBND các huyện có xã đăng ký về đích năm 2025 lập hồ sơ đề nghị.") == (
        "UBND các huyện có xã đăng ký về đích năm 2025")


def test_no_state_clause_leaves_the_subject_as_it_was() -> None:
    assert _owner("UBND các xã có trách nhiệm triển khai kế hoạch.") == "UBND các xã"
    assert _owner("Các xã đã tổ chức hội nghị triển khai.") == "Các xã"
    assert _owner("UBND các xã tổ chức hội nghị.") == "UBND các xã"


def test_a_past_period_beside_the_time_limit_is_not_the_deadline() -> None:
    text = ("Phòng Nội vụ rà soát hồ sơ cán bộ theo kết quả đánh giá cuối năm 2024, báo cáo "
            "UBND huyện trước ngày 15 tháng 5.")
    dl = parse_deadline(text, 2025)
    assert dl is not None and dl.date == dt.date(2025, 5, 15)
    assert split_actions(text, 2025) == [text]
    # Alone, a past phrase still is the deadline read (nothing else limits the work).
    alone = parse_deadline("trình UBND tỉnh trong tháng 7/2013.", 2020)
    assert alone is not None and alone.date == dt.date(2013, 7, 31)


def test_two_actions_with_their_own_deadlines_are_two_tasks() -> None:
    text = ("Phòng Nội vụ rà soát hồ sơ, hoàn thành trước ngày 30/4/2025; báo cáo UBND huyện "
            "trước ngày 20 tháng 6.")
    assert split_actions(text, 2025) == [
        "Phòng Nội vụ rà soát hồ sơ, hoàn thành trước ngày 30/4/2025",
        "báo cáo UBND huyện trước ngày 20 tháng 6.",
    ]


def test_a_time_cell_with_two_deadlines_gives_one_task_each() -> None:
    assert rounds("Quý I: trước 31/3/2025; quý III: trước 30/9/2025", 2025) == [
        "Quý I: trước 31/3/2025", "quý III: trước 30/9/2025"]
    assert rounds("15/5/2025 và 15/11/2025", 2025) == ["15/5/2025", "15/11/2025"]
    assert rounds("Tháng 5, 6/2025", 2025) == ["Tháng 5, 6/2025"]  # one period
    dl = deadline_cell("Lần 2: tháng 11/2025", 2025)
    assert dl is not None and dl.date == dt.date(2025, 11, 30) and dl.kind == "month"
    dl = deadline_cell("Quý I: trước 31/3/2025", 2025)
    assert dl is not None and dl.date == dt.date(2025, 3, 31) and dl.kind == "date"


def _tasks(text: str, year: int = 2025) -> list[tuple[str, str | None, str | None]]:
    paras = paragraphs(flatten([PageText(page_no=1, text=text, method="text")]))
    return [(t.text, t.owner, t.section) for t in parse_directives(paras, year)]


def test_an_assignment_inside_a_funding_paragraph_is_a_task() -> None:
    got = _tasks("III. KINH PHÍ\n\nKinh phí thực hiện từ nguồn ngân sách tỉnh và vốn lồng ghép. "
                 "Phòng Tài chính - Kế hoạch tham mưu UBND huyện bố trí kinh phí trong tháng 5 "
                 "năm 2025.\n")
    assert got == [("Phòng Tài chính - Kế hoạch tham mưu UBND huyện bố trí kinh phí trong "
                    "tháng 5 năm 2025.", "Phòng Tài chính - Kế hoạch", "III")]
    assert _tasks("III. KINH PHÍ\n\nKinh phí thực hiện từ nguồn ngân sách tỉnh.\n") == []


def test_a_topic_line_over_an_assignment_is_its_heading() -> None:
    got = _tasks("II. NHIỆM VỤ\n\n3. Giao thông, thủy lợi\n\nGiao Phòng Kinh tế và Hạ tầng "
                 "chủ trì rà soát các tuyến kênh nội đồng.\n")
    assert got == [("Giao Phòng Kinh tế và Hạ tầng chủ trì rà soát các tuyến kênh nội đồng.",
                    "Phòng Kinh tế và Hạ tầng", "II.3")]


def test_a_capitals_line_with_a_garbled_numeral_is_no_task() -> None:
    got = _tasks("II. NHIỆM VỤ\n\n2. Giao thông\n\nGiao Phòng Kinh tế và Hạ tầng chủ trì rà soát "
                 "các tuyến đường.\n\nIIIL KINH PHÍ\n\nKinh phí thực hiện từ nguồn ngân sách "
                 "huyện.\n")
    assert [t[0][:4] for t in got] == ["Giao"]
