"""The finish job streams (pipeline/spool.py): page by page into row-group parts, the same
rows as FINISH over the whole document (stages.finish_job), tables joined across pages
included."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from PIL import Image

from vanban.errors import NoTextError
from vanban.models.records import BBox, OcrWord, PageText, Table, TableCell
from vanban.models.schema import documents_table, pages_table, tasks_table, words_table
from vanban.pipeline import parts, runinfo, spool, stages
from vanban.pipeline.failures import document_status
from vanban.pipeline.state import RunOptions

HEADER = ["NGÀY/ THỨ", "NỘI DUNG CÔNG VIỆC", "CHỦ TRÌ CHUẨN BỊ", "LÃNH ĐẠO"]
ROWS = [["Thứ Hai 02/12", "Buổi sáng: Giao ban tuần", "Văn phòng", "Đ/c Oánh"],
        ["", "Buổi chiều: Kiểm tra tiêu chí nông thôn mới tại xã", "Phòng NN", "Đ/c Long"]]


def _cell(row: int, col: int, text: str, rowspan: int = 1) -> TableCell:
    box = BBox(300 * col, 60 * row + 200, 300 * col + 290, 60 * row + 250)
    words = tuple(OcrWord(w, BBox(box.x0 + 40 * i, box.y0, box.x0 + 40 * i + 35, box.y1),
                          88.0 + i, 0) for i, w in enumerate(text.split()))
    return TableCell(row, col, text, box, rowspan=rowspan, conf=90.0, words=words)


def _reading(page_no: int) -> PageText:
    """A schedule page: a title line, then a table whose header row repeats on every page (the
    header of the first column spans two rows on odd pages)."""
    span = 2 if page_no % 2 else 1
    cells = [_cell(0, c, t, rowspan=span if c == 0 else 1) for c, t in enumerate(HEADER)]
    cells += [_cell(1 + r, c, t) for r, row in enumerate(ROWS) for c, t in enumerate(row)
              if not (span == 2 and r == 0 and c == 0)]
    table = Table(page_no, 1 + len(ROWS), 4, tuple(cells), BBox(0, 200, 1200, 400))
    title = f"LỊCH CÔNG TÁC TUẦN CỦA ỦY BAN NHÂN DÂN HUYỆN trang {page_no}"
    lines = [title, "\t".join(HEADER), *("\t".join(r) for r in ROWS)]
    words = tuple(OcrWord(w, BBox(40 * i, 20, 40 * i + 35, 50), 91.0, 1)
                  for i, w in enumerate(title.split()))
    return PageText(page_no=page_no, method="ocr", text="\n".join(lines), ocr_confidence=90.0,
                    words=words, tables=(table,))


def _scan(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "scan.tif"
    pages = [Image.new("L", (400, 300), 255) for _ in range(n)]
    pages[0].save(path, save_all=True, append_images=pages[1:])
    return path


def _whole(prepared: stages.Prepared, readings: dict[int, PageText]) -> dict[str, list[dict]]:
    """The tables as FINISH over the whole document makes them (the finish job before)."""
    result = stages.finish_job(prepared, readings)
    status = document_status((p.text for p in result.pages), 0)
    src = prepared.source
    return {"pages": pages_table(result.pages).to_pylist(),
            "words": words_table(result.words).to_pylist(),
            "tasks": tasks_table(src.doc_id, result.extraction.tasks).to_pylist(),
            "documents": documents_table([runinfo.stamp(result.document, status,
                                                        RunOptions(out=Path(".")),
                                                        src.path)]).to_pylist()}


def _streamed(tmp_path: Path, prepared: stages.Prepared,
              readings: dict[int, PageText]) -> tuple[spool.Staged, dict[str, list[dict]]]:
    spooled = {}
    for no, page in readings.items():
        dest = spool.page_file(tmp_path / "tmp", "doc", no)
        spool.spooled_ocr(lambda p=page: p, str(dest), True)
        spooled[no] = str(dest)
    staged = spool.finish_staged(prepared, spooled, {}, (), 0, RunOptions(out=Path(".")),
                                 str(tmp_path / "parts"))
    return staged, {name: pq.read_table(file).to_pylist() for name, file in staged.parts}


def test_streamed_finish_gives_the_rows_of_the_whole_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parts, "ROW_GROUP_ROWS", 7)  # several row groups per part
    n = 5
    prepared = stages.prepare_job(_scan(tmp_path, n), "ocr")
    readings = {no: _reading(no) for no in range(1, n + 1)}
    joined = stages.ocr.join_page_tables(list(readings.values()))
    assert sum(a != b for a, b in zip(joined, readings.values(), strict=True)) == n - 1
    staged, got = _streamed(tmp_path, prepared, readings)
    want = _whole(prepared, readings)
    assert got == want
    assert any(w["cell_row"] is not None and w["x0"] is not None for w in got["words"])
    assert pq.ParquetFile(dict(staged.parts)["words"]).num_row_groups > 1
    assert (staged.pages, staged.ocr_pages) == (n, n)
    assert not [f for f in (tmp_path / "parts").iterdir() if f.name.startswith(".")]


def test_a_document_that_fails_late_leaves_no_part_behind(tmp_path: Path) -> None:
    prepared = stages.prepare_job(_scan(tmp_path, 2), "ocr")
    empty = {no: dataclasses.replace(_reading(no), text="", words=(), tables=())
             for no in (1, 2)}
    with pytest.raises(NoTextError):
        _streamed(tmp_path, prepared, empty)
    assert not list((tmp_path / "parts").iterdir())
