"""Every document the project holds has exactly one split; seed 003 is never trained on."""

from __future__ import annotations

from tools.evaluate import splits


def test_every_document_listed_once() -> None:
    table = splits.load()
    unlisted = []
    for p in splits.all_files():
        rel = p.relative_to(splits.ROOT).as_posix()
        if len(splits.matches(rel, table)) != 1:
            unlisted.append(rel)
    assert not unlisted, f"add these to data/splits.toml (one glob each): {unlisted[:20]}"


def test_test_documents_not_in_training() -> None:
    table = splits.load()
    assert splits.split_of("data/samples/seeds/003_c50f75d93c9637d6.txt", table) == "test"
    assert splits.documents("test", table)
