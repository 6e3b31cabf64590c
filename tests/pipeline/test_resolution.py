"""`vanban run --resolution native`: a 200-300 dpi scan's text read at the scan's own
resolution (the speed mode); the default reads at 300 dpi."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import vanban
from vanban.cli import main
from vanban.errors import ExitCode
from vanban.ingest.render import read_scale, render_scan
from vanban.models.records import PageText
from vanban.pipeline import RunOptions, run, stages
from vanban.pipeline.state import RunSummary

from scanpage import page, text_lines

LINES = ["Nội dung làm việc của Ban chỉ đạo xã",
         "Kiểm tra tiến độ xây dựng nông thôn mới",
         "Thời gian: 8 giờ 00 ngày 15 tháng 3 năm 2024",
         "Địa điểm: Hội trường Ủy ban nhân dân huyện"]


def _scan_pdf(dest: Path, dpi: int = 200) -> Path:
    """A clean page drawn at 300 dpi, stored as a `dpi` scan in an image-only PDF."""
    img, draw = page(2480, 700)
    text_lines(draw, LINES, 150, 150, step=110)
    small = img.resize((round(img.width * dpi / 300), round(img.height * dpi / 300)),
                       Image.Resampling.LANCZOS)
    small.save(dest, resolution=float(dpi))
    return dest


def test_scan_dpi_and_read_scale(tmp_path: Path) -> None:
    image, own = render_scan(_scan_pdf(tmp_path / "s.pdf"), "pdf", 0)
    assert own == pytest.approx(200, abs=1)
    assert image.shape[1] == pytest.approx(2480, abs=2)  # rendered at 300 dpi as ever
    assert read_scale(own, native=True) == pytest.approx(2 / 3, abs=0.01)
    assert read_scale(own, native=False) == 1.0
    assert read_scale(150.0, native=True) == 1.0  # a fax stays upsampled to 300
    assert read_scale(300.0, native=True) == 1.0
    assert read_scale(None, native=True) == 1.0  # a vector page


def test_native_reads_the_same_words_as_300(tmp_path: Path) -> None:
    pdf = _scan_pdf(tmp_path / "s.pdf")
    at_300 = stages.ocr_job(pdf, "pdf", 1, "vie", engine="api")
    native = stages.ocr_job(pdf, "pdf", 1, "vie", engine="api", resolution="native")
    assert "read at its scan's 200 dpi" in native.decision
    assert "read at" not in at_300.decision
    assert [w.text for w in native.words] == [w.text for w in at_300.words]
    assert native.text == at_300.text
    # boxes come back in the 300-dpi page's pixels
    for a, b in zip(native.words, at_300.words, strict=True):
        assert abs(a.bbox.x0 - b.bbox.x0) <= 4 and abs(a.bbox.y1 - b.bbox.y1) <= 4


def test_the_option_reaches_the_ocr_step(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[float] = []

    def fake_ocr_page(image: np.ndarray, page_no: int, lang: str = "vie",
                      read_scale: float = 1.0) -> PageText:
        seen.append(read_scale)
        return PageText(page_no, "ocr", "Kế hoạch xây dựng nông thôn mới năm 2024 của xã",
                        quality="ok")

    monkeypatch.setattr(stages.ocr, "ocr_page", fake_ocr_page)
    pdf = _scan_pdf(tmp_path / "s.pdf")
    for resolution in ("300", "native"):
        run([pdf], RunOptions(out=tmp_path / resolution, jobs=1, executor="inprocess",
                              resolution=resolution))  # type: ignore[arg-type]
    assert seen == [1.0, pytest.approx(2 / 3, abs=0.01)]
    pages = vanban.load(tmp_path / "native")["pages"]
    assert "read at its scan's 200 dpi" in pages["decision"].iloc[0]


def test_cli_passes_the_option_and_rejects_a_bad_value(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    got: list[RunOptions] = []

    def fake_run(paths: object, options: RunOptions, **kw: object) -> RunSummary:
        got.append(options)
        return RunSummary()

    monkeypatch.setattr(vanban.pipeline, "run", fake_run)
    out = tmp_path / "o"
    assert main(["run", "x", "-o", str(out), "--resolution", "native", "--quiet"]) == 0
    assert main(["run", "x", "-o", str(out), "--quiet"]) == 0
    assert [o.resolution for o in got] == ["native", "300"]
    assert main(["run", "x", "-o", str(out), "--resolution", "200"]) == ExitCode.USAGE
