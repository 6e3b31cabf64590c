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
