"""Classroom tools: student notebooks without solutions, and the exercise inventory.

Every chapter ends with exercises written with `sphinx-exercise`: an
``{exercise}`` directive, then a ``{solution-start}`` ... ``{solution-end}`` pair
around the explanation (markdown) and one or more code cells tagged ``solution``.
The rendered book hides the solutions in a dropdown; a student notebook drops them.

From a shell::

    python -m lstm_course.classroom student-notebooks OUT_DIR
    python -m lstm_course.classroom exercises

The first writes a copy of every chapter under ``book/`` into ``OUT_DIR`` with
each solution code cell replaced by a stub and each solution's markdown removed;
the second lists every chapter's exercises and the checks they ask learners to
call.

>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[
...     nbformat.v4.new_markdown_cell(
...         "```{exercise}\\n:label: ex-00-demo\\nAdd one and one.\\n```\\n"
...         "```{solution-start} ex-00-demo\\n:class: dropdown\\n```\\nTwo."),
...     nbformat.v4.new_code_cell("answer = 1 + 1", metadata={"tags": ["solution"]}),
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
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

SOLUTION_TAG = "solution"
"""Code cells carrying this tag hold an exercise's worked solution."""

ANSWER_TAG = "answer"
"""The tag a stub cell carries in a student notebook (where the answer goes)."""

STUB_SOURCE = "# Your answer{target} here\n..."
"""What replaces a solution cell. ``...`` runs without error and prints nothing
useful, so a student notebook executes from top to bottom before it is answered."""

COLAB_INSTALL_SPEC = (
    "lstm-course @ git+https://github.com/lstm-course/lstm-time-series-forecasting@main"
)
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
_FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$")
_LABEL = re.compile(r"^:label:\s*(?P<label>\S+)\s*$")
_CHECK_CALL = re.compile(r"\b(check_[a-z0-9_]+)\s*\(")


@dataclass
class Exercise:
    """One ``{exercise}`` block of a chapter, as the inventory reports it.

    Attributes
    ----------
    label : str
        The exercise's ``:label:`` (empty if it has none).
    checks : list of str
        ``check_*`` functions its text asks the learner to call.
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
                tags = [t for t in cell.metadata.get("tags", []) if t != SOLUTION_TAG]
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
                    (m["label"] for b in body if (m := _LABEL.match(b.strip()))), ""
                )
                checks = list(dict.fromkeys(_CHECK_CALL.findall("\n".join(body))))
                found.append(Exercise(label, checks))
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
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
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
        p for p in book_dir.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
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
        "--book", type=Path, default=BOOK_DIR, help="folder holding the chapters"
    )
    listing = commands.add_parser(
        "exercises", help="list each chapter's exercises and their checks"
    )
    listing.add_argument(
        "--book", type=Path, default=BOOK_DIR, help="folder holding the chapters"
    )
    return parser


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
    except (OSError, ValueError, TypeError, nbformat.ValidationError) as exc:
        # One line and exit status 2, never a traceback (an unreadable or
        # invalid notebook, a folder that cannot be written, ...).
        parser.error(" ".join(str(exc).split()) or type(exc).__name__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
