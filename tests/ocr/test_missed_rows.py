"""A line Tesseract's layout analysis skipped is read again; specks and rules are not."""

import numpy as np
import pytest
from PIL import Image, ImageDraw

from vanban.ocr import missed, tesseract

from scanpage import font

LINES = ("- CT, các PCT UBND xã;", "- Lưu: VT, KT.")


def _foot(noise: bool = False) -> np.ndarray:
    """A recipients' list foot: two short lines (the second of codes and abbreviations), or
    the first line over a row of toner specks and a ruled line instead of the second."""
    img = Image.new("L", (1100, 260), 255)
    d = ImageDraw.Draw(img)
    d.text((40, 30), LINES[0], fill=20, font=font(46))
    if noise:
        rng = np.random.default_rng(3)
        for x in rng.integers(40, 900, 12):  # specks: dots, nowhere near letter-sized
            d.ellipse((int(x), 150, int(x) + 5, 155), fill=40)
        for x in range(60, 900, 110):  # blotches of a letter's size: read alone, no words
            d.ellipse((x, 100, x + int(rng.integers(14, 24)), 100 + int(rng.integers(16, 30))),
                      fill=50)
        d.line((40, 200, 700, 200), fill=30, width=3)
    else:
        d.text((40, 130), LINES[1], fill=20, font=font(46))
    return np.asarray(img).copy()


def _first_line_only(crop: np.ndarray) -> list[tesseract.TessWord]:
    """Tesseract's reading of `crop` with the second line's words left out: the slip."""
    words = tesseract.words(tesseract.image_to_data(crop, lang="vie", psm=3))
    first = words[0].line_key
    return [w for w in words if w.line_key == first]


def test_skipped_line_of_codes_is_read_again() -> None:
    crop = _foot()
    read = _first_line_only(crop)
    assert "Lưu" not in " ".join(w.text for w in read)
    got = missed.reread_missed(crop, read, "vie")
    added = [w for w in got if w not in read]
    text = " ".join(w.text for w in added)
    assert "Lưu" in text and "KT" in text, text
    assert all(w.top > 100 for w in added)  # placed on the page where the line is
    assert len({w.line_key for w in added}) == 1 and added[0].line_key not in {
        w.line_key for w in read}


def test_read_lines_cost_no_call(monkeypatch: pytest.MonkeyPatch) -> None:
    crop = _foot()
    words = tesseract.words(tesseract.image_to_data(crop, lang="vie", psm=3))
    assert "Lưu" in " ".join(w.text for w in words)

    def called(*_a: object, **_k: object) -> None:
        raise AssertionError("every line was read: nothing to read again")
    monkeypatch.setattr(missed.tesseract, "image_to_data", called)
    assert missed.reread_missed(crop, words, "vie") == words


def test_specks_and_blotches_under_a_line_stay_out(monkeypatch: pytest.MonkeyPatch) -> None:
    crop = _foot(noise=True)
    read = _first_line_only(crop)  # as if the layout analysis had skipped the blotches too
    calls: list[int] = []
    real = tesseract.image_to_data

    def counted(*a: object, **k: object) -> dict[str, list[object]]:
        calls.append(1)
        return real(*a, **k)  # type: ignore[arg-type]
    monkeypatch.setattr(missed.tesseract, "image_to_data", counted)
    assert missed.reread_missed(crop, read, "vie") == read
    assert calls == [1]  # the blotch row was read alone, and nothing it gave was kept


def _signature(seed: int) -> np.ndarray:
    """A signer's title and name with a pen-lifted scribble (letter-sized strokes) between."""
    rng = np.random.default_rng(seed)
    img = Image.new("L", (1100, 420), 255)
    d = ImageDraw.Draw(img)
    d.text((300, 20), "KT. CHỦ TỊCH", fill=20, font=font(46))
    pts, x = [], 300
    for i in range(40):
        x += int(rng.integers(5, 18))
        pts.append((x, int(200 + 40 * np.sin(i * rng.uniform(0.8, 1.6)) + rng.integers(-10, 10))))
    for j in range(0, len(pts) - 3, 4):
        d.line(pts[j: j + 4], fill=25, width=4)
    d.text((300, 320), "Điểu Văn Thắng", fill=20, font=font(46))
    return np.asarray(img).copy()


@pytest.mark.parametrize("seed", [2, 6])  # the scribbles whose lone reading holds a "word"
def test_a_skipped_signature_stays_out(seed: int) -> None:
    crop = _signature(seed)
    words = tesseract.words(tesseract.image_to_data(crop, lang="vie", psm=3))
    skipped = [w for w in words if not 100 <= w.top <= 300]  # as if its strokes were skipped
    assert missed.reread_missed(crop, skipped, "vie") == skipped
