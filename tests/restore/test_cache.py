"""Document-level evidence (restore/cache.py): a reading settled elsewhere in the same text."""

import pytest

from vanban.restore import api, cache
from vanban.restore.decode import Cand, Posterior


def _pos(*texts: str) -> tuple[Cand, ...]:
    return tuple(Cand(t, i, -1.0) for i, t in enumerate(texts))


def _posts(seg: list[tuple[Cand, ...]], confs: list[float]) -> list[Posterior]:
    """The chosen (first) candidate at `conf`, the rest sharing what is left."""
    return [
        (p, [(c[0].text, p), *((x.text, (1 - p) / (len(c) - 1)) for x in c[1:])])
        for c, p in zip(seg, confs, strict=True)
    ]


def test_a_pair_read_with_confidence_elsewhere_lifts_the_same_pair_here() -> None:
    settled = [_pos("khê", "khe"), _pos("hạ", "hà")]
    open_ = [_pos("khê", "khe"), _pos("hà", "hạ")]
    posts = [_posts(settled, [0.99, 0.99]), _posts(open_, [0.99, 0.3])]
    counts = cache.confident_counts([settled, open_], [[0, 0], [0, 0]], posts)
    assert counts["khê hạ"] == 1 and counts["khê hà"] == 0  # 0.3 is no evidence
    again = cache.adapt(open_, [0, 0], posts[1], counts, 3.0)
    assert again is not None
    ha, hạ = again[1]
    assert hạ.channel - ha.channel == 3.0 / 2  # the share 1 of 1 (+1), times the weight
    assert again[0] == open_[0]  # "khê" is surer than any bonus could overturn: untouched


def test_no_second_decode_where_the_bonus_cannot_overturn_a_choice() -> None:
    settled = [_pos("khê", "khe"), _pos("hạ", "hà")]
    counts = cache.confident_counts([settled], [[0, 0]], [_posts(settled, [0.99, 0.99])])
    # its own reading is no evidence for itself
    assert cache.adapt(settled, [0, 0], _posts(settled, [0.9, 0.6]), counts, 3.0) is None
    # local odds 0.3 : 0.7 are less than the bonus: decode again; 0.02 : 0.98 are more: not
    open_ = [_pos("khê", "khe"), _pos("hà", "hạ")]
    assert cache.adapt(open_, [0, 0], _posts(open_, [0.99, 0.7]), counts, 3.0) is not None
    assert cache.adapt(open_, [0, 0], _posts(open_, [0.99, 0.94]), counts, 0.5) is None
    other = [_pos("an", "ăn")]
    assert cache.adapt(other, [0], _posts(other, [0.2]), counts, 3.0) is None


def test_good_text_is_never_adapted() -> None:
    text = "Buổi sáng, đồng chí Phó Chủ tịch làm việc tại xã An Khê Hạ."
    assert api.restore_text(text, mode="correct").text == text
    assert cache.CACHE_WEIGHT > 0  # on by default for accent-less and garbled text


def _lat(*readings: str) -> tuple[Cand, ...]:
    return tuple(Cand(t, 0, 0.0) for t in readings)


def test_vote_reads_every_occurrence_of_a_run_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    # "Chiem Son" five times: thrice read "chiêm sơn" with confidence, twice "chiếm sơn"
    # unsure; the confident reading wins everywhere, and only where it is a candidate.
    monkeypatch.setattr(cache, "VOTE_SHARE", 0.6)
    lat = [_lat("chiêm", "chiếm"), _lat("sơn", "son")]
    lattices = [lat, lat, lat, lat, [_lat("chiếm"), _lat("sơn")]]
    sure = [(0.95, [("chiêm", 0.95), ("chiếm", 0.05)]), (0.99, [("sơn", 0.99)])]
    unsure = [(0.55, [("chiếm", 0.55), ("chiêm", 0.45)]), (0.99, [("sơn", 0.99)])]
    decoded = [([0, 0], list(sure)) for _ in range(3)]
    decoded += [([1, 0], list(unsure)), ([0, 0], [(0.1, [("chiếm", 0.1)]), sure[1]])]
    runs = [(("chiem", "son"), [(k, 0), (k, 1)]) for k in range(5)]
    cache.vote(runs, lattices, decoded)
    assert [d[0] for d in decoded] == [[0, 0]] * 5
    assert decoded[3][1][0][0] == 0.45  # its confidence is the winner's posterior there
    assert lattices[4][0][decoded[4][0][0]].text == "chiếm"  # no "chiêm" to take


def test_vote_leaves_an_even_split_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "VOTE_SHARE", 0.6)
    lat = [_lat("đông", "đồng")]
    lattices = [lat, lat]
    decoded = [([0], [(0.5, [("đông", 0.5), ("đồng", 0.5)])]),
               ([1], [(0.5, [("đồng", 0.5), ("đông", 0.5)])])]
    cache.vote([(("dong",), [(0, 0)]), (("dong",), [(1, 0)])], lattices, decoded)
    assert [d[0] for d in decoded] == [[0], [1]]
