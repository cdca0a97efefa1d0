"""Checks a learner runs on their answer to an exercise.

Each ``check_*`` function runs the learner's code on several cases, compares it with
the package's reference implementation, prints specific feedback (what came back,
what was expected, and a hint), and returns a :class:`Feedback` that is truthy when
every case passed. A check never raises on a wrong answer, so a notebook keeps
running while a learner works.

>>> from lstm_course.exercises import check_answer
>>> check_answer(10451, 10451, name="parameter count")
✓ parameter count: correct.
Feedback(passed=True)
"""

from lstm_course.exercises._core import (
    Feedback,
    check_answer,
    run_cases,
)
from lstm_course.exercises.building import (
    check_lstm_param_count,
)
from lstm_course.exercises.cell import (
    check_cell_update,
    check_forget_gate,
    check_input_gate,
    check_lstm_step,
    check_output_gate,
    check_sigmoid,
)
from lstm_course.exercises.datasets import (
    check_day_rows,
    check_wind_components,
)
from lstm_course.exercises.deep_models import (
    check_bidirectional_param_count,
    check_permute_feature,
    check_stacked_param_count,
)
from lstm_course.exercises.intervals import (
    check_pinball_loss,
)
from lstm_course.exercises.predictions import (
    check_mase,
    check_seasonal_naive,
)
from lstm_course.exercises.training import (
    check_early_stopping_epochs,
)
from lstm_course.exercises.tuning import (
    check_hyperband_cost,
)
from lstm_course.exercises.windowing import (
    check_windows_1d,
)

__all__ = [
    "Feedback",
    "check_answer",
    "check_bidirectional_param_count",
    "check_cell_update",
    "check_day_rows",
    "check_early_stopping_epochs",
    "check_forget_gate",
    "check_hyperband_cost",
    "check_input_gate",
    "check_lstm_param_count",
    "check_lstm_step",
    "check_mase",
    "check_output_gate",
    "check_permute_feature",
    "check_pinball_loss",
    "check_seasonal_naive",
    "check_sigmoid",
    "check_stacked_param_count",
    "check_wind_components",
    "check_windows_1d",
    "run_cases",
]
