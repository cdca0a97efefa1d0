"""Classroom tools: student notebooks without solutions, and the exercise inventory.

Every chapter ends with exercises written with `sphinx-exercise`: an
``{exercise}`` directive, then a ``{solution-start}`` ... ``{solution-end}`` pair
around the explanation (markdown) and one or more code cells tagged ``solution``.
The rendered book hides the solutions in a dropdown; a student notebook drops them.

From a shell::

    python -m lstm_course.classroom student-notebooks OUT_DIR
    python -m lstm_course.classroom exercises
    python -m lstm_course.classroom grade SUBMISSIONS --out DIR [--timeout SECONDS]

The first writes a copy of every chapter under ``book/`` into ``OUT_DIR`` with
each solution code cell replaced by a stub and each solution's markdown removed;
the second lists every chapter's exercises and the checks they ask learners to
call; the third executes every student's notebooks and scores each coded
exercise (one whose text names a check) with the package's own checks.

How grading keeps to the package's checks (``grade_class``):

- Each notebook runs in a fresh kernel, in an empty temporary folder holding
  only a copy of it, with the package's folder first on ``PYTHONPATH``: a
  student's own ``lstm_course/`` or ``exercises.py`` next to the notebook is
  not there to shadow the package. Outputs the notebook arrived with are
  cleared, and no cell can be skipped by a tag.
- The kernel gets a fresh random token in ``NONCE_VARIABLE``. Only then do the
  checks record their outcome: a display output of MIME type ``RECORD_MIME``
  that no front end shows, carrying the token, the check's name (read from the
  call stack, not from an argument), and the folder of the package that ran
  it. A record with another token, or from another package, is forged or
  shadowed, and the notebook's exercises are refused.
- The exercises and the checks they name come from the book's chapter, never
  from the submission. A record counts for the exercise above its cell, only
  if the exercise names its check.
- ``integrity_problems`` scans the code (it parses it, it does not run it) for a
  ``check_*`` name redefined, assigned or imported from elsewhere, for changes
  to the package's attributes, and for ``exec``, ``eval`` and the like; a
  redefined check counts for nothing, the rest refuses the notebook.

What cannot be prevented: the student's code runs in the same process as the
checks, so code written to defeat the grader (reading the token, rebuilding a
check from strings that no scan recognises) can succeed. The scan and the token
stop the ordinary ways (redefining a check, pasting a friend's output, a local
copy of the package); read the code of any notebook the grader reports.

>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[
...     nbformat.v4.new_markdown_cell(
...         "```{exercise}\\n:label: ex-00-demo\\nAdd one and one.\\n```\\n"
...         "```{solution-start} ex-00-demo\\n:class: dropdown\\n```\\nTwo."),
...     nbformat.v4.new_code_cell(
...         "answer = 1 + 1", metadata={"tags": ["solution"]}),
...     nbformat.v4.new_markdown_cell("```{solution-end}\\n```"),
... ])
>>> student = student_notebook(nb)
>>> len(student.cells)
2
>>> print(student.cells[1].source)
# Your answer to ex-00-demo here
...
>>> exercise_labels(nb)
['ex-00-demo']
"""

from __future__ import annotations

import argparse
import ast
import copy
import csv
import logging
import os
import re
import secrets
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

import lstm_course.exercises as _exercise_checks
from lstm_course.exercises._core import FAIL, NONCE_VARIABLE, PASS, RECORD_MIME

SOLUTION_TAG = "solution"
"""Code cells carrying this tag hold an exercise's worked solution."""

ANSWER_TAG = "answer"
"""The tag a stub cell carries in a student notebook (where the answer goes)."""

STUB_SOURCE = "# Your answer{target} here\n..."
"""What replaces a solution cell. ``...`` runs without error and prints nothing
useful, so a student notebook executes from top to bottom before it is answered."""

COLAB_INSTALL_SPEC = "lstm-course @ git+https://github.com/lstm-course/lstm-time-series-forecasting@main"
"""The package that a chapter installs when it runs on Colab, from the course's
public repository (``repository`` in ``_config.yml``), with no extra, so that
Colab's own TensorFlow (a GPU build) stays. Defined here and nowhere else; every
chapter's first code cell is :func:`colab_install_cell` (a test checks)."""

COLAB_TAG = "colab-install"
"""The tag of each chapter's Colab install cell (the rendered book hides it)."""


def colab_install_cell(spec: str = COLAB_INSTALL_SPEC) -> str:
    """The source of the first code cell of every chapter.

    On Colab it installs ``spec`` with ``%pip``; anywhere else it does nothing and
    prints nothing.

    Parameters
    ----------
    spec : str, default=COLAB_INSTALL_SPEC
        A pip requirement for the course package.

    Returns
    -------
    str

    Examples
    --------
    >>> print(colab_install_cell("lstm-course"))
    import sys
    <BLANKLINE>
    if "google.colab" in sys.modules:  # on Colab only: install the package
        %pip install --quiet "lstm-course"
    """
    if not isinstance(spec, str) or not spec.strip() or '"' in spec:
        raise ValueError(
            f"spec must be a pip requirement such as 'lstm-course', got {spec!r}."
        )
    return (
        "import sys\n\n"
        'if "google.colab" in sys.modules:  # on Colab only: install the package\n'
        f'    %pip install --quiet "{spec}"'
    )


# The chapters sit next to the package in a clone of the repository (an editable
# install); from an ordinary install, look in the current directory instead.
BOOK_DIR = Path(__file__).resolve().parents[1] / "book"
if not BOOK_DIR.is_dir():
    BOOK_DIR = Path("book")

# An opening fence of a MyST directive: ```{name} args  or  :::{name} args
_FENCE_OPEN = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$"
)
_LABEL = re.compile(r"^:label:\s*(?P<label>\S+)\s*$")
# A check named in an exercise's text: `check_answer(...)`, or just `check_answer`.
_CHECK_NAME = re.compile(r"\b(check_[a-z0-9_]+)\b")


@dataclass
class Exercise:
    """One ``{exercise}`` block of a chapter, as the inventory reports it.

    Attributes
    ----------
    label : str
        The exercise's ``:label:`` (empty if it has none).
    checks : list of str
        ``check_*`` functions its text names (asks the learner to call). An
        exercise with at least one is a *coded* exercise, which the grader scores.
    has_solution : bool
        Whether a ``{solution-start}`` (or ``{solution}``) block names the label.
    solution_cells : int
        Code cells inside the solution block.
    """

    label: str
    checks: list[str] = field(default_factory=list)
    has_solution: bool = False
    solution_cells: int = 0


