"""Hyperparameter search for an LSTM forecaster with KerasTuner (chapter 13).

Three pieces, each small enough to read in the book:

- :func:`make_hypermodel` returns the model-building function KerasTuner calls
  once per trial: one ``LSTM`` layer (tanh, the default) with a tuned number of
  units, a tuned dropout before the output, and Adam with a tuned learning rate.
- :func:`run_search` runs Hyperband (or random search) on a budget, keeps its
  state in a temporary directory unless told otherwise, and returns the best
  model with a tidy table of every trial.
- :func:`results_table` turns any finished tuner into that table.

KerasTuner is imported inside the functions, so ``import lstm_course`` stays
as fast as it was for the chapters that do not tune.
"""

from __future__ import annotations

import contextlib
import math
import numbers
import os
import tempfile
import time
import warnings
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from lstm_course._validation import check_int

#: The course's search space, the slide's units and learning rate plus dropout.
SEARCH_SPACE = {
    "units": (32, 512, 32),  # min, max, step: 16 choices
    "learning_rate": (1e-4, 1e-2),  # min, max, sampled on a log scale
    "dropout": (0.0, 0.3, 0.1),  # min, max, step: 0.0, 0.1, 0.2, 0.3
}

_TUNERS = ("hyperband", "random")


def _check_range(
    value, name: str, *, length: int, integer: bool, positive: bool
):
    """Check a (min, max[, step]) tuple and return it as a tuple."""
    kind = "whole numbers" if integer else "numbers"
    shape = "(min, max, step)" if length == 3 else "(min, max)"
    if not isinstance(value, tuple | list) or len(value) != length:
        raise TypeError(
            f"{name} must be a tuple {shape} of {kind}, but got {value!r}. "
            f"For example {name}={SEARCH_SPACE[name]!r}."
        )
    number = numbers.Integral if integer else numbers.Real
    if any(isinstance(v, bool) or not isinstance(v, number) for v in value):
        raise TypeError(f"{name} must hold {kind} only, but got {value!r}.")
    # Plain Python numbers from here (np.float32 and np.int64 are welcome).
    value = tuple(int(v) if integer else float(v) for v in value)
    if not all(math.isfinite(v) for v in value):
        raise ValueError(
            f"{name}={value!r} holds NaN or inf; every bound must be a finite "
            f"number, for example {name}={SEARCH_SPACE[name]!r}."
        )
    low, high = value[0], value[1]
    if low > high or (positive and low <= 0) or (not positive and low < 0):
        bound = "0 <" if positive else "0 <="
        raise ValueError(
            f"{name}={tuple(value)!r} is not a valid range: it needs "
            f"{bound} min <= max. Swap or fix the bounds."
        )
    if length == 3 and value[2] <= 0:
        raise ValueError(f"{name}={tuple(value)!r} needs a step above 0.")
    return tuple(value)


