"""From the picture OCR read back to the page as it is in the file.

ocr/ turns a page upright (`pages.rotation`: clockwise quarter turns) and then levels its lines
(`pages.deskew`: a small counter-clockwise angle, cv2's sign, about the image centre); word
boxes are measured on that turned, levelled picture. The searchable PDF keeps the original,
unturned page image, so its invisible words must be carried back onto it, or a search hit or
a selection lands beside the visible word (by up to ~25 px at the far end of a line on a
0.7-degree page, and on another part of the page entirely when it was turned).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Frame:
    """How OCR's picture of a page relates to the page image in the file.

    `width`/`height`: the original page image in the pixels word boxes are counted in (box
    space, before any turn); `rotation`: clockwise degrees OCR turned it (a multiple of 90);
    `deskew`: degrees it then levelled the turned picture (counter-clockwise positive).
    """

    width: float
    height: float
    rotation: int = 0
    deskew: float = 0.0

    @property
    def quarter_turns(self) -> int:
        return (self.rotation // 90) % 4

    @property
    def turned_size(self) -> tuple[float, float]:
        """(width, height) of OCR's picture: the original's, swapped by a quarter turn."""
        if self.quarter_turns % 2:
            return self.height, self.width
        return self.width, self.height

    def to_original(self, x: float, y: float) -> tuple[float, float]:
        """A point of OCR's picture (turned, levelled) on the original page image."""
        return self.unturn(*self.unlevel(x, y))

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
        """A point of the turned (upright) picture on the original page image."""
        k = self.quarter_turns
        if k == 1:  # turned clockwise: the original's left edge became the top
            return y, self.height - x
        if k == 2:
            return self.width - x, self.height - y
        if k == 3:
            return self.width - y, x
        return x, y

    @property
    def text_angle(self) -> int:
        """Counter-clockwise degrees the page's upright text runs at on the original image
        (the quarter turn only: the deskew residue stays horizontal, see export/pdf.py)."""
        return (self.quarter_turns * 90) % 360
