"""The spine end to end on text inputs (fast), bad inputs, re-runs and worker faults."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from plugins.faults import FAULT_ENV, PLUGIN

import vanban
from vanban.errors import ExitCode
from vanban.ingest import SourcePage
from vanban.models.schema import SCHEMAS
from vanban.pipeline import RunOptions, decide_page, run

from helpers import ENGLISH, PDFS, SEEDS, encrypted_pdf, png_header, seed


def _opts(out: Path, **kw: object) -> RunOptions:
    kw.setdefault("plugins", (PLUGIN,))  # the fault-injection plugin; inert unless FAULT_ENV
    return RunOptions(out=out, jobs=2, **kw)  # type: ignore[arg-type]


def test_seeds_give_every_table_with_the_documented_schema(tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run([SEEDS], _opts(out))
    assert summary.exit_code == ExitCode.OK
    assert (summary.documents, summary.pages, summary.failure_rows) == (5, 5, 0)
    for name, schema in SCHEMAS.items():
        table = pq.read_table(out / name)  # what pandas.read_parquet(out/name) reads
        assert table.schema.remove_metadata() == schema, name
    frames = vanban.load(out)
    docs = frames["documents"]
    assert sorted(docs["sha256"].str[:16]) == sorted(docs["doc_id"])
    assert str(docs["issue_date"].dtype).startswith("datetime64")
    # Lists as pandas.read_parquet gives them: one NumPy array per row, never null.
    assert all(isinstance(r, np.ndarray) for r in docs["recipients"])
    pages = frames["pages"]
    assert set(pages["method"]) == {"plain_text"}
    # 003 is English-OCR garbled: flagged for restoring, raw text kept beside the final text.
    p003 = pages[pages["doc_id"].isin(docs[docs.source_path.str.contains("003_")].doc_id)]
    assert p003.iloc[0]["raw_text"] == seed("003").read_text(encoding="utf-8")


def test_each_bad_input_is_one_failure_row_and_the_batch_goes_on(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(seed("002"), inp / "good.txt")
    (inp / "zero.pdf").write_bytes(b"")
    (inp / "cut.pdf").write_bytes(next(PDFS.glob("002_*.digital.pdf")).read_bytes()[:1500])
    (inp / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    encrypted_pdf(inp / "locked.pdf")
    (inp / "text.png").write_text("hello", encoding="utf-8")
    (inp / "bomb.png").write_bytes(png_header(60_000, 60_000))
    (inp / "english.txt").write_text(ENGLISH * 2, encoding="utf-8")
    out = tmp_path / "out"
    summary = run([inp], _opts(out))
    assert summary.exit_code == ExitCode.SOME_FAILED
    frames = vanban.load(out)
    assert list(frames["documents"]["source_path"]) == [str(inp / "good.txt")]
    names = frames["failures"]["source_path"].map(lambda p: Path(p).name)
    fails = frames["failures"].set_index(names)
    assert fails["error_type"].to_dict() == {
        "bomb.png": "ImageTooLargeError",
        "cut.pdf": "CorruptFileError",
        "english.txt": "NotVietnameseError",
        "garbage.pdf": "CorruptFileError",
        "locked.pdf": "EncryptedFileError",
        "text.png": "UnsupportedFormatError",
        "zero.pdf": "EmptyFileError",
    }
    # refused from its own text, before any OCR or restore (the early language gate)
    assert fails.loc["english.txt", "stage"] == "prepare"
    assert "before OCR" in fails.loc["english.txt", "message"]
    assert all(len(d) == 12 for d in fails["traceback_digest"])
    # one clear line per bad file, naming it
    assert sum(1 for m in summary.messages if "zero.pdf" in m and "0 bytes" in m) == 1


def test_second_run_skips_unchanged_force_redoes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([seed("002"), seed("004")], _opts(out))
    again = run([seed("002"), seed("004")], _opts(out))
    assert (again.documents, again.skipped) == (0, 2)
    forced = run([seed("002")], _opts(out, force=True))
    assert forced.documents == 1
    assert len(vanban.load(out)["documents"]) == 2


def test_same_content_under_two_names_is_one_document(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(seed("002"), inp / "a.txt")
    shutil.copy(seed("002"), inp / "b.txt")
    summary = run([inp], _opts(tmp_path / "out"))
    assert (summary.documents, summary.skipped) == (1, 1)


def test_fixed_input_clears_its_failure(tmp_path: Path) -> None:
    f = tmp_path / "doc.txt"
    f.write_bytes(b"")
    out = tmp_path / "out"
    assert run([f], _opts(out)).failure_rows == 1
    shutil.copy(seed("002"), f)
    assert run([f], _opts(out)).exit_code == ExitCode.OK
    frames = vanban.load(out)
    assert len(frames["failures"]) == 0 and len(frames["documents"]) == 1


def test_failed_input_rerun_replaces_not_repeats_its_failure(tmp_path: Path) -> None:
    f = tmp_path / "zero.pdf"
    f.write_bytes(b"")
    out = tmp_path / "out"
    run([f], _opts(out))
    run([f], _opts(out))
    assert len(vanban.load(out)["failures"]) == 1


def test_worker_crash_fails_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    for p in ("000", "002", "004"):
        shutil.copy(seed(p), inp / f"{p}.txt")
    monkeypatch.setenv(FAULT_ENV, "prepare-crash:002")
    summary = run([inp], _opts(tmp_path / "out"))
    frames = vanban.load(tmp_path / "out")
    assert summary.documents == 2
    names = sorted(Path(p).name for p in frames["documents"]["source_path"])
    assert names == ["000.txt", "004.txt"]
    (fail,) = frames["failures"].itertuples()
    assert Path(fail.source_path).name == "002.txt"
    assert fail.error_type == "WorkerDiedError"


def test_out_of_memory_in_a_stage_is_a_failure_row(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FAULT_ENV, "finish-oom:004")
    summary = run([seed("002"), seed("004")], _opts(tmp_path / "out"))
    assert summary.documents == 1
    fails = vanban.load(tmp_path / "out")["failures"]
    assert list(fails["error_type"]) == ["OutOfMemory"]


def test_page_decision() -> None:
    good = "Ủy ban nhân dân tỉnh giao Sở Nông nghiệp và Phát triển nông thôn chủ trì " * 3
    garbled = (seed("003").read_text(encoding="utf-8"))[:2000]
    assert decide_page(SourcePage(1, good, True), "pdf", "ocr").method == "text_layer"
    assert decide_page(SourcePage(1, None, True), "pdf", "ocr").method == "ocr"
    assert decide_page(SourcePage(1, "2", True), "pdf", "ocr").method == "ocr"
    g = decide_page(SourcePage(1, garbled, True), "pdf", "ocr")
    assert g.method == "ocr" and "garbled" in g.decision
    assert decide_page(SourcePage(1, garbled, True), "pdf", "restore").method == "text_layer"
    assert decide_page(SourcePage(1, garbled, False), "text", "ocr").method == "plain_text"


def test_tesseract_crash_on_a_page_keeps_the_document(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    inp = tmp_path / "in"
    inp.mkdir()
    from scanpage import page, text_lines

    ok, draw = page(1600, 400)
    text_lines(draw, ["Ủy ban nhân dân tỉnh giao Sở Nông nghiệp", "chủ trì thực hiện"], 80, 80)
    ok.save(inp / "ok.png")
    Image.new("L", (420, 300), 255).save(inp / "crashy.png")
    monkeypatch.setenv(FAULT_ENV, "ocr-crash:crashy")
    out = tmp_path / "out"
    summary = run([inp], _opts(out))
    assert summary.exit_code == ExitCode.SOME_FAILED
    frames = vanban.load(out)
    assert len(frames["documents"]) == 2  # the crashed page is recorded, the document kept
    pages = frames["pages"].set_index(frames["pages"]["doc_id"])
    (fail,) = frames["failures"].itertuples()
    assert (Path(fail.source_path).name, fail.page_no, fail.stage) == ("crashy.png", 1, "ocr")
    assert fail.error_type == "WorkerDiedError"
    crashed = pages.loc[fail.sha256[:16]]
    assert crashed["text"] == "" and "OCR failed" in crashed["decision"]
