"""A page misread in places is "poor" even when Tesseract was sure of its words: the share of
words spelt as no Vietnamese word is (marks lost on a worn copy: "CHUAN", "kêt"; junk inside a
word: "g:a") is measured, and names read the same way twice do not count."""

from pathlib import Path

import numpy as np
from PIL import Image

import vanban
from vanban.ocr import ocr_page
from vanban.ocr.quality import (
    MIN_WORDS_MISSPELT,
    POOR_MISSPELT,
    Signals,
    is_strict_syllable,
    misspelt,
    verdict,
)
from vanban.pipeline import RunOptions, run

from scanpage import page, scanned, text_lines

GOOD = [
    "Ủy ban nhân dân huyện giao Phòng Nông nghiệp chủ trì, phối hợp với các",
    "xã hoàn thiện hồ sơ đề nghị công nhận đạt chuẩn nông thôn mới năm nay,",
    "kiểm tra tiến độ các công trình giao thông, thủy lợi và trường học, báo",
    "cáo kết quả về Văn phòng Điều phối trước ngày hai mươi lăm tháng mười.",
    "Các đơn vị có trách nhiệm triển khai thực hiện nghiêm túc kế hoạch này",
    "và chịu trách nhiệm trước Ủy ban nhân dân huyện về kết quả thực hiện.",
]
# the same lines as a worn copy reads them: a word in eight has lost a mark that its
# spelling needs (iê, uâ, ươ without their hats; a stop consonant under a level tone)
WORN = [
    "Ủy ban nhân dân huyện giao Phòng Nông nghiep chủ trì, phối hợp với các",
    "xã hoàn thien hồ sơ đề nghị công nhận đạt chuan nông thôn mới năm nay,",
    "kiem tra tiến độ các công trình giao thông, thủy lợi và trương học, báo",
    "cáo ket quả về Văn phòng Điều phối trước ngày hai muoi lăm tháng mười.",
    "Các đơn vị có trách nhiệm trien khai thực hien nghiêm túc kế hoạch này",
    "và chịu trach nhiệm trước Ủy ban nhân dân huyen về kết quả thuc hiện.",
]


def _page(lines: list[str]) -> Image.Image:
    img, draw = page(width=2000, height=700)
    text_lines(draw, lines, 80, 100, step=80)
    return Image.fromarray(scanned(img, seed=4))


def test_strict_spelling() -> None:
    for word in ("nghiêng", "quyết", "thuyền", "khuya", "oanh", "Quỳnh", "giữ", "gì", "ĐỊA",
                 "hoạch", "trường", "xoong", "tuần", "khỏe", "thủy", "UỶ"):
        assert is_strict_syllable(word), word
    # a syllable's shape, but no spelling: hats lost, a level tone on a stop, "ua" + coda
    for word in ("CHUAN", "ĐIEM", "kêt", "muoi", "hoàán", "thuc", "nghiep", "xyz"):
        assert not is_strict_syllable(word), word


def test_misspelt_share_leaves_names_acronyms_and_codes_out() -> None:
    text = ("Đoàn kiểm tra xã Ia Pnôn và xã Ia Pnôn , UBND huyện , HĐND , NN&PTNT , "
            "Đ/c Hưng , 8h30 , II")
    assert misspelt(text.split()) == 0.0  # a name read twice, acronyms, codes, a roman numeral
    junk = "Gang: riô! r:ghì trưc dưng äôi,q thòn zaới chuan"
    assert misspelt(junk.split()) > 0.5


def test_verdict_bar() -> None:
    base = dict(words=200, conf_mean=90.0, conf_low=80.0, syllables=0.97, chars_per_ink=2.0,
                orientation_sure=True)
    assert verdict(Signals(**base, misspelt=0.02)) == "ok"
    assert verdict(Signals(**base, misspelt=POOR_MISSPELT)) == "poor"
    # a short page (a signature block) is not judged by a share of a few words
    short = {**base, "words": MIN_WORDS_MISSPELT - 1}
    assert verdict(Signals(**short, misspelt=0.1)) == "ok"


def test_a_page_read_with_lost_marks_is_poor_and_its_clean_reading_ok() -> None:
    good = ocr_page(np.asarray(_page(GOOD)), 1)
    assert good.quality == "ok", good.decision
    worn = ocr_page(np.asarray(_page(WORN)), 1)
    assert worn.quality == "poor", worn.decision
    assert "misspelt" in worn.quality_why


def test_misspelt_page_in_a_run_is_kept_flagged_and_warned_about(tmp_path: Path) -> None:
    """In a run the misread page keeps its text, gets quality "poor" in `pages`, an info line
    on the terminal, and no failures row; the clean page beside it stays "ok"."""
    inp = tmp_path / "in"
    inp.mkdir()
    frames = [_page(GOOD), _page(WORN)]
    frames[0].save(inp / "worn.tiff", save_all=True, append_images=frames[1:])
    events: list[tuple[str, str]] = []
    summary = run([inp], RunOptions(out=tmp_path / "out", jobs=1, executor="inprocess"),
                  report=lambda kind, msg: events.append((kind, msg)))
    assert summary.failure_rows == 0
    assert (summary.poor_pages, summary.unreadable_pages) == (1, 0)
    (line,) = [m for k, m in events if k == "info" and "poor OCR quality" in m]
    assert "worn.tiff (page 2)" in line and "misspelt" in line
    t = vanban.load(tmp_path / "out")
    pages = t["pages"].sort_values("page_no")
    assert list(pages["quality"]) == ["ok", "poor"]
    assert "nghiêm túc" in pages["text"].iloc[1]
    assert len(t["failures"]) == 0


def test_a_signature_page_read_well_is_ok_though_its_orientation_is_unsure() -> None:
    # dev bench-scans h1's last page, 7 words read right at 95: OSD cannot be sure of 2 lines
    sign = Signals(7, 94.9, 91.3, 1.0, 2.0, False)
    assert verdict(sign) == "ok"
    # read poorly, or a full page whose orientation is unsure: still "poor"
    assert verdict(Signals(7, 80.0, 60.0, 1.0, 2.0, False)) == "poor"
    assert verdict(Signals(7, 94.9, 91.3, 0.85, 2.0, False)) == "poor"
    assert verdict(Signals(120, 94.9, 91.3, 1.0, 2.0, False)) == "poor"


def test_misspelt_and_unsure_together_and_a_short_page_read_unsure() -> None:
    base = dict(words=200, conf_mean=90.0, conf_low=77.0, syllables=0.99, chars_per_ink=2.0,
                orientation_sure=True)
    # dev photocopy+skew h1 seed 385115 p2 (5.8% CER): 3.8% misspelt, 13% read below 80
    assert verdict(Signals(**base, misspelt=0.038, unsure=0.13)) == "poor"
    assert verdict(Signals(**base, misspelt=0.038, unsure=0.07)) == "ok"
    assert verdict(Signals(**base, misspelt=0.02, unsure=0.2)) == "ok"
    # a signature page under a seal, 9 words read at mean 74 (19% CER); well read: 88+
    assert verdict(Signals(9, 74.0, 11.5, 1.0, 2.0, True)) == "poor"
    assert verdict(Signals(9, 88.0, 70.0, 1.0, 2.0, True)) == "ok"
