"""Owner attribution: which agency a sentence or heading assigns a task to.

An agency phrase opens with an agency head noun (Sở, Ban, UBND, Phòng, ...) and runs until the
first verb of the sentence, a colon or a bracket. Verbs come from a general list of Vietnamese
administrative verbs; agency names that themselves contain a verb ("Chương trình MTQG xây dựng
NTM") are protected by looking at the word before the verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vanban.extract import vocab

_HEADS = [
    "Ủy ban nhân dân", "Uỷ ban nhân dân", "Ủy ban Mặt trận", "Ủy ban MTTQ", "Uỷ ban MTTQ",
    "Ủy ban", "Uỷ ban", "UBND", "UBMTTQVN", "UBMTTQ", "MTTQVN", "MTTQ", "Mặt trận",
    "Sở", "Ban", "Văn phòng", "VPĐP", "VP", "Phòng", "Tổng cục", "Chi cục", "Cục",
    "Trung tâm", "Đài", "Báo", "Hội đồng", "Hội", "Liên đoàn", "Tỉnh đoàn", "Huyện đoàn",
    "Đoàn", "Công an", "Bộ Chỉ huy", "Bộ", "Ngân hàng", "Kho bạc", "Quỹ", "Viện", "Trường",
    "Bệnh viện", "Thanh tra", "Tòa án", "Huyện ủy", "Huyện uỷ", "Tỉnh ủy", "Tỉnh uỷ",
    "Thành ủy", "Thị ủy", "Đảng ủy", "Thường trực", "TT", "Thành viên", "Lãnh đạo", "HĐND",
    "BCĐ", "Tổ", "Cơ quan", "Công ty", "Chi nhánh", "Điện lực", "Bưu điện", "Cục Thống kê",
    "đồng chí", "Đồng chí", "Huyện", "Tỉnh", "Xã", "Thị xã", "Thành phố", "Cấp huyện",
    "Trưởng", "Giám đốc", "Chủ tịch", "Trung ương", "Hợp tác xã", "HTX", "Trạm", "Hạt",
    "Doanh nghiệp", "Chi hội", "Tổ hợp tác", "Nhà máy", "Ban quản lý", "Ban Quản lý",
    "Thủ trưởng", "Công chức", "Cán bộ", "Trưởng thôn", "Bí thư",
    # Party cells and union branches of a commune ("Chi bộ thôn X", "Chi đoàn"), and a named
    # village ("thôn Plei Kép" in a joint subject): extract6, n79/n81 dev.
    "Chi bộ", "Chi đoàn", "Đảng bộ", "Thôn",
    # a unit of an agency ("Đội Quản lý thị trường số 5", "Đội Thuế"; "Đội ngũ" is no agency)
    "Đội",
    # the cooperative alliance ("Liên minh Hợp tác xã tỉnh"): extract7, n101 dev
    "Liên minh",
    # social insurance ("Bảo hiểm xã hội huyện") and heads of bodies ("Người đứng đầu các cơ
    # quan, đơn vị"): extract10 probe, no owner
    "Bảo hiểm xã hội", "BHXH", "Người đứng đầu",
]
_PLURAL_HEADS = [
    "sở", "ban", "ngành", "huyện", "xã", "phòng", "đơn vị", "cơ quan", "địa phương", "đoàn thể",
    "tổ chức", "hội", "doanh nghiệp", "thành viên", "chi nhánh", "đồng chí", "cơ sở",
    "đảng ủy", "đảng uỷ", "cấp ủy", "cấp uỷ", "chi bộ", "trường", "trạm", "hợp tác xã",
    "thôn", "ấp", "bản", "khu phố", "tổ dân phố", "hộ", "chủ thể", "công chức", "phường",
    "thị trấn", "chi hội", "chi bộ", "chi đoàn", "xóm",
    # community teams ("Các Tổ công tác cộng đồng thôn, bản ..."): extract7 probe
    "tổ công tác", "tổ hợp tác", "tổ tự quản",
]
_HEAD_RE = re.compile(
    r"^(?:(?:Tất cả|tất cả)\s+)?(?:(?:Các|các|Những|những)\s+(?i:" + "|".join(_PLURAL_HEADS)
    + r")\b|(?:" + "|".join(sorted((re.escape(h) for h in _HEADS), key=len, reverse=True))
    + r")(?=[\s.:,]|$)(?!\s+(?:cáo|hành|chức|nghị|thảo|hợp|chống|tiêu chí|hồ sơ|hội|ngũ)\b))",
)

# Verbs and verb-like words that end an agency phrase. General administrative vocabulary.
_VERBS = [
    "chủ trì", "phối hợp", "tổ chức", "tiếp tục", "tăng cường", "nghiên cứu", "triển khai",
    "thực hiện", "xây dựng", "chỉ đạo", "hướng dẫn", "tham mưu", "khẩn trương", "hoàn thiện",
    "hoàn thành", "rà soát", "soát xét", "kiểm tra", "có trách nhiệm", "có văn bản", "có kế hoạch",
    "có", "cần", "phải", "căn cứ", "ban hành", "trình", "báo cáo", "gửi", "lập",
    "đẩy mạnh", "đẩy nhanh",
    "chủ động", "tập trung", "duy trì", "thẩm định", "thẩm tra", "đề xuất", "cùng",
    "nỗ lực", "phấn đấu", "xem xét", "đánh giá", "giao", "lựa chọn", "bố trí", "vận động",
    "ưu tiên", "sớm", "thường xuyên", "đôn đốc", "theo dõi", "tổng hợp", "quản lý", "kịp thời",
    "trên cơ sở", "biểu quyết", "tự", "đăng tải", "mở", "tuyên truyền", "chuẩn bị", "làm việc",
    "đảm bảo", "bảo đảm", "thành lập", "quan tâm", "nâng cao", "ra soát", "hỗ trợ", "cung cấp",
    "công bố",
    "thông báo", "tiến hành", "là", "sẽ", "đã", "đang", "chịu trách nhiệm", "xác định",
    "tiếp nhận", "hoàn chỉnh", "đề nghị", "yêu cầu", "cử", "phát động", "phân công", "khảo sát",
    "kiện toàn", "sửa đổi", "bổ sung", "điều chỉnh", "tích cực", "ban hành", "nhanh chóng",
    "vận hành", "mời", "lồng ghép", "huy động", "tham gia", "tham dự", "thẩm duyệt", "phê duyệt",
    "cân đối", "giám sát", "nghiệm thu", "quyết toán", "giải ngân", "phân bổ", "thống nhất",
    "xử lý", "giải quyết", "khắc phục", "hoàn tất", "đăng ký", "công nhận", "cập nhật",
    "nhân rộng", "tập huấn", "đào tạo", "bồi dưỡng", "khen thưởng", "biên soạn", "làm",
    "thông tin", "nắm", "tăng", "đưa", "chọn", "xét", "ký", "họp", "dự", "đón", "tiếp",
    "thanh toán", "lãnh đạo", "chỉnh trang", "cải tạo", "nâng cấp", "sửa chữa", "thu gom",
    "ra quân", "cho vay", "bàn giao", "chi trả", "kiểm soát", "đầu tư", "vệ sinh", "trồng",
    # A manner phrase ends the subject ("Sở Tài chính theo khả năng cân đối ngân sách ...").
    "theo khả năng", "theo chức năng", "theo thẩm quyền", "theo nhiệm vụ", "theo lĩnh vực",
    # The doer works on another's behalf: "Phòng X giúp Chủ tịch UBND huyện theo dõi ..." (the
    # owner is Phòng X; n128 dev took "... giúp chủ tịch ubnd huyện" whole). "tham mưu" above.
    "giúp",
]
_VERB_RE = re.compile(
    r"(?<![\wÀ-ỹ])(?:" + "|".join(sorted((re.escape(v) for v in _VERBS), key=len, reverse=True))
    + r")(?![\wÀ-ỹ])",
)
# Heads that are verbs too: an agency only with a complement ("Lãnh đạo UBND tỉnh"), a verb
# when the next word is another verb ("- Lãnh đạo hoàn thành hồ sơ ...", n15 dev).
_VERB_HEAD = re.compile(r"^(?:Lãnh đạo|Chỉ đạo|Thường trực)\b")
# The same verbs of two syllables or more, matched on the folded text: an OCR'd verb with a
# wrong diacritic ("theo đõi", "tổ chưc") still ends the agency phrase. Single syllables are
# left out: folded, they collide with name words ("là"/"La", "có"/"Cô").
_VERB_FOLDED = re.compile(
    r"(?<![a-z0-9])(?:" + "|".join(sorted({re.escape(vocab.fold(v)) for v in _VERBS if " " in v},
                                          key=len, reverse=True)) + r")(?![a-z0-9])"
)
_GROUP_HEAD = re.compile(r"^(?:Tổ|Ban|Đoàn|Hội đồng|Nhóm)\b")
# Verbs no agency name contains, matched whatever their case ("UBND huyện Ban hành ...").
_VERB_ANYCASE = re.compile(r"(?<![\wÀ-ỹ])(?:ban hành|triển khai|báo cáo)(?![\wÀ-ỹ])", re.IGNORECASE)
# A verb right after these words is part of a programme's name, not the sentence's verb.
_NAME_GLUE = re.compile(
    r"(?:MTQG|quốc gia|Chương trình|chương trình|Điều phối|điều phối|Ban Chỉ đạo|BCĐ|"
    r"Đề án|đề án|Dự án|dự án|tiêu chí|về|chương|Chương|được|đầu tư|các|những|Các|Những)\s*$"
)
_LEAD_DROP = re.compile(
    r"^(?:Đề nghị|đề nghị|Giao cho|giao cho|Giao|giao|Yêu cầu|yêu cầu|Đối với [^:]{1,80}:)\s*"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    owner: str | None
    collaborators: tuple[str, ...]


def starts_with_verb(text: str) -> bool:
    """Whether `text` opens with an action verb, whatever its first letter's case."""
    t = text.strip()
    return bool(t) and _VERB_RE.match(t[:1].lower() + t[1:]) is not None


