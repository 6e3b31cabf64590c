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
