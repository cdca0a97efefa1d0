"""Run a chapter with its ``parameters`` cell overridden.

The benchmarks that write the records a chapter reads (``strong_baselines.py``,
``interval_folds.py``) execute that chapter itself, so the recipe exists once:
they insert a cell after the one tagged ``parameters`` and run the notebook in
``book/``, as the book does.
"""

from __future__ import annotations

import ast
import os
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

BOOK = Path(__file__).resolve().parents[1] / "book"


def _parameters_cell(notebook) -> int:
    found = [
        i
        for i, cell in enumerate(notebook.cells)
        if "parameters" in cell.metadata.get("tags", [])
    ]
    if len(found) != 1:
        raise ValueError(
            f"the notebook has {len(found)} cells tagged 'parameters'; "
            "it needs exactly one"
        )
    return found[0]


def parameters(notebook) -> dict:
    """The values the ``parameters`` cell assigns (literals only)."""
    cell = notebook.cells[_parameters_cell(notebook)]
    return {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in ast.parse(cell.source).body
        if isinstance(node, ast.Assign)
    }


def with_parameters(notebook, **values):
    """Insert a cell after the one tagged ``parameters`` that overrides it."""
    i = _parameters_cell(notebook)
    lines = [f"{name} = {value!r}" for name, value in values.items()]
    notebook.cells.insert(i + 1, nbformat.v4.new_code_cell("\n".join(lines)))
    return notebook


def execute(notebook, timeout: int) -> float:
    """Run ``notebook`` in ``book/`` (quiet TensorFlow); return the seconds."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    start = time.perf_counter()
    NotebookClient(
        notebook, timeout=timeout, resources={"metadata": {"path": BOOK}}
    ).execute()
    return time.perf_counter() - start