def is_agency_start(text: str) -> bool:
    """Also true mid-sentence, where the head may be lower-case ("và thành viên Ban ...")."""
    t = text.strip()
    return bool(_HEAD_RE.match(t) or _HEAD_RE.match(t[:1].upper() + t[1:]))


def tidy_spacing(phrase: str) -> str:
    """OCR's spacing around punctuation inside a name: "Tân Phú , UBND" -> "Tân Phú, UBND",
    "Tài chính- Kế hoạch" -> "Tài chính - Kế hoạch" (a dash with a space on one side only)."""
    p = re.sub(r"\s+([,;])", r"\1", phrase)
    return re.sub(r"(?<=[\wÀ-ỹ])(?:\s+[-–]\s*|\s*[-–]\s+)(?=[\wÀ-ỹ])", " - ", p)


def _trim(phrase: str) -> str:
    p = re.sub(r"\s+", " ", phrase).strip(" ,;:-–")
    p = re.sub(r"\s*\((?:gọi tắt|sau đây gọi)[^)]*\)?$", "", p)
    return p.strip(" ,;:-–")


_BARE_CONT = re.compile(
    r"^\s*(?:ngành|thành phố|thị xã|thị trấn|huyện|xã|đơn vị|địa phương|đoàn thể|ban|"
    r"tổ chức|cơ quan|phường|thôn|bản|ấp|xóm|khu phố|tổ dân phố|"
    # the villages of the highlands and the delta ("Ban quản lý các thôn, làng"; n130 dev)
    r"làng|buôn|plei|bon|sóc|khóm)\b"
)


# Verbs that are name words when capitalised after a comma ("Trung tâm Văn hóa, Thông tin và
# Thể thao", "Phòng Tổ chức, Cán bộ"): the name goes on.
_NAME_WORD = re.compile(r"^(?:Thông tin|Tổ chức|Xây dựng|Quản lý|Đào tạo|Đầu tư)\b")


def _comma_continues(part: str) -> bool:
    """After a comma: another agency, a bare plural noun ("Các sở, ngành") or a capitalised
    name part ("Sở Văn hóa, Thể thao và Du lịch") keep the phrase going."""
    p = part.strip()
    if not p:
        return False
    bm = _BARE_CONT.match(p)
    if bm:
        # "thành phố, thị xã" continue a plural; "xã Xuân Phổ" is a second, named agency.
        return not p[bm.end():].strip()[:1].isupper()
    if is_agency_start(p):
        return False
    first = p.split(" ", 1)[0]
    return (first[:1].isupper() and not (first.isupper() and len(first) > 1)
            and (_VERB_RE.match(p.lower()) is None or _NAME_WORD.match(p) is not None))


