"""Guards the line alignment of the hand-read restoration of seed 003.

bench-restore compares restorer output with this gold line by line, so the gold must keep the
seed's line structure exactly; a dropped or merged line would shift every later comparison.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "data" / "samples" / "seeds" / "003_c50f75d93c9637d6.txt"
GOLD = ROOT / "tests" / "golden" / "restore" / "003_c50f75d93c9637d6.gold.txt"


def test_gold_is_nfc_and_line_aligned_with_the_seed() -> None:
    seed = SEED.read_text(encoding="utf-8").split("\n")
    gold_text = GOLD.read_text(encoding="utf-8")
    gold = gold_text.split("\n")
    assert unicodedata.is_normalized("NFC", gold_text)
    assert len(gold) == len(seed)
    for n, (s, g) in enumerate(zip(seed, gold, strict=True), 1):
        assert (s.strip() == "") == (g.strip() == ""), f"line {n}: blank in one file only"


def test_gold_keeps_the_seeds_numbers_and_word_count() -> None:
    """Restoration fixes letters only: no invented numbers, no merged or split words."""
    seed = SEED.read_text(encoding="utf-8").split("\n")
    gold = GOLD.read_text(encoding="utf-8").split("\n")
    for n, (s, g) in enumerate(zip(seed, gold, strict=True), 1):
        assert abs(len(s.split()) - len(g.split())) <= 1, f"line {n}"
        seed_numbers = re.findall(r"\d+", s)
        for number in re.findall(r"\d+", g):
            assert number in seed_numbers, f"line {n}: {number} is not a number of the seed line"
