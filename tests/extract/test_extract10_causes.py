"""Causes shown by the pseudo-blind run of n103-n108 (issue 11), each on invented text."""

from vanban.models.records import PageText


def _tasks(text: str) -> list:
    from vanban.extract.api import extract_document

    return [t for t in extract_document([PageText(1, "plain_text", text)]).tasks
            if t.kind == "directive"]


def test_a_reply_point_gives_one_task_per_assignment_not_the_speakers_stance() -> None:
    tasks = _tasks(
        "THÔNG BÁO\nÝ kiến về đề nghị của xã\n\n"
        "1. Về đề nghị hỗ trợ xi măng làm đường thôn Bến Cát: UBND huyện đồng ý hỗ trợ theo "
        "cơ chế hiện hành. Giao Phòng Kinh tế thẩm định khối lượng, trình UBND huyện trước ngày "
        "12/10/2026. UBND xã Bến Cát lập danh sách hộ tham gia, gửi Phòng Kinh tế trước ngày "
        "05/10/2026.\n"
        "2. Về đề nghị bổ sung cán bộ: việc này không thuộc thẩm quyền của huyện. Trong khi chờ, "
        "đề nghị UBND xã Bến Cát phân công 01 công chức theo dõi, báo cáo trước ngày 10 hằng "
        "tháng.\n")
    got = [(t.owner, t.deadline_text, t.section) for t in tasks]
    assert got == [("Phòng Kinh tế", "trước ngày 12/10/2026", "1"),
                   ("UBND xã Bến Cát", "trước ngày 05/10/2026", "1"),
                   ("UBND xã Bến Cát", "trước ngày 10 hằng tháng", "2")]
    assert tasks[0].text.startswith("Giao Phòng Kinh tế")
    assert tasks[2].text.startswith("Trong khi chờ, đề nghị")


def test_a_topic_item_that_is_all_assignment_stays_one_task() -> None:
    tasks = _tasks("KẾ HOẠCH\nA\n\n1. Về việc kiểm tra: Giao Phòng Kinh tế kiểm tra các "
                   "tuyến đường, hoàn thành trước ngày 12/10/2026.\n")
    assert len(tasks) == 1 and tasks[0].text.startswith("Về việc kiểm tra")


def test_request_after_a_lead_in_clause_names_its_doer() -> None:
    from vanban.extract.owners import attribute

    s = "Trong thời gian tới, đề nghị Hội Nông dân xã vận động hội viên tham gia."
    assert attribute(s).owner == "Hội Nông dân xã"


def test_invitation_without_numbered_items_keeps_its_preparation_duty() -> None:
    tasks = _tasks(
        "GIẤY MỜI\nDự hội nghị tổng kết\n\n"
        "UBND xã Bến Cát trân trọng kính mời:\n"
        "- Bí thư chi bộ các thôn;\n- Trưởng các đoàn thể xã.\n"
        "Thời gian: 8 giờ 00, ngày 20/10/2026.\n"
        "Địa điểm: Hội trường xã.\n\n"
        "Giao Văn phòng UBND xã chuẩn bị tài liệu, hoàn thành trước ngày 18/10/2026.\n\n"
        "Đề nghị các đại biểu đến dự đúng giờ./.\n")
    assert [(t.owner, t.deadline_text, t.section) for t in tasks] == [
        ("Văn phòng UBND xã", "trước ngày 18/10/2026", None)]


def test_a_reply_point_whose_heading_stands_alone_reads_its_prose_the_same() -> None:
    tasks = _tasks(
        "THÔNG BÁO\nÝ kiến về đề nghị của xã\n\n"
        "1. Về đề nghị hỗ trợ xi măng làm đường thôn Bến Cát:\n"
        "UBND huyện đồng ý hỗ trợ theo cơ chế hiện hành. Giao Phòng Kinh tế thẩm định khối "
        "lượng, trình UBND huyện trước ngày 12/10/2026.\n"
        "2. Về đề nghị bổ sung cán bộ: Giao Phòng Nội vụ xem xét, trả lời xã.\n")
    assert [(t.owner, t.section) for t in tasks] == [("Phòng Kinh tế", "1"),
                                                     ("Phòng Nội vụ", "2")]
    assert tasks[0].text.startswith("Giao Phòng Kinh tế")


def test_sub_items_run_on_in_one_paragraph_are_one_task_each() -> None:
    tasks = _tasks("CHỈ THỊ\nA\n\n1. Phòng Tài chính: a) Tham mưu bố trí kinh phí trước ngày "
                   "10/5/2026; b) Hướng dẫn các xã quyết toán vốn.\n")
    assert [(t.section, t.owner, t.deadline_text) for t in tasks] == [
        ("1.a", "Phòng Tài chính", "trước ngày 10/5/2026"), ("1.b", "Phòng Tài chính", None)]
    assert tasks[1].text.startswith("Hướng dẫn")


