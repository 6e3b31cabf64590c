"""Read a PDF's text layer the way a reader sees the page.

pdfplumber gives words with positions; we rebuild lines, render ruled tables as TAB-separated
rows (merged cells empty, as in the seeds' markup) and put two-column blocks (issuer | motto,
"Nơi nhận" | signature) in reading order (vanban.layout): left block, then right block.

Each page's words also come out with their boxes, in the order of the page text and in page
pixels at OCR_DPI (not PDF points), so a text-layer page and an OCR'd page share one coordinate
system: the words table, the QA report's page image and the searchable PDF need no second case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber

from vanban.layout import LineGeom, Word, build_lines, geom_of, line_styles, reading_order
from vanban.models.records import BBox, LineStyle, OcrWord

GAP_PT = 18.0  # a horizontal gap this wide separates two columns on one visual line
MIN_TEXT_CHARS = 3
OCR_DPI = 300  # the resolution ocr/ renders pages at: word boxes are given in its pixels
LAYER_CONF = -1.0  # a text layer has no recognition confidence (words_for_page stores None)
# Font names of bold faces: "DejaVuSerif-Bold", "TimesNewRomanPS-BoldMT", "Arial,Bold",
# "Roboto-Black", "...SemiBold"; a subset prefix ("ABCDEF+") does not matter.
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,B\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LayerPage:
    """A page's text layer: its text and its words with boxes (page pixels at OCR_DPI)."""

    text: str
    words: tuple[OcrWord, ...] = ()
    size: tuple[int, int] | None = None  # (width, height) of the page in those pixels
    lines: tuple[LineStyle, ...] = ()  # one per line of `text` (vanban.layout.line_styles)


def pdf_text_layers(path: Path, n_pages: int, bad: Sequence[int] = ()) -> list[str | None]:
    """One string per page, None where the page has no text layer (see `pdf_layer_pages`)."""
    return [p.text if p is not None else None for p in pdf_layer_pages(path, n_pages, bad)]


def pdf_layer_pages(path: Path, n_pages: int, bad: Sequence[int] = ()
                    ) -> list[LayerPage | None]:
    """One LayerPage per page, None where the page has no text layer at all (or an unreadable
    one).

    `bad` are the 0-based pages the renderer could not load. pdfminer skips such damaged page
    objects, so its page list is then shorter; it is matched to the loadable pages in order when
    the counts agree, and no layer is trusted when they do not (OCR is safe, a shifted layer
    is not).
    """
    out: list[LayerPage | None] = [None] * n_pages
    with pdfplumber.open(str(path)) as pdf:
        pages = pdf.pages
        if len(pages) >= n_pages:
            where = list(range(n_pages))
        elif len(pages) == n_pages - len(bad):
            where = [i for i in range(n_pages) if i not in set(bad)]
        else:
            return out
        for i, page in zip(where, pages, strict=False):
            try:
                out[i] = _page_text(page)
            except Exception:  # pdfminer raises many unrelated types on one damaged page
                out[i] = None  # the page is OCR'd instead
            finally:
                page.close()
    return out


def _inside(word: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in boxes)


def _cell_words(words: list[dict[str, Any]], table: Any) -> list[list[dict[str, Any]]]:
    """Per table row (as `table.extract()` gives them), the words inside its cells, cell by
    cell, each cell's words line by line: the order of the row's TAB line."""
    out: list[list[dict[str, Any]]] = []
    for row in table.rows:
        got: list[dict[str, Any]] = []
        for cell in row.cells:
            if cell is None:
                continue
            inside = [w for w in words if _inside(w, [cell])]
            got += sorted(inside, key=lambda w: (round(w["top"] / 3), w["x0"]))
        out.append(got)
    return out


def _ocr_words(lines: list[list[dict[str, Any]]], width: float,
               height: float) -> tuple[OcrWord, ...]:
    """pdfplumber words (PDF points) as OcrWords in page pixels at OCR_DPI, with line numbers.

    Boxes are clamped to the page: a damaged or hostile PDF can place words at absurd
    coordinates (the fuzz test found 2.8e9 px, which no int32 column holds)."""
    k = OCR_DPI / 72
    w_px, h_px = _px_size(width, height)

    def px(v: float, top: int) -> int:
        return min(max(int(v * k), 0), top) if v == v else 0  # v != v: NaN

    out: list[OcrWord] = []
    for line_no, ws in enumerate(lines, start=1):
        for w in ws:
            x0, y0 = min(px(w["x0"], w_px), w_px - 1), min(px(w["top"], h_px), h_px - 1)
            box = BBox(x0, y0, max(x0 + 1, px(w["x1"], w_px)),
                       max(y0 + 1, px(w["bottom"], h_px)))
            text = unicodedata.normalize("NFC", str(w["text"]))
            out.append(OcrWord(text=text, bbox=box, conf=LAYER_CONF, line_no=line_no))
    return tuple(out)


def _bold_share(words: Sequence[dict[str, Any]]) -> float | None:
    fonts = [str(c.get("fontname", "")) for w in words for c in w.get("chars", ())
             if not str(c.get("text", " ")).isspace()]
    return sum(1 for f in fonts if _BOLD_FONT.search(f)) / len(fonts) if fonts else None


def _geom(words: list[dict[str, Any]]) -> LineGeom | None:
    """A free text line's shape and its share of bold glyphs (table rows get none)."""
    if not words:
        return None
    return geom_of([Word(w["x0"], w["x1"], w["top"], w["bottom"], w["text"]) for w in words],
                   bold=_bold_share(words))


def _page_text(page: Any) -> LayerPage | None:
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, return_chars=True)
    if sum(len(w["text"]) for w in words) < MIN_TEXT_CHARS:
        return None
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, list[str], list[list[dict[str, Any]]], bool]] = []
    for t in tables:
        rows = []
        for row in t.extract():
            cells = [" ".join((c or "").split()) for c in row]
            rows.append("\t".join(cells))
        per_row = _cell_words(words, t)
        items.append((t.bbox[1], rows, per_row if len(per_row) == len(rows) else [], True))
    free_words = [w for w in words if not _inside(w, boxes)]
    free = [Word(w["x0"], w["x1"], w["top"], w["bottom"], w["text"]) for w in free_words]
    by_word = {id(f): w for f, w in zip(free, free_words, strict=True)}
    lines = build_lines(free, GAP_PT)
    for block in reading_order(lines, float(page.width), [b[1] for b in boxes]):
        items.append((block.top, [text for text, _ in block.lines],
                      [[by_word[id(w)] for w in ws if id(w) in by_word]
                       for _, ws in block.lines], False))
    items.sort(key=lambda it: it[0])
    text_lines = [line for _, rows, _, _ in items for line in rows]
    word_lines: list[list[dict[str, Any]]] = []
    geoms: list[LineGeom | None] = []
    for _, rows, ws, is_table in items:  # a block without words: a table whose rows did not
        word_lines += ws if ws else [[] for _ in rows]  # pair up
        geoms += [None] * len(rows) if is_table or not ws else [_geom(w) for w in ws]
    return LayerPage("\n".join(text_lines),
                     _ocr_words(word_lines, float(page.width), float(page.height)),
                     _px_size(float(page.width), float(page.height)),
                     line_styles(geoms))


def _px_size(width: float, height: float) -> tuple[int, int]:
    """The page's size in pixels at OCR_DPI, as `_ocr_words` measures boxes."""
    k = OCR_DPI / 72
    return max(1, int(width * k)), max(1, int(height * k))
