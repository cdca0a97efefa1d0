"""KerasTuner's distributed mode, for real: a chief and two workers on loopback.

Starts ``python -m lstm_course.tuning chief`` and two ``... worker`` processes on
127.0.0.1 with a free port, runs a tiny search, and checks that every trial was
run by exactly one worker and recorded by the chief. Two searches: random search
(4 trials, 1 epoch each, a directory per process, as on separate laptops) and
Hyperband (5 trials, ``max_epochs=2``, the workers sharing one directory, since a
promoted trial resumes from a checkpoint that the other worker may have written).
Every process is killed in ``finally`` if it is still alive, and each run is
bounded in time.
"""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = "127.0.0.1"
TIMEOUT_S = 120
WORKERS = ("tuner0", "tuner1")
SEARCHES = {
    # name: (options, trials it runs, whether the workers share one directory)
    "random": (
        ["--tuner", "random", "--max-trials", "4", "--max-epochs", "1"],
        4,
        False,
    ),
    "hyperband": (
        ["--tuner", "hyperband", "--max-epochs", "2", "--factor", "2"],
        5,
        True,
    ),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("search", SEARCHES)
def test_chief_and_two_workers_share_one_search(search, tmp_path):
    options, n_trials, shared = SEARCHES[search]
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    results = tmp_path / "results.csv"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name in ("KERASTUNER_TUNER_ID", "KERASTUNER_ORACLE_IP"):
        env.pop(name, None)
    common = [
        "--ip", LOOPBACK, "--port", str(free_port()), *options,
        "--seq-length", "8", "--n-points", "120", "--units", "8", "16", "8",
    ]  # fmt: skip

    def start(role, name, *extra):
        folder = "shared" if shared and role == "worker" else name
        cmd = [sys.executable, "-m", "lstm_course.tuning", role, *common, *extra]
        cmd += ["--directory", str(tmp_path / folder)]
        return subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip

    started = time.monotonic()
    procs = {}
    try:
        procs["chief"] = start(
            "chief", "chief", "--results", str(results), "--timeout", "100"
        )
        for worker in WORKERS:
            procs[worker] = start("worker", worker, "--tuner-id", worker)
        outputs = {}
        for name, proc in procs.items():
            left = max(1.0, TIMEOUT_S - (time.monotonic() - started))
            out, err = proc.communicate(timeout=left)
            outputs[name] = (proc.returncode, out, err)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
    seconds = time.monotonic() - started

    for name, (code, out, err) in outputs.items():
        assert code == 0, f"{name} exited with {code}:\n{out}\n{err}"
        assert "Traceback" not in err, f"{name} wrote:\n{err}"

    # The chief recorded every trial, all completed.
    table = pd.read_csv(results, dtype={"trial_id": str})
    assert len(table) == n_trials
    assert table["trial_id"].is_unique
    assert (table["status"] == "COMPLETED").all()
    assert table["val_loss"].notna().all()
    assert set(table["units"]) <= {8, 16}

    # The workers ran them: each trial by exactly one worker.
    ran = {}
    for worker in WORKERS:
        last_line = outputs[worker][1].strip().splitlines()[-1]
        report = json.loads(last_line)
        assert report["tuner_id"] == worker
        ran[worker] = report["trials"]
    every = [t for trials in ran.values() for t in trials]
    assert sorted(every) == sorted(table["trial_id"])  # no trial lost or run twice

    # Nothing was written to the working directory; the run was bounded.
    assert list(cwd.iterdir()) == []
    assert all(proc.poll() is not None for proc in procs.values())
    assert seconds < TIMEOUT_S
    if search == "hyperband":  # a promoted trial resumed from its parent's checkpoint
        assert (table["epochs_run"] < table["epochs"]).any()
    print(f"\n{search}: 2 workers ran {len(every)} trials {ran} in {seconds:.1f} s")