# A bare plural subject qualified by what its members do ("Các huyện đăng ký đạt chuẩn nông
# thôn mới năm 2021 rà soát ...", "Các cơ quan chủ trì chủ động ..."): the qualifier is a
# relative clause that ends at a year, or a role verb (chủ trì, phụ trách) with the
# sentence's own verb right after it. Effect: such owners were cut at the clause's first
# verb ("Các huyện", "Các cơ quan"; issue 11 cause 5, n18 dev).
_QUALIFIER_YEAR = re.compile(r"\s+(?:\S+\s+){0,12}?(?:trước\s+|từ\s+|trong\s+)?năm\s+\d{4}"
                             r"(?=\s*,?\s+\S)")
_ROLE_VERB = re.compile(r"\s+(?:chủ trì|phụ trách)(?=\s)")


# A state clause after a plural subject ("UBND các xã đã đạt chuẩn nông thôn mới tổng hợp ...",
# "UBND các xã có thôn đăng ký phối hợp ...", "Các xã đăng ký đạt chuẩn ... năm 2025 học tập
# ..."): it opens with a state verb (đạt, đăng ký, có, after an optional đã/chưa) and runs to
# the first action verb, or to a year that closes it. Effect: issue 11 (blind run 2) cause 1,
# owners cut to "UBND các xã" / "Các xã" (n36, n37, n38 dev).
# "được công nhận đạt chuẩn" is the same state in the passive ("Các thôn đã được công nhận
# đạt chuẩn khu dân cư kiểu mẫu chỉnh trang ...": was cut to "Các thôn", n84 dev).
_STATE_START = re.compile(r"\s+(?:(?:đã|chưa|đang)\s+)?(?P<v>(?:được\s+)?công nhận|đạt|đăng ký|có|"
                          r"thuộc)(?=\s)")
_STATE_WORDS = frozenset({"đã", "có", "đăng ký", "công nhận", "là", "sẽ", "đang"})
_ACTION_IF_PLAIN = frozenset({"đăng ký"})
# Levels of the programme named after it ("nông thôn mới nâng cao", "NTM kiểu mẫu").
_NTM_LEVEL = re.compile(r"(?:nông thôn mới|NTM)\s+$")
_YEAR_CLOSE = re.compile(r"\bnăm\s+\d{4}(?=\s+[a-zà-ỹđ])")
_PLURAL_AFTER_HEAD = re.compile(
    r"\s+(?:các|những)\s+(?:" + "|".join(_PLURAL_HEADS) + r")(?![\wÀ-ỹ])"
)
# The same plural a few plain words after the head ("Hội viên nông dân các thôn có ...").
_PLURAL_NEAR_HEAD = re.compile(
    r"(?:\s+[a-zà-ỹđ]+){1,3}?\s+(?:các|những)\s+(?:" + "|".join(_PLURAL_HEADS)
    + r")(?![\wÀ-ỹ])"
)


def _later_action(s: str, at: int) -> bool:
    """Whether an action verb (no state word) follows `at` before the clause's punctuation."""
    stop = re.search(r"[,;:(]|\.\s|\.$", s[at:])
    limit = at + stop.start() if stop else len(s)
    return any(m.group(0) not in _STATE_WORDS for m in _VERB_RE.finditer(s, at, limit))


def _state_clause_end(s: str, at: int) -> int:
    """End of a state clause right after a plural subject, or -1 when there is none or no
    action verb / closing year is found (the subject then ends as before)."""
    st = _STATE_START.match(s, at)
    if not st:
        return -1
    vm = _VERB_RE.match(s, st.start("v"))
    if vm and vm.group(0) not in _STATE_WORDS:
        return -1  # "có trách nhiệm", "có kế hoạch": the sentence's own verb
    verb_at = -1
    for m in _VERB_RE.finditer(s, st.end()):
        if m.group(0) in _ACTION_IF_PLAIN and st.group("v") == "có" and not re.match(
                r"\s+đạt\b", s[m.end():]) and not _later_action(s, m.end()):
            # "... có diện tích cà phê trên 20 năm đăng ký tái canh với chi hội trước ...":
            # after a "có" clause, "đăng ký" with no other action verb after it is the
            # sentence's verb; "có hộ nghèo đăng ký vay vốn lập danh sách", "có thôn đăng ký
            # đạt chuẩn" keep it in the clause (n81 dev).
            verb_at = m.start()
            break
        if m.group(0) in _STATE_WORDS or (m.group(0) == "nâng cao"
                                           and _NTM_LEVEL.search(s[: m.start()])):
            continue
        verb_at = m.start()
        break
    stop = re.search(r"[,;:(]|\.\s", s[st.end():])
    limit = st.end() + stop.start() if stop else len(s)
    if 0 <= verb_at < limit:
        limit = verb_at
    y = _YEAR_CLOSE.search(s, st.end(), limit + 1)
    if y:
        return y.end()
    return verb_at if verb_at == limit else -1


_ASIDE = re.compile(r"\s*\([^()]{1,150}\)")


def _relative_clause_end(s: str, at: int) -> int:
    """End of a relative clause right after a bare plural subject, or -1."""
    se = _state_clause_end(s, at)
    if se > 0:
        return se
    m = _QUALIFIER_YEAR.match(s, at)
    if m and m.group(0).count(",") == 0:
        end = m.end()
        aside = _ASIDE.match(s, end)
        if aside:
            # "Các xã đăng ký đạt chuẩn ... năm 2025 (Thạch A, Thạch B) xây dựng ...": the
            # bracket lists the members, the verb follows it (n100 dev: cut to "Các xã").
            end = aside.end()
        if _VERB_RE.match(s[end:].lstrip(" ,")):
            return end
    r = _ROLE_VERB.match(s, at)
    if r and _VERB_RE.match(s[r.end():].lstrip()):
        return r.end()
    return -1


