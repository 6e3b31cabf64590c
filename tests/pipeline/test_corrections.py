"""The correction path: an archivist's text for a page is taken by a later run (issue 12)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import vanban
from vanban.models.records import BBox, OcrWord, PageText
from vanban.pipeline import RunOptions, run, scheduler
from vanban.store import Store, correction_path

from helpers import seed


def _boxed_reading(page_no: int, text: str, confidence: float | None = None) -> PageText:
    """What a fake OCR job returns: `text` with one box per word, laid out line by line."""
    words = tuple(OcrWord(w, BBox(12 * i, 20 * n, 12 * i + 10, 20 * n + 15), 90.0, n + 1)
                  for n, line in enumerate(text.split("\n"))
                  for i, w in enumerate(line.split()))
    return PageText(page_no=page_no, method="ocr", text=text, ocr_confidence=confidence,
                    words=words)

def _options(out: Path, **kw: Any) -> RunOptions:
    return RunOptions(out=out, jobs=1, executor="inprocess", **kw)


def _inputs(tmp_path: Path, *prefixes: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for prefix in prefixes:
        shutil.copy(seed(prefix), folder)
    return folder


def _correct_first_task(out: Path, doc_id: str, new_text: str) -> Path:
    """Write a correction of page 1 in which the first directive task's words are replaced."""
    t = vanban.load(out)
    page = t["pages"].query("doc_id == @doc_id and page_no == 1").iloc[0]
    task = t["tasks"].query("doc_id == @doc_id and kind == 'directive'").iloc[0]
    lines = page["text"].split("\n")
    i = int(task["line_no"]) - 1
    assert task["text"][:30] in lines[i]
    lines[i] = lines[i].replace(task["text"][:30], new_text)
    dest = correction_path(out / "corrections", doc_id, 1)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


NEW = "Kiểm tra hồ sơ lưu trữ của các xã"


def test_plain_rerun_takes_a_correction_and_skips_the_rest(tmp_path: Path) -> None:
    inp, out = _inputs(tmp_path, "001", "002"), tmp_path / "out"
    first = run([inp], _options(out))
    assert first.documents == 2
    t0 = vanban.load(out)
    doc_id = t0["documents"].query("source_path.str.contains('002_')")["doc_id"].iloc[0]
    assert not t0["pages"]["corrected"].any() and not t0["tasks"]["corrected"].any()
    dest = _correct_first_task(out, doc_id, NEW)

    second = run([inp], _options(out))
    assert (second.documents, second.skipped) == (1, 1)  # 001 has no correction: skipped
    t = vanban.load(out)
    page = t["pages"].query("doc_id == @doc_id").iloc[0]
    before = t0["pages"].query("doc_id == @doc_id").iloc[0]
    assert page["corrected"] and page["correction_file"] == str(dest)
    assert page["text"] == dest.read_text(encoding="utf-8").rstrip("\n")
    assert page["raw_text"] == before["raw_text"]  # the original reading is kept
    assert not page["restored"]
    assert page["decision"].endswith(f"corrected by hand (file {dest})")
    tasks = t["tasks"].query("doc_id == @doc_id")
    assert any(NEW in s for s in tasks["text"])  # the corrected words reached the tasks
    assert not any(NEW in s for s in t0["tasks"]["text"])
    assert tasks.query("page_no == 1")["corrected"].all()
    assert not t["pages"].query("doc_id != @doc_id")["corrected"].any()
    words = t["words"].query("doc_id == @doc_id")
    assert " ".join(words["text"]) == " ".join(page["text"].split())

    third = run([inp], _options(out))  # nothing newer than the commit: both skipped
    assert (third.documents, third.skipped) == (0, 2)

    forced = run([inp], _options(out, force=True))  # --force redoes, the correction stays
    assert forced.documents == 2
    again = vanban.load(out)["pages"].query("doc_id == @doc_id").iloc[0]
    assert again["corrected"] and again["text"] == page["text"]
    assert again["raw_text"] == before["raw_text"]

    dest.unlink()  # a removed correction: the machine's reading comes back
    back = run([inp], _options(out))
    assert (back.documents, back.skipped) == (1, 1)
    page = vanban.load(out)["pages"].query("doc_id == @doc_id").iloc[0]
    assert not page["corrected"] and page["text"] == before["text"]


