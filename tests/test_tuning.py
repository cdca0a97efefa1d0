"""Tests for lstm_course.tuning: the search space, run_search and its results table."""

import os
import tempfile

import keras
import keras_tuner as kt
import numpy as np
import pandas as pd
import pytest

from lstm_course.tuning import (
    SEARCH_SPACE,
    hyperband_budget,
    make_hypermodel,
    make_tuner,
    results_table,
    run_search,
)
from lstm_course.tuning.distributed import (
    demo_data,
    electricity_data,
    main,
    run_worker,
    serve_chief,
    set_distributed_environment,
)

TINY_UNITS = (4, 8, 4)  # two choices, so the searches below stay fast
ENV = ("KERASTUNER_TUNER_ID", "KERASTUNER_ORACLE_IP", "KERASTUNER_ORACLE_PORT")


@pytest.fixture(autouse=True)
def no_distributed_env(monkeypatch):
    """Every test starts (and ends) outside distributed mode."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def tiny_data(n=48, seq_length=6, n_features=1, horizon=1, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, seq_length, n_features)).astype("float32")
    y = X[:, -horizon:, 0] if horizon > 1 else X[:, -1, 0]
    return X[:36], y[:36], X[36:], y[36:]


# --- the search space -------------------------------------------------------


def test_search_space_is_the_slides_plus_dropout():
    hp = kt.HyperParameters()
    make_hypermodel(24)(hp)
    space = {p.name: p for p in hp.space}
    assert set(space) == {"units", "learning_rate", "dropout"}
    units, lr, dropout = space["units"], space["learning_rate"], space["dropout"]
    assert (units.min_value, units.max_value, units.step) == (32, 512, 32)
    assert (lr.min_value, lr.max_value, lr.sampling) == (1e-4, 1e-2, "log")
    assert (dropout.min_value, dropout.max_value, dropout.step) == (0.0, 0.3, 0.1)
    assert SEARCH_SPACE["units"] == (32, 512, 32)


def test_random_samples_stay_in_bounds():
    hp = kt.HyperParameters()
    make_hypermodel(24)(hp)
    space = {p.name: p for p in hp.space}
    units = [space["units"].random_sample(seed) for seed in range(200)]
    rates = [space["learning_rate"].random_sample(seed) for seed in range(200)]
    assert set(units) <= set(range(32, 513, 32))
    assert len(set(units)) == 16  # every choice is reachable
    assert 1e-4 <= min(rates) and max(rates) <= 1e-2
    # Log sampling: about half the draws fall below the geometric midpoint 1e-3.
    assert 0.35 < np.mean(np.array(rates) < 1e-3) < 0.65


@pytest.mark.parametrize(
    ("seq_length", "n_features", "horizon", "units"),
    [(24, 1, 1, 32), (12, 3, 1, 64), (8, 2, 6, 96)],
)
def test_built_model_shapes_and_parameter_count(seq_length, n_features, horizon, units):
    hp = kt.HyperParameters()
    hp.Fixed("units", units)
    hp.Fixed("dropout", 0.2)
    hp.Fixed("learning_rate", 3e-3)
    model = make_hypermodel(seq_length, n_features, horizon)(hp)
    assert model.input_shape == (None, seq_length, n_features)
    assert model.output_shape == (None, horizon)
    lstm = model.layers[0]
    assert isinstance(lstm, keras.layers.LSTM)
    assert lstm.units == units
    assert lstm.activation.__name__ == "tanh"
    assert model.layers[1].rate == pytest.approx(0.2)
    lstm_params = 4 * (units * (units + n_features) + units)
    assert lstm.count_params() == lstm_params
    assert model.count_params() == lstm_params + units * horizon + horizon
    np.testing.assert_allclose(float(model.optimizer.learning_rate), 3e-3, rtol=1e-6)
    assert model.loss == "mse"
    X = np.zeros((5, seq_length, n_features), dtype="float32")
    assert model.predict(X, verbose=0).shape == (5, horizon)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"seq_length": 0}, ValueError, "seq_length=0 is too small"),
        ({"seq_length": 24, "horizon": 1.5}, TypeError, "horizon must be an integer"),
        ({"seq_length": 24, "units": (64, 32, 32)}, ValueError, "min <= max"),
        ({"seq_length": 24, "units": (32, 64)}, TypeError, r"\(min, max, step\)"),
        ({"seq_length": 24, "units": (32.0, 64, 32)}, TypeError, "whole numbers"),
        ({"seq_length": 24, "units": (32, 64, 0)}, ValueError, "step above 0"),
        ({"seq_length": 24, "learning_rate": (0, 1e-2)}, ValueError, "0 < min"),
        ({"seq_length": 24, "dropout": (0.0, 1.0, 0.1)}, ValueError, "below 1"),
        ({"seq_length": 24, "dropout": (-0.1, 0.3, 0.1)}, ValueError, "0 <= min"),
    ],
)
def test_make_hypermodel_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_hypermodel(**kwargs)


# --- Hyperband's budget --------------------------------------------------------


@pytest.mark.parametrize(
    ("max_epochs", "factor", "iterations"),
    [(2, 2, 1), (3, 3, 1), (4, 3, 1), (6, 3, 2), (9, 3, 1), (50, 3, 1), (27, 3, 1)],
)
def test_hyperband_budget_follows_keras_tuner(max_epochs, factor, iterations):
    oracle = kt.oracles.HyperbandOracle(
        objective="val_loss", max_epochs=max_epochs, factor=factor
    )
    budget = hyperband_budget(max_epochs, factor, iterations)
    assert budget["bracket"].max() == oracle._get_num_brackets() - 1
    assert budget["iteration"].nunique() == iterations
    for row in budget.itertuples():
        assert row.trials == oracle._get_size(row.bracket, row.round)
        assert row.epochs == oracle._get_epochs(row.bracket, row.round)
    # Promoted models resume: per bracket, the epochs run add up to the last round's.
    per_bracket = budget.groupby(["iteration", "bracket"])
    assert (per_bracket["epochs_run"].sum() == per_bracket["epochs"].max()).all()


def test_hyperband_budget_of_the_slide():
    budget = hyperband_budget(50, factor=3)
    assert budget["trials"].sum() == 90
    assert budget["total_epochs"].sum() == 922
    assert budget["epochs"].max() == 50


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((1, 3), ValueError, "max_epochs=1 is too small"),
        ((10, 1), ValueError, "factor=1 is too small"),
        ((10.0, 3), TypeError, "max_epochs must be an integer"),
    ],
)
def test_hyperband_budget_rejects(args, error, match):
    with pytest.raises(error, match=match):
        hyperband_budget(*args)


# --- run_search --------------------------------------------------------------


@pytest.fixture(scope="module")
def random_search_run(tmp_path_factory):
    """One small random search, run from an empty working directory."""
    cwd = tmp_path_factory.mktemp("cwd")
    tmp = tmp_path_factory.mktemp("tmp")
    old_cwd, old_tmp = os.getcwd(), tempfile.tempdir
    os.chdir(cwd)
    tempfile.tempdir = str(tmp)  # where run_search's temporary directory goes
    try:
        found = run_search(
            *tiny_data(),
            hypermodel=make_hypermodel(6, units=TINY_UNITS),
            tuner="random",
            max_trials=2,
            max_epochs=2,
            seed=7,
        )
    finally:
        os.chdir(old_cwd)
        tempfile.tempdir = old_tmp
    return found, cwd, tmp


def test_search_writes_nothing_and_cleans_up(random_search_run):
    found, cwd, tmp = random_search_run
    assert list(cwd.iterdir()) == []  # nothing in the working directory
    assert list(tmp.iterdir()) == []  # the temporary directory is gone
    assert found.directory is None


def test_results_table_has_one_row_per_trial(random_search_run):
    found = random_search_run[0]
    table = found.results
    assert list(table.columns) == [
        "trial_id",
        "units",
        "dropout",
        "learning_rate",
        "epochs",
        "epochs_run",
        "val_loss",
        "best_epoch",
        "status",
    ]
    assert len(table) == 2
    assert table["trial_id"].is_unique
    assert (table["status"] == "COMPLETED").all()
    assert (table["epochs"] == 2).all() and (table["epochs_run"] == 2).all()
    assert set(table["units"]) <= {4, 8}
    assert table["val_loss"].notna().all() and (table["val_loss"] > 0).all()
    assert table["best_epoch"].between(1, 2).all()
    assert found.seconds > 0


def test_best_model_is_the_best_rows(random_search_run):
    found = random_search_run[0]
    best_row = found.results.loc[found.results["val_loss"].idxmin()]
    for name, value in found.best_hyperparameters.items():
        assert best_row[name] == pytest.approx(value)
    assert found.best_model.layers[0].units == best_row["units"]
    _, _, X_val, y_val = tiny_data()
    # The returned model carries the best epoch's weights: it scores the table's loss.
    loss = found.best_model.evaluate(X_val, y_val, verbose=0)[0]
    np.testing.assert_allclose(loss, best_row["val_loss"], rtol=1e-4)


def test_same_seed_samples_the_same_trials(random_search_run, tmp_path):
    # Ask a fresh oracle with the same seed for trials, without training them.
    first = random_search_run[0].results
    tuner = make_tuner(
        make_hypermodel(6, units=TINY_UNITS),
        "random",
        max_trials=2,
        max_epochs=1,
        directory=tmp_path,
        project_name="again",
        overwrite=True,
        seed=7,
    )
    hps = ["units", "dropout", "learning_rate"]
    trials = [tuner.oracle.create_trial(f"w{i}") for i in range(2)]
    again = pd.DataFrame([{h: t.hyperparameters.get(h) for h in hps} for t in trials])
    pd.testing.assert_frame_equal(first[hps], again[hps])


def test_hyperband_in_a_named_directory(tmp_path):
    data = tiny_data(horizon=2)
    found = run_search(
        *data,
        hypermodel=make_hypermodel(6, horizon=2, units=TINY_UNITS),
        max_epochs=2,
        factor=2,
        directory=tmp_path / "state",
        project_name="hb",
    )
    table = found.results
    assert found.directory == tmp_path / "state"
    assert (tmp_path / "state" / "hb" / "oracle.json").exists()
    assert {"bracket", "round"} <= set(table.columns)
    # Hyperband with max_epochs=2, factor=2: bracket 1 trains 2 models for 1 epoch
    # and resumes the better one to epoch 2; bracket 0 trains 2 models for 2 epochs.
    assert len(table) == 5
    assert sorted(table["epochs"]) == [1, 1, 2, 2, 2]
    assert table["epochs_run"].sum() == 1 + 1 + 1 + 2 + 2
    budget = hyperband_budget(2, factor=2)
    assert budget["trials"].sum() == len(table)
    assert budget["total_epochs"].sum() == table["epochs_run"].sum()
    assert found.best_model.output_shape == (None, 2)


@pytest.mark.parametrize(
    ("change", "error", "match"),
    [
        ({"X_train": np.zeros((36, 6))}, ValueError, "X_train must be 3-D"),
        ({"y_train": np.zeros(35)}, ValueError, "same, non-zero, number"),
        ({"y_val": np.full(12, np.nan)}, ValueError, "y_val holds NaN"),
        ({"X_train": np.full((36, 6, 1), "a")}, TypeError, "must be numeric"),
        ({"X_val": np.zeros((12, 5, 1))}, ValueError, "do not match"),
        ({"tuner": "grid"}, ValueError, "tuner='grid' is not one of"),
        ({"max_trials": 3}, ValueError, "applies to tuner='random' only"),
        ({"max_epochs": 1}, ValueError, "needs max_epochs >= 2"),
        ({"factor": 1}, ValueError, "factor=1 is too small"),
        ({"batch_size": 0}, ValueError, "batch_size=0 is too small"),
        ({"hypermodel": "lstm"}, TypeError, "hypermodel must be a function"),
        ({"project_name": ""}, TypeError, "project_name must be a non-empty"),
        ({"tuner": "random", "max_trials": 0}, ValueError, "max_trials=0"),
    ],
)
def test_run_search_rejects_bad_arguments(change, error, match, tmp_path):
    names = ("X_train", "y_train", "X_val", "y_val")
    args = dict(zip(names, tiny_data(), strict=True))
    args.update(change)
    data = [args.pop(name) for name in names]
    with pytest.raises(error, match=match):
        run_search(*data, directory=tmp_path, **args)
    assert list(tmp_path.iterdir()) == []  # refused before any state was written


def test_results_table_needs_a_tuner():
    with pytest.raises(TypeError, match=r"tuner must be a keras_tuner\.Tuner"):
        results_table("my_dir")


# --- distributed mode: the pieces (the loopback run is test_tuning_distributed) --


def test_set_distributed_environment():
    env = set_distributed_environment("tuner1", "127.0.0.1", 8000)
    assert env == {
        "KERASTUNER_TUNER_ID": "tuner1",
        "KERASTUNER_ORACLE_IP": "127.0.0.1",
        "KERASTUNER_ORACLE_PORT": "8000",
    }
    assert {name: os.environ[name] for name in ENV} == env


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (("tuner0", "127.0.0.1", 0), ValueError, "port=0 is too small"),
        (("tuner0", "127.0.0.1", 70000), ValueError, "ports go from 1 to 65535"),
        (("tuner0", "127.0.0.1", "8000"), TypeError, "port must be an integer"),
        (("", "127.0.0.1", 8000), TypeError, "tuner_id must be a non-empty"),
    ],
)
def test_set_distributed_environment_rejects(args, error, match):
    with pytest.raises(error, match=match):
        set_distributed_environment(*args)


def test_roles_are_checked(tmp_path):
    build = make_hypermodel(6, units=TINY_UNITS)
    with pytest.raises(RuntimeError, match="not the chief"):
        serve_chief(build, directory=tmp_path)
    with pytest.raises(RuntimeError, match="not a worker"):
        run_worker(build, *tiny_data(), directory=tmp_path)
    set_distributed_environment("chief", "127.0.0.1", 8000)
    with pytest.raises(RuntimeError, match="not a worker"):
        run_worker(build, *tiny_data(), directory=tmp_path)


@pytest.mark.parametrize(
    ("argv", "match"),
    [
        (["chief"], "give --ip and --port"),
        (["worker", "--ip", "127.0.0.1", "--port", "8000"], "unique --tuner-id"),
        (
            ["worker", "--ip", "127.0.0.1", "--port", "8000", "--tuner-id", "chief"],
            "'chief' is taken",
        ),
        (
            [
                "worker",
                "--ip",
                "127.0.0.1",
                "--port",
                "8",
                "--tuner-id",
                "t0",
                "--tuner",
                "hyperband",
            ],
            "same --directory on a shared drive",
        ),
    ],
)
def test_cli_explains_missing_settings(argv, match, capsys):
    assert main(argv) == 2
    assert match in capsys.readouterr().err


def test_demo_data_windows():
    X_train, y_train, X_val, y_val = demo_data(100, seq_length=10)
    assert X_train.shape == (72, 10, 1) and y_train.shape == (72,)
    assert X_val.shape == (18, 10, 1) and y_val.shape == (18,)
    # Each target is the value right after its window.
    np.testing.assert_array_equal(X_train[1, -1, 0], y_train[0])
    with pytest.raises(ValueError, match="too short"):
        demo_data(10, seq_length=10)


def test_electricity_data_is_the_chapters():
    X_train, y_train, X_val, y_val = electricity_data(24, stride=4)
    assert X_train.shape == (1527, 24, 1) and y_train.shape == (1527,)
    assert X_val.shape == (1314, 24, 1) and y_val.shape == (1314,)
    # Targets are changes from the last hour: small next to the scaled level.
    assert np.std(y_train) < 0.5 * np.std(X_train[:, -1, 0])
    assert abs(np.mean(y_train)) < 0.05