def make_hypermodel(
    seq_length: int,
    n_features: int = 1,
    horizon: int = 1,
    *,
    units: tuple[int, int, int] = SEARCH_SPACE["units"],
    learning_rate: tuple[float, float] = SEARCH_SPACE["learning_rate"],
    dropout: tuple[float, float, float] = SEARCH_SPACE["dropout"],
):
    """A model-building function for KerasTuner over the course's search space.

    The returned function takes KerasTuner's ``hp`` object, declares three
    hyperparameters and returns a compiled model::

        keras.Input((seq_length, n_features))
        -> LSTM(units)          # activation="tanh", the default
        -> Dropout(dropout)
        -> Dense(horizon)

    compiled with Adam at the tuned learning rate, MSE loss and MAE as a metric.

    Parameters
    ----------
    seq_length : int
        Time steps per input window.
    n_features : int, default=1
        Features per time step.
    horizon : int, default=1
        Values predicted per window (the output layer's width).
    units : tuple of int, default=(32, 512, 32)
        ``(min, max, step)`` for the number of LSTM units (the slide's range).
    learning_rate : tuple of float, default=(1e-4, 1e-2)
        ``(min, max)`` for Adam's learning rate, sampled on a log scale.
    dropout : tuple of float, default=(0.0, 0.3, 0.1)
        ``(min, max, step)`` for the dropout rate applied to the LSTM's output.

    Returns
    -------
    callable
        ``build_model(hp) -> keras.Model``, to pass to a KerasTuner tuner.

    Raises
    ------
    TypeError, ValueError
        If a size is not a positive integer or a range is malformed.

    Examples
    --------
    >>> import keras_tuner as kt
    >>> build_model = make_hypermodel(seq_length=24, n_features=2, horizon=3)
    >>> model = build_model(kt.HyperParameters())  # every choice at its default
    >>> model.input_shape, model.output_shape
    ((None, 24, 2), (None, 3))
    """
    seq_length = check_int(seq_length, "seq_length", minimum=1)
    n_features = check_int(n_features, "n_features", minimum=1)
    horizon = check_int(horizon, "horizon", minimum=1)
    units = _check_range(units, "units", length=3, integer=True, positive=True)
    learning_rate = _check_range(
        learning_rate, "learning_rate", length=2, integer=False, positive=True
    )
    dropout = _check_range(
        dropout, "dropout", length=3, integer=False, positive=False
    )
    if dropout[1] >= 1:
        raise ValueError(
            f"dropout={dropout!r} reaches {dropout[1]}, but a dropout rate must "
            "stay below 1 (1 would drop everything). Use a max such as 0.3."
        )

    def build_model(hp):
        import keras

        n_units = hp.Int(
            "units", min_value=units[0], max_value=units[1], step=units[2]
        )
        rate = hp.Float(
            "dropout",
            min_value=dropout[0],
            max_value=dropout[1],
            step=dropout[2],
        )
        lr = hp.Float(
            "learning_rate",
            min_value=learning_rate[0],
            max_value=learning_rate[1],
            sampling="log",
        )
        model = keras.Sequential(
            [
                keras.Input(shape=(seq_length, n_features)),
                keras.layers.LSTM(
                    n_units
                ),  # tanh: bounded, and cuDNN-eligible
                keras.layers.Dropout(rate),
                keras.layers.Dense(horizon),
            ]
        )
        model.compile(
            optimizer=keras.optimizers.Adam(learning_rate=lr),
            loss="mse",
            metrics=["mae"],
        )
        return model

    build_model.input_shape = (seq_length, n_features)
    build_model.horizon = horizon
    return build_model


def hyperband_budget(
    max_epochs: int, factor: int = 3, hyperband_iterations: int = 1
) -> pd.DataFrame:
    """What a KerasTuner Hyperband search will train, before running it.

    Hyperband runs several *brackets*. Bracket ``b`` starts many models on a few
    epochs, keeps the best ``1 / factor`` of them, trains those ``factor`` times
    longer, and so on for ``b`` rounds; bracket 0 is plain random search at
    ``max_epochs``. This follows KerasTuner's own formulas: in bracket ``b``,
    round ``r``, ``ceil(s / (b + 1) * factor**(b - r))`` models train up to
    ``ceil(max_epochs / factor**(b - r))`` epochs, where
    ``s = ceil(1 + log(max_epochs) / log(factor))``. A model promoted to the next
    round resumes from its checkpoint, so it only runs the extra epochs.

    Parameters
    ----------
    max_epochs : int
        Hyperband's ``max_epochs`` (at least 2).
    factor : int, default=3
        Hyperband's ``factor`` (at least 2).
    hyperband_iterations : int, default=1
        Hyperband's ``hyperband_iterations``.

    Returns
    -------
    pandas.DataFrame
        One row per (iteration, bracket, round): ``trials``, ``epochs`` (trained
        up to), ``epochs_run`` (per trial) and ``total_epochs``
        (``trials * epochs_run``). ``table[["trials", "total_epochs"]].sum()``
        is the whole search's budget.

    Raises
    ------
    TypeError, ValueError
        If an argument is not an integer or is too small.

    Examples
    --------
    >>> budget = hyperband_budget(max_epochs=2, factor=2)
    >>> budget[["trials", "total_epochs"]].sum().tolist()
    [5, 7]
    """
    max_epochs = check_int(max_epochs, "max_epochs", minimum=2)
    factor = check_int(factor, "factor", minimum=2)
    hyperband_iterations = check_int(
        hyperband_iterations, "hyperband_iterations", minimum=1
    )
    n_brackets, epochs = 0, float(max_epochs)
    while epochs >= 1:  # KerasTuner's min_epochs is 1
        epochs /= factor
        n_brackets += 1
    end_size = math.ceil(1 + math.log(max_epochs, factor))
    rows = []
    for iteration in range(hyperband_iterations):
        for bracket in reversed(range(n_brackets)):
            previous = 0
            for round_ in range(bracket + 1):
                trials = math.ceil(
                    end_size / (bracket + 1) * factor ** (bracket - round_)
                )
                upto = math.ceil(max_epochs / factor ** (bracket - round_))
                rows.append(
                    {
                        "iteration": iteration,
                        "bracket": bracket,
                        "round": round_,
                        "trials": trials,
                        "epochs": upto,
                        "epochs_run": upto - previous,
                        "total_epochs": trials * (upto - previous),
                    }
                )
                previous = upto
    return pd.DataFrame(rows)


