"""Causes found on the extract7 dev documents n97-n102 (issue 11), each on invented text."""

import dataclasses
import datetime as dt

from vanban.extract.deadlines import parse_deadline
from vanban.extract.lines import flatten
from vanban.extract.owners import agency_phrase, attribute, heading_owner, separate_run_on
from vanban.extract.plan_table import parse_plan_table
from vanban.models.records import PageText


def _table(*rows: str) -> list:
    return parse_plan_table(flatten([PageText(1, "plain_text", "\n".join(rows))]), 2025)


def test_trach_nhiem_header_names_the_owner_column() -> None:
    tasks = _table(
        "TT\tNội dung\tTrách nhiệm chủ trì\tTrách nhiệm phối hợp\tThời gian",
        "1\tPhát động thi đua\tPhòng Nội vụ\tUBND các xã\tTháng 5/2025",
    )
    assert [(t.owner, t.collaborators) for t in tasks] == [("Phòng Nội vụ", ("UBND các xã",))]


def test_empty_owner_cell_under_a_merged_cell_takes_the_owner_above() -> None:
    tasks = _table(
        "TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn",
        "A\tVỐN",
        "1\tTổng hợp nhu cầu vốn\tPhòng Kế hoạch - Tài chính\tSở Tài chính\tTrước 15/10/2025",
        "2\tHướng dẫn quyết toán\t\tKho bạc Nhà nước\tTrước 30/11/2025",
        "B\tKIỂM TRA",
        "3\tKiểm tra thực tế\t\tUBND các xã\tQuý IV/2025",
    )
    assert [t.owner for t in tasks] == [
        "Phòng Kế hoạch - Tài chính", "Phòng Kế hoạch - Tài chính",
        None,  # a group row ends the merged cell
    ]


def test_two_agencies_run_together_are_two() -> None:
    assert separate_run_on("Phòng Kinh tế và PTNT Trung tâm Dịch vụ nông nghiệp huyện") == (
        "Phòng Kinh tế và PTNT, Trung tâm Dịch vụ nông nghiệp huyện")
    assert separate_run_on("Ban Chỉ đạo huyện Văn phòng Điều phối huyện") == (
        "Ban Chỉ đạo huyện, Văn phòng Điều phối huyện")
    for whole in ("Văn phòng UBND tỉnh", "Văn phòng HĐND và UBND xã",
                  "Phòng Tài chính thuộc Sở Nông nghiệp và Môi trường",
                  "Chi nhánh NHCSXH Phòng giao dịch huyện"):
        assert separate_run_on(whole) == whole
    tasks = _table(
        "TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian",
        "1\tHỗ trợ hồ sơ\tPhòng Kinh tế và PTNT Văn phòng Điều phối NTM huyện\t\tTrước 30/6/2025",
    )
    assert tasks[0].owner == "Phòng Kinh tế và PTNT, Văn phòng Điều phối NTM huyện"


def test_owner_named_after_the_action() -> None:
    a = attribute("Lập hồ sơ đề nghị công nhận, trình UBND tỉnh trước ngày 10/11/2025 do Phòng "
                  "Văn hóa - Xã hội thực hiện.")
    assert a.owner == "Phòng Văn hóa - Xã hội"
    # mid-sentence it is a relative clause about the object, not the owner
    assert attribute("Kiểm tra các dự án do doanh nghiệp thực hiện trên địa bàn.").owner is None


def test_a_verb_closing_a_capitalised_name_is_a_name_word() -> None:
    assert attribute("Trung tâm Dịch vụ tổng hợp xã.").owner == "Trung tâm Dịch vụ tổng hợp xã"
    a = attribute("Phòng Kinh tế, Trung tâm Dịch vụ tổng hợp và Hội Nông dân xã tổ chức hội chợ "
                  "nông sản trong tháng 12/2025.")
    assert a.owner == "Phòng Kinh tế, Trung tâm Dịch vụ tổng hợp và Hội Nông dân xã"
    # a verb with its object stays the sentence's verb
    assert agency_phrase("Văn phòng Sở tổng hợp, báo cáo Giám đốc Sở") == "Văn phòng Sở"
    assert agency_phrase("Sở Văn hóa, Thể thao và Du lịch hướng dẫn") == (
        "Sở Văn hóa, Thể thao và Du lịch")


def test_cooperative_alliance_is_an_agency() -> None:
    a = attribute("Liên minh Hợp tác xã tỉnh và Quỹ Hỗ trợ nông dân tỉnh phối hợp xây dựng "
                  "chương trình tín dụng trước ngày 31/01/2026.")
    assert a.owner == "Liên minh Hợp tác xã tỉnh và Quỹ Hỗ trợ nông dân tỉnh"


