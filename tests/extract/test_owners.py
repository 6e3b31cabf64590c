import pytest

from vanban.extract.owners import agency_phrase, attribute, heading_owner, split_agencies


@pytest.mark.parametrize(
    ("text", "owner", "collab"),
    [
        ("Sở Xây dựng chủ trì, phối hợp với Sở Kế hoạch và Đầu tư, Sở Tài chính và các sở, "
         "ngành có liên quan nghiên cứu, đề xuất UBND tỉnh",
         "Sở Xây dựng", ("Sở Kế hoạch và Đầu tư", "Sở Tài chính", "các sở, ngành có liên quan")),
        ("Báo cáo tình hình nợ đọng (Phòng TC-KH xây dựng, hoàn thiện trước ngày 27/10/2020);",
         "Phòng TC-KH", ()),
        ("Giao Văn phòng Điều phối tỉnh chủ trì, phối hợp với các sở, ngành có liên quan mở lớp",
         "Văn phòng Điều phối tỉnh", ("các sở, ngành có liên quan",)),
        ("Đề nghị UBMTTQVN tỉnh và các tổ chức thành viên triển khai thực hiện tốt",
         "UBMTTQVN tỉnh và các tổ chức thành viên", ()),  # a joint subject: one owner
        ("Sở Kế hoạch và Đầu tư, Sở Tài chính, ưu tiên bố trí vốn hỗ trợ đầu tư",
         "Sở Kế hoạch và Đầu tư, Sở Tài chính", ()),
        ("Sở Lao động - Thương binh và Xã hội: Chủ trì, chỉ đạo UBND các huyện rà soát",
         "Sở Lao động - Thương binh và Xã hội", ()),
        ("Việc thẩm định: Đợt 1/2020, Ủy ban nhân dân cấp huyện thẩm tra, báo cáo",
         "Ủy ban nhân dân cấp huyện", ()),
        ("Các huyện: Kỳ Anh, Hương Khê khẩn trương xây dựng Đề án", "Các huyện: Kỳ Anh, Hương Khê",
         ()),
        ("Trên cơ sở Kế hoạch của tỉnh, Ủy ban nhân dân các huyện, thành phố, thị xã khẩn trương "
         "rà soát", "Ủy ban nhân dân các huyện, thành phố, thị xã", ()),
        ("Tổ chức hội nghị sơ kết, do UBND tỉnh chủ trì (dự kiến trong tháng 9/2013).",
         "UBND tỉnh", ()),
        ("Tăng cường hướng dẫn các địa phương thực hiện", None, ()),
        ("Ban hành văn bản hướng dẫn Ban Quản lý cấp xã", None, ()),
    ],
)
def test_attribution(text: str, owner: str | None, collab: tuple[str, ...]) -> None:
    a = attribute(text)
    assert a.owner == owner
    assert a.collaborators == collab


def test_agency_names_holding_verbs_stay_whole() -> None:
    assert agency_phrase(
        "Văn phòng Điều phối Chương trình MTQG xây dựng NTM tỉnh (gọi tắt là VPĐP) tổ chức"
    ) == "Văn phòng Điều phối Chương trình MTQG xây dựng NTM tỉnh"
    assert agency_phrase("Sở Văn hóa, Thể thao và Du lịch hướng dẫn") == (
        "Sở Văn hóa, Thể thao và Du lịch")
    assert agency_phrase("Thành viên Ban Chỉ đạo tỉnh được phân công phụ trách huyện, tăng cường"
                         ) == "Thành viên Ban Chỉ đạo tỉnh được phân công phụ trách huyện"


def test_heading_owner() -> None:
    assert heading_owner("(11) Các sở, ngành theo tiêu chí phụ trách"[5:]) == (
        "Các sở, ngành theo tiêu chí phụ trách")
    assert heading_owner("Văn phòng Điều phối tỉnh có trách nhiệm:") == "Văn phòng Điều phối tỉnh"
    assert heading_owner("UBND huyện tổ chức tự đánh giá kết quả") == "UBND huyện"
    assert heading_owner("Xây dựng huyện đạt chuẩn nông thôn mới") is None


