"""Scans as archives hold them: a deterministic degradation generator and the benchmark over it.

Dev documents (data/testdocs, never `test` ones) are rendered by bench/render.py, then damaged
per condition, deterministically from a seed that depends on the condition, the document and
the realisation's number only (tools/evaluate/realisations.py; `--seeds K` runs K realisations
and prints their mean and worst, `--seed S` reproduces one):

    scan       the light photocopy scan of bench/render.py (the reference condition)
    rot90      every page fed turned 90 degrees (counter-clockwise)
    rot180     every page fed upside down
    seal       a colour scan: red round seal and blue signature over the signer's title and
               name (last page), a red "CÔNG VĂN ĐẾN" stamp, tilted, over page 1's text
    fax        150 dpi, 1-bit (fixed threshold over noise: broken glyphs), upsampled to 300 dpi
               as ingest/ does for a 150-dpi 1-bit image (nearest neighbour)
    skewband   4 degrees of skew and a dark scanner band down the left edge
    frame      a photocopy's dark, uneven frame round all four sides
    photo      a phone photo: keystone, the sheet on a dark desk, light falloff and a shadow,
               blur, JPEG q40, colour
    fax2       a worse fax: thin threshold (broken glyphs and rules), dropped scan lines
    photocopy  a heavy, worn photocopy (a copy of a copy): grey, unevenly toned background,
               dark uneven toner (strokes swollen where the drum is dark, broken where it is
               faint), toner speckle and haze, soft blotches, a drum streak, dark page edges
    fax2+skew, photo+seal, seal+skewband, photocopy+skew: combinations (skew before the fax
               or the copy; seal and stamp on the paper before the photo; band over a skewed
               colour scan)

For every condition x document it prints CER and syllable accuracy of the whole document text
against the text the rendered pages show (render.render_pages: a table cell cut by a page break
is drawn again on the continued page, so it is in the reference twice; vanban is scored without
a continued table's repeated header row, which join_page_tables drops by design, the page-by-page
anchors with it) for vanban's `ocr_page`, plain `tesseract -l vie` and OCRmyPDF
(`--rotate-pages --deskew --clean`; the anchors, run on the same images in the same run),
seconds per page, schedule-row / directive F1 of extract/ on vanban's pages against the clean
text's, and vanban's page verdicts (rotation applied, quality).

    python -m tools.bench.scans [--docs h3,t1,t2] [--conditions scan,rot90] [--jobs 2]
                                [--seeds 3 | --seed 2] [--pages] [--no-ocrmypdf]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

from tools.bench.ocr import _one_page as ocr_bench_page
from tools.bench.render import FONT_FILES, render_pages, scan
from tools.evaluate.gold import Tally, prf, score_doc
from tools.evaluate.metrics import cer, syllable_accuracy
from tools.evaluate.realisations import Figure, seeds_for, summary
from tools.evaluate.splits import split_of
from vanban.extract import extract_document
from vanban.models.records import PageText
from vanban.ocr import join_page_tables, ocr_page

ROOT = Path(__file__).resolve().parents[2]
DOCS = {
    "h3": ROOT / "data/testdocs/heldout/h3_notice_deadlines.txt",
    "t1": ROOT / "data/testdocs/ocr/t1_schedule.txt",
    "t2": ROOT / "data/testdocs/ocr/t2_notice.txt",
    "h4": ROOT / "data/testdocs/heldout/h4_district_plan.txt",
    "h2": ROOT / "data/testdocs/heldout/h2_schedule_week_newyear.txt",
    "h1": ROOT / "data/testdocs/heldout/h1_schedule_month_location.txt",
}
RED, BLUE = (200, 35, 45), (35, 55, 185)


def _font(px: int) -> ImageFont.FreeTypeFont:
    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, px)
    raise FileNotFoundError("no Noto/DejaVu serif font installed")


def _colour_scan(grey: np.ndarray) -> Image.Image:
    """A grey scan as a colour scan: a faint warm paper tint."""
    tint = np.array([1.0, 0.985, 0.95], np.float32)
    return Image.fromarray(np.clip(grey[:, :, None] * tint, 0, 255).astype(np.uint8))


def _signature_centre(grey: np.ndarray) -> tuple[int, int]:
    """Over the last lines of the page (the signature block), left part: where a seal goes."""
    rows = np.nonzero((grey < 128).sum(axis=1) > 5)[0]
    if not len(rows):
        return grey.shape[1] // 2, grey.shape[0] // 2
    bottom = int(rows[-1])
    cols = np.nonzero((grey[max(0, bottom - 250): bottom + 1] < 128).sum(axis=0) > 2)[0]
    left = int(cols[0]) if len(cols) else grey.shape[1] // 3
    return left + 260, max(300, bottom - 120)


def _seal(size: tuple[int, int], centre: tuple[int, int], rng: np.random.Generator) -> Image.Image:
    """Red round seal (two rings, star, lettering) and a blue signature stroke, on white."""
    ink = Image.new("RGB", size, (255, 255, 255))
    d = ImageDraw.Draw(ink)
    cx, cy = centre
    r = int(rng.integers(200, 240))
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=RED, width=12)
    d.ellipse((cx - r + 36, cy - r + 36, cx + r - 36, cy + r - 36), outline=RED, width=5)
    pts = [(cx + 55 * np.cos(a) * (1 if k % 2 == 0 else 0.4),
            cy + 55 * np.sin(a) * (1 if k % 2 == 0 else 0.4))
           for k, a in enumerate(np.linspace(-np.pi / 2, 1.5 * np.pi, 11)[:-1])]
    d.polygon(pts, fill=RED)
    d.text((cx - 160, cy - r + 50), "ỦY BAN NHÂN DÂN", fill=RED, font=_font(32))
    d.text((cx - 90, cy + 80), "HUYỆN", fill=RED, font=_font(32))
    x0, y0 = cx + 60, cy - 40
    stroke = [(x0 + 40 * k, y0 + int(rng.integers(-60, 60))) for k in range(8)]
    d.line(stroke, fill=BLUE, width=7, joint="curve")
    return ink


def _stamp(size: tuple[int, int], rng: np.random.Generator) -> Image.Image:
    """A red rectangular "CÔNG VĂN ĐẾN" receipt stamp, tilted, near the top right."""
    box = Image.new("RGB", (720, 260), (255, 255, 255))
    d = ImageDraw.Draw(box)
    d.rectangle((4, 4, 715, 255), outline=RED, width=8)
    d.text((60, 30), "CÔNG VĂN ĐẾN", fill=RED, font=_font(64))
    d.text((60, 140), f"Số: {int(rng.integers(100, 999))}  Ngày: 12/3", fill=RED, font=_font(48))
    box = box.rotate(float(rng.uniform(-12, 12)), expand=True, fillcolor=(255, 255, 255))
    ink = Image.new("RGB", size, (255, 255, 255))
    ink.paste(box, (size[0] - box.width - 200, 420))
    return ink


def seal(pages: list[np.ndarray], seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    out = []
    for i, p in enumerate(pages):
        grey = scan(p, seed * 100 + i)
        img = _colour_scan(grey)
        if i == 0:
            img = ImageChops.multiply(img, _stamp(img.size, rng))
        if i == len(pages) - 1:
            centre = _signature_centre(grey)
            img = ImageChops.multiply(img, _seal(img.size, centre, rng))
        out.append(np.asarray(img))
    return out


def _fax_halftone(p: np.ndarray, rng: np.random.Generator, tilt: float,
                  noise: float) -> np.ndarray:
    """A page fed slightly crooked (up to `tilt` degrees), at half resolution (150 dpi), with
    sensor noise: what both fax conditions start from (float32, before thresholding)."""
    h, w = p.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), float(rng.uniform(-tilt, tilt)), 1.0)
    img = cv2.warpAffine(p, m, (w, h), flags=cv2.INTER_AREA, borderValue=255)
    small = cv2.resize(img, (w // 2, h // 2), interpolation=cv2.INTER_AREA).astype(np.float32)
    small += rng.normal(0, noise, small.shape)
    return small


def fax(pages: list[np.ndarray], seed: int) -> list[np.ndarray]:
    out = []
    for i, p in enumerate(pages):
        rng = np.random.default_rng(seed * 100 + i)
        h, w = p.shape
        small = _fax_halftone(p, rng, tilt=0.8, noise=28)
        bits = np.where(small < 105, 0, 255).astype(np.uint8)
        # ingest/ upsamples a 150-dpi 1-bit image to 300 dpi (nearest: it stays 1-bit)
        out.append(cv2.resize(bits, (w, h), interpolation=cv2.INTER_NEAREST))
    return out


def skewband(pages: list[np.ndarray], seed: int) -> list[np.ndarray]:
    out = []
    for i, p in enumerate(pages):
        rng = np.random.default_rng(seed * 100 + i)
        h, w = p.shape
        angle = float(rng.choice([-1, 1]) * rng.uniform(3.0, 4.5))
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        img = cv2.warpAffine(p, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
        img = scan(img, seed * 100 + i, angle_max=0.1).astype(np.float32)
        band = int(rng.integers(60, 110))
        ramp = np.clip((np.arange(w, dtype=np.float32) - band) / 60.0, 0, 1)
        img = img * ramp[None, :] + 35 * (1 - ramp[None, :])
        out.append(np.clip(img, 0, 255).astype(np.uint8))
    return out


def frame(pages: list[np.ndarray], seed: int) -> list[np.ndarray]:
    """A photocopy of a page smaller than the glass: a dark, uneven frame on all four sides."""
    out = []
    for i, grey in enumerate(_scanned(pages, seed)):
        rng = np.random.default_rng(seed * 100 + i)
        h, w = grey.shape
        yy, xx = np.mgrid[0:h, 0:w]
        edge = np.minimum.reduce([xx, yy, w - 1 - xx, h - 1 - yy]).astype(np.float32)
        width = float(rng.uniform(35, 70))
        dark = np.clip(1.0 - (edge - width) / 12.0, 0, 1)
        coarse = (30 + 25 * rng.random((h // 50 + 1, w // 50 + 1))).astype(np.float32)
        tone = cv2.resize(coarse, (w, h))
        img = grey.astype(np.float32) * (1 - dark) + tone * dark
        out.append(np.clip(img, 0, 255).astype(np.uint8))
    return out


def photo(pages: list[np.ndarray], seed: int) -> list[np.ndarray]:
    """A phone photo of the page lying on a desk: keystone (the phone tilted), the page a bit
    turned, a dark desk round it, a shadow gradient and a soft hand shadow, blur, JPEG q40,
    in colour. The page fills ~75% of the frame, so text is at ~220 dpi."""
    out = []
    for i, p in enumerate(pages):
        rng = np.random.default_rng(seed * 100 + i)
        h, w = p.shape[:2]
        tint = np.array([1.0, 0.97, 0.9], np.float32)
        rgb_page = p if p.ndim == 3 else np.repeat(p[:, :, None], 3, axis=2)
        page = cv2.GaussianBlur(rgb_page, (0, 0), 0.6)
        # where the page's corners land in the photo (same frame size as the page)
        inset = float(rng.uniform(0.1, 0.14))
        top = float(rng.uniform(0.08, 0.14))  # keystone: the far edge is narrower
        tilt = float(rng.choice([-1, 1]) * rng.uniform(0.02, 0.05))
        cx, cy = w / 2, h / 2
        sx, sy = (1 - 2 * inset) * w / 2, (1 - 2 * inset) * h / 2
        corners = np.array([[-sx * (1 - top), -sy], [sx * (1 - top), -sy], [sx, sy], [-sx, sy]],
                           np.float32)
        rot = np.array([[np.cos(tilt), -np.sin(tilt)], [np.sin(tilt), np.cos(tilt)]], np.float32)
        dst = corners @ rot.T + np.array([cx, cy + rng.uniform(-40, 40)], np.float32)
        src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
        m = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
        desk = np.float32(rng.uniform(55, 95))
        img = cv2.warpPerspective(page, m, (w, h), flags=cv2.INTER_AREA,
                                  borderMode=cv2.BORDER_CONSTANT, borderValue=0).astype(np.float32)
        inside = cv2.warpPerspective(np.full((h, w), 1, np.float32), m, (w, h),
                                     flags=cv2.INTER_LINEAR, borderValue=0)
        grain = cv2.resize((rng.random((h // 40 + 1, w // 40 + 1)) * 20).astype(np.float32),
                           (w, h))
        desk_rgb = (desk + grain)[:, :, None] * np.array([1.0, 0.9, 0.8], np.float32)
        img = img * inside[:, :, None] + desk_rgb * (1 - inside[:, :, None])
        # light falls off across the frame, and a hand/phone shadow darkens one corner
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        a = float(rng.uniform(0, 2 * np.pi))
        ramp = ((xx - cx) * np.cos(a) + (yy - cy) * np.sin(a)) / max(h, w)
        light = 0.88 + 0.22 * ramp
        sxy = (float(rng.choice([0.15, 0.85])) * w, float(rng.choice([0.2, 0.8])) * h)
        blob = np.exp(-(((xx - sxy[0]) / (0.3 * w)) ** 2 + ((yy - sxy[1]) / (0.25 * h)) ** 2))
        light = light * (1 - 0.55 * blob)
        img = img * light[:, :, None] * tint + rng.normal(0, 4, (h, w, 1))
        img = cv2.GaussianBlur(np.clip(img, 0, 255), (0, 0), float(rng.uniform(1.1, 1.5)))
        rgb = np.clip(img, 0, 255).astype(np.uint8)
        out.append(_jpeg(rgb, 40))
    return out


def _jpeg(img: np.ndarray, quality: int) -> np.ndarray:
    _, buf = cv2.imencode(".jpg", img[:, :, ::-1] if img.ndim == 3 else img,
                          [cv2.IMWRITE_JPEG_QUALITY, quality])
    dec = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    assert dec is not None
    out: np.ndarray = np.ascontiguousarray(dec[:, :, ::-1] if dec.ndim == 3 else dec)
    return out


def fax2(pages: list[np.ndarray], seed: int) -> list[np.ndarray]:
    """A worse fax, as the issue measured it: 150 dpi (half A4 in standard-fine mode), a
    thin-stroke threshold that breaks glyphs and ruling lines, salt dropouts along scan lines,
    1-bit, upsampled to 300 dpi by nearest neighbour (a fax viewer's PDF)."""
    out = []
    for i, p in enumerate(pages):
        rng = np.random.default_rng(seed * 100 + i)
        h, w = p.shape
        small = _fax_halftone(p, rng, tilt=1.0, noise=30)
        # some scan lines lose ink (a dirty fax head), some get streaks
        rows = rng.random(small.shape[0]) < 0.04
        small[rows] += 90
        bits = np.where(small < 80, 0, 255).astype(np.uint8)
        up = cv2.resize(bits, (w, h), interpolation=cv2.INTER_NEAREST)
        out.append(up)
    return out


def _field(rng: np.random.Generator, h: int, w: int, cell: int) -> np.ndarray:
    """Smooth random field in [0, 1] varying over about `cell` pixels (a toner or paper
    density map): coarse noise upsampled and blurred."""
    coarse = rng.random((h // cell + 2, w // cell + 2)).astype(np.float32)
    # blurred on a 1/8 copy: a full-size blur this wide costs seconds per page
    mid = cv2.resize(coarse, (max(1, w // 8), max(1, h // 8)), interpolation=cv2.INTER_CUBIC)
    mid = cv2.GaussianBlur(mid, (0, 0), cell / 24)
    up = cv2.resize(mid, (w, h), interpolation=cv2.INTER_LINEAR)
    lo, hi = float(up.min()), float(up.max())
    out: np.ndarray = (up - lo) / max(hi - lo, 1e-6)
    return out


def photocopy(pages: list[np.ndarray], seed: int) -> list[np.ndarray]:
    """A heavy, worn photocopy, as archives hold copies of copies.

    Each copy generation blurs the page and thresholds it again at a toner density that
    varies over the drum: where toner is heavy, strokes swell and counters fill; where it is
    faint, thin strokes (hairlines, tone marks, table rules) break up. On top: a grey,
    unevenly toned background with toner haze and speckle, a few soft grey blotches (some
    over text), a faint vertical drum streak, dark, ragged page edges (the copy of a page
    smaller than the glass, shifted), a small tilt, noise, and JPEG at 200 dpi like `scan`."""
    out = []
    for i, p in enumerate(pages):
        rng = np.random.default_rng(seed * 100 + i + 30)
        h, w = p.shape[:2]
        img: np.ndarray = p.astype(np.float32) / 255.0  # 1 = paper, 0 = ink
        angle = float(rng.uniform(-1.2, 1.2))
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=1.0)
        # two copy generations: blur, then a soft threshold at a drum-dependent level
        toner = _field(rng, h, w, 500)
        for blur in (1.3, 1.0):
            img = cv2.GaussianBlur(img, (0, 0), blur)
            level = 0.46 + 0.26 * toner  # ink where darker than level: high = swollen
            img = np.clip((img - level) * 5.0 + 0.5, 0.0, 1.0)
        # faint toner breaks strokes: dropouts of 1-3 px where the toner is thin
        faint = np.clip((0.45 - toner) / 0.2, 0, 1)
        grain = cv2.GaussianBlur(rng.random((h // 3, w // 3)).astype(np.float32), (0, 0), 0.8)
        holes = (cv2.resize(grain, (w, h)) > 0.66 - 0.08 * faint).astype(np.float32) * faint
        img = np.maximum(img, holes)
        ink = 1.0 - img  # 1 where toner sits
        # background: grey, uneven paper and toner haze
        paper = 170 + 45 * _field(rng, h, w, 700)
        haze = 25 * _field(rng, h, w, 120) * (0.5 + toner)
        tone = paper - haze
        # toner speckle: isolated dots and small clusters
        n_specks = int(rng.integers(1500, 3000))
        ys, xs = rng.integers(0, h - 4, n_specks), rng.integers(0, w - 4, n_specks)
        sizes = rng.integers(1, 4, n_specks)
        speck = np.zeros((h, w), np.float32)
        for y, x, s in zip(ys, xs, sizes, strict=True):
            speck[y: y + s, x: x + s] = 1.0
        ink = np.maximum(ink, speck * 0.85)
        # soft blotches (a dirty platen, water stains)
        blot: np.ndarray = np.zeros((h, w), np.float32)
        for _ in range(int(rng.integers(3, 7))):
            cy, cx = int(rng.integers(0, h)), int(rng.integers(0, w))
            r = int(rng.integers(40, 160))
            cv2.circle(blot, (cx, cy), r, float(rng.uniform(0.25, 0.55)), -1)
        blot = cv2.resize(cv2.GaussianBlur(cv2.resize(blot, (w // 4, h // 4)), (0, 0), 6), (w, h))
        tone = tone * (1 - blot)
        # a faint vertical drum streak
        x0 = int(rng.integers(w // 6, 5 * w // 6))
        tone[:, x0: x0 + int(rng.integers(3, 8))] *= 0.7
        # dark, ragged page edges: the original was smaller than the glass and shifted
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        sides = [float(rng.uniform(0, 50)) for _ in range(4)]
        wobble = 15 * _field(rng, h, w, 200)
        edge = np.minimum.reduce([xx - sides[0], yy - sides[1], w - 1 - xx - sides[2],
                                  h - 1 - yy - sides[3]]) + wobble
        dark = np.clip(1.0 - edge / 25.0, 0, 1)
        shade = np.clip(1.0 - edge / 260.0, 0, 1) * 0.35  # copier light falloff at edges
        ink_level = 20 + 35 * (1 - toner)  # black where toner is heavy, dark grey where faint
        img = tone * (1 - ink) + ink_level * ink
        img = img * (1 - shade)
        img = img * (1 - dark) + (25 + 20 * toner) * dark
        img = cv2.GaussianBlur(img, (0, 0), 0.7) + rng.normal(0, 6, img.shape)
        small = cv2.resize(np.clip(img, 0, 255).astype(np.uint8), (w * 2 // 3, h * 2 // 3),
                           interpolation=cv2.INTER_AREA)
        dec = _jpeg(small, 55)
        out.append(cv2.resize(dec, (w, h), interpolation=cv2.INTER_CUBIC))
    return out


def _combine(*steps: Callable[[list[np.ndarray], int], list[np.ndarray]],
             ) -> Callable[[list[np.ndarray], int], list[np.ndarray]]:
    """Conditions applied one after another (the first gets the clean pages)."""
    def apply(pages: list[np.ndarray], seed: int) -> list[np.ndarray]:
        for step in steps:
            pages = step(pages, seed)
        return pages
    return apply


def _skew(pages: list[np.ndarray], seed: int) -> list[np.ndarray]:
    out = []
    for i, p in enumerate(pages):
        rng = np.random.default_rng(seed * 100 + i + 50)
        h, w = p.shape
        angle = float(rng.choice([-1, 1]) * rng.uniform(2.0, 3.5))
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        out.append(cv2.warpAffine(p, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255))
    return out


def _with_seal(pages: list[np.ndarray], seed: int) -> list[np.ndarray]:
    """The clean pages with a colour seal/stamp (no scan damage): input to photo."""
    rng = np.random.default_rng(seed)
    out = []
    for i, p in enumerate(pages):
        img = Image.fromarray(p).convert("RGB")
        if i == 0:
            img = ImageChops.multiply(img, _stamp(img.size, rng))
        if i == len(pages) - 1:
            img = ImageChops.multiply(img, _seal(img.size, _signature_centre(p), rng))
        out.append(np.asarray(img))
    return out


def _band(img: np.ndarray, seed: int, i: int) -> np.ndarray:
    """A dark scanner band down the left edge (grey or colour page)."""
    rng = np.random.default_rng(seed * 100 + i + 70)
    w = img.shape[1]
    band = int(rng.integers(60, 110))
    ramp = np.clip((np.arange(w, dtype=np.float32) - band) / 60.0, 0, 1)
    ramp = ramp[None, :, None] if img.ndim == 3 else ramp[None, :]
    out = img.astype(np.float32) * ramp + 35 * (1 - ramp)
    clipped: np.ndarray = np.clip(out, 0, 255).astype(np.uint8)
    return clipped


def _banded(pages: list[np.ndarray], seed: int) -> list[np.ndarray]:
    return [_band(p, seed, i) for i, p in enumerate(pages)]


def _scanned(pages: list[np.ndarray], seed: int) -> list[np.ndarray]:
    return [scan(p, seed * 100 + i) for i, p in enumerate(pages)]


def _turned(k: int) -> Callable[[list[np.ndarray], int], list[np.ndarray]]:
    def apply(pages: list[np.ndarray], seed: int) -> list[np.ndarray]:
        return [np.ascontiguousarray(np.rot90(g, k)) for g in _scanned(pages, seed)]
    return apply


CONDITIONS: dict[str, Callable[[list[np.ndarray], int], list[np.ndarray]]] = {
    "scan": _scanned, "rot90": _turned(1), "rot180": _turned(2), "seal": seal, "fax": fax,
    "skewband": skewband, "frame": frame, "photo": photo, "fax2": fax2,
    "fax2+skew": _combine(_skew, fax2), "photo+seal": _combine(_with_seal, photo),
    "seal+skewband": _combine(_skew, seal, _banded), "photocopy": photocopy,
    "photocopy+skew": _combine(_skew, photocopy),
}


def _one_page(image: np.ndarray, page_no: int,
              with_plain: bool = True) -> tuple[int, str, float, PageText, float, str]:
    """bench-ocr's page (plain Tesseract and ocr/, timed) plus ocr/'s rotation/quality;
    without plain Tesseract (its text "", its time 0) when `with_plain` is False."""
    if with_plain:
        page_no, plain, t_plain, ours, t_ours = ocr_bench_page(image, page_no)
    else:
        os.environ["OMP_THREAD_LIMIT"] = "1"
        plain, t_plain, t0 = "", 0.0, time.perf_counter()
        ours = ocr_page(image, page_no, "vie")
        t_ours = time.perf_counter() - t0
    return page_no, plain, t_plain, ours, t_ours, f"{ours.rotation}/{ours.quality or '-'}"


OCRMYPDF_OPTIONS = ("--rotate-pages", "--deskew", "--clean")


def ocrmypdf_text(pages: list[np.ndarray], folder: Path) -> tuple[str, float] | None:
    """OCRmyPDF 16+ on the degraded pages (one image PDF at 300 dpi, `-l vie --force-ocr`
    with --rotate-pages, --deskew and, when unpaper is installed, --clean): its text layer
    by pdftotext and its wall seconds per page with --jobs 1. None when not installed."""
    if shutil.which("ocrmypdf") is None or shutil.which("pdftotext") is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    src, out, txt = folder / "in.pdf", folder / "out.pdf", folder / "out.txt"
    images = [Image.fromarray(p).convert("RGB") for p in pages]
    images[0].save(src, save_all=True, append_images=images[1:], resolution=300.0)
    opts = [o for o in OCRMYPDF_OPTIONS if o != "--clean" or shutil.which("unpaper")]
    t0 = time.perf_counter()
    done = subprocess.run(["ocrmypdf", "-q", "-l", "vie", "--force-ocr", "--jobs", "1",
                           "--output-type", "pdf", *opts, str(src), str(out)],
                          capture_output=True, text=True, env={**os.environ,
                                                               "OMP_THREAD_LIMIT": "1"})
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        return f"(ocrmypdf failed: {done.stderr.strip()[-200:]})", seconds / len(pages)
    subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), str(txt)], check=True)
    return txt.read_text(encoding="utf-8").replace("\f", "\n"), seconds / len(pages)


def _gold(clean: str, name: str) -> dict[str, Any]:
    """The tasks extract/ finds in the clean text are the gold for the degraded readings."""
    rows = []
    for t in extract_document([PageText(1, "plain_text", clean)]).tasks:
        d = dataclasses.asdict(t)
        for k, v in d.items():
            if isinstance(v, dt.date):
                d[k] = v.isoformat()
        rows.append(d)
    return {"doc": name, "tasks": rows, "meta": {}}


def task_f1(pages: list[PageText], clean: str, name: str) -> dict[str, str]:
    """Schedule-row and directive F1 of extract/ on vanban's pages against the clean text's;
    "-" where the clean text has none of that kind."""
    gold = _gold(clean, name)
    tallies = {"schedule": Tally(), "directive": Tally()}
    score_doc(extract_document(pages), gold, tallies, Tally(), [])
    return {k: f"{prf(t.matched, t.pred, t.gold)[2]:.3f}" if t.gold else "-"
            for k, t in tallies.items()}


def _print_anchor(cond: str, key: str, seed: int, n: int,
                  anchor: tuple[str, float] | None, shown: str) -> None:
    """One row of the OCRmyPDF column alone (--only-ocrmypdf): the anchor re-measured
    against the pages' text without re-running vanban and plain Tesseract."""
    if anchor is None:
        print(f"{cond:<14} {key:<3} {seed:>6} {n:>2}  ocrmypdf not installed", flush=True)
        return
    print(f"{cond:<14} {key:<3} {seed:>6} {n:>2} ocrmypdf CER {cer(anchor[0], shown):.2%} "
          f"syll {syllable_accuracy(anchor[0], shown):.2%} s/p {anchor[1]:.2f}", flush=True)


def _f1_value(text: str) -> float | None:
    return None if text == "-" else float(text)


def _run_one(cond: str, key: str, seed: int, args: argparse.Namespace,
             pool: ProcessPoolExecutor, tmp: str) -> Figure | None:
    """One realisation of `cond` on document `key` from `seed`: its row printed (the seed in
    it), its figures returned (None with --only-ocrmypdf)."""
    path = DOCS[key]
    if split_of(path) == "test":
        raise SystemExit(f"{path} is a test document: never benchmarked on")
    clean = path.read_text(encoding="utf-8")
    rendered, shown_pages, joined_pages = render_pages(clean)
    pages = CONDITIONS[cond](rendered, seed)
    # what the pages show, not the source text (see the module docstring)
    shown, ref = "\n".join(shown_pages), "\n".join(joined_pages)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for i, img in enumerate(pages):
            Image.fromarray(img).save(args.save / f"{cond}_{key}_s{seed}_p{i + 1}.png")
    if args.only_ocrmypdf:
        _print_anchor(cond, key, seed, len(pages), ocrmypdf_text(
            pages, Path(tmp) / f"{cond}_{key}_{seed}"), shown)
        return None
    got = sorted(pool.map(_one_page, pages, range(1, len(pages) + 1),
                          [not args.no_plain] * len(pages)))
    plain = "\n".join(r[1] for r in got)
    # as the pipeline does: a table continued on the next page loses its repeated header row
    joined = join_page_tables([r[3] for r in got])
    ours = "\n".join(p.text for p in joined)
    n = len(got)
    t_plain, t_ours = sum(r[2] for r in got), sum(r[4] for r in got)
    anchor = None if args.no_ocrmypdf else ocrmypdf_text(pages, Path(tmp) / f"{cond}_{key}_{seed}")
    o_cer, o_syll, o_sp = ("-",) * 3 if anchor is None else (
        f"{cer(anchor[0], shown):.2%}", f"{syllable_accuracy(anchor[0], shown):.2%}",
        f"{anchor[1]:.2f}")
    f1 = task_f1(joined, clean, key)
    v_cer = cer(ours, ref)
    p_cer, p_syll = (f"{cer(plain, shown):.2%}", f"{syllable_accuracy(plain, shown):.2%}"
                     ) if not args.no_plain else ("-", "-")
    print(f"{cond:<14} {key:<3} {seed:>6} {n:>2} {v_cer:>7.2%} "
          f"{p_cer:>7} {o_cer:>8} "
          f"{syllable_accuracy(ours, ref):>7.2%} "
          f"{p_syll:>7} {o_syll:>7} "
          f"{t_ours / n:>5.2f} {t_plain / n:>5.2f} {o_sp:>5} "
          f"{f1['schedule']:>7} {f1['directive']:>6}  "
          f"{' '.join(r[5] for r in got)}", flush=True)
    if args.pages:
        for r, page_ref in zip(got, shown_pages, strict=True):
            print(f"    {cond} {key} seed {seed} p{r[0]}: CER {cer(r[3].text, page_ref):.2%} "
                  f"verdict {r[5]}", flush=True)
    return Figure(seed, v_cer, _f1_value(f1["schedule"]), _f1_value(f1["directive"]))


def _print_summary(cond: str, key: str, figures: list[Figure]) -> None:
    """The row over realisations: mean and worst (with the worst's seed) of CER and F1s."""
    s = summary(figures)
    print(f"{cond:<14} {key:<3} over {len(figures)} seeds ({s['seeds']}): "
          f"CER mean {s['cer_mean']} worst {s['cer_worst']}; "
          f"schedF1 mean {s['schedule_f1_mean']} worst {s['schedule_f1_worst']}; "
          f"dirF1 mean {s['directive_f1_mean']} worst {s['directive_f1_worst']}", flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", default="h3,t1,t2")
    ap.add_argument("--conditions", default=",".join(CONDITIONS))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seeds", type=int, default=1,
                    help="realisations per condition x document (stable seeds from the "
                         "condition, the document and the realisation's number)")
    ap.add_argument("--seed", default="",
                    help="comma-separated explicit seeds instead (reproduce a realisation)")
    ap.add_argument("--no-ocrmypdf", action="store_true", help="leave the OCRmyPDF anchor out")
    ap.add_argument("--no-plain", action="store_true",
                    help="leave plain Tesseract out (faster studies of vanban alone)")
    ap.add_argument("--save", type=Path, help="also write the degraded pages here as PNG")
    ap.add_argument("--pages", action="store_true",
                    help="also print each page's CER and verdict")
    ap.add_argument("--only-ocrmypdf", action="store_true",
                    help="run only the OCRmyPDF anchor (its CER, syllables, s/p per row): "
                         "vanban and plain Tesseract are not run")
    args = ap.parse_args(argv)
    explicit = [int(s) for s in args.seed.split(",") if s.strip()]
    head = (f"{'condition':<14} {'doc':<3} {'seed':>6} {'pg':>2} {'vanban':>7} {'plain':>7} "
            f"{'ocrmypdf':>8} {'v.syll':>7} {'p.syll':>7} {'o.syll':>7} {'v s/p':>5} "
            f"{'p s/p':>5} {'o s/p':>5} {'schedF1':>7} {'dirF1':>6}  verdicts")
    print(head)
    print("-" * len(head))
    with ProcessPoolExecutor(args.jobs) as pool, tempfile.TemporaryDirectory() as tmp:
        for cond in args.conditions.split(","):
            for key in args.docs.split(","):
                figures = [f for seed in seeds_for(cond, key, args.seeds, explicit)
                           if (f := _run_one(cond, key, seed, args, pool, tmp)) is not None]
                if len(figures) > 1:
                    _print_summary(cond, key, figures)
    print("\nCER / syllable accuracy over the whole document against the text its rendered "
          "pages show (vanban: without a continued table's repeated header row, as "
          "join_page_tables drops it; the others: every row drawn) (vanban, "
          "plain `tesseract -l vie`, OCRmyPDF " + " ".join(OCRMYPDF_OPTIONS) + " -l vie "
          "--force-ocr); seconds per page single-threaded on a shared machine (noisy); F1 of "
          "extract/'s schedule rows and directives on vanban's pages against those of the "
          "clean text; verdicts: rotation applied / quality per page; seed: the damage's "
          "seed (stable per condition, document and realisation: tools/evaluate/"
          "realisations.py; --seed reproduces one)")


if __name__ == "__main__":
    main()
