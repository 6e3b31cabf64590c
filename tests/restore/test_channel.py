import pytest

from vanban.restore import channel
from vanban.restore.channel import train

PAIRS = (
    [("mới", "méi")] * 5
    + [("mới", "mdi")] * 3
    + [("mới", "mới")] * 2
    + [("dựng", "dwng")] * 4
    + [("người", "nguoi")] * 3
    + [("mai", "mai")] * 6
)


def test_learned_confusions_outrank_unrelated_syllables() -> None:
    ch = train(PAIRS)
    assert ch.logp("mới", "méi") > ch.logp("mai", "méi")
    assert ch.logp("dựng", "dwng") > ch.logp("dụng", "dwng")


def test_character_model_generalises_to_unseen_tokens() -> None:
    ch = train(PAIRS)
    # "ư" -> "w" was seen inside "dựng"; "lưng" -> "lwng" was never seen as a token
    assert ch.logp("lưng", "lwng") > ch.logp("lâng", "lwng")


def test_reverse_index_lists_sources() -> None:
    ch = train(PAIRS)
    assert ch.reverse["méi"] == ["mới"]


def test_slipped_alignments_are_no_whole_token_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    # "thị" paired with its neighbour's reading "thanh": a line alignment slip, seen once. So
    # few pairs make a lenient character model (the slip is a tenth of them): a threshold to
    # match (the real channel, trained on 130k pairs, gives this slip -21.5)
    monkeypatch.setattr(channel, "SLIP_EDIT", -6.0)
    pairs = [*PAIRS, ("thị", "thanh"), ("thị", "thi"), ("thị", "thi")]
    ch = train(pairs, slips=True)
    assert "thanh" not in ch.tok["thị"] and ch.tok_total["thị"] == 2
    assert "thanh" not in ch.reverse
    assert ch.tok["mới"]["mdi"] == 3  # real garbles stay
    kept = train(pairs)  # slips=False: every pair counts, as before
    assert kept.tok["thị"]["thanh"] == 1 and kept.reverse["thanh"] == ["thị"]
    assert ch.logp("thị", "thanh") < kept.logp("thị", "thanh")
    # the character model is counted from every pair either way
    assert ch.sub == kept.sub and ch.ins == kept.ins
