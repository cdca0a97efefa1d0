"""Bad input never fails silently (issue 13): every kind the fuzz found, pinned.

Each kind of bad input is one table (``pytest.mark.parametrize``) or one property
(hypothesis): silent wrong results, failures deep inside NumPy/pandas/Keras, hangs,
and unclear messages. Every error is a ``TypeError`` or ``ValueError`` whose
message (pinned with ``match=``) names the problem and the fix. The last tests fuzz
the whole public API with values of the wrong kind.
"""

import inspect
import math
import re
import socket
import threading
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import lstm_course
import lstm_course.exercises as ex
import lstm_course.exercises._core as core
from lstm_course import (
    draw_lstm_cell,
    fit_scaler,
    forget_gate,
    mae,
    make_hypermodel,
    make_windows,
    mase,
    naive_forecast,
    recursive_forecast,
    rmse,
    sigmoid,
    split_chronologically,
    wind_components,
    window_split,
    windows_with_context,
)
from lstm_course.forecasting import MAX_STEPS
from lstm_course.tuning import make_tuner, run_search
from lstm_course.windows import Split

ROLE_VARIABLES = (
    "KERASTUNER_TUNER_ID",
    "KERASTUNER_ORACLE_IP",
    "KERASTUNER_ORACLE_PORT",
)


@pytest.fixture(autouse=True)
def _no_distributed_role_left_behind():
    """The CLIs set KerasTuner's role variables; a later search must not see them
    (it would wait for a chief that does not exist)."""
    import os

    saved = {name: os.environ.get(name) for name in ROLE_VARIABLES}
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


# ------------------------------------------------------------------ timestamps


def _frame(order):
    index = pd.to_datetime("2024-01-01") + pd.to_timedelta(order, unit="h")
    return pd.DataFrame({"load": np.arange(len(order), dtype=float)}, index=index)


NEWEST_FIRST = _frame(list(range(20))[::-1])
SHUFFLED = _frame([0, 1, 2, 5, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17])
DUPLICATED = _frame([0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (NEWEST_FIRST, r"not in time order .* \w+\.sort_index\(\)"),
        (NEWEST_FIRST["load"], r"not in time order .* \w+\.sort_index\(\)"),
        (SHUFFLED, r"not in time order \(.* at row 4\)"),
        (DUPLICATED, r"1 duplicated timestamp.*\.index\.duplicated\(\)"),
    ],
    ids=["newest-first", "series", "shuffled", "duplicated"],
)
@pytest.mark.parametrize(
    "call",
    [
        lambda d: split_chronologically(d),
        lambda d: make_windows(d, seq_length=3),
        lambda d: windows_with_context(d.iloc[:0], d, seq_length=3),
    ],
    ids=["split_chronologically", "make_windows", "windows_with_context"],
)
def test_unsorted_or_duplicated_timestamps_are_refused(call, data, match):
    with pytest.raises(ValueError, match=match):
        call(data)


def test_sorted_timestamps_and_plain_arrays_still_work():
    frame = NEWEST_FIRST.sort_index()
    parts = split_chronologically(frame, 0.6, 0.2)
    assert parts.test[-1, 0] == frame["load"].iloc[-1]  # the newest rows test
    X, _ = make_windows(frame, seq_length=3)
    assert X.shape == (17, 3, 1)
    split_chronologically(np.arange(10.0)[::-1])  # no timestamps: no opinion


def test_context_must_come_before_part():
    frame = _frame(list(range(20)))
    with pytest.raises(ValueError, match="not after the end of context"):
        windows_with_context(frame.iloc[10:], frame.iloc[:10], seq_length=3)


def test_window_split_refuses_parts_of_different_widths():
    split = Split(np.ones((10, 2)), np.ones((5, 3)), np.ones((5, 2)))
    with pytest.raises(ValueError, match="parts of split have different widths"):
        window_split(split, seq_length=3)


# --------------------------------------------------------------------- scaler