class SearchResult(NamedTuple):
    """What :func:`run_search` returns.

    Attributes
    ----------
    best_model : keras.Model
        The best trial's model, with the weights of its best epoch.
    results : pandas.DataFrame
        One row per trial (see :func:`results_table`).
    best_hyperparameters : dict
        The best trial's values of the tuned hyperparameters.
    seconds : float
        Wall-clock time of the search.
    directory : pathlib.Path or None
        Where the tuner's state lives, or None when it was a temporary directory
        that has been removed.
    """

    best_model: object
    results: pd.DataFrame
    best_hyperparameters: dict
    seconds: float
    directory: Path | None


def results_table(tuner, *, epochs: int | None = None) -> pd.DataFrame:
    """One row per trial of a finished KerasTuner search, in the order they ran.

    Parameters
    ----------
    tuner : keras_tuner.Tuner
        A tuner whose search has finished (or a chief's tuner in distributed
        mode, which holds every worker's trials).
    epochs : int, optional
        The epochs each trial trained, for tuners other than Hyperband (their
        state does not record it; :func:`run_search` passes its ``max_epochs``).
        Hyperband records each trial's epochs itself: leave it None.

    Returns
    -------
    pandas.DataFrame
        Columns: ``trial_id``, one column per tuned hyperparameter (for the
        course's space ``units``, ``dropout``, ``learning_rate``), ``epochs``
        (the epoch the trial trained up to), ``epochs_run`` (epochs it actually
        ran: Hyperband resumes a promising trial from an earlier one),
        the objective (``val_loss``, its best value in the trial), ``best_epoch``
        (the epoch that reached it, counting from 1) and ``status``; for
        Hyperband also ``bracket`` and ``round``.

    Raises
    ------
    TypeError
        If ``tuner`` is not a KerasTuner tuner.
    """
    import keras_tuner as kt

    if epochs is not None:
        epochs = check_int(epochs, "epochs", minimum=1)
    if not isinstance(tuner, kt.Tuner):
        raise TypeError(
            f"tuner must be a keras_tuner.Tuner, but got {type(tuner).__name__}. "
            "Pass the tuner whose search has finished."
        )
    oracle = tuner.oracle
    objective = oracle.objective.name
    hyperband = isinstance(oracle, kt.oracles.HyperbandOracle)
    rows = []
    for trial_id in oracle.start_order:
        trial = oracle.trials[trial_id]
        values = trial.hyperparameters.values  # noqa: PD011 (a dict, not pandas)
        row = {"trial_id": trial_id}
        row.update(
            {k: v for k, v in values.items() if not k.startswith("tuner/")}
        )
        if hyperband:
            trained = int(values["tuner/epochs"])
            initial = int(values["tuner/initial_epoch"])
        else:
            trained, initial = (pd.NA if epochs is None else epochs), 0
        row["epochs"] = trained
        row["epochs_run"] = trained - initial
        has_score = trial.metrics.exists(objective)
        best = trial.metrics.get_best_value(objective) if has_score else None
        row[objective] = np.nan if best is None else best
        # A loss of NaN leaves KerasTuner without a best step.
        step = getattr(trial, "best_step", None)
        row["best_epoch"] = pd.NA if best is None or step is None else step + 1
        row["status"] = str(trial.status)
        if hyperband:
            row["bracket"] = int(values.get("tuner/bracket", 0))
            row["round"] = int(values.get("tuner/round", 0))
        rows.append(row)
    table = pd.DataFrame(rows)
    if not rows:
        table = pd.DataFrame(columns=["trial_id", objective, "status"])
    return table


