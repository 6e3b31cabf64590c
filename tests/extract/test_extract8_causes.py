"""Causes left by extract7 and extscan on dev documents (issue 11), each on invented text."""

import dataclasses
import datetime as dt

from vanban.extract import vocab
from vanban.extract.api import mend_deadline_years
from vanban.extract.lines import flatten
from vanban.extract.plan_table import parse_plan_table
from vanban.models.records import PageText, Task


def test_unit_word_glued_to_a_name_is_cut() -> None:
    # "TỈNHNINH" (n97 light scan): no syllable, but a unit word and one
    assert vocab.split_glued_unit_words("UBND TỈNHLONG AN") == "UBND TỈNH LONG AN"
    assert vocab.split_glued_unit_words("UBND HUYỆNBẾN LỨC") == "UBND HUYỆN BẾN LỨC"


def test_real_syllables_and_lower_case_words_stay_whole() -> None:
    for text in ("UBND TỈNH XANH", "XÃ THANH", "NGHIỆP", "Tỉnhlong", "THỊNH"):
        assert vocab.split_glued_unit_words(text) == text


def test_office_code_with_a_glued_stroke_is_the_code() -> None:
    # "CTL; các PCT UBND huyện" (n100 light scan)
    assert vocab.mend_office_debris("CTL, các PCT UBND xã", {"CTL": 1}) == "CT, các PCT UBND xã"
    # written twice: the document's own token; no stroke letter: another acronym
    assert vocab.mend_office_debris("CTL, các PCT", {"CTL": 2}) == "CTL, các PCT"
    assert vocab.mend_office_debris("TTX tỉnh", {"TTX": 1}) == "TTX tỉnh"


def test_archive_vp_read_with_a_look_alike_of_p() -> None:
    # "Lưu: VI, VE" (n99 scans): VE is VP; VX (văn xã) and a unit the document names stay
    assert vocab.mend_archive_vp("VE", set()) == "VP"
    assert vocab.mend_archive_vp("VX", set()) == "VX"
    assert vocab.mend_archive_vp("VB", {"VB"}) == "VB"


def _ocr_lines(text: str) -> list:
    lines = flatten([PageText(1, "ocr", text)])
    return [dataclasses.replace(ln, ocr=True) for ln in lines]


def _deadline_task(when: dt.date, text: str) -> Task:
    return Task(kind="directive", text="x", page_no=1, line_no=1, deadline=when,
                deadline_text=text, deadline_kind="date", deadline_valid=True)


def test_a_far_year_written_only_in_two_deadlines_is_the_documents() -> None:
    # n06 medium: "tháng 10 năm 2028", "tháng 12 năm 2028" in a notice that writes 2023 often
    lines = _ocr_lines("Ngày 19 tháng 9 năm 2023\nnăm 2023\nnăm 2023\n"
                       "trong tháng 10 năm 2028.\ntrong tháng 12 năm 2028.")
    ts = [_deadline_task(dt.date(2028, 10, 31), "trong tháng 10 năm 2028"),
          _deadline_task(dt.date(2028, 12, 31), "trong tháng 12 năm 2028")]
    assert [t.deadline for t in mend_deadline_years(lines, ts, 2023)] == [
        dt.date(2023, 10, 31), dt.date(2023, 12, 31)]


def test_a_far_year_the_body_also_writes_stays() -> None:
    lines = _ocr_lines("năm 2023\nnăm 2023\nmục tiêu đến năm 2028\n"
                       "trong tháng 10 năm 2028.\ntrong tháng 12 năm 2028.")
    ts = [_deadline_task(dt.date(2028, 10, 31), "trong tháng 10 năm 2028"),
          _deadline_task(dt.date(2028, 12, 31), "trong tháng 12 năm 2028")]
    assert [t.deadline for t in mend_deadline_years(lines, ts, 2023)] == [
        dt.date(2028, 10, 31), dt.date(2028, 12, 31)]


def test_works_board_acronym_misread_once_is_the_standard_one() -> None:
    # "Ban QLDA ĐIXD huyện" (n02 light scan), written once: the lexicon's ĐTXD
    assert vocab.acronym_fixes("Ban QLDA ĐIXD huyện chủ trì") == {"ĐIXD": "ĐTXD"}


def _table(*rows: str) -> list:
    return parse_plan_table(flatten([PageText(1, "plain_text", "\n".join(rows))]), 2025)


_HEAD = "TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn"


def test_merged_owner_cell_with_its_text_in_the_middle_row_owns_the_rows_above() -> None:
    tasks = _table(
        _HEAD,
        "A\tVỐN",
        "1\tTổng hợp nhu cầu vốn\t\tSở Tài chính\tTrước 15/10/2025",
        "2\tHướng dẫn quyết toán\tPhòng Kế hoạch - Tài chính\tKho bạc\tTrước 30/11/2025",
        "3\tĐôn đốc giải ngân\t\tSở Tài chính\tTrước 20/12/2025",
        "B\tKIỂM TRA",
        "4\tKiểm tra thực tế\tĐoàn kiểm tra\t\tTháng 11/2025",
    )
    assert [t.owner for t in tasks] == ["Phòng Kế hoạch - Tài chính"] * 3 + ["Đoàn kiểm tra"]


def test_empty_owner_cells_above_a_text_at_the_top_of_its_cell_stay_empty() -> None:
    # two empty rows above, none below: no centred cell spans them
    tasks = _table(
        _HEAD,
        "1\tTổng hợp nhu cầu vốn\t\tSở Tài chính\tTrước 15/10/2025",
        "2\tHướng dẫn quyết toán\t\tKho bạc\tTrước 30/11/2025",
        "3\tĐôn đốc giải ngân\tSở Tài chính\t\tTrước 20/12/2025",
        "4\tKiểm tra thực tế\tĐoàn kiểm tra\t\tTháng 11/2025",
    )
    assert [t.owner for t in tasks] == [None, None, "Sở Tài chính", "Đoàn kiểm tra"]


def test_item_word_read_short_in_the_closed_phrase() -> None:
    # "có tên tại uc 2, đ" (n21 light scan)
    assert vocab.mend_item_word("Các đơn vị có tên tại uc 2, đ") == "Các đơn vị có tên tại mục 2, đ"
    assert vocab.mend_item_word("có tên tại Sở 2") == "có tên tại Sở 2"


def test_one_glyph_member_of_a_section_list_is_the_section_the_list_leaves_out() -> None:
    from vanban.extract.api import mend_recipients
    from vanban.models.records import DocumentMeta

    lines = _ocr_lines("nội dung")
    meta = DocumentMeta(recipients=("Các cơ quan, đơn vị có tên tại uc 2, đ",))
    ts = [Task(kind="directive", text="x", page_no=1, line_no=1, owner=o, section=s)
          for o, s in (("Phòng A", "2"), ("Phòng B", "3"), ("Phòng C", "3"))]
    assert mend_recipients(lines, meta, ts).recipients == (
        "Các cơ quan, đơn vị có tên tại mục 2, 3",)
    # two sections left for one glyph: no evidence which
    ts.append(Task(kind="directive", text="y", page_no=1, line_no=2, owner="D", section="4"))
    assert mend_recipients(lines, meta, ts).recipients == (
        "Các cơ quan, đơn vị có tên tại mục 2, đ",)
