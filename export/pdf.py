"""Searchable PDFs: the original pages with an invisible layer of vanban's final text.

OUT/pdf/<doc_id>.pdf. The text layer is made by fpdf2 (embedded, subset DejaVu Sans, so the
restored diacritics extract as Unicode; text render mode 3 = invisible), one word at a time
at its box, in vanban's reading order: a table page's words come row by row, as in
`pages.text`. It is laid over the source:

- PDF sources keep their original page objects (images not re-encoded, via pikepdf); OCR'd
  pages first lose any invisible text an earlier OCR left (e.g. a garbled English layer), so
  the file carries one reading, vanban's. Text-layer pages already carry their (good) text
  and are left as they are.
- Image sources (PNG/JPEG/TIFF): each frame becomes a page at its resolution (JPEG files are
  embedded as they are; other images losslessly).
- Text sources: the text, visible, on A4 pages (there is no image).

Every file is then made PDF/A-2b where the tools allow: pikepdf.pdfa adds the sRGB output
intent (the profile pikepdf ships), the XMP metadata declaring part 2, level B, in agreement
with the document information, fixes annotation flags and image interpolation, and validates
the bytes it wrote against its allowlist of PDF/A-2b constructs. It never re-encodes an
image or touches page content (the images stay byte for byte the source's). A file it does
not approve (e.g. a font the source did not embed, or a construct its allowlist does not know)
is written as a plain searchable PDF and the reason logged. Ghostscript (`gs -dPDFA=2`) was
measured and not taken: it re-encoded the sample scan's JPEG images (other bytes, other sizes,
also with -dPassThroughJPEGImages) and, without a hand-written PDFA_def.ps, wrote no output
intent, so its file failed validation.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import pikepdf
import pikepdf.pdfa
from fpdf import FPDF
from fpdf.enums import TextMode

from vanban.export.bundle import DocBundle, Row, write_text_atomic
from vanban.export.geometry import Frame, page_frame
from vanban.export.images import opened, source_file

log = logging.getLogger("vanban")
logging.getLogger("fontTools").setLevel(logging.WARNING)  # its subsetter logs every glyph
logging.getLogger("pikepdf").setLevel(logging.WARNING)

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
FONT = "vanban"
# How far (times the font size) the words of one row may follow a skewed line's slope up or
# down from the row's middle; text extractors split a line whose baselines spread by ~0.5.
MAX_TILT = 0.2


def _font_path() -> str:
    for cand in FONT_CANDIDATES:
        if Path(cand).is_file():
            return cand
    found = sorted(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"))
    if not found:
        from vanban.errors import MissingDependencyError

        raise MissingDependencyError("no Unicode TrueType font (fonts-dejavu-core) for the PDF "
                                     "text layer")
    return str(found[0])


def _new_pdf() -> FPDF:
    pdf = FPDF(unit="pt")
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.add_font(FONT, fname=_font_path())
    pdf.set_creator("vanban")
    return pdf


def _output(pdf: FPDF) -> bytes:
    """The document's bytes, with the font files fpdf2 keeps open (fontTools reads them
    lazily) closed: left to the garbage collector, their ResourceWarning fired inside
    pikepdf's PDF/A validator, which had turned warnings into errors, and failed the file."""
    try:
        return bytes(pdf.output())
    finally:
        _close_fonts(pdf)


def _close_fonts(pdf: FPDF) -> None:
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.close()


