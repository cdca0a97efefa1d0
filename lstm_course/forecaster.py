"""The course's recipe as one estimator: forecast your own series.

:class:`Forecaster` does what chapters 11 and 12 do by hand, in the same order
and with the same rules, for any regular time series in a pandas object:

1. check the data (a sorted, unique, regular :class:`pandas.DatetimeIndex`, a
   finite numeric target, enough rows) and infer its frequency;
2. split it in time order: the oldest 70% of the rows train, the next 15%
   validate, the newest 15% test; fit the scaler on the training rows only;
3. add the calendar (:func:`lstm_course.time_encodings`) and the columns known
   in advance (``known_future``), shifted so that each window sees their
   values for the period it forecasts;
4. learn the change from the better of two naive forecasts (persistence or
   seasonal naive, chosen on the validation rows), with early stopping on the
   validation rows;
5. put split-conformal intervals (:class:`lstm_course.ConformalIntervals`)
   around the forecast, one width per step, from the validation residuals;
6. score it on the test rows against the naive forecasts and the linear model
   on the same windows (``test_scores_``), and on demand over
   several forecast origins (:meth:`Forecaster.evaluate`).

Then :meth:`Forecaster.predict` forecasts past the end of the data,
:meth:`Forecaster.refit` retrains on all of it, and :meth:`Forecaster.save` /
:meth:`Forecaster.load` keep the fitted forecaster. :func:`fill_gaps` puts a
series with a few missing steps on its regular grid first (the command line,
:mod:`lstm_course.cli`, calls it).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import numbers
import warnings
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from lstm_course._validation import check_int
from lstm_course.baselines import (
    LinearForecaster,
    naive_forecast,
    seasonal_naive_forecast,
)
from lstm_course.datasets import time_encodings
from lstm_course.evaluation import backtest, compare, rolling_origins
from lstm_course.intervals import ConformalIntervals, interval_coverage
from lstm_course.metrics import mae
from lstm_course.models import _check_learning_rate, build_lstm_model
from lstm_course.reproducibility import set_seed
from lstm_course.windows import Scaler, make_windows

__all__ = ["FORMAT_VERSION", "Forecaster", "fill_gaps"]

#: Version of the files :meth:`Forecaster.save` writes. :meth:`Forecaster.load`
#: reads this version and older ones, and refuses newer ones.
FORMAT_VERSION = 1

#: Fractions of the rows for training and validation; the test part gets the rest.
TRAIN_FRACTION, VAL_FRACTION = 0.7, 0.15

#: The default lookback of sub-daily data is one week of steps, at most this many.
MAX_DEFAULT_LOOKBACK = 336

#: The fewest training windows :meth:`Forecaster.fit` accepts.
MIN_TRAIN_WINDOWS = 10

_MODEL_FILE, _SETTINGS_FILE = "model.keras", "forecaster.json"
_DAY = pd.Timedelta(days=1)
_NAMES = {1: "naive", "seasonal": "seasonal naive"}


# ------------------------------------------------------------------------------
# Frequency, season, calendar and lookback, inferred from the timestamps
# ------------------------------------------------------------------------------
def _infer_offset(index: pd.DatetimeIndex):
    """``pd.infer_freq`` as an offset (or None), without pandas' FutureWarning."""
    if len(index) < 3:
        return None
    with warnings.catch_warnings():
        # pandas 3.1 announces that infer_freq will return an offset; either way
        # to_offset below gives one.
        warnings.filterwarnings(
            "ignore", message=".*BaseOffset object instead"
        )
        freq = pd.infer_freq(index)
    return None if freq is None else to_offset(freq)


def _sub_daily_step(offset) -> pd.Timedelta | None:
    """The step of a sub-daily fixed frequency (30 minutes), else None."""
    if isinstance(offset, pd.offsets.Tick):
        step = pd.Timedelta(offset)
        if step < _DAY:
            return step
    return None


def _season(offset) -> int:
    """Steps per season: per day for sub-daily data, 7 daily, 12 monthly."""
    step = _sub_daily_step(offset)
    if step is not None:
        per_day = _DAY / step
        return int(per_day) if float(per_day).is_integer() else 1
    if offset.n != 1:
        return 1
    if isinstance(offset, pd.offsets.Day):
        return 7
    if isinstance(offset, pd.offsets.BusinessDay):
        return 5
    if isinstance(offset, pd.offsets.MonthBegin | pd.offsets.MonthEnd):
        return 12
    if isinstance(offset, pd.offsets.QuarterBegin | pd.offsets.QuarterEnd):
        return 4
    return 1


def _calendar(offset, index: pd.DatetimeIndex) -> list[str]:
    """The cycles worth encoding: only those shorter than the data and longer
    than one step (a daily cycle of daily data would be a constant)."""
    periods = []
    if _sub_daily_step(offset) is not None:
        periods.append("day")
    if _sub_daily_step(offset) is not None or (
        offset.n == 1
        and isinstance(offset, pd.offsets.Day | pd.offsets.BusinessDay)
    ):
        periods.append("week")
    if index[-1] - index[0] >= pd.Timedelta(days=365):
        periods.append("year")
    return periods


def _default_lookback(offset, season: int, horizon: int) -> int:
    """One week of steps for sub-daily data (at most 336, at least one day),
    4 seasons for seasonal data, else twice the horizon (at least 8)."""
    step = _sub_daily_step(offset)
    if step is not None:
        week = int(pd.Timedelta(days=7) / step)
        return max(min(week, MAX_DEFAULT_LOOKBACK), season)
    if season > 1:
        return 4 * season
    return max(2 * horizon, 8)


