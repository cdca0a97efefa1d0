"""The forecasts every model must beat: persistence and seasonal naive.

Both read the same windows an LSTM reads (``X`` from
:func:`lstm_course.windows.make_windows`) and return forecasts shaped like its
``y``, so a baseline and a model can be scored with the same metric on the same
windows.
"""

from __future__ import annotations

import numpy as np

from lstm_course._validation import check_int


def _check_windows(X, name: str = "X") -> np.ndarray:
    if X is None:
        raise TypeError(
            f"{name} must be 3-D windows (samples, seq_length, features), but got "
            "None. Build windows with lstm_course.make_windows."
        )
    try:
        arr = np.asarray(X)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a numeric array: {exc}") from None
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must hold numbers, but its dtype is {arr.dtype}."
        )
    if arr.ndim != 3:
        raise ValueError(
            f"{name} must be 3-D windows (samples, seq_length, features), but has "
            f"shape {arr.shape}. Build windows with lstm_course.make_windows."
        )
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} holds no windows (shape {arr.shape}).")
    if not np.isfinite(arr).all():
        where = tuple(np.argwhere(~np.isfinite(arr))[0].tolist())
        raise ValueError(
            f"{name} holds NaN or inf, the first at index {where}; a baseline "
            "would copy it into its forecasts. Fill the gaps before windowing."
        )
    return arr


def _target_column(arr: np.ndarray, target, name: str = "X") -> int:
    target = check_int(target, "target", minimum=0)
    if target >= arr.shape[2]:
        raise ValueError(
            f"target={target} does not exist: {name} has {arr.shape[2]} feature(s), "
            f"numbered 0 to {arr.shape[2] - 1}."
        )
    return target


# The most values a naive forecast may hold (samples x horizon): past this, the
# array would not fit in a laptop's memory, so refuse it with a clear message.
MAX_FORECAST_VALUES = 100_000_000


def _check_horizon(horizon, samples: int) -> int:
    horizon = check_int(horizon, "horizon", minimum=1)
    if samples * horizon > MAX_FORECAST_VALUES:
        raise ValueError(
            f"horizon={horizon} for {samples} windows is {samples * horizon:,} "
            f"forecast values, more than MAX_FORECAST_VALUES={MAX_FORECAST_VALUES:,}; "
            "use a horizon of the length you want to forecast (e.g. 24 or 48)."
        )
    return horizon


def _shape_like_y(forecast: np.ndarray, horizon: int) -> np.ndarray:
    return forecast[:, 0] if horizon == 1 else forecast


def naive_forecast(X, horizon: int = 1, target: int = 0) -> np.ndarray:
    """Persistence: every future value equals the last value in the window.

    For a window ending at time $T$, the forecast of $y_{T+h}$ is $y_T$ for every
    step $h = 1, \\dots, H$.

    Parameters
    ----------
    X : array_like of shape (samples, seq_length, features)
        Input windows, as from :func:`lstm_course.make_windows`.
    horizon : int, default=1
        Steps to forecast.
    target : int, default=0
        The feature column being forecast.

    Returns
    -------
    numpy.ndarray of shape (samples,) if horizon == 1, else (samples, horizon)
        Laid out like the ``y`` of :func:`lstm_course.make_windows`.

    Raises
    ------
    TypeError, ValueError
        If ``X`` is not 3-D numeric windows, ``horizon < 1``, or ``target`` is not
        a column of ``X``.

    Examples
    --------
    >>> X = np.arange(8.0).reshape(2, 4, 1)
    >>> naive_forecast(X)
    array([3., 7.])
    >>> naive_forecast(X, horizon=2)
    array([[3., 3.],
           [7., 7.]])
    """
    arr = _check_windows(X)
    horizon = _check_horizon(horizon, arr.shape[0])
    column = _target_column(arr, target)
    last = arr[:, -1, column]
    return _shape_like_y(np.repeat(last[:, None], horizon, axis=1), horizon)


