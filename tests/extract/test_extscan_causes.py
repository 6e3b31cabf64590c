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