def _rows(boxes: list[tuple[int, float, float, float, float]]
          ) -> dict[int, tuple[float, float]]:
    """{index: (baseline, font size)}: words of one visual row share both.

    Boxes vary in height (accents, descenders); text extractors start a new line when the
    baseline or size jumps, so each row of overlapping boxes gets its median bottom and
    median height.
    """
    out: dict[int, tuple[float, float]] = {}
    row: list[tuple[int, float, float, float, float]] = []

    def flush() -> None:
        if row:
            bottoms = sorted(b[2] + b[4] for b in row)
            heights = sorted(b[4] for b in row)
            base, size = bottoms[len(row) // 2], heights[len(row) // 2]
            for b in row:
                out[b[0]] = (base - 0.12 * size, size)
            row.clear()

    for b in boxes:
        if row:
            top = min(r[2] for r in row)
            bottom = max(r[2] + r[4] for r in row)
            overlap = min(bottom, b[2] + b[4]) - max(top, b[2])
            if b[1] < row[-1][1] or overlap < 0.5 * min(b[4], bottom - top):
                flush()
        row.append(b)
    flush()
    return out


def _placed(words: Sequence[Row], scale: tuple[float, float], page_width: float = 1e9
            ) -> list[tuple[str, float, float, float, float]]:
    """(text, x, baseline, width, font size) in points for every word of a page.

    A word without a box (OCR box and text did not pair up) goes right after the previous
    word, or at the start of the next line when that would leave the page (text outside
    the page is dropped by extractors), so the layer still holds the whole page text.
    """
    sx, sy = scale
    boxes = [(i, w["x0"] * sx, w["y0"] * sy, max(1.0, (w["x1"] - w["x0"]) * sx),
              max(1.0, (w["y1"] - w["y0"]) * sy))
             for i, w in enumerate(words) if w["x0"] is not None]
    rows = _rows(boxes)
    by_index = {b[0]: b for b in boxes}
    out: list[tuple[str, float, float, float, float]] = []
    prev: tuple[float, float, float, float] | None = None
    for i, w in enumerate(words):
        text = str(w["text"])
        if i in by_index:
            _, x, _, bw, _ = by_index[i]
            base, size = rows[i]
        elif prev is not None:
            x, base, bw, size = prev[0] + prev[2] + 0.3 * prev[3], prev[1], 0.0, prev[3]
            if x + 0.5 * size * len(text) > page_width:
                x, base = 10.0, base + 1.2 * size
        else:
            x, base, bw, size = 10.0, 20.0, 0.0, 10.0
        out.append((text, x, base, bw, size))
        prev = (x, base, bw or 0.5 * size * len(text), size)
    return out


def _text_layer(pdf: FPDF, words: Sequence[Row], frame: Frame) -> None:
    """Invisible words on the current page, stretched to their boxes, on the visible words.

    The boxes were measured on OCR's picture: the page turned upright by quarter turns, then
    levelled by a few degrees. Rows (shared baseline and size) are found there; each word is
    then carried back onto the original page image (the middle of its baseline, through
    `Frame`) and drawn there, turned by the quarter turns so it runs along the visible line.
    The small deskew angle is not given to the glyphs (each word stays level, centred on its
    visible word), and along a row the words may follow the slope of the visible line only
    within +-MAX_TILT of the font size around the row's middle: text extractors (pdftotext,
    viewers' copy) start a new line once the baselines of one line spread by about half the
    font size, and a skewed scan's line does that within a page width (a row per word
    position scrambled pdftotext's default mode: CER 9.5-31% on the sample scans against
    0.7-21% level). So a word is placed exactly where the drift stays within that band, and
    at most (drift - MAX_TILT x size) off beyond it, at the far ends of long skewed lines.
    """
    sx, sy = pdf.w / frame.width, pdf.h / frame.height
    k = math.sqrt(sx * sy)  # pixels -> points (equal on both axes for any sane page)
    turned_w, _ = frame.turned_size
    angle = frame.text_angle
    placed = _placed(words, (1.0, 1.0), turned_w)
    # the middle of each word's baseline on the upright, not levelled picture, by row
    mids = [frame.unlevel(x + (bw or 0.5 * bh * len(text)) / 2, base)
            for text, x, base, bw, bh in placed]
    rows: dict[tuple[float, float], list[float]] = {}
    for (_, _, base, _, bh), (_, uy) in zip(placed, mids, strict=True):
        rows.setdefault((base, bh), []).append(uy)
    middle = {key: sorted(ys)[len(ys) // 2] for key, ys in rows.items()}
    pdf.text_mode = TextMode.INVISIBLE
    for (text, _, base, bw, bh), (ux, uy) in zip(placed, mids, strict=True):
        mid, band = middle[(base, bh)], MAX_TILT * bh
        uy = min(mid + band, max(mid - band, uy))
        # a photo's sheet was scaled and foreshortened: sizes as they are on the photo
        local = frame.scale_at(ux, uy)
        size = max(2.0, min(bh * k * local, 72.0))
        pdf.set_font(FONT, size=size)
        natural = pdf.get_string_width(text)
        width = bw * k * local or natural
        stretch = (100.0 if not bw or not natural
                   else max(10.0, min(1000.0, 100 * width / natural)))
        ox, oy = frame.upright_to_original(ux, uy)
        cx, cy = ox * sx, oy * sy
        with pdf.rotation(angle, x=cx, y=cy) if angle else nullcontext():
            pdf.set_stretching(stretch)
            pdf.text(cx - width / 2, cy, text)
            # An unstretched space after the box: text extractors split words on it (a
            # stretched trailing space shrank below their word-gap threshold).
            pdf.set_stretching(100)
            pdf.text(cx + width / 2, cy, " ")
    pdf.text_mode = TextMode.FILL


def _strip_invisible_text(pdf: pikepdf.Pdf, obj: Any, depth: int = 0) -> int:
    """Drop BT..ET blocks drawn in render mode 3 (an earlier OCR's layer); returns blocks."""
    dropped = 0
    resources = obj.get("/Resources") if depth else obj.obj.get("/Resources")
    xobjects = resources.get("/XObject") if resources is not None else None
    if xobjects is not None and depth < 3:
        for _, xo in xobjects.items():
            if xo.get("/Subtype") == "/Form":
                dropped += _strip_invisible_text(pdf, xo, depth + 1)
    ops = pikepdf.parse_content_stream(obj)
    kept: list[Any] = []
    block: list[Any] | None = None
    for ins in ops:
        op = str(ins.operator)
        if op == "BT":
            block = [ins]
            continue
        if block is not None:
            block.append(ins)
            if op == "ET":
                invisible = any(str(i.operator) == "Tr" and int(i.operands[0]) == 3
                                for i in block)
                if invisible:
                    dropped += 1
                else:
                    kept.extend(block)
                block = None
            continue
        kept.append(ins)
    if block:
        kept.extend(block)
    if dropped:
        data = pikepdf.unparse_content_stream(kept)
        if depth:
            obj.write(data)
        else:
            obj.obj.Contents = pdf.make_stream(data)
    return dropped


def _turns(bundle: DocBundle) -> dict[int, tuple[int, float, tuple[float, ...] | None]]:
    """{page_no: (rotation, deskew, perspective)} of the pages OCR turned or, for a phone
    photo, straightened (`pages` columns)."""
    out: dict[int, tuple[int, float, tuple[float, ...] | None]] = {}
    for p in bundle.pages:
        if p.get("method") != "ocr":
            continue
        h = p.get("perspective")
        homography = tuple(float(v) for v in h) if h is not None and len(h) == 9 else None
        out[int(p["page_no"])] = (int(p.get("rotation") or 0), float(p.get("deskew") or 0.0),
                                  homography)
    return out


def _pdf_source(path: Path, bundle: DocBundle) -> bytes:
    words = bundle.words_by_page()
    methods = {int(p["page_no"]): str(p["method"]) for p in bundle.pages}
    turns = _turns(bundle)
    layer = _new_pdf()
    layered: list[int] = []
    with opened(path, "pdf") as src:
        for page_no, method in methods.items():
            if method != "ocr" or page_no > src.n_pages or not words.get(page_no):
                continue
            pw, ph = src.page_points(page_no - 1)
            bw, bh = src.box_space(page_no - 1, method)
            layer.add_page(format=(pw, ph))
            _text_layer(layer, words[page_no],
                        page_frame((bw, bh), turns.get(page_no), words[page_no]))
            layered.append(page_no)
    if not layered:
        _close_fonts(layer)
    overlay = pikepdf.open(io.BytesIO(_output(layer))) if layered else None
    with pikepdf.open(path) as pdf:
        for i, page_no in enumerate(layered):
            page = pdf.pages[page_no - 1]
            _strip_invisible_text(pdf, page)
            assert overlay is not None
            page.add_overlay(overlay.pages[i], None)
        buf = io.BytesIO()
        pdf.docinfo["/Producer"] = "vanban (fpdf2 text layer, pikepdf)"
        pdf.save(buf)
    return buf.getvalue()


def _image_source(path: Path, fmt: str, bundle: DocBundle) -> bytes:
    words = bundle.words_by_page()
    pdf = _new_pdf()
    methods = {int(p["page_no"]): str(p["method"]) for p in bundle.pages}
    turns = _turns(bundle)
    with opened(path, fmt) as src:
        for page_no in range(1, src.n_pages + 1):
            pw, ph = src.page_points(page_no - 1)
            pdf.add_page(format=(pw, ph))
            if fmt == "jpeg" and src.n_pages == 1:
                pdf.image(str(path), x=0, y=0, w=pw, h=ph)  # embedded as it is (DCT)
            else:
                pdf.image(src.frame_copy(page_no - 1), x=0, y=0, w=pw, h=ph)
            if words.get(page_no):
                bw, bh = src.box_space(page_no - 1, methods.get(page_no, "ocr"))
                _text_layer(pdf, words[page_no],
                            page_frame((bw, bh), turns.get(page_no), words[page_no]))
    return _output(pdf)


def _text_source(bundle: DocBundle) -> bytes:
    pdf = _new_pdf()
    for page in bundle.pages:
        pdf.add_page(format="A4")
        pdf.set_margin(50)
        pdf.set_xy(50, 50)
        pdf.set_font(FONT, size=10)
        for line in str(page["text"] or "").split("\n"):
            pdf.multi_cell(0, 13, line.replace("\t", "  |  ") or " ",
                           new_x="LMARGIN", new_y="NEXT")
    return _output(pdf)


# Keys ISO 32000-1 defines for two catalog dictionaries (Tables 321 and 150). Some producers
# (Skia, Chrome's PDF printer) add /Type to both; the key means nothing there, and pikepdf's
# PDF/A allowlist refuses a dictionary with keys it does not know.
_DEFINED_KEYS = {
    "/MarkInfo": {"/Marked", "/UserProperties", "/Suspects"},
    "/ViewerPreferences": {
        "/HideToolbar", "/HideMenubar", "/HideWindowUI", "/FitWindow", "/CenterWindow",
        "/DisplayDocTitle", "/NonFullScreenPageMode", "/Direction", "/ViewArea", "/ViewClip",
        "/PrintArea", "/PrintClip", "/PrintScaling", "/Duplex", "/PickTrayByPDFSize",
        "/PrintPageRange", "/NumCopies", "/Enforce"},
}


def _drop_undefined_keys(pdf: pikepdf.Pdf) -> None:
    for name, keys in _DEFINED_KEYS.items():
        d = pdf.Root.get(name)
        if isinstance(d, pikepdf.Dictionary):
            for key in [str(k) for k in d if str(k) not in keys]:
                del d[key]


def as_pdfa(data: bytes, title: str) -> tuple[bytes, str | None]:
    """(PDF/A-2b bytes, None), or (the bytes as they were, why not) when pikepdf's PDF/A
    preparation cannot make a file its validator approves."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if isinstance(pdf.Root.get("/OpenAction"), pikepdf.Array):
                # A plain destination (fpdf2 always writes one: page 1, default zoom) only
                # sets the first view; PDF/A allows it, pikepdf's allowlist does not know it.
                del pdf.Root["/OpenAction"]
            _drop_undefined_keys(pdf)
            pdf.docinfo["/Title"] = title
            pdf.docinfo["/Creator"] = "vanban"
            buf = io.BytesIO()
            pikepdf.pdfa.save(pdf, buf, "2b")
            return buf.getvalue(), None
    except pikepdf.pdfa.PdfaError as exc:
        findings = exc.report.findings
        why = "; ".join(f"{f.rule}: {f.message}" for f in findings[:3])
        more = f" (+{len(findings) - 3} more)" if len(findings) > 3 else ""
        return data, (why or str(exc)) + more
    except (pikepdf.PdfError, ValueError) as exc:
        return data, f"{type(exc).__name__}: {exc}"


def searchable_pdf(out: Path, bundle: DocBundle) -> bytes | None:
    """The searchable PDF's bytes (PDF/A-2b where the tools allow), or None when the source
    file is gone or changed."""
    doc = bundle.document
    fmt = str(doc["source_format"])
    if fmt == "text":
        data = _text_source(bundle)
    else:
        path = source_file(str(doc["source_path"]), str(doc["sha256"]), out)
        if path is None:
            return None
        data = _pdf_source(path, bundle) if fmt == "pdf" else _image_source(path, fmt, bundle)
    title = str(doc.get("title") or Path(str(doc["source_path"])).name)
    data, why = as_pdfa(data, title)
    if why is not None:
        log.warning("pdf: %s: not PDF/A-2b (%s); written as a plain searchable PDF",
                    doc["source_path"], why)
    return data


def write_pdfs(out: Path | str, bundles: Sequence[DocBundle]) -> list[Path]:
    """Write OUT/pdf/<doc_id>.pdf for every document whose source is still there."""
    out = Path(out)
    written = []
    for bundle in bundles:
        data = searchable_pdf(out, bundle)
        if data is None:
            log.warning("pdf: %s: source file not found (or changed); no PDF",
                        bundle.document["source_path"])
            continue
        dest = out / "pdf" / f"{bundle.doc_id}.pdf"
        write_text_atomic(dest, data)
        written.append(dest)
    return written
