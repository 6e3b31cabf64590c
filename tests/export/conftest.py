"""One small run shared by the export tests: an OCR'd scan page, an image, two born-digital
(text-layer) pages, two text files and an empty PDF (a failures row).

Built once per session (about 20 s, mostly Tesseract on two pages) through the real command
line, with --to/--report/--pdf, so every test reads what a user would get.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from helpers import PDFS, seed


def strip_accents(text: str) -> str:
    """Vietnamese without tone marks and hats (đ kept): restore/ puts them back."""
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in nfd if not unicodedata.combining(c)))


@pytest.fixture(scope="session")
def export_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import pypdfium2 as pdfium
    from pypdf import PdfReader, PdfWriter

    from vanban.cli import main

    src = tmp_path_factory.mktemp("export_src")
    reader = PdfReader(str(next(PDFS.glob("002_*.scan-medium.pdf"))))
    writer = PdfWriter()
    writer.add_page(reader.pages[1])
    with (src / "scan_p2.pdf").open("wb") as fh:
        writer.write(fh)
    digital = PdfReader(str(next(PDFS.glob("000_*.digital.pdf"))))
    writer = PdfWriter()  # a born-digital schedule: text-layer pages, ruled tables
    for page in digital.pages[:2]:
        writer.add_page(page)
    with (src / "digital_p12.pdf").open("wb") as fh:
        writer.write(fh)
    pdf = pdfium.PdfDocument(str(src / "scan_p2.pdf"))
    pdf[0].render(scale=300 / 72, grayscale=True).to_pil().save(src / "scan_p2.png",
                                                                dpi=(300, 300))
    pdf.close()
    (src / "schedule.txt").write_text(seed("001").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    lines = seed("004").read_text(encoding="utf-8").split("\n")
    (src / "noaccents.txt").write_text(
        "\n".join(strip_accents(ln) if i % 2 else ln for i, ln in enumerate(lines)),
        encoding="utf-8")
    (src / "broken.pdf").write_bytes(b"")  # a failures row for the report
    out = tmp_path_factory.mktemp("export_out") / "out"
    code = main(["run", str(src), "-o", str(out), "--executor", "inprocess", "--jobs", "1",
                 "--plain", "--to", "md,json", "--to", "txt", "--report", "--pdf"])
    assert code == 1  # broken.pdf failed, the rest went on
    return out
