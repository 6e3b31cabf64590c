"""Render a text in the seeds' markup as scanned A4 pages with bordered tables (300 dpi).

The OCR benchmark needs pages that are not the sample renderings, so its figures are not tuned
to them: prose is wrapped, TAB rows become a ruled table (an empty first cell continues the
cell above, as a merged day cell), a table that runs over a page break repeats its header row,
and the page is then "scanned": rotated, blurred, greyed, noised and speckled, deterministically
from a seed.

    python -m tools.bench.render data/testdocs/ocr/t1_schedule.txt -o /tmp/t1   # writes PNGs
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 2480, 3508  # A4 at 300 dpi
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 240, 230, 260
FONT_PX = 54  # 13 pt at 300 dpi
LINE_PX = 72
CELL_PAD = 14
HEADER_PX, HEADER_SPLIT = 46, 0.42  # official header: 11 pt, issuer column 42% of the width
# Fonts with the Vietnamese letters (the installed Liberation Serif lacks ộ, ủ ...).
FONT_FILES = (
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)
_MARKUP = re.compile(r"</?[bi]>|\*\*|^#+\s*")


def _font() -> ImageFont.FreeTypeFont:
    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, FONT_PX)
    raise FileNotFoundError("no Noto/DejaVu serif font installed")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and font.getlength(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines or [""]


def _column_widths(rows: list[list[str]], total: int) -> list[int]:
    """Share the width by the longest text per column, no column under 12% of the table."""
    n = max(len(r) for r in rows)
    longest = [max((len(r[c]) if c < len(r) else 0) for r in rows) for c in range(n)]
    weights = [max(w, 1) ** 0.7 for w in longest]
    raw = [total * w / sum(weights) for w in weights]
    floor = 0.12 * total
    fixed = [max(r, floor) for r in raw]
    scale = total / sum(fixed)
    return [int(w * scale) for w in fixed]


class _Pages:
    def __init__(self) -> None:
        self.pages: list[Image.Image] = []
        # What each page shows, line by line, in reading order, as the benchmarks' reference:
        # (text, repeated header row of a continued table?). Kept as it is drawn, so a cell the
        # renderer writes again on a continued page is in the reference of that page.
        self.texts: list[list[tuple[str, bool]]] = []
        self.new_page()

    def new_page(self) -> None:
        self.image = Image.new("L", (WIDTH, HEIGHT), 255)
        self.draw = ImageDraw.Draw(self.image)
        self.pages.append(self.image)
        self.texts.append([])
        self.y = MARGIN_TOP

    def shown(self, line: str, repeated_header: bool = False) -> None:
        self.texts[-1].append((line, repeated_header))

    def room(self) -> int:
        return HEIGHT - MARGIN_BOTTOM - self.y


_PLACE_DATE = re.compile(r",\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")
_RIGHT_HEAD = re.compile(r"^(CỘNG HÒA|Độc lập|ĐẢNG CỘNG SẢN)")


def official_blocks(
    lines: list[str],
) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """(header left, header right, body, footer left, footer right) of a document's lines.

    Official documents put the issuer and number top left, the national motto and the
    place-date top right, the recipients list bottom left and the signature bottom right, so
    OCR and PDF text layers meet two columns there. The header ends at the place-date line
    (first 16 lines only); the footer starts at "Nơi nhận"; without them nothing is split.
    """
    head_end = next((k for k, ln in enumerate(lines[:16]) if _PLACE_DATE.search(ln)), -1)
    head = lines[: head_end + 1]
    left = [ln for ln in head if ln.strip() and not (_RIGHT_HEAD.match(ln.strip())
                                                     or _PLACE_DATE.search(ln))]
    right = [ln for ln in head if ln.strip() and ln not in left]
    rest = lines[head_end + 1:]
    foot = next((k for k in range(len(rest) - 1, -1, -1)
                 if rest[k].strip().startswith("Nơi nhận")), len(rest))
    body, tail = rest[:foot], rest[foot:]
    k = 1
    while k < len(tail) and (tail[k].strip().startswith("-") or not tail[k].strip()):
        k += 1
    while k > 1 and not tail[k - 1].strip():
        k -= 1
    recipients, signature = tail[:k], tail[k:]
    while signature and not signature[0].strip():
        signature = signature[1:]
    while signature and not signature[-1].strip():
        signature = signature[:-1]
    return left, right, body, recipients, signature


def appendix_split(signature: list[str]) -> tuple[list[str], list[str]]:
    """(signature, appendix) of a signature block. A list issued with a decision ("DANH MỤC
    ... (Kèm theo Quyết định số ...)" and its table) follows the signer's name; it is printed
    on a page of its own after the footer, not in the signature column (where its table rows
    ran together). Only a block holding a table row is split, so every other document renders
    as before."""
    if not any("\t" in ln for ln in signature):
        return signature, []
    for k, ln in enumerate(signature):
        t = ln.strip()
        if t and t.upper() != t:  # the signer's name: the first line not in capitals
            rest = signature[k + 1:]
            while rest and not rest[0].strip():
                rest = rest[1:]
            return signature[: k + 1], rest
    return signature, []


def title_block(body: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(lines before, the type line with its title lines, the rest): the first short all-caps
    line ("KẾ HOẠCH", "LỊCH CÔNG TÁC TUẦN 45 ...") and the lines under it up to a blank line,
    which official documents centre under the header."""
    for k, ln in enumerate(body):
        t = ln.strip()
        if not t or "\t" in ln:
            continue
        if t.upper() == t and any(c.isalpha() for c in t) and len(t) <= 70:
            end = k
            while end < len(body) and body[end].strip() and "\t" not in body[end]:
                end += 1
            return body[:k], body[k:end], body[end:]
        break
    return [], [], body


def render_text(text: str, official: bool = False) -> list[np.ndarray]:
    """Clean greyscale page images (uint8, 300 dpi) of `text` in the seeds' markup.

    `official` lays the header and the footer out in two columns (see official_blocks); the
    default keeps the single-column pages the OCR benchmark has always measured.
    """
    return [np.asarray(p, dtype=np.uint8) for p in _render(text, official).pages]


def render_pages(text: str, official: bool = False,
                 ) -> tuple[list[np.ndarray], list[str], list[str]]:
    """The pages of `render_text` with the text each one shows, twice: everything drawn (what a
    page-by-page reader should read), and without a continued table's repeated header row
    (what the pipeline's document text should be: join_page_tables drops that row by design).

    The source text is not the reference of a rendering: a cell cut by a page break is drawn
    again on the continued page (office software does), so it is on the page twice.
    """
    out = _render(text, official)
    images = [np.asarray(p, dtype=np.uint8) for p in out.pages]
    shown = ["\n".join(t for t, _ in page) for page in out.texts]
    joined = ["\n".join(t for t, repeated in page if not repeated) for page in out.texts]
    return images, shown, joined


def _render(text: str, official: bool) -> _Pages:
    font = _font()
    out = _Pages()
    lines = [_MARKUP.sub("", ln).rstrip() for ln in text.split("\n")]
    if not official:
        _flow(out, lines, font, fit=False)
        return out
    h_left, h_right, body, recipients, signature = official_blocks(lines)
    signature, appendix = appendix_split(signature)
    small = ImageFont.truetype(font.path, HEADER_PX)
    _columns(out, h_left, h_right, small, centre_left=True, split=HEADER_SPLIT)
    out.y += LINE_PX // 2
    _titled(out, body, font)
    if recipients or signature:
        out.y += LINE_PX // 2
        _columns(out, recipients, signature, font, centre_left=False)
    if appendix:
        out.new_page()
        _titled(out, appendix, font)
    return out


def _titled(out: _Pages, body: list[str], font: ImageFont.FreeTypeFont) -> None:
    """Body lines with the type line and its title centred."""
    before, title, after = title_block(body)
    _flow(out, before, font, fit=True)
    for ln in title:
        for wrapped in _wrap(ln.strip(), font, WIDTH - 2 * MARGIN_X - 200):
            if out.room() < LINE_PX:
                out.new_page()
            x = (WIDTH - font.getlength(wrapped)) / 2
            out.draw.text((x, out.y), wrapped, fill=0, font=font)
            out.shown(wrapped)
            out.y += LINE_PX
    _flow(out, after, font, fit=True)


def _flow(out: _Pages, lines: list[str], font: ImageFont.FreeTypeFont, fit: bool) -> None:
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            j = i
            while j < len(lines) and "\t" in lines[j]:
                j += 1
            _table(out, [ln.split("\t") for ln in lines[i:j]], font, fit)
            i = j
            continue
        para = lines[i].strip()
        i += 1
        if not para:
            out.y += LINE_PX // 2
            continue
        for wrapped in _wrap(para, font, WIDTH - 2 * MARGIN_X):
            if out.room() < LINE_PX:
                out.new_page()
            out.draw.text((MARGIN_X, out.y), wrapped, fill=0, font=font)
            out.shown(wrapped)
            out.y += LINE_PX


def _fitted_widths(rows: list[list[str]], total: int, font: ImageFont.FreeTypeFont) -> list[int]:
    """No column narrower than its longest word (a date never runs over the cell border), the
    rest of the width shared by the amount of text (to the power 0.7)."""
    n = len(rows[0])
    floor = [max((font.getlength(w) for r in rows for w in r[c].split()), default=0.0)
             + 2 * CELL_PAD + 8 for c in range(n)]
    weight = [sum(len(r[c]) for r in rows) ** 0.7 + 1 for c in range(n)]
    spare = max(total - sum(floor), 0.0)
    widths = [f + spare * w / sum(weight) for f, w in zip(floor, weight, strict=True)]
    return [int(w * total / sum(widths)) for w in widths]


def _columns(out: _Pages, left: list[str], right: list[str], font: ImageFont.FreeTypeFont,
             centre_left: bool, split: float = 0.5) -> None:
    """Two side-by-side blocks, the left one `split` of the width; the right one centred, an
    empty line there is signing room."""
    total = WIDTH - 2 * MARGIN_X
    cols = (int(total * split), total - int(total * split))
    blocks = []
    for c, (lines, centred) in enumerate(((left, centre_left), (right, True))):
        rows: list[tuple[str, bool]] = []
        for ln in lines:
            if not ln.strip():
                rows.append(("", centred))
                continue
            rows += [(w, centred) for w in _wrap(ln.strip(), font, cols[c] - 40)]
        blocks.append(rows)
    height = max(len(b) for b in blocks) * LINE_PX
    if out.room() < height:
        out.new_page()
    for c, rows in enumerate(blocks):
        x0 = MARGIN_X + (cols[0] if c else 0)
        for k, (t, centred) in enumerate(rows):
            x = x0 + (cols[c] - font.getlength(t)) / 2 if centred else x0
            out.draw.text((x, out.y + k * LINE_PX), t, fill=0, font=font)
            out.shown(t)
    out.y += height


def _table(out: _Pages, rows: list[list[str]], font: ImageFont.FreeTypeFont,
           fit: bool = False) -> None:
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    total = WIDTH - 2 * MARGIN_X
    widths = _fitted_widths(rows, total, font) if fit else _column_widths(rows, total)
    xs = [MARGIN_X + sum(widths[:c]) for c in range(n + 1)]
    header = rows[0]
    out.y += LINE_PX // 3

    def row_height(row: list[str]) -> int:
        wrapped = [_wrap(t, font, widths[c] - 2 * CELL_PAD) for c, t in enumerate(row)]
        return max(len(w) for w in wrapped) * LINE_PX + 2 * CELL_PAD

    def draw_row(row: list[str], top: int, continues_above: bool,
                 repeated_header: bool = False) -> int:
        h = row_height(row)
        d = out.draw
        out.shown("\t".join(row), repeated_header)
        for c, t in enumerate(row):
            # The first column's top line is left out where its cell continues the one above.
            if not (c == 0 and continues_above):
                d.line([(xs[c], top), (xs[c + 1], top)], fill=0, width=3)
            for k, wl in enumerate(_wrap(t, font, widths[c] - 2 * CELL_PAD)):
                d.text((xs[c] + CELL_PAD, top + CELL_PAD + k * LINE_PX), wl, fill=0, font=font)
        for x in xs:
            d.line([(x, top), (x, top + h)], fill=0, width=3)
        return h

    def close(bottom: int) -> None:
        out.draw.line([(xs[0], bottom), (xs[-1], bottom)], fill=0, width=3)

    top = out.y
    top += draw_row(header, top, False)
    for r, row in enumerate(rows[1:], start=1):
        if top + row_height(row) > HEIGHT - MARGIN_BOTTOM:
            close(top)
            out.new_page()
            top = out.y
            top += draw_row(header, top, False, repeated_header=True)
            # A day cell cut by the break shows its text again, as office software does.
            first = row if row[0] else [_last_day(rows, r), *row[1:]]
            top += draw_row(first, top, False)
            continue
        top += draw_row(row, top, continues_above=not row[0])
    close(top)
    out.y = top + LINE_PX // 2


def _last_day(rows: list[list[str]], r: int) -> str:
    for k in range(r - 1, 0, -1):
        if rows[k][0]:
            return rows[k][0]
    return ""


def scan(page: np.ndarray, seed: int, angle_max: float = 1.5, *, blur: float = 1.1,
         noise: float = 7.0, specks: tuple[int, int] = (200, 500),
         quality: int = 60) -> np.ndarray:
    """Photocopy-like damage: rotation, blur, uneven grey paper, noise, specks, JPEG at 200 dpi.

    The defaults are the photocopy ("medium") damage the OCR benchmark has always used; the
    keywords let tools/bench/testdocs.py make a lighter scan from the same code.
    """
    rng = np.random.default_rng(seed)
    h, w = page.shape
    angle = float(rng.uniform(-angle_max, angle_max))
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    img = cv2.warpAffine(page, rot, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    img = cv2.GaussianBlur(img, (0, 0), blur).astype(np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    paper = 225 + 20 * np.cos(xx / w * np.pi * rng.uniform(0.5, 1.5)) * np.cos(yy / h * np.pi)
    img = img / 255.0 * paper + rng.normal(0, noise, img.shape)
    for _ in range(int(rng.integers(*specks))):
        y, x = int(rng.integers(0, h - 3)), int(rng.integers(0, w - 3))
        img[y: y + 2, x: x + 2] = 40
    small = cv2.resize(np.clip(img, 0, 255).astype(np.uint8), (w * 2 // 3, h * 2 // 3),
                       interpolation=cv2.INTER_AREA)
    ok, jpeg = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    decoded = cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)
    if decoded is None:
        raise RuntimeError("JPEG decoding failed")
    out: np.ndarray = cv2.resize(decoded, (w, h), interpolation=cv2.INTER_CUBIC)
    return out


def scanned_document(text: str, seed: int) -> list[np.ndarray]:
    return [scan(p, seed * 100 + i) for i, p in enumerate(render_text(text))]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("text", type=Path)
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for i, img in enumerate(scanned_document(args.text.read_text(encoding="utf-8"), args.seed)):
        Image.fromarray(img).save(args.out / f"page{i + 1}.png")


if __name__ == "__main__":
    main()
