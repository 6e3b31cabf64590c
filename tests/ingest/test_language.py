from vanban.ingest.language import fold, looks_vietnamese

from helpers import ENGLISH, seed


def test_fold() -> None:
    assert fold("Đường") == "duong"
    assert fold("NÔNG THÔN MỚI") == "nong thon moi"


def test_seeds_including_garbled_003_are_vietnamese() -> None:
    for prefix in ("000", "002", "003", "004"):
        ok, why = looks_vietnamese(seed(prefix).read_text(encoding="utf-8"))
        assert ok, (prefix, why)


def test_english_is_not() -> None:
    ok, why = looks_vietnamese(ENGLISH * 2)
    assert not ok
    assert "shaped like Vietnamese" in why


def test_too_short_is_not_judged() -> None:
    assert looks_vietnamese("The end")[0]
