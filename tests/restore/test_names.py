"""Names in good text keep their spelling: real-word correction (issue 14) does not overrule
a person's name with a likelier syllable, while a lower-case real-word error beside it is
still mended."""

from __future__ import annotations

import pytest

from vanban.restore import api, names
from vanban.restore.model import default_model
from vanban.restore.names import name_starts, spelt_like_a_name, title_case
from vanban.restore.tokens import tokenize

# Invented signature blocks in the shape of the documents' (the first name is the one the blind
# run of 2026-12-06 changed to "Hương").
SIGNED = [
    "Hoàng Thị Thu Hường",
    "Nguyễn Văn Sang",
    "Trần Thị Chiêu",
    "Lê Tố Hường",
    "Phạm Thị Thu Sang",
]


def _block(name: str) -> str:
    return (
        "Buổi chiêu: Đ/c Chủ tịch làm việc tại trụ sở UBND xã.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"
        f"KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n{name}\n"
    )


@pytest.mark.parametrize("name", SIGNED)
def test_a_name_in_a_signature_block_stays_as_written(name: str) -> None:
    out = api.restore_text(_block(name), mode="correct").text
    assert out.endswith(f"\n{name}\n")
    assert out.startswith("Buổi chiều:")  # the lower-case real-word error is still mended


def test_a_name_inside_a_sentence_stays_and_the_words_around_it_are_mended() -> None:
    text = "Buổi sang: Tố công tác họp với bà Hoàng Thị Thu Hường tại xã."
    out = api.restore_text(text, mode="correct").text
    assert out == "Buổi sáng: Tổ công tác họp với bà Hoàng Thị Thu Hường tại xã."


def test_without_the_guard_the_name_would_change() -> None:
    """The candidates of a name's syllable hold no rival; the same syllable alone meets them
    (so the signature test above tests the guard, not a model that happens to agree)."""
    dec = api.decoder_for(default_model())
    assert [c.text for c in dec.candidates("Hường", "correct", name=True)] == ["hường"]
    assert "hương" in [c.text for c in dec.candidates("Hường", "correct")]


@pytest.mark.parametrize("name", ["Siu Thị Bướch", "Ksor Thị Hơ Nướch"])
def test_a_minority_language_name_is_no_ocr_slip(name: str) -> None:
    """ "Bướch" lies outside the Vietnamese inventory; without the guard the `vie` channel
    read it as the slip of "Bích" (decode.NAME_SLIPS)."""
    text = f"KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n{name}\n"
    assert api.restore_text(text, mode="correct").text == text


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Hoàng Thị Thu Hường", ["Hoàng", "Thị", "Thu", "Hường"]),
        ("họp với Đ/c Nguyễn Văn Tố và bà Lê Sang.", ["Nguyễn", "Văn", "Tố", "Lê", "Sang"]),
        ("Trưởng ban: Phạm Thị Sang, Phó ban", ["Phạm", "Thị", "Sang"]),
        ("Buổi chiêu: Tố công tác", []),  # Title case beside lower case is no name
        ("huyện Chỉ Lăng và Ban Chí đạo", []),  # places, bodies: the LM's gazetteer knows them
        ("THÀNH LẬP BAN CHÍ ĐẠO", []),  # upper-case headings stay real-word checked
        ("ông Hoàng\nThu họp", ["Hoàng"]),  # a line break parts two words; "ông" cues one
        ("Hường, Sang", []),  # so does punctuation
    ],
)
def test_name_starts(text: str, names: list[str]) -> None:
    toks = tokenize(text)
    got = name_starts(text, toks)
    assert [t.text for t in toks if t.start in got] == names


def test_title_case() -> None:
    assert title_case("Hường") and not title_case("Đ")
    assert not title_case("HƯỜNG") and not title_case("hường") and not title_case("A")


def test_debris_in_a_name_is_still_read_as_an_ocr_slip() -> None:
    """Names outside the inventory are spelt with Vietnamese letters and one tone mark; OCR
    debris is not, and stays open to the slip reading ("Nguyiìn Văn" -> "Nguyễn Văn")."""
    for word in ["Nướch", "Bướch", "Hlơch", "Mơng"]:
        assert spelt_like_a_name(word), word
    for word in ["Nguyiìn", "Phíiim", "Tuyfïin", "Bufñi", "Hưòng"]:
        assert not spelt_like_a_name(word), word
    out = api.restore_text("PHÓ CHỦ TỊCH\n\nNguyiìn Văn Hùng\n", mode="correct").text
    assert "Nguyễn Văn Hùng" in out