def _check_xy(X, y, prefix: str) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X)
    y = np.asarray(y)
    for name, arr in ((f"X_{prefix}", X), (f"y_{prefix}", y)):
        if not np.issubdtype(arr.dtype, np.number):
            raise TypeError(
                f"{name} must be numeric, but has dtype {arr.dtype}. Convert it "
                "with .astype('float32') after removing text columns."
            )
        if not np.isfinite(arr).all():
            where = np.argwhere(~np.isfinite(arr))[0].tolist()
            raise ValueError(
                f"{name} holds NaN or inf (first at index {where}). Fill or drop "
                "the missing values before windowing."
            )
    if X.ndim != 3:
        raise ValueError(
            f"X_{prefix} must be 3-D (samples, seq_length, features), but has "
            f"shape {X.shape}. Window the series first (see chapter 7); for one "
            "feature add an axis with X[..., None]."
        )
    if y.ndim not in (1, 2):
        raise ValueError(
            f"y_{prefix} must be 1-D (samples,) or 2-D (samples, horizon), but "
            f"has shape {y.shape}."
        )
    if len(X) != len(y) or len(X) == 0:
        raise ValueError(
            f"X_{prefix} has {len(X)} samples and y_{prefix} has {len(y)}: they "
            "must have the same, non-zero, number of samples."
        )
    return X.astype("float32"), y.astype("float32")


