"""Garbled tokens beyond the skeleton search's reach (Decoder.reach, decode.learn_rewrites)."""

import pytest

from vanban.restore import decode
from vanban.restore.decode import Decoder
from vanban.restore.model import default_model


@pytest.mark.parametrize(
    ("obs", "gold"), [("huyliIn", "huyện"), ("Phillic", "phước"), ("hilflu", "hiệu")]
)
def test_far_garbles_get_their_syllable_as_a_candidate(obs: str, gold: str) -> None:
    dec = Decoder(default_model(), compiled=False)
    assert gold in {c.text for c in dec.candidates(obs, "garbled")}


def test_reach_off_leaves_far_garbles_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "REACH_BELOW", None)
    dec = Decoder(default_model(), compiled=False)
    assert [c.text for c in dec.candidates("Phillic", "garbled")] == ["phillic"]


def test_rewrites_are_learned_multi_letter_edits() -> None:
    model = default_model()
    rules = decode.learn_rewrites(model.channel, decode.REWRITE_MIN)
    assert ("il", "uo") in {(a, b) for a, b, _ in rules}  # ươ read "il" ("philing")
    assert all(a for a, _, _ in rules)  # every rewrite reads some letters
    assert rules == sorted(rules, key=lambda r: (r[2], r[0], r[1]))  # cheapest (commonest) first


def test_reach_finds_skeletons_only() -> None:
    dec = Decoder(default_model(), compiled=False)
    got = dec.reach("phillic", dec.m.channel)
    assert got and all(k in dec.m.by_skel for k in got)
    assert "phuoc" in got


def test_a_bracket_between_letters_is_a_misread_mark_in_garbled_text() -> None:
    from vanban.restore.api import restore_text
    from vanban.restore.decode import garbled_word

    assert garbled_word("t]ch") and garbled_word("t(Jch") and garbled_word("s[n")
    assert garbled_word("huyi/n")  # a slash before the last letter too (decode.SLASH_MARKS)
    assert not garbled_word("D/c") and not garbled_word("(abc)") and not garbled_word("QD-TTg")
    assert restore_text("Chu t]ch UBND xa Tan Phu", mode="garbled").text.startswith("Chủ tịch")
    # good text keeps such a token as written (a code)
    assert "t]ch" in restore_text("Chủ t]ch Ủy ban nhân dân xã", mode="correct").text


def test_heading_words_rewrites_reach_are_no_codes() -> None:
    from vanban.restore.abbrev import abbreviation
    from vanban.restore.api import restore_text

    model = default_model()
    for word in ("QUYIUT", "TRIUING", "NHIIJM"):  # QUYẾT, TRƯỞNG, NHIỆM: three edits away
        assert abbreviation(model, word, "garbled") is None  # the decoder reads it
        assert abbreviation(model, word, "noaccent") == word  # elsewhere: kept as written
    assert abbreviation(model, "XYZQ", "garbled") == "XYZQ"  # nothing reaches it: a code
    assert restore_text("QUYIUT DINH", mode="garbled").text == "QUYẾT ĐỊNH"


def test_reach_is_for_english_ocr_only() -> None:
    # an impossible marked syllable of good text goes through the vie channel: no far search
    dec = Decoder(default_model(), compiled=False)
    far = dec._garbled("phillíc", "phillic", dec.m.channel_vie or dec.m.channel)
    assert "phước" not in {c.text for c in far}
