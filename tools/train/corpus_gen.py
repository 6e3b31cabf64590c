"""Compose Vietnamese administrative text in the register of the programme's documents.

The language model needs far more text in this register than the four clean sample documents
hold. These phrase banks were written for this project (schedules, conclusion notices, plans,
reports, work programmes of the new-rural-area programme); documents are assembled from them
with a seeded random generator, so the corpus is reproducible. Place names come from the
gazetteer shipped by the `vietnam-provinces` package when it is installed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

from vanban.restore.paths import CORPUS_DIR

AGENCIES_PROVINCE = [
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Tài nguyên và Môi trường",
    "Sở Công Thương",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Khoa học và Công nghệ",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Văn phòng Điều phối nông thôn mới tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Hội Nông dân tỉnh",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Tỉnh đoàn",
    "Liên đoàn Lao động tỉnh",
    "Hội Cựu chiến binh tỉnh",
    "Liên minh Hợp tác xã tỉnh",
    "Ngân hàng Chính sách xã hội chi nhánh tỉnh",
    "Đài Phát thanh - Truyền hình tỉnh",
    "Báo tỉnh",
    "Chi cục Phát triển nông thôn",
    "Chi cục Thủy lợi",
    "Trung tâm Khuyến nông",
    "Ban Dân vận Tỉnh ủy",
    "Ban Tuyên giáo Tỉnh ủy",
    "Văn phòng UBND tỉnh",
    "Kho bạc Nhà nước tỉnh",
    "Cục Thống kê tỉnh",
    "Ban Quản lý các khu kinh tế tỉnh",
]
AGENCIES_DISTRICT = [
    "UBND các huyện, thành phố, thị xã",
    "Ban Chỉ đạo các huyện, thành phố, thị xã",
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Kinh tế - Hạ tầng",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Y tế",
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Văn phòng HĐND và UBND huyện",
    "Ban Quản lý dự án đầu tư xây dựng huyện",
    "Trung tâm Văn hóa - Truyền thông huyện",
    "Văn phòng Điều phối nông thôn mới huyện",
    "UBND các xã",
    "Ban Quản lý xây dựng nông thôn mới xã",
    "Ban Phát triển thôn",
    "Ủy ban Mặt trận Tổ quốc huyện",
    "Huyện đoàn",
    "Hội Nông dân huyện",
    "Hội Phụ nữ huyện",
    "Công an huyện",
    "Ban Chỉ huy Quân sự huyện",
    "Trung tâm Y tế huyện",
]
OFFICES = [
    "Phòng Kế hoạch, Nghiệp vụ và Giám sát",
    "Phòng Hành chính - Tổng hợp",
    "Phòng OCOP",
    "Phòng Kế toán",
    "Phòng Truyền thông",
    "Văn phòng Điều phối",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Tổng hợp",
    "Bộ phận một cửa",
]
ACTIONS = [
    "Chủ trì, phối hợp với các sở, ngành liên quan",
    "Tham mưu UBND tỉnh",
    "Hướng dẫn",
    "Kiểm tra, đôn đốc",
    "Tổ chức",
    "Triển khai thực hiện",
    "Rà soát",
    "Đánh giá",
    "Tổng hợp",
    "Xây dựng",
    "Hoàn thiện",
    "Thẩm định",
    "Nghiệm thu",
    "Giám sát",
    "Tuyên truyền",
    "Vận động",
    "Phân bổ",
    "Bố trí",
    "Huy động",
    "Chỉ đạo",
    "Đề xuất",
    "Ban hành",
    "Lập hồ sơ",
    "Báo cáo",
    "Trình",
    "Hỗ trợ",
    "Tập huấn",
    "Khảo sát",
    "Tiếp tục thực hiện",
    "Đẩy mạnh",
    "Tăng cường",
    "Nâng cao chất lượng",
    "Quán triệt",
    "Sơ kết",
    "Tổng kết",
    "Soát xét",
    "Cập nhật",
    "Theo dõi",
    "Phối hợp",
    "Hoàn thành",
    "Chỉ đạo quyết liệt",
    "Tập trung chỉ đạo",
    "Khẩn trương hoàn thiện",
    "Đôn đốc các xã",
    "Nghiên cứu, đề xuất",
    "Thống nhất",
    "Công bố",
    "Công khai",
    "Thanh tra, kiểm tra",
    "Thông báo",
    "Tham mưu Ban Chỉ đạo tỉnh",
    "Kiện toàn",
    "Củng cố",
    "Duy trì",
    "Phát động",
]
OBJECTS = [
    "các tiêu chí xã nông thôn mới",
    "Bộ tiêu chí quốc gia về xã nông thôn mới nâng cao",
    "hồ sơ đề nghị công nhận huyện đạt chuẩn nông thôn mới",
    "kế hoạch vốn đầu tư phát triển",
    "nguồn vốn ngân sách tỉnh",
    "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "Chương trình Mỗi xã một sản phẩm",
    "sản phẩm OCOP",
    "khu dân cư nông thôn mới kiểu mẫu",
    "vườn mẫu",
    "mô hình sản xuất hiệu quả",
    "kết cấu hạ tầng kinh tế - xã hội",
    "đường giao thông nông thôn",
    "kênh mương nội đồng",
    "hệ thống thủy lợi",
    "trường học đạt chuẩn quốc gia",
    "nhà văn hóa thôn",
    "trạm y tế xã",
    "nước sạch nông thôn",
    "vệ sinh môi trường",
    "thu gom, xử lý rác thải sinh hoạt",
    "an ninh trật tự",
    "thu nhập bình quân đầu người",
    "tỷ lệ hộ nghèo",
    "lao động có việc làm thường xuyên",
    "hợp tác xã",
    "tổ hợp tác",
    "chuỗi liên kết sản xuất",
    "chuyển đổi cơ cấu cây trồng",
    "cơ chế, chính sách hỗ trợ",
    "báo cáo sơ kết 6 tháng",
    "báo cáo tổng kết năm",
    "công tác tuyên truyền",
    "phong trào thi đua",
    "kế hoạch năm",
    "chương trình công tác tháng",
    "đề án xây dựng huyện đạt chuẩn nông thôn mới",
    "quy hoạch chung xây dựng xã",
    "quy hoạch sử dụng đất",
    "hồ sơ minh chứng",
    "biên bản thẩm định",
    "tờ trình",
    "dự thảo báo cáo",
    "dự toán kinh phí",
    "phương án phân bổ vốn",
    "danh mục công trình",
    "công trình hạ tầng thiết yếu",
    "điện chiếu sáng",
    "cảnh quan môi trường",
    "xi măng làm đường giao thông",
    "rãnh thoát nước",
    "chợ nông thôn",
    "bưu điện văn hóa xã",
    "nhà ở dân cư",
    "y tế",
    "giáo dục",
    "văn hóa",
    "quốc phòng và an ninh",
    "hệ thống chính trị",
    "tiếp cận pháp luật",
    "chất lượng môi trường sống",
    "cơ sở dữ liệu",
    "phần mềm quản lý",
    "ứng dụng công nghệ thông tin",
    "chuyển đổi số trong nông nghiệp",
    "đào tạo nghề cho lao động nông thôn",
    "giảm nghèo bền vững",
    "đô thị văn minh",
    "nông thôn mới nâng cao",
    "nông thôn mới kiểu mẫu",
    "sản phẩm chủ lực",
    "vùng sản xuất tập trung",
    "cánh đồng lớn",
    "sản xuất hàng hóa",
    "tiêu thụ sản phẩm",
    "xúc tiến thương mại",
    "hội chợ, triển lãm",
    "điểm giới thiệu và bán sản phẩm OCOP",
    "du lịch nông thôn",
    "nguồn lực xã hội hóa",
    "nợ đọng xây dựng cơ bản",
    "giải ngân vốn đầu tư công",
    "công tác thi đua, khen thưởng",
    "ngày hội đại đoàn kết toàn dân tộc",
    "cuộc vận động toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
]
QUALIFIERS = [
    "theo quy định",
    "đảm bảo tiến độ",
    "đúng quy định",
    "theo kế hoạch",
    "có hiệu quả",
    "đảm bảo chất lượng",
    "theo hướng dẫn của Trung ương",
    "trên địa bàn tỉnh",
    "trên địa bàn huyện",
    "tại các xã",
    "năm 2020",
    "giai đoạn 2021 - 2025",
    "giai đoạn 2016 - 2020",
    "theo chỉ đạo của UBND tỉnh",
    "một cách thực chất",
    "gắn với tái cơ cấu ngành nông nghiệp",
    "theo Nghị quyết của Hội đồng nhân dân tỉnh",
    "theo Bộ tiêu chí mới",
    "đúng tiến độ đề ra",
    "kịp thời",
    "công khai, minh bạch",
    "sát với thực tế",
    "báo cáo UBND tỉnh",
    "gửi Văn phòng Điều phối tổng hợp",
    "làm cơ sở để chỉ đạo",
    "cho các địa phương",
    "đối với các xã đăng ký đạt chuẩn",
    "theo phân công",
    "bằng nhiều hình thức",
    "cho người dân",
    "ở cơ sở",
]
DEADLINES = [
    "trước ngày {d}/{m}/{y}",
    "trong tháng {m}/{y}",
    "trong quý {q} năm {y}",
    "hoàn thành trước ngày {d} tháng {m} năm {y}",
    "thường xuyên",
    "6 tháng đầu năm {y}",
    "cuối năm {y}",
    "trong năm {y}",
    "định kỳ hàng tháng",
    "hàng quý",
    "trước ngày {d}/{m}",
    "chậm nhất ngày {d}/{m}/{y}",
    "xong trước ngày {d}/{m}/{y}",
]
WEEKDAYS = [
    "Thứ Hai",
    "Thứ Ba",
    "Thứ Tư",
    "Thứ Năm",
    "Thứ Sáu",
    "Thứ Bảy",
    "Chủ nhật",
    "Thứ 2",
    "Thứ 3",
    "Thứ 4",
    "Thứ 5",
    "Thứ 6",
    "Thứ 7",
    "CN",
]
SESSIONS = ["Buổi sáng", "Buổi chiều", "Sáng", "Chiều", "Cả ngày", "Buổi sáng:", "Buổi chiều:"]
MEETINGS = [
    "Họp Ban Chỉ đạo tỉnh",
    "Hội nghị giao ban",
    "Làm việc với",
    "Dự hội nghị",
    "Tham dự hội thảo",
    "Đi kiểm tra thực tế tại",
    "Họp thẩm định",
    "Hội nghị trực tuyến",
    "Họp Hội đồng đánh giá, phân hạng sản phẩm OCOP",
    "Kiểm tra tiến độ xây dựng nông thôn mới tại",
    "Làm việc với đoàn công tác của Trung ương",
    "Họp cơ quan",
    "Giao ban Văn phòng",
    "Tiếp và làm việc với đoàn công tác",
    "Hội nghị sơ kết",
    "Hội nghị tổng kết",
    "Tập huấn nghiệp vụ",
    "Họp bàn",
    "Dự lễ công bố",
    "Hội thảo chuyên đề",
]
GIVEN_NAMES = [
    "Hùng",
    "Dũng",
    "Long",
    "Tuấn",
    "Hải",
    "Sơn",
    "Minh",
    "Nam",
    "Quang",
    "Thắng",
    "Cường",
    "Bình",
    "Hòa",
    "Thành",
    "Trung",
    "Đức",
    "Hiếu",
    "Khánh",
    "Lâm",
    "Phong",
    "Phúc",
    "Tâm",
    "Thanh",
    "Thủy",
    "Hương",
    "Lan",
    "Hằng",
    "Nga",
    "Hoa",
    "Huyền",
    "Trang",
    "Oanh",
    "Yến",
    "Nhung",
    "Hà",
    "Mai",
    "Linh",
    "Vân",
    "Tú",
    "Việt",
    "Quý",
    "Kiên",
    "Toàn",
    "Hưng",
    "Lợi",
    "Định",
    "Nghĩa",
    "Tiến",
    "Vinh",
    "Châu",
    "Hạnh",
    "Loan",
    "Thảo",
    "Phượng",
    "Đông",
    "Bắc",
    "Trường",
    "Chiến",
    "Hoàng",
    "Duy",
    "Tùng",
    "Thông",
    "Khoa",
    "Hậu",
]
FAMILY_NAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Võ",
    "Phan",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Đào",
    "Trương",
    "Thái",
    "Hà",
    "Lương",
]
MIDDLE_NAMES = [
    "Văn",
    "Thị",
    "Đình",
    "Xuân",
    "Hữu",
    "Ngọc",
    "Quốc",
    "Minh",
    "Thanh",
    "Công",
    "Đức",
    "Anh",
    "Trọng",
    "Hồng",
    "Kim",
    "Bá",
    "Duy",
    "Huy",
]
TITLES = [
    "Trưởng ban",
    "Phó Trưởng ban",
    "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
    "Giám đốc",
    "Phó Giám đốc",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Bí thư",
    "Phó Bí thư",
    "Chuyên viên",
    "Ủy viên",
]
DOC_KINDS = [
    ("Quyết định", "QĐ"),
    ("Nghị quyết", "NQ"),
    ("Kế hoạch", "KH"),
    ("Công văn", "CV"),
    ("Thông báo", "TB"),
    ("Chỉ thị", "CT"),
    ("Báo cáo", "BC"),
    ("Hướng dẫn", "HD"),
    ("Tờ trình", "TTr"),
    ("Thông tư", "TT"),
    ("Nghị định", "NĐ"),
]
ISSUERS = [
    "UBND",
    "TTg",
    "BCĐ",
    "HĐND",
    "BNNPTNT",
    "SNN",
    "VPĐP",
    "BCĐNTM",
    "TU",
    "BTC",
    "BKHĐT",
    "CP",
    "UBND-NL",
    "UBND-KT",
    "SXD",
    "STC",
]
HEADINGS = [
    "MỤC ĐÍCH, YÊU CẦU",
    "NỘI DUNG",
    "TỔ CHỨC THỰC HIỆN",
    "NHIỆM VỤ VÀ GIẢI PHÁP",
    "KẾT QUẢ THỰC HIỆN",
    "TỒN TẠI, HẠN CHẾ",
    "NGUYÊN NHÂN",
    "NHIỆM VỤ TRỌNG TÂM",
    "KINH PHÍ THỰC HIỆN",
    "ĐỀ XUẤT, KIẾN NGHỊ",
    "PHÂN CÔNG NHIỆM VỤ",
    "TIẾN ĐỘ THỰC HIỆN",
    "ĐÁNH GIÁ CHUNG",
    "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    "CĂN CỨ PHÁP LÝ",
    "CÁC CÔNG VIỆC CẦN TẬP TRUNG CAO",
    "LỊCH CÔNG TÁC CỤ THỂ",
    "MỤC TIÊU",
    "GIẢI PHÁP",
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]

# Whole sentences in the register of reports and notices; {slots} are filled at random.
SENTENCES = [
    ln
    for ln in (CORPUS_DIR / "sentence_templates.txt").read_text("utf-8").splitlines()
    if ln.strip() and not ln.startswith("#")
]


def _places() -> tuple[list[str], list[str]]:
    """Province and commune names from the gazetteer package, or a small fallback list."""
    provinces = ["Hà Tĩnh", "Nghệ An", "An Giang", "Thanh Hóa", "Quảng Bình", "Hà Nội"]
    communes = ["Thạch Môn", "Sơn Long", "Sơn Bình", "Đức Yên", "Cẩm Xuyên", "Kỳ Anh"]
    try:
        import vietnam_provinces
    except ImportError:
        return provinces, communes
    data = json.loads(Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH).read_text("utf-8"))
    provs: list[str] = []
    comms: list[str] = []
    for p in data:
        name = str(p["name"])
        for prefix in ("Thành phố ", "Tỉnh "):
            name = name.removeprefix(prefix)
        provs.append(name)
        for w in p.get("wards", []):
            wn = str(w["name"])
            for prefix in ("Phường ", "Xã ", "Thị trấn ", "Đặc khu "):
                wn = wn.removeprefix(prefix)
            if not any(ch.isdigit() for ch in wn):
                comms.append(wn)
    return provs, comms


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


class _Filler:
    """Holds the random source and the place lists while one corpus is generated."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.provinces, self.communes = _places()

    def year(self) -> int:
        return self.rng.randint(2011, 2025)

    def fill(self, template: str) -> str:
        r = self.rng
        y = self.year()
        return template.format(
            d=f"{r.randint(1, 28):02d}" if r.random() < 0.5 else str(r.randint(1, 28)),
            m=str(r.randint(1, 12)),
            y=y,
            q=r.choice(ROMAN[:4]),
            n=r.randint(1, 3500),
            k=r.randint(2, 180),
            k2=r.randint(1, 60),
        )

    def place(self) -> str:
        r = self.rng
        kind = r.random()
        if kind < 0.5:
            return f"xã {r.choice(self.communes)}"
        if kind < 0.7:
            return f"phường {r.choice(self.communes)}"
        if kind < 0.85:
            return f"huyện {r.choice(self.communes)}"
        return f"tỉnh {r.choice(self.provinces)}"

    def docref(self) -> str:
        r = self.rng
        kind, code = r.choice(DOC_KINDS)
        y = self.year()
        num = (
            f"{r.randint(1, 3500)}/{y}/{code}-{r.choice(ISSUERS)}"
            if r.random() < 0.4
            else (f"{r.randint(1, 3500)}/{code}-{r.choice(ISSUERS)}")
        )
        return f"{kind} số {num} ngày {r.randint(1, 28)}/{r.randint(1, 12)}/{y}"

    def agency(self) -> str:
        r = self.rng
        return r.choice(AGENCIES_PROVINCE) if r.random() < 0.6 else r.choice(AGENCIES_DISTRICT)

    def task(self) -> str:
        r = self.rng
        parts = [r.choice(ACTIONS), r.choice(OBJECTS)]
        if r.random() < 0.5:
            parts.append(r.choice(QUALIFIERS))
        if r.random() < 0.3:
            parts.append(f"tại {self.place()}")
        if r.random() < 0.25:
            parts.append(f"theo {self.docref()}")
        text = " ".join(parts)
        if r.random() < 0.4:
            text += f"; {r.choice(ACTIONS).lower()} {r.choice(OBJECTS)}"
        if r.random() < 0.5:
            text += ", " + self.fill(r.choice(DEADLINES))
        return text[0].upper() + text[1:]

    def header(self) -> list[str]:
        r = self.rng
        prov = r.choice(self.provinces)
        y = self.year()
        lines = [
            f"UBND TỈNH {prov.upper()}"
            if r.random() < 0.5
            else "BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MTQG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            f"Số: {r.randint(1, 999)}/{r.choice(['KH', 'TB', 'BC', 'CTCT'])}-{r.choice(ISSUERS)}",
            f"{prov}, ngày {r.randint(1, 28):02d} tháng {r.randint(1, 12)} năm {y}",
        ]
        return lines

    def footer(self) -> list[str]:
        r = self.rng
        lines = [
            "Nơi nhận:",
            "- Như trên;",
            f"- {r.choice(AGENCIES_PROVINCE)};",
            "- Thường trực Tỉnh ủy, HĐND tỉnh (để b/c);",
            "- Lưu: VT, " + r.choice(["NN", "VP", "KH", "TH"]) + ".",
        ]
        title = r.choice(TITLES)
        if r.random() < 0.5:
            lines.append(
                f"KT. {r.choice(['TRƯỞNG BAN', 'CHỦ TỊCH', 'GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG'])}"
            )
        lines += [title.upper(), _person(r)]
        return lines