def _check_name(value, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError(
            f"{name} must be a non-empty string, but got {value!r}."
        )
    return value


def _check_tuner(tuner) -> str:
    if not isinstance(tuner, str) or tuner not in _TUNERS:
        raise ValueError(
            f"tuner={tuner!r} is not one of {_TUNERS}; pick one of those (in lower "
            "case)."
        )
    return tuner


def _check_directory(directory) -> Path:
    if directory is None or not isinstance(directory, str | os.PathLike):
        raise TypeError(
            f"directory must be a folder path (str or pathlib.Path), but got "
            f"{directory!r}. Give a folder name such as 'tuning_runs'."
        )
    path = Path(directory)
    if not str(directory).strip():
        raise ValueError("directory is an empty string; give a folder name.")
    if path.exists() and not path.is_dir():
        raise ValueError(
            f"directory={str(directory)!r} is a file, not a folder: the tuner keeps "
            "its trials in a folder. Give a new folder name."
        )
    return path


def run_search(
    X_train,
    y_train,
    X_val,
    y_val,
    *,
    hypermodel=None,
    tuner: str = "hyperband",
    max_epochs: int = 6,
    factor: int = 3,
    hyperband_iterations: int = 1,
    max_trials: int | None = None,
    batch_size: int = 64,
    directory=None,
    project_name: str = "lstm_tuning",
    overwrite: bool = False,
    seed: int = 42,
) -> SearchResult:
    """Search for good hyperparameters on a budget and return the best model.

    Runs a KerasTuner search that minimises the validation loss (MSE) on
    ``(X_val, y_val)``. Nothing is written to the working directory: by default
    the tuner's state (checkpoints, one JSON per trial) lives in a temporary
    directory that is removed once the best model is back in memory. Give
    ``directory`` to keep the state, for example to resume a long search.

    Parameters
    ----------
    X_train, X_val : array_like of shape (samples, seq_length, features)
        Training and validation windows.
    y_train, y_val : array_like of shape (samples,) or (samples, horizon)
        Their targets.
    hypermodel : callable, optional
        A model-building function ``build_model(hp)``. Default:
        :func:`make_hypermodel` for the data's shapes and the course's space.
    tuner : {"hyperband", "random"}, default="hyperband"
        Hyperband (successive halving over several budgets) or random search.
    max_epochs : int, default=6
        The most epochs any one model trains (Hyperband), or the epochs of
        every trial (random search). At least 2 for Hyperband.
    factor : int, default=3
        Hyperband's reduction factor: each round keeps about ``1 / factor`` of
        the models and trains them ``factor`` times longer.
    hyperband_iterations : int, default=1
        How many times to run Hyperband's full set of brackets.
    max_trials : int, optional
        Number of trials for random search (default 10). Hyperband sets its own
        number of trials from ``max_epochs`` and ``factor``, so leave it None.
    batch_size : int, default=64
        Batch size for training.
    directory : str or path-like, optional
        Where to keep the tuner's state. Default: a temporary directory.
    project_name : str, default="lstm_tuning"
        Sub-directory of ``directory`` for this search.
    overwrite : bool, default=False
        With a named ``directory``, start afresh instead of resuming.
    seed : int, default=42
        Seeds the tuner's sampling and the models' initial weights.

    Returns
    -------
    SearchResult
        ``(best_model, results, best_hyperparameters, seconds, directory)``.

    Raises
    ------
    TypeError, ValueError
        If the arrays are not numeric, have the wrong number of dimensions,
        disagree in length or shape, or hold NaN; if a ``hypermodel`` from
        :func:`make_hypermodel` was built for other shapes; if ``tuner`` is
        unknown; if a budget is not a positive integer; if ``max_trials`` is
        given to Hyperband; if ``overwrite`` is not a bool; if ``directory`` is
        a file.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X, y = rng.normal(size=(40, 5, 1)), rng.normal(size=40)
    >>> space = make_hypermodel(5, units=(4, 8, 4))
    >>> found = run_search(X[:30], y[:30], X[30:], y[30:], hypermodel=space,
    ...                    tuner="random", max_trials=1, max_epochs=1)
    >>> len(found.results), found.directory is None
    (1, True)
    """
    X_train, y_train = _check_xy(X_train, y_train, "train")
    X_val, y_val = _check_xy(X_val, y_val, "val")
    if (
        X_val.shape[1:] != X_train.shape[1:]
        or y_val.shape[1:] != y_train.shape[1:]
    ):
        raise ValueError(
            f"Validation windows {X_val.shape[1:]} -> {y_val.shape[1:]} do not match "
            f"training windows {X_train.shape[1:]} -> {y_train.shape[1:]}. Build "
            "both with the same seq_length, features and horizon."
        )
    tuner = _check_tuner(tuner)
    if not isinstance(overwrite, bool):
        raise TypeError(
            f"overwrite must be True or False, but got {overwrite!r}; with True an "
            "earlier search in the directory is deleted."
        )
    if directory is not None:
        directory = _check_directory(directory)
    max_epochs = check_int(max_epochs, "max_epochs", minimum=1)
    factor = check_int(factor, "factor", minimum=2)
    hyperband_iterations = check_int(
        hyperband_iterations, "hyperband_iterations", minimum=1
    )
    batch_size = check_int(batch_size, "batch_size", minimum=1)
    seed = check_int(seed, "seed", minimum=0)
    project_name = _check_name(project_name, "project_name")
    if tuner == "hyperband":
        if max_trials is not None:
            raise ValueError(
                f"max_trials={max_trials!r} applies to tuner='random' only: "
                "Hyperband's budget is set by max_epochs, factor and "
                "hyperband_iterations. Leave max_trials=None."
            )
        if max_epochs < 2:
            raise ValueError(
                f"max_epochs={max_epochs} leaves Hyperband nothing to halve: it "
                "needs max_epochs >= 2 (the course uses 4 to 6)."
            )
    else:
        max_trials = check_int(
            10 if max_trials is None else max_trials, "max_trials", minimum=1
        )
    if hypermodel is None:
        horizon = 1 if y_train.ndim == 1 else y_train.shape[1]
        hypermodel = make_hypermodel(
            X_train.shape[1], X_train.shape[2], horizon=horizon
        )
    elif not callable(hypermodel):
        raise TypeError(
            f"hypermodel must be a function build_model(hp), but got "
            f"{type(hypermodel).__name__}. Use make_hypermodel(...)."
        )
    else:
        _check_hypermodel_fits(hypermodel, X_train, y_train)

    data = (X_train, y_train, X_val, y_val)
    options = {
        "max_epochs": max_epochs,
        "factor": factor,
        "hyperband_iterations": hyperband_iterations,
        "max_trials": max_trials,
        "project_name": project_name,
        "seed": seed,
    }
    if directory is None:
        with tempfile.TemporaryDirectory(prefix="lstm_course_tuning_") as tmp:
            found = _search(
                data, hypermodel, tuner, batch_size, tmp, True, options
            )
        return found._replace(directory=None)
    return _search(
        data, hypermodel, tuner, batch_size, directory, overwrite, options
    )


def _check_hypermodel_fits(hypermodel, X, y) -> None:
    """Refuse a hypermodel from :func:`make_hypermodel` built for other shapes."""
    shape = getattr(hypermodel, "input_shape", None)
    horizon = getattr(hypermodel, "horizon", None)
    data_horizon = 1 if y.ndim == 1 else y.shape[1]
    if shape is not None and tuple(shape) != tuple(X.shape[1:]):
        raise ValueError(
            f"hypermodel reads windows of shape {tuple(shape)} (seq_length, "
            f"n_features), but X_train's windows are {tuple(X.shape[1:])}. Build it "
            f"with make_hypermodel(seq_length={X.shape[1]}, n_features={X.shape[2]})."
        )
    if horizon is not None and horizon != data_horizon:
        raise ValueError(
            f"hypermodel forecasts horizon={horizon} value(s), but y_train has "
            f"{data_horizon} per window. Build it with make_hypermodel(..., "
            f"horizon={data_horizon})."
        )


def make_tuner(
    hypermodel,
    tuner: str,
    *,
    max_epochs: int,
    factor: int = 3,
    hyperband_iterations: int = 1,
    max_trials: int | None = None,
    directory,
    project_name: str,
    overwrite: bool,
    seed: int,
):
    """Build the KerasTuner tuner that minimises ``val_loss``.

    Shared by :func:`run_search` and the distributed chief and workers, so that all
    of them search the same way. See :func:`run_search` for the parameters;
    random search needs ``max_trials`` (None would never stop).

    Raises
    ------
    TypeError, ValueError
        If ``tuner`` is unknown, ``directory`` is not a folder path, ``overwrite``
        is not a bool, a budget is not a positive integer, or random search has
        no ``max_trials``.
    """
    import keras_tuner as kt

    tuner = _check_tuner(tuner)
    if not callable(hypermodel):
        raise TypeError(
            f"hypermodel must be a function build_model(hp), but got "
            f"{type(hypermodel).__name__}. Use make_hypermodel(...)."
        )
    max_epochs = check_int(max_epochs, "max_epochs", minimum=1)
    factor = check_int(factor, "factor", minimum=2)
    hyperband_iterations = check_int(
        hyperband_iterations, "hyperband_iterations", minimum=1
    )
    seed = check_int(seed, "seed", minimum=0)
    project_name = _check_name(project_name, "project_name")
    directory = _check_directory(directory)
    if not isinstance(overwrite, bool):
        raise TypeError(
            f"overwrite must be True or False, but got {overwrite!r}; with True an "
            "earlier search in the directory is deleted."
        )
    if tuner == "random":
        if max_trials is None:
            raise ValueError(
                "max_trials=None would let random search run forever: give the "
                "number of trials, for example max_trials=10."
            )
        max_trials = check_int(max_trials, "max_trials", minimum=1)
    elif max_epochs < 2:
        raise ValueError(
            f"max_epochs={max_epochs} leaves Hyperband nothing to halve: it "
            "needs max_epochs >= 2 (the course uses 4 to 6)."
        )
    common = {
        "objective": "val_loss",
        "seed": seed,
        "directory": str(directory),
        "project_name": project_name,
        "overwrite": overwrite,
    }
    if tuner == "hyperband":
        return kt.Hyperband(
            hypermodel,
            max_epochs=max_epochs,
            factor=factor,
            hyperband_iterations=hyperband_iterations,
            **common,
        )
    return kt.RandomSearch(hypermodel, max_trials=max_trials, **common)


def load_best_model(tuner):
    """The best trial's model with the weights of its best epoch.

    KerasTuner's weight loading makes Keras warn about optimizer state that a
    forecast never needs; this silences that one warning and nothing else.

    Parameters
    ----------
    tuner : keras_tuner.Tuner
        A tuner whose search has finished.

    Returns
    -------
    keras.Model
    """
    with _quiet_weight_loading():
        return tuner.get_best_models(num_models=1)[0]


@contextlib.contextmanager
def _quiet_weight_loading():
    """Silence Keras' warning about optimizer state when KerasTuner loads weights.

    KerasTuner checkpoints each trial's weights but not its optimizer's state.
    When Hyperband resumes a promoted trial, and when the best model is loaded,
    Keras warns that the fresh optimizer does not match the saved one. The
    optimizer starts afresh, as KerasTuner intends; the warning is noise for a
    learner, so it is silenced here and nowhere else.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="Skipping variable loading for optimizer"
        )
        yield


def _search(
    data, hypermodel, tuner_name, batch_size, directory, overwrite, options
):
    from lstm_course.reproducibility import set_seed

    X_train, y_train, X_val, y_val = data
    set_seed(options["seed"])
    tuner = make_tuner(
        hypermodel,
        tuner_name,
        directory=directory,
        overwrite=overwrite,
        **options,
    )
    start = time.perf_counter()
    with _quiet_weight_loading():
        tuner.search(
            X_train,
            y_train,
            validation_data=(X_val, y_val),
            epochs=options["max_epochs"],
            batch_size=batch_size,
            verbose=0,
        )
    seconds = time.perf_counter() - start
    table = results_table(
        tuner,
        epochs=None if tuner_name == "hyperband" else options["max_epochs"],
    )
    best_model = load_best_model(tuner)
    best = tuner.get_best_hyperparameters(num_trials=1)[0].values  # noqa: PD011
    best = {k: v for k, v in best.items() if not k.startswith("tuner/")}
    return SearchResult(best_model, table, best, seconds, Path(directory))