def test_heading_owner_keeps_its_state_qualifier() -> None:
    assert heading_owner("UBND các xã, phường có làng nghề truyền thống:") == (
        "UBND các xã, phường có làng nghề truyền thống")
    assert heading_owner("Sở Tài chính có trách nhiệm:") == "Sở Tài chính"


def test_bracketed_members_after_a_qualifier_year_stay_in_the_owner() -> None:
    a = attribute("Các xã đăng ký đạt chuẩn nông thôn mới kiểu mẫu năm 2026 (Tân An, Hòa Lạc) "
                  "xây dựng kế hoạch chi tiết trước ngày 15/3/2026.")
    assert a.owner == "Các xã đăng ký đạt chuẩn nông thôn mới kiểu mẫu năm 2026 (Tân An, Hòa Lạc)"


def test_period_after_the_report_is_recurring() -> None:
    dl = parse_deadline("Phòng Nội vụ theo dõi, tổng hợp, báo cáo UBND huyện định kỳ 6 tháng./.",
                        2025)
    assert dl is not None and dl.kind == "recurring" and dl.text == "định kỳ 6 tháng"
    assert parse_deadline("Kiểm tra vệ sinh các chợ định kỳ hằng tháng.", 2025) is None
    dated = parse_deadline("Báo cáo UBND huyện trước ngày 20/5/2025.", 2025)
    assert dated is not None and dated.date == dt.date(2025, 5, 20)


def test_next_year_is_no_misread_year_and_an_impossible_year_is_the_documents() -> None:
    from vanban.extract.api import mend_deadline_years
    from vanban.models.records import Task

    lines = flatten([PageText(1, "ocr", "Hoàn thành trong quý I năm 2026.")])
    lines = [dataclasses.replace(ln, ocr=True) for ln in lines]
    t = Task(kind="directive", text="x", page_no=1, line_no=1, deadline=dt.date(2026, 3, 31),
             deadline_text="trong quý I năm 2026", deadline_kind="quarter", deadline_valid=True)
    assert mend_deadline_years(lines, [t], 2025)[0].deadline == dt.date(2026, 3, 31)
    dl = parse_deadline("gửi về Phòng Nội vụ trước ngày 20/5/2924.", 2024)
    assert dl is not None and dl.date == dt.date(2024, 5, 20)


def test_probe_names_that_hold_verb_syllables() -> None:
    # a folded OCR-tolerant verb ("đăng ký") never runs into a capitalised word
    assert agency_phrase("Trường Cao đẳng Kỹ thuật tỉnh mở lớp đào tạo nghề.") == (
        "Trường Cao đẳng Kỹ thuật tỉnh")
    assert agency_phrase("Ban Quản lý dự án các công trình thủy lợi tỉnh đẩy nhanh tiến độ.") == (
        "Ban Quản lý dự án các công trình thủy lợi tỉnh")
    assert agency_phrase("Trung tâm Giáo dục thường xuyên huyện mở lớp.") == (
        "Trung tâm Giáo dục thường xuyên huyện")
    # an agency's verb at the end of the sentence stays a verb
    assert agency_phrase("Sở Tư pháp thẩm định.") == "Sở Tư pháp"


def test_agency_of_a_plural_names_its_members_after_a_colon() -> None:
    a = attribute("UBND các xã: Đông Lâm, Tây Hòa chỉ đạo các thôn hoàn thiện hồ sơ.")
    assert a.owner == "UBND các xã: Đông Lâm, Tây Hòa"


def test_lower_case_giao_opening_a_clause_names_the_owner() -> None:
    a = attribute("Rà soát danh mục dự án, trình UBND huyện trước ngày 12/10/2025; giao Phòng "
                  "Quản lý đô thị thực hiện.")
    assert a.owner == "Phòng Quản lý đô thị"
    assert attribute("Làm đường giao thông nông thôn năm 2026.").owner is None


def test_a_cell_naming_both_roles_gives_owner_and_collaborators() -> None:
    tasks = _table(
        "TT\tNội dung\tĐơn vị thực hiện\tThời gian",
        "1\tRà soát\tPhòng Nội vụ chủ trì, Văn phòng UBND huyện phối hợp\tTháng 10/2025",
        "2\tTuyên truyền\tĐài Truyền thanh huyện (chủ trì); UBND các xã (phối hợp)\tQuý IV/2025",
        "3\tKiểm tra\t- Phòng Kinh tế; - Phòng Tài chính\tQuý IV/2025",
    )
    assert [(t.owner, t.collaborators) for t in tasks] == [
        ("Phòng Nội vụ", ("Văn phòng UBND huyện",)),
        ("Đài Truyền thanh huyện", ("UBND các xã",)),
        ("Phòng Kinh tế; Phòng Tài chính", ()),
    ]


