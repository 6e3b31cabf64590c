"""--pages: only the selected pages of each input; a later run with other pages redoes it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import vanban
from vanban.cli import main
from vanban.errors import UsageError
from vanban.pipeline import RunOptions, pagesel, run

from helpers import PDFS


def test_specs_are_normalised_and_bad_ones_refused() -> None:
    assert pagesel.parse(None) is None
    assert pagesel.parse("7, 1-3") == "1-3,7"
    assert pagesel.parse("2-4,3-6,8") == "2-6,8"
    assert pagesel.parse("4,5-,2") == "2,4-"
    assert pagesel.parse("1-2,3") == "1-3"
    assert [n for n in range(1, 12) if pagesel.contains("1-3,7,9-", n)] == [1, 2, 3, 7, 9, 10, 11]
    for bad in ("", "0", "3-1", "a", "1-2-3", "-4"):
        with pytest.raises(UsageError):
            pagesel.parse(bad)


def _digital() -> Path:
    return sorted(PDFS.glob("000_*.digital.pdf"))[0]  # 9 pages with a text layer: no OCR


def test_only_selected_pages_give_rows_and_a_full_run_is_not_skipped(tmp_path: Path) -> None:
    out = tmp_path / "out"
    opts = RunOptions(out=out, jobs=1, executor="inprocess", pages=pagesel.parse("2-3,40"))
    first = run([_digital()], opts)
    assert (first.documents, first.failure_rows) == (1, 0)  # page 40 does not exist: nothing
    t = vanban.load(out)
    assert sorted(t["pages"]["page_no"]) == [2, 3]
    assert set(t["tasks"]["page_no"]) <= {2, 3} and set(t["words"]["page_no"]) <= {2, 3}
    assert t["failures"].empty
    doc = t["documents"].iloc[0]
    assert (doc["page_selection"], doc["n_pages"], doc["status"]) == ("2-3,40", 9, "complete")
    assert run([_digital()], opts).skipped == 1  # the same selection: done
    full = run([_digital()], RunOptions(out=out, jobs=1, executor="inprocess"))
    assert (full.documents, full.skipped) == (1, 0)  # all pages: redone, not skipped
    t = vanban.load(out)
    assert sorted(t["pages"]["page_no"]) == list(range(1, 10))
    assert pd.isna(t["documents"].iloc[0]["page_selection"])


def test_a_file_without_a_selected_page_is_skipped_not_failed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    got = run([_digital()], RunOptions(out=out, jobs=1, executor="inprocess", pages="10-"))
    assert (got.documents, got.skipped, got.failure_rows) == (0, 1, 0)
    t = vanban.load(out)
    assert t["documents"].empty and t["failures"].empty


def test_cli_flag_reaches_the_run_and_the_manifest(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code = main(["run", str(_digital()), "-o", str(out), "--jobs", "1", "--plain", "-q",
                 "--executor", "inprocess", "--pages", "1"])
    assert code == 0
    assert list(vanban.load(out)["pages"]["page_no"]) == [1]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["pages"] == "1"
    assert main(["run", str(_digital()), "-o", str(out), "--pages", "x"]) == 2
    assert "--pages" in capsys.readouterr().err
