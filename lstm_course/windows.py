"""Windowing a series for an LSTM: zero-copy windows, a chronological split, scaling.

An LSTM reads *windows*: ``seq_length`` consecutive rows of a series, each followed
by the ``horizon`` values it should forecast. This module builds them without
copying the data (:func:`make_windows`), splits a series into train, validation and
test parts in time order (:func:`split_chronologically`), builds the windows of each
part so that a window may look *back* into the previous part but never *forward*
(:func:`window_split`, :func:`windows_with_context`), and scales every part with
statistics of the training part only (:func:`fit_scaler`).

A typical pipeline (chapter 7)::

    split = split_chronologically(series, train=0.7, val=0.15)
    scaler = fit_scaler(split.train)           # statistics of the training part only
    scaled = split.apply(scaler.transform)     # the same scaling for every part
    windows = window_split(scaled, seq_length=48, horizon=1)
    X_train, y_train = windows.train
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

from lstm_course._validation import check_int


def as_series_array(data, name: str = "data") -> np.ndarray:
    """Return ``data`` as a finite numeric NumPy array of shape ``(n,)`` or ``(n, f)``.

    NumPy arrays pass through without a copy; pandas objects become their values.

    Parameters
    ----------
    data : array_like of shape (n,) or (n, features)
        The series: one row per time step, one column per feature.
    name : str, default="data"
        The parameter's name, used in error messages.

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    TypeError
        If the values are not numbers (strings, dates, booleans, objects).
    ValueError
        If the array is not 1-D or 2-D, or holds NaN or inf (the message says
        where the first one is).

    Examples
    --------
    >>> as_series_array([1.0, 2.0, 3.0]).shape
    (3,)
    """
    if data is None:
        raise TypeError(
            f"{name} must be a numeric array, but got None. Pass a list of numbers, "
            "a NumPy array or a pandas Series/DataFrame."
        )
    if hasattr(data, "to_numpy"):  # pandas Series or DataFrame
        data = data.to_numpy()
    try:
        arr = np.asarray(data)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must be a numeric array, but NumPy could not read it: {exc}. "
            "Pass a list of numbers, a NumPy array or a pandas Series/DataFrame."
        ) from None
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must hold numbers, but its dtype is {arr.dtype} "
            f"({type(data).__name__}). Select the numeric columns, or convert with "
            f"np.asarray({name}, dtype='float32')."
        )
    if arr.ndim not in (1, 2):
        raise ValueError(
            f"{name} must be 1-D (n,) or 2-D (n, features), but has shape "
            f"{arr.shape}. It should be one series with one row per time step; "
            "if it is already windowed, pass the series it came from instead."
        )
    # np.sum propagates NaN and inf, so a finite sum proves every value is finite
    # without allocating a mask as large as the data; only then look for where.
    if (
        arr.dtype.kind == "f"
        and not np.isfinite(arr.sum())
        and not np.isfinite(arr).all()
    ):
        where = np.argwhere(~np.isfinite(arr))[0]
        bad = arr[tuple(where)]
        place = (
            f"index {where[0]}"
            if arr.ndim == 1
            else f"row {where[0]}, column {where[1]}"
        )
        n_bad = int((~np.isfinite(arr)).sum())
        raise ValueError(
            f"{name} holds {n_bad} NaN or inf value(s); the first ({bad}) is at "
            f"{place}. Fill or interpolate the gaps first (for example "
            "pandas' .interpolate()), or cut the series before them."
        )
    return arr


def check_time_order(data, name: str = "data") -> None:
    """Refuse a pandas object whose DatetimeIndex is unsorted or has duplicates.

    Windows and a chronological split read rows in the order they are stored, so
    rows must be in time order, each timestamp once. Other inputs (NumPy arrays,
    pandas objects without a DatetimeIndex) carry no timestamps to check.

    Parameters
    ----------
    data : object
        The series; only a pandas Series or DataFrame with a DatetimeIndex is
        checked.
    name : str, default="data"
        The parameter's name, used in error messages.

    Raises
    ------
    ValueError
        If a timestamp appears twice, or the timestamps are not increasing.

    Examples
    --------
    >>> import pandas as pd
    >>> index = pd.to_datetime(["2024-01-02", "2024-01-01"])
    >>> s = pd.Series([1.0, 2.0], index=index)
    >>> check_time_order(s)
    Traceback (most recent call last):
    ...
    ValueError: data's timestamps are not in time order ... data.sort_index().
    """
    index = getattr(data, "index", None)
    if not isinstance(index, pd.DatetimeIndex):
        return
    if index.hasnans:
        row = int(np.flatnonzero(index.isna())[0])
        raise ValueError(
            f"{name}'s timestamps include a missing one (NaT) at row {row}. Drop "
            f"those rows first: {name}[{name}.index.notna()]."
        )
    if not index.is_unique:
        dup = index[index.duplicated()][0]
        n_dup = int(index.duplicated().sum())
        raise ValueError(
            f"{name} has {n_dup} duplicated timestamp(s), the first {dup}. Keep one "
            f"row per timestamp first: {name}[~{name}.index.duplicated()] (or "
            f"{name}.groupby(level=0).mean() to average them)."
        )
    if not index.is_monotonic_increasing:
        row = int(np.flatnonzero(np.diff(index.asi8) < 0)[0]) + 1
        raise ValueError(
            f"{name}'s timestamps are not in time order ({index[row]} comes after "
            f"{index[row - 1]}, at row {row}). Sort it first: {name}.sort_index()."
        )


def _target_index(target, arr: np.ndarray, columns) -> int:
    n_features = 1 if arr.ndim == 1 else arr.shape[1]
    if isinstance(target, str):
        if columns is None:
            raise ValueError(
                f"target={target!r} is a column name, but data has no column names. "
                f"Pass the column's position, an integer from 0 to {n_features - 1}."
            )
        names = [str(c) for c in columns]
        if target not in names:
            raise ValueError(
                f"target={target!r} is not a column of data; the columns are {names}."
            )
        return names.index(target)
    target = check_int(target, "target", minimum=0)
    if target >= n_features:
        raise ValueError(
            f"target={target} does not exist: data has {n_features} feature "
            f"column(s), numbered 0 to {n_features - 1}. Pick one of those."
        )
    return target


def make_windows(
    data, seq_length: int, horizon: int = 1, target: int | str = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Cut a series into input windows and the values that follow each one.

    Window ``i`` holds rows ``i, ..., i + seq_length - 1`` of ``data``; its target
    is the next ``horizon`` values of column ``target``, rows
    ``i + seq_length, ..., i + seq_length + horizon - 1``. ``X`` is a read-only
    *view* of ``data`` made with
    :func:`numpy.lib.stride_tricks.sliding_window_view`: no window is copied.

    Parameters
    ----------
    data : array_like of shape (n,) or (n, features)
        The series, oldest row first. A NumPy array is used as it is (no copy);
        pandas objects are read through ``.to_numpy()``.
    seq_length : int
        Time steps per input window (at least 1).
    horizon : int, default=1
        How many future values each window must forecast (at least 1).
    target : int or str, default=0
        The column to forecast: its position, or its name for a DataFrame.

    Returns
    -------
    X : numpy.ndarray of shape (n - seq_length - horizon + 1, seq_length, features)
        Read-only view of ``data``; ``features`` is 1 for 1-D data.
    y : numpy.ndarray of shape (samples,) if horizon == 1, else (samples, horizon)
        Read-only view of column ``target``.

    Raises
    ------
    TypeError
        If ``data`` is not numeric, or ``seq_length``/``horizon``/``target`` is
        not an integer.
    ValueError
        If ``seq_length`` or ``horizon`` is below 1, the series has fewer than
        ``seq_length + horizon`` rows, ``data`` is not 1-D or 2-D or holds NaN
        or inf, ``target`` is not one of its columns, or (pandas with a
        DatetimeIndex) its timestamps are unsorted or duplicated.

    Examples
    --------
    >>> X, y = make_windows(np.arange(6.0), seq_length=3)
    >>> X.shape, y.shape
    ((3, 3, 1), (3,))
    >>> X[0, :, 0], y[0]
    (array([0., 1., 2.]), np.float64(3.0))
    >>> X, y = make_windows(np.arange(6.0), seq_length=3, horizon=2)
    >>> y
    array([[3., 4.],
           [4., 5.]])
    """
    columns = getattr(data, "columns", None)
    check_time_order(data)
    arr = as_series_array(data)
    seq_length = check_int(seq_length, "seq_length", minimum=1)
    horizon = check_int(horizon, "horizon", minimum=1)
    column = _target_index(target, arr, columns)
    n = arr.shape[0]
    if n < seq_length + horizon:
        raise ValueError(
            f"seq_length={seq_length} with horizon={horizon} needs at least "
            f"{seq_length + horizon} points (seq_length + horizon), but the series "
            f"has {n}. Use a shorter seq_length or horizon, or more data."
        )
    table = arr.reshape(n, -1)  # (n, features): a view, also for 1-D data
    # sliding_window_view puts the window axis last: (samples, features, seq_length).
    X = sliding_window_view(table[: n - horizon], seq_length, axis=0)
    X = X.transpose(0, 2, 1)
    if horizon == 1:
        y = table[seq_length:, column].view()
        y.flags.writeable = False
    else:
        y = sliding_window_view(table[seq_length:, column], horizon)
    return X, y