def _closing_fence(line: str, fence: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def _split_markdown(
    source: str, inside: str | None
) -> tuple[list[str], str | None, list[str]]:
    """Drop the solution parts of one markdown cell's text.

    ``inside`` is the label of the solution block open at the start of the cell
    (``None`` outside one). Returns the kept lines, the block still open at the
    end of the cell, and the labels of the blocks that started in the cell.
    """
    kept: list[str] = []
    started: list[str] = []
    lines = source.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        opening = _FENCE_OPEN.match(line.strip())
        name = opening["name"] if opening else None
        if name in ("solution-start", "solution-end", "solution"):
            fence = opening["fence"]
            # Skip the directive up to its closing fence.
            j = i + 1
            while j < len(lines) and not _closing_fence(lines[j], fence):
                j += 1
            if name == "solution-start":
                inside = opening["arg"].strip() or "?"
                started.append(inside)
            elif name == "solution-end":
                inside = None
            else:  # a self-contained {solution} block
                started.append(opening["arg"].strip() or "?")
            i = j + 1
            continue
        if inside is None:
            kept.append(line)
        i += 1
    return kept, inside, started


def _tidy(lines: list[str]) -> str:
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def is_solution_cell(cell) -> bool:
    """Return True if ``cell`` is a code cell tagged ``solution``.

    Parameters
    ----------
    cell : nbformat.NotebookNode
        A notebook cell.

    Returns
    -------
    bool

    Examples
    --------
    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell("x = 2", metadata={"tags": ["solution"]})
    >>> is_solution_cell(cell)
    True
    """
    return cell.get("cell_type") == "code" and SOLUTION_TAG in cell.get(
        "metadata", {}
    ).get("tags", [])


def student_notebook(nb):
    """Return a copy of a chapter notebook with its solutions taken out.

    - A code cell tagged ``solution``, or any code cell between a
      ``{solution-start}`` and its ``{solution-end}``, becomes a stub
      (``# Your answer to <label> here`` and ``...``) tagged ``answer``.
    - Markdown from a ``{solution-start}`` directive to the end of its
      ``{solution-end}`` directive is removed, directives included, and so is any
      ``{solution}`` block; markdown cells left empty are dropped.
    - Every output and execution count is cleared.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook (version 4), for example from :func:`nbformat.read`. It is not
        modified.

    Returns
    -------
    nbformat.NotebookNode
        The student version.

    Raises
    ------
    TypeError
        If ``nb`` is not a notebook.
    ValueError
        If a ``{solution-start}`` is never closed by a ``{solution-end}``.
    """
    if not isinstance(nb, dict) or "cells" not in nb:
        raise TypeError(
            f"nb must be a notebook read with nbformat.read, got {type(nb).__name__}."
        )
    student = copy.deepcopy(nb)
    cells = []
    inside: str | None = None
    for cell in student.cells:
        if cell.cell_type == "markdown":
            kept, inside, _ = _split_markdown(cell.source, inside)
            text = _tidy(kept)
            if text.strip():
                cell.source = text
                cells.append(cell)
            continue
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            if is_solution_cell(cell) or inside is not None:
                target = f" to {inside}" if inside not in (None, "?") else ""
                cell.source = STUB_SOURCE.format(target=target)
                tags = [
                    t
                    for t in cell.metadata.get("tags", [])
                    if t != SOLUTION_TAG
                ]
                cell.metadata["tags"] = [*tags, ANSWER_TAG]
        cells.append(cell)
    if inside is not None:
        raise ValueError(
            f"The solution block {inside!r} has a {{solution-start}} but no "
            "{solution-end}: close it with a markdown cell holding "
            "```{solution-end}``` after its last solution cell."
        )
    student.cells = cells
    return student


def exercise_labels(nb) -> list[str]:
    """Return the labels of a notebook's ``{exercise}`` blocks, in order.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook.

    Returns
    -------
    list of str
        One label per ``{exercise}`` directive (``""`` for one without a label).
    """
    return [ex.label for ex in exercises(nb)]


def _exercise_blocks(cell) -> list[tuple[str, list[str]]]:
    """The ``(label, checks)`` of each ``{exercise}`` directive in a markdown cell."""
    if cell.get("cell_type") != "markdown":
        return []
    found = []
    lines = cell["source"].splitlines()
    for i, line in enumerate(lines):
        opening = _FENCE_OPEN.match(line.strip())
        if opening and opening["name"] == "exercise":
            body = []
            for rest in lines[i + 1 :]:
                if _closing_fence(rest, opening["fence"]):
                    break
                body.append(rest)
            label = next(
                (m["label"] for b in body if (m := _LABEL.match(b.strip()))),
                "",
            )
            checks = list(dict.fromkeys(_CHECK_NAME.findall("\n".join(body))))
            found.append((label, checks))
    return found


def exercises(nb) -> list[Exercise]:
    """Describe each ``{exercise}`` of a notebook and its solution block.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook.

    Returns
    -------
    list of Exercise
        In the order they appear.
    """
    found: list[Exercise] = []
    solutions: dict[str, int] = {}
    inside: str | None = None
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            if inside is not None:
                solutions[inside] = solutions.get(inside, 0) + 1
            continue
        if cell["cell_type"] != "markdown":
            continue
        found += [
            Exercise(label, checks) for label, checks in _exercise_blocks(cell)
        ]
        _, inside, started = _split_markdown(cell["source"], inside)
        for label in started:
            solutions.setdefault(label, 0)
    for ex in found:
        ex.has_solution = ex.label in solutions
        ex.solution_cells = solutions.get(ex.label, 0)
    return found


def solution_names_used_later(nb) -> dict[str, list[str]]:
    """Find names a student notebook would miss: defined only by solutions.

    A student notebook replaces solution cells with stubs. If a later, ordinary
    code cell uses a variable that only a solution cell defined, the student
    notebook stops with a ``NameError`` there. This static check (it parses the
    code, it does not run it) finds such names.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A chapter notebook (the instructor's version).

    Returns
    -------
    dict of str to list of str
        For each offending cell (keyed ``"cell <index>"``), the names it uses
        that only solution cells define. Empty when the notebook is safe.
    """
    defined: set[str] = set()
    only_in_solutions: set[str] = set()
    problems: dict[str, list[str]] = {}
    inside: str | None = None
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            _, inside, _ = _split_markdown(cell["source"], inside)
            continue
        if cell["cell_type"] != "code":
            continue
        stored, loaded = _names(cell["source"])
        if is_solution_cell(cell) or inside is not None:
            only_in_solutions |= stored - defined
            continue
        missing = sorted((loaded - stored) & only_in_solutions)
        if missing:
            problems[f"cell {index}"] = missing
        defined |= stored
        only_in_solutions -= stored
    return problems


def _names(source: str) -> tuple[set[str], set[str]]:
    code = "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line
        for line in source.splitlines()
    )
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set(), set()
    stored: set[str] = set()
    loaded: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else stored).add(node.id)
        elif isinstance(
            node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
        ):
            stored.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                stored.add((alias.asname or alias.name).split(".")[0])
    return stored, loaded