def seasonal_naive_forecast(
    X, season: int, horizon: int = 1, target: int = 0
) -> np.ndarray:
    """Seasonal naive: each future value equals the value one season earlier.

    With season length $m$, the forecast of $y_{T+h}$ is
    $y_{T+h-m(k+1)}$ with $k = \\lfloor (h-1)/m \\rfloor$: the last observed
    season is repeated for as many steps as needed. For half-hourly data with a
    daily cycle, $m = 48$: tomorrow at 9:00 is forecast as today at 9:00.

    Parameters
    ----------
    X : array_like of shape (samples, seq_length, features)
        Input windows; ``seq_length`` must be at least ``season``.
    season : int
        Steps per season (at least 1; ``season=1`` is persistence).
    horizon : int, default=1
        Steps to forecast.
    target : int, default=0
        The feature column being forecast.

    Returns
    -------
    numpy.ndarray of shape (samples,) if horizon == 1, else (samples, horizon)

    Raises
    ------
    TypeError, ValueError
        If ``X`` is not 3-D numeric windows, ``season`` or ``horizon`` is below 1,
        the windows are shorter than one season, or ``target`` is not a column.

    Examples
    --------
    >>> X = np.array([[1.0, 2.0, 3.0, 10.0, 20.0, 30.0]]).reshape(1, 6, 1)
    >>> seasonal_naive_forecast(X, season=3, horizon=4)
    array([[10., 20., 30., 10.]])
    """
    arr = _check_windows(X)
    season = check_int(season, "season", minimum=1)
    horizon = _check_horizon(horizon, arr.shape[0])
    column = _target_column(arr, target)
    seq_length = arr.shape[1]
    if seq_length < season:
        raise ValueError(
            f"season={season} needs windows of at least {season} steps, but X has "
            f"seq_length={seq_length}. Use seq_length >= season in make_windows."
        )
    last_season = arr[:, seq_length - season :, column]
    steps = np.arange(horizon) % season
    return _shape_like_y(last_season[:, steps], horizon)


# --------------------------------------------------------------------------------
# Learned baselines: the linear model on the same windows, and a classical
# statistical model of the whole series. An LSTM must beat these, not only the
# naive rules above.

_DEFAULT_ALPHAS = tuple(10.0**k for k in range(-2, 6))


def _check_targets(y, n_windows: int, name: str = "y") -> np.ndarray:
    try:
        arr = np.asarray(y, dtype="float64")
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be numbers, got {type(y).__name__}."
        ) from None
    if arr.ndim not in (1, 2) or arr.shape[0] != n_windows:
        raise ValueError(
            f"{name} must have one row per window: shape ({n_windows},) or "
            f"({n_windows}, horizon), but has shape {arr.shape}."
        )
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} holds NaN or inf; targets must be finite.")
    return arr


def _flat(arr: np.ndarray) -> np.ndarray:
    if not np.isfinite(arr).all():
        raise ValueError("X holds NaN or inf; fill or drop those rows first.")
    return arr.reshape(arr.shape[0], -1).astype("float64")


