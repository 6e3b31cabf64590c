"""Tone and vowel marks Tesseract split off a faint cell's word are no words of the cell."""

from vanban.ocr.cells import detached_marks_dropped
from vanban.ocr.tesseract import TessWord


def _w(text: str, left: int, top: int, width: int, height: int, conf: float) -> TessWord:
    return TessWord(left, top, width, height, conf, text, (1, 1, 1))


def test_marks_over_a_word_are_dropped() -> None:
    words = [_w('P"/', 77, 0, 27, 23, 0.0), _w("..", 209, 8, 37, 10, 64.0),
             _w("ĐUỔI", 0, 12, 119, 41, 52.7), _w("chiều.", 141, 10, 159, 43, 34.8)]
    assert [w.text for w in detached_marks_dropped(words)] == ["ĐUỔI", "chiều."]


def test_hyphen_comma_and_sure_marks_stay() -> None:
    words = [_w("tế", 0, 0, 53, 47, 93.0), _w("-", 73, 27, 14, 6, 45.0),
             _w("Hạ", 100, 0, 75, 52, 97.0), _w(",", 180, 40, 8, 12, 30.0),
             _w("“", 200, 0, 12, 14, 90.0), _w("tầng", 195, 0, 122, 58, 83.0)]
    assert [w.text for w in detached_marks_dropped(words)] == ["tế", "-", "Hạ", ",", "“",
                                                              "tầng"]


def test_a_short_word_beside_others_stays() -> None:
    # a lone small word on its own line (a day number under "Thứ") is not over a word
    words = [_w("Thứ", 0, 0, 109, 45, 96.0), _w("5", 0, 73, 26, 42, 40.0),
             _w("a", 130, 10, 20, 22, 40.0)]
    assert [w.text for w in detached_marks_dropped(words)] == ["Thứ", "5", "a"]


def test_a_short_word_of_the_line_above_stays() -> None:
    # "và" ends a first line; "Thường" starts the second, under it: no mark
    words = [_w("và", 40, 0, 60, 30, 50.0), _w("Thường", 0, 60, 200, 55, 95.0)]
    assert [w.text for w in detached_marks_dropped(words)] == ["và", "Thường"]
