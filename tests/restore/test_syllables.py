from vanban.restore.syllables import (
    apply_case,
    canonical,
    full_inventory,
    is_valid,
    place_tone,
    skeleton,
    strip_tone,
)


def test_both_tone_styles_share_one_key() -> None:
    assert canonical("hoà") == canonical("hòa") == "hòa"
    assert canonical("thuỷ") == "thủy"
    assert canonical("Quyết") == "quyết"


def test_valid_and_invalid_syllables() -> None:
    for word in ("người", "quốc", "giữa", "nghiêng", "khuỷu", "đánh", "gì", "Huyện"):
        assert is_valid(word), word
    for word in ("méi", "dwng", "huyén", "cia", "ntm", "ác" + "h" * 3):
        assert not is_valid(word), word


def test_qu_before_uy_rhymes() -> None:
    # the u of qu- is the rhyme's own u: "Quỳnh" (a common name, "Quỳnh Lưu") and "quýt"
    # are words; before this, restoring good text read "Quỳnh" as an OCR slip
    for word in ("Quỳnh", "quýt", "quỵch", "quyền", "quân"):
        assert is_valid(word), word
    assert not is_valid("quuynh") and not is_valid("quyyên")


def test_stop_endings_take_only_sac_or_nang() -> None:
    inv = full_inventory()
    assert "các" in inv and "cạc" in inv
    assert "càc" not in inv and "cảc" not in inv


def test_tone_placement_and_stripping_round_trip() -> None:
    for word in ("mới", "hướng", "quả", "giấy", "nghĩa", "thuở", "khỏe"):
        letters, tone = strip_tone(word)
        assert place_tone(letters, tone) == word


def test_skeleton_folds_d_bar() -> None:
    assert skeleton("Đường") == "Duong"


def test_apply_case() -> None:
    assert apply_case("KE", "kế") == "KẾ"
    assert apply_case("Huyen", "huyện") == "Huyện"
    assert apply_case("nam", "năm") == "năm"