class LinearForecaster:
    """Ridge regression on the flattened windows: the linear model on the same inputs.

    Every value of a window (all its steps and features) is one input of a
    linear model with one output per forecast step. It sees exactly what an
    LSTM given the same windows sees, so it is the fair bar for the LSTM: if
    the network cannot beat a weighted sum of its own inputs, its nonlinearity
    bought nothing. The ridge penalty ``alpha`` is chosen on the validation
    windows (lowest MAE), never on the test part.

    With ``residual_season`` set, the model learns the change from the seasonal
    naive forecast (``residual_season=1``: from the last value) and adds it
    back, like the residual LSTMs of chapters 11 and 12.

    Parameters
    ----------
    alphas : sequence of float, default=(0.01, 0.1, ..., 100000)
        Candidate ridge penalties (each > 0); the one with the lowest
        validation MAE is kept.
    residual_season : int or None, default=None
        If set, the target is ``y - seasonal_naive_forecast(X, residual_season)``.
    target : int, default=0
        The feature column being forecast (used by ``residual_season``).

    Attributes
    ----------
    alpha_ : float
        The penalty chosen on the validation windows.
    validation_mae_ : dict
        Validation MAE (in the units of ``y``) of each candidate penalty,
        keyed by the penalty.
    coef_ : numpy.ndarray of shape (n_inputs, horizon)
        Weights of the flattened window (``n_inputs`` is ``seq_length`` times
        the number of features), for the chosen penalty.
    intercept_ : numpy.ndarray of shape (horizon,)
    horizon_ : int
        Number of steps forecast.

    Notes
    -----
    The fit is the ridge solution with an unpenalised intercept, as in
    scikit-learn's :class:`sklearn.linear_model.Ridge` (a test checks they
    agree). It is computed from one eigendecomposition of the centred Gram
    matrix, so trying all the penalties costs about as much as one fit.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 4, 1))
    >>> y = X[:, -1, 0] - 0.5 * X[:, -2, 0]
    >>> model = LinearForecaster().fit(X[:150], y[:150], X[150:], y[150:])
    >>> model.coef_[-2:, 0].round(2)
    array([-0.5,  1. ])
    >>> model.predict(X[:2]).shape
    (2,)
    """

    def __init__(self, alphas=_DEFAULT_ALPHAS, residual_season=None, target=0):
        self.alphas = alphas
        self.residual_season = residual_season
        self.target = target

    def _check_settings(self) -> list[float]:
        try:
            alphas = [float(a) for a in self.alphas]
        except (TypeError, ValueError):
            raise TypeError(
                f"alphas must be a sequence of positive numbers, got {self.alphas!r}."
            ) from None
        if not alphas or not all(np.isfinite(a) and a > 0 for a in alphas):
            raise ValueError(
                f"alphas must be positive finite numbers, got {self.alphas!r}; "
                "for example alphas=(0.1, 1, 10)."
            )
        if self.residual_season is not None:
            check_int(self.residual_season, "residual_season", minimum=1)
        return alphas

    def _baseline(self, arr: np.ndarray, horizon: int) -> np.ndarray:
        if self.residual_season is None:
            return 0.0
        forecast = seasonal_naive_forecast(
            arr, self.residual_season, horizon, target=self.target
        )
        return forecast.reshape(len(arr), horizon)

    def fit(self, X, y, X_val, y_val) -> LinearForecaster:
        """Fit on the training windows, choosing ``alpha`` on the validation ones.

        Parameters
        ----------
        X, X_val : array_like of shape (samples, seq_length, features)
            Training and validation windows.
        y, y_val : array_like of shape (samples,) or (samples, horizon)
            Their targets.

        Returns
        -------
        LinearForecaster
            ``self``, fitted.

        Raises
        ------
        TypeError, ValueError
            If the windows or targets are malformed, their shapes disagree, or
            a setting is invalid.
        """
        alphas = self._check_settings()
        arr, arr_val = _check_windows(X), _check_windows(X_val, "X_val")
        if arr.shape[1:] != arr_val.shape[1:]:
            raise ValueError(
                f"X has windows of shape {arr.shape[1:]} but X_val "
                f"{arr_val.shape[1:]}; "
                "build both with the same seq_length and features."
            )
        target, target_val = (
            _check_targets(y, len(arr)),
            _check_targets(y_val, len(arr_val), "y_val"),
        )
        if target.shape[1:] != target_val.shape[1:]:
            raise ValueError(
                f"y has shape {target.shape} but y_val {target_val.shape}: the two "
                "must forecast the same horizon."
            )
        self._one_step = target.ndim == 1
        horizon = 1 if self._one_step else target.shape[1]
        inputs = _flat(arr)
        goal = target.reshape(len(arr), horizon) - self._baseline(arr, horizon)
        x_mean, y_mean = inputs.mean(axis=0), goal.mean(axis=0)
        n = len(inputs)
        gram = inputs.T @ inputs - n * np.outer(x_mean, x_mean)
        cross = inputs.T @ goal - n * np.outer(x_mean, y_mean)
        del inputs
        from scipy.linalg import eigh

        eigenvalues, vectors = eigh(gram, driver="evd", overwrite_a=True)
        projected = vectors.T @ cross
        val_inputs = _flat(arr_val) - x_mean
        val_goal = target_val.reshape(len(arr_val), horizon)
        val_base = self._baseline(arr_val, horizon)
        self.validation_mae_ = {}
        best = None
        for alpha in alphas:
            coef = vectors @ (
                projected / (eigenvalues.clip(min=0) + alpha)[:, None]
            )
            pred = val_inputs @ coef + y_mean + val_base
            score = float(np.mean(np.abs(pred - val_goal)))
            self.validation_mae_[alpha] = score
            if best is None or score < best[0]:
                best = (score, alpha, coef)
        _, self.alpha_, self.coef_ = best
        self.intercept_ = y_mean - x_mean @ self.coef_
        self.horizon_ = horizon
        self.window_shape_ = arr.shape[1:]
        return self

    def predict(self, X) -> np.ndarray:
        """Forecast each window.

        Parameters
        ----------
        X : array_like of shape (samples, seq_length, features)
            Windows shaped like the training windows.

        Returns
        -------
        numpy.ndarray of shape (samples,) or (samples, horizon)
            Shaped like the ``y`` the model was fitted on.

        Raises
        ------
        RuntimeError
            If the model has not been fitted.
        ValueError
            If the windows have another shape than the training windows.
        """
        if not hasattr(self, "coef_"):
            raise RuntimeError(
                "this LinearForecaster is not fitted; call fit first."
            )
        arr = _check_windows(X)
        if arr.shape[1:] != self.window_shape_:
            raise ValueError(
                f"X has windows of shape {arr.shape[1:]}, but the model was fitted on "
                f"windows of shape {self.window_shape_}."
            )
        pred = _flat(arr) @ self.coef_ + self.intercept_
        pred = pred + self._baseline(arr, self.horizon_)
        return pred[:, 0] if self._one_step else pred


