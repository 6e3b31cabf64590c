"""Causes found on dev scans and PDFs after the blind run of n59-n68 (issue 11, extscan), each
mechanism on a small invented input."""

from vanban.extract import extract_document
from vanban.models.records import PageText

_FOOT = "THÔNG BÁO\nKết luận\n\nI. NHIỆM VỤ\n\n1. Các xã rà soát.\n\nNơi nhận:\n"


def test_a_place_list_wrapped_after_its_comma_is_no_signer() -> None:
    # The text layer puts the signature block between two recipient lines; the wrapped list
    # of communes ends its first line with a two-word place, which reads like a name.
    text = _FOOT + ("- Như trên;\nCHÁNH VĂN PHÒNG\nPhạm Văn Lộc\n"
                    "- UBND các xã Hòa Lợi, Tân Mỹ\nĐông, Bình Phú;\n- Lưu: VT.\n")
    meta = extract_document([PageText(1, "text_layer", text)]).meta
    assert meta.signer == "Phạm Văn Lộc"
    assert meta.recipients == ("Như trên", "UBND các xã Hòa Lợi, Tân Mỹ Đông, Bình Phú", "Lưu: VT")


def test_a_closing_bracket_that_closes_nothing_is_a_rule_speck() -> None:
    from vanban.extract import vocab

    assert vocab.drop_stray_closers("Phòng Kinh tế); Phòng Nội vụ") == "Phòng Kinh tế; Phòng Nội vụ"
    assert vocab.drop_stray_closers("Sở Y tế)") == "Sở Y tế"
    # a bracket opened in the cell, and an enumerator, keep theirs
    kept = "Huyện đoàn (chủ trì); Phòng GD"
    assert vocab.drop_stray_closers(kept) == kept
    assert vocab.drop_stray_closers("a) Phòng Nội vụ") == "a) Phòng Nội vụ"


def test_schedule_owner_cell_of_an_ocr_page_loses_the_stray_bracket() -> None:
    head = ("LỊCH CÔNG TÁC TUẦN\n(Từ ngày 09/9/2024 đến ngày 14/9/2024)\n"
            "NGÀY\tTHỜI GIAN\tNỘI DUNG CÔNG VIỆC\tLÃNH ĐẠO CHỦ TRÌ\tĐƠN VỊ CHUẨN BỊ\tĐỊA ĐIỂM\n")
    row = "Thứ Hai, 09/9\t7h30\tHọp giao ban\tĐ/c Lâm\tPhòng Kinh tế); Phòng Nội vụ\tPhòng họp\n"
    ex = extract_document([PageText(1, "ocr", head + row)])
    assert [t.owner for t in ex.tasks] == ["Phòng Kinh tế; Phòng Nội vụ"]
    ex = extract_document([PageText(1, "text_layer", head + row)])
    assert [t.owner for t in ex.tasks] == ["Phòng Kinh tế); Phòng Nội vụ"]  # typed: as written
