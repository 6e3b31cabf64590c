"""Issue 11, remaining part (branch extract2): each mechanism on a small input of its own."""

from vanban.extract.schedule import read_header


def test_bare_chu_tri_column_is_leaders_when_a_unit_column_exists() -> None:
    cols = read_header(["THỨ, NGÀY", "THỜI GIAN", "NỘI DUNG", "ĐỊA ĐIỂM", "CHỦ TRÌ",
                        "ĐƠN VỊ CHUẨN BỊ"])
    assert cols is not None and (cols.leaders, cols.owner) == (4, 5)
    alone = read_header(["NGÀY", "NỘI DUNG", "CHỦ TRÌ"])
    assert alone is not None and (alone.owner, alone.leaders) == (2, None)


def _meta_of(text: str):  # type: ignore[no-untyped-def]
    from vanban.extract import extract_document
    from vanban.models.records import PageText

    return extract_document([PageText(1, "text_layer", text)]).meta


def test_header_columns_joined_on_one_line_are_split() -> None:
    # A text layer / OCR line crosses both header columns (issuer | motto, number | date).
    m = _meta_of("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ BA\n"
                 "Số: 12/KH-UBND Độc lập - Tự do - Hạnh phúc\nBa, ngày 3 tháng 4 năm 2022\n"
                 "KẾ HOẠCH\nTrồng cây\n")
    assert (m.issuer, m.number, m.place) == ("ỦY BAN NHÂN DÂN XÃ BA", "12/KH-UBND", "Ba")
    m = _meta_of("SỞ X CỘNG HOA XA HOI CHU NGHIA VIET NAM\nPHÒNG Y\nĐộc lập - Tự do - Hạnh phúc\n"
                 "Số: 5/TB-PY Hòa Bình, ngày 9 tháng 1 năm 2021\nTHÔNG BÁO\nLịch họp\n")
    assert (m.issuer, m.number, m.place) == ("SỞ X PHÒNG Y", "5/TB-PY", "Hòa Bình")
    assert m.issue_date is not None and m.issue_date.isoformat() == "2021-01-09"
    # An all-capital issuer word before the place stays with the issuer.
    m = _meta_of("UBND TỈNH A\nBAN CHỈ ĐẠO CÁC CHƯƠNG\nTRÌNH MTQG Kiên Lương, ngày 2 tháng 3 năm"
                 " 2024\nSố: 7/TB-BCĐ\nTHÔNG BÁO\nKết luận\n")
    assert m.place == "Kiên Lương" and m.issuer == "UBND TỈNH A BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MTQG"


def _tasks_of(text: str):  # type: ignore[no-untyped-def]
    from vanban.extract import extract_document
    from vanban.models.records import PageText

    return extract_document([PageText(1, "plain_text", text)]).tasks


_HEAD = ("ỦY BAN NHÂN DÂN\nHUYỆN A\n\nSố: 9/{code}-UBND\n\nA, ngày 2 tháng 3 năm 2023\n\n"
         "{kind}\n{title}\n\n")


def test_closing_paragraph_assignment_after_an_exhortation_and_before_the_closing_formula() -> None:
    body = ("1. Phòng Nông nghiệp và PTNT hướng dẫn các xã lập hồ sơ trước ngày 30/6/2023.\n\n"
            "Yêu cầu Thủ trưởng các cơ quan và Chủ tịch UBND các xã nghiêm túc thực hiện. "
            "Giao Văn phòng HĐND và UBND huyện theo dõi, đôn đốc, báo cáo kết quả trước ngày "
            "15/11/2023./.\n\nNơi nhận:\n- Như trên;\n")
    tasks = _tasks_of(_HEAD.format(code="KH", kind="KẾ HOẠCH", title="Thực hiện") + body)
    last = tasks[-1]
    assert len(tasks) == 2 and last.owner == "Văn phòng HĐND và UBND huyện"
    assert last.section is None and last.text.startswith("Giao Văn phòng")
    assert last.deadline is not None and last.deadline.isoformat() == "2023-11-15"
    body = ("1. Các xã rà soát tiêu chí.\n\nVăn phòng Điều phối NTM huyện có trách nhiệm theo "
            "dõi, tổng hợp, báo cáo UBND huyện trước ngày 10/12/2023./.\n\nNơi nhận:\n")
    tasks = _tasks_of(_HEAD.format(code="KH", kind="KẾ HOẠCH", title="Thực hiện") + body)
    assert [t.owner for t in tasks] == ["Các xã", "Văn phòng Điều phối NTM huyện"]
    # An exhortation alone, and a closing formula, are no tasks.
    body = ("1. Các xã rà soát tiêu chí.\n\nChủ tịch UBND huyện yêu cầu Thủ trưởng các cơ quan "
            "nghiêm túc triển khai thực hiện./.\n\nNơi nhận:\n")
    assert len(_tasks_of(_HEAD.format(code="KH", kind="KẾ HOẠCH", title="Thực hiện") + body)) == 1


