"""Document-level evidence (restore/cache.py): a reading settled elsewhere in the same text."""

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
