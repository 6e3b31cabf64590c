"""The main process of a run schedules and commits; the stages (OCR, restore, extract and their
libraries) are imported by the workers only (issue 15: under a memory limit on the run's
process tree, what the main process holds is taken from the workers)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import seed

# restore/'s package is imported (runinfo digests the model file it names: +3 MiB), but the
# model itself is never loaded in the main process.
WORKER_ONLY = ("vanban.pipeline.stages", "vanban.ocr", "vanban.extract", "cv2", "pikepdf")

_PROBE = """
import json, sys
from vanban.cli import main
rc = main(["run", sys.argv[1], "-o", sys.argv[2], "--jobs", "1", "--plain", "-q"])
model = sys.modules.get("vanban.restore.model")
print(json.dumps({"rc": rc, "modules": sorted(sys.modules),
                  "model_loaded": getattr(model, "_default", None) is not None}))
"""


def test_a_run_leaves_the_stages_out_of_the_main_process(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", _PROBE, str(seed("000")), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["rc"] == 0
    loaded = [m for m in got["modules"] if m.split(".")[0] in WORKER_ONLY
              or any(m == w or m.startswith(w + ".") for w in WORKER_ONLY)]
    assert not loaded, loaded
    assert not got["model_loaded"]
