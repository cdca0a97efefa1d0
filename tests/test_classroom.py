"""Tests for lstm_course.classroom: student notebooks and the exercise inventory.

Two kinds of test:

- On small synthetic notebooks, the transformation itself: which cells become
  stubs, which markdown goes, argument checks, the command line, and that a
  student notebook *executes* with its stubs (nbclient, a few seconds).
- On every chapter under book/ (however many exist): at least two exercises, each
  with a matching solution block; no solution code left in the student version;
  no ordinary cell that needs a name only a solution defines (the one way a
  student notebook could stop with an error where the chapter does not); and the
  student copy itself, executed top to bottom with its answers left blank, runs
  without an error or a line on stderr, and the grader scores it zero on every
  coded exercise (about five minutes for the whole book).
"""

import json
import re
import runpy
import secrets
import sys

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from lstm_course import classroom
from lstm_course.classroom import (
    ANSWER_TAG,
    SOLUTION_TAG,
    chapter_notebooks,
    exercise_labels,
    exercises,
    grading_environment,
    score_notebook,
    solution_names_used_later,
    student_notebook,
    write_student_notebooks,
)

CHAPTERS = chapter_notebooks()
SOL = {"tags": [SOLUTION_TAG]}


def _exercise(label, text="Do the thing.", fence="```"):
    return f"{fence}{{exercise}}\n:label: {label}\n\n{text}\n{fence}\n"


def _start(label, fence="```"):
    return f"{fence}{{solution-start}} {label}\n:class: dropdown\n{fence}\n"


def _end(fence="```"):
    return f"{fence}{{solution-end}}\n{fence}"


def synthetic():
    """Two exercises laid out as chapter 1 lays them out (directives share cells)."""
    return new_notebook(
        cells=[
            new_markdown_cell("# 0. Demo\n\nSome prose."),
            new_code_cell("base = 20"),
            new_markdown_cell(
                "## Exercises\n\n"
                + _exercise("ex-00-add", "Add `base` and 22. Call check_answer(x, 42).")
                + "\n"
                + _start("ex-00-add")
                + "\nThe SECRET explanation: add them."
            ),
            new_code_cell(
                "secret_total = base + 22\nassert secret_total == 42", metadata=SOL
            ),
            new_markdown_cell(
                _end()
                + "\n\n"
                + _exercise("ex-00-explain", "Explain the plot.", fence="````")
                + "\n"
                + _start("ex-00-explain", fence=":::")
                + "\nThe SECRET plot shows a line."
            ),
            new_code_cell("secret_plot = [1, 2, 3]\nprint(secret_plot)", metadata=SOL),
            new_markdown_cell(_end(fence=":::")),
            new_code_cell("print('after the exercises', base)"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )


def _all_text(nb):
    return "\n".join(cell.source for cell in nb.cells)


def test_solution_cells_become_tagged_stubs():
    student = student_notebook(synthetic())
    stubs = [c for c in student.cells if ANSWER_TAG in c.metadata.get("tags", [])]
    assert [c.source for c in stubs] == [
        "# Your answer to ex-00-add here\n...",
        "# Your answer to ex-00-explain here\n...",
    ]
    assert not any(SOLUTION_TAG in c.metadata.get("tags", []) for c in student.cells)


def test_solution_markdown_and_directives_are_removed():
    text = _all_text(student_notebook(synthetic()))
    assert "SECRET" not in text
    assert "secret" not in text
    assert "{solution-start}" not in text
    assert "{solution-end}" not in text
    assert "dropdown" not in text


def test_exercises_and_ordinary_cells_survive_unchanged():
    original = synthetic()
    student = student_notebook(original)
    text = _all_text(student)
    assert text.count("{exercise}") == 2
    assert "Add `base` and 22." in text
    assert "Explain the plot." in text
    # Markdown between a {solution-end} and the next exercise stays in the cell.
    assert student.cells[0].source == original.cells[0].source
    assert student.cells[1].source == "base = 20"
    assert student.cells[-1].source == "print('after the exercises', base)"


def test_input_notebook_is_not_modified():
    nb = synthetic()
    before = json.dumps(nb, sort_keys=True)
    student_notebook(nb)
    assert json.dumps(nb, sort_keys=True) == before


def test_untagged_code_inside_a_solution_block_is_stubbed_too():
    nb = synthetic()
    nb.cells[3].metadata = {}  # someone forgot the tag
    student = student_notebook(nb)
    assert "secret_total" not in _all_text(student)


def test_solution_directive_block_is_removed():
    nb = new_notebook(
        cells=[
            new_markdown_cell(
                _exercise("ex-00-q")
                + "\n```{solution} ex-00-q\n:class: dropdown\nSECRET answer\n```\n"
                + "\nClosing words."
            )
        ]
    )
    text = _all_text(student_notebook(nb))
    assert "SECRET" not in text
    assert text.endswith("Closing words.")
    assert exercises(nb)[0].has_solution


def test_outputs_are_cleared():
    nb = synthetic()
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="20\n")]
    nb.cells[1].execution_count = 3
    student = student_notebook(nb)
    assert student.cells[1].outputs == []
    assert student.cells[1].execution_count is None


