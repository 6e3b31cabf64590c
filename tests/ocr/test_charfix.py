import pytest

from vanban.ocr.charfix import fix_word, has_foreign_letters


@pytest.mark.parametrize(
    ("seen", "meant"),
    [("Ðề", "Đề"), ("ðc", "đ/c"), ("ÑTM", "NTM"), ("08©CN", "08 CN"), ("đc,", "đ/c,"),
     ("Đc", "Đ/c"), ("©", ""), ("Thẩm", "Thẩm"), ("đ/c", "đ/c"), ("Cẩm", "Cẩm")],
)
def test_fix_word(seen: str, meant: str) -> None:
    assert fix_word(seen) == meant


def test_foreign_letters() -> None:
    assert not has_foreign_letters("Thẩm định tiêu chí Khu dân cư NTM, Đ/c Dực (cả ngày)")
    assert has_foreign_letters("22ŒN")
    assert has_foreign_letters("Ø")
    assert has_foreign_letters("08€CN")
    assert not has_foreign_letters("Phòng KHNVGS 05-TB/BCĐ")
