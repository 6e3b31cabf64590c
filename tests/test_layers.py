"""Import layers: a stage never reaches into another stage (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

STAGES = ("ingest", "ocr", "restore", "extract", "models")
ALLOWED = {"vanban.models", "vanban.errors", "vanban.layout"}
# Build-time tools may use another stage's wrapper of an external program (never at run time):
# restore/'s channel-data generator OCRs rendered text through the one Tesseract wrapper.
BUILD_TIME: set[tuple[str, str]] = set()


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return {n for n in names if n.startswith("vanban")}


def test_stages_import_only_models_errors_and_themselves() -> None:
    bad = []
    for stage in STAGES:
        for path in (ROOT / stage).rglob("*.py"):
            for name in _imports(path):
                own = name == f"vanban.{stage}" or name.startswith(f"vanban.{stage}.")
                rel = str(path.relative_to(ROOT))
                if (rel, name) in BUILD_TIME:
                    continue
                if not own and not any(name == a or name.startswith(a + ".") for a in ALLOWED):
                    bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, bad
