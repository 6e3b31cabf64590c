"""Strict mypy over the package, whatever the checkout's folder is called.

mypy names a module after the folders above it, and this repository's root *is* the `vanban`
package, so `mypy -p vanban` finds nothing unless some folder on its path is called `vanban`.
Here every module is handed to mypy with its real name (`vanban.<path>`) instead: no symlink,
no install needed. Settings come from pyproject.toml's [tool.mypy].
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mypy import build
from mypy.errors import CompileError
from mypy.main import process_options
from mypy.modulefinder import BuildSource

ROOT = Path(__file__).resolve().parent.parent
SKIP = {"build", "tests", "out", "examples", "data", "docs", ".git"}


def sources() -> list[BuildSource]:
    out = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        hidden = any(p.startswith(".") for p in rel.parts)
        if rel.parts[0] in SKIP or hidden or rel.name == "setup.py":
            continue
        parts = ["vanban", *rel.with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        out.append(BuildSource(str(path), ".".join(parts)))
    return out


def main() -> int:
    # From outside the checkout: mypy puts the working folder on its search path, where the
    # package's own files would be found a second time under top-level names.
    os.chdir(ROOT.parent)
    _, options = process_options(["--config-file", str(ROOT / "pyproject.toml"), "-c", "pass"])
    modules = sources()
    try:
        result = build.build(modules, options)
    except CompileError as exc:
        print("\n".join(exc.messages))
        return 2
    for line in result.errors:
        print(line)
    verdict = "Errors found" if result.errors else "Success: no issues found"
    print(f"{verdict} in {len(modules)} source files")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