# Place rules (data/lexicon/places.txt). The villages are invented; the rhyme "ơng" is one only
# minority-language place names have ("Pơng" in the gazetteer), so "Rơng" is no OCR slip.
@pytest.mark.parametrize(
    "text",
    [
        "Đoàn kiểm tra làm việc tại làng Chư Rơng, xã Ia Pết.\n",
        "LỊCH LÀM VIỆC TẠI BUÔN CHƯ RƠNG\n",
        "Kiểm tra mô hình ở thôn Đắk Rơng.\n",
    ],
)
def test_a_minority_language_place_is_no_ocr_slip(text: str) -> None:
    assert api.restore_text(text, mode="correct").text == text


def test_ocr_slips_in_capitalised_runs_are_still_read() -> None:
    # "Địc" has no gazetteer-only rhyme: still the slip of "Đức" (a fix of the in-sample pairs)
    assert "Đức Linh" in api.restore_text("Về xã Địc Linh.", mode="correct").text
    rhymes = names.foreign_rhymes()
    assert "ơng" in rhymes and "ắk" in rhymes
    assert not {"ông", "ưới", "ic", "ịc"} & rhymes  # "Krông": the onset is foreign, not "ông"


def _marked(text: str) -> list[str]:
    toks = tokenize(text)
    starts = name_starts(text, toks)
    return [t.text for t in toks if t.start in starts]


def test_a_known_place_spelt_so_is_marked_and_a_misspelt_one_is_not() -> None:
    assert _marked("Đoàn công tác về huyện Trảng Bom.") == ["Trảng", "Bom"]
    assert _marked("HUYỆN TRẢNG BOM") == ["TRẢNG", "BOM"]
    assert _marked("Đoàn công tác về huyện Chỉ Lăng.") == []  # "Chi Lăng": left to the LM
    assert _marked("Ban Chỉ đạo huyện") == []


def test_place_rules_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "PLACES", False)
    assert _marked("Đoàn công tác về huyện Trảng Bom.") == []


def test_a_run_opening_with_a_family_name_is_a_person() -> None:
    # no middle name, no cue, not alone on its line: the family name says it
    assert _marked("Đề nghị đồng ý, Hoàng Thu Hường trình bày.") == ["Hoàng", "Thu", "Hường"]
    assert _marked("Về Sở Nông nghiệp.") == []  # no family name first


def test_an_upper_case_signer_is_a_person_and_a_heading_is_not() -> None:
    assert _marked("KT. CHỦ TỊCH\n\nHOÀNG THỊ THU HƯỜNG\n") == ["HOÀNG", "THỊ", "THU", "HƯỜNG"]
    assert _marked("LÊ VĂN SANG\n") == ["LÊ", "VĂN", "SANG"]
    assert _marked("BAN CHÍ ĐẠO XÃ\n") == []
    assert _marked("CHÁNH VĂN PHÒNG\n") == []  # "VĂN" but no family name first


@pytest.mark.parametrize("mode", ["correct", "noaccent", "garbled"])
def test_gazetteer_syllables_outside_the_inventory_restore_in_every_mode(mode: str) -> None:
    """A model trained with the gazetteers' foreign syllables (train.FOREIGN_PLACES) holds
    "krông" among its syllables; good text keeps it, and no mode fails on it (a decoder that
    took it for an impossible syllable once left a position without candidates)."""
    text = "Đoàn công tác làm việc tại huyện Krông Pắc và xã Ea Kly, tỉnh Đắk Lắk.\n"
    out = api.restore_text(text, mode=mode).text  # type: ignore[arg-type]
    assert out.count("\n") == 1
    if mode == "correct":
        assert out == text


def test_an_accent_less_place_after_its_unit_word_takes_the_gazetteer_spelling() -> None:
    text = "Đoan cong tac lam viec tai xa Chi Lang, huyen Trang Bom, tinh Dak Lak."
    out = api.restore_text(text, mode="noaccent").text
    assert "xã Chi Lăng" in out and "huyện Trảng Bom" in out and "Đắk Lắk" in out
    toks = tokenize(text)
    got = names.place_spellings(text, toks)
    assert sorted(got.values()) == sorted(["chi", "lăng", "trảng", "bom", "đắk", "lắk"])
    # without the unit word before it, a run is no place
    assert names.place_spellings("Ong Chi Lang den", tokenize("Ong Chi Lang den")) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Hoàng Thị Thu Hường",
        "HOÀNG THỊ THU HƯỜNG ký Hoàng Thị, BAN CHỈ ĐẠO Xã Chi Lăng\nÔng Văn A B",
        "tại UBND Xã NAM Định: Nguyễn Văn\tTố và BÀ LÊ Sang ở x Y ZZ Ab Cd",
        "ông Hoàng\nThu họp; HỌP.\n\nHoàng Thu - LÊ LAN",
        "",
    ],
)
def test_cased_runs_equal_the_one_kind_at_a_time_reference(text: str) -> None:
    toks = tokenize(text)
    title, upper = names.cased_runs(text, toks)
    assert title == names._runs(text, toks)
    assert upper == names._runs(text, toks, names.upper_case)


