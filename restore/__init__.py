"""restore/: give garbled and accent-less Vietnamese its diacritics back.

Public API (the pipeline calls only these):
- `restore_text(text) -> RestoredText`
- `assess(text) -> RestoreVerdict`: does this text need restoring?
"""

from vanban.restore.api import assess, restore_text

__all__ = ["assess", "restore_text"]
