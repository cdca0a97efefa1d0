"""Checks on the repository itself: the book's table of contents, stored notebooks,
and the two dependency lists (pyproject.toml and environment.yml)."""

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(
    p for p in (ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
)


def _toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    found = []

    def walk(node):
        if isinstance(node, dict):
            found.extend(node[k] for k in ("root", "file") if k in node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return found


def _requirement_name(spec: str) -> str:
    name = re.split(r"[\s;<>=!~\[]", spec.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def test_there_are_notebooks():
    assert NOTEBOOKS, "book/ holds no notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_in_toc(path):
    stem = path.relative_to(ROOT).with_suffix("").as_posix()
    assert stem in _toc_files(), f"{stem} is not listed in _toc.yml"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    nb = json.loads(path.read_text())
    dirty = [
        i
        for i, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "code"
        and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    assert not dirty, (
        f"{path.name}: cells {dirty} have outputs; clear them before commit"
    )


def test_every_toc_entry_exists():
    for name in _toc_files():
        candidates = [ROOT / f"{name}{ext}" for ext in (".ipynb", ".md")]
        assert any(c.exists() for c in candidates), (
            f"_toc.yml names missing file {name}"
        )


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    declared = project["dependencies"] + extras["cpu"] + extras["book"] + extras["test"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    pip_specs = [s for s in pip_section if not s.startswith("-e")]
    # Same requirements, version bounds and markers included.
    # (a set: the extras may repeat a base requirement, such as nbformat).
    norm = lambda specs: sorted({re.sub(r"\s+", "", s) for s in specs})  # noqa: E731
    assert norm(pip_specs) == norm(declared)
    assert "-e .[cpu,book,test]" in pip_section
    assert {_requirement_name(s) for s in declared} >= {
        "jupyter-book",
        "nbval",
        "keras",
        "keras-tuner",
        "pandas",
        "numpy",
        "matplotlib",
    }


def test_jupyter_book_is_pinned_to_1x():
    book = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["book"]
    assert "jupyter-book==1.0.4.post1" in book


def test_config_keeps_non_book_files_out():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    excluded = " ".join(config["exclude_patterns"])
    for path in ("README.md", "tests", ".ci", ".venv"):
        assert path in excluded
    assert config["execute"]["allow_errors"] is False


def test_book_caches_execution_and_still_fails_on_errors_and_stderr():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["execute"]["execute_notebooks"] == "cache"
    assert config["execute"]["stderr_output"] == "warn"  # -W: a warning fails
    assert config["sphinx"]["config"]["nb_execution_raise_on_error"] is True
    makefile = (ROOT / "Makefile").read_text()
    assert "FRESH" in makefile and "rm -rf $(NB_CACHE)" in makefile
    assert "make book FRESH=1" in (ROOT / ".ci" / "run").read_text()


def _first_code_cell(path):
    nb = json.loads(path.read_text())
    return next(c for c in nb["cells"] if c["cell_type"] == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_installs_the_package_on_colab(path):
    from lstm_course.classroom import COLAB_TAG, colab_install_cell

    if "lstm_course" not in path.read_text():
        pytest.skip("this notebook does not import lstm_course")
    cell = _first_code_cell(path)
    assert "".join(cell["source"]) == colab_install_cell(), (
        f"{path.name}: the first code cell must be "
        "lstm_course.classroom.colab_install_cell(), the same in every chapter"
    )
    assert COLAB_TAG in cell["metadata"].get("tags", [])


def test_colab_spec_installs_from_the_books_repository_without_an_extra():
    from lstm_course.classroom import COLAB_INSTALL_SPEC

    repository = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    assert COLAB_INSTALL_SPEC == (
        f"lstm-course @ git+{repository['url']}@{repository['branch']}"
    )
    assert "[" not in COLAB_INSTALL_SPEC  # no extra: Colab's TensorFlow stays


def test_colab_cell_is_a_pip_magic_on_colab_and_silent_elsewhere(capsys):
    from IPython.core.inputtransformer2 import TransformerManager

    from lstm_course.classroom import COLAB_INSTALL_SPEC, colab_install_cell

    python = TransformerManager().transform_cell(colab_install_cell())
    assert "get_ipython().run_line_magic('pip'" in python
    assert COLAB_INSTALL_SPEC in python
    calls = []
    exec(python, {"get_ipython": lambda: calls.append})  # off Colab: nothing runs
    assert calls == []
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("spec", ["", "   ", None, 'a"b'])
def test_colab_cell_refuses_a_bad_spec(spec):
    from lstm_course.classroom import colab_install_cell

    with pytest.raises(ValueError, match="pip requirement"):
        colab_install_cell(spec)


def test_pyproject_ships_every_subpackage_and_leaves_tensorflow_to_an_extra():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    project = config["project"]
    assert config["tool"]["setuptools"]["packages"]["find"]["include"] == [
        "lstm_course*"
    ]
    assert "setuptools>=77" in config["build-system"]["requires"]
    base = {_requirement_name(s) for s in project["dependencies"]}
    assert not base & {"tensorflow", "tensorflow-cpu"}
    assert {"keras", "nbformat"} <= base
    extras = project["optional-dependencies"]
    assert {_requirement_name(s) for s in extras["cpu"]} == {
        "tensorflow",
        "tensorflow-cpu",
    }
    assert [_requirement_name(s) for s in extras["gpu"]] == ["tensorflow"]
    assert {"ipykernel", "nbclient", "nbformat"} <= {
        _requirement_name(s) for s in extras["test"]
    }
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in project["classifiers"]