# An agency name ends with its territory ("Kho bạc Nhà nước huyện", "Điện lực huyện", "UBND
# xã Tân Phú"): a lower-case word right after it that cannot go on a name is the sentence's
# verb, even one the verb list lacks ("kiểm soát", "đầu tư", "ra quân").
_UNITS = frozenset({"huyện", "tỉnh", "xã", "phường", "trấn", "phố"})
_NAME_GOES_ON = frozenset({
    "và", "ủy", "uỷ", "có", "liên", "được", "là", "các", "đội", "đoàn", "hội", "thuộc", "trực",
    "nhà", "đăng", "đạt", "mới", "nông", "theo", "phụ", "chủ", "trong", "tại", "của", "về", "cấp",
    "thành", "thị", "xã", "huyện", "tỉnh", "phường", "thôn", "ấp", "bản", "giai", "năm",
})


_AFTER_MERGER = re.compile(r"sau\s+(?:sắp xếp|sáp nhập|hợp nhất)\b")


def _unit_end(s: str, start: int, end: int) -> int:
    """End of an agency name at its territory word (and the place name after it) when a
    lower-case word that cannot go on a name follows; -1 when there is none."""
    toks = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^\s,;:()]+", s[:end])
            if m.start() >= start]
    for k, (_, e, w) in enumerate(toks):
        if w not in _UNITS:
            continue
        j = k + 1
        # The place name after the unit word, up to a comma: "huyện, Ngân hàng X" is a second
        # agency, not a place "huyện Ngân" (n55: a joint subject cut to "..., Ngân").
        while j < len(toks) and toks[j][2][:1].isupper() and not s[e:toks[j][0]].strip():
            e = toks[j][1]
            j += 1
        if j >= len(toks):
            return -1
        nxt_start, _, nxt = toks[j]
        if s[e:nxt_start].strip():
            continue  # a comma or bracket comes first: the list or aside goes on
        if _AFTER_MERGER.match(s, nxt_start):
            continue  # "UBND cấp xã sau sắp xếp chủ động ...": the merger qualifies the unit
        if nxt[:1].islower() and nxt not in _NAME_GOES_ON:
            return e
    return -1


# Verbs that open an adverbial after the subject ("Các cơ quan được phân công căn cứ nội dung
# Kế hoạch triển khai ..."): never the complement of a passive "được <verb>", so the subject
# ends before them (n54: the owner ran on through "căn cứ nội dung Kế hoạch").
_ADVERBIAL = frozenset({"căn cứ", "trên cơ sở"})


# A verb that ends a capitalised name ("Trung tâm Dịch vụ tổng hợp xã", "Trung tâm Dịch vụ
# tổng hợp, Ủy ban MTTQ ..."): no object follows it, only the territory, the end of the
# sentence or the next agency of a joint subject, so it is a name word (n99 dev: both owners
# were cut at "tổng hợp"). Role and state verbs never are.
# Only verbs that also qualify a noun in agency names ("Dịch vụ tổng hợp", "Quỹ hỗ trợ", "Ban
# quản lý") count: "Sở Tư pháp thẩm định." keeps its verb.
_NAME_VERBS = frozenset({"tổng hợp", "hỗ trợ", "quản lý", "xây dựng", "đầu tư", "đào tạo",
                         "bồi dưỡng", "giám sát", "thông tin", "vận hành"})
_AFTER_NAME_VERB = re.compile(r"(?P<unit>\s+(?:xã|huyện|tỉnh|phường))?"
                              r"(?P<sep>\s*(?P<stop>\./\.|[.;])?\s*$|\s*,\s*|\s+và\s+)")


# Verb syllables inside a common noun: "công trình", "chương trình", "dự án", "dự toán" ("Ban
# Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh" was cut at "trình").
_NOUN_BEFORE_VERB = re.compile(r"(?:công|tờ|chương|quy|lộ|hành|tiến)\s+$", re.IGNORECASE)
_NOUN_AFTER_VERB = re.compile(r"\s+(?:án|toán|thảo)(?![\wÀ-ỹ])")


_VERB_SET = frozenset(_VERBS)


def _capital_compound(s: str, m: re.Match[str]) -> bool:
    """The verb ends a capitalised compound verb inside a name ("Văn phòng Đăng ký đất đai":
    "ký" after "Đăng"; the collaborator was cut to "Chi nhánh Văn phòng Đăng")."""
    prev = re.search(r"([\wÀ-ỹ]+)\s+$", s[: m.start()])
    return bool(prev and prev.group(1)[:1].isupper()
                and f"{prev.group(1).lower()} {m.group(0)}" in _VERB_SET)


def _in_noun(s: str, m: re.Match[str]) -> bool:
    if m.group(0) == "trình":
        return _NOUN_BEFORE_VERB.search(s[: m.start()]) is not None
    if m.group(0) == "thường xuyên":  # "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên"
        return re.search(r"giáo dục\s+$", s[: m.start()], re.IGNORECASE) is not None
    if m.group(0) == "tổng hợp":  # "Hợp tác xã Nông nghiệp dịch vụ tổng hợp Tân Tiến"
        return re.search(r"dịch vụ\s+$", s[: m.start()], re.IGNORECASE) is not None
    return m.group(0) == "dự" and _NOUN_AFTER_VERB.match(s, m.end()) is not None


def _name_tail_verb(s: str, head_end: int, m: re.Match[str]) -> bool:
    if m.group(0) not in _NAME_VERBS:
        return False
    between = s[head_end:m.start()].strip()
    if not between[:1].isupper() or is_agency_start(between):
        return False
    a = _AFTER_NAME_VERB.match(s, m.end())
    if not a:
        return False
    rest = s[a.end():]
    if not rest.strip():  # the end: only a closed sentence or a territory shows it is a name
        return bool(a.group("unit") or a.group("stop"))
    return is_agency_start(rest)


