"""Companion package for *LSTM for Time Series Forecasting in Python*.

One module per idea in the book, so that the package reads like the table of
contents:

- :mod:`lstm_course.reproducibility`: one call that seeds everything.
- :mod:`lstm_course.gradients`: why plain RNNs forget (chapter 1).
- :mod:`lstm_course.windows`: windows as views, chronological split, scaling (ch. 7).
- :mod:`lstm_course.models`: Keras 3 forecasters and their parameter counts (ch. 8).
- :mod:`lstm_course.forecasting`: one-step and recursive forecasts (chapter 10).
- :mod:`lstm_course.baselines`: persistence and seasonal naive (chapter 10).
- :mod:`lstm_course.metrics`: MAE, RMSE and MASE (chapter 10).
- :mod:`lstm_course.plotting`: the LSTM cell diagram (chapter 2).
- :mod:`lstm_course.cell`: the LSTM cell in NumPy, gate by gate (chapters 3-6).
- :mod:`lstm_course.datasets`: synthetic warm-ups and real recorded series
  (chapters 11-12).
- :mod:`lstm_course.models`: Keras 3 forecasters and their parameter counts (ch. 8),
  stacked and bidirectional LSTMs (chapters 15-16).
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
from lstm_course.forecasting import (
    predict_next_value,
    recursive_forecast,
)
from lstm_course.gradients import (
    ForgetBias,
    gradient_norms_by_lag,
    make_recall_task,
)
from lstm_course.metrics import (
    mae,
    mase,
    naive_scale,
    rmse,
)
from lstm_course.models import (
    build_bidirectional_lstm,
    build_lstm_model,
    build_stacked_lstm,
    lstm_param_count,
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
    "ForgetBias",
    "Scaler",
    "Split",
    "build_bidirectional_lstm",
    "build_lstm_model",
    "build_stacked_lstm",
    "draw_lstm_cell",
    "fit_scaler",
    "forget_gate",
    "gate_activations",
    "gate_weights",
    "gradient_norms_by_lag",
    "hyperband_budget",
    "input_gate",
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
    "predict_next_value",
    "recursive_forecast",
    "results_table",
    "rmse",
    "run_search",
    "seasonal_naive_forecast",
    "set_seed",
    "sigmoid",
    "split_chronologically",
    "synthetic_consumption",
    "synthetic_temperature",
    "time_encodings",
    "update_cell_state",
    "weights_from_keras",
    "wind_components",
    "window_split",
    "windows_with_context",
]
