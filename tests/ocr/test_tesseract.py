"""The Tesseract wrapper's output cache: same pixels and settings answer from disk."""

from pathlib import Path

import numpy as np
import pytest

from vanban.ocr import tesseract

from scanpage import page, text_lines


def _image() -> np.ndarray:
    img, draw = page(width=900, height=160)
    text_lines(draw, ["Văn phòng Điều phối"], 40, 40)
    return np.asarray(img, dtype=np.uint8)


def test_cache_serves_repeat_calls_without_tesseract(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tesseract.CACHE_ENV, str(tmp_path))
    image = _image()
    first = tesseract.image_to_data(image, psm=6)
    assert len(list(tmp_path.rglob("*.json"))) == 1

    def no_tesseract(*_: object) -> dict[str, list[object]]:
        raise AssertionError("Tesseract ran although the answer was cached")

    monkeypatch.setattr(tesseract, "_run", no_tesseract)
    monkeypatch.setattr(tesseract, "_run_api", no_tesseract)
    assert tesseract.image_to_data(image, psm=6) == first
    with pytest.raises(AssertionError):  # another setting is another key
        tesseract.image_to_data(image, psm=7)
    changed = image.copy()
    changed[0, 0] = 0
    with pytest.raises(AssertionError):  # so are other pixels
        tesseract.image_to_data(changed, psm=6)


def test_no_cache_folder_means_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(tesseract.CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    tesseract.image_to_data(_image(), psm=6)
    assert not list(tmp_path.rglob("*"))
