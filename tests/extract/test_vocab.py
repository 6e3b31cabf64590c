"""extract/vocab.py: folded matching of closed vocabularies and document-type codes."""

from vanban.extract import vocab
from vanban.extract.lines import flatten
from vanban.extract.metadata import parse_metadata
from vanban.models.records import PageText


def test_fold_drops_diacritics_case_and_punctuation() -> None:
    assert vocab.fold("Buổi  Chiều:") == "buoi chieu"
    assert vocab.fold("Đ/c Tâm") == "d c tam"


def test_doc_type_code_is_the_folded_name() -> None:
    assert vocab.doc_type_code("KẾ HOẠCH") == "ke_hoach"
    assert vocab.doc_type_code("CHƯƠNG TRÌNH CÔNG TÁC") == "chuong_trinh_cong_tac"
    assert vocab.doc_type_code("Lịch công tác") == "lich_cong_tac"


def test_type_name_as_written_and_longest_first() -> None:
    assert vocab.doc_type_name("CHƯƠNG TRÌNH CÔNG TÁC THÁNG 5") == "CHƯƠNG TRÌNH CÔNG TÁC"
    assert vocab.doc_type_name("BÁO CÁO") == "BÁO CÁO"
    assert vocab.doc_type_name("Báo cáo kết quả") is None  # a sentence, not a type line


def _meta(text: str):  # type: ignore[no-untyped-def]
    return parse_metadata(flatten([PageText(1, "plain_text", text)]))


def test_type_line_gives_code_and_name() -> None:
    m = _meta("UBND HUYỆN A\n\nSố: 12/BC-UBND\n\nA, ngày 02 tháng 3 năm 2024\n\n"
              "BÁO CÁO\nKết quả xây dựng nông thôn mới quý I năm 2024\n\nI. KẾT QUẢ\n")
    assert (m.doc_type, m.doc_type_name) == ("bao_cao", "BÁO CÁO")
    assert m.title == "Kết quả xây dựng nông thôn mới quý I năm 2024"


def test_letter_with_vv_line_is_cong_van_with_its_subject_as_title() -> None:
    m = _meta("ỦY BAN NHÂN DÂN\nHUYỆN B\n\nSố: 215/UBND-NN\nV/v đôn đốc hoàn thiện hồ sơ\n"
              "xã đạt chuẩn nông thôn mới\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\n\nB, ngày 10 tháng 10 năm 2023\n\n"
              "Kính gửi: UBND các xã\n\nThực hiện Kế hoạch số 47/KH-UBND ...\n")
    assert m.doc_type == "cong_van" and m.doc_type_name is None
    assert m.title == "đôn đốc hoàn thiện hồ sơ xã đạt chuẩn nông thôn mới"
    assert m.number == "215/UBND-NN"


def test_letter_subject_after_the_date_and_ocr_reading_of_vv() -> None:
    m = _meta("UBND TỈNH C\n\nSố: 9/UBND\n\nC, ngày 1 tháng 2 năm 2022\n\n"
              "V/y: triển khai Bộ tiêu chí\n\nKính gửi: Các sở, ngành\n")
    assert m.doc_type == "cong_van" and m.title == "triển khai Bộ tiêu chí"
