"""Seeds and summaries for benchmarks over random damage (bench-scans).

A degraded page is one random realisation of its condition. A figure seeded by a document's
position in `--docs` changed when the list changed (photocopy h1: 3.10% at seed 4, 7.85% at
seed 2, same code), so a benchmark row could not be reproduced or compared across runs. Here a
realisation's seed depends only on the condition, the document and the realisation's number,
through a stable hash (Python's hash() of a str changes per process), and a row over several
realisations reports the mean and the worst, naming the seed of the worst.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

# Seeds stay small: the generators derive per-page seeds as seed * 100 + page (+ offset).
SEED_RANGE = 1_000_000


def stable_seed(condition: str, doc: str, realisation: int = 1) -> int:
    """The seed of one realisation of `condition` on `doc`: the same on every machine and run,
    whatever else is benchmarked with it."""
    digest = hashlib.sha256(f"{condition}\x1f{doc}\x1f{realisation}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % SEED_RANGE


def seeds_for(condition: str, doc: str, count: int,
              explicit: Sequence[int] | None = None) -> list[int]:
    """The seeds to run: `explicit` ones when given (to reproduce a realisation by its seed),
    else `count` stable seeds."""
    if explicit:
        return list(explicit)
    if count < 1:
        raise ValueError("at least one realisation")
    return [stable_seed(condition, doc, k) for k in range(1, count + 1)]


@dataclass(frozen=True)
class Figure:
    """One realisation's figures: CER (lower is better) and F1s (higher; None: not scored)."""

    seed: int
    cer: float
    schedule_f1: float | None = None
    directive_f1: float | None = None


def _f1_text(values: list[float]) -> tuple[str, str]:
    if not values:
        return "-", "-"
    return f"{sum(values) / len(values):.3f}", f"{min(values):.3f}"


def summary(figures: Sequence[Figure]) -> dict[str, str]:
    """Mean and worst of CER and F1s over realisations, each worst with the seed it came from
    (the first such seed on a tie), e.g. {"cer_mean": "3.52%", "cer_worst": "7.85%@2"}."""
    if not figures:
        raise ValueError("no realisation to summarise")
    worst = max(figures, key=lambda f: f.cer)
    out = {"seeds": ",".join(str(f.seed) for f in figures),
           "cer_mean": f"{sum(f.cer for f in figures) / len(figures):.2%}",
           "cer_worst": f"{worst.cer:.2%}@{worst.seed}"}
    for name in ("schedule_f1", "directive_f1"):
        scored = [f for f in figures if getattr(f, name) is not None]
        mean, low = _f1_text([getattr(f, name) for f in scored])
        if scored:
            low_fig = min(scored, key=lambda f: getattr(f, name))
            low = f"{low}@{low_fig.seed}"
        out[f"{name}_mean"], out[f"{name}_worst"] = mean, low
    return out
