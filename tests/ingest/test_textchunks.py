"""A large text input is read in chunks (ingest/textchunks.py): the chunks are exactly the
file's text, and a file whose pages are all shorter than a chunk gives the pages of a whole
read."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from vanban.errors import TextTooLargeError, UnsupportedFormatError
from vanban.ingest import source, textchunks
from vanban.ingest.source import open_source, read_text_page

PIECES = ["Kế", "hoạch", "xây", "dựng", "nông", "thôn", "mới", "\r\n", "\n", "\n\n", "\f", "ớ",
          "a", "\r"]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    textchunks._spans.cache_clear()


def _whole(raw: bytes) -> list[str]:
    text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\f")


def test_chunks_are_the_files_text_cut_at_line_ends(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(15)
    path = tmp_path / "x.txt"
    for _ in range(120):
        text = "".join(rng.choice(PIECES) + rng.choice(["", " "])
                       for _ in range(rng.randint(0, 2000)))
        raw = (b"\xef\xbb\xbf" if rng.random() < 0.2 else b"") + text.encode()
        path.write_bytes(raw)
        monkeypatch.setattr(textchunks, "CHUNK_LINES", rng.choice([1, 3, 40]))
        monkeypatch.setattr(textchunks, "CHUNK_MAX_BYTES", rng.choice([5, 64, 4096]))
        spans = textchunks.text_spans(path)
        chunks = [textchunks.read_span(path, s) for s in spans]
        # a form feed sits between two spans that do not touch; other cuts join directly
        joined = "".join(c + ("\f" if i + 1 < len(spans) and spans[i + 1][0] > s[1] else "")
                         for i, (c, s) in enumerate(zip(chunks, spans, strict=True)))
        assert joined == "\f".join(_whole(raw))
        assert all(s[1] - s[0] <= max(textchunks.CHUNK_MAX_BYTES, 3 * 1024 * 1024)
                   for s in spans)


def test_short_pages_are_the_pages_of_a_whole_read(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "doc.txt"
    raw = "\f".join(f"Trang {i}\r\nKế hoạch xây dựng nông thôn mới\n\nNăm 2024\n"
                    for i in range(30)).encode()
    path.write_bytes(b"\xef\xbb\xbf" + raw + b"\f")
    whole = [p.text for p in open_source(path).pages]
    monkeypatch.setattr(source, "WHOLE_TEXT_BYTES", 100)
    textchunks._spans.cache_clear()
    chunked = open_source(path)
    assert all(p.text is None for p in chunked.pages)
    assert [read_text_page(path, p.page_no) for p in chunked.pages] == whole
    assert len(whole) == 31 and whole[-1] == ""


def test_a_long_page_is_cut_at_a_paragraph_boundary(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textchunks, "CHUNK_LINES", 4)
    path = tmp_path / "doc.txt"
    path.write_text("1\n2\n3\n4\n5\n\n7\n8\n9\n10\n11\n12\n13\n14\n")
    chunks = [textchunks.read_span(path, s) for s in textchunks.text_spans(path)]
    assert chunks == ["1\n2\n3\n4\n5\n\n", "7\n8\n9\n10\n11\n12\n13\n14\n"]  # 2 x 4: any line


def test_bad_utf8_is_named_with_its_byte(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Ke hoach\n" * 1000 + b"\xff\n")
    with pytest.raises(UnsupportedFormatError, match="byte 9000"):
        textchunks.text_spans(path)


def test_over_the_ceiling_is_refused_unread(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_TEXT_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_bytes(b"Ke hoach\n" * 200)
    with pytest.raises(TextTooLargeError, match="MiB"):
        open_source(path)
