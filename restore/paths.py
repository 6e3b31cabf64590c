"""Where restore/'s data lives inside the package (the repo root is the `vanban` package)."""

from __future__ import annotations

from pathlib import Path

PKG_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PKG_ROOT / "data"
CORPUS_DIR = DATA_DIR / "corpus"
LEXICON_DIR = DATA_DIR / "lexicon"
MODELS_DIR = DATA_DIR / "models"
SEEDS_DIR = DATA_DIR / "samples" / "seeds"
MODEL_FILE = MODELS_DIR / "restore.pkl.gz"
