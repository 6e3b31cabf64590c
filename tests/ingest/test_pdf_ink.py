"""A PDF page that renders blank is a blank page or a damaged one; only the second is flagged.

The fault file (tools/faultgen.py `blank_render_pdf`) holds pages PDFium silently draws white:
a scan whose image data is cut short, a content stream that no longer inflates, a page drawing
an image the file no longer has; beside truly blank pages (a white scan, an empty page, a white
background with invisible text) and one good scan.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import vanban
from tools.faultgen import BLANK_RENDER_PAGES, blank_render_pdf, lost_content_pdf
from vanban.errors import ExitCode
from vanban.ingest.blank import looks_blank
from vanban.ingest.pdf_ink import expected_ink
from vanban.ingest.render import render_page
from vanban.pipeline import RunOptions, run


@pytest.fixture(scope="module")
def fault_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return blank_render_pdf(tmp_path_factory.mktemp("pdf") / "blank_render.pdf")


@pytest.mark.parametrize("index", range(len(BLANK_RENDER_PAGES)))
def test_damaged_blank_renders_are_told_from_blank_pages(fault_pdf: Path, index: int) -> None:
    what, renders_blank, damaged = BLANK_RENDER_PAGES[index]
    assert looks_blank(render_page(fault_pdf, "pdf", index)) == renders_blank, what
    if renders_blank:  # the question is only asked of a blank render
        assert bool(expected_ink(fault_pdf, index)) == damaged, (what, expected_ink(
            fault_pdf, index))


def test_content_lost_with_the_files_damage_is_evidence(tmp_path: Path) -> None:
    lost = lost_content_pdf(tmp_path / "lost.pdf")
    assert looks_blank(render_page(lost, "pdf", 0))
    why = expected_ink(lost, 0)
    assert why is not None and "its content was lost" in why


def test_unreadable_pdf_structure_is_evidence(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\nnot a pdf at all")
    assert expected_ink(junk, 0)


def test_pipeline_flags_damaged_pages_and_keeps_blank_ones(fault_pdf: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "out"
    events: list[tuple[str, str]] = []
    summary = run([fault_pdf], RunOptions(out=out, jobs=2),
                  report=lambda kind, msg: events.append((kind, msg)))
    assert summary.exit_code == ExitCode.SOME_FAILED
    frames = vanban.load(out)
    assert list(frames["documents"]["status"]) == ["partial"]  # page 1's text is kept
    damaged = [i + 1 for i, (_, _, bad) in enumerate(BLANK_RENDER_PAGES) if bad]
    fails = frames["failures"]
    assert sorted(fails["page_no"].astype(int)) == damaged
    assert set(fails["error_type"]) == {"BlankRenderError"}
    assert all("renders blank but its PDF content draws something" in m
               for m in fails["message"])
    pages = frames["pages"].set_index("page_no")
    assert "Kế hoạch" in pages.loc[1, "text"]
    for no, (what, blank, bad) in enumerate(BLANK_RENDER_PAGES, start=1):
        if bad:
            assert pages.loc[no, "quality"] == "unreadable", what
        elif blank:
            assert "blank page (no ink)" in pages.loc[no, "decision"], what
    # one line per damaged page while the run goes (a warning), and in the closing summary
    warned = [m for kind, m in events if kind == "info" and "BlankRenderError" in m]
    assert len(warned) == len(damaged)
    assert sum("renders blank" in m for m in summary.messages) == len(damaged)
