"""Canonical agency keys and leader spellings (vanban.models.canon)."""

from __future__ import annotations

from vanban.models import canon


def test_owner_key_folds_case_spacing_punctuation_and_abbreviations() -> None:
    same = ["UBND tỉnh", "Ủy ban nhân dân Tỉnh", "Uỷ  ban nhân dân tỉnh.", "ủy ban nhân dân tỉnh,"]
    assert len({canon.owner_key(s) for s in same}) == 1
    assert canon.owner_key("Sở NN&PTNT") == canon.owner_key(
        "Sở Nông nghiệp và Phát triển nông thôn")
    assert canon.owner_key("VPĐP tỉnh") == canon.owner_key("Văn phòng Điều phối tỉnh")


def test_programme_qualifier_does_not_split_one_office() -> None:
    keys = {canon.owner_key(s) for s in (
        "Văn phòng Điều phối nông thôn mới tỉnh", "Văn phòng Điều phối tỉnh",
        "VPĐP NTM tỉnh", "Văn phòng Điều phối Chương trình nông thôn mới tỉnh")}
    assert len(keys) == 1


def test_accent_slips_share_a_key_but_different_bodies_do_not() -> None:
    assert canon.owner_key("Sở Tải chính") == canon.owner_key("Sở Tài chính")
    assert canon.owner_key("Sở Tài chính") != canon.owner_key("Sở Xây dựng")
    assert canon.owner_key("UBND huyện") != canon.owner_key("UBND tỉnh")
    assert canon.owner_key(None) is None and canon.owner_key(" , ") is None


def test_abbreviation_inside_a_word_is_not_expanded() -> None:
    assert "uy ban" not in (canon.owner_key("Phòng UBNDX") or "")


def test_owner_norm_keeps_the_writers_words() -> None:
    assert canon.owner_norm("uỷ ban  nhân dân tỉnh,") == "Ủy ban nhân dân tỉnh"
    assert canon.owner_norm("UBND tỉnh") == "UBND tỉnh"
    assert canon.owner_norm(None) is None


def test_leaders_normalised() -> None:
    assert canon.leader_norm("đ/c Long") == "Đ/c Long"
    assert canon.leader_norm("Đ/C  Long") == "Đ/c Long"
    assert canon.leader_norm("đồng chí Long") == "Đ/c Long"
    assert canon.leader_norm("Chủ tịch UBND tỉnh") == "Chủ tịch UBND tỉnh"
    assert canon.leaders_norm(["đ/c Long", "Đ/c Long", "đ/c Anh"]) == ["Đ/c Long", "Đ/c Anh"]


def test_agency_rows_prefer_the_common_spelling_and_count_documents_once() -> None:
    k = canon.owner_key("Sở Tài chính")
    rows = canon.agency_rows([
        (k, "Sở Tài chính", "a", "D1", True),
        (k, "Sở Tài chính", "b", "D1", False),  # another rendering of the same document
        (k, "Sở Tải chính", "c", "D2", True),
        (None, None, "c", "D2", True),
    ])
    assert rows == [{"owner_key": k, "name": "Sở Tài chính",
                     "variants": ["Sở Tài chính", "Sở Tải chính"],
                     "n_tasks": 3, "n_documents": 2, "n_tasks_best": 2,
                     "agency_key": k, "agency_name": "Sở Tài chính", "merged_because": None}]


def test_lexicon_entries_are_well_formed_and_sourced() -> None:
    text = (canon.LEXICON_DIR / "agency_aliases.tsv").read_text(encoding="utf-8")
    assert "Sources:" in text
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            short, full = line.split("\t")
            assert short.strip() and full.strip() and short != full
