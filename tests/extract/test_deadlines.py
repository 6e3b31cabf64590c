import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanban.extract.deadlines import find_deadlines, parse_deadline


@pytest.mark.parametrize(
    ("text", "date", "kind", "phrase"),
    [
        ("hoàn thành trước ngày 31/3/2020.", dt.date(2020, 3, 31), "date", "trước ngày 31/3/2020"),
        ("trình Trung ương trước 15/5/2020.", dt.date(2020, 5, 15), "date", "trước 15/5/2020"),
        ("trình UBND tỉnh trong tháng 7/2013.", dt.date(2013, 7, 31), "month",
         "trong tháng 7/2013"),
        ("do UBND tỉnh chủ trì (dự kiến trong tháng 9/2013).", dt.date(2013, 9, 30), "month",
         "dự kiến trong tháng 9/2013"),
        ("đưa vào hoạt động trong quý IV/2013.", dt.date(2013, 12, 31), "quarter",
         "trong quý IV/2013"),
        ("chậm nhất đến ngày 15/6/2013 trình UBND tỉnh", dt.date(2013, 6, 15), "date",
         "chậm nhất đến ngày 15/6/2013"),
        ("ra mắt Hội quán điểm trong Quý I/2020.", dt.date(2020, 3, 31), "quarter",
         "trong Quý I/2020"),
        ("hoàn thành, được phê duyệt trong năm 2013.", dt.date(2013, 12, 31), "year",
         "trong năm 2013"),
        ("báo cáo kết quả 6 tháng đầu năm 2022", dt.date(2022, 6, 30), "half_year",
         "6 tháng đầu năm 2022"),
        ("triển khai từ tháng 5 đến tháng 7/2022", dt.date(2022, 7, 31), "month",
         "từ tháng 5 đến tháng 7/2022"),
        ("gửi trước ngày 03 tháng 4 năm 2020", dt.date(2020, 4, 3), "date",
         "trước ngày 03 tháng 4 năm 2020"),
        ("Trung ương đánh giá (Dự kiến tháng 3/2021).", dt.date(2021, 3, 31), "month",
         "Dự kiến tháng 3/2021"),
        ("Thời gian thực hiện: tháng 8/2022.", dt.date(2022, 8, 31), "month",
         "Thời gian thực hiện: tháng 8/2022"),
        ("Thời hạn: 15/9/2022.", dt.date(2022, 9, 15), "date", "Thời hạn: 15/9/2022"),
        ("báo cáo tại cuộc họp tháng 3/2020.", dt.date(2020, 3, 31), "month",
         "cuộc họp tháng 3/2020"),
    ],
)
def test_deadline_forms(text: str, date: dt.date, kind: str, phrase: str) -> None:
    dl = parse_deadline(text, 2020)
    assert dl is not None
    assert (dl.date, dl.kind, dl.valid, dl.text) == (date, kind, True, phrase)


def test_date_without_year_takes_document_year() -> None:
    dl = parse_deadline("gửi về VP NTM huyện (trước ngày 27/10)", 2020)
    assert dl is not None and dl.date == dt.date(2020, 10, 27)


def test_impossible_date_is_invalid_and_keeps_text() -> None:
    dl = parse_deadline("trình Thường trực Ban Chỉ đạo tỉnh trước 31/04/2020.", 2020)
    assert dl is not None
    assert (dl.date, dl.valid, dl.text, dl.kind) == (None, False, "trước 31/04/2020", "date")


@pytest.mark.parametrize(
    "text",
    ["báo cáo về Ban Chỉ đạo trước ngày 20 hàng tháng.",
     "báo tiến độ thực hiện hàng tháng (vào ngày 20), hàng quý",
     "cập nhật hàng tháng (vào cuối tháng)"],
)
def test_recurring_has_no_date_but_is_valid(text: str) -> None:
    dl = parse_deadline(text, 2013)
    assert dl is not None and (dl.kind, dl.date, dl.valid) == ("recurring", None, True)


@pytest.mark.parametrize(
    "text",
    [
        "theo Quyết định số 498/QĐ-TTg ngày 21/3/2013 của Thủ tướng Chính phủ",
        "kiểm tra mỗi tháng ít nhất 2 lần",
        "Phấn đấu đến cuối năm 2013 có 4 xã đạt 17 tiêu chí",
        "giai đoạn 2021 - 2025",
        "",
    ],
)
def test_references_targets_and_frequencies_are_not_deadlines(text: str) -> None:
    assert parse_deadline(text, 2013) is None


def test_first_deadline_of_the_sentence_wins() -> None:
    found = find_deadlines("báo cáo trước 30/6/2020; trình Trung ương trước 30/4/2020", 2020)
    assert [d.date for _, d in found] == [dt.date(2020, 6, 30), dt.date(2020, 4, 30)]
    dl = parse_deadline("báo cáo trước 30/6/2020; trình Trung ương trước 30/4/2020", 2020)
    assert dl is not None and dl.date == dt.date(2020, 6, 30)


