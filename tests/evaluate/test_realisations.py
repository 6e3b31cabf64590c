"""bench-scans' damage seeds depend on the condition, document and realisation only, and a row
over realisations names its mean and its worst with the worst's seed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tools.evaluate.realisations import (
    SEED_RANGE,
    Figure,
    seeds_for,
    stable_seed,
    summary,
)


def test_seed_is_stable_across_processes() -> None:
    # Python's hash() of a str changes per process (PYTHONHASHSEED); the seed must not
    code = ("from tools.evaluate.realisations import stable_seed;"
            "print(stable_seed('photocopy', 'h1', 2))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": str(k), "PYTHONPATH": ":".join(
                               p for p in sys.path if p)}).stdout.strip() for k in (1, 2)}
    assert runs == {str(stable_seed("photocopy", "h1", 2))}


def test_seed_depends_on_condition_document_and_realisation() -> None:
    base = stable_seed("photocopy", "h1", 1)
    assert 0 <= base < SEED_RANGE
    others = {stable_seed("photocopy+skew", "h1", 1), stable_seed("photocopy", "t1", 1),
              stable_seed("photocopy", "h1", 2)}
    assert base not in others and len(others) == 3


def test_seeds_for_counts_and_explicit_override() -> None:
    assert seeds_for("fax", "t1", 3) == [stable_seed("fax", "t1", k) for k in (1, 2, 3)]
    assert seeds_for("fax", "t1", 3, explicit=[2]) == [2]
    with pytest.raises(ValueError):
        seeds_for("fax", "t1", 0)


def test_summary_mean_and_worst_with_seed() -> None:
    got = summary([Figure(4, 0.0310, 0.959, None), Figure(2, 0.0785, 0.90, None),
                   Figure(1, 0.0318, 0.97, None)])
    assert got["seeds"] == "4,2,1"
    assert got["cer_mean"] == "4.71%"
    assert got["cer_worst"] == "7.85%@2"
    assert got["schedule_f1_mean"] == "0.943"
    assert got["schedule_f1_worst"] == "0.900@2"
    assert got["directive_f1_mean"] == got["directive_f1_worst"] == "-"