TWO = fit_scaler(np.array([[1.0, 10.0], [3.0, 30.0], [5.0, 20.0]]))


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: TWO.transform(np.ones(3)), ValueError, r"1-D .* pass column="),
        (lambda: TWO.transform(np.ones(2)), ValueError, r"1-D .* ambiguous"),
        (lambda: TWO.inverse_transform(np.ones(2)), ValueError, r"pass column="),
        (
            lambda: TWO.transform([1.0, np.nan], column=0),
            ValueError,
            r"NaN or inf, the first at index \(1,\)",
        ),
        (
            lambda: TWO.inverse_transform([np.inf], column=1),
            ValueError,
            "NaN or inf",
        ),
        (
            lambda: TWO.inverse_transform(np.full((2, 2), np.nan)),
            ValueError,
            "NaN or inf",
        ),
        (lambda: TWO.transform(None), TypeError, "got None"),
        (lambda: TWO.inverse_transform(["a"], column=0), TypeError, "hold numbers"),
        (lambda: fit_scaler([1e308, -1e308, 1e308]), ValueError, "overflows"),
        (lambda: fit_scaler([0.0, 1e-320, 0.0]), ValueError, "vary too little"),
        (lambda: fit_scaler([2.0, 2.0, 2.0]), ValueError, "constant"),
    ],
    ids=[
        "1-D-of-3",
        "1-D-of-2",
        "inverse-1-D",
        "column-nan",
        "column-inf",
        "inverse-nan",
        "none",
        "text",
        "infinite-scale",
        "subnormal-scale",
        "zero-scale",
    ],
)
def test_scaler_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


@given(
    st.lists(
        st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=30, unique=True
    )
)
def test_scaler_round_trips_for_any_finite_series(values):
    arr = np.array(values)
    assume(np.ptp(arr) > 1e-3)  # a (near-)constant series is refused, as pinned above
    scaler = fit_scaler(arr)
    back = scaler.inverse_transform(scaler.transform(arr))
    np.testing.assert_allclose(back, arr, rtol=1e-9, atol=1e-6)
    assert np.isfinite(scaler.scale).all() and (scaler.scale > 0).all()


# -------------------------------------------------------------------- metrics

METRIC_BAD = [
    (["1", "2"], TypeError, "strings"),
    ([True, False], TypeError, "booleans"),
    ([1 + 2j, 3j], TypeError, "complex"),
    (
        np.array(["2024-01-01", "2024-01-02"], dtype="datetime64[D]"),
        TypeError,
        "datetimes",
    ),
    (np.array([1, 2], dtype="timedelta64[s]"), TypeError, "timedelta"),
    ([1.0, None], TypeError, "None"),
    (None, TypeError, "got None"),
    ([1.0, "x"], TypeError, "strings"),
    ([1.0, object()], TypeError, "numbers only"),
]


@pytest.mark.parametrize("metric", [mae, rmse])
@pytest.mark.parametrize(("bad", "error", "match"), METRIC_BAD)
def test_metrics_refuse_what_is_not_a_real_number(metric, bad, error, match):
    with pytest.raises(error, match=match):
        metric(bad, [1.0, 2.0])
    with pytest.raises(error, match=match):
        metric([1.0, 2.0], bad)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: mae([1e308], [-1e308]), "mean absolute error overflows"),
        (lambda: rmse([1.7e308, 0.0], [-1.7e308, 0.0]), "squared error overflows"),
        (lambda: mase([1.0], [2.0], [1e308, -1e308, 1e308]), "seasonal-naive"),
        (lambda: mase([1e300], [-1e300], [0.0, 1e-300, 0.0]), "MASE"),
    ],
)
def test_metrics_report_overflow_instead_of_inf(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@given(
    st.lists(st.floats(-1e300, 1e300, allow_nan=False), min_size=1, max_size=20),
    st.data(),
)
def test_metrics_are_finite_for_finite_input_or_refuse(true, data):
    pred = data.draw(
        st.lists(
            st.floats(-1e300, 1e300, allow_nan=False),
            min_size=len(true),
            max_size=len(true),
        )
    )
    for metric in (mae, rmse):
        value = metric(true, pred)  # |difference| <= 2e300: representable
        assert math.isfinite(value) and value >= 0
    assert rmse(true, pred) >= mae(true, pred) * (1 - 1e-12)


def test_rmse_scaling_keeps_small_values_exact():
    assert rmse([0.0, 0.0], [3.0, 4.0]) == pytest.approx(12.5**0.5, rel=1e-15)
    assert rmse([1e-200], [0.0]) == pytest.approx(1e-200)


# ---------------------------------------------------------- the NumPy LSTM cell

H, X, W, B = np.zeros(4), np.zeros(3), np.zeros((4, 7)), np.zeros(4)


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((np.array([0.0, np.nan, 0, 0]), X, W, B), ValueError, "h_prev holds NaN"),
        ((H, np.array([np.inf, 0, 0]), W, B), ValueError, "x_t holds NaN or inf"),
        ((H, X, np.full((4, 7), np.nan), B), ValueError, "NaN or inf"),
        ((None, X, W, B), TypeError, "h_prev is None"),
        ((H, X, W, np.zeros(4, dtype=complex)), TypeError, "complex"),
    ],
    ids=["nan-state", "inf-input", "nan-weights", "none", "complex"],
)
def test_cell_functions_refuse_nan_none_and_complex(args, error, match):
    with pytest.raises(error, match=match):
        forget_gate(*args)


