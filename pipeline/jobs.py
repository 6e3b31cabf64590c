"""The worker jobs as the main process names them: it submits these by reference, and the
worker imports the stages (OCR, restore, extract and their libraries) when the job runs.

The main process only schedules, unpickles small results and commits files; importing
`pipeline.stages` there cost ~11 MiB of private memory and ~25 MiB of mapped libraries
(OpenCV, pikepdf, restore/, extract/) that a memory limit on the run's process tree then
denied the workers (issue 15: 250-300 MiB limits).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vanban.models.records import PageText
    from vanban.pipeline.state import Prepared


def prepare_job(*args: Any, **kwargs: Any) -> Prepared:
    """`stages.prepare_job`, imported in the worker."""
    from vanban.pipeline.stages import prepare_job as job

    return job(*args, **kwargs)


def ocr_job(*args: Any, **kwargs: Any) -> PageText:
    """`stages.ocr_job`, imported in the worker."""
    from vanban.pipeline.stages import ocr_job as job

    return job(*args, **kwargs)
