"""Aliases learned across documents: distinct task owners before and after, and every merge
listed with its evidence so false merges can be found by reading them.

    python -m tools.bench.aliases [--out OUT] [--splits dev,train]

Without --out it runs vanban over the text documents of the chosen splits (dev by default;
never test) into a temporary folder. With --out it reads a finished run; rows of documents
whose source file is not in the chosen splits (e.g. test documents) are dropped unread.
Counts: distinct as-written owners (the anchor, what an analyst grouping by `owner` gets),
distinct `owner_norm`, distinct `owner_key` (one phrase at a time: canon), distinct agencies
after learning across documents (vanban.models.aliases).
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from tools.evaluate import splits
from vanban.models import aliases
from vanban.pipeline import RunOptions, run
from vanban.store import read_table


def _inputs(wanted: set[str]) -> list[Path]:
    table = splits.load()
    return [p for p in splits.all_files()
            if p.suffix == ".txt" and splits.split_of(p, table) in wanted
            and "/corpus/" not in p.as_posix() and not p.name.startswith("README")
            and ".lines." not in p.name and "/bench/" not in p.as_posix()]


def _allowed_docs(out: Path, wanted: set[str]) -> set[str]:
    table = splits.load()
    docs = read_table(out, "documents", columns=["doc_id", "source_path"]).to_pylist()
    keep = set()
    for d in docs:
        try:
            if splits.split_of(d["source_path"], table) in wanted:
                keep.add(d["doc_id"])
        except (KeyError, ValueError):
            continue  # outside the repository or unlisted: not scored
    return keep


def measure(out: Path, wanted: set[str]) -> None:
    keep = _allowed_docs(out, wanted)
    tasks = [t for t in read_table(out, "tasks", columns=["doc_id", "owner", "owner_norm",
                                                          "owner_key"]).to_pylist()
             if t["doc_id"] in keep and t["owner_key"]]
    counts = Counter(t["owner_key"] for t in tasks)
    variants: dict[str, set[str]] = defaultdict(set)
    for t in tasks:
        variants[t["owner_key"]].add(t["owner_norm"])
    merges = aliases.learn(counts, {k: sorted(v) for k, v in variants.items()})
    head = {m.key: m.head for m in merges}
    agencies = {head.get(k, k) for k in counts}
    print(f"documents {len(keep)}, tasks with an owner {len(tasks)}")
    print("| grouping | distinct owners |\n| --- | --- |")
    print(f"| as written (owner) | {len({t['owner'] for t in tasks})} |")
    print(f"| owner_norm | {len({t['owner_norm'] for t in tasks})} |")
    print(f"| owner_key (one phrase at a time) | {len(counts)} |")
    print(f"| agency_key (learned across documents) | {len(agencies)} |")
    print(f"\n{len(merges)} merges (alias -> agency: why; the alias's variants):")
    for m in merges:
        print(f"- {m.key} ({counts[m.key]}) -> {m.head} ({counts[m.head]}): {m.why}; "
              f"{sorted(variants[m.key])}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--splits", default="dev")
    args = ap.parse_args()
    wanted = set(args.splits.split(","))
    if "test" in wanted:
        raise SystemExit("test documents are scored only by the blind test, never here")
    if args.out is not None:
        measure(args.out, wanted)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        run(_inputs(wanted), RunOptions(out=out, jobs=1, executor="inprocess"))
        measure(out, wanted)


if __name__ == "__main__":
    main()
