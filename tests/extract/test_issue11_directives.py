"""Issue 11 directive mechanisms, each on a small input of its own: deadlines in words, the
deadline phrase that is the time limit, descriptors, reports, passive owner clauses."""

import datetime as dt

from vanban.extract import extract_document
from vanban.extract.deadlines import parse_deadline
from vanban.extract.directives import parse_directives
from vanban.extract.lines import flatten, paragraphs
from vanban.extract.owners import attribute
from vanban.models.records import PageText


def _dl(text: str, year: int | None = 2021) -> tuple[dt.date | None, str | None]:
    d = parse_deadline(text, year)
    return (d.date, d.kind) if d else (None, None)


def test_deadlines_written_in_words() -> None:
    assert _dl("hoàn thành trước ngày 15 tháng 10 năm 2021") == (dt.date(2021, 10, 15), "date")
    assert _dl("triển khai trong quý II năm 2024", 2024) == (dt.date(2024, 6, 30), "quarter")
    assert _dl("gửi báo cáo trước ngày 15/7") == (dt.date(2021, 7, 15), "date")
    assert _dl("hoàn thành trong tháng 10 năm 2021") == (dt.date(2021, 10, 31), "month")


def test_a_bare_period_names_what_is_reported_not_the_deadline() -> None:
    text = "Các xã báo cáo kết quả 6 tháng đầu năm về UBND huyện trước ngày 15/7."
    assert _dl(text) == (dt.date(2021, 7, 15), "date")
    # Alone, the period is the deadline (nothing else limits the report).
    assert _dl("báo cáo kết quả 6 tháng đầu năm 2022.", 2022) == (dt.date(2022, 6, 30), "half_year")


def test_a_past_date_after_a_state_qualifies_a_noun() -> None:
    text = "Rà soát các xã đạt chuẩn trước năm 2016, hoàn thành trước ngày 30/6/2021."
    assert _dl(text) == (dt.date(2021, 6, 30), "date")
    assert _dl("Củng cố tiêu chí ở các xã đạt chuẩn trước năm 2016.") == (None, None)


def test_event_descriptors_are_not_tasks() -> None:
    text = ("I. NHIỆM VỤ\n\n1. Tổ chức hội nghị sơ kết\n\n- Địa điểm: Hội trường UBND huyện.\n"
            "- Thành phần: Thành viên Ban Chỉ đạo.\n- Hình thức: trực tiếp.\n"
            "- Văn phòng Điều phối chuẩn bị tài liệu trước ngày 10/5/2021.\n")
    tasks = parse_directives(paragraphs(flatten([PageText(1, "plain_text", text)])), 2021)
    assert [t.text[:20] for t in tasks] == ["Văn phòng Điều phối "]


def test_report_keeps_only_its_tasks_section() -> None:
    text = ("UBND HUYỆN A\n\nSố: 12/BC-UBND\n\nA, ngày 02 tháng 7 năm 2024\n\nBÁO CÁO\n"
            "Kết quả 6 tháng đầu năm 2024\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n\n"
            "1. Phòng Nông nghiệp đã tổ chức 12 lớp tập huấn cho nông dân.\n\n"
            "- UBND các xã hoàn thành 5 km đường giao thông nông thôn.\n\n"
            "II. NHIỆM VỤ, GIẢI PHÁP 6 THÁNG CUỐI NĂM\n\n"
            "1. Phòng Nông nghiệp hoàn thiện hồ sơ xã Tân An trước ngày 30/9/2024.\n\n"
            "2. UBND các xã duy trì tiêu chí môi trường.\n\nIII. KIẾN NGHỊ\n\n"
            "1. Đề nghị UBND tỉnh hỗ trợ kinh phí.\n")
    ex = extract_document([PageText(1, "plain_text", text)])
    assert ex.meta.doc_type == "bao_cao"
    assert [t.section for t in ex.tasks] == ["II.1", "II.2"]
    assert ex.tasks[0].deadline == dt.date(2024, 9, 30)


def test_passive_clause_stays_in_the_owner() -> None:
    a = attribute("Các cơ quan được giao chủ trì chủ động xây dựng kế hoạch chi tiết.")
    assert a.owner == "Các cơ quan được giao chủ trì"


def test_owner_runs_through_membership_and_a_groups_second_function() -> None:
    a = attribute("Các sở, ngành là thành viên Ban Chỉ đạo tỉnh theo dõi, đôn đốc các xã.")
    assert a.owner == "Các sở, ngành là thành viên Ban Chỉ đạo tỉnh"
    a = attribute("Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh tổ chức đánh giá đợt 2.")
    assert a.owner == "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh"
    # A second agency is not a function of the group: a joint subject, owned as a whole.
    a = attribute("Tổ biên soạn, các xã hoàn thành tài liệu.")
    assert a.owner == "Tổ biên soạn, các xã"
    assert a.collaborators == ()
