import keras
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_course import (
    Split,
    fit_scaler,
    make_windows,
    split_chronologically,
    window_split,
    windows_with_context,
)


def create_sequences(data, seq_length):
    """The slides' Python loop, kept here as the reference."""
    sequences, targets = [], []
    for i in range(len(data) - seq_length):
        sequences.append(data[i : i + seq_length])
        targets.append(data[i + seq_length])
    return np.array(sequences), np.array(targets)


def test_matches_the_slides_loop():
    data = np.sin(np.linspace(0, 10, 100))
    X, y = make_windows(data, 10)
    X_ref, y_ref = create_sequences(data, 10)
    assert X.shape == (90, 10, 1)
    np.testing.assert_array_equal(X[..., 0], X_ref)
    np.testing.assert_array_equal(y, y_ref)


def test_windows_are_read_only_views():
    data = np.arange(50.0).reshape(25, 2)
    X, y = make_windows(data, 4, horizon=3, target=1)
    assert np.shares_memory(X, data) and np.shares_memory(y, data)
    assert not X.flags.writeable and not y.flags.writeable
    X1, y1 = make_windows(data[:, 0], 4)
    assert np.shares_memory(X1, data) and not y1.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        X[0, 0, 0] = 1.0


def test_multifeature_horizon_contents():
    data = np.arange(30.0).reshape(10, 3)  # value = 3 * row + column
    X, y = make_windows(data, seq_length=4, horizon=2, target=2)
    assert X.shape == (5, 4, 3) and y.shape == (5, 2)
    np.testing.assert_array_equal(X[1], data[1:5])
    np.testing.assert_array_equal(y[1], data[5:7, 2])


def test_dataframe_target_by_name():
    frame = pd.DataFrame({"temp": np.arange(8.0), "wind": np.arange(8.0) * 10})
    X, y = make_windows(frame, 3, target="wind")
    assert X.shape == (5, 3, 2)
    np.testing.assert_array_equal(y, frame["wind"].to_numpy()[3:])


@pytest.mark.parametrize(
    ("data", "kwargs", "error", "match"),
    [
        (np.arange(10.0), {"seq_length": 0}, ValueError, "seq_length=0 is too small"),
        (np.arange(10.0), {"seq_length": 2.5}, TypeError, "seq_length must be an int"),
        (
            np.arange(10.0),
            {"seq_length": 3, "horizon": 0},
            ValueError,
            "horizon=0 is too small",
        ),
        (
            np.arange(10.0),
            {"seq_length": 8, "horizon": 3},
            ValueError,
            r"needs at least 11 points \(seq_length \+ horizon\), but the series "
            r"has 10",
        ),
        (
            np.array([1.0, 2.0, np.nan, 4.0, 5.0]),
            {"seq_length": 2},
            ValueError,
            r"first \(nan\) is at index 2",
        ),
        (
            np.array([[1.0, 2.0], [3.0, np.inf], [5.0, 6.0]]),
            {"seq_length": 1},
            ValueError,
            "row 1, column 1",
        ),
        (np.ones((5, 2, 2)), {"seq_length": 2}, ValueError, r"has shape \(5, 2, 2\)"),
        (np.array(["a", "b", "c"]), {"seq_length": 1}, TypeError, "must hold numbers"),
        (np.array([True, False, True]), {"seq_length": 1}, TypeError, "dtype is bool"),
        (
            np.ones((5, 2)),
            {"seq_length": 2, "target": 2},
            ValueError,
            "target=2 does not exist: data has 2 feature",
        ),
        (np.ones(5), {"seq_length": 2, "target": "temp"}, ValueError, "no column"),
    ],
)
def test_bad_input(data, kwargs, error, match):
    with pytest.raises(error, match=match):
        make_windows(data, **kwargs)


def test_missing_named_column():
    frame = pd.DataFrame({"temp": np.arange(8.0)})
    with pytest.raises(ValueError, match=r"'wind' is not a column.*\['temp'\]"):
        make_windows(frame, 3, target="wind")


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(2, 60),
    features=st.integers(1, 4),
    seq_length=st.integers(1, 20),
    horizon=st.integers(1, 6),
    target=st.integers(0, 3),
)
def test_shapes_and_contents_property(n, features, seq_length, horizon, target):
    target = target % features
    data = np.arange(n * features, dtype=float).reshape(n, features)
    if n < seq_length + horizon:
        with pytest.raises(ValueError, match="needs at least"):
            make_windows(data, seq_length, horizon, target)
        return
    X, y = make_windows(data, seq_length, horizon, target)
    samples = n - seq_length - horizon + 1
    assert X.shape == (samples, seq_length, features)
    assert y.shape == ((samples,) if horizon == 1 else (samples, horizon))
    y2 = y.reshape(samples, horizon)
    for i in (0, samples // 2, samples - 1):
        np.testing.assert_array_equal(X[i], data[i : i + seq_length])
        np.testing.assert_array_equal(
            y2[i], data[i + seq_length : i + seq_length + horizon, target]
        )
    # No look-ahead: every input row comes strictly before every target row.
    rows_in = X[:, :, 0] // features
    rows_out = (y2 - target) // features
    assert (rows_in.max(axis=1) < rows_out.min(axis=1)).all()


def test_split_chronologically_is_ordered_views():
    data = np.arange(20.0)
    split = split_chronologically(data, train=0.6, val=0.25)
    assert isinstance(split, Split)
    assert [len(p) for p in split] == [12, 5, 3]
    np.testing.assert_array_equal(np.concatenate(split), data)
    assert all(np.shares_memory(p, data) for p in split)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"train": 0.0}, ValueError, "strictly between 0 and 1"),
        ({"val": 1.2}, ValueError, "val=1.2 must be a fraction"),
        ({"train": 0.8, "val": 0.2}, ValueError, "leaves nothing for the test"),
        ({"train": "0.7"}, TypeError, "must be a fraction"),
    ],
)
def test_split_bad_fractions(kwargs, error, match):
    with pytest.raises(error, match=match):
        split_chronologically(np.arange(20.0), **kwargs)


