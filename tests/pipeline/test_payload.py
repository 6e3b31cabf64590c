"""What a page job carries does not grow with its document.

A page job is sent to a worker (pickled) once per page: if it carried the document (its
opened source, every page's state, an image) a long scan would cost per page in proportion to
its length, and a one-file batch more than the same pages as several files. It carries the
file's path and the page's number only; the worker renders the page itself.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from PIL import Image

from vanban.models.records import PageText
from vanban.pipeline import RunOptions, run, spool
from vanban.pipeline.executors import InProcess

TEXT = ("UỶ BAN NHÂN DÂN XÃ AN HÒA\nLịch công tác tuần của Ban chỉ đạo xây dựng nông thôn "
        "mới: họp giao ban, kiểm tra tiến độ các tiêu chí và báo cáo kết quả thực hiện.")


def _fake_ocr(path: Path, fmt: str, page_no: int, *args: object) -> PageText:
    return PageText(page_no=page_no, method="ocr", text=TEXT, ocr_confidence=90.0)


class _Recording(InProcess):
    """Runs jobs here; records each page job's pickled size, and reads pages with a fake OCR
    (the payload is the subject, not the reading)."""

    def __init__(self) -> None:
        self.page_jobs: list[int] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        if fn is spool.spooled_ocr:
            self.page_jobs.append(len(pickle.dumps(args[1:])))  # what the worker receives
            args = (_fake_ocr, *args[1:])
        return super().submit(fn, *args)


def _scan(path: Path, pages: int) -> Path:
    blank = [Image.new("L", (850, 1100), 255) for _ in range(pages)]
    blank[0].save(path, save_all=True, append_images=blank[1:], resolution=100)
    return path


def test_a_page_job_is_the_same_size_in_a_long_document(tmp_path: Path) -> None:
    sizes = {}
    for pages in (2, 12):
        executor = _Recording()
        summary = run([_scan(tmp_path / f"scan{pages:02d}.pdf", pages)],
                      RunOptions(out=tmp_path / f"out{pages}", jobs=1), executor=executor)
        assert summary.documents == 1 and summary.pages == pages
        assert len(executor.page_jobs) == pages
        sizes[pages] = max(executor.page_jobs)
    # the page number's digits and nothing else may differ
    assert abs(sizes[12] - sizes[2]) <= 8, sizes