def test_place_pairs_support_the_readings_a_known_place_holds() -> None:
    support = names.place_pair_support([["chi", "chí"], ["lăng", "làng"]])
    assert support == [[True, False], [True, False]]  # "Chi Lăng", a district
    assert names.place_pair_support([["xyz"]]) == [[False]]


def test_a_known_place_pair_lifts_its_reading_in_an_accent_less_title_case_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "cac ho dan thon Nong Ha tham gia"
    monkeypatch.setattr(names, "PLACE_PAIR_BONUS", 50.0)  # evidence beyond any LM preference
    assert "Nông Hạ" in api.restore_text(text, default_model(), mode="noaccent").text
    monkeypatch.setattr(names, "PLACE_PAIR_BONUS", 0.0)
    got = api.restore_text(text, default_model(), mode="noaccent").text
    assert "thôn" in got  # off: the run is the LM's alone (whatever it reads)


def test_one_given_name_after_its_cue_stays_as_written() -> None:
    # A schedule's leaders cell: "Đ/c" and one given name, no run of two Title-case words.
    # Unguarded, real-word correction made "Đ/c Toản" "Đ/c Toàn" (blind run 2026-12-06e).
    for cell in ("Đ/c Toản", "Đ/c Toản, đ/c Hiếu", "Ông Hường"):
        assert api.restore_text(cell, mode="correct").text == cell
    toks = tokenize("Đ/c Toản, đ/c Hiếu")
    assert {t.text for t in toks if t.start in name_starts("Đ/c Toản, đ/c Hiếu", toks)} == {
        "Toản", "Hiếu"}


def _slots(text: str, which: str) -> list[str]:
    toks = tokenize(text)
    runs = names.cased_runs(text, toks)
    slots = {"family": names.family_slots, "given": names.given_slots, "middle": names.middle_slots}
    return [toks[k].text for k in slots[which](toks, runs)]


def test_family_and_given_slots_of_accentless_persons() -> None:
    text = "D/c Dinh Quang Khai chu tri; ba Nguyen Thi Thu Ha; D/c Thao, d/c Hung Phong Noi vu"
    # "Hung Phong Noi" (a given name, then an office) passes for a name too: a known limit,
    # harmless where no reading of its first word is a family name
    assert _slots(text, "family") == ["Dinh", "Nguyen", "Hung"]
    assert _slots(text, "given") == ["Khai", "Ha", "Noi", "Thao"]
    assert _slots(text, "middle") == ["Quang", "Thi", "Thu", "Phong"]
    # a place run holds no cue ("Ba Ria" is a run), and two words after a cue are left alone
    assert _slots("tinh Ba Ria Vung Tau; D/c Thang Phong", "family") == []
    assert _slots("tinh Ba Ria Vung Tau; D/c Thang Phong", "given") == []