def test_two_months_each_with_its_word_end_with_the_last() -> None:
    dl = parse_deadline("hoàn thành trong tháng 10 và tháng 11 năm 2026", 2026)
    assert dl is not None and dl.kind == "month" and dl.date == dt.date(2026, 11, 30)


def test_a_heading_naming_its_members_owns_its_items() -> None:
    from vanban.extract.api import extract_document

    text = ("THÔNG BÁO\nKết luận\n\n1. Các đơn vị: Trạm Khuyến nông, Hạt Kiểm lâm:\n"
            "- Hỗ trợ các xã xây dựng mô hình trong năm 2026.\n")
    tasks = [t for t in extract_document([PageText(1, "plain_text", text)]).tasks
             if t.kind == "directive"]
    assert [t.owner for t in tasks] == ["Các đơn vị: Trạm Khuyến nông, Hạt Kiểm lâm"]


def test_probe_community_teams_merged_units_and_capitalised_compounds() -> None:
    assert attribute("Các Tổ công tác cộng đồng thôn, bản chủ động tuyên truyền.").owner == (
        "Các Tổ công tác cộng đồng thôn, bản")
    assert attribute("Ủy ban nhân dân cấp xã sau sắp xếp chủ động bố trí nguồn lực.").owner == (
        "Ủy ban nhân dân cấp xã sau sắp xếp")
    a = attribute("Phòng Tài nguyên chủ trì, phối hợp với Chi nhánh Văn phòng Đăng ký đất đai "
                  "huyện hoàn thành cấp giấy chứng nhận.")
    assert a.collaborators == ("Chi nhánh Văn phòng Đăng ký đất đai huyện",)


def test_ocr_spacing_inside_owners_is_tidied() -> None:
    a = attribute("UBND xã Đông Lâm , UBND xã Tây Hòa hoàn thành trước ngày 30/11/2025.")
    assert a.owner == "UBND xã Đông Lâm, UBND xã Tây Hòa"
    a = attribute("Phòng Tài chính- Kế hoạch chủ trì, phối hợp với Phòng Y tế tham mưu.")
    assert (a.owner, a.collaborators) == ("Phòng Tài chính - Kế hoạch", ("Phòng Y tế",))
    assert attribute("Phòng PC-03 Công an tỉnh kiểm tra.").owner == "Phòng PC-03 Công an tỉnh"


def _items(body: str) -> list:
    from vanban.extract.api import extract_document

    text = "THÔNG BÁO\nKết luận\n\n" + body
    return [t for t in extract_document([PageText(1, "plain_text", text)]).tasks
            if t.kind == "directive"]


def test_responsibility_line_under_an_item_names_its_doer() -> None:
    tasks = _items("1. Tổ chức hội nghị sơ kết trước ngày 15/10/2025.\n"
                   "Trách nhiệm thực hiện: Phòng Văn hóa.\n"
                   "2. Kiểm tra tiến độ công trình trong tháng 11/2025.\n"
                   "- Đơn vị chủ trì: Ban Quản lý dự án xã.\n"
                   "- Đơn vị phối hợp: Phòng Kinh tế.\n"
                   "3. Hoàn thiện hồ sơ trước ngày 30/11/2025 (giao Trung tâm Dịch vụ xã).\n")
    assert [(t.owner, t.deadline) for t in tasks] == [
        ("Phòng Văn hóa", dt.date(2025, 10, 15)),
        ("Ban Quản lý dự án xã", dt.date(2025, 11, 30)),
        ("Trung tâm Dịch vụ xã", dt.date(2025, 11, 30)),
    ]


def test_closing_bracket_of_agencies_after_the_time_limit_names_the_doers() -> None:
    a = attribute("Cập nhật hộ nghèo, hoàn thành trước ngày 15/12/2025 (Phòng Văn hóa - Xã hội).")
    assert a.owner == "Phòng Văn hóa - Xã hội"
    a = attribute("Giải ngân 100% kế hoạch vốn trước ngày 31/01/2026 (Ban Quản lý dự án, Phòng "
                  "Kinh tế).")
    assert a.owner == "Ban Quản lý dự án, Phòng Kinh tế"
    # a bracket explaining a noun names no doer
    assert attribute("Báo cáo về cơ quan thường trực (Sở Tài chính).").owner is None


def test_run_on_joint_subject_in_prose_is_two_agencies() -> None:
    a = attribute("Phòng Kinh tế và PTNT Văn phòng Điều phối NTM huyện tham mưu UBND huyện.")
    assert a.owner == "Phòng Kinh tế và PTNT, Văn phòng Điều phối NTM huyện"