def agency_phrase(text: str, heading: bool = False) -> str | None:
    """The agency phrase `text` opens with, or None when it does not open with an agency.

    `heading` is for a heading or the head of "Head: body": no verb-free stop words there, so
    "Các sở, ngành theo tiêu chí phụ trách" stays whole.
    """
    s = text.strip()
    head = _HEAD_RE.match(s)
    if not head:
        return None
    if _VERB_HEAD.match(s) and _VERB_RE.match(s[head.end():].lstrip()):
        return None  # "Lãnh đạo hoàn thành hồ sơ ...": the verb "lead", not "the leaders"
    end = len(s)
    bare = re.match(r"(?:tất cả\s+)?(?:các|những)\s", s[: head.end()], re.IGNORECASE) is not None
    for stop in (":", "(", ";", "."):
        i = s.find(stop)
        if stop == ":" and bare and i == head.end() and s[i + 1:].strip()[:1].isupper():
            continue  # "Các phòng: Kinh tế và Hạ tầng, Y tế ..." names its members
        # "TT.Ban Chỉ đạo", "VP." keep their dot: only a dot followed by a space ends it.
        if stop == "." and i >= 0 and not (i + 1 == len(s) or s[i + 1] == " "):
            i = s.find(". ")
        if 0 < i < end:
            end = i
    passive_end = -1  # end of a verb right after "được" ("được giao", "được phân công")
    if not bare:
        pm = _PLURAL_AFTER_HEAD.match(s, head.end())  # "UBND các xã ..."
        if not pm:
            # "Hội viên nông dân các thôn có diện tích ... đăng ký ...": a plural a few
            # lower-case words on, before any verb, qualified by a state clause (n81 dev).
            near = _PLURAL_NEAR_HEAD.match(s, head.end())
            if near and not _VERB_RE.search(s, head.end(), near.start() + len(near.group(0))) \
                    and _state_clause_end(s, near.end()) > 0:
                pm = near
        if pm:
            bare = True
            relative_end = _state_clause_end(s, pm.end())
        else:
            relative_end = -1
    else:
        relative_end = _relative_clause_end(s, head.end())
    if 0 < relative_end < end:
        end = relative_end  # the clause names the subject; the sentence's verb follows it
    elif relative_end > end and s[relative_end - 1] == ")" and s.find("(", end) == end:
        end = relative_end  # the clause closes on a bracket that lists the subject's members
    group_named = False  # "Hội đồng đánh giá": a group named by what it does
    for m in _VERB_RE.finditer(s, head.end()):
        if m.start() >= end:
            break
        if m.start() < relative_end:
            continue  # inside "Các huyện đăng ký đạt chuẩn ... năm 2021" (names the subject)
        if (passive_end >= 0 and not s[passive_end:m.start()].strip()
                and m.group(0) not in _ADVERBIAL):
            # "Các cơ quan được giao chủ trì": the passive clause takes one more verb, then
            # the sentence's own verb follows ("... chủ trì chủ động xây dựng").
            passive_end = -1
            continue
        if re.search(r"được\s*$", s[: m.start()]):
            passive_end = m.end()
            continue
        if m.group(0) == "giao" and re.match(r"\s+(?:dịch|thông)\b", s[m.end():]):
            continue  # "Phòng giao dịch Ngân hàng ...", "giao thông": nouns, not "assign"
        if m.group(0) == "giúp" and re.match(r"\s+việc\b", s[m.end():]):
            continue  # "Tổ giúp việc", "Cơ quan giúp việc Ban Chỉ đạo": a name, not "helps"
        if m.group(0) == "là" and re.match(r"\s+thành viên\b", s[m.end():]):
            continue  # "Các sở, ngành là thành viên Ban Chỉ đạo": membership names the agency
        if _GROUP_HEAD.match(s) and not s[head.end():m.start()].strip():
            group_named = True
            continue  # "Tổ biên soạn", "Đoàn kiểm tra": a verb right after a group noun names it
        if _NAME_GLUE.search(s[: m.start()]):
            continue  # a verb inside a programme's or office's name ("MTQG xây dựng NTM")
        if _name_tail_verb(s, head.end(), m) or _in_noun(s, m) or _capital_compound(s, m):
            continue
        if heading:
            break
        end = m.start()
        break
    am = _VERB_ANYCASE.search(s, head.end())
    if am and am.start() < end and not heading:
        end = am.start()
    if not heading:
        for fm in _VERB_FOLDED.finditer(vocab.fold_same(s), head.end(), end):
            if _VERB_RE.match(s, fm.start()):
                continue  # spelled right: the loop above has decided on it
            span = s[fm.start():fm.end()]
            # a span running into a capitalised word is a name ("Cao đẳng Kỹ thuật" folds
            # to "dang ky", "đăng ký": "Trường Cao đẳng ..." was cut to "Trường Cao")
            if span.islower() and not _NAME_GLUE.search(s[: fm.start()]) and (
                    fm.start() >= relative_end):
                end = fm.start()  # "Văn phòng HĐND và UBND huyện theo đõi ..." (OCR)
                break
    if not heading and not bare:
        ue = _unit_end(s, head.end(), end)
        if ue > 0:
            end = ue
    parts = s[:end].split(",")
    kept = [parts[0]]
    for p in parts[1:]:
        q = p.strip()
        more_work = (group_named and q[:1].islower() and not _BARE_CONT.match(q)
                     and not is_agency_start(q))
        if heading or _comma_continues(p) or more_work:
            # "Hội đồng đánh giá, phân hạng sản phẩm OCOP": the group's second function.
            kept.append(p)
        else:
            break
    joined = ",".join(kept)
    if not heading:
        # "UBMTTQVN tỉnh và các tổ chức thành viên": the first agency owns the task.
        for vm in re.finditer(r"\s+và\s+", joined):
            if re.fullmatch(r"\s*Văn phòng\s+\S+", joined[: vm.start()]):
                continue  # "Văn phòng HĐND và UBND huyện" is one office serving two bodies
            if is_agency_start(joined[vm.end():]):
                joined = joined[: vm.start()]
                break
    phrase = _trim(joined)
    if heading:
        phrase = re.sub(r"\s+(?:có|chịu) trách nhiệm$", "", phrase)
    return phrase or None


# One office serving two elected bodies: "Văn phòng HĐND và UBND huyện", "Văn phòng Đoàn
# ĐBQH và HĐND tỉnh" - the "và" joins the bodies, not two agencies.
_JOINT_OFFICE = re.compile(r"^Văn phòng (?:HĐND|UBND|Đoàn ĐBQH)$", re.IGNORECASE)
_BODY = re.compile(r"^(?:HĐND|UBND)\b")


