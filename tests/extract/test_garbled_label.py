"""A weekday or session label OCR garbled past the closed vocabulary ("4 Thứ B", "Buổi
vh:ieu.", worn photocopy t1 + skew) is no task row; short real tasks stay tasks."""

import datetime as dt

from vanban.extract import vocab
from vanban.extract.lines import flatten
from vanban.extract.schedule import parse_schedule
from vanban.models.records import PageText

_HEAD = "Tháng 3 năm 2027\nNGÀY\tNỘI DUNG\tCHỦ TRÌ\tCHUẨN BỊ\n"
_BODY = ("02/3 Thứ 3\tBuổi sáng\t\t\n\tHọp giao ban\tĐ/c Hà\tVăn phòng\n"
         "\tBuổi vh:ieu.\t\t\n\tTiếp dân\tĐ/c Lan\tVăn phòng\n"
         "\t4 Thứ B\t\t\n\tTăng cường kiểm tra\tĐ/c Hà\tVăn phòng\n")


def _tasks(method: str) -> list[tuple[str, dt.date | None]]:
    rows, _ = parse_schedule(flatten([PageText(1, method, _HEAD + _BODY)]))
    return [(t.text, t.date) for t in rows]


def test_garbled_labels_are_recognised_and_short_words_are_not() -> None:
    for cell in ("4 Thứ B", "Buổi vh:ieu.", "tz Thứ 3", "Chu nhạt"):
        assert vocab.garbled_label(cell), cell
    for cell in ("Tăng", "Song", "Họp", "Tiếp dân", "Giao ban", "Thu gom rác", "Chiếu phim",
                 "Ca nhạc", "Họp giao ban về kế hoạch tháng", ""):
        assert not vocab.garbled_label(cell), cell


def test_a_garbled_label_on_an_ocr_page_is_no_task() -> None:
    texts = [t for t, _ in _tasks("ocr")]
    assert texts == ["Họp giao ban", "Tiếp dân", "Tăng cường kiểm tra"]
    assert all(d == dt.date(2027, 3, 2) for _, d in _tasks("ocr"))


def test_typed_text_keeps_every_row() -> None:
    assert "4 Thứ B" in [t for t, _ in _tasks("text_layer")]