class Split(NamedTuple):
    """Three consecutive parts of a series, oldest first; unpacks like a tuple.

    Attributes
    ----------
    train, val, test : Any
        The training, validation and test parts (arrays, or whatever
        :meth:`apply` produced from them).
    """

    train: Any
    val: Any
    test: Any

    def apply(self, fn: Callable) -> Split:
        """Return a new :class:`Split` with ``fn`` applied to each part.

        Examples
        --------
        >>> Split(1, 2, 3).apply(lambda part: 10 * part)
        Split(train=10, val=20, test=30)
        """
        return Split(fn(self.train), fn(self.val), fn(self.test))


def split_chronologically(
    data, train: float = 0.7, val: float = 0.15
) -> Split:
    """Split a series in time order: the oldest rows train, the newest test.

    Never shuffle a time series before splitting: a model validated on rows that
    sit between its training rows has, in effect, seen the future.

    Parameters
    ----------
    data : array_like of shape (n,) or (n, features)
        The series, oldest row first.
    train : float, default=0.7
        Fraction of rows for training, in ``(0, 1)``.
    val : float, default=0.15
        Fraction of rows for validation, in ``(0, 1)``; the test part gets the
        remaining ``1 - train - val``, which must be positive.

    Returns
    -------
    Split
        ``Split(train, val, test)``, three views of ``data``. The training part
        has ``int(n * train)`` rows, the validation part ``int(n * (train + val))
        - int(n * train)``, the test part the rest.

    Raises
    ------
    TypeError, ValueError
        If ``data`` is not a finite numeric 1-D or 2-D array, a fraction is out
        of range, a part would be empty, or (pandas with a DatetimeIndex) its
        timestamps are unsorted or duplicated: a frame sorted newest first would
        otherwise test on its oldest rows.

    Examples
    --------
    >>> parts = split_chronologically(np.arange(10.0), train=0.6, val=0.2)
    >>> parts.train, parts.val, parts.test
    (array([0., 1., 2., 3., 4., 5.]), array([6., 7.]), array([8., 9.]))
    """
    check_time_order(data)
    arr = as_series_array(data)
    for name, value in (("train", train), ("val", val)):
        if isinstance(value, bool) or not isinstance(
            value, int | float | np.floating
        ):
            raise TypeError(
                f"{name} must be a fraction such as 0.7, but got {value!r}."
            )
        if not 0 < value < 1:  # NaN fails this too
            raise ValueError(
                f"{name}={value} must be a fraction strictly between 0 and 1."
            )
    if train + val >= 1:
        raise ValueError(
            f"train={train} + val={val} = {train + val:g} leaves nothing for the test "
            "part; make the two fractions add up to less than 1 (e.g. 0.7 and 0.15)."
        )
    n = arr.shape[0]
    cut_val, cut_test = int(n * train), int(n * (train + val))
    sizes = {"train": cut_val, "val": cut_test - cut_val, "test": n - cut_test}
    empty = [name for name, size in sizes.items() if size == 0]
    if empty:
        raise ValueError(
            f"a series of {n} rows split {train}/{val}/{1 - train - val:g} leaves "
            f"the {' and '.join(empty)} part(s) empty; use a longer series."
        )
    return Split(arr[:cut_val], arr[cut_val:cut_test], arr[cut_test:])