def test_split_too_short():
    with pytest.raises(ValueError, match=r"3 rows .* leaves the val part\(s\) empty"):
        split_chronologically(np.arange(3.0), train=0.7, val=0.15)
    with pytest.raises(ValueError, match="the train and val part"):
        split_chronologically(np.arange(1.0))


def test_windows_with_context_look_back_only():
    X, y = windows_with_context(np.arange(10.0), np.arange(10.0, 14.0), 3, horizon=2)
    assert X.shape == (3, 3, 1) and y.shape == (3, 2)
    np.testing.assert_array_equal(X[0, :, 0], [7, 8, 9])
    np.testing.assert_array_equal(y[0], [10, 11])
    np.testing.assert_array_equal(y[-1], [12, 13])


@pytest.mark.parametrize(
    ("context", "part", "match"),
    [
        (np.arange(2.0), np.arange(5.0), "context has 2 rows, but seq_length=3"),
        (np.ones((5, 2)), np.ones(5), "same features"),
    ],
)
def test_windows_with_context_bad_input(context, part, match):
    with pytest.raises(ValueError, match=match):
        windows_with_context(context, part, 3)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(40, 200),
    seq_length=st.integers(1, 8),
    horizon=st.integers(1, 4),
    train=st.floats(0.3, 0.7),
    val=st.floats(0.1, 0.25),
)
def test_window_split_never_looks_forward(n, seq_length, horizon, train, val):
    data = np.arange(float(n))  # each value is its own time index
    split = split_chronologically(data, train=train, val=val)
    windows = window_split(split, seq_length, horizon)
    bounds = np.cumsum([0, *map(len, split)])
    for k, (X, y) in enumerate(windows):
        y2 = y.reshape(len(y), -1)
        # every target lies inside its own part ...
        assert y2.min() >= bounds[k] and y2.max() < bounds[k + 1]
        # ... every input comes before its window's targets ...
        assert (X[:, :, 0].max(axis=1) < y2.min(axis=1)).all()
        # ... and every target of the part is forecast (none is skipped).
        np.testing.assert_array_equal(
            np.unique(y2),
            np.arange(bounds[k], bounds[k + 1])
            if k
            else np.arange(seq_length, bounds[1]),
        )
    # the training windows never see the validation or test part
    assert windows.train[0].max() < bounds[1]


def test_window_split_needs_a_split():
    with pytest.raises(TypeError, match="split must be a Split"):
        window_split((np.ones(5), np.ones(5), np.ones(5)), 2)


def test_scaler_uses_train_only_and_inverts():
    rng = np.random.default_rng(0)
    data = rng.normal(size=(100, 2)) * [1.0, 10.0] + [5.0, -3.0]
    split = split_chronologically(data)
    scaler = fit_scaler(split.train)
    np.testing.assert_allclose(scaler.mean, split.train.mean(axis=0))
    scaled = split.apply(scaler.transform)
    np.testing.assert_allclose(scaled.train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(scaled.train.std(axis=0), 1.0)
    np.testing.assert_allclose(scaler.inverse_transform(scaled.test), split.test)
    np.testing.assert_allclose(
        scaler.inverse_transform(scaled.val[:, 1], column=1), split.val[:, 1]
    )


def test_scaler_matches_keras_normalization():
    data = np.random.default_rng(1).normal(3.0, 2.0, size=(50, 3)).astype("float32")
    norm = keras.layers.Normalization(axis=-1)
    norm.adapt(data[:30])
    scaler = fit_scaler(data[:30])
    np.testing.assert_allclose(
        scaler.transform(data), np.asarray(norm(data)), rtol=1e-4, atol=1e-4
    )


def test_scaler_keeps_float32_and_1d():
    series = np.arange(10, dtype="float32")
    scaler = fit_scaler(series)
    scaled = scaler.transform(series)
    assert scaled.dtype == np.float32 and scaled.shape == (10,)
    np.testing.assert_allclose(
        scaler.inverse_transform(scaled), series, rtol=1e-6, atol=1e-6
    )


@pytest.mark.parametrize(
    ("train", "match"),
    [
        (np.ones((10, 2)), r"column\(s\) \[0, 1\] are constant"),
        (np.ones(1), "at least 2 rows"),
    ],
)
def test_scaler_bad_train(train, match):
    with pytest.raises(ValueError, match=match):
        fit_scaler(train)


def test_scaler_bad_use():
    scaler = fit_scaler(np.arange(10.0).reshape(5, 2))
    with pytest.raises(ValueError, match="data has 3 feature"):
        scaler.transform(np.ones((4, 3)))
    with pytest.raises(ValueError, match="column=2 does not exist"):
        scaler.inverse_transform(np.ones(3), column=2)
    with pytest.raises(ValueError, match="pass column=<target>"):
        scaler.inverse_transform(np.ones(3))