def _schedule(f: _Filler) -> list[str]:
    r = f.rng
    m, y = r.randint(1, 12), f.year()
    out = [
        *f.header(),
        f"LỊCH CÔNG TÁC THÁNG {m} NĂM {y}",
        "NGÀY/THỨ\tNỘI DUNG CÔNG VIỆC\tCHỦ TRÌ CHUẨN BỊ\tLÃNH ĐẠO CHỦ TRÌ",
    ]
    for day in range(1, r.randint(8, 28)):
        out.append(f"{day:02d} {r.choice(WEEKDAYS)}\t{r.choice(SESSIONS)}\t\t")
        for _ in range(r.randint(1, 4)):
            what = r.choice(MEETINGS)
            if what.endswith((" tại", " với")):
                what += " " + (f.place() if what.endswith("tại") else f.agency())
            if r.random() < 0.6:
                what += " " + r.choice(OBJECTS)
            if r.random() < 0.3:
                what += f" tại {f.place()}"
            if r.random() < 0.2:
                what += " (cả ngày)"
            leader = f"Đ/c {r.choice(GIVEN_NAMES)}"
            if r.random() < 0.3:
                leader += f", đ/c {r.choice(GIVEN_NAMES)}"
            out.append(f"\t{what}\t{r.choice(OFFICES)}\t{leader}")
    return out + f.footer()


