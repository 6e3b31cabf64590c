"""Synthetic scanned pages for OCR tests: drawn with PIL at 300 dpi, then skewed and noised."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
FONT_NAMES = ("LiberationSerif-Regular.ttf", "DejaVuSerif.ttf", "DejaVuSans.ttf")


def font(size: int = 40) -> ImageFont.FreeTypeFont:
    for d in FONT_DIRS:
        for name in FONT_NAMES:
            if (d / name).exists():
                return ImageFont.truetype(str(d / name), size)
    raise FileNotFoundError("no DejaVu/Liberation font: run `make deps`")


def page(width: int = 2480, height: int = 1400) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("L", (width, height), 250)
    return img, ImageDraw.Draw(img)


def ruled_grid(draw: ImageDraw.ImageDraw, xs: list[int], ys: list[int], dy: int = 0,
               fill: int = 25, width: int = 4) -> None:
    """Every rule of a full grid: horizontal lines at `ys` (+ `dy`), vertical lines at `xs`."""
    for y in ys:
        draw.line([(xs[0], y + dy), (xs[-1], y + dy)], fill=fill, width=width)
    for x in xs:
        draw.line([(x, ys[0] + dy), (x, ys[-1] + dy)], fill=fill, width=width)


def text_lines(draw: ImageDraw.ImageDraw, lines: list[str], x: int, y: int,
               step: int = 60) -> None:
    f = font()
    for i, line in enumerate(lines):
        draw.text((x, y + i * step), line, fill=20, font=f)


def scanned(img: Image.Image, angle: float = 0.0, seed: int = 0) -> np.ndarray:
    """Rotate by `angle` degrees (counter-clockwise), add grey noise and a few specks."""
    rotated = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=250)
    arr = np.asarray(rotated, dtype=np.float32)
    rng = np.random.default_rng(seed)
    arr = arr + rng.normal(0, 6, arr.shape)
    ys = rng.integers(0, arr.shape[0], 300)
    xs = rng.integers(0, arr.shape[1], 300)
    arr[ys, xs] = 30
    return np.clip(arr, 0, 255).astype(np.uint8)


def schedule_table(draw: ImageDraw.ImageDraw, x: int = 200, y: int = 150) -> list[int]:
    """A 3-row, 4-column bordered schedule: a day cell spanning all rows, a session row,
    a task that wraps over two lines, another session row. Returns the row line positions."""
    f = font()
    cols = [x, x + 300, x + 1100, x + 1500, x + 2000]
    rows = [y, y + 90, y + 250, y + 340]
    for cx in cols:
        draw.line([(cx, rows[0]), (cx, rows[-1])], fill=30, width=3)
    draw.line([(cols[0], rows[0]), (cols[-1], rows[0])], fill=30, width=3)
    draw.line([(cols[0], rows[-1]), (cols[-1], rows[-1])], fill=30, width=3)
    for ry in rows[1:-1]:  # inner row lines stop at the merged day cell
        draw.line([(cols[1], ry), (cols[-1], ry)], fill=30, width=3)
    draw.text((cols[0] + 40, rows[1] + 20), "05 Thứ 2", fill=20, font=f)
    draw.text((cols[1] + 15, rows[0] + 20), "Buổi sáng", fill=20, font=f)
    draw.text((cols[1] + 15, rows[1] + 15), "Họp giao ban Văn phòng Điều", fill=20, font=f)
    draw.text((cols[1] + 15, rows[1] + 85), "phối nông thôn mới tỉnh", fill=20, font=f)
    draw.text((cols[2] + 15, rows[1] + 15), "Phòng HCTHTT", fill=20, font=f)
    draw.text((cols[3] + 15, rows[1] + 15), "Đ/c Oánh, đ/c Long", fill=20, font=f)
    draw.text((cols[1] + 15, rows[2] + 20), "Buổi chiều:", fill=20, font=f)
    return rows
