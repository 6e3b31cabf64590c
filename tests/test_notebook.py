"""examples/analysis.ipynb runs top to bottom on the samples' output (so it never rots)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from vanban.pipeline import RunOptions, run

from helpers import PDFS, ROOT, SEEDS

NOTEBOOK = ROOT / "examples" / "analysis.ipynb"


def test_example_notebook_executes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    inputs = [SEEDS, *sorted(PDFS.glob("00[02]_*.digital.pdf"))]  # renderings to count once
    run(inputs, RunOptions(out=out, jobs=1, executor="inprocess"))
    monkeypatch.setenv("VANBAN_OUT", str(out))  # the kernel inherits this environment
    monkeypatch.setenv("MPLBACKEND", "Agg")  # headless
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert "5 documents" in "".join(o.get("text", "") for o in outputs)
