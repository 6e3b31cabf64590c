"""A faint cell's two readings (as read, and with its strokes thickened) are merged word by
word: each stretch where they differ comes from the reading whose words are Vietnamese."""

from vanban.ocr.cells import _merged
from vanban.ocr.tesseract import TessWord


def _words(text: str, conf: float = 80.0) -> list[TessWord]:
    return [TessWord(40 * i, 0, 30, 40, conf, w, (1, 1, 1)) for i, w in enumerate(text.split())]


def _text(words: list[TessWord]) -> str:
    return " ".join(w.text for w in words)


def test_each_misread_stretch_is_taken_from_the_reading_that_fits() -> None:
    canvas = _words("k;ểm tra thục hiển tiêu chí y tế, giáo dục tai xã Cấm Nhưọợng")
    thick = _words("E:ểm tra thục hiến tiêu chí v tế, giác duc tai xã Cẩm Nhượng")
    got = _text(_merged(canvas, thick))
    assert got == "k;ểm tra thục hiển tiêu chí y tế, giáo dục tai xã Cẩm Nhượng"


def test_equal_readings_and_ties_keep_the_first() -> None:
    canvas = _words("Buổi sáng")
    assert _merged(canvas, _words("Buổi sáng", 95.0)) == canvas
    # "sảng" and "sáng" are both syllables: the surer reading wins the stretch
    assert _text(_merged(_words("Buổi sẻng", 10.0), _words("Buổi sảng", 96.0))) == "Buổi sảng"


def test_numbers_and_acronyms_count_as_fitting() -> None:
    got = _merged(_words("Hội trường UII3NO tĩnh"), _words("Hội trường UBND tĩnh"))
    assert _text(got) == "Hội trường UBND tĩnh"
    got = _merged(_words("thóng Q2 năm"), _words("thóng 02 năm"))
    assert _text(got) == "thóng 02 năm"


def test_words_only_the_thickened_reading_has_are_not_let_in() -> None:
    """Specks read as short "syllables" on a thickened copy stay out."""
    canvas = _words("Chì 9 tế, Giáo dục")
    thick = _words("Chì 9 tế, Lộ Ũ 3 ĩ Giáo dục")
    assert _text(_merged(canvas, thick)) == "Chì 9 tế, Giáo dục"
    # a stretch read with fewer misshapen words wins even if it has fewer words
    assert _text(_merged(_words("Hội n;h) i sơ"), _words("Hội nghị sơ"))) == "Hội nghị sơ"


def test_with_a_bar_an_unsure_stretch_is_refused() -> None:
    """Off worn copies a stretch is taken only where each new word clears the bar."""
    canvas = _words("lên x.", 16.0)
    unsure = _words("lên Đạo.", 47.0)
    assert _text(_merged(canvas, unsure, 60.0)) == "lên x."
    assert _text(_merged(canvas, unsure)) == "lên Đạo."
