"""Causes of the fourth blind run's errors (issue 11, n51-n58), each mechanism on a small
invented input."""

from vanban.extract import vocab
from vanban.extract.schedule import split_leaders


def test_comrade_prefix_before_a_full_name() -> None:
    # "Đ/c" read "Đức" on a light scan, before a three-word name.
    assert vocab.comrade("Đức Trần Minh Khoa") == "Đ/c Trần Minh Khoa"
    assert split_leaders("Đức Hoàng Thị Lan") == ("Đ/c Hoàng Thị Lan",)
    # A person whose name holds Đức, or a lower-case "đức" in running words, stays.
    assert vocab.comrade("Nguyễn Đức Tâm") == "Nguyễn Đức Tâm"
    assert vocab.comrade("đức Trần Minh") == "đức Trần Minh"
    assert vocab.comrade("Đức Trần và các phòng") == "Đức Trần và các phòng"


def test_archive_item_keeps_a_valid_unit_abbreviation() -> None:
    assert vocab.mend_recipient("Lưu: VP.") == "Lưu: VP"
    assert vocab.archive_item("- Lưu: VP.") == "Lưu: VP"
    # A misreading of VT is still mended.
    assert vocab.mend_recipient("Lưu: VL, VPĐP") == "Lưu: VT, VPĐP"
    assert vocab.archive_item("LƯU: VÌ") == "Lưu: VT"