def test_an_edited_correction_redoes_the_document(tmp_path: Path) -> None:
    inp, out = _inputs(tmp_path, "002"), tmp_path / "out"
    run([inp], _options(out))
    doc_id = vanban.load(out)["documents"]["doc_id"].iloc[0]
    dest = _correct_first_task(out, doc_id, NEW)
    run([inp], _options(out))
    dest.write_text(dest.read_text(encoding="utf-8").replace(NEW, "Rà soát kế hoạch"),
                    encoding="utf-8")
    committed_at = Store(out).committed_at(doc_id)  # a part or, after compaction, its file
    assert committed_at is not None
    old = committed_at - 10**9  # same content check, whatever the clock says
    os.utime(dest, ns=(old, old))
    assert run([inp], _options(out)).documents == 1
    assert any("Rà soát kế hoạch" in s for s in vanban.load(out)["tasks"]["text"])


def test_corrections_folder_given_on_the_command_line(tmp_path: Path) -> None:
    inp, out = _inputs(tmp_path, "002"), tmp_path / "out"
    run([inp], _options(out))
    doc_id = vanban.load(out)["documents"]["doc_id"].iloc[0]
    elsewhere = tmp_path / "archivist"
    dest = correction_path(elsewhere, doc_id, 1)
    dest.parent.mkdir(parents=True)
    dest.write_text("ỦY BAN NHÂN DÂN TỈNH\nSở Tư pháp chủ trì rà soát văn bản.\n",
                    encoding="utf-8")
    from vanban.cli import main

    assert main(["run", str(inp), "-o", str(out), "--executor", "inprocess", "--plain",
                 "--corrections", str(elsewhere)]) == 0
    page = vanban.load(out)["pages"].iloc[0]
    assert page["corrected"] and page["correction_file"] == str(dest)


def test_a_correction_for_a_missing_page_is_a_failure_row(tmp_path: Path) -> None:
    inp, out = _inputs(tmp_path, "002"), tmp_path / "out"
    run([inp], _options(out))
    doc_id = vanban.load(out)["documents"]["doc_id"].iloc[0]
    folder = out / "corrections" / doc_id
    folder.mkdir(parents=True)
    (folder / "7.txt").write_text("trang bảy", encoding="utf-8")
    (folder / "trang1.txt").write_text("sai tên", encoding="utf-8")
    (folder / ".1.txt.swp").write_bytes(b"\x00editor")  # hidden: not a correction
    summary = run([inp], _options(out))
    assert summary.documents == 1 and summary.failure_rows == 2
    t = vanban.load(out)
    fails = t["failures"].sort_values("message")
    assert list(fails["error_type"]) == ["CorrectionError"] * 2
    assert set(fails["stage"]) == {"correct"}
    missing = fails[fails["message"].str.contains("7.txt")].iloc[0]
    assert "page 7" in missing["message"] and "1 page(s)" in missing["message"]
    assert missing["page_no"] == 7
    assert fails["message"].str.contains("trang1.txt").any()
    assert not t["pages"]["corrected"].any()  # the document itself went on, uncorrected
    assert t["documents"]["status"].iloc[0] == "partial"  # retried until the file is fixed
    (folder / "7.txt").unlink()
    (folder / "trang1.txt").unlink()
    assert run([inp], _options(out)).failure_rows == 0
    assert vanban.load(out)["failures"].empty


READING = ("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\nTHÔNG BÁO\nGiao Sở Nông nghiệp và Phát triển nông "
           "thôn chủ trì triển khai kế hoạch xây dựng nông thôn mới năm 2024.\n") * 2


