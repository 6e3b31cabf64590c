"""Hypothesis properties of the parsers issue 11 touched: on arbitrary OCR-like text they never
raise and never return an impossible date (issue 11, "Proof")."""

import calendar
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from vanban.extract import vocab
from vanban.extract.deadlines import parse_deadline
from vanban.extract.lines import flatten
from vanban.extract.plan_table import deadline_cell
from vanban.extract.schedule import parse_day_cell, parse_schedule
from vanban.models.records import PageText

# Tokens as OCR returns them: right and misread vocabulary, digits, specks and table rules.
_OCR = st.sampled_from([
    "Thứ", "Thú", "Tư", "Hai", "CN", "T2", "T7", "Chủ nhật", "Sáng", "Chiêu:", "Buối", "sang",
    "Cả ngày", "ngày", "tháng", "năm", "quý", "I1", "H", "HI", "lV", "IV", "II", "trước",
    "trong", "chậm nhất", "hằng", "Thường xuyên", "giờ", "7h30", "14h00", "13 giờ 30", "25h",
    "/", ".", "(", ")", "|", "€", ",", "-", ":", "0", "00", "1", "2", "12", "13", "29", "30",
    "31", "32", "99", "2020", "2023", "1900", "9999", "đạt chuẩn", "6 tháng đầu năm", " ",
])
_TEXT = st.lists(_OCR, max_size=16).map(" ".join) | st.lists(_OCR, max_size=10).map("".join)
_YEAR = st.one_of(st.none(), st.integers(-5, 3000))


def _plausible(d: dt.date | None) -> bool:
    return d is None or 1945 <= d.year <= 2100


@settings(max_examples=400, deadline=None)
@given(_TEXT, _YEAR)
def test_deadline_parser_on_ocr_like_text(text: str, year: int | None) -> None:
    dl = parse_deadline(text, year)
    if dl is not None:
        assert _plausible(dl.date)
        assert dl.date is None or dl.valid


@settings(max_examples=400, deadline=None)
@given(_TEXT, _YEAR)
def test_time_cell_parser_on_ocr_like_text(text: str, year: int | None) -> None:
    dl = deadline_cell(text, year)
    if dl is not None:
        assert _plausible(dl.date)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_day_cell_parser_on_ocr_like_text(text: str) -> None:
    dc = parse_day_cell(text)
    if dc is not None:
        assert dc.day is None or 1 <= dc.day <= 31
        assert dc.month is None or dc.month >= 0
        assert dc.weekday in {None, "Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "CN"}
        assert dc.session in {None, "sang", "chieu", "toi", "ca_ngay"}


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 40), st.integers(0, 14), st.integers(1990, 2060))
def test_written_date_is_that_date_or_none(d: int, m: int, y: int) -> None:
    """"trước ngày d/m/y" resolves to exactly that date when it exists, else to no date."""
    dl = parse_deadline(f"hoàn thành trước ngày {d}/{m}/{y}", y)
    exists = 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]
    if dl is not None and dl.kind == "date":
        assert dl.date == (dt.date(y, m, d) if exists else None)
        assert dl.valid == exists


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT), max_size=8), st.integers(1, 12), st.integers(2000, 2050))
def test_schedule_rows_never_get_an_impossible_date(rows: list[tuple[str, str]], month: int,
                                                     year: int) -> None:
    text = "\n".join([f"LỊCH CÔNG TÁC THÁNG {month}/{year}", "NGÀY\tNỘI DUNG\tCHỦ TRÌ",
                      *(f"{a}\t{b}\tPhòng A" for a, b in rows)])
    tasks, _ = parse_schedule(flatten([PageText(1, "plain_text", text)]))
    for t in tasks:
        assert _plausible(t.date)
        assert t.session in {None, "sang", "chieu", "toi", "ca_ngay"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_vocabulary_never_raises_on_any_text(text: str) -> None:
    vocab.session_marker(text)
    vocab.inline_session(text)
    vocab.find_weekday(text)
    vocab.comrade(text)
    ck = vocab.find_clock(text)
    assert ck is None or 0 <= ck[1] <= 23
    q = vocab.roman_value(text)
    assert q is None or 1 <= q <= 4
    vocab.period_line(text)
    vocab.strip_period(text)


# Lines of OCR-like documents: headings, numbered items, bullets, table rows, header lines.
_LINE = st.one_of(
    _TEXT,
    _TEXT.map(lambda t: f"1. Phòng A {t}"),
    _TEXT.map(lambda t: f"- UBND xã B, xã C {t}"),
    _TEXT.map(lambda t: f"II. {t.upper()}"),
    st.tuples(_TEXT, _TEXT, _TEXT).map("\t".join),
    st.sampled_from(["KẾ HOẠCH", "LỊCH CÔNG TÁC TUẦN", "THÔNG BÁO", "V/v kiểm tra",
                     "Số: 12/KH-UBND", "A, ngày 31 tháng 2 năm 2023", "Nơi nhận:",
                     "TT\tNội dung\tĐơn vị chủ trì\tThời gian", "NGÀY\tNỘI DUNG\tCHỦ TRÌ",
                     "(Từ ngày 30/2/2024 đến ngày 45/13/2024)", "./.", ""]),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_LINE, max_size=14))