@pytest.mark.parametrize("bad", [np.nan, -np.inf, None])
def test_sigmoid_refuses_nan(bad):
    with pytest.raises((ValueError, TypeError), match=r"NaN or inf|None"):
        sigmoid(np.array([0.0, bad]) if bad is not None else bad)


@given(st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=1, max_size=20))
def test_sigmoid_stays_in_unit_interval(values):
    out = sigmoid(np.array(values))
    assert ((out >= 0) & (out <= 1)).all()


# -------------------------------------------------------------- forecasting hangs


def test_recursive_forecast_refuses_steps_beyond_max_before_running():
    from lstm_course.models import build_lstm_model

    model = build_lstm_model(seq_length=4, units=2)
    start = time.perf_counter()
    with pytest.raises(ValueError, match=rf"steps=1000000000 .*MAX_STEPS={MAX_STEPS}"):
        recursive_forecast(model, np.zeros(10), steps=10**9)
    assert time.perf_counter() - start < 1
    with pytest.raises(TypeError, match=r"history must be numbers .* got None"):
        recursive_forecast(model, None, steps=2)


@pytest.mark.parametrize(
    ("bad", "error", "match"),
    [
        (None, TypeError, "got None"),
        (np.full((2, 3, 1), np.nan), ValueError, "NaN or inf"),
        (np.ones((2, 3, 1), dtype=bool), TypeError, "hold numbers"),
    ],
)
def test_baselines_refuse_none_nan_and_booleans(bad, error, match):
    with pytest.raises(error, match=match):
        naive_forecast(bad)


# ------------------------------------------------------------ datasets, plotting


