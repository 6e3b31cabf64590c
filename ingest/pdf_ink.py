"""Should this PDF page have ink? Asked of a page that rendered blank.

A blank render is a truly blank page (an empty separator sheet, the scan of a blank back) or a
damaged one: a content stream that no longer inflates, an image whose data is cut short, an
image the page draws but no longer has. PDFium draws what it can and says nothing, so the
damaged page rendered white and was recorded "blank page (no ink)" with no warning (issue 15).
Here the page's own content is read a second way (pikepdf/qpdf) and a damaged page is told
apart by evidence that something should have been drawn:

- a content stream (the page's, or a form's it draws) that cannot be decoded or parsed;
- an image it draws that is missing or cannot be decoded, or whose own ink, at the size it is
  placed on the page, would not have rendered blank;
- visible text (not render mode 3/7, not filled white) shown on it;
- drawing operators that PDFium parsed none of.

What is not evidence, because a truly blank page has it too: an image whose pixels are blank
(a blank scan), white fills (page backgrounds), clipping, invisible OCR text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pikepdf
import pypdfium2 as pdfium

from vanban.ingest.blank import INK_LEVEL, MIN_INK_SHARE

_TEXT_SHOW = {"Tj", "TJ", "'", '"'}
_PATH_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}
_INVISIBLE_MODES = {3, 7}  # text render modes that paint nothing (OCR layers use 3)
_MAX_FORM_DEPTH = 4
_MAX_OPS = 200_000  # a page with more operators than this is not blank: stop counting


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_PX_PER_PT = 300 / 72  # the OCR render's resolution (ingest/render.py)


@dataclass
class _Seen:
    """What walking the content streams found."""

    page_px: float  # pixels of the page at the render's resolution
    drawing_ops: int = 0  # any operator that paints (text, path, image, shading)
    evidence: list[str] = field(default_factory=list)

    def note(self, why: str) -> None:
        if why not in self.evidence:
            self.evidence.append(why)


@dataclass
class _State:
    """The graphics state this walk needs, saved and restored by q/Q."""

    fill_white: bool = False
    text_mode: int = 0
    ctm: Matrix = _IDENTITY


def expected_ink(path: Path, page_index: int) -> str | None:
    """Why page `page_index` (0-based) of the PDF should have ink, or None (truly blank).

    Never raises: a file pikepdf cannot open at all is evidence in itself.
    """
    try:
        with pikepdf.open(path) as pdf:
            page = pdf.pages[page_index]
            box = [float(v) for v in page.mediabox]
            area = abs((box[2] - box[0]) * (box[3] - box[1])) * _PX_PER_PT ** 2
            seen = _Seen(page_px=area)
            _walk(page.obj, _resources(page.obj), "page", seen, 0, _IDENTITY)
            if not seen.evidence and not seen.drawing_ops:
                _lost_content(pdf, page.obj, seen, str(path))
    except (pikepdf.PdfError, OSError, ValueError, IndexError, KeyError) as exc:
        return f"its PDF structure cannot be read ({type(exc).__name__}: {exc})"
    if seen.evidence:
        return "; ".join(seen.evidence[:3]) + (
            f" (+{len(seen.evidence) - 3} more)" if len(seen.evidence) > 3 else "")
    if seen.drawing_ops and _pdfium_objects(path, page_index) == 0:
        return (f"its content has {seen.drawing_ops} drawing operator(s) but the renderer "
                "parsed none of them")
    return None


def _lost_content(pdf: Any, page: Any, seen: _Seen, where: str) -> None:
    """A page that draws nothing in a file qpdf had to repair, while its resources hold an
    image with ink: its content stream was lost with the damage (a fuzzed scan's page whose
    /Contents object could not be found again). A blank page in an undamaged file, or one
    whose resources hold no inked image, is not flagged."""
    warnings = [str(w).replace(where, "").lstrip(": ") for w in pdf.get_warnings()]
    if not warnings:
        return
    xobjects = _resources(page).get("/XObject")
    if not isinstance(xobjects, pikepdf.Dictionary):
        return
    for name, xobj in xobjects.items():
        if not isinstance(xobj, pikepdf.Stream) or xobj.get("/Subtype") != "/Image":
            continue
        try:
            pixels = np.asarray(pikepdf.PdfImage(xobj).as_pil_image().convert("L"))
        except Exception:  # undecodable: no ink to speak of
            continue
        if pixels.size and np.count_nonzero(pixels < INK_LEVEL) >= 50:
            seen.note(f"the file is damaged ({_short(Exception(warnings[-1]))}) and the page "
                      f"draws nothing, while its image {name} has ink: its content was lost")
            return


def _resources(obj: Any) -> Any:
    res = obj.get("/Resources")
    return res if isinstance(res, pikepdf.Dictionary) else pikepdf.Dictionary()


def _walk(holder: Any, resources: Any, what: str, seen: _Seen, depth: int,
          ctm: Matrix) -> None:
    """Parse the content of `holder` (a page or a form XObject) and note drawing evidence."""
    try:
        ops = pikepdf.parse_content_stream(holder)
    except pikepdf.PdfError as exc:
        seen.note(f"the {what}'s content stream cannot be decoded ({_short(exc)})")
        return
    stack = [_State(ctm=ctm)]
    for instruction in ops[:_MAX_OPS]:
        operands, name = instruction.operands, str(instruction.operator)
        gs = stack[-1]
        if name == "q":
            stack.append(_State(gs.fill_white, gs.text_mode, gs.ctm))
        elif name == "Q" and len(stack) > 1:
            stack.pop()
        elif name in ("g", "rg", "k", "sc", "scn"):
            gs.fill_white = _is_white(name, operands)
        elif name == "Tr" and operands:
            gs.text_mode = int(operands[0])
        elif name == "cm":
            gs.ctm = _times(_matrix(operands), gs.ctm)
        elif name in _TEXT_SHOW:
            seen.drawing_ops += 1
            if gs.text_mode not in _INVISIBLE_MODES and not gs.fill_white \
                    and _has_glyphs(operands):
                seen.note(f"the {what} shows text")
        elif name in _PATH_PAINT or name == "sh":
            seen.drawing_ops += 1
        elif name == "Do" and operands:
            seen.drawing_ops += 1
            _draw_xobject(str(operands[0]), resources, what, seen, depth, gs.ctm)
        elif name == "INLINE IMAGE" and operands:
            seen.drawing_ops += 1
            _check_image(operands[0].as_pil_image, f"an inline image in the {what}", seen,
                         gs.ctm)


def _draw_xobject(name: str, resources: Any, what: str, seen: _Seen, depth: int,
                  ctm: Matrix) -> None:
    xobjects = resources.get("/XObject")
    xobj = xobjects.get(name) if isinstance(xobjects, pikepdf.Dictionary) else None
    if not isinstance(xobj, pikepdf.Stream):
        seen.note(f"the {what} draws {name}, which the file does not have")
        return
    subtype = xobj.get("/Subtype")
    if subtype == "/Image":
        _check_image(lambda: pikepdf.PdfImage(xobj).as_pil_image(), f"image {name}", seen, ctm)
    elif subtype == "/Form" and depth < _MAX_FORM_DEPTH:
        form_res = xobj.get("/Resources")
        form_ctm = _times(_matrix(xobj.get("/Matrix") or []), ctm)
        _walk(xobj, form_res if isinstance(form_res, pikepdf.Dictionary) else resources,
              f"form {name}", seen, depth + 1, form_ctm)


def _check_image(decode: Any, what: str, seen: _Seen, ctm: Matrix) -> None:
    """A drawn image that cannot be decoded, or whose ink, at the size it is placed on the
    page, would have passed the blank test: the render should not have come out blank."""
    try:
        pixels = np.asarray(decode().convert("L"))
    except Exception as exc:  # PIL and pikepdf raise many unrelated types on bad image data
        seen.note(f"{what} cannot be decoded ({_short(exc)})")
        return
    if not pixels.size:
        return
    dark_share = float(np.count_nonzero(pixels < INK_LEVEL)) / pixels.size
    placed_px = abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]) * _PX_PER_PT ** 2  # unit square -> page
    expected = dark_share * placed_px
    if expected >= max(50.0, MIN_INK_SHARE * seen.page_px):
        seen.note(f"{what} has ink of its own (about {expected:,.0f} dark pixels where it is "
                  "placed), none of which was rendered")


def _matrix(operands: Any) -> Matrix:
    try:
        values = [float(v) for v in operands]
    except (TypeError, ValueError):
        return _IDENTITY
    if len(values) != 6:
        return _IDENTITY
    return (values[0], values[1], values[2], values[3], values[4], values[5])


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m x n in PDF's row-vector convention: apply m, then n."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _is_white(op: str, operands: Any) -> bool:
    try:
        values = [float(v) for v in operands]
    except (TypeError, ValueError):
        return False  # a pattern or named colour: not known to be white
    if op == "k":
        return len(values) == 4 and all(v <= 0.0 for v in values)
    return bool(values) and all(v >= 1.0 for v in values)


def _has_glyphs(operands: Any) -> bool:
    for value in operands:
        if isinstance(value, pikepdf.String) and len(bytes(value)):
            return True
        if isinstance(value, pikepdf.Array) and any(
                isinstance(v, pikepdf.String) and len(bytes(v)) for v in value):
            return True
    return False


def _pdfium_objects(path: Path, page_index: int) -> int:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return 0
    try:
        return sum(1 for _ in pdf[page_index].get_objects(max_depth=1))
    except pdfium.PdfiumError:
        return 0
    finally:
        pdf.close()


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
