"""ocr/: page-image clean-up, Tesseract `vie`, word boxes, table grids.

Public API:
- `ocr_page(image, page_no, lang) -> PageText` (image: 8-bit greyscale or RGB page at 300 dpi;
  coloured ink is dropped, the page turned upright, a quality verdict given; `read_scale`
  < 1 reads the text outside tables at that scale, `vanban run --resolution native`);
- `join_page_tables(pages) -> list[PageText]`: a document's OCR'd pages with tables that run
  across page breaks joined up (repeated header rows dropped);
- `engine(name)`: a context choosing in-process Tesseract (`api`, tesserocr) or the program
  (`cli`); `auto` takes `api` when tesserocr is installed.
- `page_budget(seconds)`: a context in which all Tesseract calls of one page share one time
  budget and raise `OcrTimeoutError` past it.
"""

import cv2

from vanban.ocr.api import join_page_tables, ocr_page
from vanban.ocr.tesseract import Engine, engine, page_budget

# One OpenCV thread, like Tesseract's one OpenMP thread: parallelism is across pages (workers).
# OpenCV's own threads cost 0.06 s more CPU per page on one worker (thread hand-offs in
# adaptiveThreshold and the line openings) and compete with the other worker on a busy machine.
cv2.setNumThreads(1)

__all__ = ["Engine", "engine", "join_page_tables", "ocr_page", "page_budget"]
