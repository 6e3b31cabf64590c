from pathlib import Path

from vanban.restore import channel, lm
from vanban.restore.model import Model


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    segs = [["xây", "dựng", "nông", "thôn", "mới"], ["nông", "thôn", "mới"]]
    model = Model(
        lm=lm.train(segs),
        channel=channel.train([("mới", "mdi"), ("dựng", "dwng")]),
        syllables=["dựng", "mới", "nông", "thôn", "xây"],
        abbreviations=["BCĐ", "UBND"],
    )
    path = tmp_path / "m.pkl.gz"
    model.save(path)
    back = Model.load(path)
    assert back.syllables == model.syllables
    assert back.by_skel["moi"] == ["mới"]
    assert back.abbr_by_skel["bcd"] == "BCĐ"
    ids = back.lm.id
    a, b, c = ids("nông"), ids("thôn"), ids("mới")
    assert abs(back.lm.logp(a, b, c) - model.lm.logp(a, b, c)) < 1e-5
    assert back.channel.logp("mới", "mdi") > back.channel.logp("mới", "xyz")


def test_another_model_file_can_be_named_for_benchmarks(tmp_path: Path) -> None:
    """VANBAN_RESTORE_MODEL (leave-one-out models in bench/pipeline.py) replaces the shipped
    file in every process that inherits it; a missing one is a typed, named error."""
    import os
    import subprocess
    import sys

    missing = tmp_path / "loo.pkl.gz"
    code = "from vanban.restore.model import default_model; default_model()"
    env = {**os.environ, "VANBAN_RESTORE_MODEL": str(missing)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode != 0
    assert "MissingDependencyError" in out.stderr and str(missing) in out.stderr
