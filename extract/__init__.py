"""extract/: metadata, schedule rows and directive tasks from a document's page texts.

Public API: `extract_document(pages) -> Extraction`.
"""

from vanban.extract.api import extract_document

__all__ = ["extract_document"]
