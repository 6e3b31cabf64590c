"""extract/ over a long document in bounded windows of pages.

extract/ reads a document whole (its lines, paragraphs, sections): a few hundred MiB per MB of
text. A document up to `WHOLE_CHARS` of text (far beyond any real notice, plan or report: the
seeds have 10-30 k characters) is read whole, as always. A longer one -- a large text input
read in chunks -- is read in windows of pages of about `WINDOW_CHARS` each. Each window is read
with the document's first page before it (the header says what kind of document it is, its
date and year, which decide how tasks are read), the pages before the window up to
`BEFORE_CHARS` (one at least: a section or paragraph that began there) and the page after it
(a task running on past the window's end);
a window keeps only the tasks that begin on its own pages, so each task is read once, whole,
with its context. The document's metadata is read from its first and last page (header and
signature); warnings of all windows are kept, each once.

Limits: a task longer than a whole page, or context further back than `BEFORE_CHARS` (the
heading of a long section, which names `tasks.section`), is read as a window sees it; tasks in
a windowed document are ordered by page and line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from vanban import extract
from vanban.models.records import Extraction, PageText, Task

WHOLE_CHARS = 1_000_000
WINDOW_CHARS = 200_000
BEFORE_CHARS = 50_000  # pages before a window read with it (one at least): its context


def extract_bounded(pages: Sequence[PageText]) -> Extraction:
    if sum(len(p.text) for p in pages) <= WHOLE_CHARS:
        return extract.extract_document(pages)
    meta = extract.extract_document([pages[0], pages[-1]] if len(pages) > 1 else pages).meta
    tasks: list[Task] = []
    warnings: dict[str, None] = {}
    for lo, hi in _windows(pages, WINDOW_CHARS):
        start = _back(pages, lo, BEFORE_CHARS)
        head = pages[:1] if start > 0 else []
        context = [*head, *pages[start:hi + 1]]
        got = extract.extract_document(context)
        own = {p.page_no for p in pages[lo:hi]}
        tasks.extend(t for t in got.tasks if t.page_no in own)
        warnings.update(dict.fromkeys(got.warnings))
    tasks.sort(key=lambda t: (t.page_no, t.line_no))
    return Extraction(meta=meta, tasks=tuple(tasks), warnings=tuple(warnings))


def _windows(pages: Sequence[PageText], window_chars: int) -> Iterator[tuple[int, int]]:
    """[lo, hi) index ranges of consecutive pages, about `window_chars` each (a page at least)."""
    lo = size = 0
    for i, page in enumerate(pages):
        if i > lo and size + len(page.text) > window_chars:
            yield lo, i
            lo, size = i, 0
        size += len(page.text)
    if lo < len(pages):
        yield lo, len(pages)


def _back(pages: Sequence[PageText], lo: int, chars: int) -> int:
    """The first page of the context before index `lo`: one page, more while `chars` last."""
    start = max(0, lo - 1)
    size = len(pages[start].text) if start < lo else 0
    while start > 0 and size + len(pages[start - 1].text) <= chars:
        start -= 1
        size += len(pages[start].text)
    return start
