"""Interval coverage across the year: every method refitted on four folds.

Usage::

    .venv/bin/python benchmarks/interval_folds.py [--seeds 0 1 2]
        [--record lstm_course/data/interval_folds.csv] [--timeout 3600]

The chapter "How sure is the forecast?" (``book/12c_uncertainty.ipynb``) scores
four interval methods (a quantile LSTM, conformal intervals around the LSTM,
the linear model and the seasonal naive forecast) on the test months, and then
on four rolling-origin folds through the year. Training two LSTMs per fold and
seed would take the page past its time budget, so this script executes that
same notebook (one copy of the recipe) with its ``parameters`` cell overridden:
``FOLD_LSTMS = True`` trains both LSTMs on every fold under every seed and
writes every method's coverage, mean width and Winkler score per fold, level
and seed to the record, shipped with the package. The book then recomputes
the cheap methods, checks that they reproduce the record, and reads the LSTMs'
rows from it.

It prints the coverage of each method on each fold (the mean over seeds for
the LSTMs) and the spread of the LSTMs' coverage over seeds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _notebooks import execute, with_parameters

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "book" / "12c_uncertainty.ipynb"
RECORD = ROOT / "lstm_course" / "data" / "interval_folds.csv"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--record", type=Path, default=RECORD)
    parser.add_argument("--timeout", type=int, default=3600)
    args = parser.parse_args(argv)
    if len(set(args.seeds)) != len(args.seeds) or min(args.seeds) < 0:
        parser.error("seeds must be distinct integers >= 0")
    if args.timeout < 1:
        parser.error("--timeout must be at least 1 second")

    args.record.parent.mkdir(parents=True, exist_ok=True)
    notebook = with_parameters(
        nbformat.read(NOTEBOOK, as_version=4),
        FOLD_LSTMS=True,
        FOLD_SEEDS=tuple(args.seeds),
        RECORD=str(args.record.resolve()),
        CHECK_CLAIMS=False,
    )
    elapsed = execute(notebook, args.timeout)

    record = pd.read_csv(args.record)
    pd.set_option("display.width", 120)
    print(
        f"Interval scores on 4 folds, LSTM seeds {tuple(args.seeds)}; "
        f"{elapsed:.0f} s in all (the whole chapter). Record: {args.record}\n"
    )
    rows, by_fold = ["level", "method"], {"columns": "fold", "values": "coverage"}
    print("Coverage per fold (mean over seeds for the LSTM methods):")
    print(record.pivot_table(index=rows, **by_fold).round(3).to_string(), "\n")
    lstm = record[record["seed"].notna()]
    spread = lstm.pivot_table(index=rows, **by_fold, aggfunc="std")
    print("Standard deviation of the LSTMs' coverage over seeds:")
    print(spread.round(4).to_string(), "\n")
    winkler = record.pivot_table(index="method", columns="level", values="Winkler")
    print("Mean Winkler score over folds (and seeds), GW:")
    print(winkler.round(3).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
