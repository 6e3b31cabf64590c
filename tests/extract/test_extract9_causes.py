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


def _meta(text: str):
    from vanban.extract.api import extract_document

    return extract_document([PageText(1, "pdf_text", text)]).meta


def test_year_wrapped_off_the_date_line_is_found_below() -> None:
    meta = _meta("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                 "XÃ HÒA BÌNH TRUNG\nĐộc lập - Tự do - Hạnh phúc\n"
                 "Số: 88/UBND-VP Hòa Bình Trung, ngày 03 tháng 11 năm\n"
                 "V/v rà soát tiêu chí giao thông\nKính gửi:\n- Phòng Kinh tế;\n"
                 "- Các thôn.\n2024\n"
                 "Để hoàn thành tiêu chí, UBND xã đề nghị:\n"
                 "1. Phòng Kinh tế rà soát đường thôn trước ngày 20/11/2024.\n")
    assert meta.place == "Hòa Bình Trung"
    assert str(meta.issue_date) == "2024-11-03"


def test_date_line_without_any_year_gives_no_date() -> None:
    meta = _meta("ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH TRUNG\nSố: 88/UBND-VP\n"
                 "Hòa Bình Trung, ngày 03 tháng 11 năm\nV/v rà soát\n"
                 "1. Phòng Kinh tế rà soát đường thôn trước ngày 20/11/2024.\n")
    assert meta.issue_date is None


def test_joint_heading_naming_a_project_board_owns_its_bullets() -> None:
    from vanban.extract.owners import heading_owner

    h = "Phòng Giao thông và Ban Quản lý dự án đầu tư xây dựng khu vực thị xã:"
    assert heading_owner(h) == (
        "Phòng Giao thông và Ban Quản lý dự án đầu tư xây dựng khu vực thị xã")
    # a heading that is a sentence still gives only its subject
    assert heading_owner("Phòng Giao thông rà soát các dự án trên địa bàn") == "Phòng Giao thông"


def _footer(tail: str, number: str = "Số: 41/UBND-KT", ocr: bool = False):
    from vanban.extract.api import extract_document

    text = ("ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\n" + number + "\nAn Phú, ngày 02 tháng 3 năm 2026\n"
            "KẾ HOẠCH\nRà soát tiêu chí\n1. Phòng Kinh tế rà soát trước ngày 20/3/2026./.\n"
            + tail)
    return extract_document([PageText(1, "ocr" if ocr else "plain_text", text)]).meta


def test_office_of_the_signature_read_into_a_wrapped_recipient_is_cut_off() -> None:
    meta = _footer("Nơi nhận:\nTRƯỞNG BAN\n- Sở Nông nghiệp tỉnh CHỦ TỊCH UBND XÃ\n(b/c);\n"
                   "- Các thôn;\n- Lưu: VT.\nNguyễn Văn Bình")
    assert meta.recipients == ("Sở Nông nghiệp tỉnh (b/c)", "Các thôn", "Lưu: VT")


def test_recipient_whose_dash_was_lost_between_two_items_stays_in_the_list() -> None:
    meta = _footer("Nơi nhận:\n- Thường trực Đảng ủy xã;\n- Chủ tịch, các Phó Chủ tịch UBND\n"
                   "xã;\nHội Nông dân xã;\n- Các thôn;\n- Lưu: VT.\nTL. CHỦ TỊCH\n"
                   "Nguyễn Văn Bình", ocr=True)
    assert meta.recipients == ("Thường trực Đảng ủy xã", "Chủ tịch, các Phó Chủ tịch UBND xã",
                               "Hội Nông dân xã", "Các thôn", "Lưu: VT")


def test_scan_misreadings_of_fixed_recipient_parts() -> None:
    from vanban.extract import vocab

    assert vocab.mend_recipient("Văn phòng UBND tỉnh (h/C)") == "Văn phòng UBND tỉnh (b/c)"
    assert vocab.mend_unit("VPĐP", {"VPĐPNT"}) == "VPĐP"  # a standard acronym is kept
    meta = _footer("Nơi nhận:\n- Các thôn;\n- Lưu: VT, KEE.\nNguyễn Văn Bình", ocr=True)
    assert meta.recipients[-1] == "Lưu: VT, KT"  # the number's drafting unit
    meta = _footer("Nơi nhận:\n- Các thôn;\n- Lưu: VT, KTHT.\nNguyễn Văn Bình", ocr=True)
    assert meta.recipients[-1] == "Lưu: VT, KTHT"


def test_capitals_title_wrapped_onto_a_short_line_keeps_its_last_word() -> None:
    import dataclasses

    from vanban.extract.lines import flatten
    from vanban.extract.metadata import parse_metadata

    text = ("ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG SƠN\nSố: 12/LCT-UBND\nĐông Sơn, ngày 02 tháng 3 năm 2026\n"
            "LỊCH CÔNG TÁC TUẦN\nCỦA CHỦ TỊCH, CÁC PHÓ CHỦ TỊCH UBND HUYỆN ĐÔNG\nSƠN\n"
            "(Từ ngày 02/3/2026 đến ngày 08/3/2026)\n")
    lines = [dataclasses.replace(ln, ocr=True, paragraph_break=ln.text == "SƠN")
             for ln in flatten([PageText(1, "ocr", text)])]
    assert parse_metadata(lines).title == (
        "LỊCH CÔNG TÁC TUẦN CỦA CHỦ TỊCH, CÁC PHÓ CHỦ TỊCH UBND HUYỆN ĐÔNG SƠN")


def test_and_glued_to_a_standard_acronym_in_an_issuer_is_cut() -> None:
    from vanban.extract import vocab

    assert vocab.split_glued_unit_words("VĂN PHÒNG HĐND VÀUBND") == "VĂN PHÒNG HĐND VÀ UBND"
    assert vocab.split_glued_unit_words("HUYỆN VÀNH ĐAI") == "HUYỆN VÀNH ĐAI"


def test_paragraph_ends_after_a_short_ocr_remnant_before_a_closing_sentence() -> None:
    import dataclasses

    from vanban.extract.lines import flatten, paragraphs

    text = ("b) Phòng Văn hóa tổ chức hội thi văn nghệ quần chúng các thôn, hoàn\n"
            "thành chậm nhất ngày 20 tháng\nlà li\n"
            "Chủ tịch UBND xã yêu cầu các cơ quan nghiêm túc thực hiện.\n")
    lines = [dataclasses.replace(ln, ocr=True) for ln in flatten([PageText(1, "ocr", text)])]
    paras = [p.text for p in paragraphs(lines)]
    assert len(paras) == 2 and paras[1].startswith("Chủ tịch UBND xã yêu cầu")
