import datetime as dt

from vanban.extract.directives import parse_directives
from vanban.extract.lines import flatten, paragraphs
from vanban.models.records import PageText, Task


def run(text: str, year: int = 2020) -> list[Task]:
    return parse_directives(paragraphs(flatten([PageText(1, "plain_text", text)])), year)


DOC = """THÔNG BÁO

Ban Chỉ đạo tỉnh yêu cầu:

### **I. Mục tiêu**

- Phấn đấu 10 xã đạt chuẩn trong năm 2020.

### **II. Nhiệm vụ**

##### **(1) Sở Tài chính**

- Thẩm định phân bổ vốn, trình Ủy ban nhân dân tỉnh trong tháng 2/2020.

- Chủ trì, phối hợp với Sở Giao thông vận tải soát xét, hoàn thành trước 15/3/2020.

**(2) Sở Y tế:** Kiểm tra an toàn thực phẩm trước 31/04/2020.

**(3) Các sở, ngành theo tiêu chí phụ trách**

- Báo cáo kết quả về Ban Chỉ đạo tỉnh trước ngày 20 hàng tháng.

- Sở Xây dựng chủ trì, phối hợp với Sở Kế hoạch và Đầu tư nghiên cứu, đề xuất
thiết kế mẫu, chậm nhất đến ngày 15/6/2020 trình UBND tỉnh.

- Giao Văn phòng Điều phối tỉnh:

+ Rà soát Bộ tiêu chí, trình UBND tỉnh trong quý IV/2020.

+ Tổ chức tập huấn cho cán bộ cấp xã (trước ngày 27/10).

Đề nghị UBMTTQ tỉnh chỉ đạo các tổ chức thành viên tuyên truyền.

Nơi nhận:
- UBND tỉnh;
"""


def test_section_tree_owners_and_deadlines() -> None:
    tasks = run(DOC)
    got = [(t.section, t.owner, t.deadline, t.deadline_kind, t.deadline_valid) for t in tasks]
    assert got == [
        ("II.(1)", "Sở Tài chính", dt.date(2020, 2, 29), "month", True),
        ("II.(1)", "Sở Tài chính", dt.date(2020, 3, 15), "date", True),
        ("II.(2)", "Sở Y tế", None, "date", False),
        ("II.(3)", "Các sở, ngành theo tiêu chí phụ trách", None, "recurring", True),
        ("II.(3)", "Sở Xây dựng", dt.date(2020, 6, 15), "date", True),
        ("II.(3)", "Văn phòng Điều phối tỉnh", dt.date(2020, 12, 31), "quarter", True),
        ("II.(3)", "Văn phòng Điều phối tỉnh", dt.date(2020, 10, 27), "date", True),
        (None, "UBMTTQ tỉnh", None, None, None),
    ]
    assert tasks[2].text == "Kiểm tra an toàn thực phẩm trước 31/04/2020."
    assert tasks[2].deadline_text == "trước 31/04/2020"
    assert tasks[4].collaborators == ("Sở Kế hoạch và Đầu tư",)
    assert tasks[4].text.endswith("trình UBND tỉnh.")  # the wrapped line joined back
    assert tasks[4].line_no == 23


def test_goals_and_unowned_prose_are_not_tasks() -> None:
    texts = [t.text for t in run(DOC)]
    assert not any(t.startswith("Phấn đấu") for t in texts)
    assert not any("yêu cầu" in t for t in texts)
    assert not any(t.startswith("Giao Văn phòng") for t in texts)


def test_paragraph_continuing_across_a_page_break() -> None:
    pages = [
        PageText(1, "plain_text", "I. Nhiệm vụ\n\n- Sở Nội vụ tăng cường mở lớp đào tạo cán bộ"),
        PageText(2, "plain_text", "\ncấp xã, hoàn thành trong năm 2020.\n"),
    ]
    tasks = parse_directives(paragraphs(flatten(pages)), 2020)
    assert len(tasks) == 1
    assert tasks[0].text.endswith("cấp xã, hoàn thành trong năm 2020.")
    assert (tasks[0].page_no, tasks[0].line_no) == (1, 3)
    assert tasks[0].deadline == dt.date(2020, 12, 31)


def test_parenthesised_assignment_and_dossier_list() -> None:
    text = """II. NỘI DUNG:

1.1. UBND huyện tổ chức tự đánh giá

- Huyện xây dựng 3 Báo cáo gồm:

+ Báo cáo đánh giá kết quả

- Báo cáo tình hình nợ đọng (Phòng TC-KH xây dựng, hoàn thiện trước ngày 27/10/2020);
"""
    tasks = run(text)
    assert [(t.owner, t.deadline) for t in tasks] == [
        ("Huyện", None), ("Huyện", None), ("Phòng TC-KH", dt.date(2020, 10, 27))]


def test_decision_articles_are_sections() -> None:
    text = ("QUYẾT ĐỊNH\n\nĐiều 1. Ban hành Kế hoạch kèm theo Quyết định này.\n\n"
            "Điều 2. Giao Sở Nông nghiệp và PTNT chủ trì, phối hợp với Sở Tài chính tổ chức thực "
            "hiện, báo cáo trước ngày 30/9/2022.\n")
    tasks = run(text, 2022)
    got = [(t.section, t.owner, t.collaborators, t.deadline) for t in tasks]
    assert got[-1] == ("Điều 2", "Sở Nông nghiệp và PTNT", ("Sở Tài chính",), dt.date(2022, 9, 30))
