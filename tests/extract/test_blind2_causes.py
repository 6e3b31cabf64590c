"""Causes of the second blind run's errors (issue 11), each mechanism on a small invented input:
owners qualified by a state clause, a past period beside the time limit."""

import datetime as dt

from vanban.extract.deadlines import parse_deadline, split_actions
from vanban.extract.owners import attribute


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
