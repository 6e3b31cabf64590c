import datetime as dt

from vanban.extract.lines import flatten
from vanban.extract.metadata import parse_metadata
from vanban.models.records import PageText

HEADER = """UBND TỈNH AN GIANG
BAN CHỈ ĐẠO CHƯƠNG TRÌNH
MTQG XÂY DỰNG NÔNG THÔN MỚI

Số: 10 /CTCT-BCĐNTM

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
**Độc lập - Tự do - Hạnh phúc**

An Giang, ngày 05 tháng 6 năm 2013

SỞ THÔNG TIN & TRUYỀN THÔNG
CÔNG VĂN ĐẾN
Số: 1235
Ngày: 7/6/2013

### KẾ HOẠCH

**Triển khai thực hiện Chương trình năm 2013**

Thực hiện chỉ đạo của UBND tỉnh, Ban Chỉ đạo xây dựng Kế hoạch như sau:

I. Nhiệm vụ

**Nơi nhận:**
- TT.BCĐTW CT.MTQGXDNTM;
- Phòng: KT, TH, ĐTXD;
- Lưu: HCTC.

KT. TRƯỞNG BAN
PHÓ TRƯỞNG BAN

PHÓ CHỦ TỊCH UBND TỈNH
Lê Văn Nung
"""


def test_header_and_footer_fields() -> None:
    m = parse_metadata(flatten([PageText(1, "plain_text", HEADER)]))
    assert m.doc_type == "ke_hoach" and m.doc_type_name == "KẾ HOẠCH"
    assert m.number == "10/CTCT-BCĐNTM"
    assert (m.place, m.issue_date) == ("An Giang", dt.date(2013, 6, 5))
    assert m.issuer == "UBND TỈNH AN GIANG BAN CHỈ ĐẠO CHƯƠNG TRÌNH MTQG XÂY DỰNG NÔNG THÔN MỚI"
    assert m.title == "Triển khai thực hiện Chương trình năm 2013"
    assert (m.signer, m.signer_authority) == ("Lê Văn Nung", "KT.")
    assert m.recipients == ("TT.BCĐTW CT.MTQGXDNTM", "Phòng: KT, TH, ĐTXD", "Lưu: HCTC")


def test_stamp_number_is_never_the_document_number() -> None:
    text = "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2013\n\nSỞ NỘI VỤ\nCÔNG VĂN ĐẾN\nSố: 1235\nNgày: 7/6/2013\n"
    m = parse_metadata(flatten([PageText(1, "plain_text", text)]))
    assert m.number is None
    assert m.doc_type == "chuong_trinh_cong_tac"
    assert m.title == "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2013"


def test_slash_authority_and_name_before_titles() -> None:
    text = ("THÔNG BÁO\n\nNơi nhận:\n- Các sở,\n\n**K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN**\n\n"
            "**Đặng Ngọc Sơn**\n\n**Tỉnh ủy viên, Phó Chủ tịch\nUBND tỉnh**\n")
    m = parse_metadata(flatten([PageText(1, "plain_text", text)]))
    assert (m.signer, m.signer_authority, m.recipients) == ("Đặng Ngọc Sơn", "KT.", ("Các sở",))


def test_empty_document() -> None:
    m = parse_metadata(flatten([PageText(1, "plain_text", "")]))
    assert m.doc_type is None and m.recipients == ()


def test_wrapped_recipient_line_joins_its_item() -> None:
    text = ("Nơi nhận:\n- VPĐP Chương trình NTM TW;\n- Trưởng, Phó BCĐ NTM, ĐTVM, GNBV,\n"
            "OCOP tỉnh (để báo cáo);\n- Lưu VT.\n9\n")
    m = parse_metadata(flatten([PageText(1, "text_layer", text)]))
    assert m.recipients == ("VPĐP Chương trình NTM TW",
                            "Trưởng, Phó BCĐ NTM, ĐTVM, GNBV, OCOP tỉnh (để báo cáo)", "Lưu VT")


def test_number_loses_trailing_ocr_punctuation() -> None:
    from vanban.extract import extract_document
    from vanban.models.records import PageText

    text = "UBND TỈNH HÀ TĨNH\nSố: 05-TB/BCĐ_.\nHà Tĩnh, ngày 03 tháng 3 năm 2020\nTHÔNG BÁO\n"
    assert extract_document([PageText(1, "ocr", text)]).meta.number == "05-TB/BCĐ"


def test_title_stops_at_the_table_header_of_ocr_text() -> None:
    text = ("UBND TỈNH A\n\nSố: 52/LCT-VP\n\nA, ngày 24 tháng 12 năm 2021\n\nLỊCH CÔNG TÁC TUẦN\n"
            "(Từ ngày 27/12/2021 đến ngày 02/01/2022)\nTHỨ, NGÀY\tNỘI DUNG\tLÃNH ĐẠO\n")
    m = parse_metadata(flatten([PageText(1, "ocr", text)]))
    assert m.title == "LỊCH CÔNG TÁC TUẦN"  # the period line is not the title (issue 11)


def test_a_programme_type_line_standing_alone_heads_its_title() -> None:
    # A schedule's type name alone on its line, its period and owner on the next: the title is
    # both, as when they share one line; a plan's bare type line is not part of its title.
    head = "UBND HUYỆN B\n\nSố: 7/CTr-UBND\n\nB, ngày 2 tháng 3 năm 2025\n\n"
    text = (head + "CHƯƠNG TRÌNH CÔNG TÁC\nTHÁNG 4 NĂM 2025 CỦA THƯỜNG TRỰC UBND HUYỆN\n\n"
            "I. NỘI DUNG\n")
    m = parse_metadata(flatten([PageText(1, "text", text)]))
    assert m.doc_type == "chuong_trinh_cong_tac"
    assert m.title == "CHƯƠNG TRÌNH CÔNG TÁC THÁNG 4 NĂM 2025 CỦA THƯỜNG TRỰC UBND HUYỆN"
    plan = head + "KẾ HOẠCH\nRà soát tiêu chí nông thôn mới năm 2025\n\nI. MỤC ĐÍCH\n"
    assert parse_metadata(flatten([PageText(1, "text", plan)])).title == (
        "Rà soát tiêu chí nông thôn mới năm 2025")
    work = head + "LỊCH LÀM VIỆC\nTUẦN 15 CỦA BAN THƯỜNG VỤ\n\nI. NỘI DUNG\n"
    m = parse_metadata(flatten([PageText(1, "text", work)]))
    assert (m.doc_type, m.title) == ("lich_lam_viec", "LỊCH LÀM VIỆC TUẦN 15 CỦA BAN THƯỜNG VỤ")