def test_a_corrected_scan_page_is_not_ocrd_again(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    Image.new("L", (400, 300), 255).save(inp / "scan.png")
    out = tmp_path / "out"
    calls: list[int] = []

    def fake_ocr(path: Path, fmt: str, page_no: int, *args: Any) -> PageText:
        calls.append(page_no)
        return _boxed_reading(page_no, READING, 88.0)

    monkeypatch.setattr(scheduler, "ocr_job", fake_ocr)
    run([inp], _options(out))
    assert calls == [1]
    doc_id = vanban.load(out)["documents"]["doc_id"].iloc[0]
    dest = correction_path(out / "corrections", doc_id, 1)
    dest.parent.mkdir(parents=True)
    # 9 words become 4, once: more than the sequential matcher's look-ahead could bridge
    corrected = READING.replace("Sở Nông nghiệp và Phát triển nông thôn chủ trì triển khai",
                                "Sở Tài chính chủ trì", 1)
    dest.write_text(corrected, encoding="utf-8")
    for force in (False, True):
        run([inp], _options(out, force=force))
        assert calls == [1], "no OCR for a corrected page whose reading is known"
        page = vanban.load(out)["pages"].iloc[0]
        assert page["method"] == "ocr" and page["ocr_confidence"] == 88.0
        assert page["raw_text"] == READING and page["text"] == corrected.rstrip("\n")
        assert "restored" not in page["decision"]
        assert page["decision"].endswith(f"corrected by hand (file {dest})")
        words = vanban.load(out)["words"]  # unchanged words keep their boxes, new ones have none
        assert " ".join(words["text"]) == " ".join(corrected.split())
        unboxed = set(words[words["x0"].isna()]["text"])
        assert unboxed == {"Tài", "chính"}, unboxed
        assert words["x0"].notna().sum() == len(words) - 2


def test_report_shows_corrected_pages_and_where_corrections_go(tmp_path: Path) -> None:
    from html import unescape

    from vanban.cli import main

    inp, out = _inputs(tmp_path, "001", "002"), tmp_path / "out"
    run([inp], _options(out))
    docs = vanban.load(out)["documents"]
    fixed = docs.query("source_path.str.contains('002_')")["doc_id"].iloc[0]
    other = docs.query("source_path.str.contains('001_')")["doc_id"].iloc[0]
    dest = _correct_first_task(out, fixed, NEW)
    run([inp], _options(out))
    assert main(["report", str(out)]) == 0
    page = unescape((out / "report" / f"{fixed}.html").read_text(encoding="utf-8"))
    assert "corrected by hand" in page and f"<code>{dest}</code>" in page
    assert "sửa tay" in page  # its tasks are marked too
    plain = unescape((out / "report" / f"{other}.html").read_text(encoding="utf-8"))
    where = correction_path((out / "corrections").resolve(), other, 1)
    assert f"<code>{where}</code>" in plain and "corrected by hand" not in plain
    index = unescape((out / "report" / "index.html").read_text(encoding="utf-8"))
    assert "sửa tay" in index
    elsewhere = tmp_path / "archivist"
    assert main(["report", str(out), "--corrections", str(elsewhere)]) == 0
    plain = unescape((out / "report" / f"{other}.html").read_text(encoding="utf-8"))
    assert f"<code>{correction_path(elsewhere.resolve(), other, 1)}</code>" in plain


def test_corrections_travel_to_spawned_workers(tmp_path: Path) -> None:
    """The texts ride inside the picklable state: workers never read the corrections folder."""
    inp, out = _inputs(tmp_path, "002"), tmp_path / "out"
    run([inp], _options(out))
    doc_id = vanban.load(out)["documents"]["doc_id"].iloc[0]
    dest = _correct_first_task(out, doc_id, NEW)
    summary = run([inp], RunOptions(out=out, jobs=2, executor="local"))
    assert summary.documents == 1, summary.messages
    t = vanban.load(out)
    assert t["pages"]["corrected"].all() and t["pages"]["correction_file"].iloc[0] == str(dest)
    assert any(NEW in s for s in t["tasks"]["text"])


def test_a_correction_folder_naming_no_document_is_a_failure_row(tmp_path: Path) -> None:
    inp, out = _inputs(tmp_path, "002"), tmp_path / "out"
    typo = out / "corrections" / "0123456789abcdef"
    typo.mkdir(parents=True)
    (typo / "1.txt").write_text("trang một", encoding="utf-8")
    summary = run([inp], _options(out))
    assert summary.documents == 1 and summary.failure_rows == 1
    (row,) = vanban.load(out)["failures"].to_dict(orient="records")
    assert row["error_type"] == "CorrectionError" and str(typo) in row["message"]
    shutil.rmtree(typo)
    assert run([inp], _options(out)).failure_rows == 0
    assert vanban.load(out)["failures"].empty


def test_an_unreadable_corrections_folder_is_a_failure_row_not_a_crash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inp, out = _inputs(tmp_path, "002"), tmp_path / "out"
    run([inp], _options(out))
    doc_id = vanban.load(out)["documents"]["doc_id"].iloc[0]
    folder = out / "corrections" / doc_id
    folder.mkdir(parents=True)
    real = Path.iterdir

    def denied(self: Path) -> Any:  # what chmod 000 does to anyone but root
        if self == folder:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "iterdir", denied)
    summary = run([inp], _options(out))
    assert summary.documents == 1 and summary.failure_rows == 1
    assert "cannot be read (Permission denied)" in summary.messages[0]


