"""The searchable PDF's invisible words, and the report's word boxes, sit on the visible words
of the original page image, also when OCR read the page turned a quarter and deskewed
(issue 12)."""

from __future__ import annotations

import json
import math
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

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs = pytest.mark.skipif(shutil.which("pdftotext") is None,
                           reason="poppler-utils not installed (make sysdeps)")
MIDDLE = "Phước"  # drawn once, mid-line, away from the page centre
END = "Quỳnh"  # drawn once, at the end of a long line
SKEW = 1.5  # degrees the paper sits crooked (counter-clockwise)
X0, Y0, STEP = 180, 300, 70  # where the lines are drawn on the upright page


def _lines() -> list[str]:
    lines = [ln.strip()[:78] for ln in seed("001").read_text(encoding="utf-8").split("\n")
             if ln.strip() and "\t" not in ln][:22]
    lines[15] = f"Đoàn công tác làm việc tại xã {MIDDLE} Lộc về nông thôn mới"
    lines[8] = "Tổ chức kiểm tra các mô hình sản xuất chuỗi gắn với sản phẩm tại xã " + END
    return lines


def _pages() -> tuple[Image.Image, dict[str, Image.Image], dict[str, float]]:
    """An upright page of prose; for each target word a blank with only that word; and how
    far (px, along its line) each target's middle is from its line's middle."""
    page = Image.new("L", (2480, 3508), 250)
    draw, f = ImageDraw.Draw(page), font(40)
    masks, along = {}, {}
    lines = _lines()
    for i, line in enumerate(lines):
        draw.text((X0, Y0 + i * STEP), line, fill=20, font=f)
    masks["line 15"] = Image.new("L", page.size, 255)
    ImageDraw.Draw(masks["line 15"]).text((X0, Y0 + 15 * STEP), lines[15], fill=0, font=f)
    for word, i in ((MIDDLE, 15), (END, 8)):
        x = X0 + draw.textlength(lines[i].split(word)[0], font=f)
        mask = Image.new("L", page.size, 255)
        ImageDraw.Draw(mask).text((x, Y0 + i * STEP), word, fill=0, font=f)
        masks[word] = mask
        middle = X0 + draw.textlength(lines[i], font=f) / 2
        along[word] = abs(x + draw.textlength(word, font=f) / 2 - middle)
    return page, masks, along


def _as_scanned(img: Image.Image) -> Image.Image:
    """Crooked on the glass, and fed in sideways: OCR must turn it and deskew it."""
    fill = img.getpixel((0, 0))
    return img.rotate(SKEW, resample=Image.Resampling.BICUBIC,
                      fillcolor=fill).transpose(Image.Transpose.ROTATE_90)


@pytest.fixture(scope="module")
def turned_run(tmp_path_factory: pytest.TempPathFactory
               ) -> tuple[Path, dict[str, tuple[float, float]], dict[str, float]]:
    from vanban.cli import main

    page, masks, along = _pages()
    src = tmp_path_factory.mktemp("turned_src")
    _as_scanned(page).save(src / "turned.png", dpi=(300, 300))
    where = {}
    for word, mask in masks.items():
        ys, xs = np.nonzero(np.asarray(_as_scanned(mask)) < 128)
        where[word] = (float(xs.mean()), float(ys.mean()))
    out = tmp_path_factory.mktemp("turned_out") / "out"
    code = main(["run", str(src), "-o", str(out), "--executor", "inprocess", "--jobs", "1",
                 "--plain", "--pdf", "--report"])
    assert code == 0
    return out, where, along


def _layer_centres(pdf: Path, word: str) -> list[tuple[float, float]]:
    """Centres of `word` in the PDF's text layer, in the 300-dpi image's pixels."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    px = 300 / 72
    return [((float(m[1]) + float(m[3])) / 2 * px, (float(m[2]) + float(m[4])) / 2 * px)
            for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                 r'yMax="([\d.]+)">([^<]*)</word>', xml) if m[5] == word]


@needs
def test_invisible_words_sit_on_the_visible_words_of_a_turned_deskewed_scan(
        turned_run: tuple[Path, dict[str, tuple[float, float]], dict[str, float]]) -> None:
    out, where, along = turned_run
    [page] = read_table(out, "pages").to_pylist()
    assert page["rotation"] in (90, 270) and abs(abs(page["deskew"]) - SKEW) < 0.3, page
    words = read_table(out, "words").to_pylist()
    # the size of OCR's upright picture the boxes are on (the file is 3508 x 2480, sideways)
    assert {(w["page_width"], w["page_height"]) for w in words if w["x0"] is not None} == {
        (2480, 3508)}
    [doc] = read_table(out, "documents").to_pylist()
    pdf = out / "pdf" / f"{doc['doc_id']}.pdf"
    for word, (want_x, want_y) in where.items():
        if word not in (MIDDLE, END):
            continue
        centres = _layer_centres(pdf, word)
        assert centres, f"{word} not in the text layer"
        # The page is sideways: the line runs along y, across it is x.
        x, y = min(centres, key=lambda c: math.hypot(c[0] - want_x, c[1] - want_y))
        assert abs(y - want_y) < 6, (word, y, want_y)  # along the line: where the ink is
        # across the line: on the ink mid-line; at the end of a long skewed line at most
        # what the line's slope puts there beyond the row's band (export/pdf.py MAX_TILT)
        slope = math.tan(math.radians(SKEW)) * along[word]
        limit = 6 if word == MIDDLE else 6 + max(0.0, slope - 0.2 * 40)
        assert abs(x - want_x) < limit, (word, x, want_x, limit)


HARNESS = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{src}" style="border:0;width:1366px;height:768px"></iframe>
<pre id="out"></pre><script>
document.getElementById("f").addEventListener("load", () => setTimeout(() => {{
  const d = document.getElementById("f").contentWindow.document;
  const a = d.querySelector("#p1 img").getBoundingClientRect();
  const b = d.getElementById("{target}").getBoundingClientRect();
  document.getElementById("out").textContent = JSON.stringify(
    {{x: (b.left + b.width / 2 - a.left) / a.width, y: (b.top + b.height / 2 - a.top) / a.height}});
}}, 300));
</script></body></html>"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (make sysdeps)")
def test_report_boxes_sit_on_the_visible_line_of_a_turned_deskewed_scan(
        turned_run: tuple[Path, dict[str, tuple[float, float]], dict[str, float]],
        tmp_path: Path) -> None:
    """Headless Chromium lays the report out; the line's box (union of its word boxes,
    measured on OCR's upright picture) must come out on the line's ink of the sideways
    page image."""
    out, where, _ = turned_run
    [doc] = read_table(out, "documents").to_pylist()
    words = read_table(out, "words").to_pylist()
    line_no = next(w["line_no"] for w in words if w["text"] == MIDDLE)
    harness = tmp_path / "harness.html"
    page = out / "report" / f"{doc['doc_id']}.html"
    harness.write_text(HARNESS.format(src=page.as_uri(), target=f"p1-img-l{line_no}"),
                       encoding="utf-8")
    assert CHROMIUM is not None
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--allow-file-access-from-files", "--virtual-time-budget=5000",
         "--dump-dom", harness.as_uri()], capture_output=True, text=True, timeout=120,
        check=True).stdout
    m = re.search(r'<pre id="out">([^<]*)</pre>', dom)
    assert m and m.group(1), dom[-500:]
    got = json.loads(m.group(1))
    want_x, want_y = where["line 15"]
    x, y = got["x"] * 3508, got["y"] * 2480  # the sideways image's pixels
    assert math.hypot(x - want_x, y - want_y) < 15, ((x, y), (want_x, want_y))
