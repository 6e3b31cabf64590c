"""Frame.to_original undoes exactly what ocr/ does to a page (quarter turn, then deskew)."""

from __future__ import annotations

import numpy as np
import pytest

from vanban.export.geometry import Frame
from vanban.ocr.orient import turn
from vanban.ocr.preprocess import rotate


def _centre(img: np.ndarray) -> tuple[float, float]:
    ys, xs = np.nonzero(img < 128)
    return float(xs.mean()) + 0.5, float(ys.mean()) + 0.5


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
@pytest.mark.parametrize("deskew", [0.0, 1.7, -3.2])
def test_a_dot_on_ocrs_picture_maps_back_onto_the_original(rotation: int, deskew: float
                                                           ) -> None:
    original = np.full((700, 500), 255, np.uint8)  # portrait, so a quarter turn shows
    original[100:110, 380:390] = 0  # a dot far from the centre
    seen = rotate(turn(original, rotation), deskew) if deskew else turn(original, rotation)
    frame = Frame(500, 700, rotation, deskew)
    assert frame.turned_size == seen.shape[::-1]
    x, y = frame.to_original(*_centre(seen))
    assert abs(x - 385) < 1.5 and abs(y - 105) < 1.5, (x, y)
