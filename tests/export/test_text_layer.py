"""Text-layer pages have word boxes too: ingest/ carries the PDF layer's positioned words (in
300-dpi page pixels, like OCR's) into the words table, the report and the searchable PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from vanban.ingest.pdf_text import OCR_DPI, pdf_layer_pages
from vanban.store import read_table

from helpers import PDFS


def digital_doc(out: Path) -> dict[str, object]:
    docs = read_table(out, "documents").to_pylist()
    return next(d for d in docs if str(d["source_path"]).endswith("digital_p12.pdf"))


def test_layer_words_are_in_text_order_with_pixel_boxes() -> None:
    pdf = next(PDFS.glob("000_*.digital.pdf"))
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    w_pt, h_pt = doc[0].get_size()
    doc.close()
    page = pdf_layer_pages(pdf, 1)[0]
    assert page is not None and page.words
    text_words = page.text.split()
    assert [w.text for w in page.words] == text_words  # one box per word, in text order
    lines = page.text.split("\n")
    for w in page.words:
        assert w.text in lines[w.line_no - 1].split()
        assert w.conf < 0  # a layer has no recognition confidence
        assert 0 <= w.bbox.x0 < w.bbox.x1 <= w_pt * OCR_DPI / 72 + 1
        assert 0 <= w.bbox.y0 < w.bbox.y1 <= h_pt * OCR_DPI / 72 + 1


def test_text_layer_pages_have_boxed_words(export_out: Path) -> None:
    doc = digital_doc(export_out)
    pages = [p for p in read_table(export_out, "pages").to_pylist()
             if p["doc_id"] == doc["doc_id"]]
    assert len(pages) == 2 and all(p["method"] == "text_layer" for p in pages)
    words = [w for w in read_table(export_out, "words").to_pylist()
             if w["doc_id"] == doc["doc_id"]]
    for page in pages:
        mine = [w for w in words if w["page_no"] == page["page_no"]]
        boxed = [w for w in mine if w["x0"] is not None]
        assert len(mine) > 100 and len(boxed) >= 0.98 * len(mine)
        assert all(w["ocr_confidence"] is None for w in mine)
        assert all(w["page_width"] and w["x1"] <= w["page_width"] for w in boxed)
        # the page's true size (its MediaBox at 300 dpi), not the extent of its boxes
        [(width, height)] = {(w["page_width"], w["page_height"]) for w in boxed}
        with pikepdf.open(doc["source_path"]) as src:
            box = [float(v) for v in src.pages[page["page_no"] - 1].mediabox]
        assert abs(width - (box[2] - box[0]) * 300 / 72) <= 1
        assert abs(height - (box[3] - box[1]) * 300 / 72) <= 1
        lines = page["text"].split("\n")  # the schedule table's rows (TAB lines) too
        in_rows = [w for w in mine if "\t" in lines[w["line_no"] - 1]]
        assert in_rows and all(w["x0"] is not None for w in in_rows)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_searchable_pdf_keeps_the_text_layer(export_out: Path) -> None:
    doc = digital_doc(export_out)
    pdf = export_out / "pdf" / f"{doc['doc_id']}.pdf"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = [p for p in read_table(export_out, "pages").to_pylist()
             if p["doc_id"] == doc["doc_id"]]
    first = pages[0]["text"].split()[:5]
    assert all(w in text for w in first)
