"""Lines of prose read with a low-confidence word are read again thickened and merged word by
word; the other lines are left as they were, in their order, and the new words sit where the
line was on the band."""

import numpy as np
import pytest

from vanban.ocr import faint, missed
from vanban.ocr.tesseract import TessWord

from scanpage import page, text_lines


def _line(text: str, y: int, key: int, conf: float = 90.0) -> list[TessWord]:
    return [TessWord(100 + 120 * i, y, 100, 40, conf if i else 30.0 if conf < 60 else conf,
                     w, (1, 1, key)) for i, w in enumerate(text.split())]


def test_faint_line_merged_other_lines_untouched(monkeypatch: pytest.MonkeyPatch) -> None:
    sound = _line("Văn phòng Điều phối", 100, 1)
    weak = _line("nán: 2921 công tác", 200, 2, conf=40.0)
    seen: list[int] = []

    def fake_stack(crops: list[tuple[int, np.ndarray]], lang: str,
                   psm: int) -> dict[int, list[TessWord]]:
        seen.extend(k for k, _ in crops)
        # read again, the line comes back right; its boxes in the line crop's pixels
        return {k: [TessWord(8 + 120 * i, 8, 100, 40, 90.0, w, (9, 9, 9))
                    for i, w in enumerate(["năm", "2021", "công", "tác"])] for k, _ in crops}

    monkeypatch.setattr(faint, "_read_stack", fake_stack)
    got = faint.reread_lines(np.full((400, 800), 255, np.uint8), sound + weak, "vie")
    assert [w.text for w in got] == ["Văn", "phòng", "Điều", "phối",
                                     "năm", "2021", "công", "tác"]
    assert got[:4] == sound
    assert len(seen) == 3  # the faint line only: thickened, blurred-thickened, 3 x 3
    assert got[4].left == 100 and got[4].top == 200 and got[4].line_key == (1, 1, 2)


def test_no_faint_line_no_call(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> None:
        raise AssertionError("read again")

    monkeypatch.setattr(faint, "_read_stack", boom)
    words = _line("Văn phòng Điều phối", 100, 1)
    assert faint.reread_lines(np.full((300, 800), 255, np.uint8), words, "vie") == words


def test_lines_of_specks_are_dropped_text_lines_kept() -> None:
    text = _line("Nơi nhận:", 100, 1)
    faint_text = _line("Lưu: VT, HC-TH.", 160, 2, conf=72.0)  # first word 30, the rest 72
    specks = [TessWord(100, 300, 20, 20, 89.0, "*", (1, 1, 3)),
              TessWord(100, 360, 30, 30, 6.9, "bó", (1, 1, 4)),
              TessWord(150, 360, 20, 20, 64.9, "*", (1, 1, 4)),
              TessWord(100, 420, 30, 30, 26.9, "s3", (1, 1, 5)),
              TessWord(150, 420, 30, 30, 82.5, "3", (1, 1, 5))]
    page_number = [TessWord(1200, 40, 20, 30, 95.0, "2", (1, 1, 6))]
    # a faint line of text read unsure: a word of three letters or more at 40+
    unsure_text = [TessWord(100, 500, 60, 40, 42.0, "Nơi", (1, 1, 7)),
                   TessWord(180, 500, 90, 40, 58.0, "nhại!:", (1, 1, 7))]
    two_letter_junk = [TessWord(100 + 50 * i, 560, 40, 30, c, w, (1, 1, 8))
                       for i, (w, c) in enumerate([("cà", 0.0), ("JẾ", 23.0), ("xí", 62.0),
                                                   ("về", 66.0)])]
    last_word = [TessWord(100, 620, 90, 40, 16.9, "hiện", (1, 1, 9))]  # a paragraph's end
    junk_word = [TessWord(100, 680, 90, 40, 16.9, "xỐyq", (1, 1, 10))]  # no syllable
    words = (text + faint_text + specks + page_number + unsure_text + two_letter_junk
             + last_word + junk_word)
    assert faint.without_speck_lines(words) == (text + faint_text + page_number + unsure_text
                                                + last_word)


def test_reread_keeps_only_words_of_its_own_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The padded line crop also shows the line above: its words, read again, are not merged
    into the faint line (they were interleaved with it), even when one of the line's own
    words was drawn over both lines (a tall misread word does not widen the line's band)."""
    weak = _line("đat chuẩn năm 2021", 200, 2, conf=40.0)
    weak[0] = TessWord(100, 140, 100, 100, 30.0, "Nà", (1, 1, 2))  # spans both lines

    def fake_stack(crops: list[tuple[int, np.ndarray]], lang: str,
                   psm: int) -> dict[int, list[TessWord]]:
        # the crop starts 8 px above the tall word, so the line above sits at y 8-48
        above = [TessWord(8 + 120 * i, 8, 100, 40, 95.0, w, (9, 9, 8))
                 for i, w in enumerate(["4.", "Ủy", "ban", "nhân"])]
        own = [TessWord(8 + 120 * i, 68, 100, 40, 90.0, w, (9, 9, 9))
               for i, w in enumerate(["đạt", "chuẩn", "năm", "2021"])]
        return {k: above + own for k, _ in crops}

    monkeypatch.setattr(faint, "_read_stack", fake_stack)
    got = faint.reread_lines(np.full((400, 800), 255, np.uint8), weak, "vie")
    texts = [w.text for w in got]
    assert not {"4.", "Ủy", "ban", "nhân"} & set(texts), texts
    assert texts == ["đạt", "chuẩn", "năm", "2021"]


def test_a_line_the_layout_left_out_is_read() -> None:
    """A line of sound prose that Tesseract's page layout skipped (no word of it came back)
    is found from the ink outside every word box and read (ocr/missed.py, which replaced the
    worn-copy-only search that lived here); a speck or a short rule stub is not read."""
    img, draw = page(1400, 400)
    text_lines(draw, ["Thông báo kết luận của Trưởng Ban", "Giao Phòng Nông nghiệp tổng hợp"],
               60, 60, step=110)
    crop = np.asarray(img).copy()
    crop[330:334, 700:706] = 0  # a speck
    crop[300:360, 1300:1304] = 0  # a stub of a rule
    first = faint.tesseract.words(faint.tesseract.image_to_data(crop[:140], lang="vie", psm=6))
    assert first and all(w.top < 140 for w in first)
    got = missed.reread_missed(crop, first, "vie")[len(first):]
    text = " ".join(w.text for w in got)
    assert "Giao Phòng Nông nghiệp" in text, text
    assert all(w.top > 140 for w in got)
    assert len({w.line_key for w in got}) == 1 and got[0].line_key[0] >= missed.MISSED_BLOCK
    assert missed.reread_missed(crop, first + got, "vie") == first + got
