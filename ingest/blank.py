"""Is a rendered page blank? (no ink worth reading)

A page whose OCR gives no text is either truly blank (a separator sheet, the back of a page) or
unreadable (ink Tesseract could not read: a photo, a smudge, a render of a damaged page). Only
the second needs a person, so the pipeline asks this first.
"""

from __future__ import annotations

import numpy as np

INK_LEVEL = 128  # darker than mid-grey on an 8-bit page counts as ink
# A short word at 300 dpi is ~400 dark pixels; dust and scanner noise stay far below this
# share of an A4 page (8.7 Mpx): 0.005% is ~430 pixels.
MIN_INK_SHARE = 0.00005


def looks_blank(image: np.ndarray) -> bool:
    """True when the page has essentially no dark pixels (greyscale or RGB uint8 page)."""
    if image.ndim == 3:  # a colour render: a pixel is as dark as its darkest channel
        image = image.min(axis=2)
    if image.size == 0:
        return True
    dark = int(np.count_nonzero(image < INK_LEVEL))
    return dark < max(50, MIN_INK_SHARE * image.size)
