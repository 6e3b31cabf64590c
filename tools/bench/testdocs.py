"""Render every data/testdocs/new/*.txt as a born-digital PDF, a light scan and a medium scan.

Issue 11 wants every extract/ figure for clean text *and* for scans of the same documents, so
each hand-written test document gets three renderings in build/testdocs/ (git-ignored):

- NAME.digital.pdf: A4, DejaVu Serif with a real text layer (what an office PDF export gives);
  tables are ruled grids, a day cell continued by rows with an empty first cell is one merged
  (rowspan) cell, a row with fewer cells than the header (a group row "A  NHIỆM VỤ CHUNG") spans
  the rest of the width.
- NAME.scan-light.pdf / NAME.scan-medium.pdf: image-only, 200 dpi grey JPEG pages drawn by
  tools/bench/render.py (official layout, columns no narrower than their longest word) and
  damaged by its scan(): "medium" is the photocopy damage the OCR benchmark uses for
  data/testdocs/ocr, "light" a cleaner flatbed scan.

All three lay the header and the footer out as official documents do (render.official_blocks):
issuer and number left, motto and place-date right; recipients left, signature right. So a
text layer or OCR meets the two header columns on shared lines, as on real archives.

Deterministic: the damage seed comes from the document name (crc32), PDF dates are fixed, so a
rerun writes byte-identical files. A character the font cannot draw stops the run (a box in
the rendering would silently become an OCR error that is not OCR's fault).

    python -m tools.bench.testdocs [--only n18,n19] [--out build/testdocs] [--force]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pypdfium2
from fontTools.ttLib import TTFont
from fpdf import FPDF
from PIL import Image

from tools.bench import render
from tools.evaluate.metrics import cer
from vanban.ingest.pdf_text import pdf_text_layers

ROOT = Path(__file__).resolve().parents[2]
NEW = ROOT / "data" / "testdocs" / "new"
OUT = ROOT / "build" / "testdocs"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = FONT_DIR / "DejaVuSerif.ttf", FONT_DIR / "DejaVuSerif-Bold.ttf"
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
VARIANTS = ("digital", "scan-light", "scan-medium")
# scan() keywords per variant; medium = render.scan's defaults (the OCR benchmark's damage).
DAMAGE: dict[str, dict[str, Any]] = {
    "scan-light": {"angle_max": 0.4, "blur": 0.6, "noise": 3.0, "specks": (10, 40),
                   "quality": 80},
    "scan-medium": {},
}
SCAN_DPI = 200
BODY_PT, HEADER_PT, TABLE_PT, LINE_MM, TABLE_LINE_MM = 13, 11, 11, 6.4, 5.4
_BOLD_LINE = re.compile(r"^\s*(#+\s*|\*\*.*\*\*\s*$|<b>.*</b>\s*$)")


def missing_glyphs(text: str, font: Path = REGULAR) -> set[str]:
    """Characters of `text` the font has no glyph for (whitespace aside)."""
    cmap = TTFont(str(font), lazy=True).getBestCmap()
    return {c for c in set(text) if not c.isspace() and ord(c) not in cmap}


def seed_for(name: str, variant: str) -> int:
    """A stable per-document, per-variant seed (Python's hash() is salted per process)."""
    return zlib.crc32(f"{name}:{variant}".encode()) % 100_000


def _blocks(text: str) -> list[tuple[str, Any]]:
    """("para", (text, bold)), ("gap", None) and ("table", rows) in reading order."""
    lines = text.split("\n")
    out: list[tuple[str, Any]] = []
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            j = i
            while j < len(lines) and "\t" in lines[j]:
                j += 1
            rows = [[render._MARKUP.sub("", c).strip() for c in ln.split("\t")]
                    for ln in lines[i:j]]
            out.append(("table", rows))
            i = j
            continue
        raw = lines[i]
        i += 1
        para = render._MARKUP.sub("", raw).strip()
        out.append(("para", (para, bool(_BOLD_LINE.match(raw)))) if para else ("gap", None))
    return out


def _column_widths(pdf: FPDF, rows: list[list[str]], n: int) -> list[float]:
    """Column widths in mm: no column narrower than its longest word (a date or "III/2024" is
    never broken inside), the rest of the width shared by the amount of text (to the power 0.7)."""
    total = pdf.epw
    pad = 2 * 1.2 + 1.0
    floor = [max((pdf.get_string_width(w) for r in rows for w in r[c].split()), default=5.0)
             + pad for c in range(n)]
    floor = [max(f, 10.0) for f in floor]
    weight = [sum(len(r[c]) for r in rows) ** 0.7 + 1 for c in range(n)]
    spare = max(total - sum(floor), 0.0)
    widths = [f + spare * w / sum(weight) for f, w in zip(floor, weight, strict=True)]
    scale = total / sum(widths)
    return [w * scale for w in widths]


def _table(pdf: FPDF, rows: list[list[str]]) -> None:
    n = len(rows[0])
    pdf.set_font("DejaVuSerif", size=TABLE_PT)
    widths = _column_widths(pdf, [r for r in rows if len(r) >= n], n)
    # How many rows each day cell spans: itself plus the continuation rows below it.
    spans, under = [1] * len(rows), [False] * len(rows)
    anchor = None
    for k in range(1, len(rows)):
        full = len(rows[k]) >= n
        if full and rows[k][0]:
            anchor = k
        elif full and anchor is not None:
            spans[anchor] += 1
            under[k] = True
        else:
            anchor = None
    with pdf.table(col_widths=tuple(widths), text_align="LEFT", line_height=TABLE_LINE_MM,
                   padding=1.2, repeat_headings=1) as table:
        for k, cells in enumerate(rows):
            row = table.row()
            if k > 0 and len(cells) < n:  # group row: the last cell takes the rest of the width
                for value in cells[:-1]:
                    row.cell(value)
                row.cell(cells[-1], colspan=n - len(cells) + 1)
                continue
            for c, value in enumerate(cells[:n]):
                if c == 0 and under[k]:
                    continue  # covered by the merged day cell above
                row.cell(value, rowspan=spans[k] if c == 0 else 1)
    pdf.set_font("DejaVuSerif", size=BODY_PT)
    pdf.ln(2)


def digital_pdf(text: str) -> bytes:
    """A born-digital A4 PDF of `text` (the seeds' light markup) with a text layer, header and
    footer in two columns as render.official_blocks splits them."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("vanban tools/bench/testdocs")
    pdf.set_margins(25, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVuSerif", "", str(REGULAR))
    pdf.add_font("DejaVuSerif", "B", str(BOLD))
    pdf.add_page()
    pdf.set_font("DejaVuSerif", size=BODY_PT)
    h_left, h_right, body, recipients, signature = render.official_blocks(text.split("\n"))
    signature, appendix = render.appendix_split(signature)
    _pdf_columns(pdf, h_left, h_right, centre_left=True, split=render.HEADER_SPLIT,
                 size=HEADER_PT)
    pdf.ln(LINE_MM / 2)
    _titled(pdf, body)
    if recipients or signature:
        pdf.ln(LINE_MM / 2)
        _pdf_columns(pdf, recipients, signature, centre_left=False, split=0.5,
                     size=BODY_PT - 1)
    if appendix:  # a list issued with the document, on a page of its own
        pdf.add_page()
        _titled(pdf, appendix)
    return bytes(pdf.output())


def _titled(pdf: FPDF, body: list[str]) -> None:
    """Body lines with the type line (bold) and its title centred."""
    before, title, after = render.title_block(body)
    _body(pdf, before)
    for k, ln in enumerate(title):
        pdf.set_font("DejaVuSerif", "B" if k == 0 else "", BODY_PT)
        pdf.multi_cell(0, LINE_MM, render._MARKUP.sub("", ln).strip(), align="C",
                       new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVuSerif", "", BODY_PT)
    _body(pdf, after)


def _body(pdf: FPDF, lines: list[str]) -> None:
    for kind, value in _blocks("\n".join(lines)):
        if kind == "gap":
            pdf.ln(LINE_MM / 2)
        elif kind == "table":
            _table(pdf, value)
        else:
            para, bold = value
            pdf.set_font("DejaVuSerif", "B" if bold else "", BODY_PT)
            pdf.multi_cell(0, LINE_MM, para, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVuSerif", "", BODY_PT)


def _pdf_columns(pdf: FPDF, left: list[str], right: list[str], centre_left: bool,
                 split: float, size: float) -> None:
    """Two side-by-side blocks, the left one `split` of the width (the right one centred; an
    empty line there is signing room)."""
    cols = (pdf.epw * split, pdf.epw * (1 - split))
    need = max(len(left), len(right)) * LINE_MM * 1.6
    if pdf.get_y() + need > pdf.h - pdf.b_margin:
        pdf.add_page()
    y0 = pdf.get_y()
    bottom = y0
    pdf.set_font("DejaVuSerif", "", size)
    for c, (lines, centred) in enumerate(((left, centre_left), (right, True))):
        x0 = pdf.l_margin + (cols[0] if c else 0)
        pdf.set_xy(x0, y0)
        for ln in lines:
            clean = render._MARKUP.sub("", ln).strip()
            pdf.set_x(x0)
            pdf.multi_cell(cols[c], LINE_MM, clean, align="C" if centred else "L",
                           new_x="LEFT", new_y="NEXT")
        bottom = max(bottom, pdf.get_y())
    pdf.set_font("DejaVuSerif", "", BODY_PT)
    pdf.set_xy(pdf.l_margin, bottom)


def scan_pdf(text: str, name: str, variant: str) -> tuple[bytes, int]:
    """An image-only PDF of render.py's pages damaged by its scan(); returns (bytes, pages)."""
    pages = render.render_text(text, official=True)
    seed = seed_for(name, variant)
    images = []
    for i, page in enumerate(pages):
        img = render.scan(page, seed * 100 + i, **DAMAGE[variant])
        h, w = img.shape
        small = cv2.resize(img, (w * SCAN_DPI // 300, h * SCAN_DPI // 300),
                           interpolation=cv2.INTER_AREA)
        images.append(Image.fromarray(np.ascontiguousarray(small)))
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:],
                   resolution=float(SCAN_DPI), quality=DAMAGE[variant].get("quality", 60),
                   creationDate=FIXED_DATE.timetuple(), modDate=FIXED_DATE.timetuple(),
                   producer="vanban tools/bench/testdocs")
    return buf.getvalue(), len(pages)


