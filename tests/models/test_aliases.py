"""Aliases learned across documents: acronyms, dropped qualifiers, OCR variants, and the
guards that keep different agencies apart."""

from __future__ import annotations

from vanban.models import canon
from vanban.models.aliases import expands, learn


def _learn(named: dict[str, int]) -> dict[str, tuple[str, str]]:
    """{as-written name: tasks} -> {owner_key: (head, why)}."""
    counts: dict[str, int] = {}
    variants: dict[str, list[str]] = {}
    for name, n in named.items():
        key = canon.owner_key(name)
        assert key is not None
        counts[key] = counts.get(key, 0) + n
        variants.setdefault(key, []).append(name)
    return {m.key: (m.head, m.why) for m in learn(counts, variants)}


def test_an_acronym_joins_its_spelled_out_name() -> None:
    got = _learn({"Phòng KTHT": 2, "Phòng Kinh tế hạ tầng": 5, "Sở Tài chính": 4})
    assert got == {"phong ktht": ("phong kinh te ha tang", got["phong ktht"][1])}
    assert "acronym" in got["phong ktht"][1]


def test_an_acronym_skips_the_connective_and_an_ambiguous_one_merges_nowhere() -> None:
    full = ["so", "nong", "nghiep", "va", "phat", "trien", "nong", "thon"]
    assert expands(["so", "nnptnt"], full, {"nnptnt"})
    got = _learn({"Phòng KH": 1, "Phòng Kế hoạch": 3, "Phòng Khoa học": 3})
    assert got == {}  # KH could be either


def test_an_acronym_of_two_spellings_of_one_agency_is_not_ambiguous() -> None:
    got = _learn({"Phòng KT-HT": 1, "Phòng Kinh tế - Hạ tầng": 6, "Phòng Kinh tế và Hạ tầng": 9,
                  "Phòng Văn hóa - Thông tin": 1, "Phòng Văn hóa và Thông tin": 9})
    assert got["phong kt ht"][0] == "phong kinh te va ha tang"
    assert got["phong kinh te ha tang"][0] == "phong kinh te va ha tang"


def test_the_same_words_in_another_order_are_one_agency() -> None:
    got = _learn({"Phòng Tài chính - Kế hoạch": 5, "Phòng Kế hoạch - Tài chính": 2,
                  "Sở Y tế": 3, "Y tế Sở": 1})
    assert got == {"phong ke hoach tai chinh": ("phong tai chinh ke hoach",
                                                "the same words in another order")}
    # ("Y tế Sở": the body's word moved, not this rule)


def test_lower_case_words_are_not_acronyms() -> None:
    assert _learn({"Phòng kh": 1, "Phòng Kế hoạch": 3}) == {}


def test_a_qualifier_seen_inside_several_names_is_dropped() -> None:
    got = _learn({"Ban Quản lý dự án khu vực huyện": 3, "Ban Quản lý dự án huyện": 1,
                  "Trung tâm khu vực tỉnh": 1, "Trung tâm tỉnh": 2})
    # One agency each, headed by its more frequent key.
    assert got["ban quan ly du an huyen"][0] == "ban quan ly du an khu vuc huyen"
    assert got["trung tam khu vuc tinh"][0] == "trung tam tinh"
    assert "qualifier 'khu vuc'" in got["trung tam khu vuc tinh"][1]


def test_a_qualifier_seen_in_one_name_only_or_at_the_end_is_kept() -> None:
    # One name with and without a run of words: could be a different body.
    assert _learn({"Phòng Kinh tế hạ tầng huyện": 2, "Phòng Kinh tế huyện": 3}) == {}
    # The last word names the level ("tỉnh" vs none): never learned as a qualifier.
    assert _learn({"Sở Y tế tỉnh": 2, "Sở Y tế": 3, "Sở Tư pháp tỉnh": 1,
                   "Sở Tư pháp": 2}) == {}


def test_an_ocr_slip_joins_the_frequent_spelling() -> None:
    got = _learn({"Phòng Tài nguyên và Môi trường": 9, "Phòng Tài nguyện và Mỏi trưòng": 1,
                  "Phòng Tai nguyen va Moi truorng": 1})
    assert got["phong tai nguyen va moi truorng"][0] == "phong tai nguyen va moi truong"
    assert "edit distance 1, 1 vs 10" in got["phong tai nguyen va moi truorng"][1]


def test_close_keys_that_are_names_in_their_own_right_stay_apart() -> None:
    # Counts not lopsided.
    assert _learn({"Trường Mầm non Hoa Sen": 3, "Trường Mầm non Hoa Sơn": 3}) == {}
    # The odd word is a well-formed syllable (another place) or a word of other names.
    assert _learn({"Ủy ban nhân dân xã Tân An": 1, "Ủy ban nhân dân xã Tân Ân": 1,
                   "Ủy ban nhân dân xã Tân Hà": 6, "Hội Nông dân xã Tân Hà": 1,
                   "Ủy ban nhân dân xã Tân Hòa": 1}) == {}
    assert _learn({"Phòng Tài chính huyện": 8, "Phòng Tài chính xã": 1,
                   "Ban Dân vận xã": 1}) == {}
    # Digits never differ.
    assert _learn({"Tổ công tác số 1 huyện": 1, "Tổ công tác số 2 huyện": 9}) == {}


def test_agency_rows_carry_the_group_and_the_reason() -> None:
    rows = canon.agency_rows(
        [("phong ktht", "Phòng KTHT", "d1", "k1", True),
         ("phong kinh te ha tang", "Phòng Kinh tế hạ tầng", "d2", "k2", True),
         ("phong kinh te ha tang", "Phòng Kinh tế hạ tầng", "d3", "k3", True)],
        {"phong ktht": ("phong kinh te ha tang", "acronym")})
    by_key = {r["owner_key"]: r for r in rows}
    assert by_key["phong ktht"]["agency_key"] == "phong kinh te ha tang"
    assert by_key["phong ktht"]["agency_name"] == "Phòng Kinh tế hạ tầng"
    assert by_key["phong ktht"]["merged_because"] == "acronym"
    assert by_key["phong ktht"]["name"] == "Phòng KTHT"
    assert by_key["phong kinh te ha tang"]["merged_because"] is None
