"""Companion package for *LSTM for Time Series Forecasting in Python*.

One module per idea in the book, so that the package reads like the table of
contents:

- :mod:`lstm_course.reproducibility`: one call that seeds everything.
- :mod:`lstm_course.gradients`: why plain RNNs forget (chapter 1).
- :mod:`lstm_course.plotting`: the LSTM cell diagram (chapter 2).
- :mod:`lstm_course.cell`: the LSTM cell in NumPy, gate by gate (chapters 3-6).
"""

import os

# TensorFlow's C++ start-up chatter is not for learners; set before Keras loads it.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

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
from lstm_course.gradients import gradient_norms_by_lag, make_recall_task
from lstm_course.plotting import draw_lstm_cell
from lstm_course.reproducibility import set_seed

__version__ = "0.1.0"

__all__ = [
    "draw_lstm_cell",
    "forget_gate",
    "gate_activations",
    "gate_weights",
    "gradient_norms_by_lag",
    "input_gate",
    "lstm_forward",
    "lstm_step",
    "make_recall_task",
    "output_gate",
    "set_seed",
    "sigmoid",
    "update_cell_state",
    "weights_from_keras",
]
