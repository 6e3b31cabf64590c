"""document_key: renderings of one document share it, different documents do not."""

from __future__ import annotations

import re

from vanban.models import dedup
from vanban.models.canon import fold_accents

from helpers import seed


def _rendering(text: str) -> str:
    """What another rendering looks like: markup gone, other line breaks, OCR accent slips."""
    text = re.sub(r"[*#|\t]", " ", text)
    words = text.split()
    return "\n".join(" ".join(fold_accents(w) if i % 17 == 0 else w
                              for i, w in enumerate(words[j:j + 9]))
                     for j in range(0, len(words), 9))


def _reading(doc_id: str, text: str, score: float = 100.0, number: str | None = None,
             date: str | None = None) -> dedup.Reading:
    return dedup.Reading(doc_id, dedup.fingerprint(text), number, date, None, score)


def test_two_renderings_of_one_seed_share_a_key_different_documents_do_not() -> None:
    a = seed("000").read_text(encoding="utf-8")
    b = seed("001").read_text(encoding="utf-8")  # another month's schedule: similar wording
    c = seed("002").read_text(encoding="utf-8")
    assert dedup.distance(dedup.fingerprint(a), dedup.fingerprint(_rendering(a))) <= 6
    links = dedup.link([_reading("a1", a), _reading("a2", _rendering(a), 90.0),
                        _reading("b", b), _reading("c", c)])
    assert links["a1"][0] == links["a2"][0]
    assert len({links[d][0] for d in ("a1", "b", "c")}) == 3
    assert links["a1"][1] and not links["a2"][1]  # the better reading is the best
    assert links["b"][1] and links["c"][1]


def test_contradicting_metadata_keeps_documents_apart() -> None:
    a = seed("000").read_text(encoding="utf-8")
    links = dedup.link([_reading("x", a, number="10/CTCT", date="2019-12-02"),
                        _reading("y", a, number="11/CTCT", date="2019-12-02")])
    assert links["x"][0] != links["y"][0]


def test_key_comes_from_metadata_so_another_rendering_keeps_it() -> None:
    a = seed("002").read_text(encoding="utf-8")
    r1 = dedup.Reading("b1", dedup.fingerprint(a), "10/TB-VPĐP", "2020-03-03", "VPĐP", 100.0)
    r2 = dedup.Reading("a0", dedup.fingerprint(_rendering(a)), None, None, None, 80.0)
    alone = dedup.link([r1])["b1"][0]
    assert dedup.link([r1, r2])["a0"][0] == alone


def test_reading_score_prefers_text_layer_then_confidence() -> None:
    assert dedup.reading_score(["text_layer"], [None], "complete") == 100.0
    assert dedup.reading_score(["ocr", "ocr"], [90.0, 80.0], "complete") == 85.0
    assert dedup.reading_score(["ocr"], [90.0], "partial") == 40.0


def test_fingerprint_read_in_parts_is_the_fingerprint_of_the_joined_text() -> None:
    """Compaction fingerprints a long document page by page (bounded memory), same value."""
    from vanban.models import dedup
    pages = ["Kế hoạch xây dựng nông thôn mới", "", "năm 2024 của xã", "Đ/c", "Hà Tĩnh, ngày 5"]
    for k in range(len(pages) + 1):
        parts = pages[:k]
        assert dedup.fingerprint_parts(parts) == dedup.fingerprint("\n".join(parts))
    assert dedup.fingerprint_parts(["Kế hoạch"]) != dedup.fingerprint_parts([""])