def chapter_notebooks(book_dir: str | Path = BOOK_DIR) -> list[Path]:
    """Return every chapter notebook under ``book_dir``, sorted by path.

    Parameters
    ----------
    book_dir : str or pathlib.Path, default=the repository's ``book/``
        Where the chapters are.

    Returns
    -------
    list of pathlib.Path

    Raises
    ------
    FileNotFoundError
        If ``book_dir`` is not a directory.
    """
    book_dir = Path(book_dir)
    if not book_dir.is_dir():
        raise FileNotFoundError(
            f"book_dir={str(book_dir)!r} is not a directory. Pass the book's "
            "folder (the one holding the chapter notebooks), e.g. book_dir='book'."
        )
    return sorted(
        p
        for p in book_dir.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )


def write_student_notebooks(
    out_dir: str | Path, book_dir: str | Path = BOOK_DIR
) -> list[Path]:
    """Write the student version of every chapter notebook into ``out_dir``.

    Parameters
    ----------
    out_dir : str or pathlib.Path
        Folder to write into; created if missing. Notebooks keep their path
        relative to ``book_dir`` and overwrite files of the same name.
    book_dir : str or pathlib.Path, default=the repository's ``book/``
        Where the chapter notebooks are.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    FileExistsError
        If ``out_dir`` exists and is not a directory.
    FileNotFoundError
        If ``book_dir`` is not a directory or holds no notebooks.
    ValueError
        If ``out_dir`` is ``book_dir`` itself (that would overwrite the chapters).
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise FileExistsError(
            f"out_dir={str(out_dir)!r} exists and is a file, not a folder. "
            "Choose a new folder name, e.g. student-notebooks/."
        )
    notebooks = chapter_notebooks(book_dir)
    if not notebooks:
        raise FileNotFoundError(
            f"book_dir={str(book_dir)!r} holds no .ipynb notebooks. "
            "Pass the folder that holds the chapters."
        )
    if out_dir.exists() and out_dir.resolve() == Path(book_dir).resolve():
        raise ValueError(
            f"out_dir={str(out_dir)!r} is the book folder itself: writing there "
            "would replace the chapters. Choose another folder."
        )
    written = []
    for path in notebooks:
        target = out_dir / path.relative_to(book_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        nb = nbformat.read(path, as_version=4)
        nbformat.write(student_notebook(nb), target)
        written.append(target)
    return written


# ----------------------------------------------------------------------- grading
#
# The grader executes each submitted notebook in a fresh kernel, in an empty
# temporary folder, with a random token (a nonce) in the kernel's environment.
# While the token is set, every check of lstm_course.exercises records its outcome
# as a display output of its own MIME type (RECORD_MIME), carrying the token, the
# name of the check found on the call stack and the folder of the package that
# ran it. The grader then reads the records back from the executed notebook and
# maps each to the exercise above its cell.

GRADE_FILES = ("grades.csv", "students.csv", "exercises.csv")
"""What ``grade_class`` writes into its output folder, besides ``feedback/`` (one
Markdown file per student) and ``executed/`` (every notebook as it ran)."""

DEFAULT_TIMEOUT = 600.0
"""Seconds a submitted notebook may run, all its cells together (the slowest
chapter executes in under a minute on a 2-core laptop)."""

BOOK_BUILD_NONCE = "make-book"
"""The token ``make book`` passes to the book's kernels, so that the executed
chapters under ``_build/jupyter_execute/`` carry check records a test can score
(the records are not shown on the rendered pages)."""

OUTPUT_LIMIT = 100_000
"""Characters of printed text the grader keeps per cell (a loop that prints
forever must not fill the memory)."""

NOTEBOOK_ROW = "(notebook)"
"""The ``exercise`` of a grades row about a whole notebook (an error, a timeout,
a file that is not a notebook, an integrity problem)."""

_PACKAGE_DIR = str(Path(__file__).resolve().parent)
_QUIET = logging.getLogger("lstm_course.classroom.kernel")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False
_SKIPPED_PARTS = {".ipynb_checkpoints", "__MACOSX", "__pycache__"}
# Names that would let a notebook run code the scan cannot read, or reach into
# the checks' machinery.
_OPAQUE_CALLS = {"exec", "eval", "compile", "__import__", "setattr", "delattr"}
_OPAQUE_ATTRIBUTES = {
    "_emit",
    "_record",
    "_calling_check",
    "_getframe",
    "__code__",
    "__globals__",
    "f_globals",
    "run_cell",
    "run_cell_magic",
    "run_line_magic",
}
_FORGERY_TEXT = (
    RECORD_MIME,
    RECORD_MIME.split("/")[-1].split("+")[0],
    NONCE_VARIABLE,
)
_SAFE_CELL_MAGICS = {"time", "timeit", "capture"}
CHECK_NAMES = frozenset(
    name for name in _exercise_checks.__all__ if name.startswith("check_")
)
"""The names of the package's checks. A notebook that binds one of them itself
(see ``integrity_problems``) gets no credit from that check."""


@dataclass
class CheckRecord:
    """One check's outcome, as a check recorded it in an executed notebook.

    Attributes
    ----------
    cell : int
        Index of the code cell whose output holds the record.
    check : str
        The package's check that ran (``"check_forget_gate"``, ``"check_answer"``).
    name : str
        What the check's printed line names (``check_answer``'s ``name=``).
    passed : bool
        Whether the answer passed.
    feedback : list of str
        The lines the check printed.
    nonce : str
        The token of the run that wrote the record.
    package : str
        The folder of the ``lstm_course`` package that ran the check.
    """

    cell: int
    check: str
    name: str
    passed: bool
    feedback: list[str]
    nonce: str
    package: str


@dataclass
class Score:
    """The grade of one coded exercise in one notebook.

    Attributes
    ----------
    exercise : str
        The exercise's label.
    passed : bool
        Whether every check the exercise names ran under it and passed.
    feedback : str
        What the checks said, or why the exercise did not pass, on one line.
    """

    exercise: str
    passed: bool
    feedback: str


@dataclass
class Grade:
    """One row of ``grades.csv``.

    Attributes
    ----------
    student : str
        The student's folder name.
    chapter : str
        The chapter (its notebook's name without ``.ipynb``), or the file's path
        in the student's folder when it is not a chapter.
    exercise : str
        The exercise's label, or ``NOTEBOOK_ROW`` for a row about the notebook.
    passed : bool
        Whether the exercise passed (always False for a notebook row).
    feedback : str
        What the checks said, or what went wrong.
    """

    student: str
    chapter: str
    exercise: str
    passed: bool
    feedback: str


@dataclass
class Execution:
    """A submitted file after ``execute_submission``.

    Attributes
    ----------
    notebook : nbformat.NotebookNode or None
        The executed notebook (as far as it ran), or None when the file could
        not be read as one.
    nonce : str
        The token the kernel was given.
    problems : list of str
        What went wrong with the whole file: not a notebook, a timeout, a kernel
        that died. (Errors in cells are reported by ``score_notebook``.)
    seconds : float
        Wall time spent on the file.
    """

    notebook: object
    nonce: str
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def check_records(nb) -> list[CheckRecord]:
    """Collect the check records from the outputs of an executed notebook.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook executed while ``lstm_course.exercises._core.NONCE_VARIABLE``
        was set in its kernel's environment (by ``execute_submission``, or by
        ``make book``).

    Returns
    -------
    list of CheckRecord
        In the order of the cells. A malformed record is returned with what
        could be read from it (and an empty nonce, so it never counts).

    Raises
    ------
    TypeError
        If ``nb`` is not a notebook.

    Examples
    --------
    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell("check_sigmoid(my_sigmoid)")
    >>> cell.outputs = [nbformat.v4.new_output("display_data", data={RECORD_MIME: {
    ...     "check": "check_sigmoid", "name": "check_sigmoid", "passed": True,
    ...     "feedback": ["✓ check_sigmoid: all 6 cases match the reference."],
    ...     "nonce": "4f2a", "package": "/somewhere/lstm_course"}})]
    >>> [(r.cell, r.check, r.passed) for r in check_records(
    ...     nbformat.v4.new_notebook(cells=[cell]))]
    [(0, 'check_sigmoid', True)]
    """
    if not isinstance(nb, dict) or "cells" not in nb:
        raise TypeError(
            f"nb must be a notebook read with nbformat.read, got {type(nb).__name__}."
        )
    found = []
    for index, cell in enumerate(nb["cells"]):
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {}) if isinstance(output, dict) else {}
            record = data.get(RECORD_MIME) if isinstance(data, dict) else None
            if record is None:
                continue
            if not isinstance(record, dict):
                record = {}
            feedback = record.get("feedback")
            well_formed = isinstance(feedback, list) and all(
                isinstance(line, str) for line in feedback
            )
            found.append(
                CheckRecord(
                    cell=index,
                    check=str(record.get("check", "")),
                    name=str(record.get("name", "")),
                    passed=record.get("passed") is True,
                    feedback=feedback if well_formed else [],
                    nonce=str(record.get("nonce", "")) if well_formed else "",
                    package=str(record.get("package", "")),
                )
            )
    return found


@dataclass
class IntegrityProblem:
    """Code in a notebook that could make a check pass without a right answer.

    Attributes
    ----------
    cell : int
        Index of the code cell.
    message : str
        What the code does, in words.
    check : str or None
        The check it concerns (a redefined ``check_sigmoid``): only exercises
        naming that check are refused. None refuses every exercise of the
        notebook.
    """

    cell: int
    message: str
    check: str | None = None


def _python_of(source: str) -> tuple[str, str | None]:
    """The Python code of a cell (magics removed), and a cell magic it uses."""
    lines = source.splitlines()
    magic = None
    if lines and lines[0].lstrip().startswith("%%"):
        magic = lines[0].strip()[2:].split(" ")[0]
        lines = lines[1:]
    kept = []
    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith("%run") or stripped.startswith("!%run"):
            return "", "run"
        kept.append("" if stripped.startswith(("%", "!")) else line)
    return "\n".join(kept), magic


def _root_name(node) -> str | None:
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def integrity_problems(nb) -> list[IntegrityProblem]:
    """Scan a notebook's code for anything that could fake a check's result.

    The scan parses each code cell (it does not run it) and reports:

    - the name of one of the package's checks (``CHECK_NAMES``) bound by
      anything but an import of that same name from ``lstm_course``: a
      ``def``, a ``class``, an assignment (``=``, ``:=``, ``for``, ``with``,
      ``except ... as``), ``del``, or an
      ``import ... as`` (``from lstm_course.exercises import check_mase as
      check_sigmoid``), or one imported from any other module;
    - an assignment to an attribute of the package (``lc.sigmoid = ...``, which
      would change the reference a check compares with);
    - code the scan cannot read or that reaches into the checks' machinery:
      ``exec``, ``eval``, ``compile``, ``__import__``, ``setattr``, ``delattr``,
      ``sys.modules``, frame and code objects, ``%run`` and cell magics other
      than ``%%time``, ``%%timeit`` and ``%%capture``;
    - text naming the records' MIME type or the grader's environment variable.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook.

    Returns
    -------
    list of IntegrityProblem
        Empty for an honest notebook (every chapter of the book has none).

    Raises
    ------
    TypeError
        If ``nb`` is not a notebook.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    ...     "def check_sigmoid(fn):\\n    return True")])
    >>> [(p.cell, p.check) for p in integrity_problems(nb)]
    [(0, 'check_sigmoid')]
    """
    if not isinstance(nb, dict) or "cells" not in nb:
        raise TypeError(
            f"nb must be a notebook read with nbformat.read, got {type(nb).__name__}."
        )
    problems: list[IntegrityProblem] = []
    trees: list[tuple[int, ast.AST]] = []
    for index, cell in enumerate(nb["cells"]):
        if cell.get("cell_type") != "code":
            continue
        code, magic = _python_of(cell.get("source", ""))
        if magic is not None and magic not in _SAFE_CELL_MAGICS:
            problems.append(
                IntegrityProblem(
                    index,
                    f"uses the magic %{'' if magic == 'run' else '%'}{magic}, "
                    "whose code the grader cannot read",
                )
            )
        for text in _FORGERY_TEXT:
            if text in code:
                problems.append(
                    IntegrityProblem(
                        index, f"names {text!r}, which only checks use"
                    )
                )
        try:
            trees.append((index, ast.parse(code)))
        except SyntaxError:
            continue  # such a cell does not run at all: nothing to hide
    package_names = {"lstm_course"}
    for _, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "lstm_course":
                        package_names.add(alias.asname or "lstm_course")
            elif isinstance(node, ast.ImportFrom) and (
                node.module or ""
            ).startswith("lstm_course"):
                package_names.update(
                    alias.asname or alias.name for alias in node.names
                )
    for index, tree in trees:
        for node in ast.walk(tree):
            problems += [
                IntegrityProblem(index, message, check)
                for message, check in _node_problems(node, package_names)
            ]
    return problems


def _node_problems(node, package_names: set[str]):
    """The integrity problems one AST node shows: (message, check or None)."""
    bound: list[tuple[str, str]] = []  # (name, what the code does, in words)
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        bound.append((node.name, f"defines {node.name}"))
    elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        verb = "assigns to" if isinstance(node.ctx, ast.Store) else "deletes"
        bound.append((node.id, f"{verb} {node.id}"))
    elif isinstance(node, ast.ExceptHandler) and node.name:
        bound.append((node.name, f"assigns to {node.name}"))
    elif isinstance(node, ast.Import):
        bound += [
            (alias.asname, f"imports {alias.name} as {alias.asname}")
            for alias in node.names
            if alias.asname
        ]
    elif isinstance(node, ast.ImportFrom):
        module = "." * node.level + (node.module or "")
        ours = module.startswith("lstm_course")
        for alias in node.names:
            if alias.name == "*" and not ours:
                yield (
                    f"imports * from {module}, which could bring in a check of its own",
                    None,
                )
            elif not ours or (alias.asname and alias.asname != alias.name):
                as_name = f" as {alias.asname}" if alias.asname else ""
                bound.append(
                    (
                        alias.asname or alias.name,
                        f"imports {alias.name} from {module}{as_name}",
                    )
                )
    for name, what in bound:
        if name in CHECK_NAMES:
            yield (
                f"{what}: the grader counts only the package's own check",
                name,
            )
    if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
        if _root_name(node) in package_names:
            yield (
                f"changes the package ({ast.unparse(node)} = ...), which could "
                "change the reference a check compares with",
                None,
            )
    if isinstance(node, ast.Attribute) and node.attr in _OPAQUE_ATTRIBUTES:
        yield (
            f"uses {node.attr}, which reaches into the checks' machinery",
            None,
        )
    if (
        isinstance(node, ast.Attribute)
        and node.attr == "modules"
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
    ):
        yield "uses sys.modules, which could swap the package's modules", None
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _OPAQUE_CALLS
    ):
        yield (
            f"calls {node.func.id}(), whose effect the grader cannot read",
            None,
        )


def _region_labels(nb) -> list[str | None]:
    """For each cell, the label of the last ``{exercise}`` at or above it."""
    labels: list[str | None] = []
    current = None
    for cell in nb["cells"]:
        blocks = _exercise_blocks(cell)
        if blocks:
            current = blocks[-1][0] or None
        labels.append(current)
    return labels


def _one_line(lines: list[str]) -> str:
    return " ".join(" ".join(line.split()) for line in lines)


def _error_outputs(nb) -> list[tuple[int, str]]:
    errors = []
    for index, cell in enumerate(nb["cells"]):
        for output in (
            cell.get("outputs", []) if cell.get("cell_type") == "code" else []
        ):
            if output.get("output_type") == "error":
                value = " ".join(str(output.get("evalue", "")).split())[:200]
                errors.append(
                    (index, f"{output.get('ename', 'Error')}: {value}")
                )
    return errors


def score_notebook(
    nb, chapter, *, nonce: str, package: str | None = None
) -> tuple[list[Score], list[str]]:
    """Score each coded exercise of an executed notebook with its check records.

    A *coded* exercise is one whose text, in the book's ``chapter``, names a
    check. It passes when, in the cells between its ``{exercise}`` and the next
    exercise of the executed notebook, every check it names recorded an outcome,
    and every record of those checks says passed. A record counts only if it
    carries ``nonce`` (this run's token) and was written by the package in
    ``package``; a check the notebook redefines (see ``integrity_problems``)
    counts for nothing.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook (a student's, or a chapter).
    chapter : nbformat.NotebookNode
        The book's version of the same chapter: which exercises are coded and
        which checks they name come from here, never from the submission.
    nonce : str
        The token the kernel was given.
    package : str, optional
        The folder of the ``lstm_course`` package the checks must come from;
        default: the one this function belongs to.

    Returns
    -------
    scores : list of Score
        One per coded exercise of ``chapter``, in order.
    problems : list of str
        What is wrong with the notebook as a whole: cells that raised, records
        not written by this run, code that could fake a check.

    Raises
    ------
    TypeError
        If ``nb`` or ``chapter`` is not a notebook.
    ValueError
        If ``nonce`` is empty.
    """
    for name, value in (("nb", nb), ("chapter", chapter)):
        if not isinstance(value, dict) or "cells" not in value:
            raise TypeError(
                f"{name} must be a notebook read with nbformat.read, got "
                f"{type(value).__name__}."
            )
    if not isinstance(nonce, str) or not nonce:
        raise ValueError(
            f"nonce must be the token the kernel was given (a non-empty string), "
            f"got {nonce!r}."
        )
    package = _PACKAGE_DIR if package is None else str(package)
    labels = _region_labels(nb)
    problems: list[str] = []
    refuse_all: list[str] = []
    refused: dict[str, list[str]] = {}
    for problem in integrity_problems(nb):
        text = f"cell {problem.cell + 1} {problem.message}"
        problems.append(text)
        if problem.check is None:
            refuse_all.append(text)
        else:
            refused.setdefault(problem.check, []).append(text)
    genuine = []
    for record in check_records(nb):
        where = f"cell {record.cell + 1}"
        if record.nonce != nonce:
            text = (
                f"{where} shows a check record this grading run did not write"
            )
        elif record.package != package:
            text = (
                f"{where}: the check ran from {record.package}, not from the "
                f"grader's package {package} (a folder or install named "
                "lstm_course takes its place)"
            )
        else:
            genuine.append(record)
            continue
        problems.append(text)
        refuse_all.append(text)
    errors = _error_outputs(nb)
    problems += [f"cell {index + 1} raised {error}" for index, error in errors]
    scores = []
    for ex in exercises(chapter):
        if not ex.checks:
            continue
        if ex.label not in labels:
            scores.append(
                Score(
                    ex.label,
                    False,
                    "the exercise is missing from this notebook",
                )
            )
            continue
        mine = [
            r
            for r in genuine
            if labels[r.cell] == ex.label and r.check in ex.checks
        ]
        blocked = refuse_all + [
            t for check in ex.checks for t in refused.get(check, [])
        ]
        cell_errors = [
            f"cell {index + 1} raised {error}"
            for index, error in errors
            if labels[index] == ex.label
        ]
        said = [_one_line(r.feedback) for r in mine]
        if blocked:
            scores.append(
                Score(ex.label, False, "not counted: " + "; ".join(blocked))
            )
            continue
        missing = [c for c in ex.checks if c not in {r.check for r in mine}]
        failed = [_one_line(r.feedback) for r in mine if not r.passed]
        if missing or failed:
            reasons = [
                f"{check} never ran under this exercise: call it in your answer"
                for check in missing
            ]
            scores.append(
                Score(
                    ex.label, False, " | ".join(failed + reasons + cell_errors)
                )
            )
        else:
            scores.append(Score(ex.label, True, " | ".join(said)))
    return scores, problems


def grading_environment(nonce: str) -> dict[str, str]:
    """The environment the grader starts each kernel with.

    This process's environment, with ``NONCE_VARIABLE`` set to ``nonce``, this
    package's folder first on ``PYTHONPATH`` (so the kernel imports the same
    ``lstm_course`` as the grader), TensorFlow's log silenced, and no
    ``MPLBACKEND`` (kernels draw with Jupyter's inline backend).

    Parameters
    ----------
    nonce : str
        The token for the checks' records.

    Returns
    -------
    dict of str to str

    Raises
    ------
    ValueError
        If ``nonce`` is empty.

    Examples
    --------
    >>> env = grading_environment("4f2a")
    >>> env[NONCE_VARIABLE]
    '4f2a'
    """
    if not isinstance(nonce, str) or not nonce:
        raise ValueError(f"nonce must be a non-empty string, got {nonce!r}.")
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    env[NONCE_VARIABLE] = nonce
    root = str(Path(_PACKAGE_DIR).parent)
    paths = [
        p
        for p in env.get("PYTHONPATH", "").split(os.pathsep)
        if p and p != root
    ]
    env["PYTHONPATH"] = os.pathsep.join([root, *paths])
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    env.setdefault("KERAS_BACKEND", "tensorflow")
    return env


def _check_timeout(timeout) -> float:
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise TypeError(
            f"timeout must be a number of seconds, got {type(timeout).__name__}."
        )
    if not timeout > 0 or timeout == float("inf"):
        raise ValueError(
            f"timeout={timeout!r} must be a positive number of seconds, such as "
            f"{DEFAULT_TIMEOUT:g}: every notebook needs a limit."
        )
    return float(timeout)


def execute_submission(
    path: str | Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    kernel_name: str = "python3",
) -> Execution:
    """Execute a submitted notebook in a fresh kernel, for grading.

    The notebook's outputs are cleared first; then it runs, cell by cell, in a
    new kernel whose working folder is an empty temporary folder holding only a
    copy of the notebook (nothing of the student's can shadow the package),
    with the environment of ``grading_environment`` and a fresh random token. A
    cell that raises does not stop the run (the next cells still execute and
    ``score_notebook`` reports the error); ``timeout`` bounds the whole notebook.

    Parameters
    ----------
    path : str or pathlib.Path
        The submitted file.
    timeout : float, default=DEFAULT_TIMEOUT
        Seconds for all the cells together; a notebook that runs longer is
        stopped, and what ran before the limit is kept.
    kernel_name : str, default="python3"
        The Jupyter kernel to start (whatever the notebook names).

    Returns
    -------
    Execution
        Never raises for a bad submission: a file that is not a notebook, a
        timeout or a kernel that died is described in ``problems``.

    Raises
    ------
    TypeError, ValueError
        If ``timeout`` is not a positive number.
    """
    try:
        from nbclient import NotebookClient
        from nbclient.exceptions import CellTimeoutError, DeadKernelError
    except ImportError as exc:
        raise ImportError(
            "Grading executes notebooks with nbclient and ipykernel, which are not "
            "installed: pip install nbclient ipykernel (or the course's [book] "
            "extra)."
        ) from exc

    class GradingClient(NotebookClient):
        """Keeps at most OUTPUT_LIMIT characters of printed text per cell."""

        def output(self, outs, msg, display_id, cell_index):
            if msg["msg_type"] == "stream":
                used = printed.get(cell_index, 0)
                text = msg["content"].get("text", "")
                printed[cell_index] = used + len(text)
                if used >= OUTPUT_LIMIT:
                    return None
                if used + len(text) > OUTPUT_LIMIT:
                    text = text[: OUTPUT_LIMIT - used] + (
                        f"\n[the grader kept the first {OUTPUT_LIMIT:,} characters "
                        "this cell printed]\n"
                    )
                    msg = {**msg, "content": {**msg["content"], "text": text}}
            return super().output(outs, msg, display_id, cell_index)

    printed: dict[int, int] = {}
    timeout = _check_timeout(timeout)
    path = Path(path)
    start = time.monotonic()
    nonce = secrets.token_hex(16)
    if path.suffix.lower() != ".ipynb":
        kind = (
            f"a {path.suffix} file" if path.suffix else "a file without .ipynb"
        )
        return Execution(
            None,
            nonce,
            [
                f"{path.name} is not a notebook ({kind}): hand in the .ipynb file"
            ],
        )
    try:
        captured: dict = {}
        nb = nbformat.read(
            path, as_version=4, capture_validation_error=captured
        )
        if captured.get("ValidationError") is not None:
            raise captured["ValidationError"]
    except Exception as exc:  # any unreadable file is a row, not a crash
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        return Execution(
            None,
            nonce,
            [
                f"{path.name} is not a notebook that Jupyter can open ({reason})"
            ],
            time.monotonic() - start,
        )
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    problems = []
    current = {"index": 0}
    deadline: list[float] = []

    def remaining(cell) -> float:
        if not deadline:
            deadline.append(time.monotonic() + timeout)
        return max(0.1, deadline[0] - time.monotonic())

    def started(cell, cell_index):
        current["index"] = cell_index

    with (
        tempfile.TemporaryDirectory(prefix="lstm-course-grade-") as folder,
        tempfile.TemporaryFile() as kernel_log,  # the kernel process's own output
    ):
        nbformat.write(nb, Path(folder) / path.name)
        client = GradingClient(
            nb,
            timeout_func=remaining,
            allow_errors=True,
            kernel_name=kernel_name,
            # No cell may be skipped by a tag of the student's choosing.
            skip_cells_with_tag=nonce,
            on_cell_start=started,
            resources={"metadata": {"path": folder}},
            log=_QUIET,  # a timeout or a dead kernel is reported in problems
        )

        def where() -> str:
            return f"cell {current['index'] + 1}"

        def log_tail() -> str:
            kernel_log.seek(0)
            lines = (
                kernel_log.read()
                .decode("utf-8", "replace")
                .strip()
                .splitlines()
            )
            return f" (the kernel said: {lines[-1][:200]})" if lines else ""

        try:
            client.execute(
                env=grading_environment(nonce),
                stdout=kernel_log,
                stderr=kernel_log,
            )
        except CellTimeoutError:
            # Shutting the kernel down interrupts the loop: not the student's error.
            stopped = nb.cells[current["index"]]
            stopped.outputs = [
                o
                for o in stopped.get("outputs", [])
                if o.get("ename") != "KeyboardInterrupt"
            ]
            problems.append(
                f"ran past its time limit of {timeout:g} s in {where()} (a loop "
                "that never ends?); the cells after it did not run"
            )
        except DeadKernelError:
            problems.append(
                f"the kernel died in {where()}{log_tail()}; the cells after it "
                "did not run"
            )
        except Exception as exc:  # a kernel that cannot start, ...
            reason = " ".join(str(exc).split())[:200] or type(exc).__name__
            problems.append(f"could not be executed: {reason}{log_tail()}")
    return Execution(nb, nonce, problems, time.monotonic() - start)


def _submitted_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(
            part.startswith(".") or part in _SKIPPED_PARTS
            for part in p.relative_to(folder).parts
        )
    )


def _chapter_of(nb, path: Path, book: dict, owner: dict) -> str | None:
    """The book chapter a submission is: by its exercises, else by its name."""
    votes: dict[str, int] = {}
    for label in exercise_labels(nb):
        if label in owner:
            votes[owner[label]] = votes.get(owner[label], 0) + 1
    if votes:
        return max(votes, key=votes.get)
    return path.stem if path.stem in book else None


def grade_class(
    submissions: str | Path,
    out_dir: str | Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    book_dir: str | Path = BOOK_DIR,
    kernel_name: str = "python3",
    progress=print,
) -> list[Grade]:
    """Execute and score every student's notebooks; write grades and feedback.

    ``submissions`` holds one folder per student (the folder's name is the
    student's name) with any of their chapter notebooks, at any depth. Each file
    is executed by ``execute_submission`` and scored by ``score_notebook``
    against the book's version of its chapter (recognised by the exercises it
    holds, else by its file name). A file that is not a notebook, a notebook
    that raises, times out or holds no exercise of the book gets a row that
    says so, and grading goes on.

    Writes into ``out_dir``:

    - ``grades.csv``: student, chapter, exercise, passed, feedback (one row
      per coded exercise of each notebook handed in, and one per problem);
    - ``students.csv``: per student, files handed in (a chapter counts once),
      coded exercises in them, how many passed, problems;
    - ``exercises.csv``: per coded exercise, how many students handed in its
      chapter and how many passed it;
    - ``feedback/STUDENT.md``: what each check said, for the student;
    - ``executed/STUDENT/...``: every notebook as it ran.

    Parameters
    ----------
    submissions : str or pathlib.Path
        The class's folder.
    out_dir : str or pathlib.Path
        Where to write; created if missing (not inside ``submissions``).
    timeout : float, default=DEFAULT_TIMEOUT
        Seconds per notebook.
    book_dir : str or pathlib.Path, default=the repository's ``book/``
        The chapters with their solutions: the exercises and the checks they
        name come from here.
    kernel_name : str, default="python3"
        The Jupyter kernel to run the notebooks in.
    progress : callable, default=print
        Called with one line per file graded (None: silent).

    Returns
    -------
    list of Grade
        The rows of ``grades.csv``.

    Raises
    ------
    FileNotFoundError
        If ``submissions`` or ``book_dir`` is not a folder, or ``submissions``
        holds no student folder.
    FileExistsError
        If ``out_dir`` is a file.
    ValueError
        If ``out_dir`` is inside ``submissions``, or ``timeout`` is not positive.
    """
    timeout = _check_timeout(timeout)
    submissions, out_dir = Path(submissions), Path(out_dir)
    if not submissions.is_dir():
        raise FileNotFoundError(
            f"submissions={str(submissions)!r} is not a folder. Pass the folder "
            "that holds one folder per student."
        )
    students = sorted(
        p
        for p in submissions.iterdir()
        if p.is_dir() and not p.name.startswith(".")
    )
    if not students:
        raise FileNotFoundError(
            f"submissions={str(submissions)!r} holds no student folder. Put each "
            "student's notebooks in a folder named after the student."
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise FileExistsError(
            f"out_dir={str(out_dir)!r} exists and is a file, not a folder. "
            "Choose a new folder name, e.g. grades/."
        )
    if out_dir.resolve().is_relative_to(submissions.resolve()):
        raise ValueError(
            f"out_dir={str(out_dir)!r} is inside the submissions folder: its "
            "executed notebooks would be graded as submissions next time. "
            "Choose a folder outside it."
        )
    book = {
        p.stem: nbformat.read(p, as_version=4)
        for p in chapter_notebooks(book_dir)
    }
    if not book:
        raise FileNotFoundError(
            f"book_dir={str(book_dir)!r} holds no chapter notebooks: pass the "
            "book's folder (with the solutions), e.g. book_dir='book'."
        )
    owner = {
        label: stem
        for stem, nb in book.items()
        for label in exercise_labels(nb)
    }
    progress = progress or (lambda line: None)
    rows: list[Grade] = []
    for student in students:
        files = _submitted_files(student)
        if not files:
            rows.append(
                Grade(
                    student.name, "", NOTEBOOK_ROW, False, "handed in nothing"
                )
            )
            progress(f"{student.name}: handed in nothing")
        for path in files:
            rel = path.relative_to(student).as_posix()
            run = execute_submission(
                path, timeout=timeout, kernel_name=kernel_name
            )
            if run.notebook is None:
                rows += [
                    Grade(student.name, rel, NOTEBOOK_ROW, False, p)
                    for p in run.problems
                ]
                progress(f"{student.name}/{rel}: {run.problems[0]}")
                continue
            saved = out_dir / "executed" / student.name / rel
            saved.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(run.notebook, saved)
            chapter = _chapter_of(run.notebook, path, book, owner)
            problems = [f"{rel} {p}" for p in run.problems]
            if chapter is None:
                problems.append(
                    f"{rel} holds none of the book's exercises: is it a chapter's "
                    "notebook?"
                )
                scores = []
            else:
                scores, more = score_notebook(
                    run.notebook, book[chapter], nonce=run.nonce
                )
                problems += [f"{rel}: {p}" for p in more]
            name = chapter or rel
            rows += [
                Grade(student.name, name, NOTEBOOK_ROW, False, p)
                for p in problems
            ]
            rows += [
                Grade(student.name, name, s.exercise, s.passed, s.feedback)
                for s in scores
            ]
            passed = sum(s.passed for s in scores)
            progress(
                f"{student.name}/{rel}: {passed} of {len(scores)} exercises passed, "
                f"{len(problems)} problem(s), {run.seconds:.0f} s"
            )
    _write_grades(rows, out_dir, book)
    return rows


def _write_csv(path: Path, header: list[str], table: list[list]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(table)


def grade_summaries(rows: list[Grade], book_dir: str | Path = BOOK_DIR):
    """The per-student and per-exercise summaries of a list of grades.

    Parameters
    ----------
    rows : list of Grade
        What ``grade_class`` returned (or rows read back from ``grades.csv``).
    book_dir : str or pathlib.Path, default=the repository's ``book/``
        The chapters, for the order of the exercises.

    Returns
    -------
    students : list of list
        ``[student, files, exercises, passed, problems]`` per student (a
        chapter handed in twice is one file, and each exercise counts once).
    exercises : list of list
        ``[chapter, exercise, checks, handed_in, passed]`` per coded exercise
        of every chapter anyone handed in, in book order.

    Examples
    --------
    >>> rows = [Grade("ada", "03_forget_gate", "ex-03-sigmoid", True, "✓"),
    ...         Grade("bo", "03_forget_gate", "ex-03-sigmoid", False, "✗"),
    ...         Grade("bo", "notes.txt", NOTEBOOK_ROW, False, "not a notebook")]
    >>> students, per_exercise = grade_summaries(rows)
    >>> students
    [['ada', 1, 1, 1, 0], ['bo', 2, 1, 0, 1]]
    >>> [row for row in per_exercise if row[1] == "ex-03-sigmoid"]
    [['03_forget_gate', 'ex-03-sigmoid', 'check_sigmoid', 2, 1]]
    """
    book = {
        p.stem: nbformat.read(p, as_version=4)
        for p in chapter_notebooks(book_dir)
    }
    return _summaries(rows, book)


def _summaries(rows: list[Grade], book: dict):
    students: dict[str, dict] = {}
    for row in rows:
        entry = students.setdefault(
            row.student,
            {"files": set(), "done": set(), "passed": set(), "problems": 0},
        )
        if row.chapter:
            entry["files"].add(row.chapter)
        if row.exercise == NOTEBOOK_ROW:
            entry["problems"] += row.feedback != "handed in nothing"
        else:
            entry["done"].add((row.chapter, row.exercise))
            if row.passed:
                entry["passed"].add((row.chapter, row.exercise))
    per_student = [
        [
            name,
            len(e["files"]),
            len(e["done"]),
            len(e["passed"]),
            e["problems"],
        ]
        for name, e in sorted(students.items())
    ]
    handed = {
        (r.chapter, r.exercise, r.student)
        for r in rows
        if r.exercise != NOTEBOOK_ROW
    }
    passed = {
        (r.chapter, r.exercise, r.student)
        for r in rows
        if r.exercise != NOTEBOOK_ROW and r.passed
    }
    chapters = {r.chapter for r in rows}
    per_exercise = []
    for stem, nb in book.items():
        if stem not in chapters:
            continue
        for ex in exercises(nb):
            if ex.checks:
                per_exercise.append(
                    [
                        stem,
                        ex.label,
                        " ".join(ex.checks),
                        len(
                            {
                                s
                                for c, e, s in handed
                                if (c, e) == (stem, ex.label)
                            }
                        ),
                        len(
                            {
                                s
                                for c, e, s in passed
                                if (c, e) == (stem, ex.label)
                            }
                        ),
                    ]
                )
    return per_student, per_exercise


def _feedback_text(student: str, rows: list[Grade]) -> str:
    lines = [f"# Feedback for {student}", ""]
    chapters = list(dict.fromkeys(r.chapter for r in rows))
    for chapter in chapters:
        mine = [r for r in rows if r.chapter == chapter]
        graded = [r for r in mine if r.exercise != NOTEBOOK_ROW]
        lines += [f"## {chapter or 'your folder'}", ""]
        for row in mine:
            if row.exercise == NOTEBOOK_ROW:
                lines.append(f"- Problem: {row.feedback}")
            else:
                mark = PASS if row.passed else FAIL
                lines.append(f"- {mark} {row.exercise}: {row.feedback}")
        if graded:
            done = sum(r.passed for r in graded)
            lines += ["", f"{done} of {len(graded)} coded exercises passed."]
        lines.append("")
    return "\n".join(lines)


def _write_grades(rows: list[Grade], out_dir: Path, book: dict) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_csv(
        out_dir / "grades.csv",
        ["student", "chapter", "exercise", "passed", "feedback"],
        [
            [r.student, r.chapter, r.exercise, r.passed, r.feedback]
            for r in rows
        ],
    )
    per_student, per_exercise = _summaries(rows, book)
    _write_csv(
        out_dir / "students.csv",
        ["student", "files", "exercises", "passed", "problems"],
        per_student,
    )
    _write_csv(
        out_dir / "exercises.csv",
        ["chapter", "exercise", "checks", "handed_in", "passed"],
        per_exercise,
    )
    feedback = out_dir / "feedback"
    feedback.mkdir(exist_ok=True)
    for student in dict.fromkeys(r.student for r in rows):
        text = _feedback_text(
            student, [r for r in rows if r.student == student]
        )
        (feedback / f"{student}.md").write_text(text, encoding="utf-8")


def _table(header: list[str], table: list[list]) -> str:
    cells = [header] + [[str(v) for v in row] for row in table]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            v.ljust(w) for v, w in zip(row, widths, strict=True)
        ).rstrip()
        for row in cells
    )


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m lstm_course.classroom",
        description="Classroom tools for the LSTM course.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    students = commands.add_parser(
        "student-notebooks",
        help="write every chapter with its solutions replaced by stubs",
    )
    students.add_argument("out_dir", type=Path, help="folder to write into")
    students.add_argument(
        "--book",
        type=Path,
        default=BOOK_DIR,
        help="folder holding the chapters",
    )
    listing = commands.add_parser(
        "exercises", help="list each chapter's exercises and their checks"
    )
    listing.add_argument(
        "--book",
        type=Path,
        default=BOOK_DIR,
        help="folder holding the chapters",
    )
    grading = commands.add_parser(
        "grade",
        help="execute every student's notebooks and score the coded exercises",
    )
    grading.add_argument(
        "submissions", type=Path, help="folder holding one folder per student"
    )
    grading.add_argument(
        "--out",
        type=Path,
        required=True,
        help="folder to write the grades into",
    )
    grading.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"seconds each notebook may run (default {DEFAULT_TIMEOUT:g})",
    )
    grading.add_argument(
        "--book",
        type=Path,
        default=BOOK_DIR,
        help="folder holding the chapters",
    )
    grading.add_argument(
        "--kernel", default="python3", help="Jupyter kernel (default python3)"
    )
    return parser


def _print_grades(
    rows: list[Grade], out_dir: Path, book_dir: Path, seconds: float
):
    students, per_exercise = grade_summaries(rows, book_dir)
    print("\nper student:")
    print(
        _table(
            ["student", "files", "exercises", "passed", "problems"], students
        )
    )
    print("\nper exercise:")
    print(
        _table(
            ["chapter", "exercise", "checks", "handed in", "passed"],
            per_exercise,
        )
    )
    print("\nwrote:")
    for name in GRADE_FILES:
        print(f"  {out_dir / name}")
    print(f"  {out_dir / 'feedback'}/ (one file per student)")
    print(f"  {out_dir / 'executed'}/ (every notebook as it ran)")
    print(f"graded {len(students)} students in {seconds:.0f} s")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success. Bad arguments exit with status 2 and a message.
    """
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "student-notebooks":
            written = write_student_notebooks(args.out_dir, args.book)
            for path in written:
                print(f"wrote {path}")
            print(f"{len(written)} student notebooks in {args.out_dir}")
        elif args.command == "grade":
            start = time.monotonic()
            rows = grade_class(
                args.submissions,
                args.out,
                timeout=args.timeout,
                book_dir=args.book,
                kernel_name=args.kernel,
            )
            _print_grades(rows, args.out, args.book, time.monotonic() - start)
        else:
            total = 0
            for path in chapter_notebooks(args.book):
                found = exercises(nbformat.read(path, as_version=4))
                total += len(found)
                print(f"{path.name}: {len(found)} exercises")
                for ex in found:
                    checks = ", ".join(ex.checks) or "no check"
                    print(f"  {ex.label or '(no label)'}: {checks}")
            print(f"{total} exercises")
    except (
        OSError,
        ValueError,
        TypeError,
        ImportError,
        nbformat.ValidationError,
    ) as exc:
        # One line and exit status 2, never a traceback (an unreadable or
        # invalid notebook, a folder that cannot be written, ...).
        parser.error(" ".join(str(exc).split()) or type(exc).__name__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