class ETSForecaster:
    """Holt-Winters exponential smoothing (additive ETS), forecast from any origin.

    The classical statistical model for a seasonal series (Hyndman &
    Athanasopoulos, *FPP3*, ch. 8): a level, an optional damped trend and one
    seasonal index per step of the season, each updated by exponential
    smoothing as the observations arrive:

    $$\\ell_t = \\alpha(y_t - s_{t-m}) + (1-\\alpha)(\\ell_{t-1} + \\phi b_{t-1}),$$
    $$b_t = \\beta(\\ell_t - \\ell_{t-1}) + (1-\\beta)\\phi b_{t-1},\\quad
    s_t = \\gamma(y_t - \\ell_{t-1} - \\phi b_{t-1}) + (1-\\gamma)s_{t-m},$$

    and $\\hat y_{t+h|t} = \\ell_t + (\\phi + \\dots + \\phi^h) b_t + s_{t+h-m(k+1)}$.
    The smoothing parameters are estimated on the training series by
    statsmodels' ``ExponentialSmoothing`` (``statsmodels.tsa.holtwinters``),
    which computes the initial states by its heuristic; then they stay fixed,
    and :meth:`forecast_from` runs the recursions through the later data, so
    that a forecast made at origin $t$ uses the observations up to $t$ and
    nothing after.

    Parameters
    ----------
    season : int
        Steps per season $m$ (24 for hourly data with a daily cycle, 336 for
        half-hourly data with a weekly one).
    trend : bool, default=False
        Add a damped additive trend.

    Attributes
    ----------
    params_ : dict
        ``alpha``, ``beta``, ``gamma``, ``phi`` (``beta = 0, phi = 1`` without a
        trend), and the initial ``level``, ``slope`` and ``seasons``.
    n_train_ : int
        Length of the training series.

    Examples
    --------
    >>> t = np.arange(24 * 20)
    >>> y = 10 + np.sin(2 * np.pi * t / 24)
    >>> ets = ETSForecaster(season=24).fit(y[:24 * 15])
    >>> forecasts = ets.forecast_from(y, origins=[400, 420], horizon=3)
    >>> np.abs(forecasts - np.stack([y[401:404], y[421:424]])).max() < 0.05
    np.True_
    """

    def __init__(self, season: int, trend: bool = False):
        self.season = season
        self.trend = trend

    def fit(self, y_train) -> ETSForecaster:
        """Estimate the smoothing parameters on ``y_train`` (states: heuristic).

        Parameters
        ----------
        y_train : array_like of shape (n,)
            The training series of the target, oldest first, at least two
            seasons long.

        Returns
        -------
        ETSForecaster
            ``self``, fitted.

        Raises
        ------
        TypeError, ValueError
            If ``y_train`` is not a finite 1-D numeric series of at least two
            seasons, or ``season``/``trend`` are invalid.
        """
        import warnings

        from statsmodels.tools.sm_exceptions import ConvergenceWarning
        from statsmodels.tsa.holtwinters import ExponentialSmoothing

        season = check_int(self.season, "season", minimum=2)
        if not isinstance(self.trend, bool):
            raise TypeError(
                f"trend must be True or False, got {self.trend!r}."
            )
        series = _series(y_train, "y_train")
        if len(series) < 2 * season:
            raise ValueError(
                f"y_train has {len(series)} values; season={season} needs at least "
                f"{2 * season} (two seasons) to estimate the seasonal indices."
            )
        model = ExponentialSmoothing(
            series,
            trend="add" if self.trend else None,
            damped_trend=self.trend,
            seasonal="add",
            seasonal_periods=season,
            initialization_method="heuristic",
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            fitted = model.fit()
        p = fitted.params
        self.params_ = {
            "alpha": float(p["smoothing_level"]),
            "beta": float(p["smoothing_trend"]) if self.trend else 0.0,
            "gamma": float(p["smoothing_seasonal"]),
            "phi": float(p["damping_trend"]) if self.trend else 1.0,
            "level": float(p["initial_level"]),
            "slope": float(p["initial_trend"]) if self.trend else 0.0,
            "seasons": np.asarray(p["initial_seasons"], dtype="float64"),
        }
        self.n_train_ = len(series)
        return self

    def forecast_from(self, y, origins, horizon: int) -> np.ndarray:
        """Forecast ``horizon`` steps after each origin, with the fitted parameters.

        Parameters
        ----------
        y : array_like of shape (n,)
            The whole series, starting with the training series (the states are
            run from its first value).
        origins : array_like of int
            Indices into ``y``: the forecast made at origin ``t`` uses
            ``y[: t + 1]`` and forecasts ``y[t + 1 : t + 1 + horizon]``.
        horizon : int
            Steps to forecast.

        Returns
        -------
        numpy.ndarray of shape (len(origins), horizon)

        Raises
        ------
        RuntimeError
            If the model has not been fitted.
        TypeError, ValueError
            If ``y`` is not finite and 1-D, or an origin is outside ``y``.
        """
        if not hasattr(self, "params_"):
            raise RuntimeError(
                "this ETSForecaster is not fitted; call fit first."
            )
        horizon = check_int(horizon, "horizon", minimum=1)
        series = _series(y, "y")
        at = np.asarray(origins)
        if at.ndim != 1 or at.dtype.kind not in "iu":
            raise TypeError(
                "origins must be a 1-D array of integer indices into y."
            )
        if at.size and (at.min() < 0 or at.max() >= len(series)):
            raise ValueError(
                f"origins must lie in [0, {len(series) - 1}] (indices into y), but "
                f"range from {at.min()} to {at.max()}."
            )
        levels, slopes, seasons = self._run(series)
        p, m = self.params_, self.season
        damping = np.cumsum(p["phi"] ** np.arange(1, horizon + 1))
        steps = np.arange(1, horizon + 1)
        # s_{t+h-m(k+1)} sits at position t + h - m(k+1) + m of `seasons`.
        season_at = at[:, None] + m + steps - m * ((steps - 1) // m + 1)
        return (
            levels[at, None] + damping * slopes[at, None] + seasons[season_at]
        ).astype("float64")

    def _run(self, series: np.ndarray):
        p, m = self.params_, self.season
        alpha, beta, gamma, phi = p["alpha"], p["beta"], p["gamma"], p["phi"]
        n = len(series)
        levels, slopes = np.empty(n), np.empty(n)
        seasons = np.empty(
            n + m
        )  # seasons[i + m] is s_i; s_{-m..-1} are initial
        seasons[:m] = p["seasons"]
        level, slope = p["level"], p["slope"]
        for t, value in enumerate(series.tolist()):
            previous = level + phi * slope
            s_old = seasons[t]
            level = alpha * (value - s_old) + (1 - alpha) * previous
            slope = (
                beta * (level - levels[t - 1] if t else level - p["level"])
                + (1 - beta) * phi * slope
            )
            seasons[t + m] = gamma * (value - previous) + (1 - gamma) * s_old
            levels[t], slopes[t] = level, slope
        return levels, slopes, seasons


def _series(values, name: str) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype="float64")
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be numbers, got {type(values).__name__}."
        ) from None
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D series, but has shape {arr.shape}. "
            "Pass one column, e.g. train[:, target]."
        )
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} holds NaN or inf; fill them first.")
    return arr