def test_wind_components_refuses_mismatched_lengths_and_none():
    with pytest.raises(ValueError, match=r"shape \(2,\) .* shape \(3,\)"):
        wind_components([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="speed must be real numbers, but got None"):
        wind_components(None, [1.0])
    x, _ = wind_components([1.0, 2.0], 0.0)  # one direction for all still works
    np.testing.assert_allclose(x, [1.0, 2.0])


def test_draw_lstm_cell_refuses_an_ax_that_is_not_an_axes():
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        draw_lstm_cell(ax="left")


# ------------------------------------------------------------- exercise checks


@pytest.mark.parametrize(
    ("got", "expected", "match"),
    [
        ("10451", 10451, "returned the text '10451'"),
        (b"1", 1, "returned the text"),
        (True, 1, "returned a boolean"),
        (np.bool_(False), 0, "returned a boolean"),
        (np.array([True, False]), np.array([1, 0]), "returned a boolean"),
        (1053184, 1053185, "returned 1053184, expected 1053185 .*exactly"),
        (10451.5, 10451, "whole numbers must match exactly"),
        (np.array([1, 2, 4]), np.array([1, 2, 3]), "in 1 place"),
        (None, 3, "the answer is None"),
        (1 + 0j, 1, "complex"),
        (np.array([np.nan, 1.0]), np.array([0.5, 1.0]), "include NaN"),
    ],
)
def test_check_answer_refuses_near_misses(capsys, got, expected, match):
    assert not ex.check_answer(got, expected)
    out = capsys.readouterr().out
    assert out.startswith("✗")
    assert re.search(match, out), out


@pytest.mark.parametrize(
    ("got", "expected"),
    [(10451, 10451), (10451.0, 10451), (np.int64(7), 7), (0.1 + 0.2, 0.3)],
)
def test_check_answer_accepts_right_answers(capsys, got, expected):
    assert ex.check_answer(got, expected)


@pytest.mark.parametrize("expected", [None, "3", True])
def test_check_answer_refuses_a_bad_expected_value(expected):
    with pytest.raises(TypeError, match="expected must be the correct number"):
        ex.check_answer(3, expected)


def _forgets_return(*args):
    _ = args


def _loops_forever(*args):
    while True:
        pass


def _overwrites_input(x):
    x[...] = 0.0
    return sigmoid(x)


CHECKS = [
    ex.check_sigmoid,
    ex.check_forget_gate,
    ex.check_input_gate,
    ex.check_cell_update,
    ex.check_output_gate,
    ex.check_lstm_step,
    ex.check_lstm_param_count,
    ex.check_windows_1d,
    ex.check_early_stopping_epochs,
    ex.check_seasonal_naive,
    ex.check_mase,
    ex.check_hyperband_cost,
    ex.check_wind_components,
    ex.check_day_rows,
    ex.check_stacked_param_count,
    ex.check_bidirectional_param_count,
    ex.check_permute_feature,
]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_every_check_says_plainly_that_nothing_was_returned(check, capsys):
    assert not check(_forgets_return)
    assert "returned None: your function has no return" in capsys.readouterr().out


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_every_check_stops_a_loop_that_never_ends(check, capsys, monkeypatch):
    monkeypatch.setattr(core, "TIMEOUT_SECONDS", 0.5)
    start = time.perf_counter()
    assert not check(_loops_forever)
    assert time.perf_counter() - start < 5
    assert "did not finish within 0.5 s" in capsys.readouterr().out


def test_the_timeout_works_off_the_main_thread(capsys, monkeypatch):
    monkeypatch.setattr(core, "TIMEOUT_SECONDS", 0.5)
    results = []
    worker = threading.Thread(
        target=lambda: results.append(ex.check_sigmoid(lambda x: time.sleep(3)))
    )
    worker.start()
    worker.join()
    assert results == [core.Feedback(False)] or not results[0]
    assert "did not finish within 0.5 s" in capsys.readouterr().out


def test_a_check_fails_an_answer_that_overwrites_its_input(capsys):
    assert not ex.check_sigmoid(_overwrites_input)
    assert "changed its input (argument 1) in place" in capsys.readouterr().out


def test_a_check_still_passes_the_reference_and_protects_its_cases(capsys):
    assert ex.check_sigmoid(sigmoid)
    assert ex.check_lstm_param_count(lambda u, f: 4 * (u * (u + f) + u))
    # An off-by-one parameter count fails, and the hint about the formula shows.
    assert not ex.check_lstm_param_count(lambda u, f: 4 * (u * (u + f) + u) + 1)
    assert "hint: there are 4 blocks" in capsys.readouterr().out


@settings(max_examples=30, deadline=None)
@given(st.integers(-(10**12), 10**12), st.integers(1, 5))
def test_integers_are_compared_exactly_property(n, delta):
    assert core.compare(n, n) is None
    assert core.compare(n + delta, n) is not None
    assert core.compare(float(n), n) is None


# --------------------------------------------------------------------- tuning


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"learning_rate": (float("nan"), 1e-2)}, ValueError, "NaN or inf"),
        ({"learning_rate": (1e-4, float("inf"))}, ValueError, "NaN or inf"),
        ({"dropout": (0.0, float("nan"), 0.1)}, ValueError, "NaN or inf"),
        ({"units": (32, None, 32)}, TypeError, "whole numbers only"),
        ({"learning_rate": ("1e-4", 1e-2)}, TypeError, "numbers only"),
    ],
)
def test_make_hypermodel_refuses_non_finite_bounds(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_hypermodel(5, **kwargs)


def test_make_hypermodel_accepts_numpy_scalars():
    import keras_tuner as kt

    build = make_hypermodel(
        5,
        units=(np.int64(4), np.int64(8), np.int64(4)),
        learning_rate=(np.float32(1e-4), np.float32(1e-2)),
        dropout=(np.float32(0.0), np.float32(0.2), np.float32(0.1)),
    )
    assert build(kt.HyperParameters()).input_shape == (None, 5, 1)


def _hypermodel(hp):  # never built: every case below fails first
    raise AssertionError("the tuner was built")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"tuner": "Hyperband"}, ValueError, "tuner='Hyperband' is not one of"),
        ({"tuner": "bayesian"}, ValueError, "is not one of"),
        ({"tuner": "random", "max_trials": None}, ValueError, "run forever"),
        ({"directory": None}, TypeError, "directory must be a folder path"),
        ({"overwrite": "no"}, TypeError, "overwrite must be True or False"),
        ({"max_epochs": 1}, ValueError, "nothing to halve"),
        ({"seed": -1}, ValueError, "seed=-1 is too small"),
    ],
)
def test_make_tuner_refuses_what_would_misbehave(tmp_path, kwargs, error, match):
    options = {
        "tuner": "hyperband",
        "max_epochs": 2,
        "directory": tmp_path,
        "project_name": "p",
        "overwrite": False,
        "seed": 0,
    }
    with pytest.raises(error, match=match):
        make_tuner(_hypermodel, **{**options, **kwargs})
    assert not (tmp_path / "None").exists()


