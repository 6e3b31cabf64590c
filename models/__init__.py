"""Typed records and the Arrow schemas of the Parquet output (the analysts' contract)."""

from vanban.models.records import (
    BBox,
    DocumentMeta,
    DocumentRecord,
    Extraction,
    Failure,
    LineStyle,
    OcrWord,
    PageRecord,
    PageText,
    RestoredText,
    RestoreVerdict,
    Table,
    TableCell,
    Task,
    TokenChoice,
)
from vanban.models.schema import SCHEMA_VERSION, SCHEMAS

__all__ = [
    "SCHEMAS",
    "SCHEMA_VERSION",
    "BBox",
    "DocumentMeta",
    "DocumentRecord",
    "Extraction",
    "Failure",
    "LineStyle",
    "OcrWord",
    "PageRecord",
    "PageText",
    "RestoreVerdict",
    "RestoredText",
    "Table",
    "TableCell",
    "Task",
    "TokenChoice",
]
