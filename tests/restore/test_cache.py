"""Document-level evidence (restore/cache.py): a reading settled elsewhere in the same text."""

from vanban.restore import api, cache
from vanban.restore.decode import Cand


def _pos(*texts: str) -> tuple[Cand, ...]:
    return tuple(Cand(t, i, -1.0) for i, t in enumerate(texts))


def test_a_pair_read_with_confidence_elsewhere_lifts_the_same_pair_here() -> None:
    settled = [_pos("khê", "khe"), _pos("hạ", "hà")]
    open_ = [_pos("khê", "khe"), _pos("hà", "hạ")]
    counts = cache.confident_counts([settled, open_], [[0, 0], [0, 0]], [[0.99, 0.99], [0.99, 0.3]])
    assert counts["khê hạ"] == 1 and counts["khê hà"] == 0  # 0.3 is no evidence
    again = cache.adapt(open_, [0, 0], [0.99, 0.3], counts, 3.0)
    assert again is not None
    ha, hạ = again[1]
    assert hạ.channel - ha.channel == 3.0 / 2  # the share 1 of 1 (+1), times the weight
    assert again[0] == open_[0]  # "khê" was chosen and is what the evidence says


def test_own_reading_is_no_evidence_and_nothing_to_change_means_no_second_pass() -> None:
    seg = [_pos("khê", "khe"), _pos("hạ", "hà")]
    counts = cache.confident_counts([seg], [[0, 0]], [[0.99, 0.99]])
    assert cache.adapt(seg, [0, 0], [0.99, 0.99], counts, 3.0) is None
    other = [_pos("an", "ăn")]
    assert cache.adapt(other, [0], [0.2], counts, 3.0) is None


def test_good_text_is_never_adapted() -> None:
    text = "Buổi sáng, đồng chí Phó Chủ tịch làm việc tại xã An Khê Hạ."
    assert api.restore_text(text, mode="correct").text == text
    assert cache.CACHE_WEIGHT > 0  # on by default for accent-less and garbled text