def test_invitation_request_with_a_time_limit_is_a_task_a_courtesy_request_is_not() -> None:
    tasks = _tasks(
        "GIẤY MỜI\nDự họp\n\nUBND xã Bến Cát trân trọng kính mời:\n- Trưởng các thôn.\n"
        "Thời gian: 8 giờ 00, ngày 20/10/2026.\n"
        "Đề nghị Phòng Kinh tế chuẩn bị báo cáo, gửi Văn phòng trước ngày 18/10/2026.\n"
        "Phân công chuẩn bị:\n- Trạm Y tế xã chuẩn bị số liệu, gửi trước ngày 17/10/2026;\n"
        "- Văn phòng chuẩn bị hội trường.\n"
        "Đề nghị các đại biểu đến dự đúng giờ./.\n")
    assert [(t.owner, t.deadline_text) for t in tasks] == [
        ("Phòng Kinh tế", "trước ngày 18/10/2026"), ("Trạm Y tế xã", "trước ngày 17/10/2026")]


def test_summons_attendance_list_under_any_label_is_no_task() -> None:
    tasks = _tasks("THÔNG BÁO\nTriệu tập tập huấn\n\n1. Thành phần triệu tập:\n"
                   "- Đồng chí Lê Văn Tư, chuyên viên Phòng Kinh tế;\n"
                   "- Công chức địa chính - xây dựng các xã.\n"
                   "2. Địa điểm: Hội trường huyện.\n"
                   "3. Giao Phòng Nội vụ chuẩn bị tài liệu trước ngày 10/3/2026.\n")
    assert [t.owner for t in tasks] == ["Phòng Nội vụ"]


def test_half_year_written_with_a_leading_zero() -> None:
    from vanban.extract.deadlines import parse_deadline

    d = parse_deadline("Hoàn thành trong 06 tháng cuối năm 2026.", 2026)
    assert d is not None and (d.kind, str(d.date)) == ("half_year", "2026-12-31")
    d = parse_deadline("Báo cáo kết quả 06 tháng đầu năm 2026 trước ngày 15/7/2026.", 2026)
    assert d is not None and d.text == "trước ngày 15/7/2026"


def test_social_insurance_and_heads_of_bodies_are_owners() -> None:
    from vanban.extract.owners import attribute

    assert attribute("Bảo hiểm xã hội huyện rà soát người tham gia, báo cáo trước ngày "
                     "10/5/2026.").owner == "Bảo hiểm xã hội huyện"
    assert attribute("Người đứng đầu các cơ quan, đơn vị chủ động rà soát nhiệm vụ."
                     ).owner == "Người đứng đầu các cơ quan, đơn vị"


def test_an_assessment_point_in_the_past_is_no_task() -> None:
    tasks = _tasks("THÔNG BÁO\nKết luận\n\n"
                   "1. Năm 2025, xã đã hoàn thành 10/10 chỉ tiêu; Phòng Kinh tế đã tham mưu tốt.\n"
                   "2. Phòng Kinh tế đã hoàn thành việc rà soát hồ sơ.\n"
                   "3. Các xã đã đạt chuẩn rà soát lại các tiêu chí.\n"
                   "4. Phòng Kinh tế rà soát hồ sơ, xong trước ngày 15/3/2026.\n")
    assert [t.section for t in tasks] == ["3", "4"]


def test_items_under_an_intro_asking_a_joint_subject_belong_to_all_of_it() -> None:
    tasks = _tasks("CHỈ THỊ\nVề phòng cháy\n\nChủ tịch UBND huyện yêu cầu Thủ trưởng các cơ "
                   "quan, đơn vị, Chủ tịch UBND các xã thực hiện tốt các nội dung sau:\n"
                   "1. Tăng cường tuyên truyền về phòng cháy, chữa cháy rừng.\n")
    assert tasks[0].owner == "Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã"


def test_partner_named_by_a_heading_works_on_its_items() -> None:
    tasks = _tasks("CHỈ THỊ\nA\n\n2. Phòng Tài nguyên chủ trì, phối hợp với Công an huyện:\n"
                   "a) Kiểm tra các điểm tập kết rác thải.\n"
                   "b) Phối hợp với Trạm Y tế kiểm tra nước sạch.\n"
                   "3. Phòng Nội vụ:\na) Kiện toàn tổ giúp việc.\n")
    assert [t.collaborators for t in tasks] == [("Công an huyện",), ("Trạm Y tế",), ()]


def test_a_reply_point_read_with_wrong_marks_is_still_a_reply_point() -> None:
    tasks = _tasks("THÔNG BÁO\nÝ kiến\n\n1. Vê đê nghị hỗ trợ xi măng: UBND huyện đồng ý hỗ trợ. "
                   "Giao Phòng Kinh tế thẩm định, trình trước ngày 12/10/2026.\n")
    assert [(t.owner, t.text[:4]) for t in tasks] == [("Phòng Kinh tế", "Giao")]


