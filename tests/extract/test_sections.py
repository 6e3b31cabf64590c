from vanban.extract.sections import SectionStack, parse_marker


def test_markers() -> None:
    assert parse_marker("V. Một số nhiệm vụ").style == "roman"
    assert parse_marker("2.1- Tiến hành rà soát").style == "multi1"
    assert parse_marker("1.1. UBND huyện").label == "1.1"
    assert parse_marker("(3) Sở Tài chính").label == "(3)"
    assert parse_marker("a) Hướng dẫn").style == "letter"
    assert parse_marker("- Kiểm tra").style == "dash"
    assert parse_marker("+ Báo cáo").style == "plus"
    assert parse_marker("10 năm xây dựng").style == ""
    assert parse_marker("Sở Y tế: phối hợp").style == ""


def test_stack_paths_follow_first_seen_nesting() -> None:
    st = SectionStack()
    st.open("roman", "V", None, False)
    st.open("arabic", "1", None, False)
    st.open("paren", "(3)", "Sở Tài chính", False)
    st.open("dash", "-", None, False)
    assert st.path() == "V.1.(3)" and st.owner() == "Sở Tài chính"
    st.close_bullets()
    st.open("arabic", "2", None, False)
    assert st.path() == "V.2" and st.owner() is None
    st.open("roman", "II", "cấp huyện", False)
    assert st.path() == "II" and st.owner() == "cấp huyện"


def test_misread_roman_heading_is_read_as_the_numeral() -> None:
    from vanban.extract.sections import parse_markers

    texts = [
        "I. Đối với các sở, ngành",
        "1. Sở Tài chính: thẩm định vốn.",
        "H. Đối với cấp huyện, xã: chủ động chỉ đạo.",  # OCR joined the strokes of "II"
        "lII. Tổ chức thực hiện",
        "G. Mục G của một danh sách chữ cái",
        "H. Mục H của danh sách ấy",  # continues the lettered list: left alone
        "lV. Điều khoản thi hành",
    ]
    got = parse_markers(texts)
    assert [(m.style, m.label) for m in got] == [
        ("roman", "I"), ("arabic", "1"), ("roman", "II"), ("roman", "III"), ("", ""), ("", ""),
        ("roman", "IV"),
    ]
    assert got[2].rest.startswith("Đối với cấp huyện, xã")
    # With no Roman section open, nothing is read as one.
    alone = ["H. Đối với cấp huyện"]
    assert parse_markers(alone)[0].style == ""


def test_misread_roman_heading_carries_its_owner() -> None:
    from vanban.extract.directives import parse_directives
    from vanban.extract.lines import flatten, paragraphs
    from vanban.models.records import PageText

    text = (
        "Ban Chỉ đạo yêu cầu:\n\n"
        "I. Đối với các sở, ngành\n\n"
        "1. Đài Phát thanh và Truyền hình tỉnh: Đẩy mạnh tuyên truyền về Chương trình OCOP.\n\n"
        "H. Đối với cấp huyện, xã: Chủ động chỉ đạo, tập trung các công việc sau:\n\n"
        "- Tổ chức soát xét lại từng tiêu chí, hoàn thành trước ngày 30/6/2020.\n"
    )
    tasks = parse_directives(paragraphs(flatten([PageText(1, "plain_text", text)])), 2020)
    last = [t for t in tasks if "soát xét" in t.text]
    assert last and last[0].owner == "cấp huyện, xã" and last[0].section == "II"


def test_the_next_roman_heading_read_as_strokes_is_that_heading() -> None:
    """"(1. Nhiệm vụ ..." after "I. Đánh giá chung" (a worn photocopy of dev h3) is heading II:
    read as text it stayed under the excluded assessment and its tasks were lost."""
    from vanban.extract.sections import parse_markers

    ms = parse_markers(["I. Đánh giá chung", "Quý I năm 2021 ...", "(1. Nhiệm vụ trọng tâm",
                        "1. Phòng Kinh tế", "11. Phòng Y", "|1l. Tổ chức thực hiện"])
    assert [(m.style, m.label) for m in ms] == [
        ("roman", "I"), ("", ""), ("roman", "II"), ("arabic", "1"), ("arabic", "11"),
        ("roman", "III")]
    # only the numeral the last heading makes next, only in a document with Roman headings
    assert parse_markers(["(1. Nhiệm vụ"])[0].style == ""
    assert parse_markers(["II. A", "(1. Nhiệm vụ"])[1].style != "roman"
