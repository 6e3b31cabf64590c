"""ingest/: find inputs, fingerprint them, read what each page already says, render page images.

Public API:
- `discover(paths) -> list[Path]`: files, folders (recursive) and globs, deterministic order.
- `open_source(path) -> Source`: sha256, sniffed format, page count, text layers / plain text.
- `render_page(source_path, fmt, page_index, dpi) -> numpy image` for OCR.
"""

from vanban.ingest.discover import SUPPORTED_SUFFIXES, discover
from vanban.ingest.render import render_page
from vanban.ingest.source import Source, SourcePage, open_source

__all__ = ["SUPPORTED_SUFFIXES", "Source", "SourcePage", "discover", "open_source", "render_page"]
