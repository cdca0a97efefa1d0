"""Checks on the chapters (book/) while nbval executes them (``make test``).

It sits at the repository's root, not in book/: a second ``conftest.py`` outside
a package would clash with ``tests/conftest.py`` under ``--doctest-modules``.

Every figure a chapter shows is checked as the book shows it: text at least 9
points, no axis with a single labelled tick (``tests/figure_fonts.py``). A
figure that breaks the rule fails the cell that drew it.

nbval starts one kernel per notebook, while the first cell is set up; the hooks
below give that kernel (and no other) an IPython start-up file that installs
the check, and the inline backend the book uses (``tests/conftest.py`` sets
``MPLBACKEND=Agg`` for the unit tests, which would draw nothing).
"""

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent / "tests"
STARTUP = """\
import os
import sys

sys.path.insert(0, {tests!r})
import figure_fonts

figure_fonts.install(os.environ["LSTM_COURSE_FIGURE_RECORD"])
del figure_fonts
sys.path.remove({tests!r})
"""

_state = {}

# As tests/conftest.py: the chapters' numbers are those of TensorFlow without
# oneDNN (the course's kernel sets the same), also under `make notebooks`.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")


def _is_nbval_cell(item) -> bool:
    return type(item).__name__ == "IPyNbCell"


def _record(item) -> Path:
    return Path(_state["dir"]) / f"{Path(str(item.parent.fspath)).stem}.jsonl"


def pytest_configure(config):
    folder = tempfile.mkdtemp(prefix="lstm-course-figures-")
    startup = Path(folder, "ipython", "profile_default", "startup")
    startup.mkdir(parents=True)
    (startup / "00-figure-fonts.py").write_text(STARTUP.format(tests=str(TESTS)))
    _state["dir"] = folder


def pytest_unconfigure(config):
    if "dir" in _state:
        shutil.rmtree(_state.pop("dir"), ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    if not _is_nbval_cell(item) or getattr(item.parent, "kernel", None):
        return (yield)
    saved = {k: os.environ.get(k) for k in ("IPYTHONDIR", "MPLBACKEND")}
    os.environ["IPYTHONDIR"] = str(Path(_state["dir"], "ipython"))
    os.environ["LSTM_COURSE_FIGURE_RECORD"] = str(_record(item))
    os.environ.pop("MPLBACKEND", None)  # ipykernel then picks the inline one
    try:
        return (yield)
    finally:
        os.environ.pop("LSTM_COURSE_FIGURE_RECORD", None)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    if _is_nbval_cell(item):
        record = _record(item)
        seen = _state.setdefault("seen", {})
        lines = record.read_text().splitlines() if record.exists() else []
        new = lines[seen.get(record, 0) :]
        seen[record] = len(lines)
        if new:
            problems = [line for entry in new for line in json.loads(entry)]
            raise AssertionError(
                "a figure of this cell is hard to read in the book "
                "(tests/figure_fonts.py):\n  " + "\n  ".join(problems)
            )
    return result
