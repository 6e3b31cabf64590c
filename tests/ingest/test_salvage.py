"""Damaged and unusual files lose nothing readable (issue 15: salvage and silent loss).

The files are made here from the bundled samples and drawn pages: a PDF with one page object
overwritten, a multi-page TIFF cut inside its last frame, 16-bit and transparent scans, a
0-page PDF after an encrypted one, a text file far over the size limit.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import vanban
from tools.faultgen import alpha_png, damaged_pdf, deep_tiff, truncated_tiff, zero_page_pdf
from vanban.errors import (
    CorruptFileError,
    EncryptedFileError,
    ExitCode,
)
from vanban.ingest import open_source, render_page
from vanban.ingest.source import MAX_TEXT_BYTES
from vanban.pipeline import RunOptions, run

from helpers import encrypted_pdf, seed

# ----------------------------------------------------------------- salvage (ingest level)


def test_damaged_pdf_page_is_a_page_error(tmp_path: Path) -> None:
    src = open_source(damaged_pdf(tmp_path / "bad.pdf"))
    assert src.n_pages == 3
    assert [p.error is None for p in src.pages] == [True, False, True]
    assert isinstance(src.pages[1].error, CorruptFileError) and src.pages[1].error.page == 2
    # pdfminer skips the damaged page: the layers stay on their own pages (page 3 says "3")
    assert (src.pages[2].text or "").startswith("3")


def test_truncated_tiff_keeps_its_good_frames(tmp_path: Path) -> None:
    path = truncated_tiff(tmp_path / "cut.tif")
    src = open_source(path)
    assert [p.error is None for p in src.pages] == [True, True, False]
    assert isinstance(src.pages[2].error, CorruptFileError)
    for i in (0, 1):
        assert render_page(path, "tiff", i).shape == (220, 1300)


def test_stale_pdfium_error_does_not_label_a_zero_page_pdf(tmp_path: Path) -> None:
    enc = encrypted_pdf(tmp_path / "enc.pdf")
    zero = zero_page_pdf(tmp_path / "zero.pdf")
    with pytest.raises(EncryptedFileError):
        open_source(enc)
    with pytest.raises(CorruptFileError, match="no pages") as info:
        open_source(zero)  # same process, right after the encrypted one
    assert not isinstance(info.value, EncryptedFileError)
    assert "password" not in str(info.value)


def test_sixteen_bit_and_transparent_pages_render_with_their_ink(tmp_path: Path) -> None:
    a = np.full((100, 200), 60000, np.uint16)
    a[40:60, 20:180] = 5000  # ink far above 255: clipped to white by a plain convert("L")
    Image.fromarray(a).save(tmp_path / "d16.tif")
    rgba = np.zeros((100, 200, 4), np.uint8)  # transparent black paper, opaque black ink
    rgba[40:60, 20:180] = (0, 0, 0, 255)
    Image.fromarray(rgba, "RGBA").save(tmp_path / "alpha.png")
    Image.fromarray(rgba[..., [0, 3]], "LA").save(tmp_path / "la.png")
    for name, fmt in (("d16.tif", "tiff"), ("alpha.png", "png"), ("la.png", "png")):
        grey = render_page(tmp_path / name, fmt, 0)  # type: ignore[arg-type]
        assert abs(float(np.mean(grey < 128)) - 0.16) < 0.01, name


def test_huge_text_is_read_in_chunks(tmp_path: Path) -> None:
    """Issue 15: a 50 MB text input peaked at 6 GiB; it was then refused unread. Now it is
    opened as chunks (pages without their text, read by their own jobs) under a hard ceiling."""
    big = tmp_path / "big.txt"
    big.write_bytes("Kế hoạch xây dựng nông thôn mới\n".encode() * (50 * 1024 * 1024 // 40))
    src = open_source(big)
    assert src.n_pages > 100 and all(p.text is None for p in src.pages)
    assert big.stat().st_size < MAX_TEXT_BYTES
    ok = tmp_path / "ok.txt"
    ok.write_bytes(seed("002").read_bytes())
    assert open_source(ok).pages[0].text


# ----------------------------------------------------------------- through the pipeline


def test_pipeline_keeps_the_readable_pages(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    damaged_pdf(inp / "bad.pdf")
    truncated_tiff(inp / "cut.tif")
    out = tmp_path / "out"
    summary = run([inp], RunOptions(out=out, jobs=2))
    assert summary.exit_code == ExitCode.SOME_FAILED
    frames = vanban.load(out)
    docs = frames["documents"].set_index(
        frames["documents"]["source_path"].map(lambda p: Path(p).name))
    assert sorted(docs.index) == ["bad.pdf", "cut.tif"]
    assert set(docs["status"]) == {"partial"}
    fails = frames["failures"]
    rows = sorted(zip(fails["source_path"].map(lambda p: Path(p).name), fails["page_no"],
                      fails["error_type"], strict=True))
    assert rows == [("bad.pdf", 2, "CorruptFileError"), ("cut.tif", 3, "CorruptFileError")]
    pages = frames["pages"]
    for name, good in (("bad.pdf", [1, 3]), ("cut.tif", [1, 2])):
        mine = pages[pages["doc_id"] == docs.loc[name, "doc_id"]].set_index("page_no")
        assert all(len(mine.loc[p, "text"].strip()) > 20 for p in good), name


def test_sixteen_bit_tiff_and_alpha_png_are_read(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    deep_tiff(inp / "deep.tif")
    alpha_png(inp / "alpha.png")
    out = tmp_path / "out"
    summary = run([inp], RunOptions(out=out, jobs=2))
    frames = vanban.load(out)
    assert summary.exit_code == ExitCode.OK, frames["failures"].to_dict("records")
    assert len(frames["documents"]) == 2
    for text in frames["pages"]["text"]:
        assert "nông thôn" in text.lower(), text
