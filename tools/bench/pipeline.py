"""End-to-end benchmark: every sample rendering through `vanban run`, scored against the seeds.

For each document and rendering (born-digital, scan-light, scan-medium, legacy-OCR PDF):
page-text CER and syllable accuracy against the clean seed text, and task extraction against
the hand-made gold (schedule-row F1, directive-row F1, owner and deadline accuracy), plus the
run's seconds per page and peak memory. One table; nothing here is asserted. Every input is a
rendering of a training seed, so each seed's renderings run with a leave-one-out restore model
(tools/bench/loo.py, named to the workers by VANBAN_RESTORE_MODEL): rows are "train, LOO".

    python -m tools.bench.pipeline [--jobs 2] [--only 002,004] [--variants scan-medium,legacy]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

import vanban
from tools.bench.loo import loo_model
from tools.evaluate.gold import SEEDS as GOLD_DIR
from tools.evaluate.gold import Tally, prf, score_doc
from tools.evaluate.metrics import cer, syllable_accuracy
from vanban.models.records import DocumentMeta, Extraction, Task
from vanban.pipeline import RunOptions, run
from vanban.restore import model as restore_model
from vanban.restore.model import MODEL_ENV

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT / "data" / "samples" / "seeds"
VARIANTS = ("digital", "scan-light", "scan-medium", "legacy")


def _inputs(only: set[str], variants: set[str]) -> list[Path]:
    found = [*ROOT.joinpath("data", "samples", "pdf").glob("*.pdf"),
             *ROOT.joinpath("data", "bench").glob("*.pdf")]
    return sorted(p for p in found
                  if p.name[:3] in only and p.name.split(".")[1] in variants)


def _date(v: Any) -> dt.date | None:
    return None if v is None or pd.isna(v) else pd.Timestamp(v).date()


def _opt(v: Any) -> Any:
    return None if v is None or (not isinstance(v, (list, tuple)) and pd.isna(v)) else v


def _extraction(doc: dict[str, Any], tasks: list[dict[str, Any]]) -> Extraction:
    meta = DocumentMeta(
        doc_type=_opt(doc["doc_type"]), doc_type_name=_opt(doc.get("doc_type_name")),
        number=_opt(doc["number"]), place=_opt(doc["place"]),
        issue_date=_date(doc["issue_date"]), issuer=_opt(doc["issuer"]),
        title=_opt(doc["title"]), signer=_opt(doc["signer"]),
        signer_authority=_opt(doc["signer_authority"]), recipients=tuple(doc["recipients"]))
    out = []
    for t in tasks:
        out.append(Task(
            kind=t["kind"], text=t["text"], page_no=int(t["page_no"]), line_no=int(t["line_no"]),
            owner=_opt(t["owner"]), collaborators=tuple(t["collaborators"]),
            leaders=tuple(t["leaders"]), date=_date(t["date"]), weekday=_opt(t["weekday"]),
            session=_opt(t["session"]), location=_opt(t["location"]),
            deadline=_date(t["deadline"]), deadline_text=_opt(t["deadline_text"]),
            deadline_kind=_opt(t["deadline_kind"]), deadline_valid=_opt(t["deadline_valid"]),
            section=_opt(t["section"])))
    return Extraction(meta=meta, tasks=tuple(out))


def _run_leave_one_out(inputs: list[Path], tmp: Path, jobs: int) -> tuple[Any, float]:
    """Run the pipeline on each training seed's renderings with a model that never saw that
    seed (written to `tmp` and named by VANBAN_RESTORE_MODEL, which the workers inherit);
    all into one output folder. Returns the summed summary and the pipeline seconds (model
    building excluded)."""
    from dataclasses import fields, replace

    total: Any = None
    seconds = 0.0
    for prefix in sorted({p.name[:3] for p in inputs}):
        group = [p for p in inputs if p.name[:3] == prefix]
        path = tmp / f"loo_{prefix}.pkl.gz"
        loo_model(prefix).save(path)
        os.environ[MODEL_ENV] = str(path)
        try:
            t0 = time.perf_counter()
            got = run(group, RunOptions(out=tmp / "out", jobs=jobs))
            seconds += time.perf_counter() - t0
        finally:
            del os.environ[MODEL_ENV]
            restore_model._default = None  # a model this process loaded belongs to the group
        if total is None:
            total = got
        else:
            sums = {f.name: getattr(total, f.name) + getattr(got, f.name)
                    for f in fields(got) if isinstance(getattr(got, f.name), int | float)}
            total = replace(total, **sums)
    return total, seconds


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", default="000,001,002,004")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    args = ap.parse_args(argv)
    inputs = _inputs(set(args.only.split(",")), set(args.variants.split(",")))
    with tempfile.TemporaryDirectory() as tmp:
        summary, seconds = _run_leave_one_out(inputs, Path(tmp), args.jobs)
        frames = vanban.load(Path(tmp) / "out")
    peak_main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    docs, pages, tasks = frames["documents"], frames["pages"], frames["tasks"]
    head = (f"{'document':<22} {'variant':<12} {'split, model':<11} {'pages':>5} {'ocr':>4} "
            f"{'CER':>7} {'syll':>7} {'sched F1':>8} {'dir F1':>7} {'owner':>6} {'deadl':>6}")
    print(head)
    print("-" * len(head))
    records: list[dict[str, Any]] = [
        {str(k): v for k, v in r.items()} for r in docs.to_dict(orient="records")]
    all_tasks: list[dict[str, Any]] = [
        {str(k): v for k, v in r.items()} for r in tasks.to_dict(orient="records")]
    for doc in sorted(records, key=lambda r: Path(str(r["source_path"])).name):
        name = Path(str(doc["source_path"])).name
        stem, variant = name.split(".")[0], name.split(".")[1]
        p = pages[pages["doc_id"] == doc["doc_id"]].sort_values("page_no")
        ref = (SEED_DIR / f"{stem}.txt").read_text(encoding="utf-8")
        text = "\n".join(str(t) for t in p["text"])
        gold = json.loads((GOLD_DIR / f"{stem}.json").read_text(encoding="utf-8"))
        gold.setdefault("doc", stem)
        tallies = {"schedule": Tally(), "directive": Tally()}
        ex = _extraction(doc, [t for t in all_tasks if t["doc_id"] == doc["doc_id"]])
        score_doc(ex, gold, tallies, Tally(), [])
        s, d = tallies["schedule"], tallies["directive"]
        sf = f"{prf(s.matched, s.pred, s.gold)[2]:.3f}" if s.gold else "-"
        df = f"{prf(d.matched, d.pred, d.gold)[2]:.3f}" if d.gold else "-"
        own = f"{d.field_ok.get('owner', 0) / d.matched:.3f}" if d.matched else "-"
        dl = f"{d.field_ok.get('deadline', 0) / d.matched:.3f}" if d.matched else "-"
        n_ocr = (p["method"] == "ocr").sum()
        print(f"{stem:<22} {variant:<12} {'train, LOO':<11} {len(p):>5} {n_ocr:>4} "
              f"{cer(text, ref):>7.2%} {syllable_accuracy(text, ref):>7.2%} {sf:>8} {df:>7} "
              f"{own:>6} {dl:>6}")
    n_pages = max(summary.pages, 1)
    print(f"\n{summary.documents} documents, {summary.pages} pages ({summary.ocr_pages} OCR'd), "
          f"{summary.failure_rows} failures, --jobs {args.jobs}: {seconds:.1f} s, "
          f"{seconds / n_pages:.2f} s/page, {seconds / max(summary.ocr_pages, 1):.2f} s per "
          f"OCR'd page; peak RSS main {peak_main:.0f} MiB, largest worker {peak_child:.0f} MiB")


if __name__ == "__main__":
    main()
