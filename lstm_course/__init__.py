"""Companion package for *LSTM for Time Series Forecasting in Python*.

One module per idea in the book, so that the package reads like the table of
contents:

- :mod:`lstm_course.reproducibility`: one call that seeds everything.
- :mod:`lstm_course.gradients`: why plain RNNs forget (chapter 1).
- :mod:`lstm_course.plotting`: the LSTM cell diagram (chapter 2).
- :mod:`lstm_course.cell`: the LSTM cell in NumPy, gate by gate (chapters 3-6).
- :mod:`lstm_course.windows`: windows as views, chronological split, scaling (ch. 7).
- :mod:`lstm_course.models`: Keras 3 forecasters and their parameter counts (ch. 8),
  the quantile LSTM ("How sure is the forecast?"), stacked and bidirectional
  LSTMs (chapters 15-16).
- :mod:`lstm_course.forecasting`: one-step and recursive forecasts (chapter 10).
- :mod:`lstm_course.baselines`: persistence and seasonal naive (chapter 10), the
  linear model on the same windows and exponential smoothing (chapters 10-16).
- :mod:`lstm_course.metrics`: MAE, RMSE and MASE (chapter 10).
- :mod:`lstm_course.datasets`: synthetic warm-ups and real recorded series
  (chapters 11-12).
- :mod:`lstm_course.evaluation`: one comparison table, rolling-origin backtests,
  seed spreads and the Diebold-Mariano test (chapters 10-16, "Is the LSTM worth
  it?").
- :mod:`lstm_course.intervals`: pinball loss, coverage, the Winkler score and
  split-conformal prediction intervals ("How sure is the forecast?").
- :mod:`lstm_course.forecaster`: the whole recipe as one estimator, for your own
  series (``Forecaster``: fit, predict, evaluate, save, load), and
  :mod:`lstm_course.cli`, the ``lstm-course forecast`` command ("Your own
  series").
- :mod:`lstm_course.tuning`: KerasTuner search, on one machine or many (ch. 13).
"""

import importlib.util
import os

# TensorFlow's C++ start-up chatter is not for learners; set before Keras loads it.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

# TensorFlow is an extra, not a base dependency (so that an install never replaces
# the one an environment already has, such as Colab's): say what to install.
if importlib.util.find_spec("tensorflow") is None:
    raise ImportError(
        "lstm_course needs TensorFlow, and this environment has none. Install it "
        "with the package's extra: pip install 'lstm-course[cpu]' for a laptop "
        "(the small CPU-only wheel), or pip install 'lstm-course[gpu]' for an "
        "NVIDIA GPU on Linux (the README's 'Which TensorFlow, and GPUs')."
    )

from lstm_course.baselines import (
    ETSForecaster,
    LinearForecaster,
    naive_forecast,
    seasonal_naive_forecast,
)
from lstm_course.cell import (
    forget_gate,
    gate_activations,
    gate_weights,
    input_gate,
    lstm_forward,
    lstm_step,
    output_gate,
    sigmoid,
    update_cell_state,
    weights_from_keras,
)
from lstm_course.datasets import (
    load_electricity,
    load_weather,
    synthetic_consumption,
    synthetic_temperature,
    time_encodings,
    wind_components,
)
from lstm_course.evaluation import (
    across_seeds,
    backtest,
    compare,
    diebold_mariano,
    rolling_origins,
)
from lstm_course.forecaster import (
    Forecaster,
)
from lstm_course.forecasting import (
    predict_next_value,
    recursive_forecast,
)
from lstm_course.gradients import (
    ForgetBias,
    gradient_norms_by_lag,
    make_recall_task,
)
from lstm_course.intervals import (
    ConformalIntervals,
    interval_coverage,
    pinball_loss,
    winkler_score,
)
from lstm_course.metrics import (
    mae,
    mase,
    naive_scale,
    rmse,
)
from lstm_course.models import (
    PinballLoss,
    TemperatureLSTM,
    build_bidirectional_lstm,
    build_lstm_model,
    build_quantile_lstm,
    build_stacked_lstm,
    lstm_param_count,
    sort_quantiles,
    train_temperature_lstm,
)
from lstm_course.plotting import (
    draw_lstm_cell,
)
from lstm_course.reproducibility import (
    set_seed,
)
from lstm_course.tuning import (
    hyperband_budget,
    make_hypermodel,
    results_table,
    run_search,
)
from lstm_course.windows import (
    Scaler,
    Split,
    fit_scaler,
    make_windows,
    split_chronologically,
    window_split,
    windows_with_context,
)

__version__ = "0.1.0"

__all__ = [
    "ConformalIntervals",
    "ETSForecaster",
    "Forecaster",
    "ForgetBias",
    "LinearForecaster",
    "PinballLoss",
    "Scaler",
    "Split",
    "TemperatureLSTM",
    "across_seeds",
    "backtest",
    "build_bidirectional_lstm",
    "build_lstm_model",
    "build_quantile_lstm",
    "build_stacked_lstm",
    "compare",
    "diebold_mariano",
    "draw_lstm_cell",
    "fit_scaler",
    "forget_gate",
    "gate_activations",
    "gate_weights",
    "gradient_norms_by_lag",
    "hyperband_budget",
    "input_gate",
    "interval_coverage",
    "load_electricity",
    "load_weather",
    "lstm_forward",
    "lstm_param_count",
    "lstm_step",
    "mae",
    "make_hypermodel",
    "make_recall_task",
    "make_windows",
    "mase",
    "naive_forecast",
    "naive_scale",
    "output_gate",
    "pinball_loss",
    "predict_next_value",
    "recursive_forecast",
    "results_table",
    "rmse",
    "rolling_origins",
    "run_search",
    "seasonal_naive_forecast",
    "set_seed",
    "sigmoid",
    "sort_quantiles",
    "split_chronologically",
    "synthetic_consumption",
    "synthetic_temperature",
    "time_encodings",
    "train_temperature_lstm",
    "update_cell_state",
    "weights_from_keras",
    "wind_components",
    "window_split",
    "windows_with_context",
    "winkler_score",
]
