"""Colour page images to greyscale with the coloured ink left out.

Government documents are printed in black; what is coloured on a scan is added by hand or by
stamp: red seals, blue or violet signatures, red "CÔNG VĂN ĐẾN" stamps. Made grey the plain way,
a red seal is as dark as text and sinks the signature block under it. Here a pixel's grey level
is its brightness, except that strongly coloured pixels are pushed to paper white in
proportion to their chroma (max - min of R, G, B): red and blue ink disappear, while black
text printed under a seal stays dark, because black over red is still dark and nearly
colourless (chroma is small in absolute terms even where hue is red).
"""

from __future__ import annotations

import cv2
import numpy as np

# Chroma (0-255) below LOW is grey (paper, black ink, JPEG colour fringes around black
# letters reach ~30); above HIGH it is ink of a colour. In between, the pixel fades.
CHROMA_LOW, CHROMA_HIGH = 40.0, 90.0
MIN_COLOUR_SHARE = 0.0005  # fewer coloured pixels than this (~4,000 on A4): plain conversion


def to_gray(image: np.ndarray) -> tuple[np.ndarray, float]:
    """8-bit greyscale page and the share of its pixels that were coloured ink (dropped).

    `image` is greyscale (H, W) or RGB (H, W, 3); greyscale passes through unchanged. Done with
    OpenCV's saturating uint8 operations: ~50 ms on an A4 page, numpy float arrays took ~0.5 s.
    """
    if image.ndim == 2:
        return image, 0.0
    rgb = np.ascontiguousarray(image[:, :, :3])
    gray: np.ndarray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    r, g, b = cv2.split(rgb)
    chroma = cv2.subtract(cv2.max(cv2.max(r, g), b), cv2.min(cv2.min(r, g), b))
    share = float(np.count_nonzero(chroma[::2, ::2] > CHROMA_LOW)) / chroma[::2, ::2].size
    if share < MIN_COLOUR_SHARE:
        return gray, 0.0
    # weight 0..255 along the chroma ramp; out = gray + (paper - gray) * weight / 255
    ramp = np.clip((np.arange(256, dtype=np.float32) - CHROMA_LOW)
                   / (CHROMA_HIGH - CHROMA_LOW), 0.0, 1.0)
    weight = cv2.LUT(chroma, (ramp * 255).round().astype(np.uint8))
    paper = round(_paper(gray))
    w16 = weight.astype(np.uint16)
    out = (gray.astype(np.uint16) * (255 - w16) + paper * w16 + 127) // 255
    return out.astype(np.uint8), share


def _paper(gray: np.ndarray) -> float:
    """The paper's grey level: a bright quantile, so the seal fades into the page, not into
    a white patch that a dark photocopy would show as a hole."""
    sample = gray[::8, ::8]
    return float(np.percentile(sample, 90))
