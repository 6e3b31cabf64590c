"""From the picture OCR read back to the page as it is in the file.

ocr/ turns a page upright (`pages.rotation`: clockwise quarter turns) and then levels its lines
(`pages.deskew`: a small counter-clockwise angle, cv2's sign, about the image centre); word
boxes are measured on that turned, levelled picture. The searchable PDF keeps the original,
unturned page image, so its invisible words must be carried back onto it, or a search hit or
a selection lands beside the visible word (by up to ~25 px at the far end of a line on a
0.7-degree page, and on another part of the page entirely when it was turned). A phone
photo was first cut out and straightened by a perspective transform (`pages.perspective`,
photo -> corrected sheet); the turn and the levelling then applied to that sheet, so a point
is carried back through all three, the homography last (by its inverse).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Frame:
    """How OCR's picture of a page relates to the page image in the file.

    `width`/`height`: the original page image in the pixels word boxes are counted in (box
    space, before any turn); `rotation`: clockwise degrees OCR turned it (a multiple of 90);
    `deskew`: degrees it then levelled the turned picture (counter-clockwise positive).
    Phone photos: `perspective`, the 3x3 homography (row-major) from the original image to
    the corrected sheet, and `sheet`, that sheet's (width, height) before the turn: the turn
    and the levelling apply to the sheet, not to the photo.
    """

    width: float
    height: float
    rotation: int = 0
    deskew: float = 0.0
    perspective: tuple[float, ...] | None = None
    sheet: tuple[float, float] | None = None

    @property
    def quarter_turns(self) -> int:
        return (self.rotation // 90) % 4

    @property
    def upright_source(self) -> tuple[float, float]:
        """(width, height) of the picture OCR turned: the sheet of a photo, else the image."""
        if self.perspective is not None and self.sheet is not None:
            return self.sheet
        return self.width, self.height

    @property
    def turned_size(self) -> tuple[float, float]:
        """(width, height) of OCR's picture: the one it turned, swapped by a quarter turn."""
        w, h = self.upright_source
        if self.quarter_turns % 2:
            return h, w
        return w, h

    def to_original(self, x: float, y: float) -> tuple[float, float]:
        """A point of OCR's picture (turned, levelled) on the original page image."""
        return self.upright_to_original(*self.unlevel(x, y))

    def upright_to_original(self, x: float, y: float) -> tuple[float, float]:
        """A point of the upright (turned, not levelled) picture on the original image."""
        return self.unwarp(*self.unturn(x, y))

    def unwarp(self, x: float, y: float) -> tuple[float, float]:
        """A point of the corrected sheet on the photo (the inverse homography); the point
        itself when the page was not a photo."""
        if self.perspective is None or len(self.perspective) != 9:
            return x, y
        a, b, c, d, e, f, g, h, i = self.perspective
        # solve H (X, Y, 1)^T ~ (x, y, 1)^T for (X, Y): two linear equations
        a1, b1, c1 = a - g * x, b - h * x, x * i - c
        a2, b2, c2 = d - g * y, e - h * y, y * i - f
        det = a1 * b2 - a2 * b1
        if abs(det) < 1e-12:
            return x, y
        return (c1 * b2 - c2 * b1) / det, (a1 * c2 - a2 * c1) / det

    def scale_at(self, x: float, y: float) -> float:
        """How many original-image pixels one pixel of OCR's upright picture spans at
        (x, y), along its lines (1 without a perspective): a photo's far edge is smaller."""
        if self.perspective is None:
            return 1.0
        x0, y0 = self.upright_to_original(x - 50, y)
        x1, y1 = self.upright_to_original(x + 50, y)
        return math.hypot(x1 - x0, y1 - y0) / 100

    def unlevel(self, x: float, y: float) -> tuple[float, float]:
        """A point of OCR's levelled picture on the turned (upright, not levelled) one."""
        if not self.deskew:
            return x, y
        tw, th = self.turned_size
        # undo cv2.getRotationMatrix2D((w/2, h/2), deskew, 1): d - c = R (t - c)
        a = math.radians(self.deskew)
        cos, sin = math.cos(a), math.sin(a)
        dx, dy = x - tw / 2, y - th / 2
        return tw / 2 + cos * dx - sin * dy, th / 2 + sin * dx + cos * dy

    def unturn(self, x: float, y: float) -> tuple[float, float]:
        """A point of the turned (upright) picture on the picture before the turn (the
        original page image; a photo's corrected sheet)."""
        k = self.quarter_turns
        w, h = self.upright_source
        if k == 1:  # turned clockwise: the original's left edge became the top
            return y, h - x
        if k == 2:
            return w - x, h - y
        if k == 3:
            return w - y, x
        return x, y

    @property
    def text_angle(self) -> int:
        """Counter-clockwise degrees the page's upright text runs at on the original image
        (the quarter turn only: the deskew residue stays horizontal, see export/pdf.py)."""
        return (self.quarter_turns * 90) % 360


def page_frame(space: tuple[float, float],
               turn: tuple[int, float, tuple[float, ...] | None] | None,
               words: Sequence[Mapping[str, Any]]) -> Frame:
    """The page's `Frame`: box space `space` of the original image, and what OCR did to it.
    A photo's corrected sheet has its own size: the size of OCR's picture the words' boxes
    are on (`words.page_width/page_height`), turned back."""
    rotation, deskew, perspective = turn or (0, 0.0, None)
    sheet = None
    if perspective is not None:
        sizes = [(float(w["page_width"]), float(w["page_height"])) for w in words
                 if w.get("page_width") and w.get("page_height")]
        if sizes:
            pw, ph = sizes[0]
            sheet = (ph, pw) if (rotation // 90) % 2 else (pw, ph)
        else:
            perspective = None  # no size to carry boxes back with: treat as a scan
    return Frame(space[0], space[1], rotation, deskew, perspective, sheet)


def boxes_on_original(frame: Frame, words: Sequence[Mapping[str, Any]]
                      ) -> list[dict[str, Any]]:
    """The words with their boxes carried onto the original image (the box round the four
    mapped corners): for drawing on a photo whose boxes were measured on its corrected
    sheet, where no CSS rotation can stand in for the perspective."""
    out = []
    for w in words:
        row = dict(w)
        if w.get("x0") is not None:
            corners = [frame.to_original(float(x), float(y)) for x in (w["x0"], w["x1"])
                       for y in (w["y0"], w["y1"])]
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            row.update(x0=min(xs), y0=min(ys), x1=max(xs), y1=max(ys))
        out.append(row)
    return out
