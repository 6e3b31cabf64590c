"""A large text input read in chunks: byte spans found in one pass, each read on its own.

restore/ and extract/ cost some 500 MiB per MB of text held at once, so a text input above
`WHOLE_TEXT_BYTES` is not read whole: one scan finds where its pages begin and end (form feeds,
as for a small file; a long page is cut at a paragraph boundary after `CHUNK_LINES` lines, or
at any line past twice that, or at `CHUNK_MAX_BYTES`) and checks it is UTF-8, and each chunk is
then read by the page job that restores it. The scan keeps only the spans, and it is cached per
process by the file's size and mtime, so every page job of a worker pays for it once.

Joined, the chunks are exactly the file's text: a chunk boundary inside a page falls after a
newline, and a form feed ends a page as `text.split("\\f")` does for a small file; so a file
whose pages are all shorter than a chunk gives the same pages either way.
"""

from __future__ import annotations

import codecs
import functools
import os
from pathlib import Path

from vanban.errors import UnsupportedFormatError

CHUNK_LINES = 400  # lines before a long page is cut at the next paragraph boundary
CHUNK_MAX_BYTES = 256 * 1024  # a page without newlines is cut at a character boundary here
_PIECE = 64 * 1024  # one read of a line; longer lines come in pieces
_BOM = codecs.BOM_UTF8

Span = tuple[int, int]  # [start, end) bytes of the file, form feed excluded


def text_spans(path: Path) -> tuple[Span, ...]:
    """The file's chunks as byte spans (a BOM at the start is skipped)."""
    st = os.stat(path)
    return _spans(str(path), st.st_size, st.st_mtime_ns, CHUNK_LINES, CHUNK_MAX_BYTES)


@functools.lru_cache(maxsize=4)
def _spans(path: str, size: int, mtime_ns: int, chunk_lines: int,
           max_bytes: int) -> tuple[Span, ...]:
    del size, mtime_ns  # the cache key: a changed file is scanned again
    decoder = codecs.getincrementaldecoder("utf-8")()
    spans: list[Span] = []
    with open(path, "rb") as fh:
        start = pos = len(_BOM) if fh.read(len(_BOM)) == _BOM else 0
        fh.seek(pos)
        lines = 0
        page_start = True  # `start` opens a page (file start, form feed): kept even if empty
        while True:
            piece = fh.readline(_PIECE)
            if not piece:
                break
            if not piece.endswith(b"\n"):
                piece = _whole_chars(piece, fh)
            try:
                decoder.decode(piece)
            except UnicodeDecodeError as exc:
                at = pos + exc.start
                raise UnsupportedFormatError(
                    f"text is not UTF-8 (byte {at}: {piece[exc.start:exc.start + 1]!r})",
                    Path(path)) from exc
            # form feeds end pages wherever they stand
            offset = 0
            while (ff := piece.find(b"\f", offset)) >= 0:
                spans.append((start, pos + ff))
                start, offset, lines, page_start = pos + ff + 1, ff + 1, 0, True
            pos += len(piece)
            if piece.endswith(b"\n"):
                lines += 1
                blank = not piece[offset:].strip(b" \t\r\n")
                if (lines >= chunk_lines and blank) or lines >= 2 * chunk_lines:
                    spans.append((start, pos))
                    start, lines, page_start = pos, 0, False
            elif pos - start >= max_bytes:
                spans.append((start, pos))
                start, lines, page_start = pos, 0, False
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise UnsupportedFormatError(f"text is not UTF-8 (cut short at byte {pos})",
                                         Path(path)) from exc
    if pos > start or page_start:  # "a\f".split("\f") ends with an empty page too
        spans.append((start, pos))
    return tuple(spans)


def _whole_chars(piece: bytes, fh: object) -> bytes:
    """A piece cut inside a line ends on a whole character (and not between CR and LF): the
    bytes cut off are read again with the next piece."""
    keep = len(piece)
    while keep > 0 and keep > len(piece) - 4 and piece[keep - 1] & 0xC0 == 0x80:
        keep -= 1  # continuation bytes of a character the cut split
    if keep < len(piece) and keep > 0 and piece[keep - 1] >= 0xC0:
        keep -= 1  # its lead byte
    elif keep == len(piece) and piece.endswith(b"\r"):
        keep -= 1
    if keep <= 0:  # nothing whole to keep: take the piece as it is
        return piece
    fh.seek(keep - len(piece), os.SEEK_CUR)  # type: ignore[attr-defined]
    return piece[:keep]


def read_span(path: Path, span: Span) -> str:
    """One chunk's text, newlines made `\\n` as for a small file."""
    start, end = span
    with path.open("rb") as fh:
        fh.seek(start)
        raw = fh.read(end - start)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:  # the file changed since it was scanned
        raise UnsupportedFormatError(f"text is not UTF-8 (byte {start + exc.start})",
                                     path) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")
