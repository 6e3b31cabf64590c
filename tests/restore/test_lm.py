import math

import pytest

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


FOUR = [*SEGS, ["xây", "dựng", "nông", "thôn", "mới"], ["báo", "cáo", "kết", "quả"]]


def test_four_gram_is_a_distribution_and_backs_off_to_the_trigram() -> None:
    tri, four = train(FOUR), train(FOUR, order=4, cutoff=1)
    assert tri.order == 3 and four.order == 4 and four.quad
    ids = four.id
    for ctx in (("xây", "dựng", "nông"), ("<s>", "xây", "dựng"), ("kết", "báo", "cáo")):
        a, b, c = (ids(w) for w in ctx)
        total = sum(math.exp(four.logp4(a, b, c, d)) for d in range(four.size))
        assert abs(total - 1.0) < 1e-3, (ctx, total)
    # the first word's context <s> <s> <s> was never seen: exactly the trigram
    s = ids("<s>")
    assert four.logp4(s, s, s, ids("xây")) == four.logp(s, s, ids("xây"))
    assert tri.logp4(ids("kết"), s, s, ids("xây")) == tri.logp(s, s, ids("xây"))
    # the 4-gram context tells "xây dựng nông | thôn" apart from "dựng nông" alone
    a, b, c = ids("xây"), ids("dựng"), ids("nông")
    assert four.logp4(a, b, c, ids("thôn")) > four.logp4(a, b, c, ids("sơ"))


def test_four_gram_cutoff_prunes_and_survives_the_round_trip() -> None:
    from vanban.restore.lm import TrigramLM

    full, pruned = train(FOUR, order=4, cutoff=1), train(FOUR, order=4, cutoff=2)
    assert 0 < len(pruned.quad) < len(full.quad)
    ids = pruned.id
    a, b, c = ids("xây"), ids("dựng"), ids("nông")
    total = sum(math.exp(pruned.logp4(a, b, c, d)) for d in range(pruned.size))
    assert abs(total - 1.0) < 1e-3
    back = TrigramLM.from_arrays(pruned.vocab, pruned.to_arrays())
    assert back.order == 4
    assert abs(back.logp4(a, b, c, ids("thôn")) - pruned.logp4(a, b, c, ids("thôn"))) < 1e-5


def test_four_gram_viterbi_finds_the_best_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reference Viterbi with a 4-gram model (state: three words back) against every path."""
    import itertools
    from types import SimpleNamespace

    from vanban.restore import decode
    from vanban.restore.decode import Cand, Decoder

    four = train(FOUR, order=4, cutoff=1)
    monkeypatch.setattr(decode, "BEAM", 1e9)
    monkeypatch.setattr(decode, "MAX_STATES", 10_000)
    dec = Decoder.__new__(Decoder)
    dec.m = SimpleNamespace(lm=four)  # type: ignore[assignment]
    words = [("xây", "báo"), ("dựng", "cáo", "nhà"), ("nông", "hồ"), ("thôn", "sơ"), ("mới", "cao")]
    chan = [0.0, -0.3, -0.6]
    lat = [tuple(Cand(w, four.id(w), chan[i]) for i, w in enumerate(ws)) for ws in words]
    s, e = four.id("<s>"), four.id("</s>")

    def score(path: tuple[int, ...]) -> float:
        ids = [s, s, s, *(lat[k][j].lm_id for k, j in enumerate(path)), e]
        lm = sum(four.logp4(*ids[i - 3 : i + 1]) for i in range(3, len(ids)))
        return lm + sum(lat[k][j].channel for k, j in enumerate(path))

    best = max(itertools.product(*(range(len(p)) for p in lat)), key=score)
    assert tuple(dec._viterbi_py(lat)) == best == (0, 0, 0, 0, 0)


WORDS = [["kết", "luận"], ["hồ", "sơ"], ["nâng", "cao"], ["kết", "quả"], ["cao", "báo"]]


def test_fill_up_adds_only_pairs_our_text_lacks_and_stays_a_distribution() -> None:
    plain = train(SEGS, extra_vocab=["luận"])
    filled = train(SEGS, extra_vocab=["luận"], fill=[(WORDS, 0.3)])
    assert filled.vocab == plain.vocab  # a fill text's syllables never join by themselves
    ids = filled.id
    for a, b in (("xây", "dựng"), ("báo", "cáo"), ("kết", "quả"), ("nâng", "cao"), ("<s>", "<s>")):
        total = sum(math.exp(filled.logp(ids(a), ids(b), c)) for c in range(filled.size))
        assert abs(total - 1.0) < 1e-3, (a, b, total)
    # a pair only the word list holds is likelier than with the unigram alone
    k = ids("kết")
    s = ids("<s>")
    assert filled.logp(s, k, ids("luận")) > plain.logp(s, k, ids("luận")) + 0.5
    # our own pairs keep their probabilities: "kết quả" was ours, "nâng cao" too
    n = ids("nâng")
    assert filled.bi[n * filled.size + ids("cao")] == plain.bi[n * plain.size + ids("cao")]
    # a segment edge of the word list is no sentence edge: no pair with </s> comes from it
    assert all(b % filled.size != ids("</s>") for b in set(filled.bi) - set(plain.bi))


def test_filled_pairs_are_marked_and_survive_the_round_trip() -> None:
    from vanban.restore.lm import TrigramLM

    plain = train(SEGS, extra_vocab=["luận"])
    filled = train(SEGS, extra_vocab=["luận"], fill=[(WORDS, 0.3)])
    assert not plain.filled
    # the fill's pairs are in `bi` (probability) and in `filled` (no evidence of our text)
    assert filled.filled == set(filled.bi) - set(plain.bi)
    assert filled.id("kết") * filled.size + filled.id("luận") in filled.filled
    back = TrigramLM.from_arrays(filled.vocab, filled.to_arrays())
    assert back.filled == filled.filled