RNG = np.random.default_rng(0)
XT, YT = RNG.normal(size=(12, 5, 1)), RNG.normal(size=12)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"hypermodel": make_hypermodel(7)}, ValueError, r"windows of shape \(7, 1\)"),
        (
            {"hypermodel": make_hypermodel(5, horizon=3)},
            ValueError,
            "horizon=3 value",
        ),
        ({"overwrite": "no"}, TypeError, "overwrite must be True or False"),
        ({"tuner": "grid"}, ValueError, "tuner='grid' is not one of"),
    ],
)
def test_run_search_refuses_before_training(kwargs, error, match):
    options = {"tuner": "random", "max_trials": 1, "max_epochs": 1}
    with pytest.raises(error, match=match):
        run_search(XT, YT, XT, YT, **{**options, **kwargs})


def test_run_search_refuses_a_file_as_directory(tmp_path):
    path = tmp_path / "a_file"
    path.write_text("")
    with pytest.raises(ValueError, match="is a file, not a folder"):
        run_search(XT, YT, XT, YT, tuner="random", max_trials=1, directory=path)


# ------------------------------------------------------------------------ CLIs


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CHIEF = ["chief", "--ip", "127.0.0.1", "--port"]
WORKER = ["worker", "--ip", "127.0.0.1", "--port", "8000", "--tuner-id", "t0"]
TUNING_BAD = [
    ([*CHIEF, "0"], "port 0 is out of range"),
    ([*CHIEF, "70000"], "ports go from 1 to 65535"),
    ([*CHIEF, "8000", "--results", "/no/such/x.csv"], "does not exist"),
    ([*CHIEF, "8000", "--timeout", "-1"], "--timeout -1.0"),
    (WORKER[:5], "unique --tuner-id"),
    ([*WORKER, "--units", "8", "4", "4"], r"units=\(8, 4, 4\)"),
    ([*WORKER, "--n-points", "5"], "--n-points 5 is too short"),
    ([*WORKER, "--connect-timeout", "0"], "--connect-timeout 0.0"),
]


@pytest.mark.parametrize(("argv", "match"), TUNING_BAD)
def test_tuning_cli_prints_one_error_line_and_exits_2(argv, match, capsys, tmp_path):
    from lstm_course.tuning.distributed import main

    if "--results" in argv:
        argv = [*argv[:-1], str(tmp_path / "no" / "x.csv")]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: "), err
    assert re.search(match, err[0]), err[0]


def test_tuning_chief_refuses_a_port_in_use(capsys, monkeypatch, tmp_path):
    from lstm_course.tuning.distributed import main

    for name in (
        "KERASTUNER_TUNER_ID",
        "KERASTUNER_ORACLE_IP",
        "KERASTUNER_ORACLE_PORT",
    ):
        monkeypatch.delenv(name, raising=False)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        status = main(
            ["chief", "--ip", "127.0.0.1", "--port", str(port), "--max-trials", "1",
             "--units", "4", "8", "4", "--timeout", "1", "--directory", str(tmp_path)]
        )  # fmt: skip
    assert status == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: {err[0][7:]}"] and "Address already in use" in err[0]


