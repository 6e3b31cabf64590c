"""Issue 11, remaining part (branch extract2): each mechanism on a small input of its own."""

from vanban.extract.schedule import read_header


def test_bare_chu_tri_column_is_leaders_when_a_unit_column_exists() -> None:
    cols = read_header(["THỨ, NGÀY", "THỜI GIAN", "NỘI DUNG", "ĐỊA ĐIỂM", "CHỦ TRÌ",
                        "ĐƠN VỊ CHUẨN BỊ"])
    assert cols is not None and (cols.leaders, cols.owner) == (4, 5)
    alone = read_header(["NGÀY", "NỘI DUNG", "CHỦ TRÌ"])
    assert alone is not None and (alone.owner, alone.leaders) == (2, None)


def _meta_of(text: str):  # type: ignore[no-untyped-def]
    from vanban.extract import extract_document
    from vanban.models.records import PageText

    return extract_document([PageText(1, "text_layer", text)]).meta


def test_header_columns_joined_on_one_line_are_split() -> None:
    # A text layer / OCR line crosses both header columns (issuer | motto, number | date).
    m = _meta_of("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ BA\n"
                 "Số: 12/KH-UBND Độc lập - Tự do - Hạnh phúc\nBa, ngày 3 tháng 4 năm 2022\n"
                 "KẾ HOẠCH\nTrồng cây\n")
    assert (m.issuer, m.number, m.place) == ("ỦY BAN NHÂN DÂN XÃ BA", "12/KH-UBND", "Ba")
    m = _meta_of("SỞ X CỘNG HOA XA HOI CHU NGHIA VIET NAM\nPHÒNG Y\nĐộc lập - Tự do - Hạnh phúc\n"
                 "Số: 5/TB-PY Hòa Bình, ngày 9 tháng 1 năm 2021\nTHÔNG BÁO\nLịch họp\n")
    assert (m.issuer, m.number, m.place) == ("SỞ X PHÒNG Y", "5/TB-PY", "Hòa Bình")
    assert m.issue_date is not None and m.issue_date.isoformat() == "2021-01-09"
    # An all-capital issuer word before the place stays with the issuer.
    m = _meta_of("UBND TỈNH A\nBAN CHỈ ĐẠO CÁC CHƯƠNG\nTRÌNH MTQG Kiên Lương, ngày 2 tháng 3 năm"
                 " 2024\nSố: 7/TB-BCĐ\nTHÔNG BÁO\nKết luận\n")
    assert m.place == "Kiên Lương" and m.issuer == "UBND TỈNH A BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MTQG"