def _grid_offset(index: pd.DatetimeIndex):
    """The frequency of a series that may have missing steps, or None.

    ``pd.infer_freq`` first; if a step is missing, the frequencies of short
    gap-free stretches, then the most common step: the first candidate whose
    grid from the first to the last timestamp holds every timestamp wins.
    """
    offset = _infer_offset(index)
    if offset is not None or len(index) < 3:
        return offset
    candidates = []
    for start in range(0, max(len(index) - 8, 1), max(len(index) // 20, 1)):
        found = _infer_offset(index[start : start + 8])
        if found is not None and found not in candidates:
            candidates.append(found)
        if len(candidates) > 5:
            break
    steps = pd.Series(index[1:] - index[:-1])
    mode = steps.mode()
    if len(mode) and mode.iloc[0] > pd.Timedelta(0):
        candidates.append(to_offset(mode.iloc[0]))
    for candidate in candidates:
        try:
            grid = pd.date_range(index[0], index[-1], freq=candidate)
        except (ValueError, OverflowError):
            continue
        if index.isin(grid).all():
            return candidate
    return None


# ------------------------------------------------------------------------------
# Checking the data
# ------------------------------------------------------------------------------
def _check_index(index) -> pd.DatetimeIndex:
    if not isinstance(index, pd.DatetimeIndex):
        raise TypeError(
            f"data must be indexed by time (a pandas.DatetimeIndex), but its index "
            f"is a {type(index).__name__}. Set one, e.g. "
            "df = df.set_index(pd.to_datetime(df['time']))."
        )
    if index.hasnans:
        raise ValueError(
            f"the time index holds {int(index.isna().sum())} missing timestamp(s) "
            "(NaT); drop those rows or fix their times."
        )
    duplicated = index.duplicated()
    if duplicated.any():
        first = index[duplicated][0]
        raise ValueError(
            f"timestamps must be unique, but {int(duplicated.sum())} are repeated, "
            f"the first {first}; keep one row per timestamp (drop or average the "
            "duplicates)."
        )
    if not index.is_monotonic_increasing:
        step_back = np.flatnonzero(index[1:] < index[:-1])[0]
        raise ValueError(
            f"timestamps must be in increasing order, but {index[step_back + 1]} "
            f"comes after {index[step_back]} (row {step_back + 1}); sort by time "
            "first (df.sort_index(), or sort the file)."
        )
    return index


def _check_numeric(column: pd.Series, name: str, what: str) -> None:
    if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(
        column
    ):
        numbers_ = pd.to_numeric(column, errors="coerce")
        bad = column[numbers_.isna() & column.notna()]
        where = (
            f"; the first is {bad.iloc[0]!r} at {bad.index[0]}"
            if len(bad)
            else ""
        )
        raise TypeError(
            f"{what} {name!r} must hold numbers, but its type is {column.dtype}"
            f"{where}. Fix or remove the non-numeric values."
        )


def _check_finite(column: pd.Series, name: str, what: str) -> None:
    values = column.to_numpy(dtype="float64")
    bad = ~np.isfinite(values)
    if bad.any():
        raise ValueError(
            f"{what} {name!r} holds {int(bad.sum())} missing or infinite value(s), "
            f"the first at {column.index[np.flatnonzero(bad)[0]]}. Fill short gaps "
            "(lstm_course.forecaster.fill_gaps interpolates them) or cut the series "
            "before them."
        )


def _as_frame(data, target):
    if isinstance(data, pd.Series):
        name = str(data.name) if data.name is not None else "value"
        if target is not None and target != name:
            raise ValueError(
                f"target={target!r}, but data is a Series named {name!r}; pass "
                "target=None (or the Series' name), or a DataFrame."
            )
        return data.rename(name).to_frame(), name
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            "data must be a pandas DataFrame or Series indexed by time, but got "
            f"{type(data).__name__}."
        )
    if target is None:
        if data.shape[1] != 1:
            raise ValueError(
                f"data has {data.shape[1]} columns; say which one to forecast with "
                f"target=..., one of {[str(c) for c in data.columns]}."
            )
        target = data.columns[0]
    return data, target


def _check_columns(frame: pd.DataFrame, target, known) -> list:
    if isinstance(known, str):
        known = [known]
    try:
        known = list(known)
    except TypeError:
        raise TypeError(
            f"known_future must be a list of column names, got {known!r}."
        ) from None
    columns = [str(c) for c in frame.columns]
    for name, what in [(target, "target")] + [
        (k, "known_future") for k in known
    ]:
        if name not in frame.columns:
            raise ValueError(
                f"{what} column {name!r} is not in the data; the columns are {columns}."
            )
    if target in known:
        raise ValueError(
            f"the target {target!r} cannot also be a known_future column: its "
            "future is what is forecast."
        )
    if len(set(known)) != len(known):
        raise ValueError(f"known_future={known} names a column twice.")
    return known


def fill_gaps(data, *, max_gap: int = 3, columns=None):
    """Put a series on its regular time grid and fill short gaps in time.

    The rule: the frequency is inferred from the timestamps (``pd.infer_freq``,
    or, where steps are missing, the step that makes every timestamp fall on
    one grid); missing timestamps become rows, and each run of at most
    ``max_gap`` consecutive missing values of a column (missing rows or empty
    cells) is filled by linear interpolation in time. A longer run is refused,
    because inventing more than a few steps would teach the model a straight
    line: cut the series, or fill the gap with knowledge of what happened.
    Missing values before a column's first value or after its last are left
    missing.

    Parameters
    ----------
    data : pandas.DataFrame or pandas.Series
        Indexed by a sorted, unique :class:`pandas.DatetimeIndex` (time-zone
        aware or not).
    max_gap : int, default=3
        The longest run of missing steps filled (0 fills nothing: any gap is
        refused).
    columns : sequence of str, optional
        The columns to check and fill, which must be numeric; by default all
        columns.

    Returns
    -------
    filled : pandas.DataFrame or pandas.Series
        ``data`` on the full grid, with the short gaps filled.
    n_filled : int
        Rows in which at least one value was filled (new rows included).

    Raises
    ------
    TypeError
        If the index is not a DatetimeIndex or a column is not numeric.
    ValueError
        If timestamps are missing, repeated or out of order, no regular grid
        holds them all, or a gap is longer than ``max_gap`` steps (the message
        gives the number of such gaps and where the first one starts and ends).

    Examples
    --------
    >>> idx = pd.date_range("2024-01-01", periods=6, freq="h").delete([2, 3])
    >>> filled, n = fill_gaps(pd.Series([0.0, 1.0, 4.0, 5.0], index=idx))
    >>> filled.tolist(), n
    ([0.0, 1.0, 2.0, 3.0, 4.0, 5.0], 2)
    """
    max_gap = check_int(max_gap, "max_gap", minimum=0)
    if not isinstance(data, pd.DataFrame | pd.Series):
        raise TypeError(
            "data must be a pandas DataFrame or Series indexed by time, but got "
            f"{type(data).__name__}."
        )
    index = _check_index(data.index)
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    names = list(frame.columns) if columns is None else list(columns)
    for name in names:
        if name not in frame.columns:
            raise ValueError(
                f"column {name!r} is not in the data; the columns are "
                f"{[str(c) for c in frame.columns]}."
            )
        _check_numeric(frame[name], name, "column")
    offset = _grid_offset(index)
    if offset is None:
        raise ValueError(
            f"the {len(index)} timestamps, from {index[0]} to {index[-1]}, lie on no "
            "regular grid (no frequency fits them all); resample the series to a "
            "fixed step first (e.g. df.resample('1h').mean())."
        )
    grid = pd.date_range(index[0], index[-1], freq=offset, name=index.name)
    grid = grid.as_unit(index.unit)
    full = frame.reindex(grid)
    missing = full[names].isna().to_numpy()
    too_long = []
    for j, name in enumerate(names):
        column = missing[:, j]
        valid = np.flatnonzero(~column)
        if len(valid) == 0:
            continue
        inside = column.copy()
        inside[: valid[0]] = False
        inside[valid[-1] + 1 :] = False
        edges = np.diff(np.concatenate([[0], inside.astype(int), [0]]))
        starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        too_long += [
            (a, b, name)
            for a, b in zip(starts, stops, strict=True)
            if b - a > max_gap
        ]
    if too_long:
        too_long.sort()
        a, b, name = too_long[0]
        n_gaps = len({(start, stop) for start, stop, _ in too_long})
        raise ValueError(
            f"{n_gaps} gap(s) are longer than max_gap={max_gap} steps of "
            f"{offset.freqstr}; the first: {b - a} missing step(s) of {name!r} from "
            f"{grid[a]} to {grid[b - 1]}. Cut the series before or after the gap, "
            "fill it yourself, or allow longer gaps (max_gap, --max-gap on the "
            "command line)."
        )
    before = full[names].isna().to_numpy().any(axis=1)
    if before.any():
        full[names] = (
            full[names]
            .astype("float64")
            .interpolate(method="time", limit_area="inside")
        )
    after = full[names].isna().to_numpy().any(axis=1)
    n_filled = int((before & ~after).sum())
    filled = (
        full.iloc[:, 0].rename(data.name)
        if isinstance(data, pd.Series)
        else full
    )
    return filled, n_filled


# ------------------------------------------------------------------------------
# The recipe, shared by fit, evaluate and refit
# ------------------------------------------------------------------------------
class _Fitted(NamedTuple):
    scaler: Scaler
    residual_season: int
    validation_mae: dict
    model: object
    epochs_run: int
    best_epoch: int
    history: dict


def _no_retracing_warning(record: logging.LogRecord) -> bool:
    return "triggered tf.function retracing" not in record.getMessage()


def _epoch_logger():
    import keras

    class EpochLog(keras.callbacks.Callback):
        """Print one line per epoch to standard output: epoch, losses."""

        def on_epoch_end(self, epoch, logs=None):
            logs = logs or {}
            val = logs.get("val_loss")
            val_text = f", val_loss {val:.4f}" if val is not None else ""
            print(
                f"epoch {epoch + 1}/{self.params['epochs']}: loss "
                f"{logs.get('loss', float('nan')):.4f}{val_text}",
                flush=True,
            )

    return EpochLog()


def _call(model, X: np.ndarray, batch: int = 2048) -> np.ndarray:
    """The network's outputs for ``X``, called eagerly in batches.

    ``model.predict`` would trace a new ``tf.function`` for every network, and
    TensorFlow warns when many are traced (evaluate trains one per fold).
    """
    import keras

    parts = [
        keras.ops.convert_to_numpy(model(X[i : i + batch], training=False))
        for i in range(0, len(X), batch)
    ]
    return np.concatenate(parts).astype("float64")


def _part_sizes(n: int) -> tuple[int, int]:
    """Row counts of the training and validation parts, as split_chronologically."""
    cut_val = int(n * TRAIN_FRACTION)
    return cut_val, int(n * (TRAIN_FRACTION + VAL_FRACTION)) - cut_val


class Forecaster:
    """An LSTM forecaster for any regular series: the course's recipe in one object.

    Settings go in the constructor and are checked by :meth:`fit`, which learns
    from a DataFrame or Series indexed by time; fitted attributes end in ``_``
    (scikit-learn and sktime style). Everything is chosen on the validation
    rows, never on the test rows:

    - **Split.** Rows in time order: 70% train, 15% validate, 15% test. The
      scaler (mean and standard deviation of the target and the known-future
      columns) is fitted on the training rows.
    - **Inputs.** Each window holds ``lookback`` rows of the scaled target, the
      scaled ``known_future`` columns shifted by ``horizon`` (below), and the
      calendar: :func:`lstm_course.time_encodings` of the daily cycle for
      sub-daily data, of the week for daily and sub-daily data, and of the year
      when the data span at least a year.
    - **Known future.** A column listed in ``known_future`` (a work-day flag, a
      holiday, a planned price) is known in advance. Like chapter 12's
      ``workday_tomorrow``, it enters the window shifted by ``horizon`` rows: the
      row at time ``t`` carries the column's value at ``t + horizon``, so a window
      ending at ``T`` sees its values up to ``T + horizon``, the whole forecast
      period when ``lookback >= horizon``. The last ``horizon`` rows of the
      data have no such value; no training window uses them, and
      :meth:`predict` takes them from its ``future`` argument.
    - **Target.** The network learns the change from a naive forecast,
      persistence (the last value) or seasonal naive (the value one season
      earlier), whichever has the lower MAE on the validation windows.
    - **Training.** :func:`lstm_course.build_lstm_model`, Adam and the mean
      squared error, early stopping on the validation loss (``patience``),
      with the best epoch's weights restored.
    - **Intervals.** Split-conformal (:class:`lstm_course.ConformalIntervals`):
      one half-width per forecast step, from the absolute errors on the
      validation windows. The validation rows also chose the epoch, so the
      widths may be slightly optimistic; ``test_coverage_`` measures them
      on the test rows.

    Parameters
    ----------
    horizon : int
        Steps to forecast.
    lookback : int, optional
        Rows per input window. By default one week of steps for sub-daily data
        (at most 336, at least one day), four seasons for daily (28), monthly
        (48) and quarterly (16) data, else twice the horizon (at least 8). It
        must be at least one season.
    units : int, default=32
        Size of the LSTM's state.
    max_epochs : int, default=100
        A ceiling on the training epochs; early stopping usually ends sooner.
    patience : int, default=5
        Epochs without a lower validation loss before training stops.
    batch_size : int, default=128
    learning_rate : float, default=1e-3
        Adam's step size.
    interval : float, default=0.9
        Nominal coverage of the prediction intervals, in ``(0, 1)``.
    seed : int, default=42
        Seeds everything before each training run (:func:`lstm_course.set_seed`).
    verbose : int, default=0
        1 prints one line per epoch (and per fold in :meth:`evaluate`) to
        standard output; 0 prints nothing.

    Attributes
    ----------
    freq_ : pandas.DateOffset
        The frequency inferred from the timestamps.
    season_ : int
        Steps per season: per day for sub-daily data, 7 for daily, 5 for
        business-daily, 12 for monthly, 4 for quarterly data, else 1.
    lookback_ : int
        The lookback used.
    calendar_ : list of str
        The cycles encoded (``"day"``, ``"week"``, ``"year"``).
    target_ : str
    known_future_ : list of str
    residual_ : str
        ``"naive"`` or ``"seasonal naive"``: the forecast whose change the
        network learns.
    validation_mae_ : dict
        Validation MAE of the two naive candidates, in the target's units.
    epochs_run_, best_epoch_ : int
        Epochs trained, and the epoch whose weights were kept.
    interval_width_ : numpy.ndarray of shape (horizon,)
        Half-width of the interval at each step, in the target's units.
    test_scores_ : pandas.DataFrame
        :func:`lstm_course.compare` on the test windows: naive, seasonal naive
        (if the season is longer than one step), the linear model on the same
        windows and target (:class:`lstm_course.LinearForecaster`), and the
        LSTM; skill against the best of the first three.
    test_coverage_ : float
        Fraction of the test values inside their intervals.
    refitted_ : bool
        Whether :meth:`refit` retrained the network on all the rows.

    Examples
    --------
    >>> import lstm_course as lc
    >>> series = lc.synthetic_temperature(periods=150)
    >>> model = Forecaster(horizon=3, units=4, max_epochs=2).fit(series)
    >>> model.freq_.freqstr, model.season_, model.lookback_
    ('D', 7, 28)
    >>> forecast = model.predict()
    >>> forecast.index[0], list(forecast.columns)
    (Timestamp('2020-05-30 00:00:00'), ['forecast', 'lower', 'upper'])
    """

    def __init__(
        self,
        horizon: int,
        lookback: int | None = None,
        *,
        units: int = 32,
        max_epochs: int = 100,
        patience: int = 5,
        batch_size: int = 128,
        learning_rate: float = 1e-3,
        interval: float = 0.9,
        seed: int = 42,
        verbose: int = 0,
    ):
        self.horizon = horizon
        self.lookback = lookback
        self.units = units
        self.max_epochs = max_epochs
        self.patience = patience
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.interval = interval
        self.seed = seed
        self.verbose = verbose

    _SETTINGS = (
        "horizon",
        "lookback",
        "units",
        "max_epochs",
        "patience",
        "batch_size",
        "learning_rate",
        "interval",
        "seed",
        "verbose",
    )

    def get_params(self) -> dict:
        """The settings given to the constructor, as a dict.

        Examples
        --------
        >>> Forecaster(horizon=24).get_params()["horizon"]
        24
        """
        return {name: getattr(self, name) for name in self._SETTINGS}

    def __repr__(self) -> str:
        defaults = Forecaster(horizon=1).get_params()
        shown = [f"horizon={self.horizon!r}"] + [
            f"{k}={v!r}"
            for k, v in self.get_params().items()
            if k != "horizon" and v != defaults[k]
        ]
        return f"Forecaster({', '.join(shown)})"

    # -- checks -------------------------------------------------------------------
    def _check_settings(self) -> None:
        check_int(self.horizon, "horizon", minimum=1)
        if self.lookback is not None:
            check_int(self.lookback, "lookback", minimum=1)
        check_int(self.units, "units", minimum=1)
        check_int(self.max_epochs, "max_epochs", minimum=1)
        check_int(self.patience, "patience", minimum=1)
        check_int(self.batch_size, "batch_size", minimum=1)
        _check_learning_rate(self.learning_rate)
        interval = self.interval
        if isinstance(interval, bool) or not isinstance(
            interval, numbers.Real
        ):
            raise TypeError(
                f"interval must be a coverage such as 0.9, but got {interval!r}."
            )
        if not 0 < interval < 1:
            raise ValueError(
                f"interval={interval} must lie strictly between 0 and 1 "
                "(0.9 asks for intervals that cover 90% of the values)."
            )
        check_int(self.seed, "seed", minimum=0)
        if self.verbose not in (0, 1):
            raise ValueError(
                f"verbose must be 0 or 1 (or a bool), got {self.verbose!r}."
            )

    def _enough_rows(self, n: int, lookback: int) -> bool:
        """Whether ``n`` rows give every part enough windows."""
        n_train, n_val = _part_sizes(n)
        return (
            n_train - lookback - self.horizon + 1 >= MIN_TRAIN_WINDOWS
            and n_val >= self.horizon - 1 + self._calibration_windows()
            and n - n_train - n_val >= self.horizon
        )

    def _min_rows(self, lookback: int) -> int:
        """The fewest rows for which every part has enough windows."""
        bound = max(  # each part's rows over its fraction, less the rounding
            (lookback + self.horizon - 1 + MIN_TRAIN_WINDOWS) / TRAIN_FRACTION,
            (self.horizon - 1 + self._calibration_windows()) / VAL_FRACTION,
        )
        n = max(3, math.floor(bound) - 10)
        while not self._enough_rows(n, lookback):
            n += 1
        return n

    def _calibration_windows(self) -> int:
        alpha = 1 - float(self.interval)
        return math.ceil((1 - alpha) / alpha - 1e-9)

    def _check_data(self, data, target, known_future):
        frame, target = _as_frame(data, target)
        index = _check_index(frame.index)
        known = _check_columns(frame, target, known_future)
        for name, what in [(target, "target")] + [
            (k, "known_future") for k in known
        ]:
            _check_numeric(frame[name], name, what)
            _check_finite(frame[name], name, what)
        offset = _infer_offset(index)
        if offset is None:
            step = _grid_offset(index)
            if step is None:
                detail = "no frequency fits them"
            else:
                grid = pd.date_range(index[0], index[-1], freq=step)
                missing = grid.difference(index)
                detail = (
                    f"{len(missing)} step(s) of {step.freqstr} are missing, the "
                    f"first {missing[0]}"
                )
            raise ValueError(
                f"the timestamps are not on a regular grid ({detail}). Fill short "
                "gaps with lstm_course.forecaster.fill_gaps (the command line does "
                "this), or resample the series to a fixed step."
            )
        season = _season(offset)
        lookback = (
            _default_lookback(offset, season, self.horizon)
            if self.lookback is None
            else self.lookback
        )
        if lookback < season:
            raise ValueError(
                f"lookback={lookback} is shorter than one season ({season} steps of "
                f"{offset.freqstr}), so the seasonal naive forecast cannot be read "
                f"from a window; use lookback >= {season}, or leave it unset."
            )
        if not self._enough_rows(len(frame), lookback):
            needed = self._min_rows(lookback)
            raise ValueError(
                f"horizon={self.horizon} with lookback={lookback} needs at least "
                f"{needed} rows, but the data has {len(frame)}: the training part "
                f"(70%) needs lookback + horizon + {MIN_TRAIN_WINDOWS - 1} rows, the "
                f"validation part (15%) horizon + {self._calibration_windows() - 1} "
                f"for the {self.interval:.0%} interval, the test part (15%) "
                "horizon. Use a shorter horizon or lookback, or more data."
            )
        frame = frame[[target, *known]].astype("float64")
        return frame, target, known, offset, season, lookback

    # -- the recipe ---------------------------------------------------------------
    def _raw(self, frame: pd.DataFrame) -> np.ndarray:
        """Target and known columns, the known ones shifted: (n, 1 + known)."""
        columns = [frame[self.target_].to_numpy()]
        columns += [
            frame[k].shift(-self.horizon).to_numpy()
            for k in self.known_future_
        ]
        return np.column_stack(columns).astype("float64")

    def _design(self, raw: np.ndarray, index, scaler: Scaler) -> np.ndarray:
        """The scaled model inputs of every row, the calendar appended."""
        scaled = (raw - scaler.mean) / scaler.scale
        calendar = time_encodings(index, periods=self.calendar_).to_numpy()
        return np.nan_to_num(np.column_stack([scaled, calendar]), nan=0.0)

    def _fit_scaler(self, raw: np.ndarray, stop: int) -> Scaler:
        rows = raw[:stop]
        mean, scale = np.nanmean(rows, axis=0), np.nanstd(rows, axis=0)
        if scale[0] == 0:
            raise ValueError(
                f"the target {self.target_!r} is constant in the training rows, so "
                "there is nothing to learn; a constant forecast needs no model."
            )
        # A known column constant in training (a flag never set) is left unscaled.
        return Scaler(mean, np.where(scale == 0, 1.0, scale))

    def _windows(self, design: np.ndarray, start: int, stop: int):
        """Windows whose targets all lie in rows ``start:stop``, inputs before."""
        X, y = make_windows(
            design[start - self.lookback_ : stop], self.lookback_, self.horizon
        )
        return X.astype("float32"), y.reshape(len(y), self.horizon)

    def _base(self, X: np.ndarray, season: int) -> np.ndarray:
        if season == 1:
            forecast = naive_forecast(X, self.horizon)
        else:
            forecast = seasonal_naive_forecast(X, season, self.horizon)
        return forecast.reshape(len(X), self.horizon)

    def _log(self, text: str) -> None:
        if self.verbose:
            print(text, flush=True)

    def _train(self, X, y, season, *, validation=None, epochs=None, log=True):
        """A fresh, seeded LSTM trained on the change from the naive forecast."""
        import keras

        set_seed(self.seed)
        model = build_lstm_model(
            self.lookback_,
            X.shape[2],
            units=self.units,
            horizon=self.horizon,
            learning_rate=float(self.learning_rate),
        )
        callbacks = [_epoch_logger()] if self.verbose and log else []
        extra = {}
        if validation is not None:
            X_val, y_val = validation
            extra["validation_data"] = (
                X_val,
                y_val - self._base(X_val, season),
            )
            callbacks.append(
                keras.callbacks.EarlyStopping(
                    patience=self.patience, restore_best_weights=True
                )
            )
        # Every fold trains a new network, and TensorFlow warns (on stderr) when
        # a few short trainings in a row each trace their step function: an
        # expected cost here, not a bug to fix, so that one warning is dropped.
        logger = logging.getLogger("tensorflow")
        logger.addFilter(_no_retracing_warning)
        try:
            history = model.fit(
                X,
                y - self._base(X, season),
                epochs=epochs or self.max_epochs,
                batch_size=self.batch_size,
                callbacks=callbacks,
                verbose=0,
                **extra,
            )
        finally:
            logger.removeFilter(_no_retracing_warning)
        return model, {
            k: [float(v) for v in vs] for k, vs in history.history.items()
        }

    def _fit_rows(self, raw, index, train_stop, val_stop, log_epochs=True):
        """Scaler, residual choice and early-stopped network from given rows."""
        scaler = self._fit_scaler(raw, train_stop)
        design = self._design(raw, index, scaler)
        X, y = self._windows(design, self.lookback_, train_stop)
        X_val, y_val = self._windows(design, train_stop, val_stop)
        unit = float(scaler.scale[0])
        candidates = [1] if self.season_ == 1 else [1, self.season_]
        scores = {
            _NAMES[1 if s == 1 else "seasonal"]: mae(
                y_val, self._base(X_val, s)
            )
            * unit
            for s in candidates
        }
        season = candidates[int(np.argmin(list(scores.values())))]
        model, history = self._train(
            X, y, season, validation=(X_val, y_val), log=log_epochs
        )
        losses = history["val_loss"]
        best = int(np.argmin(losses)) + 1
        return _Fitted(
            scaler, season, scores, model, len(losses), best, history
        )

    def _forecast(self, fitted: _Fitted, X: np.ndarray) -> np.ndarray:
        """Forecasts of windows, in the target's units: (windows, horizon)."""
        change = _call(fitted.model, X)
        scaled = self._base(X, fitted.residual_season) + change
        return fitted.scaler.inverse_transform(scaled, column=0)

    def _scores(
        self, fitted: _Fitted, design, raw, train_stop, val_stop, stop
    ):
        """Truth and the forecasts of naive, seasonal naive, linear and LSTM."""
        X, y = self._windows(design, val_stop, stop)
        X_train, y_train = self._windows(design, self.lookback_, train_stop)
        X_val, y_val = self._windows(design, train_stop, val_stop)
        to_units = lambda v: fitted.scaler.inverse_transform(v, column=0)  # noqa: E731
        forecasts = {"naive": to_units(self._base(X, 1))}
        if self.season_ > 1:
            forecasts["seasonal naive"] = to_units(self._base(X, self.season_))
        linear = LinearForecaster(residual_season=fitted.residual_season)
        linear.fit(X_train, y_train, X_val, y_val)
        forecasts["linear"] = to_units(linear.predict(X))
        forecasts["LSTM"] = self._forecast(fitted, X)
        return to_units(y), forecasts, raw[:train_stop, 0]

    # -- public API ---------------------------------------------------------------
    def fit(self, data, target=None, known_future=()) -> Forecaster:
        """Check the data, split it in time order, and train the network.

        Parameters
        ----------
        data : pandas.DataFrame or pandas.Series
            Indexed by a sorted, unique, regular :class:`pandas.DatetimeIndex`
            (time-zone aware or not); one row per time step. Columns other
            than the target and ``known_future`` are ignored.
        target : str, optional
            The column to forecast; may be left out for a Series or a
            one-column DataFrame.
        known_future : sequence of str, default=()
            Columns whose future values are known when the forecast is made (a
            calendar flag, a planned event). :meth:`predict` then needs their
            values for the forecast timestamps.

        Returns
        -------
        Forecaster
            ``self``, fitted.

        Raises
        ------
        TypeError
            If ``data`` is not a pandas object indexed by time, a setting has
            the wrong type, or a column is not numeric.
        ValueError
            If timestamps are repeated, out of order or irregular, a value is
            missing, a column is unknown, a setting is out of range, or there
            are too few rows (the message says how many are needed).
        """
        self._check_settings()
        frame, target, known, offset, season, lookback = self._check_data(
            data, target, known_future
        )
        self.freq_, self.season_, self.lookback_ = offset, season, lookback
        self.target_, self.known_future_ = target, known
        self.calendar_ = _calendar(offset, frame.index)
        self._frame = frame
        n = len(frame)
        n_train, n_val = _part_sizes(n)
        raw = self._raw(frame)
        self._log(
            f"fitting: {n} rows of {offset.freqstr}, {n_train} train / {n_val} "
            f"validate / {n - n_train - n_val} test; lookback {lookback}, horizon "
            f"{self.horizon}, season {season}, calendar {self.calendar_ or 'none'}"
        )
        fitted = self._fit_rows(raw, frame.index, n_train, n_train + n_val)
        self._fitted = fitted
        self.residual_ = _NAMES[
            1 if fitted.residual_season == 1 else "seasonal"
        ]
        self.validation_mae_ = fitted.validation_mae
        self.epochs_run_, self.best_epoch_ = (
            fitted.epochs_run,
            fitted.best_epoch,
        )
        self.history_ = fitted.history
        self._log(
            f"stopped after {self.epochs_run_} epochs (best: epoch "
            f"{self.best_epoch_}); the network learns the change from the "
            f"{self.residual_} forecast"
        )
        design = self._design(raw, frame.index, fitted.scaler)
        X_val, y_val = self._windows(design, n_train, n_train + n_val)
        intervals = ConformalIntervals(alpha=1 - float(self.interval)).fit(
            fitted.scaler.inverse_transform(y_val, column=0),
            self._forecast(fitted, X_val),
        )
        self.interval_width_ = intervals.width_
        y_true, forecasts, y_train = self._scores(
            fitted, design, raw, n_train, n_train + n_val, n
        )
        self.test_scores_ = compare(
            forecasts,
            y_true,
            y_train,
            self.season_,
            baselines=[k for k in forecasts if k != "LSTM"],
        )
        self.test_coverage_ = interval_coverage(
            y_true,
            forecasts["LSTM"] - self.interval_width_,
            forecasts["LSTM"] + self.interval_width_,
        )
        self.refitted_ = False
        self._keep_history(frame)
        return self

    def _keep_history(self, frame: pd.DataFrame) -> None:
        """The last lookback rows: all predict needs of the data."""
        self._history = frame.iloc[-self.lookback_ :].copy()

    def _check_fitted(self) -> None:
        if not hasattr(self, "_fitted"):
            raise RuntimeError(
                "this Forecaster is not fitted yet; call fit(data, target=...) "
                "first (or Forecaster.load(path))."
            )

    def forecast_index(self) -> pd.DatetimeIndex:
        """The ``horizon`` timestamps after the end of the data.

        Same frequency and time zone as the data.

        Examples
        --------
        >>> import lstm_course as lc
        >>> series = lc.synthetic_consumption(periods=24 * 30)
        >>> model = Forecaster(horizon=2, lookback=24, units=2, max_epochs=1)
        >>> [str(t) for t in model.fit(series).forecast_index()]
        ['2020-01-31 00:00:00', '2020-01-31 01:00:00']
        """
        self._check_fitted()
        last = self._history.index[-1]
        index = pd.date_range(last, periods=self.horizon + 1, freq=self.freq_)[
            1:
        ]
        return index.as_unit(self._history.index.unit).rename(
            self._history.index.name
        )

    def _future_values(self, future) -> np.ndarray:
        index = self.forecast_index()
        if not self.known_future_:
            if future is not None:
                raise ValueError(
                    "this Forecaster was fitted without known_future columns; call "
                    "predict() without future."
                )
            return np.empty((self.horizon, 0))
        if future is None:
            raise ValueError(
                f"this Forecaster uses the known-future column(s) "
                f"{self.known_future_}; pass their values for the {self.horizon} "
                f"forecast timestamps, {index[0]} to {index[-1]}, as "
                "predict(future=DataFrame indexed by those timestamps)."
            )
        if not isinstance(future, pd.DataFrame) or not isinstance(
            future.index, pd.DatetimeIndex
        ):
            raise TypeError(
                "future must be a pandas DataFrame indexed by the forecast "
                "timestamps (see forecast_index()), with the known-future columns."
            )
        lacking = [k for k in self.known_future_ if k not in future.columns]
        if lacking:
            raise ValueError(
                f"future lacks the known-future column(s) {lacking}; it has "
                f"{[str(c) for c in future.columns]}."
            )
        future_index = future.index
        if (future_index.tz is None) != (index.tz is None):
            raise ValueError(
                "future's timestamps and the data's must both be time-zone aware "
                "or both naive."
            )
        if index.tz is not None:
            future = future.set_axis(future_index.tz_convert(index.tz))
        missing = index.difference(future.index)
        if len(missing):
            raise ValueError(
                f"future lacks {len(missing)} of the {self.horizon} forecast "
                f"timestamps, the first {missing[0]}; give the known-future values "
                f"from {index[0]} to {index[-1]}."
            )
        values = future.loc[index, self.known_future_]
        for name in self.known_future_:
            _check_numeric(values[name], name, "future column")
            _check_finite(values[name], name, "future column")
        return values.to_numpy(dtype="float64")

    def _last_window(self, future) -> np.ndarray:
        history = self._history
        future_values = self._future_values(future)
        known = history[self.known_future_].to_numpy(dtype="float64")
        known = np.concatenate([known, future_values])[self.horizon :]
        raw = np.column_stack([history[self.target_].to_numpy(), known])
        design = self._design(raw, history.index, self._fitted.scaler)
        return design[None].astype("float32")

    def predict(self, future=None) -> pd.DataFrame:
        """Forecast the ``horizon`` steps after the end of the data.

        The window is the last ``lookback`` rows of the data given to
        :meth:`fit`, so the first forecast step is the first timestamp after
        the data.

        Parameters
        ----------
        future : pandas.DataFrame, optional
            Required when the forecaster was fitted with ``known_future``
            columns: their values at the forecast timestamps
            (:meth:`forecast_index`), one row each (more rows are ignored).

        Returns
        -------
        pandas.DataFrame
            Indexed by :meth:`forecast_index`, with columns ``forecast``,
            ``lower`` and ``upper`` (the bounds of the ``interval`` prediction
            interval), in the target's units.

        Raises
        ------
        RuntimeError
            If the forecaster is not fitted.
        TypeError, ValueError
            If ``future`` is needed and missing, lacks a column or a timestamp,
            or holds non-numeric or missing values.
        """
        self._check_fitted()
        window = self._last_window(future)
        forecast = self._forecast(self._fitted, window)[0]
        return pd.DataFrame(
            {
                "forecast": forecast,
                "lower": forecast - self.interval_width_,
                "upper": forecast + self.interval_width_,
            },
            index=self.forecast_index(),
        )

    def _check_data_kept(self, method: str) -> tuple[pd.DataFrame, np.ndarray]:
        self._check_fitted()
        if getattr(self, "_frame", None) is None:
            raise RuntimeError(
                f"{method}() needs the data the forecaster was fitted on, which a "
                "loaded Forecaster does not keep; fit a new one on the data."
            )
        return self._frame, self._raw(self._frame)

    def evaluate(self, folds: int = 4) -> pd.DataFrame:
        """Backtest the recipe at several forecast origins against the baselines.

        The newest 30% of the rows (the validation and test parts of
        :meth:`fit`) are cut into ``folds`` consecutive test blocks
        (:func:`lstm_course.rolling_origins`). At each, the whole recipe is
        rerun on the rows before it: scaler, residual choice and early stopping
        on the 15% of rows just before the block, training on all earlier rows.
        The naive forecast, the seasonal naive forecast (when the season is
        longer than one step), the linear model on the same windows and target
        (:class:`lstm_course.LinearForecaster`) and the LSTM forecast the
        block's windows, scored by :func:`lstm_course.backtest`.

        Parameters
        ----------
        folds : int, default=4
            Forecast origins (at least 2).

        Returns
        -------
        pandas.DataFrame
            One row per model (naive, seasonal naive, linear, LSTM) with the
            mean and standard deviation of the fold MAEs, the mean RMSE, MASE
            and skill (against the best of the non-LSTM models in each fold),
            and the MAE of all folds pooled. ``backtest_`` keeps the whole
            :class:`lstm_course.evaluation.Backtest` (per-fold table, errors).

        Raises
        ------
        RuntimeError
            If the forecaster is not fitted, or was loaded (the data is not
            kept).
        ValueError
            If the test blocks would be shorter than the horizon, or the first
            fold has too few training rows.
        """
        frame, raw = self._check_data_kept("evaluate")
        folds = check_int(folds, "folds", minimum=2)
        n = len(frame)
        n_train, val_size = _part_sizes(n)
        test_size = (n - n_train) // folds
        first_test = n - folds * test_size
        if test_size < self.horizon:
            raise ValueError(
                f"folds={folds} cuts the newest {n - n_train} rows into test blocks "
                f"of {test_size} rows, fewer than horizon={self.horizon}; use fewer "
                "folds or more data."
            )
        if first_test - val_size - self.lookback_ - self.horizon + 1 < (
            MIN_TRAIN_WINDOWS
        ):
            raise ValueError(
                f"the first of {folds} folds would train on {first_test - val_size} "
                f"rows, too few for lookback={self.lookback_} and horizon="
                f"{self.horizon}; use fewer folds or more data."
            )
        origins = rolling_origins(
            n,
            folds=folds,
            test_size=test_size,
            val_size=val_size,
            first_test=first_test,
        )

        def run_fold(fold):
            fitted = self._fit_rows(
                raw,
                frame.index,
                fold.val.start,
                fold.val.stop,
                log_epochs=False,
            )
            design = self._design(raw, frame.index, fitted.scaler)
            returned = self._scores(
                fitted,
                design,
                raw,
                fold.val.start,
                fold.val.stop,
                fold.test.stop,
            )
            y_true, forecasts, _ = returned
            self._log(
                f"fold {fold.number + 1}/{folds}: {fold.val.start} training rows, "
                f"{fitted.epochs_run} epochs (best {fitted.best_epoch}); test "
                f"{frame.index[fold.test.start]} to {frame.index[fold.test.stop - 1]}"
                "; MAE "
                + ", ".join(
                    f"{k} {mae(y_true, f):.4g}" for k, f in forecasts.items()
                )
            )
            return returned

        result = _with_lstm_skill(
            backtest(run_fold, origins, season=self.season_)
        )
        self.backtest_ = result
        return result.summary

    def refit(self) -> Forecaster:
        """Retrain the network on all the rows, for the validation-chosen epochs.

        The forecaster of :meth:`fit` learned from the oldest 70% of the rows;
        before forecasting the future, the newest rows are worth learning from
        too. :meth:`refit` refits the scaler on all the rows and trains a fresh
        network (same seed and settings) on every window of the data, for
        ``best_epoch_`` epochs: the number early stopping chose on the
        validation rows, since no rows are left to stop on. What was chosen on
        the validation rows stays: the lookback, the residual target and the
        interval widths (measured for the network trained on 70% of the rows,
        so an estimate for the refitted one). ``test_scores_`` and
        :meth:`evaluate` describe the recipe, not the refitted network.

        Returns
        -------
        Forecaster
            ``self``, with ``refitted_`` True.

        Raises
        ------
        RuntimeError
            If the forecaster is not fitted, or was loaded.
        """
        frame, raw = self._check_data_kept("refit")
        n = len(frame)
        scaler = self._fit_scaler(raw, n)
        design = self._design(raw, frame.index, scaler)
        X, y = self._windows(design, self.lookback_, n)
        self._log(f"refitting on all {n} rows for {self.best_epoch_} epochs")
        season = self._fitted.residual_season
        model, history = self._train(X, y, season, epochs=self.best_epoch_)
        self._fitted = self._fitted._replace(
            scaler=scaler, model=model, history=history
        )
        self.refitted_ = True
        return self

    # -- saving -------------------------------------------------------------------
    def save(self, path) -> Path:
        """Save the fitted forecaster to the folder ``path``.

        Two files: ``model.keras`` (the Keras network) and ``forecaster.json``
        (``format_version``, the settings, the frequency, time zone and
        columns, the scaler, the residual choice, the interval widths, the
        fitted attributes and the last ``lookback`` rows of the data, which
        :meth:`predict` reads). The folder is created if needed; files of an
        earlier save are replaced.

        Parameters
        ----------
        path : str or pathlib.Path

        Returns
        -------
        pathlib.Path
            The folder.

        Raises
        ------
        RuntimeError
            If the forecaster is not fitted.
        OSError
            If the folder cannot be written.
        """
        self._check_fitted()
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        history = self._history
        fitted = self._fitted
        state = {
            "format_version": FORMAT_VERSION,
            "lstm_course_version": _package_version(),
            "settings": self.get_params(),
            "freq": self.freq_.freqstr,
            "season": self.season_,
            "lookback": self.lookback_,
            "calendar": self.calendar_,
            "target": str(self.target_),
            "known_future": [str(k) for k in self.known_future_],
            "residual": self.residual_,
            "residual_season": fitted.residual_season,
            "validation_mae": self.validation_mae_,
            "scaler": {
                "mean": [float(v) for v in fitted.scaler.mean],
                "scale": [float(v) for v in fitted.scaler.scale],
            },
            "interval_width": [float(v) for v in self.interval_width_],
            "epochs_run": self.epochs_run_,
            "best_epoch": self.best_epoch_,
            "refitted": self.refitted_,
            "test_scores": {
                name: {k: float(v) for k, v in row.items()}
                for name, row in self.test_scores_.to_dict(
                    orient="index"
                ).items()
            },
            "test_scores_baseline": self.test_scores_.attrs.get("baseline"),
            "test_coverage": float(self.test_coverage_),
            "history": {
                "index_name": history.index.name,
                "unit": history.index.unit,
                "tz": _tz_to_json(history.index.tz),
                "utc": [_utc_iso(t) for t in history.index],
                "columns": {
                    str(c): [float(v) for v in history[c]]
                    for c in history.columns
                },
            },
        }
        fitted.model.save(folder / _MODEL_FILE)
        text = json.dumps(state, indent=1, allow_nan=False)
        (folder / _SETTINGS_FILE).write_text(text + "\n", encoding="utf-8")
        return folder

    @classmethod
    def load(cls, path) -> Forecaster:
        """Load a forecaster saved by :meth:`save`; it forecasts identically.

        A loaded forecaster predicts (same forecasts, bit for bit) but keeps
        none of the data except the last ``lookback`` rows, so
        :meth:`evaluate` and :meth:`refit` need a new :meth:`fit`.

        Parameters
        ----------
        path : str or pathlib.Path
            The folder given to :meth:`save`.

        Returns
        -------
        Forecaster

        Raises
        ------
        FileNotFoundError
            If the folder or one of its two files is missing.
        ValueError
            If the files were written by a newer version of the format (or are
            not a forecaster's files).
        """
        import keras

        folder = Path(path)
        settings_file, model_file = (
            folder / _SETTINGS_FILE,
            folder / _MODEL_FILE,
        )
        for file in (settings_file, model_file):
            if not file.is_file():
                raise FileNotFoundError(
                    f"{file} does not exist; Forecaster.load needs the folder "
                    "written by Forecaster.save (with forecaster.json and "
                    "model.keras)."
                )
        try:
            state = json.loads(settings_file.read_text(encoding="utf-8"))
            version = state["format_version"]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise ValueError(
                f"{settings_file} is not a saved Forecaster (no format_version)."
            ) from None
        if (
            isinstance(version, bool)
            or not isinstance(version, int)
            or version < 1
        ):
            raise ValueError(
                f"{settings_file} has format_version={version!r}, which is not a "
                "format this package wrote."
            )
        if version > FORMAT_VERSION:
            raise ValueError(
                f"{settings_file} was saved in format_version {version} (by "
                f"lstm_course {state.get('lstm_course_version', '?')}), but this "
                f"lstm_course reads format_version {FORMAT_VERSION} and older; "
                "upgrade lstm_course to load it."
            )
        forecaster = cls(**state["settings"])
        forecaster.freq_ = to_offset(state["freq"])
        forecaster.season_ = state["season"]
        forecaster.lookback_ = state["lookback"]
        forecaster.calendar_ = state["calendar"]
        forecaster.target_ = state["target"]
        forecaster.known_future_ = state["known_future"]
        forecaster.residual_ = state["residual"]
        forecaster.validation_mae_ = state["validation_mae"]
        forecaster.interval_width_ = np.array(state["interval_width"])
        forecaster.epochs_run_ = state["epochs_run"]
        forecaster.best_epoch_ = state["best_epoch"]
        forecaster.refitted_ = state["refitted"]
        scores = pd.DataFrame.from_dict(state["test_scores"], orient="index")
        scores.attrs["baseline"] = state["test_scores_baseline"]
        forecaster.test_scores_ = scores
        forecaster.test_coverage_ = state["test_coverage"]
        history = state["history"]
        index = pd.DatetimeIndex(pd.to_datetime(history["utc"], utc=True))
        tz = _tz_from_json(history["tz"])
        index = (
            index.tz_convert(tz) if tz is not None else index.tz_localize(None)
        )
        index = index.as_unit(history["unit"]).rename(history["index_name"])
        forecaster._history = pd.DataFrame(history["columns"], index=index)
        scaler = Scaler(
            np.array(state["scaler"]["mean"]),
            np.array(state["scaler"]["scale"]),
        )
        model = keras.saving.load_model(model_file, compile=False)
        forecaster._fitted = _Fitted(
            scaler,
            state["residual_season"],
            forecaster.validation_mae_,
            model,
            forecaster.epochs_run_,
            forecaster.best_epoch_,
            {},
        )
        forecaster._frame = None
        return forecaster


def _with_lstm_skill(result):
    """The backtest summary with the mean RMSE; skill against the non-LSTM models.

    :func:`lstm_course.backtest` scores skill against the best of all models;
    rescore it against the best of the baselines (all models but the LSTM).
    """
    per_fold = result.folds.copy()
    for _, rows in per_fold.groupby("fold"):
        best = rows.loc[rows["model"] != "LSTM", "MAE"].min()
        per_fold.loc[rows.index, "skill"] = 1 - rows["MAE"] / best
    grouped = per_fold.groupby("model", sort=False)
    summary = result.summary.copy()
    summary.insert(2, "RMSE mean", grouped["RMSE"].mean())
    summary["skill mean"] = grouped["skill"].mean()
    summary.index.name = "model"
    return type(result)(per_fold, summary, result.errors)


def _package_version() -> str:
    from lstm_course import __version__

    return __version__


def _utc_iso(timestamp: pd.Timestamp) -> str:
    if timestamp.tzinfo is None:
        return timestamp.isoformat()
    return timestamp.tz_convert("UTC").isoformat()


def _tz_to_json(tz):
    if tz is None:
        return None
    if tz is dt.UTC:
        return {"name": "UTC"}
    key = getattr(tz, "key", None) or getattr(tz, "zone", None)
    if key:
        return {"name": str(key)}
    offset = tz.utcoffset(None)
    if offset is not None:
        return {
            "offset_seconds": offset.total_seconds(),
            "label": tz.tzname(None),
        }
    return {"name": str(tz)}


def _tz_from_json(info):
    if info is None:
        return None
    if "name" in info:
        return info["name"]
    return dt.timezone(
        dt.timedelta(seconds=info["offset_seconds"]), info["label"]
    )