def split_agencies(text: str) -> tuple[str, ...]:
    """A list like "Sở A, Sở B và các sở, ngành liên quan" cut at commas and "và" that start a
    new agency; "Sở Kế hoạch và Đầu tư" stays whole because "Đầu tư" is no agency head."""
    pieces: list[str] = []
    strict = _HEAD_RE.match
    for chunk in re.split(r",\s*", text):
        for j, sub in enumerate(re.split(r"\s+và\s+", chunk)):
            if j > 0 and pieces and _JOINT_OFFICE.match(pieces[-1]) and _BODY.match(sub):
                pieces[-1] = f"{pieces[-1]} và {sub}"  # "Văn phòng HĐND và UBND huyện" (n17)
            elif j > 0 and not strict(sub) and pieces:
                pieces[-1] = f"{pieces[-1]} và {sub}"
            elif not pieces or strict(sub):
                pieces.append(sub)
            else:
                pieces[-1] = f"{pieces[-1]}, {sub}"
    return tuple(p for p in (_trim(x) for x in pieces) if p)


_COLLAB = re.compile(
    r"(?:phối\s+hợp\s+(?:chặt chẽ\s+)?(?:với|cùng)?|cùng\s+với)\s*", re.IGNORECASE
)


# "X chủ trì, Y phối hợp ...": Y names the collaborators before the verb (issue 11).
_LEADS_THEN_JOINS = re.compile(r"chủ trì\s*[,;]\s*(?P<y>.{3,200}?)\s+phối\s+hợp(?!\s+(?:với|cùng))")


def collaborators(text: str) -> tuple[str, ...]:
    """Agencies named after "phối hợp (với)" / "cùng với" in the same sentence, or before
    "phối hợp" in "X chủ trì, Y phối hợp"."""
    cut = text.find(". ")
    if cut > 0:
        text = text[:cut]
    lm = _LEADS_THEN_JOINS.search(text)
    if lm and is_agency_start(lm.group("y")):
        return split_agencies(lm.group("y"))
    m = _COLLAB.search(text)
    if not m:
        return ()
    tail = text[m.end():]
    if not is_agency_start(tail):
        return ()
    end = len(tail)
    for stop in (":", "(", ";", ". "):
        i = tail.find(stop)
        if 0 < i < end:
            end = i
    stops = end
    for vm in _VERB_RE.finditer(tail, 1):
        if vm.start() >= end:
            break
        if _NAME_GLUE.search(tail[: vm.start()]):
            continue
        if vm.group(0).lower() in {"có", "theo"} and re.match(r"\s*liên quan", tail[vm.end():]):
            continue
        if _capital_compound(tail, vm) or _in_noun(tail, vm):
            continue
        end = vm.start()
        break
    # A verb inside the first agency's own name ("Ban Quản lý dự án đầu tư xây dựng huyện")
    # does not end it: the name runs as far as the owner rules read it, when that name closes
    # on its territory or a capitalised word (n21, n22, n45 dev; "UBND các xã có ..." is no
    # closed name).
    ap = agency_phrase(tail)
    last = ap.split()[-1] if ap and ap.split() else ""
    if ap and (last[:1].isupper() or vocab.fold(last) in {"huyen", "tinh", "xa", "pho"}) and (
            end < len(ap.rstrip()) <= stops):
        end = len(ap.rstrip())
    return split_agencies(tail[:end])


def _co_owner_end(rest: str) -> int:
    """Length of the co-subjects that open `rest` ("Sở A, Sở B theo ..." -> ", Sở B"; "X và
    các tổ chức thành viên ..." -> " và các tổ chức thành viên"), 0 when there are none.

    A joint subject is ONE owner, the whole phrase (issue 11's convention): filtering by
    owner must find "Xã A, xã B hoàn thành ..." under its subject as written, not split into
    an owner and a collaborator who was never asked to "phối hợp"."""
    m = re.match(r"^\s*(?:,|và)\s*", rest)
    if not m:
        return 0
    nxt = rest[m.end():]
    if not is_agency_start(nxt):
        return 0
    phrase = agency_phrase(nxt[:1].upper() + nxt[1:])
    if not phrase:
        return 0
    end = m.end() + len(phrase)
    return end + _co_owner_end(rest[end:])


def joint_subject(s: str, owner: str) -> str:
    """`owner` (which opens `s`) extended over the co-subjects that follow it."""
    extra = _co_owner_end(s[len(owner):])
    return _trim(s[: len(owner) + extra]) if extra else owner


def _subject_of(body: str) -> Attribution | None:
    """Subject of a body after "Topic:", allowing one short lead-in ("Đợt 1/2020, UBND ...")."""
    b = _LEAD_DROP.sub("", body.strip(), count=1)
    owner = agency_phrase(b)
    if not owner:
        comma = b.find(", ")
        if 0 < comma <= 30:
            b = b[comma + 2:]
            owner = agency_phrase(b)
    if owner:
        owner = joint_subject(b, owner)
        return Attribution(owner, collaborators(b[len(owner):]))
    return None


_HEADING_STATE = frozenset({"có", "đăng ký", "công nhận"})


def heading_owner(head: str) -> str | None:
    """Owner a heading gives its items: the agency it opens with, whether the heading is just the
    agency ("(3) Sở Tài chính") or a sentence ("1.1. UBND huyện tổ chức tự đánh giá ...")."""
    h = _LEAD_DROP.sub("", head.strip().strip(" :."), count=1)
    if re.search(r"(?:có|chịu) trách nhiệm\s*$", h):
        h = re.sub(r"\s*(?:có|chịu) trách nhiệm\s*$", "", h)
        return agency_phrase(h, heading=True)
    found = _heading_owner(h)
    return tidy_spacing(found) if found else None


def _heading_owner(h: str) -> str | None:
    whole = agency_phrase(h, heading=True)
    hm = _HEAD_RE.match(h)
    if whole and all(v.group(0) in _HEADING_STATE or _NAME_GLUE.search(h[: v.start()])
                     or _in_common_noun(h, v)
                     for v in _VERB_RE.finditer(h, hm.end() if hm else 0)):
        # No verb, or only a state that qualifies the agency ("Ủy ban nhân dân các xã, phường
        # có hợp tác xã nông nghiệp hoạt động trên địa bàn:"; n101 dev was cut at "có").
        return whole
    return agency_phrase(h)


def _in_common_noun(h: str, v: re.Match[str]) -> bool:
    """The verb is a syllable of a common noun ("dự" of "dự án", "trình" of "công trình"): a
    joint heading "Phòng X và Ban Quản lý dự án đầu tư xây dựng khu vực huyện" is no sentence
    (n77 dev: its owner was cut at "và" on every rendering)."""
    return bool(_NOUN_AFTER_VERB.match(h, v.end()) or _NOUN_BEFORE_VERB.search(h[: v.start()]))


