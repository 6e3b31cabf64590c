"""A red seal and a blue signature over black text: the text is read, the seal is not."""

import numpy as np
from PIL import Image, ImageChops, ImageDraw
from rapidfuzz import fuzz

from vanban.ocr import ocr_page
from vanban.ocr.colour import to_gray

from scanpage import font

LINES = [
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn Thắng",
]


def _signature_block() -> Image.Image:
    img = Image.new("RGB", (1400, 700), (245, 243, 238))
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(LINES):
        draw.text((420, 80 + i * 150), line, fill=(25, 25, 25), font=font(44))
    return img


def _stamped(img: Image.Image) -> Image.Image:
    """A red seal (rings, star, lettering) and a blue signature stroke, printed over the
    text the way ink is: multiplied, so black under red stays black."""
    ink = Image.new("RGB", img.size, (255, 255, 255))
    d = ImageDraw.Draw(ink)
    red, blue = (205, 40, 45), (40, 60, 190)
    cx, cy, r = 560, 330, 230
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=12)
    d.ellipse((cx - r + 40, cy - r + 40, cx + r - 40, cy + r - 40), outline=red, width=5)
    star = [(cx + 60 * np.cos(a) * (1 if k % 2 == 0 else 0.4),
             cy + 60 * np.sin(a) * (1 if k % 2 == 0 else 0.4))
            for k, a in enumerate(np.linspace(-np.pi / 2, 1.5 * np.pi, 11)[:-1])]
    d.polygon(star, fill=red)
    d.text((cx - 170, cy - r + 55), "ỦY BAN NHÂN DÂN", fill=red, font=font(34))
    d.text((cx - 120, cy + 90), "HUYỆN A", fill=red, font=font(34))
    d.line([(700, 420), (820, 360), (900, 450), (1050, 380)], fill=blue, width=7)
    return ImageChops.multiply(img, ink)


def test_seal_and_signature_are_dropped_and_the_text_under_them_read() -> None:
    clean = np.asarray(_signature_block())
    stamped = np.asarray(_stamped(_signature_block()))
    want = "\n".join(LINES)
    got = ocr_page(stamped, 1)
    assert fuzz.ratio(got.text, want) >= 95, got.text
    assert "coloured ink dropped" in got.decision
    assert "HUYỆN A" not in got.text and len(got.text.split()) <= len(want.split()) + 1
    # The seal leaves no dark pixels: the stamped page's grey is close to the clean one's.
    grey, share = to_gray(stamped)
    assert share > 0.01
    assert np.count_nonzero(grey < 128) <= 1.1 * np.count_nonzero(to_gray(clean)[0] < 128)


def test_grey_pages_pass_through_unchanged() -> None:
    grey = np.full((50, 60), 200, np.uint8)
    out, share = to_gray(grey)
    assert out is grey and share == 0.0
