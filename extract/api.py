"""Placeholder extractor; replaced by the metadata, schedule and directive parsers."""

from __future__ import annotations

from collections.abc import Sequence

from vanban.models.records import DocumentMeta, Extraction, PageText


def extract_document(pages: Sequence[PageText]) -> Extraction:
    return Extraction(meta=DocumentMeta())