def test_numbered_meeting_descriptors_are_no_tasks() -> None:
    tasks = _items("1. Thời gian: 08 giờ 00, ngày 12/11/2025.\n"
                   "2. Địa điểm: Hội trường UBND xã.\n"
                   "3. Thành phần: Lãnh đạo UBND xã; Trưởng các thôn.\n"
                   "4. Chuẩn bị:\n"
                   "- Phòng Kinh tế chuẩn bị báo cáo, gửi Văn phòng trước ngày 10/11/2025.\n")
    assert [(t.owner, t.deadline) for t in tasks] == [("Phòng Kinh tế", dt.date(2025, 11, 10))]


def test_yeu_cau_with_an_agency_is_a_request_not_the_requirements_heading() -> None:
    tasks = _items("1. Phòng Nội vụ tham mưu trước ngày 10/11/2025.\n"
                   "2. Yêu cầu UBND xã Đông Lâm khắc phục tiêu chí, hoàn thành trong quý I/2026.\n")
    assert [(t.owner, t.section) for t in tasks] == [("Phòng Nội vụ", "1"),
                                                     ("UBND xã Đông Lâm", "2")]
    # the exhortation to carry the document out stays no task, even with a date
    tasks = _items("1. Phòng Nội vụ tham mưu trước ngày 10/11/2025.\n"
                   "2. Yêu cầu Thủ trưởng các cơ quan, đơn vị nghiêm túc triển khai thực hiện "
                   "trước ngày 31/10/2025.\n")
    assert [t.owner for t in tasks] == ["Phòng Nội vụ"]


def test_a_later_sentence_of_the_item_names_the_doer() -> None:
    a = attribute("Thống nhất tổ chức hội nghị tổng kết vào tháng 12/2025. Văn phòng UBND xã "
                  "chuẩn bị nội dung, tài liệu.")
    assert a.owner == "Văn phòng UBND xã"


def test_a_span_of_periods_in_a_time_cell_ends_with_the_second() -> None:
    from vanban.extract.plan_table import deadline_cell

    for cell, kind, end in (("Quý IV/2026 - Quý I/2027", "quarter", dt.date(2027, 3, 31)),
                            ("Năm 2026 - 2027", "year", dt.date(2027, 12, 31)),
                            ("Tháng 11/2026 - tháng 2/2027", "month", dt.date(2027, 2, 28))):
        dl = deadline_cell(cell, 2026)
        assert dl is not None and (dl.kind, dl.date, dl.text) == (kind, end, cell)
    dl = deadline_cell("Từ 01/10/2026 đến 30/11/2026", 2026)
    assert dl is not None and dl.date == dt.date(2026, 11, 30)


def test_a_year_span_in_prose_ends_with_the_second_year() -> None:
    dl = parse_deadline("triển khai trong năm 2026 - 2027", 2026)
    assert dl is not None and dl.kind == "year" and dl.date == dt.date(2027, 12, 31)


def test_dich_vu_tong_hop_is_a_noun() -> None:
    a = attribute("Hợp tác xã Nông nghiệp dịch vụ tổng hợp Đông Lâm mở rộng liên kết.")
    assert a.owner == "Hợp tác xã Nông nghiệp dịch vụ tổng hợp Đông Lâm"


def test_an_item_whose_first_line_is_only_an_agency_owns_the_next_line() -> None:
    tasks = _items("1. Phòng Tài chính - Kế hoạch\n"
                   "Tham mưu bố trí kinh phí thực hiện trong dự toán năm 2026.\n"
                   "2. Đề nghị Ủy ban MTTQ Việt Nam xã và các tổ chức chính trị - xã hội xã\n"
                   "Vận động hội viên tham gia thực hiện các tiêu chí.\n")
    assert [(t.owner, t.text) for t in tasks] == [
        ("Phòng Tài chính - Kế hoạch",
         "Tham mưu bố trí kinh phí thực hiện trong dự toán năm 2026."),
        ("Ủy ban MTTQ Việt Nam xã và các tổ chức chính trị - xã hội xã",
         "Vận động hội viên tham gia thực hiện các tiêu chí."),
    ]


def test_a_heading_wrapped_inside_a_name_stays_one_heading() -> None:
    tasks = _items("1. Sở Tài chính, Sở Công Thương và Sở\nKhoa học và Công nghệ:\n"
                   "- Rà soát hợp tác xã trước ngày 30/11/2025.\n")
    assert [t.owner for t in tasks] == ["Sở Tài chính, Sở Công Thương và Sở Khoa học và Công nghệ"]