def test_split_agencies_keeps_names_with_va() -> None:
    assert split_agencies("Sở Kế hoạch và Đầu tư, Sở Tài chính và UBND các huyện") == (
        "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "UBND các huyện")


def test_joint_subjects_are_one_owner_and_giao_chu_tri_keeps_collaborators() -> None:
    # Issue 11's convention: a joint subject is the owner as a whole ...
    for text, owner in [
        ("Xã An Phú, xã Bình Hòa hoàn thành hồ sơ trước ngày 30/6/2025.", "Xã An Phú, xã Bình Hòa"),
        ("Phòng Tư pháp và Kho bạc Nhà nước huyện thanh toán dứt điểm nợ đọng.",
         "Phòng Tư pháp và Kho bạc Nhà nước huyện"),
        ("Sở Y tế, Sở Giáo dục và Đào tạo theo chức năng hướng dẫn các huyện.",
         "Sở Y tế, Sở Giáo dục và Đào tạo"),
    ]:
        a = attribute(text)
        assert (a.owner, a.collaborators) == (owner, ())
    # ... while "X chủ trì, phối hợp với Y" keeps Y a collaborator only.
    a = attribute("Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp rà soát thủ tục.")
    assert (a.owner, a.collaborators) == ("Phòng Nội vụ", ("Phòng Tư pháp",))
    # A heading naming two agencies owns its items jointly.
    assert heading_owner("UBND xã An Phú, UBND xã Bình Hòa:") == "UBND xã An Phú, UBND xã Bình Hòa"
    assert heading_owner("Giao Ban cán sự đảng UBND huyện:") == "Ban cán sự đảng UBND huyện"


def test_a_verb_like_head_without_complement_is_no_owner() -> None:
    assert attribute("Lãnh đạo hoàn thành hồ sơ đề nghị công nhận.").owner is None
    assert attribute("Lãnh đạo UBND huyện kiểm tra các xã.").owner == "Lãnh đạo UBND huyện"
    assert attribute("Các đảng ủy xã Tân Lập, Hồng Phong lãnh đạo rà soát tiêu chí.").owner == (
        "Các đảng ủy xã Tân Lập, Hồng Phong")


def test_an_agency_name_ends_with_its_territory_before_an_unknown_verb() -> None:
    for text, owner in [
        ("Điện lực huyện đầu tư lưới điện cho các xã.", "Điện lực huyện"),
        ("Kho bạc Nhà nước huyện kiểm soát chi chặt chẽ.", "Kho bạc Nhà nước huyện"),
        ("UBND xã Phú Điền tập trung nâng cao thu nhập.", "UBND xã Phú Điền"),
        ("Hội Nông dân huyện và các xã vận động hội viên.", "Hội Nông dân huyện và các xã"),
        ("Thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thực hiện.",
         "Thủ trưởng các cơ quan, đơn vị liên quan"),
    ]:
        assert attribute(text).owner == owner


def test_giao_x_chu_tri_y_phoi_hop_names_y_the_collaborators() -> None:
    a = attribute("Giao Phòng Nội vụ chủ trì, Phòng Tư pháp và Thanh tra huyện phối hợp kiểm tra.")
    assert (a.owner, a.collaborators) == ("Phòng Nội vụ", ("Phòng Tư pháp", "Thanh tra huyện"))


def test_a_verb_ocr_misspelled_still_ends_the_agency_phrase() -> None:
    a = attribute("Giao Văn phòng HĐND và UBND huyện theo đõi, đôn đốc việc thực hiện.")
    assert a.owner == "Văn phòng HĐND và UBND huyện"
    assert attribute("Phòng Tổ chức - Nội vụ tổ chưc hội nghị.").owner == "Phòng Tổ chức - Nội vụ"
    assert attribute("Sở Xây dựng chủ trì thẩm định.").owner == "Sở Xây dựng"  # a name, not a verb


def test_commune_level_doers_are_agencies() -> None:
    for text, owner in [
        ("Công chức Văn phòng - Thống kê theo dõi, tổng hợp báo cáo.",
         "Công chức Văn phòng - Thống kê"),
        ("Các thôn chủ động triển khai kế hoạch.", "Các thôn"),
        ("Các hộ gia đình chỉnh trang hàng rào, cổng ngõ.", "Các hộ gia đình"),
    ]:
        assert attribute(text).owner == owner


def test_giao_dich_in_a_joint_subject_is_part_of_a_name_not_the_verb_assign() -> None:
    from vanban.extract.api import extract_document
    from vanban.models.records import PageText

    text = ("ỦY BAN NHÂN DÂN\nHUYỆN A\n\nSố: 3/CT-UBND\n\nA, ngày 2 tháng 3 năm 2025\n\nCHỈ THỊ\n"
            "Về tăng cường công tác xây dựng nông thôn mới\n\n1. Phòng Tài chính - Kế hoạch, "
            "Phòng giao dịch Ngân hàng Chính sách xã hội huyện bố trí nguồn vốn cho vay, hoàn "
            "thành trước ngày 30/6/2025.\n")
    (task,) = extract_document([PageText(1, "text", text)]).tasks
    assert task.owner == ("Phòng Tài chính - Kế hoạch, Phòng giao dịch Ngân hàng Chính sách xã "
                          "hội huyện")


def test_a_unit_called_doi_heads_an_agency_phrase_but_doi_ngu_does_not() -> None:
    from vanban.extract.owners import agency_phrase

    assert agency_phrase("Đội Kiểm tra liên ngành số 2 và Phòng Y tế kiểm tra các chợ") == (
        "Đội Kiểm tra liên ngành số 2")
    assert agency_phrase("Đội ngũ cán bộ xã được tập huấn nghiệp vụ") is None