def test_a_correction_in_place_before_the_first_run(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """No earlier reading: the page is OCR'd once so raw_text keeps the machine's reading."""
    import hashlib

    inp = tmp_path / "in"
    inp.mkdir()
    Image.new("L", (400, 300), 255).save(inp / "scan.png")
    doc_id = hashlib.sha256((inp / "scan.png").read_bytes()).hexdigest()[:16]
    out = tmp_path / "out"
    dest = correction_path(out / "corrections", doc_id, 1)
    dest.parent.mkdir(parents=True)
    corrected = READING.replace("Sở Nông nghiệp", "Sở Tài chính")
    dest.write_text(corrected, encoding="utf-8")
    calls: list[int] = []

    def fake_ocr(path: Path, fmt: str, page_no: int, *args: Any) -> PageText:
        calls.append(page_no)
        return _boxed_reading(page_no, READING)

    monkeypatch.setattr(scheduler, "ocr_job", fake_ocr)
    assert run([inp], _options(out)).failure_rows == 0
    assert calls == [1]
    t = vanban.load(out)
    page = t["pages"].iloc[0]
    assert page["corrected"] and page["raw_text"] == READING
    assert page["text"] == corrected.rstrip("\n")
    assert set(t["words"][t["words"]["x0"].isna()]["text"]) == {"Tài", "chính"}


def test_other_pages_keep_their_committed_output(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Redone only for a correction, a scan is not OCR'd again: its other pages keep their
    rows (and words) exactly; removing the correction OCRs just that page again."""
    inp = tmp_path / "in"
    inp.mkdir()
    frames = [Image.new("L", (400, 300), 255), Image.new("L", (400, 300), 250)]
    frames[0].save(inp / "scan.tif", save_all=True, append_images=frames[1:])
    out = tmp_path / "out"
    calls: list[int] = []

    def fake_ocr(path: Path, fmt: str, page_no: int, *args: Any) -> PageText:
        calls.append(page_no)
        return _boxed_reading(page_no, READING.replace("2024", str(2020 + page_no)),
                              80.0 + page_no)

    monkeypatch.setattr(scheduler, "ocr_job", fake_ocr)
    run([inp], _options(out))
    assert sorted(calls) == [1, 2]
    before = vanban.load(out)
    doc_id = before["documents"]["doc_id"].iloc[0]
    dest = correction_path(out / "corrections", doc_id, 1)
    dest.parent.mkdir(parents=True)
    dest.write_text(READING.replace("Sở Nông nghiệp", "Sở Tài chính"), encoding="utf-8")

    assert run([inp], _options(out)).documents == 1
    assert sorted(calls) == [1, 2], "no OCR at all: page 1 corrected, page 2 kept"
    after = vanban.load(out)
    assert list(after["pages"]["corrected"]) == [True, False]

    def rows(t: dict[str, Any], table: str, page_no: int = 2) -> list[dict[str, Any]]:
        df = t[table].query("page_no == @page_no")
        recs = df.astype(object).where(df.notna(), None).to_dict(orient="records")
        return [{k: v.tolist() if hasattr(v, "tolist") else v for k, v in r.items()}
                for r in recs]

    assert rows(after, "pages") == rows(before, "pages")
    assert rows(after, "words") == rows(before, "words")

    dest.unlink()
    assert run([inp], _options(out)).documents == 1
    assert sorted(calls) == [1, 1, 2]  # only the page whose correction went is read again
    back = vanban.load(out)
    for page_no in (1, 2):  # the machine's reading is back, row for row
        assert rows(back, "pages", page_no) == rows(before, "pages", page_no)
        assert rows(back, "words", page_no) == rows(before, "words", page_no)
