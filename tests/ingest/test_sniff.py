from pathlib import Path

import pytest

from vanban.errors import EmptyFileError, UnsupportedFormatError
from vanban.ingest.sniff import sniff


@pytest.mark.parametrize(
    ("name", "head", "fmt"),
    [
        ("a.pdf", b"%PDF-1.7\n", "pdf"),
        ("a.png", b"\x89PNG\r\n\x1a\n....", "png"),
        ("a.jpg", b"\xff\xd8\xff\xe0", "jpeg"),
        ("a.tif", b"II*\x00....", "tiff"),
        ("a.txt", "Kế hoạch".encode(), "text"),
        ("a.md", b"# Title", "text"),
    ],
)
def test_formats_from_content(name: str, head: bytes, fmt: str) -> None:
    assert sniff(Path(name), head) == fmt


def test_text_named_png_is_refused_with_the_cause() -> None:
    with pytest.raises(UnsupportedFormatError, match=r"named \.png but the content is text"):
        sniff(Path("scan.png"), b"just some text")


def test_empty_file() -> None:
    with pytest.raises(EmptyFileError, match="0 bytes"):
        sniff(Path("x.pdf"), b"")


def test_binary_garbage() -> None:
    with pytest.raises(UnsupportedFormatError, match="unrecognised content"):
        sniff(Path("x.bin"), b"\x00\x01\x02\x03")


def test_utf8_cut_mid_character_is_still_text() -> None:
    data = "Nông thôn mới".encode()
    assert sniff(Path("x.txt"), data[:-1]) == "text"
