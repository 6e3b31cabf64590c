"""Causes of the scan errors of the blind run of n109-n118 (issue 11), on invented input."""

from vanban.extract import vocab
from vanban.extract.api import extract_document
from vanban.models.records import PageText


def test_deadline_year_misread_takes_the_documents_year_or_the_next() -> None:
    # one confusable digit from next year (a December report setting next year's work)
    assert vocab.plausible_year(2038, 2032) == 2033
    # one confusable digit from the document's own year
    assert vocab.plausible_year(2035, 2033) == 2033
    # one digit lost and one read in, far from the document's year
    assert vocab.plausible_year(2084, 2027) == 2028
    # near years are real years ("2026" in a 2024 plan, though 6 is one swap from 5)
    assert vocab.plausible_year(2026, 2024) is None
    assert vocab.plausible_year(2029, 2030) is None
    # no reading, or two, changes nothing
    assert vocab.plausible_year(2091, 2030) is None
    assert vocab.plausible_year(2062, 2021) is None


def _plan(year: int, body: list[str], page_method: str = "ocr") -> PageText:
    text = "\n".join([
        "ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH",
        f"Số: 88/KH-UBND Hòa Bình, ngày 20 tháng 12 năm {year}",
        "KẾ HOẠCH", f"Thực hiện nhiệm vụ xây dựng nông thôn mới năm {year + 1}",
        "I. NHIỆM VỤ", *body, "Nơi nhận:", "- UBND huyện;", "- Lưu: VT.",
        "CHỦ TỊCH", "Trần Văn Bình"])
    return PageText(1, page_method, text)


def test_ocr_deadline_year_far_from_the_plan_is_mended_and_recorded() -> None:
    cases = [(2032, "trước ngày 30/6/2038.", "2033-06-30"),
             (2027, "trước ngày 15/11/2084.", "2028-11-15")]
    for year, phrase, want in cases:
        body = [f"1. Phòng Kinh tế hoàn thành sửa chữa cầu thôn Đông {phrase}",
                f"2. Hội Nông dân xã triển khai mô hình trước ngày 31/3/{year + 1}."]
        ex = extract_document([_plan(year, body)])
        assert [str(t.deadline) for t in ex.tasks] == [want, f"{year + 1}-03-31"]
        assert any(f"read as {year + 1}" in w for w in ex.tasks[0].warnings)
        # a text layer's years are the document's own
        ex = extract_document([_plan(year, body, "text")])
        assert str(ex.tasks[0].deadline) != want
