"""The LSTM against the strongest simple models, trained in full, several seeds.

Usage::

    .venv/bin/python benchmarks/strong_baselines.py [--seeds 0 1 2] [--folds 4]
        [--record lstm_course/data/worth_it.npz] [--timeout 7200]

The chapter "Is the LSTM worth it?" (``book/12b_worth_it.ipynb``) compares, on a
rolling-origin backtest of the course's three problems, the naive forecasts,
exponential smoothing, the linear model on the same windows, the LSTM and a
hybrid (an LSTM trained on the linear model's errors). Training the LSTMs in full
at every origin under several seeds takes far longer than a page of a book may,
so this script executes that same notebook (one copy of the recipe) with its
``parameters`` cell overridden: ``TRAIN_LSTMS = True``, which trains every model
under every seed and writes each model's error at every test origin to the
record, shipped with the package. The book then refits only the cheap models,
checks that they reproduce the record, and reads the LSTMs' errors from it.

It prints, for each problem and model, the backtest MAE (mean over folds and
seeds), the spread over seeds, the skill against the best naive forecast, the
Diebold-Mariano tests of the two seed ensembles against the best non-LSTM model,
and the seconds each model takes to fit one fold. On the 2-core course machine
it took 11 minutes (2026-12-02, 72 LSTM training runs).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import nbformat
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _notebooks import execute, with_parameters

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "book" / "12b_worth_it.ipynb"
RECORD = ROOT / "lstm_course" / "data" / "worth_it.npz"
BOOK_FOLDS = 4  # the chapter's FOLDS: the shipped record must have as many


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument(
        "--folds",
        type=int,
        default=BOOK_FOLDS,
        help=f"forecast origins per problem (the book reads {BOOK_FOLDS})",
    )
    parser.add_argument("--record", type=Path, default=RECORD)
    parser.add_argument("--max-epochs", type=int, default=100)
    parser.add_argument("--timeout", type=int, default=7200)
    parser.add_argument(
        "--from-record",
        action="store_true",
        help="print the tables of an existing record without training again",
    )
    args = parser.parse_args(argv)
    if len(set(args.seeds)) < 2 or min(args.seeds) < 0:
        parser.error("need at least two distinct seeds, each >= 0")
    if args.max_epochs < 1:
        parser.error("--max-epochs must be at least 1")
    if args.folds < 2:
        parser.error("--folds must be at least 2")
    if args.folds != BOOK_FOLDS and args.record.resolve() == RECORD.resolve():
        parser.error(
            f"the shipped record must have the book's {BOOK_FOLDS} folds; "
            "write one with other folds elsewhere with --record PATH"
        )

    args.record.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        prefix = str(Path(tmp) / "results")
        notebook = with_parameters(
            nbformat.read(NOTEBOOK, as_version=4),
            FOLDS=args.folds,
            SEEDS=tuple(args.seeds),
            TRAIN_LSTMS=not args.from_record,
            RECORD=str(args.record.resolve()),
            RESULTS=prefix,
            MAX_EPOCHS=args.max_epochs,
            CHECK_CLAIMS=False,
        )
        elapsed = execute(notebook, args.timeout)
        mae = pd.read_csv(f"{prefix}-mae.csv", index_col=[0, 1])
        spread = pd.read_csv(f"{prefix}-spread.csv", index_col=0)
        tests = pd.read_csv(f"{prefix}-dm.csv", index_col=[0, 1])
        cost = pd.read_csv(f"{prefix}-seconds.csv", index_col=0)

    pd.set_option("display.width", 120)
    print(
        f"Rolling-origin backtest, {args.folds} folds, seeds {tuple(args.seeds)}, "
        "every training window; "
        f"{elapsed:.0f} s in all. Record: {args.record}\n"
    )
    print("Backtest MAE (mean over folds, and over seeds for LSTM and hybrid):")
    print(mae.loc["MAE"].round(3).to_string(), "\n")
    print("Standard deviation over seeds of the mean-over-folds MAE:")
    print(spread.round(4).to_string(), "\n")
    print("Skill against the best naive forecast (mean over folds):")
    print(mae.loc["skill"].round(3).to_string(), "\n")
    print("Diebold-Mariano, seed ensembles against the best non-LSTM model")
    print("(all folds pooled; negative: the LSTM model is better):")
    print(tests.round(4).to_string(), "\n")
    print("Seconds to fit one fold (mean over folds and seeds):")
    print(cost.round(2).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