def _flat(text: str) -> str:
    return " ".join(render._MARKUP.sub("", ln) for ln in text.replace("\t", " ").split("\n"))


@dataclass
class Row:
    name: str
    pages: int
    layer_cer: float
    seconds: float


def render_one(src: Path, out: Path) -> Row:
    """Write the three renderings of one document; CER of the digital text layer as read back."""
    t0 = time.perf_counter()
    text = src.read_text(encoding="utf-8")
    bad = missing_glyphs(text) | missing_glyphs(text, BOLD)
    if bad:
        raise SystemExit(f"{src}: DejaVu Serif has no glyph for {sorted(bad)}")
    name = src.stem
    digital = out / f"{name}.digital.pdf"
    digital.write_bytes(digital_pdf(text))
    pages = 0
    for variant in VARIANTS[1:]:
        data, pages = scan_pdf(text, name, variant)
        (out / f"{name}.{variant}.pdf").write_bytes(data)
    n = len(pypdfium2.PdfDocument(str(digital)))
    layer = "\n".join(t or "" for t in pdf_text_layers(digital, n))
    return Row(name, pages, cer(_flat(layer), _flat(text)), time.perf_counter() - t0)


def _fresh(src: Path, out: Path) -> bool:
    deps = max(src.stat().st_mtime, Path(__file__).stat().st_mtime,
               Path(render.__file__).stat().st_mtime)
    outs = [out / f"{src.stem}.{v}.pdf" for v in VARIANTS]
    return all(p.is_file() and p.stat().st_mtime >= deps for p in outs)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="", help="comma-separated name prefixes (n18,n19)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--force", action="store_true", help="render even when outputs are fresh")
    args = ap.parse_args(argv)
    only = [p for p in args.only.split(",") if p]
    srcs = sorted(p for p in NEW.glob("*.txt")
                  if not only or any(p.name.startswith(o) for o in only))
    args.out.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    skipped = 0
    for src in srcs:
        if not args.force and _fresh(src, args.out):
            skipped += 1
            continue
        rows.append(render_one(src, args.out))
    print(f"{'document':32} {'scan pages':>10} {'digital layer CER':>18} {'seconds':>8}")
    for r in rows:
        print(f"{r.name:32} {r.pages:>10} {r.layer_cer:>18.4f} {r.seconds:>8.1f}")
    print(f"{len(rows)} rendered, {skipped} up to date, into {args.out} "
          f"({', '.join(VARIANTS)})")


if __name__ == "__main__":
    main()
