"""Causes shown by the blind run of n69-n78 (issue 11), each on invented text."""

from vanban.models.records import PageText


def _items(body: str) -> list:
    from vanban.extract.api import extract_document

    text = "THÔNG BÁO\nLịch họp\n\n" + body
    return [t for t in extract_document([PageText(1, "plain_text", text)]).tasks
            if t.kind == "directive"]


def test_participants_and_agenda_of_a_meeting_are_no_tasks() -> None:
    tasks = _items("1. Thời gian: 8 giờ 00, Thứ Ba, ngày 12/5/2026.\n"
                   "2. Địa điểm: Phòng họp số 3.\n"
                   "3. Thành phần:\n"
                   "- Lãnh đạo Phòng Tài chính;\n"
                   "- Trưởng các ấp: Bến Đá, Cây Sung.\n"
                   "4. Nội dung: Sơ kết công tác giao thông nông thôn 6 tháng đầu năm 2026.\n"
                   "5. Phân công chuẩn bị:\n"
                   "- Phòng Tài chính chuẩn bị báo cáo, gửi trước ngày 10/5/2026.\n")
    assert [t.owner for t in tasks] == ["Phòng Tài chính"]


def test_content_item_of_a_plan_without_meeting_descriptors_stays_a_task() -> None:
    tasks = _items("1. Nội dung: Phòng Tài chính rà soát hồ sơ trước ngày 10/5/2026.\n")
    assert len(tasks) == 1
