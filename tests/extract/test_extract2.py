"""Issue 11, remaining part (branch extract2): each mechanism on a small input of its own."""

from vanban.extract.schedule import read_header


def test_bare_chu_tri_column_is_leaders_when_a_unit_column_exists() -> None:
    cols = read_header(["THỨ, NGÀY", "THỜI GIAN", "NỘI DUNG", "ĐỊA ĐIỂM", "CHỦ TRÌ",
                        "ĐƠN VỊ CHUẨN BỊ"])
    assert cols is not None and (cols.leaders, cols.owner) == (4, 5)
    alone = read_header(["NGÀY", "NỘI DUNG", "CHỦ TRÌ"])
    assert alone is not None and (alone.owner, alone.leaders) == (2, None)