# also a time or topic first ("Đến hết tháng 9/2024, UBND xã X phải hoàn thành ...", "Về công
# tác giải ngân, Phòng X ..."; probe: no owner)
_LEAD_IN = re.compile(r"^(?:Trên cơ sở|Căn cứ|Sau khi|Để|Trong|Theo|Cùng với|Đến|Chậm nhất|"
                      r"Trước|Từ|Khi|Ngay sau|Về|Năm|Quý|Tháng)\b")
# "Các huyện", and an agency of them ("UBND các xã: Tân Lập, Hòa Bình chỉ đạo ...": was cut to
# "UBND các xã"; extract7 probe).
_BARE_PLURAL = re.compile(r"^(?:\S+\s+){0,4}?(?:Các|Những|các|những)\s+\S+$")
_NAME = r"(?:[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*\s*){1,4}"
_NAMES = re.compile(r"^(" + _NAME + r"(?:,\s*" + _NAME + r")*)(?=\s+[a-zà-ỹđ])")
# "... do X chủ trì", and the owner named after the action at the end of the sentence ("...
# trước ngày 15/11/2025 do Phòng Kinh tế thực hiện.": n99 dev had no owner). Mid-sentence "do
# X thực hiện" is a relative clause ("các dự án do doanh nghiệp thực hiện trên địa bàn").
# The verb may have a partner before it and a time after it that closes the sentence: "do X
# phối hợp với Y thực hiện thường xuyên.", "do X thực hiện trong quý III năm 2021." (issue
# 11, n91: no owner); a place or object after it ("thực hiện trên địa bàn") keeps it relative.
_BY_TIME = (r"\s+(?:thường xuyên|liên tục|hằng|hàng|mỗi|định kỳ|trong|trước|chậm nhất|từ|"
            r"xong|hoàn thành)\b[^;]*?")
_BY = re.compile(r"\bdo\s+(.{3,80}?)(?:\s+phối hợp với\s+.{3,80}?)?\s+(?:chủ trì|(?:thực hiện|"
                 r"đảm nhận|phụ trách)(?=(?:" + _BY_TIME + r")?\s*(?:\./\.|[.;]\s*$|$)))")
# "Giao X ..." mid-item, also lower-case opening a clause after ";" or "," ("Rà soát ..., trình
# UBND huyện trước ngày 20/10/2025; giao Phòng Kinh tế thực hiện.": no owner, extract7 probe).
_GIAO_MID = re.compile(r"(?:(?<=\s)Giao|(?<=[;,]\s)giao)\s+(?:cho\s+)?(?=[A-ZĐÀ-Ỹ])")
_PAREN_OWNER = re.compile(r"\(([^()]{3,200})\)")
_TAIL_BRACKET = re.compile(r"\(([^()]{3,200})\)\s*(?:\./\.|[.;])?\s*$")


# "Giao X chủ trì": everything between "Giao" and "chủ trì" is the agency assigned, even a name
# holding a verb ("Giao Chi hội Nông dân nghề nghiệp trồng cà phê Ia Krêl chủ trì, ...": was
# cut at "trồng", n81 dev). Only when the rest is a closed name (it ends on a capitalised word
# or a territory) with no punctuation and no verb that hands work on to someone else.
_LEAD_GIAO = re.compile(r"^(?:Giao cho|Giao|giao)\s+")
_TO_LEAD = re.compile(r"(?P<span>[^,;:.()]{1,80}?)\s+chủ trì\b")
_HANDS_ON = re.compile(r"\b(?:giao|chỉ đạo|yêu cầu|đề nghị|hướng dẫn|phối hợp|với|cho)\b")


def _named_to_lead(s: str, owner: str) -> str:
    """`owner` run on to the "chủ trì" that follows it when the words between close a name."""
    m = _TO_LEAD.match(s, len(owner))
    if not m:
        return owner
    span = m.group("span")
    words = span.split()
    if not words or _HANDS_ON.search(span) or len(words) > 10:
        return owner
    last = words[-1]
    # a place name closes it, even with one syllable OCR read in lower case ("Ia krêl")
    if not (any(w[:1].isupper() for w in words[-2:])
            or vocab.fold(last) in {"huyen", "tinh", "xa", "phuong"}):
        return owner
    if not any(w[:1].isupper() for w in words):
        return owner
    return _trim(s[: m.start("span") + len(span)])


def attribute(text: str) -> Attribution:
    """Owner and collaborators a sentence names itself; None when it names no agency. Their
    spacing is tidied last (tidy_spacing): the rules below slice `text` by the owner's length."""
    a = _attribute(text)
    return Attribution(separate_run_on(tidy_spacing(a.owner)) if a.owner else None,
                       tuple(tidy_spacing(c) for c in a.collaborators))


_FOR_AGENCY = re.compile(r"^Đối với\s+(?P<a>[^:]{3,80}):\s*(?P<b>\S.*)$", re.DOTALL)
# "Chủ tịch UBND huyện giao Phòng X ...", "UBND huyện đề nghị UBND các xã ...": the speaker
# hands the work on; the agency after the verb does it (probe: the speaker was the owner).
_HANDS_TO = re.compile(r"\s+(?:giao(?:\s+cho)?|đề nghị|yêu cầu)\s+(?=[A-ZĐÀ-Ỹ])")


def _attribute(text: str) -> Attribution:
    fa = _FOR_AGENCY.match(text.strip())
    if fa and not _subject_of(fa.group("b")):
        # "Đối với xã Tân An: tập trung hoàn thiện ..." (probe: no owner): the agency the
        # work is for does it when the body names no doer of its own
        a = fa.group("a").strip()
        named = agency_phrase(a[:1].upper() + a[1:], heading=True)
        if named and len(named) == len(a.rstrip(" .,")):
            return Attribution(a[: len(named)], collaborators(fa.group("b")))
    a = _attribute_plain(text)
    if a.owner:
        at = text.find(a.owner)
        hm = _HANDS_TO.match(text, at + len(a.owner)) if at >= 0 else None
        if hm:
            rest = text[hm.end():]
            to = agency_phrase(rest)
            if to and _VERB_RE.match(rest[len(to):].lstrip()):
                to = joint_subject(rest, to)
                return Attribution(to, collaborators(rest[len(to):]))
    return a