def test_decision_articles_and_a_submission_request_are_no_tasks() -> None:
    qd = ("Điều 1. Thành lập Tổ công tác gồm các ông, bà có tên sau:\n1. Ông A - Tổ trưởng;\n\n"
          "Điều 2. Tổ công tác có nhiệm vụ thẩm định hồ sơ trước ngày 30/10/2023.\n\n"
          "Điều 3. Chánh Văn phòng, Trưởng phòng Nông nghiệp chịu trách nhiệm thi hành.\n")
    assert _tasks_of(_HEAD.format(code="QĐ", kind="QUYẾT ĐỊNH", title="Về việc X") + qd) == ()
    tt = ("I. SỰ CẦN THIẾT\n\nNăm 2023 huyện được phân bổ vốn.\n\nII. NỘI DUNG ĐỀ NGHỊ\n\n"
          "Phòng Nông nghiệp và PTNT kính trình UBND huyện xem xét, phê duyệt danh mục.\n\n"
          "III. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Tài chính - Kế hoạch thẩm định dự toán trong "
          "tháng 9/2023.\n\nKính trình UBND huyện xem xét, phê duyệt./.\n")
    tasks = _tasks_of(_HEAD.format(code="TTr", kind="TỜ TRÌNH", title="Về việc Y") + tt)
    assert [t.owner for t in tasks] == ["Phòng Tài chính - Kế hoạch"]


def test_owner_phrases_run_through_a_relative_clause_and_a_named_list() -> None:
    from vanban.extract.owners import attribute

    def owner(t: str) -> str | None:
        return attribute(t).owner

    assert owner("Các huyện đăng ký đạt chuẩn nông thôn mới năm 2021 rà soát, bổ sung hồ sơ "
                 "trước ngày 30/6/2021.") == "Các huyện đăng ký đạt chuẩn nông thôn mới năm 2021"
    assert owner("Các cơ quan chủ trì chủ động bố trí nguồn lực.") == "Các cơ quan chủ trì"
    assert owner("Các xã chủ động triển khai thực hiện.") == "Các xã"  # no clause: the verb
    assert owner("Các xã triển khai trong năm 2023 các nội dung.") == "Các xã"
    assert owner("Các phòng: Kinh tế và Hạ tầng, Tài nguyên và Môi trường, Y tế hướng dẫn các "
                 "xã.") == "Các phòng: Kinh tế và Hạ tầng, Tài nguyên và Môi trường, Y tế"
    assert owner("UBND các huyện Giồng Lâm, Vĩnh Hòa Tây đẩy nhanh tiến độ.") == (
        "UBND các huyện Giồng Lâm, Vĩnh Hòa Tây")


def test_footer_columns_and_recipients_fixed_elements() -> None:
    from vanban.extract import vocab

    text = ("ỦY BAN NHÂN DÂN\nHUYỆN A\nSố: 9/TB-UBND\nA, ngày 2 tháng 3 năm 2023\nTHÔNG BÁO\n"
            "Kết luận\n\n1. Các xã rà soát tiêu chí.\n\nNơi nhận:\nTL. CHỦ TỊCH\n"
            "- TT Huyện ủy (b/c); CHÁNH VĂN PHÒNG\n- CT, các PCT UBND huyện;\n"
            "- Các cơ quan có tên tại mục 2; Nguyễn Thị Thu Hằng\n- UBND các xã Đồng Lạc,\n"
            "Hương Cần;\n- Lưu: VT.\n")
    m = _meta_of(text)
    assert m.recipients == ("TT Huyện ủy (b/c)", "CT, các PCT UBND huyện",
                            "Các cơ quan có tên tại mục 2", "UBND các xã Đồng Lạc, Hương Cần",
                            "Lưu: VT")
    assert (m.signer, m.signer_authority) == ("Nguyễn Thị Thu Hằng", "TL.")
    assert vocab.mend_recipient("Lưu: VŨ NN") == "Lưu: VT, NN"
    assert vocab.mend_recipient("Lưu: VL") == "Lưu: VT"
    assert vocab.mend_recipient("CT; các PCT UBND huyện (b/C)") == "CT, các PCT UBND huyện (b/c)"
    assert vocab.mend_recipient("Văn phòng Điều phối") == "Văn phòng Điều phối"


