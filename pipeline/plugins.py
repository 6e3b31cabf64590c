"""Plugins: code loaded into every worker whose hooks run before each stage.

A plugin is a module name or a path to a .py file (`vanban run --plugin X`, like OCRmyPDF's
plugins). It may define `before_stage(stage: str, path: Path) -> None`, called in the worker
right before a stage works on a file. The product's own code defines no plugin; the test suite
injects faults this way (tests/plugins/faults.py) instead of the runtime reading a test switch.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType

from vanban.errors import UsageError

Hook = Callable[[str, Path], None]


@cache
def _load(spec: str) -> ModuleType:
    if spec.endswith(".py"):
        path = Path(spec)
        mod_spec = importlib.util.spec_from_file_location(f"vanban_plugin_{path.stem}", path)
        if mod_spec is None or mod_spec.loader is None or not path.is_file():
            raise UsageError(f"plugin file not found: {spec}")
        module = importlib.util.module_from_spec(mod_spec)
        mod_spec.loader.exec_module(module)
        return module
    try:
        return importlib.import_module(spec)
    except ImportError as exc:
        raise UsageError(f"plugin {spec!r} cannot be imported: {exc}") from exc


def check(specs: tuple[str, ...]) -> None:
    """Load every plugin once in the main process, so a bad name is a usage error up front."""
    for spec in specs:
        _load(spec)


def before_stage(specs: tuple[str, ...], stage: str, path: Path) -> None:
    for spec in specs:
        hook: Hook | None = getattr(_load(spec), "before_stage", None)
        if hook is not None:
            hook(stage, path)
