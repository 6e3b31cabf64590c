"""The restore model a benchmark may score a document with, and the label that says so.

The shipped model learned the text of every training seed; scoring a rendering of one of them
with it measures memory, not restoring (4-7x fewer errors than out of sample). So a benchmark
asks `model_for(path)`: a training document gets a leave-one-out model (train.build_model with
that seed held out, text and the lexicon entries taken only from it; a few seconds, built once
per seed and process), any other document the shipped model, which never saw it. `label_for`
gives the "split, LOO|in-sample|out-of-sample" tag every benchmark row carries.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tools.evaluate.splits import ROOT, Split, split_of
from tools.train.train import TRAIN_SEEDS, build_model
from vanban.restore.model import Model, default_model


def seed_prefix(path: str | Path) -> str | None:
    """The training seed a sample file renders ("000" for data/bench/000_….legacy.pdf)."""
    name = Path(path).name
    return name[:3] if name[:3] in TRAIN_SEEDS and name[3:4] == "_" else None


def split_for(path: str | Path) -> Split:
    p = Path(path)
    return split_of(p.resolve().relative_to(ROOT) if p.is_absolute() else p)


@cache
def loo_model(prefix: str) -> Model:
    """A model trained on everything but training seed `prefix`."""
    model: Model = build_model(exclude=[prefix])
    return model


def model_for(path: str | Path, in_sample: bool = False) -> tuple[Model, str]:
    """(model, row label) for scoring the document at `path`.

    `in_sample=True` gives the shipped model whatever the document, for the one side-by-side
    row that shows how far in-sample figures flatter.
    """
    split = split_for(path)
    prefix = seed_prefix(path)
    if prefix is None or split != "train":
        return default_model(), f"{split}, out-of-sample"
    if in_sample:
        return default_model(), f"{split}, in-sample"
    return loo_model(prefix), f"{split}, LOO"
