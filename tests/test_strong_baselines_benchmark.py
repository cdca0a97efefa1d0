"""benchmarks/strong_baselines.py runs the chapter with its parameters overridden."""

import ast
import importlib.util
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "strong_baselines.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("strong_baselines", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _parameters(notebook):
    cells = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "the chapter needs exactly one cell tagged parameters"
    return {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in ast.parse(cells[0].source).body
        if isinstance(node, ast.Assign)
    }


def test_the_chapter_has_the_parameters_the_benchmark_overrides(bench):
    values = _parameters(nbformat.read(bench.NOTEBOOK, as_version=4))
    assert {"FOLDS", "SEEDS", "STRIDE", "RESULTS"} <= set(values)
    assert values["FOLDS"] >= 4 and values["RESULTS"] is None


def test_with_parameters_overrides_right_after_the_parameters_cell(bench):
    notebook = nbformat.read(bench.NOTEBOOK, as_version=4)
    before = len(notebook.cells)
    where = next(
        i
        for i, c in enumerate(notebook.cells)
        if "parameters" in c.metadata.get("tags", [])
    )
    bench.with_parameters(notebook, FOLDS=6, SEEDS=(0, 1), RESULTS="/tmp/x")
    assert len(notebook.cells) == before + 1
    namespace = {}
    exec(notebook.cells[where].source, namespace)  # the defaults, then...
    exec(notebook.cells[where + 1].source, namespace)  # ...the overrides
    assert namespace["FOLDS"] == 6 and namespace["SEEDS"] == (0, 1)
    assert namespace["RESULTS"] == "/tmp/x"


def test_with_parameters_needs_a_parameters_cell(bench):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(ValueError, match="no cell tagged 'parameters'"):
        bench.with_parameters(notebook, FOLDS=2)


def test_bad_arguments_exit_2(bench, capsys):
    with pytest.raises(SystemExit) as exit_info:
        bench.main(["--folds", "1"])
    assert exit_info.value.code == 2
    assert "error:" in capsys.readouterr().err