def windows_with_context(
    context, part, seq_length: int, horizon: int = 1, target: int | str = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Windows whose targets all lie in ``part``, looking back into ``context``.

    The first window's inputs are the last ``seq_length`` rows of ``context``
    (the rows just before ``part``) and its target is the first row of ``part``;
    later windows slide forward one row at a time until their last target is the
    last row of ``part``. Inputs come only from rows *before* their targets, so a
    window looks back into the previous part but never forward.

    Parameters
    ----------
    context : array_like of shape (m,) or (m, features)
        The rows that come just before ``part`` in time (``m >= seq_length``).
    part : array_like of shape (n,) or (n, features)
        The rows whose values are forecast (``n >= horizon``).
    seq_length, horizon, target
        As in :func:`make_windows`.

    Returns
    -------
    X : numpy.ndarray of shape (n - horizon + 1, seq_length, features)
    y : numpy.ndarray of shape (n - horizon + 1,) or (n - horizon + 1, horizon)
        Views of one new array holding the ``seq_length`` context rows followed
        by ``part`` (a single copy of ``part``, not one per window).

    Raises
    ------
    ValueError
        If ``context`` is shorter than ``seq_length``, the two have different
        numbers of features, or any argument is invalid for :func:`make_windows`.

    Examples
    --------
    >>> X, y = windows_with_context(np.arange(5.0), np.arange(5.0, 8.0), 2)
    >>> X[:, :, 0]
    array([[3., 4.],
           [4., 5.],
           [5., 6.]])
    >>> y
    array([5., 6., 7.])
    """
    seq_length = check_int(seq_length, "seq_length", minimum=1)
    check_time_order(context, "context")
    check_time_order(part, "part")
    times = [getattr(x, "index", None) for x in (context, part)]
    if all(isinstance(t, pd.DatetimeIndex) and len(t) for t in times):
        if times[0][-1] >= times[1][0]:
            raise ValueError(
                f"part starts at {times[1][0]}, not after the end of context "
                f"({times[0][-1]}): context must be the rows just before part."
            )
    ctx = as_series_array(context, "context")
    columns = getattr(part, "columns", None)
    rows = as_series_array(part, "part")
    if ctx.ndim != rows.ndim or ctx.shape[1:] != rows.shape[1:]:
        raise ValueError(
            f"context has shape {ctx.shape} but part has shape {rows.shape}; both "
            "must have the same features (columns), in the same order."
        )
    if ctx.shape[0] < seq_length:
        raise ValueError(
            f"context has {ctx.shape[0]} rows, but seq_length={seq_length} windows "
            f"need {seq_length} rows before the part. Use a longer context (for the "
            "test part, the training and validation parts together) or a shorter "
            "seq_length."
        )
    joined = np.concatenate([ctx[ctx.shape[0] - seq_length :], rows])
    if columns is not None and isinstance(target, str):
        names = [str(c) for c in columns]
        if target not in names:
            raise ValueError(
                f"target={target!r} is not a column of part; the columns are {names}."
            )
        target = names.index(target)
    return make_windows(joined, seq_length, horizon, target)


def window_split(
    split: Split, seq_length: int, horizon: int = 1, target: int = 0
) -> Split:
    """Window each part of a :class:`Split`, without looking across a boundary.

    Training windows come from the training part alone. Validation windows
    forecast validation rows and may read the last ``seq_length`` training rows;
    test windows forecast test rows and may read the rows just before the test
    part. No window's target lies in a later part than the one it belongs to,
    and no input lies after its target.

    Parameters
    ----------
    split : Split
        The (already scaled) parts, as from :func:`split_chronologically`.
    seq_length, horizon, target
        As in :func:`make_windows`.

    Returns
    -------
    Split
        ``Split((X_train, y_train), (X_val, y_val), (X_test, y_test))``.

    Raises
    ------
    TypeError
        If ``split`` is not a :class:`Split`.
    ValueError
        As :func:`make_windows` and :func:`windows_with_context`.

    Examples
    --------
    >>> parts = split_chronologically(np.arange(20.0), train=0.6, val=0.2)
    >>> windows = window_split(parts, seq_length=3)
    >>> [X.shape for X, y in windows]
    [(9, 3, 1), (4, 3, 1), (4, 3, 1)]
    >>> windows.val[1][0], windows.test[1][-1]
    (np.float64(12.0), np.float64(19.0))
    """
    if not isinstance(split, Split):
        raise TypeError(
            f"split must be a Split (from split_chronologically), got "
            f"{type(split).__name__}."
        )
    seq_length = check_int(seq_length, "seq_length", minimum=1)
    train = as_series_array(split.train, "split.train")
    val = as_series_array(split.val, "split.val")
    test = as_series_array(split.test, "split.test")
    shapes = {"train": train.shape, "val": val.shape, "test": test.shape}
    if len({shape[1:] for shape in shapes.values()}) > 1:
        raise ValueError(
            f"the parts of split have different widths: {shapes}. All three must "
            "have the same features (columns): split one series with "
            "split_chronologically, then scale each part with the same scaler."
        )
    before_test = np.concatenate([train[-seq_length:], val])
    return Split(
        make_windows(train, seq_length, horizon, target),
        windows_with_context(train, val, seq_length, horizon, target),
        windows_with_context(before_test, test, seq_length, horizon, target),
    )


@dataclass(frozen=True, eq=False)
class Scaler:
    """Standardise each feature with a mean and standard deviation fitted on train.

    Build it with :func:`fit_scaler`. ``transform`` computes
    ``(x - mean) / scale``; ``inverse_transform`` undoes it, for every feature or
    for one column (a forecast of the target). This is what
    ``keras.layers.Normalization`` does after ``adapt``; the course uses this
    small NumPy version because it works on plain arrays, keeps the dtype, and
    can undo the scaling for a single column.

    Attributes
    ----------
    mean : numpy.ndarray of shape (features,)
    scale : numpy.ndarray of shape (features,)
        The standard deviation of each feature in the training data.
    """

    mean: np.ndarray
    scale: np.ndarray

    def _check(self, values, column, name="values"):
        if values is None:
            raise TypeError(f"{name} must be numbers, but got None.")
        if hasattr(values, "to_numpy"):  # pandas Series or DataFrame
            values = values.to_numpy()
        try:
            arr = np.asarray(values)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name} must be a numeric array: {exc}") from None
        if arr.dtype.kind not in "iuf":
            raise TypeError(
                f"{name} must hold numbers, but its dtype is {arr.dtype}. Convert "
                f"with np.asarray({name}, dtype='float32')."
            )
        if not np.isfinite(arr).all():
            where = tuple(np.argwhere(~np.isfinite(arr))[0].tolist())
            raise ValueError(
                f"{name} holds NaN or inf, the first at index {where}; scaling "
                "would pass it on. Fill the gaps (or drop those forecasts) first."
            )
        n = self.mean.shape[0]
        if column is None:
            if arr.ndim == 1 and n > 1:
                raise ValueError(
                    f"{name} is 1-D (shape {arr.shape}), but the scaler was "
                    f"fitted on {n} features, so which feature it holds is "
                    "ambiguous: pass column=<target> (the feature's position), "
                    f"or a 2-D array of shape (rows, {n})."
                )
            return arr, self.mean, self.scale
        column = check_int(column, "column", minimum=0)
        if column >= n:
            raise ValueError(
                f"column={column} does not exist: the scaler was fitted on {n} "
                f"feature(s), numbered 0 to {n - 1}."
            )
        return arr, self.mean[column], self.scale[column]

    def transform(self, data, column: int | None = None) -> np.ndarray:
        """Scale ``data`` (all features, or values of one ``column``).

        Parameters
        ----------
        data : array_like of shape (n,) or (n, features)
            Rows with the fitted features; 1-D only for a one-feature scaler.
        column : int, optional
            Scale values of this one feature (any shape) instead.

        Returns
        -------
        numpy.ndarray

        Raises
        ------
        TypeError, ValueError
            If ``data`` is not finite numbers, is 1-D for a scaler of several
            features without ``column``, or has the wrong number of features.

        Examples
        --------
        >>> scaler = fit_scaler(np.array([1.0, 3.0]))
        >>> scaler.transform(np.array([1.0, 2.0, 4.0]))
        array([-1.,  0.,  2.])
        """
        arr, mean, scale = self._check(data, column, "data")
        if column is None:
            arr = as_series_array(arr)
            if arr.ndim == 1:
                mean, scale = mean[0], scale[0]
            elif arr.shape[1] != mean.shape[0]:
                raise ValueError(
                    f"data has {arr.shape[1]} feature(s) but the scaler was fitted "
                    f"on {mean.shape[0]}; scale data with the same columns."
                )
        return ((arr - mean) / scale).astype(
            np.result_type(arr.dtype, np.float32)
        )

    def inverse_transform(
        self, values, column: int | None = None
    ) -> np.ndarray:
        """Undo :meth:`transform`: back to the original units.

        Pass ``column`` (the target's position) to unscale forecasts of one
        feature, whatever their shape (one value, ``(samples,)``,
        ``(samples, horizon)``). Without ``column``, a 1-D input is refused
        for a scaler of several features (it would be a guess which one).

        Parameters
        ----------
        values : array_like
            Scaled values: rows of every feature, or (with ``column``) values of
            one feature in any shape.
        column : int, optional
            The feature the values belong to.

        Returns
        -------
        numpy.ndarray

        Raises
        ------
        TypeError, ValueError
            As :meth:`transform`.

        Examples
        --------
        >>> scaler = fit_scaler(np.array([[1.0, 10.0], [3.0, 30.0]]))
        >>> scaler.inverse_transform(np.array([-1.0, 0.0, 2.0]), column=1)
        array([10., 20., 40.])
        """
        arr, mean, scale = self._check(values, column)
        if column is None:
            if arr.ndim == 1:  # one feature (_check refuses 1-D for more)
                mean, scale = mean[0], scale[0]
            elif arr.shape[-1:] != mean.shape:
                raise ValueError(
                    f"values have shape {arr.shape} but the scaler has "
                    f"{mean.shape[0]} feature(s); to unscale forecasts of one "
                    "feature pass column=<target>."
                )
        return arr * scale + mean


def fit_scaler(train) -> Scaler:
    """Fit a :class:`Scaler` on the training part of a series.

    Fit on the training rows only: statistics computed on the whole series would
    leak the validation and test periods into the inputs of the model.

    Parameters
    ----------
    train : array_like of shape (n,) or (n, features)
        The training rows.

    Returns
    -------
    Scaler
        With ``mean`` and ``scale`` (the population standard deviation) of each
        feature.

    Raises
    ------
    TypeError, ValueError
        If ``train`` is not a finite numeric 1-D or 2-D array with at least two
        rows, or a feature's scale would be zero (a constant feature), too small
        to divide by, or infinite (values too large for float64).

    Examples
    --------
    >>> scaler = fit_scaler(np.array([2.0, 4.0, 6.0]))
    >>> float(scaler.mean[0]), round(float(scaler.scale[0]), 4)
    (4.0, 1.633)
    """
    arr = as_series_array(train, "train")
    if arr.shape[0] < 2:
        raise ValueError(
            f"train has {arr.shape[0]} row(s); a scale needs at least 2 rows."
        )
    table = arr.reshape(arr.shape[0], -1).astype("float64")
    with np.errstate(over="ignore", invalid="ignore"):
        mean, scale = table.mean(axis=0), table.std(axis=0)
    if not (np.isfinite(mean).all() and np.isfinite(scale).all()):
        flat = np.flatnonzero(
            ~(np.isfinite(mean) & np.isfinite(scale))
        ).tolist()
        raise ValueError(
            f"feature column(s) {flat} of train are too large to standardise: "
            "their mean or standard deviation overflows float64 (inf). Divide "
            "them by a power of ten first (a change of units)."
        )
    if (scale == 0).any():
        flat = np.flatnonzero(scale == 0).tolist()
        raise ValueError(
            f"feature column(s) {flat} are constant in train (or vary too little "
            "for float64 to measure), so their scale is 0 and they cannot be "
            "standardised; drop them."
        )
    if (scale < np.finfo("float64").tiny).any():
        flat = np.flatnonzero(scale < np.finfo("float64").tiny).tolist()
        raise ValueError(
            f"feature column(s) {flat} of train vary by less than "
            f"{np.finfo('float64').tiny:.3g}: dividing by that scale overflows. "
            "Drop them, or multiply them by a power of ten first."
        )
    return Scaler(mean, scale)
