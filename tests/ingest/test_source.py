import os
from pathlib import Path

import pytest
from PIL import Image

from vanban.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    ImageTooLargeError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from vanban.ingest import open_source, render_page

from helpers import PDFS, encrypted_pdf, png_header, seed


def test_plain_text_seed() -> None:
    src = open_source(seed("002"))
    assert src.fmt == "text"
    assert src.n_pages == 1
    assert src.doc_id == src.sha256[:16]
    assert "THÔNG BÁO" in (src.pages[0].text or "")


def test_digital_pdf_has_text_layers_with_tab_rows() -> None:
    src = open_source(next(PDFS.glob("000_*.digital.pdf")))
    assert src.fmt == "pdf" and src.n_pages >= 2
    page2 = src.pages[1].text or ""
    assert "\tPhòng OCOP\tĐ/c Oánh" in page2


def test_scanned_pdf_has_no_layer() -> None:
    src = open_source(next(PDFS.glob("002_*.scan-medium.pdf")))
    assert all(p.text is None and p.has_image for p in src.pages)


def test_multipage_tiff(tmp_path: Path) -> None:
    frames = [Image.new("L", (200, 100), 255), Image.new("L", (200, 100), 128)]
    f = tmp_path / "two.tif"
    frames[0].save(f, save_all=True, append_images=frames[1:])
    src = open_source(f)
    assert src.fmt == "tiff" and src.n_pages == 2
    assert render_page(f, "tiff", 1).mean() == pytest.approx(128, abs=1)


def test_zero_byte(tmp_path: Path) -> None:
    f = tmp_path / "empty.pdf"
    f.write_bytes(b"")
    with pytest.raises(EmptyFileError) as err:
        open_source(f)
    assert str(f) in str(err.value)


def test_truncated_pdf(tmp_path: Path) -> None:
    data = next(PDFS.glob("002_*.digital.pdf")).read_bytes()
    f = tmp_path / "cut.pdf"
    f.write_bytes(data[:1500])
    with pytest.raises(CorruptFileError):
        open_source(f)


def test_encrypted_pdf(tmp_path: Path) -> None:
    f = encrypted_pdf(tmp_path / "locked.pdf")
    with pytest.raises(EncryptedFileError, match="password"):
        open_source(f)


def test_text_named_png(tmp_path: Path) -> None:
    f = tmp_path / "scan.png"
    f.write_text("not an image", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError, match="content is text"):
        open_source(f)


def test_decompression_bomb_refused_before_decoding(tmp_path: Path) -> None:
    f = tmp_path / "bomb.png"
    f.write_bytes(png_header(60_000, 60_000))
    with pytest.raises(ImageTooLargeError, match="decompression bomb"):
        open_source(f)


def test_corrupt_image(tmp_path: Path) -> None:
    f = tmp_path / "bad.jpg"
    f.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 10)
    with pytest.raises(CorruptFileError):
        open_source(f)


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "secret.txt"
    f.write_text("x")
    f.chmod(0)
    if os.geteuid() == 0:  # root reads any mode: simulate the refusal the OS gives others
        real_open = Path.open

        def deny(self: Path, *a: object, **k: object) -> object:
            if self == f:
                raise PermissionError(13, "Permission denied")
            return real_open(self, *a, **k)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(UnreadableFileError, match="permission denied"):
        open_source(f)


def test_not_utf8_text(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("Hà Nội".encode("utf-16-le"))
    with pytest.raises((UnsupportedFormatError, CorruptFileError)):
        open_source(f)