def _notice(f: _Filler) -> list[str]:
    r = f.rng
    out = [
        *f.header(),
        "THÔNG BÁO",
        f"Kết luận của Ban Chỉ đạo tại cuộc họp tháng {r.randint(1, 12)}/{f.year()}",
    ]
    out += [
        f.fill(r.choice(SENTENCES)) + " " + f.fill(r.choice(SENTENCES))
        for _ in range(r.randint(2, 4))
    ]
    for i in range(r.randint(2, 4)):
        out.append(f"{ROMAN[i]}. {r.choice(HEADINGS).capitalize()}")
        for j in range(r.randint(2, 6)):
            out.append(f"{j + 1}. {f.agency()}:")
            out += [f"- {f.task()}." for _ in range(r.randint(1, 4))]
    out.append(f.fill(r.choice(SENTENCES)))
    return out + f.footer()


def _plan(f: _Filler) -> list[str]:
    r = f.rng
    out = [*f.header(), "KẾ HOẠCH", f"{r.choice(ACTIONS)} {r.choice(OBJECTS)} năm {f.year()}"]
    out.append(f"Căn cứ {f.docref()}; " + f.fill(r.choice(SENTENCES)))
    for i in range(r.randint(3, 5)):
        out.append(f"{ROMAN[i]}. {r.choice(HEADINGS)}:")
        for j in range(r.randint(1, 4)):
            out.append(f"{j + 1}. {r.choice(OBJECTS).capitalize()}:")
            for _ in range(r.randint(1, 4)):
                out.append(
                    f"- {f.task()};" if r.random() < 0.6 else f"- {f.fill(r.choice(SENTENCES))}"
                )
    return out + f.footer()