def test_tuning_worker_without_a_chief_gives_up_after_its_timeout(capsys, monkeypatch):
    from lstm_course.tuning.distributed import main

    for name in (
        "KERASTUNER_TUNER_ID",
        "KERASTUNER_ORACLE_IP",
        "KERASTUNER_ORACLE_PORT",
    ):
        monkeypatch.delenv(name, raising=False)
    start = time.perf_counter()
    status = main(
        ["worker", "--ip", "127.0.0.1", "--port", str(_free_port()), "--tuner-id",
         "t0", "--connect-timeout", "1", "--units", "4", "8", "4", "--n-points", "60",
         "--seq-length", "5"]
    )  # fmt: skip
    assert status == 2
    assert time.perf_counter() - start < 30
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no chief answered at 127.0.0.1" in err[0]
    assert "within 1 s" in err[0]


@pytest.mark.parametrize(
    ("setup", "argv", "match"),
    [
        (lambda d: (d / "bad.ipynb").write_text("not json"), ["exercises"], "JSON"),
        (
            lambda d: (d / "file").write_text(""),
            ["student-notebooks", "{d}/file"],
            "is a file",
        ),
    ],
    ids=["invalid-notebook", "out-dir-is-a-file"],
)
def test_classroom_cli_prints_one_error_line_and_exits_2(
    setup, argv, match, tmp_path, capsys
):
    from lstm_course.classroom import main

    setup(tmp_path)
    argv = [a.format(d=tmp_path) for a in argv] + ["--book", str(tmp_path)]
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("python -m lstm_course.classroom: error: ")
    assert "Traceback" not in "\n".join(err)
    assert re.search(match, err[-1]), err[-1]


# ------------------------------------------------------- fuzz: the public API

# Values no function may accept, and values some may (sigmoid(-1) is fine): both
# may only ever raise TypeError or ValueError, never an error from deep inside.
REFUSED = [None, "text", object(), [[1, 2], [3]]]
MAYBE = [True, float("nan"), -1]
WRONG = REFUSED + MAYBE
SKIP = {
    "load_electricity",  # data loaders: no required arguments to get wrong
    "load_weather",
    "set_seed",  # tested in test_reproducibility
}


def _public(module):
    for name in module.__all__:
        obj = getattr(module, name)
        if callable(obj) and not inspect.isclass(obj) and name not in SKIP:
            yield name, obj


def _required(fn):
    params = inspect.signature(fn).parameters.values()
    return [
        p
        for p in params
        if p.default is p.empty
        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]


@pytest.mark.parametrize(
    ("name", "fn"),
    # Functions that take no required argument have nothing to fuzz.
    [
        (name, fn)
        for name, fn in [
            *_public(lstm_course),
            *_public(ex),
            *_public(lstm_course.tuning),
        ]
        if _required(fn)
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
@pytest.mark.parametrize("bad", WRONG, ids=repr)
def test_fuzz_public_api_raises_only_clear_errors(name, fn, bad, monkeypatch, capsys):
    monkeypatch.setattr(core, "TIMEOUT_SECONDS", 2.0)
    n = len(_required(fn))
    try:
        result = fn(*([bad] * n))
    except (TypeError, ValueError, RuntimeError) as exc:
        message = str(exc)
        assert len(message) > 20, f"{name}: too terse: {message!r}"
        assert "object has no attribute" not in message, f"{name}: {message}"
        return
    if any(bad is r for r in REFUSED):
        # Checks report a wrong answer instead of raising; nothing else accepts.
        assert name.startswith("check_") or name == "run_cases", (
            f"{name}({bad!r}, ...) returned {result!r} instead of refusing"
        )
        assert not result


@pytest.mark.parametrize("forecast", ["naive", "seasonal"])
def test_naive_forecasts_refuse_a_horizon_too_large_to_hold(forecast):
    from lstm_course.baselines import MAX_FORECAST_VALUES

    X = np.zeros((10, 4, 1))
    horizon = MAX_FORECAST_VALUES // 10 + 1
    with pytest.raises(ValueError, match="MAX_FORECAST_VALUES"):
        if forecast == "naive":
            lstm_course.naive_forecast(X, horizon=horizon)
        else:
            lstm_course.seasonal_naive_forecast(X, season=2, horizon=horizon)
    assert lstm_course.naive_forecast(X, horizon=1000).shape == (10, 1000)
