"""docs/schema.md is the analysts' contract: it must document exactly the Arrow schemas."""

import re

from vanban.models.schema import SCHEMAS

from helpers import ROOT


def _documented() -> dict[str, dict[str, str]]:
    text = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    tables: dict[str, dict[str, str]] = {}
    current = None
    for line in text.splitlines():
        m = re.match(r"## (\w+) —", line)
        if m:
            current = tables.setdefault(m.group(1), {})
            continue
        m = re.match(r"\| (\w+) \| ([^|]+) \|", line)
        if current is not None and m and m.group(1) != "column":
            current[m.group(1)] = m.group(2).strip()
    return tables


def test_every_column_documented_in_order_with_its_type() -> None:
    docs = _documented()
    assert set(docs) == set(SCHEMAS)
    for name, schema in SCHEMAS.items():
        assert list(docs[name]) == schema.names, name
        for field in schema:
            documented = docs[name][field.name]
            assert documented == _doc_type(str(field.type)), (name, field.name, documented)


def _doc_type(arrow: str) -> str:
    return {
        "timestamp[us]": "day",
        "double": "float64",
        "list<item: string>": "list<string>",
        "list<item: double>": "list<double>",
        "timestamp[us, tz=UTC]": "timestamp[us, UTC]",
    }.get(arrow, arrow)