@pytest.mark.parametrize(
    ("bad", "error", "match"),
    [
        ("not a notebook", TypeError, "nb must be a notebook"),
        (
            new_notebook(cells=[new_markdown_cell(_start("ex-00-open"))]),
            ValueError,
            "'ex-00-open' has a {solution-start} but no {solution-end}",
        ),
    ],
)
def test_student_notebook_rejects_bad_input(bad, error, match):
    with pytest.raises(error, match=re.escape(match)):
        student_notebook(bad)


def test_inventory_reports_labels_checks_and_solutions():
    found = exercises(synthetic())
    assert [e.label for e in found] == ["ex-00-add", "ex-00-explain"]
    assert found[0].checks == ["check_answer"]
    assert found[1].checks == []
    assert [e.has_solution for e in found] == [True, True]
    assert [e.solution_cells for e in found] == [1, 1]


def test_static_check_finds_a_name_only_a_solution_defines():
    nb = synthetic()
    assert solution_names_used_later(nb) == {}
    nb.cells.append(new_code_cell("print(secret_total + base)"))
    assert solution_names_used_later(nb) == {
        f"cell {len(nb.cells) - 1}": ["secret_total"]
    }


def test_student_notebook_executes_with_its_stubs(tmp_path):
    student = student_notebook(synthetic())
    NotebookClient(student, timeout=60, kernel_name="python3").execute()
    outputs = [o for c in student.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert "after the exercises 20" in json.dumps(outputs)


# Writing to disk and the command line.


def _book(tmp_path):
    book = tmp_path / "book"
    (book / "part").mkdir(parents=True)
    nbformat.write(synthetic(), book / "00_demo.ipynb")
    nbformat.write(synthetic(), book / "part" / "01_nested.ipynb")
    (book / ".ipynb_checkpoints").mkdir()
    nbformat.write(synthetic(), book / ".ipynb_checkpoints" / "00_demo.ipynb")
    return book


def test_write_student_notebooks_mirrors_the_book(tmp_path):
    book = _book(tmp_path)
    written = write_student_notebooks(tmp_path / "out" / "class", book)
    names = sorted(
        p.relative_to(tmp_path / "out" / "class").as_posix() for p in written
    )
    assert names == ["00_demo.ipynb", "part/01_nested.ipynb"]
    for path in written:
        assert "SECRET" not in path.read_text()


@pytest.mark.parametrize(
    ("setup", "error", "match"),
    [
        ("out_is_file", FileExistsError, "exists and is a file, not a folder"),
        ("book_missing", FileNotFoundError, "is not a directory"),
        ("book_empty", FileNotFoundError, "holds no .ipynb notebooks"),
        ("out_is_book", ValueError, "is the book folder itself"),
    ],
)
def test_write_student_notebooks_validates_arguments(tmp_path, setup, error, match):
    book = _book(tmp_path)
    out = tmp_path / "out"
    if setup == "out_is_file":
        out.write_text("not a folder")
    elif setup == "book_missing":
        book = tmp_path / "nowhere"
    elif setup == "book_empty":
        book = tmp_path / "empty"
        book.mkdir()
    else:
        out = book
    with pytest.raises(error, match=match):
        write_student_notebooks(out, book)


def test_command_line_writes_notebooks(tmp_path, capsys):
    book = _book(tmp_path)
    assert (
        classroom.main(
            ["student-notebooks", str(tmp_path / "out"), "--book", str(book)]
        )
        == 0
    )
    assert "2 student notebooks in" in capsys.readouterr().out
    assert (tmp_path / "out" / "00_demo.ipynb").exists()


def test_command_line_lists_exercises(tmp_path, capsys):
    classroom.main(["exercises", "--book", str(_book(tmp_path))])
    out = capsys.readouterr().out
    assert "00_demo.ipynb: 2 exercises\n  ex-00-add: check_answer\n" in out
    assert out.endswith("4 exercises\n")


def test_command_line_refuses_a_file_as_out_dir(tmp_path, monkeypatch, capsys):
    """`python -m lstm_course.classroom student-notebooks FILE` exits with status 2."""
    target = tmp_path / "taken.txt"
    target.write_text("")
    monkeypatch.setattr(sys, "argv", ["classroom", "student-notebooks", str(target)])
    with pytest.raises(SystemExit) as exit_info:
        # Run the file as `python -m` does (as __main__), in-process, so the test
        # needs no new interpreter importing TensorFlow.
        runpy.run_path(classroom.__file__, run_name="__main__")
    assert exit_info.value.code == 2
    assert "exists and is a file, not a folder" in capsys.readouterr().err


# Every chapter of the book, whatever chapters exist.


def test_there_are_chapters():
    assert CHAPTERS, "book/ holds no notebooks"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_has_two_exercises_with_solutions(path):
    nb = nbformat.read(path, as_version=4)
    found = exercises(nb)
    assert len(found) >= 2, f"{path.name} has {len(found)} exercises; write at least 2"
    for ex in found:
        assert ex.label, f"{path.name}: an {{exercise}} has no :label:"
        assert ex.has_solution, (
            f"{path.name}: exercise {ex.label} has no ```{{solution-start}} "
            f"{ex.label}``` ... ```{{solution-end}}``` block"
        )
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    starts = len(re.findall(r"^(?:`{3,}|:{3,})\{solution-start\}", text, re.M))
    ends = len(re.findall(r"^(?:`{3,}|:{3,})\{solution-end\}", text, re.M))
    assert starts == ends, f"{path.name}: {starts} solution-start, {ends} solution-end"


def test_exercise_labels_are_unique_across_the_book():
    labels = [label for p in CHAPTERS for label in exercise_labels(nbformat.read(p, 4))]
    duplicates = sorted({x for x in labels if labels.count(x) > 1})
    assert not duplicates, f"exercise labels used twice: {duplicates}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_student_version_of_chapter_has_no_solution_code(path):
    nb = nbformat.read(path, as_version=4)

    def lines(cells):
        return {line.strip() for c in cells for line in c.source.splitlines()}

    solutions = [c for c in nb.cells if classroom.is_solution_cell(c)]
    others = [c for c in nb.cells if not classroom.is_solution_cell(c)]
    # Lines the chapter also has outside its solutions (`lc.set_seed(SEED)`, `)`)
    # may stay; every other solution line must go.
    solution_lines = lines(solutions) - lines(others) - {""}
    assert solutions, f"{path.name} has no code cell tagged {SOLUTION_TAG!r}"
    student = student_notebook(nb)
    assert not solution_lines & lines(student.cells)
    assert not any(classroom.is_solution_cell(c) for c in student.cells)
    assert len(exercise_labels(student)) == len(exercise_labels(nb))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_runs_without_its_solutions(path):
    problems = solution_names_used_later(nbformat.read(path, as_version=4))
    assert not problems, (
        f"{path.name}: these cells use names that only a solution cell defines, so "
        f"the student notebook would stop there: {problems}"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_student_copy_of_chapter_executes(path):
    chapter = nbformat.read(path, as_version=4)
    student = student_notebook(chapter)
    client = NotebookClient(
        student,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    # With the grader's token, so that the blank copy is also graded (below).
    nonce = secrets.token_hex(16)
    client.execute(env=grading_environment(nonce))
    outputs = [o for c in student.cells if c.cell_type == "code" for o in c.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    stderr = [o.text for o in outputs if o.get("name") == "stderr"]
    assert not errors, f"{path.name}: the student copy stops with {errors[0].ename}"
    assert not stderr, f"{path.name}: the student copy writes to stderr: {stderr[0]!r}"
    # Blank answers score zero on every coded exercise, and nothing looks forged.
    scores, problems = score_notebook(student, chapter, nonce=nonce)
    coded = [ex.label for ex in exercises(chapter) if ex.checks]
    assert [s.exercise for s in scores] == coded and coded
    assert not [s.exercise for s in scores if s.passed]
    assert problems == []
