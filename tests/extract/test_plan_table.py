import datetime as dt

from vanban.extract.lines import flatten
from vanban.extract.plan_table import deadline_cell, parse_plan_table
from vanban.models.records import PageText


def test_task_table_rows_become_directives() -> None:
    text = "\n".join([
        "TT\tNỘI DUNG CÔNG VIỆC\tĐƠN VỊ CHỦ TRÌ\tĐƠN VỊ PHỐI HỢP\tTHỜI GIAN HOÀN THÀNH",
        "I\tCông tác tuyên truyền\t\t\t",
        "1\tTổ chức hội nghị\tSở Nông nghiệp và PTNT\tSở Tài chính, UBND các huyện\tTháng 7/2022",
        "2\tBáo cáo sơ kết\tVăn phòng Điều phối\t\t30/6",
        "3\tKiểm tra\tSở Y tế\t\tThường xuyên",
    ])
    tasks = parse_plan_table(flatten([PageText(1, "plain_text", text)]), 2022)
    assert [(t.owner, t.deadline, t.deadline_kind, t.section) for t in tasks] == [
        ("Sở Nông nghiệp và PTNT", dt.date(2022, 7, 31), "month", "I"),
        ("Văn phòng Điều phối", dt.date(2022, 6, 30), "date", "I"),
        ("Sở Y tế", None, None, "I"),
    ]
    assert tasks[0].collaborators == ("Sở Tài chính", "UBND các huyện")
    assert tasks[2].deadline_text is None  # "Thường xuyên": ongoing, no deadline (issue 11)


def test_deadline_cell() -> None:
    dl = deadline_cell("Quý III/2022", 2022)
    assert dl is not None and dl.date == dt.date(2022, 9, 30) and dl.text == "Quý III/2022"
    assert deadline_cell("", 2022) is None


ASSIGN = (
    "III. NHIỆM VỤ\n\n"
    "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
    "I\tCông tác chỉ đạo\n"
    "1\tRà soát tiêu chí\tPhòng Nội vụ\tCác phòng chuyên môn; UBND xã A, xã B\tQuý II/2023\n"
    "2\tTuyên truyền\tTrung tâm Văn hóa\tUBND các xã\tThường xuyên\n"
    "II\tKiểm tra\n"
    "3\tKiểm tra tiến độ\tCác thành viên Ban Chỉ đạo\tVăn phòng Điều phối\tHằng quý\n"
)


def test_assignment_table_groups_collaborators_and_time_words() -> None:
    from vanban.extract.lines import flatten
    from vanban.extract.plan_table import parse_plan_table
    from vanban.models.records import PageText

    tasks = parse_plan_table(flatten([PageText(1, "plain_text", ASSIGN)]), 2023)
    assert [t.section for t in tasks] == ["III.I", "III.I", "III.II"]  # group row, not STT
    assert tasks[0].collaborators == ("Các phòng chuyên môn", "UBND xã A, xã B")
    assert str(tasks[0].deadline) == "2023-06-30" and tasks[0].deadline_kind == "quarter"
    # "Thường xuyên": no deadline at all; "Hằng quý": recurring, valid, no date.
    assert (tasks[1].deadline, tasks[1].deadline_text, tasks[1].deadline_kind) == (None, None, None)
    assert (tasks[2].deadline, tasks[2].deadline_kind, tasks[2].deadline_valid) == (
        None, "recurring", True)


def test_assignment_sentence_inside_a_funding_section_is_a_task() -> None:
    from vanban.extract.directives import parse_directives
    from vanban.extract.lines import flatten, paragraphs
    from vanban.models.records import PageText

    text = ("I. NHIỆM VỤ\n\n1. Phòng Nội vụ rà soát hồ sơ trước ngày 10/4/2023.\n\n"
            "II. KINH PHÍ THỰC HIỆN\n\nKinh phí từ ngân sách huyện. Giao Phòng Tài chính - Kế "
            "hoạch chủ trì, phối hợp với Văn phòng Điều phối NTM huyện tham mưu phân bổ trước ngày "
            "31/3/2023.\n")
    tasks = parse_directives(paragraphs(flatten([PageText(1, "plain_text", text)])), 2023)
    last = tasks[-1]
    assert last.text.startswith("Giao Phòng Tài chính") and last.section == "II"
    assert last.owner == "Phòng Tài chính - Kế hoạch"
    assert last.collaborators == ("Văn phòng Điều phối NTM huyện",)
    assert str(last.deadline) == "2023-03-31"


def test_recurring_day_of_the_quarters_last_month() -> None:
    from vanban.extract.deadlines import parse_deadline

    dl = parse_deadline("báo cáo kết quả trước ngày 20 tháng cuối quý.", 2023)
    assert dl is not None and dl.kind == "recurring" and dl.date is None and dl.valid
