import math

from vanban.restore.lm import train

SEGS = [
    ["xây", "dựng", "nông", "thôn", "mới"],
    ["nông", "thôn", "mới", "nâng", "cao"],
    ["xây", "dựng", "hồ", "sơ"],
    ["báo", "cáo", "kết", "quả"],
]


def test_distribution_sums_to_one_in_seen_and_unseen_contexts() -> None:
    lm = train(SEGS)
    for a, b in (("xây", "dựng"), ("nông", "thôn"), ("kết", "báo"), ("<s>", "<s>")):
        total = sum(math.exp(lm.logp(lm.id(a), lm.id(b), c)) for c in range(lm.size))
        assert abs(total - 1.0) < 1e-3, (a, b, total)


def test_seen_continuation_beats_unseen() -> None:
    lm = train(SEGS)
    ids = lm.id
    assert lm.logp(ids("nông"), ids("thôn"), ids("mới")) > lm.logp(
        ids("nông"), ids("thôn"), ids("sơ")
    )


def test_round_trip_through_arrays() -> None:
    lm = train(SEGS)
    from vanban.restore.lm import TrigramLM

    back = TrigramLM.from_arrays(lm.vocab, lm.to_arrays())
    a, b, c = lm.id("xây"), lm.id("dựng"), lm.id("hồ")
    assert abs(back.logp(a, b, c) - lm.logp(a, b, c)) < 1e-5


BACKGROUND = [["báo", "cáo", "tình", "hình"], ["tình", "hình", "kinh", "tế"], ["xây", "nhà"]]


def test_mixture_with_a_background_text_is_a_distribution() -> None:
    lm = train(SEGS, background=BACKGROUND, weight=0.8)
    assert "kinh" in lm.ids  # the background's words join the vocabulary
    for a, b in (("xây", "dựng"), ("báo", "cáo"), ("tình", "hình"), ("kết", "báo"), ("<s>", "<s>")):
        total = sum(math.exp(lm.logp(lm.id(a), lm.id(b), c)) for c in range(lm.size))
        assert abs(total - 1.0) < 1e-3, (a, b, total)
    # Our own text keeps the larger say: "xây dựng" stays likelier than the background's
    # "xây nhà".
    s, x = lm.id("<s>"), lm.id("xây")
    assert lm.logp(s, x, lm.id("dựng")) > lm.logp(s, x, lm.id("nhà"))


def test_modified_discounts_grow_with_the_count() -> None:
    from vanban.restore.lm import _discounts

    counts = [1] * 50 + [2] * 20 + [3] * 10 + [4] * 6 + [7] * 5
    d1, d2, d3 = _discounts(counts)
    assert 0 < d1 < d2 < d3 < 3
    assert _discounts([1, 1, 2]) == (0.9, 0.9, 0.9)  # too few counts: the single discount