def test_titles_end_without_blank_lines_as_in_a_text_layer() -> None:
    head = ("ỦY BAN NHÂN DÂN\nHUYỆN A\nSố: 3/{c}-UBND\nA, ngày 12 tháng 02 năm 2024\n")
    m = _meta_of(head.format(c="CT") + "CHỈ THỊ\nVề việc tăng cường công tác bảo vệ môi trường "
                 "trong xây dựng nông\nthôn mới trên địa bàn huyện\nNhững năm qua, công tác "
                 "bảo vệ môi trường\nđã có chuyển biến.\n1. Các xã thu gom rác.\n")
    assert m.title == ("Về việc tăng cường công tác bảo vệ môi trường trong xây dựng nông thôn "
                       "mới trên địa bàn huyện")
    m = _meta_of(head.format(c="QĐ") + "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác thẩm định hồ "
                 "sơ năm 2024\nCHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN A\nCăn cứ Luật Tổ chức chính "
                 "quyền địa phương;\n")
    assert m.title == "Về việc thành lập Tổ công tác thẩm định hồ sơ năm 2024"
    m = _meta_of("UBND HUYỆN A\nSố: 76/UBND-NN\nV/v chuẩn bị nội dung làm việc với Đoàn kiểm tra "
                 "của Ban Chỉ đạo Tân Ân, ngày 3 tháng 6 năm 2024\nTrung ương\nKính gửi: Các xã\n")
    assert m.title == "chuẩn bị nội dung làm việc với Đoàn kiểm tra của Ban Chỉ đạo Trung ương"
    assert m.place == "Tân Ân"


def test_a_date_inside_the_owner_phrase_is_not_the_deadline() -> None:
    body = ("1. Các xã đạt chuẩn nông thôn mới trước năm 2020 rà soát tiêu chí, gửi Văn phòng "
            "Điều phối trước ngày 20 tháng 10.\n\nNơi nhận:\n")
    tasks = _tasks_of(_HEAD.format(code="TB", kind="THÔNG BÁO", title="Kết luận") + body)
    assert tasks[0].owner == "Các xã đạt chuẩn nông thôn mới trước năm 2020"
    assert tasks[0].deadline is not None and tasks[0].deadline.isoformat() == "2023-10-20"


def test_a_schedules_closing_sentence_is_no_row() -> None:
    from vanban.extract.lines import flatten
    from vanban.extract.schedule import parse_schedule
    from vanban.models.records import PageText

    table = ("LỊCH CÔNG TÁC THÁNG 5/2023\n\nNGÀY\tNỘI DUNG\tCHỦ TRÌ\tĐƠN VỊ CHUẨN BỊ\n"
             "Thứ Ba, 02/5/2023\tHọp giao ban\tĐ/c Hà\tVăn phòng\n"
             "Thứ Năm, 04/5/2023\tKiểm tra xã A\tĐ/c Hà\tPhòng Nông nghiệp\n")
    for closing in ("Văn phòng có trách nhiệm thông báo lịch cụ thể đến các thành viên trước "
                    "mỗi cuộc họp.\n",  # one line (typed text)
                    "Văn phòng có trách nhiệm thông báo lịch cụ thể\nđến các thành viên trước "
                    "mỗi cuộc\nhọp.\n"):  # wrapped by OCR, no blank line before it
        rows, _ = parse_schedule(flatten([PageText(1, "ocr", table + closing + "Nơi nhận:\n")]))
        assert [t.text for t in rows] == ["Họp giao ban", "Kiểm tra xã A"]


def test_a_letters_sole_addressee_owns_its_items_that_name_no_doer() -> None:
    head = ("UBND TỈNH A\nSố: 5/UBND-NN\nV/v rà soát tiêu chí\nA Lưới, ngày 2 tháng 8 năm 2023\n"
            "Kính gửi: {to}\n\nĐể tổng hợp, UBND tỉnh đề nghị:\n\n"
            "1. Rà soát, cập nhật dữ liệu trước ngày 30/8/2023.\n\n"
            "2. Sở Tài chính bố trí kinh phí.\n\nNơi nhận:\n")
    tasks = _tasks_of(head.format(to="UBND các huyện, thị xã, thành phố."))
    assert [t.owner for t in tasks] == ["UBND các huyện, thị xã, thành phố", "Sở Tài chính"]
    listed = _tasks_of(head.format(to="\n- UBND huyện B;\n- UBND huyện C."))
    assert [t.owner for t in listed] == [None, "Sở Tài chính"]
    named = _tasks_of(head.replace("UBND tỉnh đề nghị:", "UBND tỉnh đề nghị UBND các xã:")
                      .format(to="UBND các xã Hòa An, Tân Phú."))
    assert [t.owner for t in named] == ["UBND các xã Hòa An, Tân Phú", "Sở Tài chính"]


