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
    declared = project["dependencies"] + extras["book"] + extras["test"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    pip_specs = [s for s in pip_section if not s.startswith("-e")]
    # Same requirements, version bounds and markers included.
    norm = lambda specs: sorted(re.sub(r"\s+", "", s) for s in specs)  # noqa: E731
    assert norm(pip_specs) == norm(declared)
    assert "-e .[book,test]" in pip_section
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
