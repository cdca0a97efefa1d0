"""The command line: forecast a series in a CSV file with the course's recipe.

::

    lstm-course forecast DATA.csv --time COL --target COL --horizon N
        [--lookback N] [--known-future COL ...] [--out DIR] [--seed N] [--quiet]

(or ``python -m lstm_course.cli forecast ...``). The command reads the file with
pandas, parses the time column (UTC offsets such as ``+10:00`` are kept), puts
the series on its regular grid (:func:`lstm_course.forecaster.fill_gaps`), and
hands it to :class:`lstm_course.Forecaster`: fit, evaluate, refit on all the
rows, forecast past the end, save. It does no arithmetic of its own.

The rules for the file:

- one row per time step, oldest first, each timestamp once;
- **gaps**: a run of at most ``--max-gap`` (default 3) missing steps (missing
  rows or empty cells) is filled by linear interpolation in time, and the
  command says how many rows it filled; a longer gap is refused, with the
  number of such gaps and where the first one lies;
- **known-future columns** (``--known-future``): their values for the forecast
  period go in rows *after* the last observation, with the time and those
  columns filled and the target left empty: ``horizon`` such rows. Trailing
  rows with an empty target are never part of the history.

It writes to ``--out`` (default ``forecast``): ``forecast.csv`` (``timestamp,
forecast, lower, upper``), ``forecast.png`` (the last weeks of history with the
forecast and its interval), ``evaluation.csv`` (the backtest table of
:meth:`lstm_course.Forecaster.evaluate`) and ``model/``
(:meth:`lstm_course.Forecaster.save`). It prints one line per training epoch
(``--quiet`` silences them), the backtest table and the paths.

Bad input (a missing file or column, repeated or unsorted timestamps, a
non-numeric target, a long gap, too few rows) ends with one line ``error: ...``
on standard error, naming the problem and the fix, and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

__all__ = ["build_parser", "main", "read_series"]

PROG = "lstm-course"


class _UsageError(Exception):
    """A command-line mistake argparse found (missing or malformed option)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise _UsageError(f"{message}; see '{self.prog} --help'")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``lstm-course``.

    Examples
    --------
    >>> args = build_parser().parse_args(
    ...     ["forecast", "data.csv", "--time", "t", "--target", "y",
    ...      "--horizon", "7"])
    >>> args.horizon, args.known_future, args.max_gap
    (7, [], 3)
    """
    parser = _Parser(
        prog=PROG,
        description="Forecast your own series with the course's LSTM recipe.",
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND"
    )
    forecast = commands.add_parser(
        "forecast",
        help="fit, evaluate and forecast a series in a CSV file",
        description=(
            "Fit the course's LSTM recipe to a series in a CSV file, backtest it "
            "against naive, seasonal naive and linear forecasts, refit it on all "
            "the rows and forecast the steps after the end."
        ),
    )
    forecast.add_argument("data", metavar="DATA.csv", help="the CSV file")
    forecast.add_argument(
        "--time", required=True, metavar="COL", help="time column"
    )
    forecast.add_argument(
        "--target", required=True, metavar="COL", help="column to forecast"
    )
    forecast.add_argument(
        "--horizon",
        required=True,
        type=int,
        metavar="N",
        help="steps to forecast",
    )
    forecast.add_argument(
        "--lookback",
        type=int,
        metavar="N",
        help="steps per input window (default: inferred from the frequency)",
    )
    forecast.add_argument(
        "--known-future",
        nargs="+",
        action="extend",
        default=[],
        metavar="COL",
        help=(
            "columns known in advance; give their forecast-period values in "
            "HORIZON rows after the last observation, with the target empty"
        ),
    )
    forecast.add_argument(
        "--out",
        default="forecast",
        metavar="DIR",
        help="output folder (forecast)",
    )
    forecast.add_argument("--seed", type=int, default=42, metavar="N")
    forecast.add_argument(
        "--max-gap",
        type=int,
        default=3,
        metavar="N",
        help="fill gaps of at most N missing steps by interpolation (3)",
    )
    forecast.add_argument(
        "--folds",
        type=int,
        default=3,
        metavar="N",
        help="backtest origins (3)",
    )
    forecast.add_argument("--max-epochs", type=int, default=100, metavar="N")
    forecast.add_argument("--units", type=int, default=32, metavar="N")
    forecast.add_argument(
        "--interval",
        type=float,
        default=0.9,
        metavar="P",
        help="coverage of the prediction interval (0.9)",
    )
    forecast.add_argument(
        "--no-refit",
        action="store_true",
        help="forecast with the network trained on 70%% of the rows",
    )
    forecast.add_argument(
        "--quiet", action="store_true", help="no line per training epoch"
    )
    forecast.set_defaults(run=_forecast)
    return parser


def _parse_times(column: pd.Series, name: str) -> tuple[pd.DatetimeIndex, str]:
    """Timestamps of the time column, and a note if they were converted to UTC."""
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(
        column
    ):
        raise ValueError(
            f"the time column {name!r} holds numbers, not timestamps; write times "
            "such as 2024-01-31 or 2024-01-31T13:30:00+01:00."
        )
    note = ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            times = pd.to_datetime(column)
        except ValueError as exc:
            if "Mixed timezones" not in str(
                exc
            ) and "mixed time zones" not in str(exc):
                raise ValueError(
                    f"the time column {name!r} holds values that are not timestamps "
                    f"({_first_line(exc)}); write times such as 2024-01-31 "
                    "or 2024-01-31T13:30:00+01:00."
                ) from None
            times = pd.to_datetime(column, utc=True)
            note = (
                "the timestamps have several UTC offsets (daylight saving time?); "
                "working in UTC"
            )
    return pd.DatetimeIndex(times, name="timestamp"), note


def read_series(path, time, target, known_future=()):
    """Read a CSV file into a series indexed by time, and its future rows.

    Parameters
    ----------
    path : str or pathlib.Path
    time, target : str
        The time column and the column to forecast.
    known_future : sequence of str, default=()
        Columns known in advance.

    Returns
    -------
    history : pandas.DataFrame
        The target and known-future columns, indexed by time, up to the last
        row with a target value.
    future : pandas.DataFrame
        The rows after it (target empty), with the known-future columns.
    notes : list of str
        What was done that the user should know.

    Raises
    ------
    OSError
        If the file cannot be read.
    ValueError, TypeError
        If it is not a CSV file, a column is missing, the times cannot be
        parsed, or the target is not numeric.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(
            f"{path} does not exist; check the path to the CSV."
        )
    if path.is_dir():
        raise IsADirectoryError(
            f"{path} is a folder; give the path of a CSV file."
        )
    try:
        frame = pd.read_csv(path)
    except UnicodeDecodeError:
        raise ValueError(
            f"{path} is not a CSV text file (it is not UTF-8 text); export the data "
            "as comma-separated values."
        ) from None
    except pd.errors.EmptyDataError:
        raise ValueError(
            f"{path} is empty; it needs a header row and one row per time step."
        ) from None
    except pd.errors.ParserError as exc:
        raise ValueError(
            f"{path} could not be read as CSV ({_first_line(exc)}); export the data "
            "as comma-separated values with one header row."
        ) from None
    columns = [str(c) for c in frame.columns]
    known_future = list(known_future)
    for name, option in [(time, "--time"), (target, "--target")] + [
        (k, "--known-future") for k in known_future
    ]:
        if name not in frame.columns:
            hint = ""
            if len(columns) == 1:
                hint = (
                    " (the file has a single column: is it comma-separated?)"
                )
            elif time not in frame.columns and target not in frame.columns:
                hint = " (is it a CSV file whose first row names the columns?)"
            raise ValueError(
                f"{option} {name!r} is not a column of {path.name}; its columns are "
                f"{columns}{hint}."
            )
    if len(frame) == 0:
        raise ValueError(f"{path} has a header but no rows.")
    index, note = _parse_times(frame[time], time)
    notes = [note] if note else []
    data = frame[[target, *known_future]].set_axis(index)
    from lstm_course.forecaster import _check_numeric

    _check_numeric(data[target], target, "--target")
    has_target = data[target].notna().to_numpy()
    if not has_target.any():
        raise ValueError(f"--target {target!r} has no values.")
    last = int(has_target.nonzero()[0][-1])
    history, future = data.iloc[: last + 1], data.iloc[last + 1 :]
    if len(future):
        use = (
            "their known-future values are read"
            if known_future
            else "they are ignored"
        )
        notes.append(
            f"{len(future)} row(s) after the last {target!r} value: {use}"
        )
    return history, future[known_future], notes


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _plot(history: pd.Series, forecast: pd.DataFrame, path: Path, title: str):
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    def local(index):  # wall-clock times, so the axis reads in the data's zone
        return index.tz_localize(None) if index.tz is not None else index

    fig = Figure(figsize=(10, 3.5), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot(local(history.index), history.to_numpy(), lw=1, label="history")
    ax.plot(
        local(forecast.index), forecast["forecast"], lw=1.5, label="forecast"
    )
    ax.fill_between(
        local(forecast.index),
        forecast["lower"],
        forecast["upper"],
        alpha=0.3,
        label="interval",
    )
    zone = f" ({history.index.tz})" if history.index.tz is not None else ""
    ax.set(title=title, xlabel=f"time{zone}", ylabel=str(history.name))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    fig.savefig(path, dpi=110)


def _forecast(args) -> int:
    from lstm_course.forecaster import Forecaster, fill_gaps

    start = time.perf_counter()
    history, future, notes = read_series(
        args.data, args.time, args.target, args.known_future
    )
    if args.known_future and len(future) < args.horizon:
        raise ValueError(
            f"--known-future {' '.join(args.known_future)} needs the values of those "
            f"columns for the {args.horizon} forecast steps, but the file has "
            f"{len(future)} row(s) after the last {args.target!r} value; add "
            f"{args.horizon} rows with the time and those columns filled and "
            f"{args.target!r} empty."
        )
    columns = [args.target, *args.known_future]
    filled, n_filled = fill_gaps(
        history, max_gap=args.max_gap, columns=columns
    )
    index = filled.index
    print(
        f"read {args.data}: {len(filled)} rows from {index[0]} to {index[-1]}, "
        f"step {filled.index.freqstr}"
    )
    print(
        f"gaps: filled {n_filled} row(s) by time interpolation (gaps of at most "
        f"{args.max_gap} steps are filled, longer ones refused)"
    )
    for note in notes:
        print(f"note: {note}")
    model = Forecaster(
        args.horizon,
        args.lookback,
        units=args.units,
        max_epochs=args.max_epochs,
        interval=args.interval,
        seed=args.seed,
        verbose=0 if args.quiet else 1,
    )
    model.fit(filled, target=args.target, known_future=args.known_future)
    if args.known_future:  # fail before the long part if the future rows lack
        model.predict(future=future)
    table = model.evaluate(folds=args.folds)
    if not args.no_refit:
        model.refit()
    forecast = model.predict(future=future if args.known_future else None)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "forecast": out / "forecast.csv",
        "plot": out / "forecast.png",
        "evaluation": out / "evaluation.csv",
        "model": out / "model",
    }
    forecast.rename_axis("timestamp").to_csv(paths["forecast"])
    table.to_csv(paths["evaluation"])
    shown = min(len(filled), max(4 * model.horizon, 2 * model.lookback_))
    _plot(
        filled[args.target].iloc[-shown:],
        forecast,
        paths["plot"],
        f"{args.target}: {model.horizon}-step forecast, {model.interval:.0%} interval",
    )
    model.save(paths["model"])
    with pd.option_context("display.width", 100, "display.max_columns", 10):
        print(
            f"\nbacktest over {args.folds} forecast origins (MAE and RMSE in the "
            "target's units; skill: 1 - MAE / MAE of the best non-LSTM model):"
        )
        print(table.round(4).to_string())
    print(
        f"\ntest part of the fit: interval coverage {model.test_coverage_:.2f} "
        f"(nominal {model.interval:.2f}); the network learns the change from the "
        f"{model.residual_} forecast"
    )
    print("\nwrote:")
    for path in paths.values():
        print(f"  {path}")
    print(f"done in {time.perf_counter() - start:.0f} s")
    return 0


def main(argv=None) -> int:
    """Run the command line; return the exit status (0, or 2 for bad input).

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return args.run(args)
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    except _UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except (ValueError, TypeError, OSError) as exc:
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"error: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