def test_quarter_numerals_with_any_stroke_misread_and_a_time_before_the_date() -> None:
    from vanban.extract.deadlines import parse_deadline

    for written, day in (("trong quý II1/2024", "2024-09-30"), ("trong quý 1l/2024", "2024-06-30"),
                         ("trong quý HI/2024", "2024-09-30"), ("trong quý 1V/2024", "2024-12-31"),
                         ("trước 16 giờ ngày 07/6/2024", "2024-06-07"),
                         ("trước 16h30, ngày 5/6/2024", "2024-06-05")):
        d = parse_deadline(f"Gửi báo cáo {written}.", 2024)
        assert d is not None and d.date is not None and d.date.isoformat() == day, written


def test_an_as_of_date_is_not_the_deadline() -> None:
    from vanban.extract.deadlines import parse_deadline

    d = parse_deadline("Báo cáo kết quả của từng xã tính đến ngày 31/8/2023, gửi về Văn phòng "
                       "trước ngày 08/9/2023.", 2023)
    assert d is not None and d.date is not None and d.date.isoformat() == "2023-09-08"
    assert parse_deadline("Số liệu tính đến ngày 31/8/2023.", 2023) is None


def test_a_rare_acronym_one_edit_from_a_standard_one_is_mended() -> None:
    from vanban.extract import vocab

    fixes = vocab.acronym_fixes("Văn phòng Điều phối NITM\nPhòng Nông nghiệp và PINT\nVPĐP\n")
    assert fixes == {"NITM": "NTM", "PINT": "PTNT"}
    # A document's own acronym, written often, stays.
    assert vocab.acronym_fixes("NTN NTN NTN") == {}


def test_bracketed_short_weekday_with_t_read_as_one() -> None:
    from vanban.extract.schedule import parse_day_cell

    for cell, weekday in (("04/10 (14)", "Thứ 4"), ("20/10 (l6)", "Thứ 6"),
                          ("04/10 (T14)", "Thứ 4"), ("04/10 (T4)", "Thứ 4")):
        dc = parse_day_cell(cell)
        assert dc is not None and (dc.day, dc.month, dc.weekday) == (
            int(cell[:2]), 10, weekday), cell
    dc = parse_day_cell("14")
    assert dc is not None and dc.weekday is None  # a bare number stays a day


def test_a_header_word_misread_by_one_letter_still_names_its_column() -> None:
    from vanban.extract import vocab

    assert vocab.header_starts("NỘI DƯUNG CÔNG VIỆC", "NỘI DUNG")  # h1 render's OCR
    assert vocab.header_starts("NOI DUNG", "NỘI DUNG")
    assert not vocab.header_starts("NƠI NHẬN", "NỘI DUNG")  # short words match exactly
    assert not vocab.header_starts("ĐỊA ĐIỂM", "NỘI DUNG")


def test_a_short_header_word_misread_inside_a_phrase_still_names_its_column() -> None:
    """A worn photocopy read "NI DUNG CÔNG VIỆC" (dev h1): no content column, no schedule."""
    from vanban.extract import vocab
    from vanban.extract.schedule import read_header

    assert vocab.header_starts("NI DUNG CÔNG VIỆC", "NỘI DUNG", "CÔNG VIỆC")
    assert not vocab.header_starts("NƠI NHẬN", "NỘI DUNG")
    assert not vocab.header_starts("NGÀY THỨ", "NỘI DUNG")
    assert not vocab.header_starts("THỨ", "THỜI GIAN")
    cols = read_header(["NGAY/ THỨ", "NI DUNG CÔNG VIỆC", "ĐỊA ĐIEM", "LANH ĐẠO CHU TRÌ",
                        "ĐƠN VỊ CHUAN BỊ"])
    assert cols is not None and (cols.day, cols.content, cols.leaders, cols.owner) == (0, 1, 3, 4)


def test_a_preparing_column_is_the_unit_however_its_header_starts() -> None:
    from vanban.extract.schedule import read_header

    cols = read_header(["NGÀY", "GIỜ", "NỘI DUNG CÔNG VIỆC", "ĐỊA ĐIỂM", "CHỦ TRÌ",
                        "THÀNH PHẦN CHUẨN BỊ"])
    assert cols is not None and (cols.owner, cols.leaders) == (5, 4)
    cols = read_header(["NGÀY", "NỘI DUNG", "THÀNH PHẦN THAM DỰ", "ĐƠN VỊ CHUẨN BỊ"])
    assert cols is not None and (cols.owner, cols.leaders) == (3, 2)
