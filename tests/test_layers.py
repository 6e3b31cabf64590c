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


# Orchestration may compose stages; shared modules may not depend on any stage or on the
# orchestration above them. Every .py file of the package is in exactly one of these layers.
ORCHESTRATION = ("pipeline", "cli.py", "__main__.py", "progress.py", "scripting.py")
SHARED = ("errors.py", "layout.py", "store.py", "compact.py", "__init__.py")
# Outputs for people, made after a run from OUT's tables: they read what a run committed and
# never reach into a stage or the pipeline.
OUTPUT = ("export",)
OUTPUT_ALLOWED = {"vanban.models", "vanban.errors", "vanban.store"}


def test_every_module_has_a_layer() -> None:
    known = (*STAGES, *ORCHESTRATION, *SHARED, *OUTPUT, "setup.py")
    skip = ("tests", "tools", "build", "data", "docs", "examples", ".git")
    unplaced = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in skip or rel.parts[0].startswith("."):
            continue
        if rel.parts[0] not in known:
            unplaced.append(str(rel))
    assert not unplaced, unplaced


def test_shared_modules_import_no_stage_or_orchestration() -> None:
    bad = []
    for name in SHARED:
        for imp in _imports(ROOT / name):
            if name == "__init__.py" and imp in {"vanban.store"}:
                continue  # vanban.load is re-exported for notebooks
            top = imp.split(".")[1] if "." in imp else ""
            if (top in STAGES and top != "models") or top in {"pipeline", "cli"}:
                bad.append(f"{name} imports {imp}")
    assert not bad, bad


def test_no_runtime_module_imports_tools() -> None:
    bad = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in {"tests", "tools", "build"}:
            continue
        text = path.read_text(encoding="utf-8")
        if "from tools" in text or "import tools" in text:
            bad.append(str(rel))
    assert not bad, bad


def test_output_layer_imports_only_models_errors_store() -> None:
    bad = []
    for layer in OUTPUT:
        for path in (ROOT / layer).rglob("*.py"):
            for name in _imports(path):
                own = name == f"vanban.{layer}" or name.startswith(f"vanban.{layer}.")
                if not own and not any(name == a or name.startswith(a + ".")
                                       for a in OUTPUT_ALLOWED):
                    bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, bad