def _report(f: _Filler) -> list[str]:
    r = f.rng
    out = [*f.header(), "BÁO CÁO", f"Kết quả thực hiện {r.choice(OBJECTS)} {r.choice(QUALIFIERS)}"]
    for i in range(r.randint(2, 4)):
        out.append(f"{ROMAN[i]}. {r.choice(HEADINGS)}")
        for _ in range(r.randint(2, 5)):
            out.append(" ".join(f.fill(r.choice(SENTENCES)) for _ in range(r.randint(1, 4))))
    return out + f.footer()


def _programme(f: _Filler) -> list[str]:
    r = f.rng
    out = [
        *f.header(),
        f"CHƯƠNG TRÌNH CÔNG TÁC NĂM {f.year()}",
        f"Thực hiện {f.docref()}; " + f.fill(r.choice(SENTENCES)),
    ]
    for i in range(r.randint(2, 4)):
        out.append(f"{ROMAN[i]}. {r.choice(HEADINGS).capitalize()}:")
        for j in range(r.randint(2, 6)):
            out.append(f"{j + 1}. {f.task()}.")
            out.append(f"Cơ quan thực hiện: {f.agency()}; phối hợp: {f.agency()}.")
            out.append("Thời gian: " + f.fill(r.choice(DEADLINES)) + ".")
    return out + f.footer()


_KINDS = (_schedule, _notice, _plan, _report, _programme)


def generate_documents(seed: int, n_syllables: int) -> Iterator[list[str]]:
    """Yield documents (lists of lines) until about `n_syllables` whitespace tokens were made."""
    f = _Filler(random.Random(seed))
    made = 0
    while made < n_syllables:
        doc = f.rng.choice(_KINDS)(f)
        made += sum(len(line.split()) for line in doc)
        yield doc