def test_whole_document_never_raises_nor_dates_the_impossible(lines: list[str]) -> None:
    """extract_document on arbitrary OCR-like pages: every date it returns (task dates,
    deadlines, the issue date) exists and is plausible; a deadline that did not resolve is
    never marked valid with a date."""
    from vanban.extract import extract_document

    ex = extract_document([PageText(1, "ocr", "\n".join(lines))])
    assert _plausible(ex.meta.issue_date)
    for t in ex.tasks:
        assert _plausible(t.date) and _plausible(t.deadline)
        assert t.deadline is None or t.deadline_valid
        assert t.session in {None, "sang", "chieu", "toi", "ca_ngay"}


@settings(max_examples=300, deadline=None)
@given(_TEXT, _YEAR)
def test_split_actions_never_raises_and_keeps_the_words(text: str, year: int | None) -> None:
    from vanban.extract.deadlines import split_actions
    from vanban.extract.plan_table import rounds

    parts = split_actions(text, year)
    assert parts and all(p in text for p in parts)
    assert all(r in text for r in rounds(text))


# Tokens of the third blind run's causes: garbled day cells, recipient lines as OCR reads them.
_GARBLED = st.sampled_from([
    "27712", "2712", "0601", "1l03", "(16)", "(T6)", "(TÓ)", "27/12", "Lưu:", "LƯU:", "VŨ", "VÌ",
    "VLE", "TNMTT", "mục", "tại", "lư", "lợi", "52:", "Như", "trên", "Nơi", "nhận:", "Nợi",
    "nbậu:", "-", ";", ",", "KT.", "CHỦ TỊCH", "định kỳ 6 tháng báo cáo", "trước ngày 5/2/2024",
    "Từ 20/5/2024", "Trước 15/4/2024",
]) | _OCR
_GTEXT = st.lists(_GARBLED, max_size=12).map(" ".join) | st.lists(_GARBLED, max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(_GTEXT)
def test_garbled_cell_and_recipient_helpers_never_raise(text: str) -> None:
    for d, m in vocab.day_month_readings(text):
        assert 1 <= d <= 31 and 1 <= m <= 12
    vocab.date_like_cell(text)
    a = vocab.archive_item(text, lax=True)
    assert a is None or a.startswith("Lưu: VT")
    g = vocab.garbled_item_numeral(text)
    assert g is None or 0 <= g[0] < g[1] <= len(text)
    vocab.mend_recipient(text)
    vocab.recipients_label(text)
    vocab.mend_name_initial(text)
    vocab.number_after_label(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_GTEXT, _GTEXT), max_size=8), st.integers(1, 12), st.integers(2000, 2050))
def test_garbled_schedule_rows_never_get_an_impossible_date(rows: list[tuple[str, str]],
                                                            month: int, year: int) -> None:
    text = "\n".join([f"LỊCH CÔNG TÁC THÁNG {month}/{year}", "NGÀY\tNỘI DUNG\tCHỦ TRÌ",
                      *(f"{a}\t{b}\tPhòng A" for a, b in rows)])
    tasks, _ = parse_schedule(flatten([PageText(1, "ocr", text)]))
    for t in tasks:
        assert _plausible(t.date)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(_LINE, _GTEXT, _GTEXT.map(lambda t: f"- {t}")), max_size=14))
def test_whole_garbled_document_never_raises(lines: list[str]) -> None:
    from vanban.extract import extract_document

    ex = extract_document([PageText(1, "ocr", "\n".join(lines))])
    assert _plausible(ex.meta.issue_date)
    for t in ex.tasks:
        assert _plausible(t.date) and _plausible(t.deadline)
        assert t.deadline is None or t.deadline_valid
