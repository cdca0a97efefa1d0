"""benchmarks/strong_baselines.py runs the chapter with its parameters overridden."""

import importlib.resources
import importlib.util
from pathlib import Path

import nbformat
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "strong_baselines.py"


def _notebooks(bench):
    """benchmarks/_notebooks.py, which the script imports."""
    import importlib

    return importlib.import_module("_notebooks")


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("strong_baselines", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_chapter_has_the_parameters_the_benchmark_overrides(bench):
    values = _notebooks(bench).parameters(nbformat.read(bench.NOTEBOOK, as_version=4))
    overridden = {"SEEDS", "TRAIN_LSTMS", "RECORD", "RESULTS", "CHECK_CLAIMS"}
    assert overridden | {"FOLDS", "MAX_EPOCHS"} <= set(values)
    assert values["TRAIN_LSTMS"] is False and values["RECORD"] is None
    assert values["FOLDS"] >= 4 and values["CHECK_CLAIMS"] is True


def test_the_shipped_record_matches_the_chapter(bench):
    values = _notebooks(bench).parameters(nbformat.read(bench.NOTEBOOK, as_version=4))
    shipped = importlib.resources.files("lstm_course") / "data" / "worth_it.npz"
    with importlib.resources.as_file(shipped) as path:
        assert path.resolve() == bench.RECORD.resolve()
        record = np.load(path)
        folds, *seeds = record["settings"].tolist()
        assert folds == values["FOLDS"] == bench.BOOK_FOLDS
        assert len(set(seeds)) >= 2
        lstm_keys = [k for k in record.files if "|LSTM|" in k or "|hybrid|" in k]
        # 3 problems x folds x seeds x (mae, mse), for each of the two models.
        assert len(lstm_keys) == 2 * 3 * folds * len(seeds) * 2
        assert 0 < record["epochs"].max() < values["MAX_EPOCHS"]


def test_with_parameters_overrides_right_after_the_parameters_cell(bench):
    notebook = nbformat.read(bench.NOTEBOOK, as_version=4)
    before = len(notebook.cells)
    where = next(
        i
        for i, c in enumerate(notebook.cells)
        if "parameters" in c.metadata.get("tags", [])
    )
    bench.with_parameters(notebook, SEEDS=(0, 1), TRAIN_LSTMS=True, RESULTS="/x")
    assert len(notebook.cells) == before + 1
    namespace = {}
    exec(notebook.cells[where].source, namespace)  # the defaults, then...
    exec(notebook.cells[where + 1].source, namespace)  # ...the overrides
    assert namespace["SEEDS"] == (0, 1) and namespace["TRAIN_LSTMS"] is True
    assert namespace["RESULTS"] == "/x"


def test_with_parameters_needs_a_parameters_cell(bench):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(ValueError, match="0 cells tagged 'parameters'"):
        bench.with_parameters(notebook, FOLDS=2)


@pytest.mark.parametrize(
    "argv",
    [
        ["--seeds", "0"],
        ["--seeds", "1", "1"],
        ["--max-epochs", "0"],
        ["--folds", "1"],
        ["--folds", "6"],  # the shipped record must keep the book's folds
    ],
)
def test_bad_arguments_exit_2(bench, capsys, argv):
    with pytest.raises(SystemExit) as exit_info:
        bench.main(argv)
    assert exit_info.value.code == 2
    assert "error:" in capsys.readouterr().err
