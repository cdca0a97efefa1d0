"""benchmarks/interval_folds.py runs "How sure is the forecast?" with its
parameters overridden, and writes the record that chapter reads."""

import importlib.resources
import importlib.util
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "interval_folds.py"
METHODS = {
    "quantile LSTM",
    "conformal LSTM",
    "conformal linear",
    "conformal seasonal naive",
}


def _notebooks(bench):
    """benchmarks/_notebooks.py, which the script imports."""
    import importlib

    return importlib.import_module("_notebooks")


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("interval_folds", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def parameters(bench):
    return _notebooks(bench).parameters(nbformat.read(bench.NOTEBOOK, as_version=4))


def test_the_chapter_has_the_parameters_the_benchmark_overrides(parameters):
    assert {"FOLD_LSTMS", "FOLD_SEEDS", "RECORD", "CHECK_CLAIMS"} <= set(parameters)
    assert parameters["FOLD_LSTMS"] is False and parameters["RECORD"] is None
    assert parameters["CHECK_CLAIMS"] is True


def test_the_shipped_record_holds_every_method_fold_level_and_seed(bench, parameters):
    shipped = importlib.resources.files("lstm_course") / "data"
    with importlib.resources.as_file(shipped / "interval_folds.csv") as path:
        assert path.resolve() == bench.RECORD.resolve()
        record = pd.read_csv(path)
    assert set(record["method"]) == METHODS
    assert set(record["level"]) == {"80%", "95%"}
    cheap = record[record["seed"].isna()]
    lstm = record[record["seed"].notna()]
    assert set(cheap["method"]) == {"conformal linear", "conformal seasonal naive"}
    assert set(lstm["method"]) == {"quantile LSTM", "conformal LSTM"}
    seeds = tuple(int(s) for s in sorted(set(lstm["seed"])))
    assert seeds == tuple(sorted(parameters["FOLD_SEEDS"]))
    folds = sorted(set(record["fold"]))
    assert folds == [0, 1, 2, 3]
    # one row per fold, level and method (and seed, for the LSTMs)
    assert len(cheap) == 4 * 2 * 2 and len(lstm) == 4 * 2 * 2 * len(seeds)
    assert not record.duplicated(["fold", "seed", "method", "level"]).any()
    assert record["coverage"].between(0, 1).all()
    assert (record["width"] > 0).all()
    # the Winkler score is at least the width it contains
    assert (record["Winkler"] >= record["width"] - 1e-9).all()
    wider = record.pivot_table(
        index=["fold", "seed", "method"], columns="level", values="width"
    ).dropna()
    assert np.all(wider["95%"] > wider["80%"])


def test_the_benchmark_overrides_the_parameters_after_their_cell(bench):
    notebook = nbformat.read(bench.NOTEBOOK, as_version=4)
    where = next(
        i
        for i, c in enumerate(notebook.cells)
        if "parameters" in c.metadata.get("tags", [])
    )
    bench.with_parameters(notebook, FOLD_LSTMS=True, FOLD_SEEDS=(3,))
    namespace = {}
    exec(notebook.cells[where].source, namespace)
    exec(notebook.cells[where + 1].source, namespace)
    assert namespace["FOLD_LSTMS"] is True and namespace["FOLD_SEEDS"] == (3,)


@pytest.mark.parametrize(
    "argv",
    [["--seeds", "1", "1"], ["--seeds", "-1"], ["--timeout", "0"]],
)
def test_bad_arguments_exit_2(bench, capsys, argv):
    with pytest.raises(SystemExit) as exit_info:
        bench.main(argv)
    assert exit_info.value.code == 2
    assert "error:" in capsys.readouterr().err
