"""Judge a forecaster: one comparison table, rolling origins, seeds and a test.

Everything here takes forecasts and errors as arrays (or a function that fits
and forecasts one fold), not Keras models, so the naive rules, the linear model,
the statistical model and the LSTM are judged by the same code:

- :func:`compare`: MAE, RMSE, MASE and skill for several forecasts of the same
  values, the table every chapter prints;
- :func:`rolling_origins` and :func:`backtest`: the same comparison repeated at
  several forecast origins spread through the data (an expanding window);
- :func:`across_seeds`: the same model trained under several seeds, with the
  spread of its error;
- :func:`diebold_mariano`: is the difference between two forecasts' errors
  larger than chance?
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from lstm_course._validation import check_int
from lstm_course.metrics import _as_values, _pair, mae, naive_scale, rmse


def _check_forecasts(forecasts, y_true) -> tuple[dict, np.ndarray]:
    if not isinstance(forecasts, Mapping) or not forecasts:
        raise TypeError(
            "forecasts must be a non-empty dict {name: forecast array}, got "
            f"{type(forecasts).__name__}."
        )
    true = _as_values(y_true, "y_true")
    checked = {}
    for name, forecast in forecasts.items():
        if not isinstance(name, str):
            raise TypeError(f"forecast names must be strings, got {name!r}.")
        try:
            checked[name] = _pair(true, forecast)[1]
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"forecast {name!r}: {exc}") from None
    return checked, true


def compare(forecasts, y_true, y_train, season: int = 1, *, baselines=None):
    """Score several forecasts of the same values in one table.

    Parameters
    ----------
    forecasts : dict of str to array_like
        ``{name: forecast}``, each shaped like ``y_true``.
    y_true : array_like
        The true values, e.g. ``(samples, horizon)``.
    y_train : array_like of shape (n,)
        The training series of the target, in the same units (for MASE).
    season : int, default=1
        Season length of the MASE scale (:func:`lstm_course.naive_scale`).
    baselines : sequence of str, optional
        The forecasts that count as benchmarks. ``skill`` is measured against
        the best of them (lowest MAE). By default every forecast is a
        benchmark, so the best row has skill 0 and the others a negative one.

    Returns
    -------
    pandas.DataFrame
        One row per forecast, in the order given, with columns ``MAE``,
        ``RMSE``, ``MASE`` and ``skill`` $= 1 - \\mathrm{MAE} /
        \\mathrm{MAE}_{\\text{best baseline}}$ (0.1: 10% below the best
        baseline's error). ``table.attrs["baseline"]`` names that baseline.

    Raises
    ------
    TypeError, ValueError
        If a forecast's shape differs from ``y_true``, a value is not finite, a
        baseline is not among the forecasts, or ``y_train`` cannot scale MASE.

    Examples
    --------
    >>> y = np.array([1.0, 2.0, 3.0, 4.0])
    >>> table = compare(
    ...     {"naive": y - 1, "model": y + 0.5},
    ...     y, y_train=np.arange(10.0), baselines=["naive"],
    ... )
    >>> table.round(2)
           MAE  RMSE  MASE  skill
    naive  1.0   1.0   1.0    0.0
    model  0.5   0.5   0.5    0.5
    """
    checked, true = _check_forecasts(forecasts, y_true)
    scale = naive_scale(y_train, season)
    if baselines is None:
        baselines = list(checked)
    elif isinstance(baselines, str) or not isinstance(baselines, Sequence):
        raise TypeError(
            f"baselines must be a list of forecast names, got {baselines!r}; "
            'for one baseline write baselines=["persistence"].'
        )
    unknown = [name for name in baselines if name not in checked]
    if unknown or not baselines:
        raise ValueError(
            f"baselines {unknown or baselines!r} are not forecasts in the table; "
            f"the forecasts are {list(checked)}."
        )
    rows = {
        name: {"MAE": mae(true, f), "RMSE": rmse(true, f)}
        for name, f in checked.items()
    }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table["MASE"] = table["MAE"] / scale
    best = table.loc[list(baselines), "MAE"].idxmin()
    table["skill"] = 1 - table["MAE"] / table.loc[best, "MAE"]
    table.attrs["baseline"] = best
    return table


class Fold(NamedTuple):
    """One forecast origin of a backtest: row ranges of the data.

    Attributes
    ----------
    number : int
        0 for the earliest origin.
    train, val, test : slice
        Rows for fitting, for choices such as early stopping, and for scoring.
        ``train`` always starts at row 0 (an expanding window).
    """

    number: int
    train: slice
    val: slice
    test: slice


def rolling_origins(
    n_rows: int,
    *,
    folds: int = 4,
    test_size: int,
    val_size: int,
    first_test: int,
) -> list[Fold]:
    """Forecast origins spread through the data, with an expanding window.

    The test blocks are ``test_size`` rows long, do not overlap, and their
    starts are spread evenly from ``first_test`` to the end of the data. Each
    fold validates on the ``val_size`` rows just before its test block and
    trains on every row before that, so later folds train on more data.

    Parameters
    ----------
    n_rows : int
        Rows in the data.
    folds : int, default=4
        Number of origins (at least 2).
    test_size, val_size : int
        Rows per test block and per validation block.
    first_test : int
        First row of the earliest test block; at least ``val_size + 1`` rows
        must come before it.

    Returns
    -------
    list of Fold

    Raises
    ------
    TypeError, ValueError
        If an argument is not a positive integer, or the folds do not fit in
        ``n_rows`` rows.

    Examples
    --------
    >>> for fold in rolling_origins(100, folds=3, test_size=10, val_size=10,
    ...                             first_test=40):
    ...     print(fold.number, fold.train, fold.val, fold.test)
    0 slice(0, 30, None) slice(30, 40, None) slice(40, 50, None)
    1 slice(0, 55, None) slice(55, 65, None) slice(65, 75, None)
    2 slice(0, 80, None) slice(80, 90, None) slice(90, 100, None)
    """
    n_rows = check_int(n_rows, "n_rows", minimum=1)
    folds = check_int(folds, "folds", minimum=2)
    test_size = check_int(test_size, "test_size", minimum=1)
    val_size = check_int(val_size, "val_size", minimum=1)
    first_test = check_int(first_test, "first_test", minimum=val_size + 1)
    last_start = n_rows - test_size
    if last_start - first_test < (folds - 1) * test_size:
        raise ValueError(
            f"{folds} test blocks of {test_size} rows from row {first_test} need at "
            f"least {first_test + folds * test_size} rows, but the data has {n_rows}. "
            "Use fewer folds, shorter test blocks or an earlier first_test."
        )
    starts = np.linspace(first_test, last_start, folds).round().astype(int)
    return [
        Fold(
            k,
            slice(0, int(s) - val_size),
            slice(int(s) - val_size, int(s)),
            slice(int(s), int(s) + test_size),
        )
        for k, s in enumerate(starts)
    ]


@dataclass(frozen=True)
class Backtest:
    """What :func:`backtest` returns.

    Attributes
    ----------
    folds : pandas.DataFrame
        One row per (fold, model): ``MAE``, ``RMSE``, ``MASE``, ``skill``, plus
        the fold's first test row ``start``.
    summary : pandas.DataFrame
        One row per model: mean and standard deviation of the fold MAEs, mean
        MASE and skill, and the MAE of all folds' forecasts pooled.
    errors : dict
        Each model's forecast errors ``y_true - y_pred``, the folds one after
        the other in time order (for :func:`diebold_mariano`).
    """

    folds: pd.DataFrame
    summary: pd.DataFrame
    errors: dict


def backtest(
    run_fold: Callable,
    folds: Sequence[Fold],
    *,
    season: int = 1,
    baselines=None,
) -> Backtest:
    """Rolling-origin evaluation: fit and score every model on every fold.

    ``run_fold(fold)`` is called once per fold. It fits what it needs on
    ``fold.train`` (and ``fold.val``) and returns ``(y_true, forecasts,
    y_train)``: the fold's true values, a dict of forecasts of them, and the
    fold's training series of the target (for MASE). Whether a model is refit
    at each origin or fitted once is the function's choice; the course refits
    every model on each fold's expanding window, so each origin is a fair test
    of the whole recipe.

    Parameters
    ----------
    run_fold : callable
        ``run_fold(fold) -> (y_true, forecasts, y_train)``.
    folds : sequence of Fold
        As from :func:`rolling_origins`.
    season : int, default=1
        Season length of the MASE scale.
    baselines : sequence of str, optional
        As in :func:`compare`.

    Returns
    -------
    Backtest

    Raises
    ------
    TypeError, ValueError
        If ``run_fold`` is not callable, ``folds`` is empty, ``run_fold`` does
        not return the three values, or the folds name different models.

    Examples
    --------
    >>> y = np.sin(np.arange(60.0))
    >>> def run_fold(fold):
    ...     truth = y[fold.test]
    ...     naive = np.full_like(truth, y[fold.test.start - 1])
    ...     return truth, {"naive": naive, "zero": 0 * truth}, y[fold.train]
    >>> result = backtest(run_fold, rolling_origins(
    ...     60, folds=3, test_size=5, val_size=5, first_test=30))
    >>> result.summary.index.tolist(), len(result.errors["naive"])
    (['naive', 'zero'], 15)
    """
    if not callable(run_fold):
        raise TypeError(
            "run_fold must be a function run_fold(fold) -> "
            "(y_true, forecasts, y_train)."
        )
    folds = list(folds)
    if not folds or not all(isinstance(f, Fold) for f in folds):
        raise ValueError(
            "folds must be a non-empty list of Fold, as from rolling_origins."
        )
    tables, errors, truths = [], {}, []
    for fold in folds:
        returned = run_fold(fold)
        if not isinstance(returned, tuple) or len(returned) != 3:
            raise ValueError(
                f"run_fold returned {type(returned).__name__}, but must return the "
                "tuple (y_true, forecasts, y_train)."
            )
        y_true, forecasts, y_train = returned
        table = compare(
            forecasts, y_true, y_train, season, baselines=baselines
        )
        if tables and list(table.index) != list(tables[0].index):
            raise ValueError(
                f"fold {fold.number} returned forecasts {list(table.index)}, but fold "
                f"{folds[0].number} returned {list(tables[0].index)}; every fold must "
                "forecast with the same models."
            )
        tables.append(table.assign(fold=fold.number, start=fold.test.start))
        true = np.asarray(y_true, dtype="float64")
        truths.append(true)
        for name, forecast in forecasts.items():
            errors.setdefault(name, []).append(
                true - np.asarray(forecast, "float64")
            )
    per_fold = pd.concat(tables).rename_axis("model").reset_index()
    per_fold = per_fold[
        ["fold", "start", "model", "MAE", "RMSE", "MASE", "skill"]
    ]
    errors = {name: np.concatenate(parts) for name, parts in errors.items()}
    grouped = per_fold.groupby("model", sort=False)
    summary = pd.DataFrame(
        {
            "MAE mean": grouped["MAE"].mean(),
            "MAE std": grouped["MAE"].std(ddof=1),
            "MASE mean": grouped["MASE"].mean(),
            "skill mean": grouped["skill"].mean(),
            "pooled MAE": {
                n: float(np.mean(np.abs(e))) for n, e in errors.items()
            },
        }
    )
    return Backtest(per_fold, summary, errors)


@dataclass(frozen=True)
class SeedRuns:
    """What :func:`across_seeds` returns: one forecast per seed.

    Attributes
    ----------
    seeds : tuple of int
    forecasts : tuple of numpy.ndarray
        ``forecasts[k]`` is the forecast made under ``seeds[k]``.
    """

    seeds: tuple
    forecasts: tuple

    def scores(self, y_true, metric: Callable = mae) -> pd.Series:
        """The ``metric`` of each seed's forecast, indexed by seed.

        Examples
        --------
        >>> runs = SeedRuns((0, 1), (np.array([1.0, 2.0]), np.array([2.0, 2.0])))
        >>> runs.scores(np.array([1.0, 2.0])).tolist()
        [0.0, 0.5]
        """
        return pd.Series(
            [metric(y_true, f) for f in self.forecasts],
            index=pd.Index(self.seeds, name="seed"),
        )

    def summary(self, y_true, metric: Callable = mae) -> dict:
        """Mean, standard deviation, min and max of :meth:`scores`.

        Examples
        --------
        >>> runs = SeedRuns((0, 1), (np.array([1.0, 2.0]), np.array([2.0, 2.0])))
        >>> runs.summary(np.array([1.0, 2.0]))
        {'mean': 0.25, 'std': 0.3535533905932738, 'min': 0.0, 'max': 0.5}
        """
        s = self.scores(y_true, metric)
        return {
            "mean": float(s.mean()),
            "std": float(s.std(ddof=1)),
            "min": float(s.min()),
            "max": float(s.max()),
        }

    def ensemble(self) -> np.ndarray:
        """The mean of the seeds' forecasts: a seed ensemble.

        Examples
        --------
        >>> SeedRuns((0, 1), (np.array([1.0]), np.array([3.0]))).ensemble()
        array([2.])
        """
        return np.mean(self.forecasts, axis=0)


def across_seeds(
    train_and_forecast: Callable, seeds: Sequence[int]
) -> SeedRuns:
    """Train the same model under several seeds; keep each seed's forecast.

    Before each call :func:`lstm_course.set_seed` seeds everything with the
    seed, so each run is reproducible and the runs differ only by their seed.

    Parameters
    ----------
    train_and_forecast : callable
        ``train_and_forecast(seed) -> forecast array``; every seed's forecast
        must have the same shape.
    seeds : sequence of int
        At least two distinct seeds.

    Returns
    -------
    SeedRuns

    Raises
    ------
    TypeError, ValueError
        If the function is not callable, fewer than two distinct seeds are
        given, or the forecasts differ in shape or are not finite.

    Examples
    --------
    >>> runs = across_seeds(lambda seed: np.random.normal(size=3), seeds=[0, 1])
    >>> [f.shape for f in runs.forecasts]
    [(3,), (3,)]
    """
    from lstm_course.reproducibility import set_seed

    if not callable(train_and_forecast):
        raise TypeError("train_and_forecast must be a function of the seed.")
    seeds = tuple(check_int(s, "seed", minimum=0) for s in seeds)
    if len(set(seeds)) < 2:
        raise ValueError(
            f"seeds={list(seeds)}: a spread needs at least two distinct seeds."
        )
    forecasts = []
    for seed in seeds:
        set_seed(seed)
        forecast = _as_values(
            train_and_forecast(seed), f"the forecast of seed {seed}"
        )
        if forecasts and forecast.shape != forecasts[0].shape:
            raise ValueError(
                f"seed {seed} gave a forecast of shape {forecast.shape}, seed "
                f"{seeds[0]} one of shape {forecasts[0].shape}."
            )
        forecasts.append(forecast)
    return SeedRuns(seeds, tuple(forecasts))


class DieboldMariano(NamedTuple):
    """The result of :func:`diebold_mariano`.

    Attributes
    ----------
    statistic : float
        The corrected statistic; negative when the first forecast's loss is
        lower.
    p_value : float
        Two-sided p-value from Student's t with ``n - 1`` degrees of freedom.
    mean_difference : float
        Mean loss of the first forecast minus that of the second.
    n : int
        Number of loss differences (forecast origins).
    """

    statistic: float
    p_value: float
    mean_difference: float
    n: int


def diebold_mariano(
    errors_a, errors_b, horizon: int = 1, *, loss: str = "absolute"
):
    """Diebold-Mariano test of equal accuracy, with the small-sample correction.

    With loss differences $d_t = L(e_{a,t}) - L(e_{b,t})$ over $n$ forecast
    origins, the statistic of Diebold and Mariano (1995) is
    $\\bar d / \\sqrt{\\hat V / n}$, where the long-run variance
    $\\hat V = \\hat\\gamma_0 + 2\\sum_{k=1}^{h-1}\\hat\\gamma_k$ sums the
    autocovariances $\\hat\\gamma_k = \\frac1n\\sum_{t=k+1}^{n}(d_t-\\bar d)
    (d_{t-k}-\\bar d)$ of the loss differences up to lag $h - 1$ (an
    $h$-step forecast's errors overlap for $h - 1$ steps). Harvey, Leybourne
    and Newbold (1997) multiply it by
    $\\sqrt{(n + 1 - 2h + h(h-1)/n) / n}$ and compare it with Student's t on
    $n - 1$ degrees of freedom.

    Parameters
    ----------
    errors_a, errors_b : array_like of shape (n,) or (n, steps)
        Forecast errors of the two forecasts at the same origins, in time order.
        With a second axis (several steps per origin), each origin's loss is the
        mean over its steps.
    horizon : int, default=1
        The forecast horizon $h$: autocovariances up to lag ``horizon - 1``
        enter the variance.
    loss : {"absolute", "squared"}, default="absolute"
        The loss $L$ (absolute error compares MAE, squared error MSE).

    Returns
    -------
    DieboldMariano
        ``(statistic, p_value, mean_difference, n)``.

    Raises
    ------
    TypeError, ValueError
        If the errors differ in shape, are not finite, are too few
        (``n <= 2 * horizon``), the losses are identical, or the estimated
        long-run variance is not positive.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> e_a = rng.normal(size=500)
    >>> result = diebold_mariano(e_a, 2 * e_a)
    >>> bool(result.statistic < 0 and result.p_value < 0.05)
    True
    """
    a, b = _pair(errors_a, errors_b)
    horizon = check_int(horizon, "horizon", minimum=1)
    if loss not in ("absolute", "squared"):
        raise ValueError(
            f'loss must be "absolute" or "squared", got {loss!r}.'
        )
    if a.ndim not in (1, 2):
        raise ValueError(
            f"errors must be 1-D (one per origin) or 2-D (origins, steps), but have "
            f"shape {a.shape}."
        )
    loss_fn = np.abs if loss == "absolute" else np.square
    d = loss_fn(a) - loss_fn(b)
    if d.ndim == 2:
        d = d.mean(axis=1)
    n = d.shape[0]
    if n <= 2 * horizon:
        raise ValueError(
            f"{n} loss differences are too few for horizon={horizon}; the test "
            f"needs more than {2 * horizon} origins."
        )
    mean = float(d.mean())
    centred = d - mean
    gammas = [
        float(centred[k:] @ centred[: n - k]) / n for k in range(horizon)
    ]
    variance = gammas[0] + 2 * sum(gammas[1:])
    if gammas[0] == 0:
        raise ValueError(
            "the two forecasts have identical losses at every origin: nothing to test."
        )
    if variance <= 0:
        raise ValueError(
            f"the long-run variance estimated with lags up to {horizon - 1} is "
            f"{variance:.3g}, not positive; use a smaller horizon or more origins."
        )
    statistic = mean / np.sqrt(variance / n)
    statistic *= np.sqrt(
        (n + 1 - 2 * horizon + horizon * (horizon - 1) / n) / n
    )
    from scipy import stats

    p_value = float(2 * stats.t.sf(abs(statistic), df=n - 1))
    return DieboldMariano(float(statistic), p_value, mean, n)
