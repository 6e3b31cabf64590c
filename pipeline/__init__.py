"""The pipeline: stages over a typed document/page state, run by a pluggable executor.

    state.py      options, the document and page state with its step log, results (picklable)
    stages.py     the stages (one protocol) and the three worker jobs composed from them
    executors.py  in-process, local process pool, Dask
    scheduler.py  fan-out, retries after worker deaths, atomic commits
    failures.py   exceptions -> `failures` rows
    plugins.py    hooks loaded into workers (tests inject faults through them)
"""

from typing import Any

from vanban.pipeline.scheduler import run
from vanban.pipeline.state import (
    DocResult,
    DocState,
    PageState,
    Prepared,
    RunOptions,
    RunSummary,
    Stage,
    Step,
)

__all__ = ["DocResult", "DocState", "PageState", "Prepared", "RunOptions", "RunSummary",
           "Stage", "Step", "decide_page", "route_page", "run"]


def __getattr__(name: str) -> Any:
    """decide_page and route_page on first use: importing the stages (OCR, restore, extract
    and their libraries) is the workers' business, not the main process's."""
    if name in ("decide_page", "route_page"):
        from vanban.pipeline import stages

        return getattr(stages, name)
    raise AttributeError(f"module 'vanban.pipeline' has no attribute {name!r}")