def test_family_name_evidence_reads_a_family_name(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Ngay 5/8 D/c Cam Ba Thuong chu tri hop"
    monkeypatch.setattr(names, "FAMILY_BONUS", 50.0)  # evidence beyond any LM preference
    got = api.restore_text(text, default_model(), mode="noaccent")
    first = next(t for t in got.tokens if t.original == "Cam")
    assert first.chosen.lower() in names.all_family_names()
    monkeypatch.setattr(names, "FAMILY_BONUS", 0.0)
    monkeypatch.setattr(names, "GIVEN_BONUS", 0.0)
    assert api.restore_text(text, default_model(), mode="correct").text == text  # correct: off


def test_given_name_evidence_reads_a_given_name(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Chieu: kiem tra tien do\tD/c Thao\tVan phong"
    monkeypatch.setattr(names, "GIVEN_BONUS", 50.0)
    got = api.restore_text(text, default_model(), mode="noaccent")
    assert next(t for t in got.tokens if t.original == "Thao").chosen.lower() in names.given_names()


def test_restore_document_pools_the_evidence_of_its_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from vanban.restore import cache

    pages = ["Thon Nong Ha xa Chi Lang hop dan ve xay dung nong thon moi.\n",
             "Nhan dan thon Nong Ha dong gop ngay cong lam duong.\n",
             "Ủy ban nhân dân xã Chi Lăng giao thôn Nông Hạ chủ trì.\n"]
    modes: list[api.Mode | None] = ["noaccent", "noaccent", None]
    model = default_model()
    alone = [api.restore_text(t, model, mode=m) for t, m in zip(pages, modes, strict=True)]
    assert api.restore_document(pages[:1], modes[:1]) == alone[:1]
    assert api.restore_document(pages[2:], [None]) == alone[2:]  # correct text: as alone
    seen: list[int] = []
    real = cache.confident_counts

    def counting(segments, paths, posts):  # type: ignore[no-untyped-def]
        seen.append(len(segments))
        return real(segments, paths, posts)

    monkeypatch.setattr(cache, "confident_counts", counting)
    together = api.restore_document(pages, modes)
    assert seen == [2]  # one count over both accent-less pages' lines (one segment each)
    assert together[2] == alone[2]
    assert [r.original for r in together] == pages


def _place_slots(text: str) -> list[tuple[str, int]]:
    toks = tokenize(text)
    slots = names.place_slots(text, toks, names.cased_runs(text, toks))
    return [(toks[k].text, p) for k, p in slots]


def test_place_slots_follow_a_unit_word_on_the_same_line_only() -> None:
    # invented lines in the documents' shape
    assert _place_slots("UBND xa Luong Son Ha va xa Tan Khanh") == [
        ("Luong", 0), ("Son", 1), ("Ha", 2), ("Tan", 0), ("Khanh", 1)]
    # a unit word inside the run opens the place; upper-case headings too
    assert _place_slots("UBND HUYEN LE SON") == [("LE", 0), ("SON", 1)]
    # a unit word closing a table cell, "co quan" (no "quận"), a person after a cue: no place
    assert _place_slots("Tiep cong dan huyen\tThu Tu Sang") == []
    assert _place_slots("lam viec tai co quan Thu Nam") == []
    assert _place_slots("D/c Nguyen Van Thanh chu tri") == []
    # the place of a date line
    assert _place_slots("Doc lap\nGo Cong Thuong, ngay 28 thang 3") == [
        ("Go", 0), ("Cong", 1), ("Thuong", 2)]
    assert _place_slots("Doc lap\nhop Go Cong Thuong, ngay 28 thang 3") == []


def test_every_place_of_a_list_after_a_plural_unit_word_is_a_place() -> None:
    # invented lines: a list after "cac xa" (or a number), comma or "va" between the names
    assert _place_slots("UBND cac xa Na Cu, Dong Lac va Kim Binh Ha") == [
        ("Na", 0), ("Cu", 1), ("Dong", 0), ("Lac", 1), ("Kim", 0), ("Binh", 1), ("Ha", 2)]
    assert _place_slots("tai 03 xa Xuan Lam, Tho Hoa") == [
        ("Xuan", 0), ("Lam", 1), ("Tho", 0), ("Hoa", 1)]
    # one "xa": what follows the comma is the next body, not a commune
    assert _place_slots("UBND xa Huu Lan, Phong Tai nguyen") == [("Huu", 0), ("Lan", 1)]
    # a list breaks at anything but a comma or "va", and at the line's end
    assert _place_slots("cac xa Na Cu; Dong Lac") == [("Na", 0), ("Cu", 1)]
    assert _place_slots("cac xa Na Cu,\nDong Lac") == [("Na", 0), ("Cu", 1)]
    names_off = names.PLACE_SLOT_LISTS
    try:
        names.PLACE_SLOT_LISTS = False
        assert _place_slots("cac xa Na Cu, Dong Lac") == [("Na", 0), ("Cu", 1)]
    finally:
        names.PLACE_SLOT_LISTS = names_off


def test_place_slot_odds_count_the_gazetteer_at_that_position() -> None:
    # "Hạ" closes more three-syllable place names than "Hà" does
    bonus = names.place_slot_bonus(2, ["hà", "hạ"])
    assert bonus is not None and bonus[1] > bonus[0]
    assert names.place_slot_bonus(0, ["xyzq"]) is None  # a skeleton the gazetteer lacks


def test_a_place_suffix_after_its_unit_word_reads_with_the_gazetteer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "UBND xa Luong Son Ha to chuc hop dan"
    monkeypatch.setattr(names, "PLACE_SLOT_WEIGHT", 20.0)  # evidence beyond any LM preference
    assert "Lương Sơn Hạ" in api.restore_text(text, default_model(), mode="noaccent").text
    good = "UBND xã Lương Sơn Hà tổ chức họp dân"  # good text: the evidence is off
    assert api.restore_text(good, default_model(), mode="correct").text == good
