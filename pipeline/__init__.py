"""The pipeline: stages over a typed document/page state, run by a pluggable executor.

    state.py      options, page routes, per-document results (picklable records)
    stages.py     the stages and the three worker jobs composed from them
    executors.py  in-process, local process pool, Dask
    scheduler.py  fan-out, retries after worker deaths, atomic commits
    failures.py   exceptions -> `failures` rows
    plugins.py    hooks loaded into workers (tests inject faults through them)
"""

from vanban.pipeline.scheduler import run
from vanban.pipeline.stages import decide_page, route_page
from vanban.pipeline.state import DocResult, PagePlan, Prepared, RunOptions, RunSummary

__all__ = ["DocResult", "PagePlan", "Prepared", "RunOptions", "RunSummary", "decide_page",
           "route_page", "run"]
