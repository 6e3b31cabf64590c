"""ocr/: page-image clean-up, Tesseract `vie`, word boxes, table grids.

Public API: `ocr_page(image, page_no, lang) -> PageText` (image: 8-bit greyscale numpy array).
"""

from vanban.ocr.api import ocr_page

__all__ = ["ocr_page"]
