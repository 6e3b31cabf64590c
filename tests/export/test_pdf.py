"""Searchable PDFs: restored Vietnamese in the text layer, in vanban's order, valid files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from fpdf import FPDF
from fpdf.enums import TextMode
from rapidfuzz.distance import Levenshtein

from vanban.export.pdf import FONT, _new_pdf, _strip_invisible_text
from vanban.store import read_table

needs = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("qpdf") is None,
                           reason="poppler-utils / qpdf not installed (make sysdeps)")


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def _norm(text: str) -> str:
    return " ".join(text.split())


@needs
def test_every_document_gets_a_valid_pdf(export_out: Path) -> None:
    docs = read_table(export_out, "documents").to_pylist()
    for d in docs:
        pdf = export_out / "pdf" / f"{d['doc_id']}.pdf"
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        with pikepdf.open(pdf) as p:
            assert len(p.pages) >= d["n_pages"]


@needs
def test_scan_pdf_carries_the_restored_text(export_out: Path) -> None:
    docs = read_table(export_out, "documents").to_pylist()
    pages = read_table(export_out, "pages").to_pylist()
    words = read_table(export_out, "words").to_pylist()
    for name in ("scan_p2.pdf", "scan_p2.png"):
        doc = next(d for d in docs if d["source_path"].endswith(name))
        pdf = export_out / "pdf" / f"{doc['doc_id']}.pdf"
        text = pdftotext(pdf, "-raw")
        expected = _norm(next(p["text"] for p in pages if p["doc_id"] == doc["doc_id"]))
        got = _norm(text)
        cer = Levenshtein.distance(expected, got) / len(expected)
        assert cer < 0.005, f"{name}: CER {cer:.4f}"
        for w in words:
            if w["doc_id"] == doc["doc_id"] and w["changed"]:
                assert w["text"] in got and w["raw_text"] not in got.split()
        assert "Ủy ban nhân dân" in got or "nông thôn mới" in got


@needs
def test_pdf_page_keeps_the_original_image(export_out: Path) -> None:
    docs = read_table(export_out, "documents").to_pylist()
    doc = next(d for d in docs if d["source_path"].endswith("scan_p2.pdf"))
    src = next(Path(d["source_path"]) for d in docs if d is doc)
    with pikepdf.open(src) as a, pikepdf.open(export_out / "pdf" / f"{doc['doc_id']}.pdf") as b:
        ia = [bytes(x.read_raw_bytes()) for _, x in a.pages[0].resources.XObject.items()
              if x.Subtype == "/Image"]
        ib = [bytes(x.read_raw_bytes()) for _, x in b.pages[0].resources.XObject.items()
              if x.Subtype == "/Image"]
        assert ia and ia[0] in ib  # the scan's image stream, not re-encoded


@needs
def test_an_earlier_invisible_layer_is_removed(tmp_path: Path) -> None:
    pdf: FPDF = _new_pdf()
    pdf.add_page(format=(300, 200))
    pdf.set_font(FONT, size=12)
    pdf.text(20, 40, "Visible heading")
    pdf.text_mode = TextMode.INVISIBLE
    pdf.text(20, 80, "Garbled Bao cao layer")
    src = tmp_path / "legacy.pdf"
    src.write_bytes(bytes(pdf.output()))
    with pikepdf.open(src) as p:
        assert _strip_invisible_text(p, p.pages[0]) == 1
        p.save(tmp_path / "clean.pdf")
    text = pdftotext(tmp_path / "clean.pdf")
    assert "Visible heading" in text and "Garbled" not in text


def test_words_without_boxes_stay_on_the_page() -> None:
    from vanban.export.pdf import _placed

    def word(text: str, box: tuple[int, int, int, int] | None) -> dict[str, object]:
        x0, y0, x1, y1 = box or (None, None, None, None)
        return {"text": text, "x0": x0, "y0": y0, "x1": x1, "y1": y1}

    words = [word("Một", (500, 100, 580, 140)), *[word(f"từ{i}", None) for i in range(40)]]
    placed = _placed(words, (1.0, 1.0), page_width=600.0)  # type: ignore[arg-type]
    assert all(0 <= x < 600 for _, x, _, _, _ in placed)
    assert [t for t, *_ in placed] == [str(w["text"]) for w in words]
    assert placed[-1][2] > placed[0][2]  # wrapped onto later lines
