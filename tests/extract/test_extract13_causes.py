"""Causes shown by the blind run of n119-n128 (issue 11, extract13), each on invented text."""

import datetime as dt

import pytest

from vanban.extract import dates
from vanban.extract.deadlines import parse_deadline
from vanban.models.records import PageText


def _tasks(text: str) -> list:
    from vanban.extract.api import extract_document

    return [t for t in extract_document([PageText(1, "plain_text", text)]).tasks
            if t.kind == "directive"]


@pytest.mark.parametrize(("words", "value"), [
    ("mười", 10), ("mười một", 11), ("Mười lăm", 15), ("hai mươi", 20), ("hai mươi mốt", 21),
    ("hai mươi tư", 24), ("hai mươi lăm", 25), ("ba mươi", 30), ("ba mươi mốt", 31),
    ("chín", 9), ("07", 7), ("lăm", None), ("mốt", None), ("mươi", None), ("hai ba bốn", None),
])
def test_number_words(words: str, value: int | None) -> None:
    assert dates.number_from_words(words) == value


@pytest.mark.parametrize(("text", "want"), [
    ("nộp báo cáo trước ngày mười hai tháng 10.", dt.date(2027, 10, 12)),
    ("xong trước ngày hai mươi hai tháng 3 năm 2026.", dt.date(2026, 3, 22)),
    ("hoàn thành chậm nhất ngày mồng bốn tháng Sáu", dt.date(2027, 6, 4)),
    ("tổ chức trước mùng 9 tháng chạp", dt.date(2027, 12, 9)),
    ("gửi hồ sơ trước ngày ba mươi mốt tháng mười năm 2026", dt.date(2026, 10, 31)),
    ("gửi trước ngày 10 tháng năm năm 2027", dt.date(2027, 5, 10)),
])
def test_day_and_month_in_words(text: str, want: dt.date) -> None:
    dl = parse_deadline(text, 2027)
    assert dl is not None and dl.kind == "date" and dl.date == want


def test_impossible_day_in_words_is_invalid() -> None:
    dl = parse_deadline("trước ngày ba mươi tháng hai năm 2027", 2027)
    assert dl is not None and dl.date is None and not dl.valid


def test_owner_ends_before_on_whose_behalf() -> None:
    from vanban.extract.owners import agency_phrase

    assert agency_phrase("Phòng Tài chính - Kế hoạch giúp Chủ tịch UBND xã tổng hợp số liệu") \
        == "Phòng Tài chính - Kế hoạch"
    assert agency_phrase("Văn phòng HĐND và UBND tham mưu cho Chủ tịch ban hành văn bản") \
        == "Văn phòng HĐND và UBND"
    assert agency_phrase("Cơ quan giúp việc Ban Chỉ đạo huyện tổng hợp kết quả") \
        == "Cơ quan giúp việc Ban Chỉ đạo huyện"
    tasks = _tasks("CHỈ THỊ\nVề xây dựng khu dân cư kiểu mẫu năm 2027\n\n"
                   "5. Giao Phòng Tài nguyên và Môi trường giúp Chủ tịch UBND huyện đôn đốc, "
                   "kiểm tra việc thực hiện Chỉ thị này.\n")
    assert [t.owner for t in tasks] == ["Phòng Tài nguyên và Môi trường"]


def test_completion_clause_sets_the_deadline_of_its_action() -> None:
    from vanban.extract.deadlines import split_actions

    text = ("Trạm Y tế chủ trì khám sàng lọc cho người cao tuổi quý III năm 2027 tại 9 thôn, "
            "hoàn thành trước ngày 20 tháng 8 năm 2027.")
    dl = parse_deadline(text, 2027)
    assert dl is not None and dl.date == dt.date(2027, 8, 20)
    assert split_actions(text, 2027) == [text]
    # two actions, each with its own limit, still part
    two = ("Lập danh sách trong tháng 5/2027; tổng hợp báo cáo, hoàn thành trước ngày 30/6/2027.")
    assert len(split_actions(two, 2027)) == 2
    tasks = _tasks("KẾ HOẠCH\nChăm sóc sức khỏe năm 2027\n\nII. NHIỆM VỤ\n1. " + text + "\n")
    assert [(t.text, t.deadline) for t in tasks] == [(text, dt.date(2027, 8, 20))]


def test_time_adverbial_of_a_verb_keeps_its_own_task() -> None:
    from vanban.extract.deadlines import split_actions

    text = ("Phòng Kinh tế lập hồ sơ cải tạo chợ; khởi công trong quý III/2027, hoàn thành "
            "trước ngày 20/12/2027.")
    assert len(split_actions(text, 2027)) == 2
