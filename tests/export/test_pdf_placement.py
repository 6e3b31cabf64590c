"""The searchable PDF's invisible words sit on the visible words of the original page image,
also when OCR read the page turned a quarter and deskewed (issue 12)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from vanban.store import read_table

from helpers import seed
from scanpage import font

needs = pytest.mark.skipif(shutil.which("pdftotext") is None,
                           reason="poppler-utils not installed (make sysdeps)")
TARGET = "Phước"  # a word drawn once, in the middle of a line, away from the centre
SKEW = 1.5  # degrees the paper sits crooked (counter-clockwise)


def _pages() -> tuple[Image.Image, Image.Image]:
    """An upright page of prose and, on a blank of the same size, only the target word."""
    lines = [ln.strip() for ln in seed("001").read_text(encoding="utf-8").split("\n")
             if ln.strip() and "\t" not in ln][:22]
    lines[15] = f"Đoàn công tác làm việc tại xã {TARGET} Lộc về nông thôn mới"
    page = Image.new("L", (2480, 3508), 250)
    mask = Image.new("L", page.size, 255)
    draw, f = ImageDraw.Draw(page), font(40)
    for i, line in enumerate(lines):
        draw.text((180, 300 + i * 70), line[:80], fill=20, font=f)
    x = 180 + draw.textlength(lines[15].split(TARGET)[0], font=f)
    ImageDraw.Draw(mask).text((x, 300 + 15 * 70), TARGET, fill=0, font=f)
    return page, mask


def _as_scanned(img: Image.Image) -> Image.Image:
    """Crooked on the glass, and fed in sideways: OCR must turn it and deskew it."""
    fill = img.getpixel((0, 0))
    return img.rotate(SKEW, resample=Image.Resampling.BICUBIC,
                      fillcolor=fill).transpose(Image.Transpose.ROTATE_90)


@pytest.fixture(scope="module")
def turned_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[float, float]]:
    from vanban.cli import main

    page, mask = _pages()
    src = tmp_path_factory.mktemp("turned_src")
    _as_scanned(page).save(src / "turned.png", dpi=(300, 300))
    ink = np.asarray(_as_scanned(mask)) < 128
    ys, xs = np.nonzero(ink)
    out = tmp_path_factory.mktemp("turned_out") / "out"
    code = main(["run", str(src), "-o", str(out), "--executor", "inprocess", "--jobs", "1",
                 "--plain", "--pdf"])
    assert code == 0
    return out, (float(xs.mean()), float(ys.mean()))


@needs
def test_invisible_word_sits_on_the_visible_word_of_a_turned_deskewed_scan(
        turned_run: tuple[Path, tuple[float, float]]) -> None:
    out, (want_x, want_y) = turned_run
    [page] = read_table(out, "pages").to_pylist()
    assert page["rotation"] in (90, 270) and abs(abs(page["deskew"]) - SKEW) < 0.3, page
    [doc] = read_table(out, "documents").to_pylist()
    xml = subprocess.run(["pdftotext", "-bbox", str(out / "pdf" / f"{doc['doc_id']}.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    found = [tuple(float(v) for v in m.groups()[:4]) for m in re.finditer(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xml)
        if m.group(5) == TARGET]
    assert found, f"{TARGET} not in the text layer"
    px = 300 / 72  # the PNG is 300 dpi: points -> its pixels
    centres = [((x0 + x1) / 2 * px, (y0 + y1) / 2 * px) for x0, y0, x1, y1 in found]
    dist = min(float(np.hypot(x - want_x, y - want_y)) for x, y in centres)
    assert dist < 6, f"{TARGET}: invisible word {dist:.1f} px from the visible one"
