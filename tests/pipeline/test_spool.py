"""OCR'd pages and a document's parts wait on disk under OUT/.vanban-tmp, not in the main
process (pipeline/spool.py): the main process handles paths only, and the folder goes away."""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import vanban
from vanban.models.records import BBox, OcrWord, PageText
from vanban.pipeline import RunOptions, run, scheduler, spool
from vanban.pipeline.worker import TMP_NAME

TEXT = ("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\nTHÔNG BÁO\nGiao Sở Nông nghiệp và Phát triển nông "
        "thôn chủ trì triển khai kế hoạch xây dựng nông thôn mới năm 2024.")


def _reading(page_no: int) -> PageText:
    text = f"{TEXT}\nTrang {page_no}"
    words = tuple(OcrWord(w, BBox(12 * i, 20 * n, 12 * i + 10, 20 * n + 15), 90.0, n + 1)
                  for n, line in enumerate(text.split("\n")) for i, w in enumerate(line.split()))
    return PageText(page_no=page_no, method="ocr", text=text, ocr_confidence=90.0, words=words)


def fake_ocr(path: Path, fmt: str, page_no: int, *args: Any) -> PageText:
    return _reading(page_no)


def _scan(tmp_path: Path, n: int = 3) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    pages = [Image.new("L", (400, 300), 255) for _ in range(n)]
    pages[0].save(folder / "scan.tif", save_all=True, append_images=pages[1:])
    return folder


def _options(out: Path) -> RunOptions:
    return RunOptions(out=out, jobs=1, executor="inprocess")


def test_pages_travel_as_files_and_the_folder_goes_after_the_commit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scheduler, "ocr_job", fake_ocr)
    seen: list[dict[int, str]] = []
    real = spool.finish_staged

    def finish(prepared: Any, spooled: Mapping[int, str], *args: Any) -> spool.Staged:
        seen.append(dict(spooled))
        for no, file in spooled.items():  # on disk, each page its own reading
            assert Path(file).is_file() and Path(file).is_relative_to((out / TMP_NAME).absolute())
            assert spool.read_page(file) == _reading(no)
        staged = real(prepared, spooled, *args)
        assert {name for name, _ in staged.parts} == {"documents", "pages", "tasks", "words"}
        return staged

    monkeypatch.setattr(spool, "finish_staged", finish)
    out = tmp_path / "out"
    summary = run([_scan(tmp_path)], _options(out))
    assert summary.documents == 1 and summary.pages == 3 and summary.ocr_pages == 3
    assert [sorted(s) for s in seen] == [[1, 2, 3]]
    assert all(isinstance(v, str) for v in seen[0].values()), "paths, never pages"
    t = vanban.load(out)
    assert list(t["pages"]["page_no"]) == [1, 2, 3]
    assert t["pages"]["text"].iloc[2].endswith("Trang 3")
    assert len(t["words"]) == sum(len(_reading(n).words) for n in (1, 2, 3))
    assert not (out / TMP_NAME).exists() or not any((out / TMP_NAME).rglob("*"))


def test_leftovers_of_a_killed_run_are_never_taken_for_this_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scheduler, "ocr_job", fake_ocr)
    clean, out = tmp_path / "clean", tmp_path / "out"
    inputs = _scan(tmp_path)
    run([inputs], _options(clean))
    doc_id = vanban.load(clean)["documents"]["doc_id"].iloc[0]
    # What a SIGKILL'd run leaves: a page spooled with another reading, a staged part.
    stale = spool.page_file(out / TMP_NAME, doc_id, 2)
    stale.parent.mkdir(parents=True)
    stale.write_bytes(pickle.dumps(PageText(page_no=2, method="ocr", text="STALE")))
    (stale.parent / "documents.parquet").write_bytes(b"half a file")
    run([inputs], _options(out))
    a, b = vanban.load(clean), vanban.load(out)
    assert list(a["pages"]["text"]) == list(b["pages"]["text"])
    assert "STALE" not in " ".join(b["pages"]["text"])
    assert len(a["words"]) == len(b["words"])


def test_a_document_whose_finish_fails_leaves_no_spool(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scheduler, "ocr_job", fake_ocr)

    def broken(*args: Any) -> spool.Staged:
        raise ValueError("a value no column can hold")

    monkeypatch.setattr(spool, "finish_staged", broken)
    out = tmp_path / "out"
    summary = run([_scan(tmp_path)], _options(out))
    assert summary.failed_files == 1 and summary.documents == 0
    assert "a value no column can hold" in vanban.load(out)["failures"]["message"].iloc[0]
    assert not (out / TMP_NAME).exists() or not any((out / TMP_NAME).rglob("*.pkl"))


PLAIN = ("UY BAN NHAN DAN TINH HA TINH\nTHONG BAO\nGiao So Nong nghiep va Phat trien nong thon "
         "chu tri trien khai ke hoach xay dung nong thon moi nam 2024.")  # accents lost


def fake_plain_ocr(path: Path, fmt: str, page_no: int, *args: Any) -> PageText:
    words = tuple(OcrWord(w, BBox(12 * i, 20 * n, 12 * i + 10, 20 * n + 15), 90.0, n + 1)
                  for n, line in enumerate(PLAIN.split("\n")) for i, w in enumerate(line.split()))
    return PageText(page_no=page_no, method="ocr", text=PLAIN, ocr_confidence=90.0, words=words)


def test_pages_restored_ahead_in_the_ocr_job_give_the_same_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """restore runs in the (parallel) OCR jobs; the finish job reuses it for unchanged text."""
    from vanban import restore

    monkeypatch.setattr(scheduler, "ocr_job", fake_plain_ocr)
    calls: list[str] = []
    real = restore.restore_text

    def counting(text: str, *args: Any, **kw: Any) -> Any:
        calls.append(text)
        return real(text, *args, **kw)

    monkeypatch.setattr(restore, "restore_text", counting)
    inputs = _scan(tmp_path)
    run([inputs], _options(tmp_path / "ahead"))
    assert len(calls) == 3, "once per page, in its OCR job; the finish job reused them"
    monkeypatch.setattr(spool, "restore_ahead", lambda page: None)
    run([inputs], _options(tmp_path / "finish"))
    assert len(calls) == 6
    a, b = vanban.load(tmp_path / "ahead"), vanban.load(tmp_path / "finish")
    cols = ["page_no", "text", "raw_text", "restored", "decision"]
    assert a["pages"][cols].to_dict("records") == b["pages"][cols].to_dict("records")
    assert a["pages"]["restored"].all() and "Nông" in a["pages"]["text"].iloc[0]
    words = [c for c in a["words"].columns if c != "doc_id"]
    assert a["words"][words].equals(b["words"][words])