def test_a_report_results_heading_naming_the_work_holds_no_tasks() -> None:
    tasks = _tasks("BÁO CÁO\nKết quả\n\n"
                   "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ 6 THÁNG ĐẦU NĂM 2026\n"
                   "1. Phòng Kinh tế hoàn thành 10 km đường trước ngày 30/5/2026.\n"
                   "II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026\n"
                   "1. Phòng Tài chính giải ngân vốn trước ngày 31/12/2026.\n")
    assert [t.section for t in tasks] == ["II.1"]


def test_a_report_heading_with_results_and_coming_work_holds_tasks() -> None:
    from vanban.extract import vocab

    assert vocab.is_report_work_heading(
        "KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2026 VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027")
    assert not vocab.is_report_work_heading("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ")


def test_the_agency_a_speaker_hands_the_work_to_owns_it() -> None:
    from vanban.extract.owners import attribute

    assert attribute("Chủ tịch UBND huyện giao Phòng Nội vụ kiện toàn tổ giúp việc trước "
                     "ngày 10/5/2026.").owner == "Phòng Nội vụ"
    assert attribute("UBND huyện đề nghị UBND các xã, thị trấn rà soát hồ sơ.").owner == (
        "UBND các xã, thị trấn")
    assert attribute("Công an huyện chỉ đạo Công an các xã giữ vững an ninh.").owner == (
        "Công an huyện")


def test_owner_after_a_time_or_topic_lead_or_in_a_for_head() -> None:
    from vanban.extract.owners import attribute

    assert attribute("Đến hết tháng 9/2026, UBND xã Tân An phải hoàn thành tiêu chí giao "
                     "thông.").owner == "UBND xã Tân An"
    assert attribute("Đối với xã Tân An: tập trung hoàn thiện tiêu chí giao thông.").owner == (
        "xã Tân An")
    assert attribute("Đối với các công trình chuyển tiếp: Phòng Kinh tế đôn đốc nhà thầu."
                     ).owner == "Phòng Kinh tế"


def test_a_period_dating_an_event_is_not_the_deadline_when_a_time_limit_follows() -> None:
    from vanban.extract.deadlines import parse_deadline, split_actions

    s = "Phòng X chuẩn bị nội dung cho kỳ họp HĐND huyện cuối năm 2026, gửi trước ngày 20/11/2026."
    d = parse_deadline(s, 2026)
    assert d is not None and d.text == "trước ngày 20/11/2026"
    assert split_actions(s, 2026) == [s]
    d = parse_deadline("Phòng X tổ chức hội nghị tổng kết cuối năm 2026.", 2026)
    assert d is not None and d.text == "cuối năm 2026"


def test_a_heading_naming_an_agencys_duties_owns_its_items() -> None:
    tasks = _tasks("KẾ HOẠCH\nA\n\nIV. TỔ CHỨC THỰC HIỆN\n1. Trách nhiệm của Phòng Kinh tế\n"
                   "- Hướng dẫn các xã rà soát hồ sơ trước ngày 10/5/2026.\n"
                   "2. Nhiệm vụ của UBND các xã, thị trấn\n- Cập nhật số liệu hằng tháng.\n")
    assert [t.owner for t in tasks] == ["Phòng Kinh tế", "UBND các xã, thị trấn"]


def test_a_topic_point_is_owned_by_its_assignment_not_by_the_assessment_before_it() -> None:
    tasks = _tasks("THÔNG BÁO\nKết luận\n\n1. Về công tác giải ngân: UBND các xã còn chậm. Giao "
                   "Phòng Tài chính đôn đốc các chủ đầu tư, xong trước ngày 10/12/2026.\n")
    assert [(t.owner, t.text[:7]) for t in tasks] == [("Phòng Tài chính", "Về công")]
    tasks = _tasks("THÔNG BÁO\nKết luận\n\n1. Về công tác giải ngân\nUBND các xã còn chậm. Giao "
                   "Phòng Tài chính đôn đốc các chủ đầu tư, xong trước ngày 10/12/2026.\n")
    assert [t.owner for t in tasks] == ["Phòng Tài chính"]


def test_a_paragraph_after_a_filled_descriptor_item_closes_the_document() -> None:
    tasks = _tasks("GIẤY MỜI\nHọp\n\nUBND xã trân trọng kính mời:\n1. Thành phần:\n"
                   "- Các thành viên Ban Chỉ đạo xã.\n2. Thời gian: 08 giờ 00, ngày 10/3/2026.\n"
                   "3. Nội dung: Sơ kết quý I năm 2026.\n\n"
                   "Đề nghị Phòng Kinh tế chuẩn bị báo cáo, gửi trước ngày 08/3/2026./.\n")
    assert [(t.owner, t.section) for t in tasks] == [("Phòng Kinh tế", None)]
