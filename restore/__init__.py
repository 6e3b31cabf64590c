"""restore/: give garbled and accent-less Vietnamese its diacritics back.

Public API (the pipeline calls only these):
- `restore_text(text) -> RestoredText`
- `restore_document(texts, modes) -> list[RestoredText]`: a document's pages, with the whole
  document's confident readings as evidence
- `assess(text) -> RestoreVerdict`: does this text need restoring?
"""

from vanban.restore.api import assess, restore_document, restore_text

__all__ = ["assess", "restore_document", "restore_text"]
