"""Hyperparameter tuning with KerasTuner, on one machine or many (chapter 13).

- :mod:`lstm_course.tuning.search`: the search space, :func:`run_search` and the
  results table.
- :mod:`lstm_course.tuning.distributed`: a chief and several workers sharing one
  search, started with ``python -m lstm_course.tuning chief|worker``.
"""

from lstm_course.tuning.distributed import (
    run_worker,
    serve_chief,
    set_distributed_environment,
)
from lstm_course.tuning.search import (
    SEARCH_SPACE,
    SearchResult,
    hyperband_budget,
    make_hypermodel,
    make_tuner,
    results_table,
    run_search,
)

__all__ = [
    "SEARCH_SPACE",
    "SearchResult",
    "hyperband_budget",
    "make_hypermodel",
    "make_tuner",
    "results_table",
    "run_search",
    "run_worker",
    "serve_chief",
    "set_distributed_environment",
]
