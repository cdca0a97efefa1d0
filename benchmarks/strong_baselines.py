"""The LSTM against the strongest simple models, with more folds and seeds.

Usage::

    .venv/bin/python benchmarks/strong_baselines.py [--folds 6] [--seeds 0 1 2]
        [--stride 1] [--timeout 3600]

The chapter "Is the LSTM worth it?" (``book/12b_worth_it.ipynb``) runs a small
rolling-origin backtest so that the book stays fast. This script executes that
same notebook, so there is one copy of the recipe, with its ``parameters`` cell
overridden: more forecast origins, several seeds per origin, and the LSTMs trained
on every window. It prints, for each dataset and model, the backtest MAE (mean
over folds, and its spread over seeds), the skill against the best naive
forecast, the Diebold-Mariano test of the LSTM and the hybrid against the best
non-LSTM model (on the seeds' mean forecast), and the seconds each model takes to
fit one fold.

On the 2-core course machine the defaults take about 20-30 minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pandas as pd
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "book" / "12b_worth_it.ipynb"


def with_parameters(notebook, **values):
    """Insert a cell after the one tagged ``parameters`` that overrides it."""
    for i, cell in enumerate(notebook.cells):
        if "parameters" in cell.metadata.get("tags", []):
            lines = [f"{name} = {value!r}" for name, value in values.items()]
            notebook.cells.insert(i + 1, nbformat.v4.new_code_cell("\n".join(lines)))
            return notebook
    raise ValueError(f"{NOTEBOOK.name} has no cell tagged 'parameters'.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=6)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--stride", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=3600)
    args = parser.parse_args(argv)
    if args.folds < 2 or args.stride < 1 or min(args.seeds) < 0:
        parser.error("need --folds >= 2, --stride >= 1 and seeds >= 0")

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    with tempfile.TemporaryDirectory() as tmp:
        prefix = str(Path(tmp) / "results")
        notebook = with_parameters(
            nbformat.read(NOTEBOOK, as_version=4),
            FOLDS=args.folds,
            SEEDS=tuple(args.seeds),
            STRIDE=args.stride,
            MODELS=("LSTM", "hybrid"),
            RESULTS=prefix,
            CHECK_CLAIMS=False,
        )
        start = time.perf_counter()
        NotebookClient(
            notebook,
            timeout=args.timeout,
            resources={"metadata": {"path": ROOT / "book"}},
        ).execute()
        elapsed = time.perf_counter() - start
        mae = pd.read_csv(f"{prefix}-mae.csv", index_col=[0, 1])
        spread = pd.read_csv(f"{prefix}-spread.csv", index_col=0)
        tests = pd.read_csv(f"{prefix}-dm.csv", index_col=[0, 1])
        cost = pd.read_csv(f"{prefix}-seconds.csv", index_col=0)

    pd.set_option("display.width", 120)
    print(
        f"Rolling-origin backtest: {args.folds} folds x {len(args.seeds)} seed(s) "
        f"{tuple(args.seeds)}, LSTM stride {args.stride}; {elapsed:.0f} s in all.\n"
    )
    print("Backtest MAE (mean over folds and seeds):")
    print(mae.loc["MAE"].round(3).to_string(), "\n")
    print("Standard deviation over seeds of the mean-over-folds MAE:")
    print(spread.round(4).to_string(), "\n")
    print("Skill against the best naive forecast (mean over folds):")
    print(mae.loc["skill"].round(3).to_string(), "\n")
    print("Diebold-Mariano, LSTM-based model against the best non-LSTM model")
    print("(seed-mean forecast, all folds pooled; negative: the LSTM is better):")
    print(tests.round(4).to_string(), "\n")
    print("Seconds to fit one fold (mean over folds and seeds):")
    print(cost.round(2).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
