"""Companion package for *LSTM for Time Series Forecasting in Python*.

One module per idea in the book, so that the package reads like the table of
contents:

- :mod:`lstm_course.reproducibility`: one call that seeds everything.
- :mod:`lstm_course.gradients`: why plain RNNs forget (chapter 1).
- :mod:`lstm_course.deep_models`: stacked and bidirectional LSTMs (chapters 15-16).
"""

import os

# TensorFlow's C++ start-up chatter is not for learners; set before Keras loads it.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

from lstm_course.deep_models import build_bidirectional_lstm, build_stacked_lstm
from lstm_course.gradients import gradient_norms_by_lag, make_recall_task
from lstm_course.reproducibility import set_seed

__version__ = "0.1.0"

__all__ = [
    "build_bidirectional_lstm",
    "build_stacked_lstm",
    "gradient_norms_by_lag",
    "make_recall_task",
    "set_seed",
]
