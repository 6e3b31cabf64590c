"""Where each lexicon entry comes from, checked against the evaluation split.

A lexicon entry copied from a document the model is later scored on leaks that document's
answers into the score. So every entry of data/lexicon/*.txt carries its source in a second,
TAB-separated column ("written": set down by hand from general knowledge of Vietnamese
administration; "seed 000 train": taken from that sample document; "package NAME VERSION":
generated from that installed package's data), and `attestation` finds
every project document that holds the entry, by split. tests/evaluate/test_lexicon.py fails on
an entry that only test documents hold (whatever its label says: we cannot show it was not read
there) and on a "seed NNN" label that names a document outside `train` or without the entry.

Run `python -m tools.evaluate.lexicon` to print each entry's attestation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tools.evaluate import splits

LEXICON_DIR = splits.ROOT / "data" / "lexicon"
TEXT_SUFFIXES = (".txt", ".tsv", ".md", ".json")


# "package NAME VERSION": generated from an installed package's data by a tools/train script
# (data/lexicon/places.txt); tests/evaluate/test_lexicon.py regenerates it to prove it.
PACKAGE_SOURCE = re.compile(r"package [\w.-]+ [\w.]+")


@dataclass(frozen=True)
class Entry:
    text: str
    source: str  # "written" or "seed NNN train[, seed MMM train]"
    line: int


def read_lexicon(path: Path) -> list[Entry]:
    """Entries with their source column (empty when missing: the test reports it)."""
    out = []
    for i, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        text, _, source = raw.partition("\t")
        out.append(Entry(text.strip(), source.strip(), i))
    return out


@cache
def _documents() -> tuple[tuple[str, str, frozenset[str]], ...]:
    """(repository-relative path, split, tokens) of every text document outside data/lexicon.

    Tokens are words and slashed pairs ("Đ/c"); a code such as "12/BC-UBND" yields its parts.
    """
    table = splits.load()
    docs = []
    for p in splits.all_files():
        rel = p.relative_to(splits.ROOT).as_posix()
        if p.suffix not in TEXT_SUFFIXES or rel.startswith("data/lexicon/"):
            continue
        split = splits.split_of(rel, table)
        if split == "meta":
            continue  # READMEs describe documents; they are no source
        text = p.read_text("utf-8", errors="replace")
        tokens = frozenset(re.findall(r"\w+", text)) | frozenset(re.findall(r"\w+/\w+", text))
        docs.append((rel, split, tokens))
    return tuple(docs)


def attestation(entry: str) -> dict[str, list[str]]:
    """Split -> documents holding `entry` as a whole token (not inside a longer word)."""
    hits: dict[str, list[str]] = {}
    for rel, split, tokens in _documents():
        if entry in tokens:
            hits.setdefault(split, []).append(rel)
    return hits


def seed_label_ok(entry: Entry) -> bool:
    """A "seed NNN train" source names train seed documents that hold the entry."""
    seeds = re.findall(r"seed (\d{3}) (\w+)", entry.source)
    if not seeds:
        return entry.source == "written" or PACKAGE_SOURCE.fullmatch(entry.source) is not None
    table = splits.load()
    for prefix, split in seeds:
        docs = sorted((splits.ROOT / "data" / "samples" / "seeds").glob(f"{prefix}_*.txt"))
        if not docs or split != "train" or splits.split_of(docs[0], table) != "train":
            return False
        if prefix + "_" not in " ".join(attestation(entry.text).get("train", [])):
            return False
    return True


def main() -> int:
    for path in sorted(LEXICON_DIR.glob("*.txt")):
        for e in read_lexicon(path):
            hits = attestation(e.text)
            counts = ", ".join(f"{k} {len(v)}" for k, v in sorted(hits.items())) or "nowhere"
            print(f"{path.name}:{e.line}\t{e.text}\t{e.source or '?'}\t{counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
