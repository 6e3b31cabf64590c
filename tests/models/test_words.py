"""words_for_page: OCR boxes and restore choices joined to the page text's words."""

from __future__ import annotations

import itertools

from vanban.models.records import BBox, OcrWord, PageText, Table, TableCell
from vanban.models.words import words_for_page


def test_table_words_get_boxes_inside_their_cell_in_order() -> None:
    cells = (
        TableCell(0, 0, "Thứ 2", BBox(100, 100, 300, 200), conf=91.0),
        TableCell(0, 1, "Họp giao ban tuần của Ban Chỉ đạo", BBox(300, 100, 900, 200), conf=88.0),
        TableCell(1, 0, "", BBox(100, 200, 300, 300)),
        TableCell(1, 1, "Kiểm tra", BBox(300, 200, 900, 300), conf=70.0),
    )
    table = Table(page_no=1, n_rows=2, n_cols=2, cells=cells, bbox=BBox(100, 100, 900, 300))
    text = "Tiêu đề\nThứ 2\tHọp giao ban tuần của Ban Chỉ đạo\n\tKiểm tra"
    page = PageText(page_no=1, method="ocr", text=text, tables=(table,),
                    words=(OcrWord("Tiêu", BBox(100, 20, 180, 60), 95.0, 1),
                           OcrWord("đề", BBox(190, 20, 240, 60), 93.0, 1)))
    words = words_for_page("d", page)
    assert [w.text for w in words][:4] == ["Tiêu", "đề", "Thứ", "2"]
    assert words[0].bbox == BBox(100, 20, 180, 60)  # Tesseract's own box kept
    for w in words[2:]:
        assert w.bbox is not None and w.cell_row is not None
        cell = next(c for c in cells if (c.row, c.col) == (w.cell_row, w.cell_col))
        assert cell.bbox.x0 <= w.bbox.x0 < w.bbox.x1 <= cell.bbox.x1
        assert cell.bbox.y0 <= w.bbox.y0 < w.bbox.y1 <= cell.bbox.y1
        assert w.ocr_confidence == cell.conf
    row0 = [w for w in words if w.cell_row == 0 and w.cell_col == 1]
    assert [w.text for w in row0] == ["Họp", "giao", "ban", "tuần", "của", "Ban", "Chỉ", "đạo"]
    # reading order inside the cell: left to right, then the next wrapped line
    assert all((a.bbox.y0, a.bbox.x0) < (b.bbox.y0, b.bbox.x0)  # type: ignore[union-attr]
               for a, b in itertools.pairwise(row0))
    assert [w.text for w in words[-2:]] == ["Kiểm", "tra"]


def test_plain_text_words_have_no_boxes() -> None:
    page = PageText(page_no=1, method="plain_text", text="Một dòng\nhai")
    words = words_for_page("d", page)
    assert [(w.text, w.line_no, w.bbox) for w in words] == [
        ("Một", 1, None), ("dòng", 1, None), ("hai", 2, None)]


def test_page_size_is_the_image_size_not_the_boxes_extent() -> None:
    words = (OcrWord("Tiêu", BBox(100, 20, 180, 60), 95.0, 1),)
    page = PageText(page_no=1, method="ocr", text="Tiêu", words=words, size=(2480, 3508))
    [w] = words_for_page("d", page)
    assert (w.page_width, w.page_height) == (2480, 3508)
    # a reading without a known size (rebuilt from older output) falls back to the extent
    [old] = words_for_page("d", PageText(page_no=1, method="ocr", text="Tiêu", words=words))
    assert (old.page_width, old.page_height) == (180, 60)


def test_table_words_take_the_cells_ocr_word_boxes() -> None:
    cell_words = (OcrWord("Kiểm", BBox(320, 210, 420, 250), 81.0, 0),
                  OcrWord("tra", BBox(430, 212, 480, 250), 77.0, 0))
    cells = (TableCell(0, 0, "Thứ 2", BBox(100, 200, 300, 300), conf=91.0),
             TableCell(0, 1, "Kiểm tra", BBox(300, 200, 900, 300), conf=79.0, words=cell_words))
    table = Table(page_no=1, n_rows=1, n_cols=2, cells=cells, bbox=BBox(100, 200, 900, 300))
    page = PageText(page_no=1, method="ocr", text="Thứ 2\tKiểm tra", tables=(table,))
    words = words_for_page("d", page)
    assert [(w.text, w.bbox, w.ocr_confidence, w.cell_col) for w in words[2:]] == [
        ("Kiểm", cell_words[0].bbox, 81.0, 1), ("tra", cell_words[1].bbox, 77.0, 1)]
    # the cell without OCR words keeps the estimate inside its box, with the cell's confidence
    assert all(w.bbox is not None and w.bbox.x1 <= 300 and w.ocr_confidence == 91.0
               for w in words[:2])
