"""Test helpers: paths to bundled samples, small bad inputs, reference texts."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SEEDS = SAMPLES / "seeds"
PDFS = SAMPLES / "pdf"
GOLDEN = ROOT / "tests" / "golden"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` (a decompression-bomb stand-in)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def encrypted_pdf(dest: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(str(next(PDFS.glob("002_*.digital.pdf"))))
    writer = PdfWriter()
    writer.add_page(reader.pages[0])
    writer.encrypt(user_password="secret", owner_password="owner")
    with dest.open("wb") as fh:
        writer.write(fh)
    return dest


ENGLISH = (
    "The committee reviewed the quarterly report and approved the budget for the next year. "
    "Members discussed the schedule of inspections, the training programme for staff and the "
    "procurement of equipment for the regional offices. The chair asked every department to "
    "submit its progress report before the end of the month, with figures on spending, "
    "staffing and outstanding risks, so that the board can prepare its annual statement."
)


DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def styled_pdf(dest: Path, paragraphs: list[tuple[str, str]]) -> Path:
    """A born-digital A4 PDF of `(style, text)` paragraphs in DejaVu Serif ("B": bold), so a text
    layer carries real font weights; skips the test where fpdf2 or the fonts are missing."""
    import pytest

    fpdf = pytest.importorskip("fpdf")
    if not (DEJAVU / "DejaVuSerif-Bold.ttf").exists():
        pytest.skip("DejaVu Serif fonts not installed (make sysdeps)")
    pdf = fpdf.FPDF(format="A4", unit="mm")
    pdf.add_font("S", "", str(DEJAVU / "DejaVuSerif.ttf"))
    pdf.add_font("S", "B", str(DEJAVU / "DejaVuSerif-Bold.ttf"))
    pdf.add_page()
    for style, text in paragraphs:
        pdf.set_font("S", style, 13)
        pdf.multi_cell(0, 6.4, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(dest))
    return dest