def _attribute_plain(text: str) -> Attribution:
    giao = _LEAD_GIAO.match(text.strip()) is not None
    s = _LEAD_DROP.sub("", text.strip(), count=1)
    s = _LEAD_DROP.sub("", s, count=1)
    colon = s.find(":")
    if 0 < colon <= 160 and s[colon + 1:].strip():
        head, body = s[:colon], s[colon + 1:].strip()
        # "Topic: Doer verb ..." names the doer in the body; "Doer: verb ..." in the head.
        found = _subject_of(body)
        if found:
            return found
        owner = agency_phrase(head, heading=True)
        if owner:
            names = _NAMES.match(body)
            if names and _BARE_PLURAL.match(head.strip()):
                # "Các huyện: Kỳ Anh, Hương Khê khẩn trương ..." names its members.
                owner = f"{head.strip()}: {names.group(1).strip(' ,')}"
                whole = agency_phrase(s)  # names with lower-case words ("Kinh tế và Hạ tầng")
                if whole and len(whole) > len(owner):
                    owner = whole
            return Attribution(owner, collaborators(s[len(head):]))
    owner = agency_phrase(s)
    if owner:
        if giao:
            owner = _named_to_lead(s, owner)
        owner = joint_subject(s, owner)
        return Attribution(owner, collaborators(s[len(owner):]))
    if _LEAD_IN.match(s):
        # "Trên cơ sở ..., UBND các huyện ... khẩn trương ...": the main clause's subject.
        for cm in re.finditer(r",\s+", s):
            seg = s[cm.end():]
            # "Trong thời gian chờ, đề nghị UBND xã X bố trí ...": the request after the
            # lead-in names the doer (n105 dev: the owner fell back to the addressee's name)
            asked = _LEAD_DROP.match(seg)
            if asked and asked.group(0).strip() and seg[:1].islower():
                seg = seg[asked.end():]
            owner = agency_phrase(seg)
            if owner and _VERB_RE.match(seg[len(owner):].lstrip()):
                return Attribution(owner, collaborators(seg[len(owner):]))
    for seg in re.split(r";\s*", s)[1:]:
        owner = agency_phrase(seg)
        if owner and re.match(r"\s*chủ trì", seg[len(owner):]):
            return Attribution(owner, collaborators(seg[len(owner):]))
    dm = _BY.search(s)
    if dm:
        owner = agency_phrase(dm.group(1))
        if owner:
            return Attribution(owner, collaborators(s[dm.end(1):]))
    gm = _GIAO_MID.search(s)
    if gm:
        # "3. Tổ chức đánh giá ... Giao Hội đồng X thực hiện ...": a heading joined to its
        # body; the capitalised "Giao" opens the assignment.
        owner = agency_phrase(s[gm.end():])
        if owner:
            return Attribution(owner, collaborators(s[gm.end() + len(owner):]))
    for m in _PAREN_OWNER.finditer(text):
        inner = _LEAD_DROP.sub("", m.group(1).strip())
        cand = agency_phrase(inner)
        if cand and _VERB_RE.search(inner[len(cand):len(cand) + 40]):
            return Attribution(cand, collaborators(inner[len(cand):]))
        if cand and _LEAD_GIAO.match(m.group(1).strip()) and not inner[len(cand):].strip(" .,;"):
            # "(giao Văn phòng Điều phối huyện)" after the action: the bracket only names
            # the doer (extract7 probe: no owner)
            return Attribution(cand, ())
    for sm in re.finditer(r"\.\s+(?=[A-ZĐÀ-Ỹ])", s):
        # "Thống nhất tổ chức hội nghị vào tháng 12/2025. Văn phòng X chuẩn bị nội dung.": a
        # later sentence of the item names the doer (extract7 probe: no owner)
        seg = s[sm.end():]
        owner = agency_phrase(seg)
        if owner and _VERB_RE.match(seg[len(owner):].lstrip()):
            owner = joint_subject(seg, owner)
            return Attribution(owner, collaborators(seg[len(owner):]))
    tm = _TAIL_BRACKET.search(text)
    # only after the item's time limit: "báo cáo về cơ quan thường trực (Sở X)." explains a noun
    if tm and re.search(r"(?:\d|\b[IVX]+)\s*$", text[: tm.start()]):
        # "..., hoàn thành trước ngày 15/12/2025 (Phòng Văn hóa - Xã hội)." / "(Ban Quản lý
        # dự án, Phòng Kinh tế)": a closing bracket of agencies only names the doers
        # (extract7 probe: no owner).
        inner = tm.group(1).strip()
        cand = agency_phrase(inner)
        if cand and joint_subject(inner, cand) == inner.strip(" .,;"):
            return Attribution(joint_subject(inner, cand), ())
    return Attribution(None, ())


# Two agency names in a row with no separator ("Phòng Nông nghiệp và PTNT Văn phòng Điều phối
# NTM huyện"): a name closes on an acronym or a territory word, and a new one opens with a head
# and a capitalised name word. OCR loses the comma of a joint chủ trì cell (n62 dev scans: the
# owner was read as one agency). Only heads that open an agency of their own count, so "Văn
# phòng UBND tỉnh", "... thuộc Sở X" and "Phòng giao dịch" stay whole.
_RUN_ON = re.compile(
    r"(?<=[\wÀ-ỹ])(?P<gap>\s+)(?=(?:Văn phòng|Phòng|Sở|Trung tâm|Chi cục|Ban Quản lý|Ban Chỉ đạo|"
    r"Hội|Công an|Ngân hàng|Kho bạc)\s+[A-ZĐÀ-Ỹ]|(?:UBND|Ủy ban nhân dân)\s+(?:huyện|tỉnh|xã|"
    r"phường|thị trấn|thành phố|các)\b)"
)
_NAME_CLOSE = re.compile(r"(?:\b[A-ZĐ]{2,}|\b(?:huyện|tỉnh|xã|phường|thị trấn))$")


def separate_run_on(cell: str) -> str:
    """`cell` with ", " between two agency names OCR or typing ran together."""
    out, last = [], 0
    for m in _RUN_ON.finditer(cell):
        before = cell[: m.start()]
        if not _NAME_CLOSE.search(before) or not is_agency_start(before.lstrip(" ;,")):
            continue
        out.append(cell[last: m.start()] + ",")
        last = m.end("gap") - 1
    out.append(cell[last:])
    return "".join(out)
