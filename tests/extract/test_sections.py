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
