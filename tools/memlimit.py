"""Run a command under a memory limit, from outside the product (tests and `make bench-faults`).

Two mechanisms, the real one where the machine allows it:
- `systemd_scope`: `systemd-run --scope -p MemoryMax=...` (cgroup v2 through systemd): the
  kernel's own OOM killer acts on the whole process tree;
- `run_with_oom_killer`: where there is no systemd and no delegated cgroup (containers; this
  project's build machine), a watchdog that does what a cgroup's OOM killer does: when the
  summed resident memory of the command's process tree passes the limit, the process with the
  highest /proc/<pid>/oom_score (the kernel's own ranking, oom_score_adj included) is sent
  SIGKILL. Memory is the processes' Pss (shared pages counted once, as a cgroup charges them);
  sampled every 50 ms, so an allocation can overshoot for that long.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

POLL_S = 0.05


def systemd_scope(limit_mib: int) -> list[str] | None:
    """Command prefix running under a real MemoryMax, or None when systemd cannot do it here."""
    exe = shutil.which("systemd-run")
    if exe is None:
        return None
    for user in (["--user"], []):
        prefix = [exe, *user, "--scope", "--quiet", "-p", f"MemoryMax={limit_mib}M",
                  "-p", "MemorySwapMax=0"]
        try:
            probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return prefix
    return None


def _tree(root: int) -> list[int]:
    """`root` and its descendants (from /proc/<pid>/task/*/children)."""
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        for children in Path(f"/proc/{pid}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in children.read_text().split())
    return out


def _rss(pid: int) -> int:
    """Proportional resident memory (Pss): a page shared by several processes (a fork about
    to exec, shared libraries) counts once over them, as a cgroup charges it once."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) << 10
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _oom_score(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/oom_score").read_text())
    except (OSError, ValueError):
        return -1


def _role(pid: int) -> str:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(
            errors="replace")
    except OSError:
        return "?"
    if "resource_tracker" in cmd:
        return "resource tracker"
    if "multiprocessing" in cmd or "spawn_main" in cmd:
        return "worker"
    if "tesseract" in cmd:
        return "tesseract"
    return "main"


@dataclass
class Limited:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    kills: list[tuple[str, int]] = field(default_factory=list)  # (role, Pss MiB) per SIGKILL
    peak_mib: int = 0
    timed_out: bool = False


def run_with_oom_killer(cmd: list[str], limit_mib: int, timeout: float,
                        env: dict[str, str] | None = None,
                        cwd: str | Path | None = None) -> Limited:
    """Run `cmd`; SIGKILL its highest-oom_score process whenever its tree passes `limit_mib`."""
    limit = limit_mib << 20
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=cwd, start_new_session=True)
    kills: list[tuple[str, int]] = []
    peak = [0]
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set() and proc.poll() is None:
            pids = _tree(proc.pid)
            sizes = {pid: _rss(pid) for pid in pids}
            total = sum(sizes.values())
            peak[0] = max(peak[0], total)
            if total > limit:
                victim = max(pids, key=lambda p: (_oom_score(p), sizes[p]))
                role = _role(victim)
                with contextlib.suppress(OSError):
                    os.kill(victim, signal.SIGKILL)
                    kills.append((role, sizes[victim] >> 20))
            stop.wait(POLL_S)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    timed_out = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    stop.set()
    watcher.join(5)
    return Limited(proc.returncode, out, err, time.monotonic() - started, kills,
                   peak[0] >> 20, timed_out)


def run_limited(cmd: list[str], limit_mib: int, timeout: float,
                env: dict[str, str] | None = None,
                cwd: str | Path | None = None) -> tuple[str, Limited]:
    """(mechanism used, result): systemd's MemoryMax where available, else the watchdog."""
    prefix = systemd_scope(limit_mib)
    if prefix is None:
        return "oom-killer watchdog", run_with_oom_killer(cmd, limit_mib, timeout, env, cwd)
    started = time.monotonic()
    try:
        done = subprocess.run([*prefix, *cmd], capture_output=True, text=True, env=env,
                              cwd=cwd, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        return "systemd MemoryMax", Limited(-9, str(exc.stdout or ""), str(exc.stderr or ""),
                                            time.monotonic() - started, timed_out=True)
    return "systemd MemoryMax", Limited(done.returncode, done.stdout, done.stderr,
                                        time.monotonic() - started)
