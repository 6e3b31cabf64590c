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
        ("Sở Nông nghiệp và PTNT", dt.date(2022, 7, 31), "month", "I.1"),
        ("Văn phòng Điều phối", dt.date(2022, 6, 30), "date", "I.2"),
        ("Sở Y tế", None, None, "I.3"),
    ]
    assert tasks[0].collaborators == ("Sở Tài chính", "UBND các huyện")
    assert tasks[2].deadline_text == "Thường xuyên"


def test_deadline_cell() -> None:
    dl = deadline_cell("Quý III/2022", 2022)
    assert dl is not None and dl.date == dt.date(2022, 9, 30) and dl.text == "Quý III/2022"
    assert deadline_cell("", 2022) is None