_VOCAB = st.sampled_from(
    ["trước", "ngày", "tháng", "quý", "năm", "trong", "dự kiến", "chậm nhất", "đến", "hàng",
     "/", " ", "IV", "I", "0", "31", "29", "2", "13", "99", "2020", "1900", "(", ")", "6",
     "đầu", "cuối", "từ", "hết", "vào", "9999", "00"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_VOCAB, max_size=14).map(" ".join), st.one_of(st.none(), st.integers(-5, 3000)))
def test_never_raises_and_dates_are_possible(text: str, year: int | None) -> None:
    dl = parse_deadline(text, year)
    if dl is not None:
        if dl.date is not None:
            assert isinstance(dl.date, dt.date)
            assert 1945 <= dl.date.year <= 2100
            assert dl.valid
        assert dl.kind in {"date", "month", "quarter", "half_year", "year", "recurring"}
        assert dl.text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.one_of(st.none(), st.integers(-10**6, 10**6)))
def test_arbitrary_text_never_raises(text: str, year: int | None) -> None:
    dl = parse_deadline(text, year)
    if dl is not None and dl.date is not None:
        assert 1945 <= dl.date.year <= 2100


def test_split_actions_one_text_per_deadline() -> None:
    from vanban.extract.deadlines import split_actions

    text = ("Thẩm định dự toán, xong trước ngày 31/10/2025; tham mưu bố trí vốn trước ngày "
            "20/11/2025.")
    assert split_actions(text, 2025) == ["Thẩm định dự toán, xong trước ngày 31/10/2025",
                                         "tham mưu bố trí vốn trước ngày 20/11/2025."]
    two = "Xây dựng kế hoạch trước ngày 31/3/2025 và tổ chức hội chợ trong quý III năm 2025."
    assert len(split_actions(two, 2025)) == 2
    # A bare period names what is reported; a date in an aside or inside one action stays.
    for one in ["Báo cáo kết quả 6 tháng đầu năm trước ngày 10/6/2025.",
                "Rà soát (trong tháng 3, 4/2025 rà soát các xã), báo cáo trước ngày 30/4/2025.",
                "Các xã đạt chuẩn trước năm 2016 rà soát, báo cáo trước ngày 30/4/2025.",
                "Hoàn thành trước ngày 30/4/2025."]:
        assert split_actions(one, 2025) == [one]


def test_an_item_of_two_actions_with_their_own_deadlines_is_two_tasks() -> None:
    from vanban.extract import extract_document
    from vanban.models.records import PageText

    text = ("KẾ HOẠCH\nThực hiện năm 2025\n\nI. NHIỆM VỤ\n\n"
            "1. Phòng Nội vụ: Rà soát hồ sơ, xong trước ngày 15/4/2025; các xã tổ chức "
            "thẩm tra trước ngày 30/4/2025; báo cáo UBND huyện trước ngày 10/5/2025.\n")
    tasks = [t for t in extract_document([PageText(1, "plain_text", text)]).tasks
             if t.kind == "directive"]
    assert [(t.owner, str(t.deadline)) for t in tasks] == [
        ("Phòng Nội vụ", "2025-04-15"), ("các xã", "2025-04-30"), ("Phòng Nội vụ", "2025-05-10")]


def test_yearly_day_is_recurring_and_dashed_dates_resolve() -> None:
    dl = parse_deadline("báo cáo trước ngày 31/12 hằng năm", 2024)
    assert dl is not None and (dl.kind, dl.date) == ("recurring", None)
    dl = parse_deadline("hoàn thành trước ngày 30-6-2024", 2023)
    assert dl is not None and str(dl.date) == "2024-06-30"
    assert parse_deadline("giai đoạn 2021-2025", 2023) is None


def test_a_weekday_of_every_month_is_recurring() -> None:
    dl = parse_deadline("ra quân vệ sinh vào ngày Chủ nhật cuối cùng của tháng", 2024)
    assert dl is not None and (dl.kind, dl.date) == ("recurring", None)
    dl = parse_deadline("họp giao ban vào thứ Sáu đầu tiên hằng tháng", 2024)
    assert dl is not None and dl.kind == "recurring"


def test_quarter_and_month_ranges_end_at_their_last_period() -> None:
    from vanban.extract.plan_table import deadline_cell

    for cell, want in [("Quý I-II/2025", "2025-06-30"), ("Tháng 10/2025 - 12/2025", "2025-12-31"),
                       ("Tháng 3 - 4/2025", "2025-04-30")]:
        dl = deadline_cell(cell, 2025)
        assert dl is not None and str(dl.date) == want, cell
    dl = parse_deadline("hoàn thành trong quý II, III năm 2025", 2025)
    assert dl is not None and str(dl.date) == "2025-09-30"
    assert parse_deadline("báo cáo kết quả tháng 3 - 4/2025 cho UBND", 2025) is None


def test_a_periodic_reporting_obligation_is_recurring_a_bare_frequency_is_not() -> None:
    dl = parse_deadline("theo dõi việc thực hiện, định kỳ 6 tháng báo cáo UBND huyện.", 2025)
    assert dl is not None and (dl.kind, dl.date) == ("recurring", None)
    assert parse_deadline("kiểm tra việc thu gom rác thải định kỳ hằng tháng.", 2025) is None
