"""Tests for grading: check records, the integrity scan, execution and the report.

Most tests build small notebooks (a two-exercise "chapter" in a temporary book
folder) and score them without a kernel; the ones that execute start a kernel
per notebook (a few seconds each, most of it importing TensorFlow): a class of
three students graded end to end, a notebook that loops forever, one that
raises, and the book's cheapest coded chapter with its solutions. The book's
other chapters are scored from the notebooks ``make book`` executed
(tests/browser/test_grading.py), and every chapter's blank student copy is
scored where tests/test_classroom.py already executes it.
"""

import csv
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import lstm_course.exercises as ex
from lstm_course import classroom
from lstm_course.classroom import (
    BOOK_BUILD_NONCE,
    BOOK_DIR,
    NOTEBOOK_ROW,
    OUTPUT_LIMIT,
    Grade,
    check_records,
    execute_submission,
    exercises,
    grade_class,
    grade_summaries,
    grading_environment,
    integrity_problems,
    score_notebook,
    student_notebook,
)
from lstm_course.exercises._core import NONCE_VARIABLE, RECORD_MIME

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = str(Path(classroom.__file__).resolve().parent)
SOL = {"tags": ["solution"]}

IMPORTS = "from lstm_course.exercises import check_answer, check_sigmoid"
GOOD_SIGMOID = (
    "import numpy as np\n\n\n"
    "def my_sigmoid(x):\n"
    "    e = np.exp(-np.abs(np.asarray(x, dtype=float)))\n"
    "    return np.where(np.asarray(x) >= 0, 1 / (1 + e), e / (1 + e))\n\n\n"
    "assert check_sigmoid(my_sigmoid)"
)
GOOD_COUNT = 'count = 3 * 4\nassert check_answer(count, 12, name="count")'


def _exercise(label, text):
    return f"```{{exercise}}\n:label: {label}\n\n{text}\n```\n"


def _start(label):
    return f"```{{solution-start}} {label}\n:class: dropdown\n```\n"


END = "```{solution-end}\n```\n"


def chapter(sigmoid=GOOD_SIGMOID, count=GOOD_COUNT):
    """A chapter laid out as the book's are: two coded exercises, one not."""
    return new_notebook(
        cells=[
            new_markdown_cell("# 90. Demo\n\nSome prose."),
            new_code_cell(IMPORTS),
            new_markdown_cell(
                "## Exercises\n\n"
                + _exercise(
                    "ex-90-sigmoid",
                    "Write a stable `my_sigmoid(x)` and check it with "
                    "`check_sigmoid(my_sigmoid)`.",
                )
                + _start("ex-90-sigmoid")
            ),
            new_code_cell(sigmoid, metadata=SOL),
            new_markdown_cell(
                END
                + _exercise("ex-90-count", "How many? Check with `check_answer`.")
                + _start("ex-90-count")
            ),
            new_code_cell(count, metadata=SOL),
            new_markdown_cell(
                END + _exercise("ex-90-explain", "Explain.") + _start("ex-90-explain")
            ),
            new_code_cell("print('a model answer')", metadata=SOL),
            new_markdown_cell(END),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )


def _answered(sigmoid, count, before_count=None):
    """A student's copy of the demo chapter with these answers typed in."""
    student = student_notebook(chapter())
    stubs = [
        c for c in student.cells if classroom.ANSWER_TAG in c.metadata.get("tags", [])
    ]
    stubs[0].source, stubs[1].source = sigmoid, count
    if before_count is not None:
        at = student.cells.index(stubs[1])
        student.cells.insert(at, new_code_cell(before_count))
    return student


def _record(check, passed=True, nonce="n0nce", package=PACKAGE, name=None):
    return new_output(
        "display_data",
        data={
            RECORD_MIME: {
                "check": check,
                "name": name or check,
                "passed": passed,
                "feedback": [f"{'✓' if passed else '✗'} {name or check}: said so."],
                "nonce": nonce,
                "package": package,
            }
        },
    )


def _executed(records_by_cell, nb=None):
    """The demo chapter as if executed, with these records in these cells."""
    nb = nb or chapter()
    for index, records in records_by_cell.items():
        nb.cells[index].outputs = records
    return nb


# ------------------------------------------------ scoring, without a kernel


def test_exercises_that_name_a_check_are_the_coded_ones():
    found = exercises(chapter())
    assert [(e.label, e.checks) for e in found] == [
        ("ex-90-sigmoid", ["check_sigmoid"]),
        ("ex-90-count", ["check_answer"]),
        ("ex-90-explain", []),
    ]


def test_every_record_passed_gives_full_marks():
    nb = _executed({3: [_record("check_sigmoid")], 5: [_record("check_answer")] * 2})
    scores, problems = score_notebook(nb, chapter(), nonce="n0nce", package=PACKAGE)
    assert [(s.exercise, s.passed) for s in scores] == [
        ("ex-90-sigmoid", True),
        ("ex-90-count", True),
    ]
    assert scores[1].feedback == "✓ check_answer: said so. | ✓ check_answer: said so."
    assert problems == []


@pytest.mark.parametrize(
    ("records", "sigmoid", "count", "reason"),
    [
        ({}, False, False, "check_sigmoid never ran under this exercise"),
        (
            {3: [_record("check_sigmoid", passed=False)], 5: [_record("check_answer")]},
            False,
            True,
            "✗ check_sigmoid: said so.",
        ),
        # One failed call of several fails the exercise.
        (
            {3: [_record("check_sigmoid")], 5: [_record("check_answer", False)]},
            True,
            False,
            "✗ check_answer: said so.",
        ),
        # A check's record counts only under the exercise that names the check.
        (
            {3: [_record("check_answer")], 5: [_record("check_sigmoid")]},
            False,
            False,
            "check_sigmoid never ran under this exercise",
        ),
        # Records above the first exercise belong to none.
        ({1: [_record("check_sigmoid")]}, False, False, "never ran"),
    ],
    ids=["nothing-ran", "sigmoid-failed", "one-call-failed", "wrong-place", "above"],
)
def test_an_exercise_passes_only_when_its_own_checks_pass(
    records, sigmoid, count, reason
):
    scores, _ = score_notebook(
        _executed(records), chapter(), nonce="n0nce", package=PACKAGE
    )
    assert [s.passed for s in scores] == [sigmoid, count]
    assert reason in " ".join(s.feedback for s in scores if not s.passed)


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        (_record("check_sigmoid", nonce="pasted"), "did not write"),
        (_record("check_sigmoid", package="/tmp/lstm_course"), "takes its place"),
    ],
    ids=["other-run", "other-package"],
)
def test_a_record_this_run_did_not_write_refuses_the_notebook(record, problem):
    nb = _executed({3: [record], 5: [_record("check_answer")]})
    scores, problems = score_notebook(nb, chapter(), nonce="n0nce", package=PACKAGE)
    assert not any(s.passed for s in scores)
    assert len(problems) == 1 and problem in problems[0]
    assert all(s.feedback.startswith("not counted: cell 4") for s in scores)


def test_a_redefined_check_refuses_only_the_exercises_that_name_it():
    nb = _executed({3: [_record("check_sigmoid")], 5: [_record("check_answer")]})
    nb.cells[5].source = "def check_answer(*args, **kwargs):\n    return True\n"
    scores, problems = score_notebook(nb, chapter(), nonce="n0nce", package=PACKAGE)
    assert [s.passed for s in scores] == [True, False]
    assert problems == [
        "cell 6 defines check_answer: the grader counts only the package's own check"
    ]
    assert scores[1].feedback == "not counted: " + problems[0]


def test_the_exercises_and_their_checks_come_from_the_book_not_the_submission():
    # A student who deletes the check's name from the exercise's text, or the
    # whole exercise, gains nothing.
    nb = _executed({5: [_record("check_answer")]})
    nb.cells[2].source = nb.cells[2].source.replace("check_sigmoid", "nothing")
    del nb.cells[4:6]
    scores, _ = score_notebook(nb, chapter(), nonce="n0nce", package=PACKAGE)
    assert [(s.exercise, s.passed, s.feedback) for s in scores] == [
        ("ex-90-sigmoid", False, "check_sigmoid never ran under this exercise: "
         "call it in your answer"),
        ("ex-90-count", False, "the exercise is missing from this notebook"),
    ]  # fmt: skip


def test_an_error_in_a_cell_is_reported_for_the_notebook_and_its_exercise():
    nb = _executed({})
    nb.cells[5].outputs = [
        new_output("error", ename="NameError", evalue="name 'x' is not defined")
    ]
    scores, problems = score_notebook(nb, chapter(), nonce="n0nce", package=PACKAGE)
    assert problems == ["cell 6 raised NameError: name 'x' is not defined"]
    assert scores[1].feedback.endswith(
        "cell 6 raised NameError: name 'x' is not defined"
    )


def test_malformed_records_never_count():
    nb = _executed({3: [new_output("display_data", data={RECORD_MIME: {"x": 1}})]})
    (record,) = check_records(nb)
    assert (record.check, record.passed, record.nonce) == ("", False, "")


@pytest.mark.parametrize(
    ("bad", "error", "match"),
    [
        ({"nb": "x"}, TypeError, "nb must be a notebook"),
        ({"chapter": None}, TypeError, "chapter must be a notebook"),
        ({"nonce": ""}, ValueError, "nonce must be the token"),
    ],
)
def test_score_notebook_validates_its_arguments(bad, error, match):
    kwargs = {"nb": chapter(), "chapter": chapter(), "nonce": "n0nce", **bad}
    with pytest.raises(error, match=match):
        score_notebook(kwargs.pop("nb"), kwargs.pop("chapter"), **kwargs)


# ------------------------------------------------------- the integrity scan

CHEATS = [
    ("def check_sigmoid(fn):\n    return True", "check_sigmoid", "defines"),
    ("check_answer = lambda *a, **k: True", "check_answer", "assigns to"),
    ("class check_mase:\n    pass", "check_mase", "defines"),
    ("for check_sigmoid in [print]:\n    pass", "check_sigmoid", "assigns to"),
    ("(check_answer := print)", "check_answer", "assigns to"),
    ("del check_answer", "check_answer", "deletes"),
    ("from mycheats import check_answer", "check_answer", "check_answer from mycheats"),
    ("from .mycheats import check_answer", "check_answer", "from .mycheats"),
    (
        "from lstm_course.exercises import check_mase as check_sigmoid",
        "check_sigmoid",
        "imports check_mase",
    ),
    ("import builtins as check_answer", "check_answer", "imports builtins as"),
    ("try:\n    pass\nexcept Exception as check_answer:\n    pass", "check_answer", ""),
    ("import lstm_course as lc\nlc.sigmoid = abs", None, "changes the package"),
    ("from lstm_course import cell\ncell.sigmoid = abs", None, "changes the package"),
    ("import lstm_course.exercises\nlstm_course.exercises.x = 1", None, "package"),
    ("setattr(object, 'x', 1)", None, "setattr"),
    ("exec('x = 1')", None, "exec"),
    ("from mycheats import *", None, "imports * from mycheats"),
    ("import sys\nsys.modules['m'] = None", None, "sys.modules"),
    ("f = ex._emit", None, "_emit"),
    (f"display({{'{RECORD_MIME}': {{}}}}, raw=True)", None, "only checks use"),
    (f"import os\nos.environ['{NONCE_VARIABLE}']", None, "only checks use"),
    ("%%writefile helper.py\ndef check_answer(*a):\n    pass", None, "%%writefile"),
    ("%run helper.py", None, "%run"),
    ("%%time\ncheck_answer = print", "check_answer", "assigns to"),
]


@pytest.mark.parametrize(("source", "check", "words"), CHEATS)
def test_integrity_scan_catches_a_cheat(source, check, words):
    nb = new_notebook(cells=[new_markdown_cell("# x"), new_code_cell(source)])
    problems = integrity_problems(nb)
    assert problems, source
    assert {p.cell for p in problems} == {1}
    assert check in {p.check for p in problems}
    assert any(words in p.message for p in problems), [p.message for p in problems]


@pytest.mark.parametrize(
    "source",
    [
        "from lstm_course.exercises import check_sigmoid, check_answer",
        "from lstm_course.exercises import *",
        "import lstm_course as lc\nlc.exercises.check_sigmoid(abs)",
        "result = check_answer(3, 3)\nprint(result.passed)",
        "%pip install lstm-course\nx = 1",
        "!ls\ncheck_list = [1, 2]",  # not one of the package's checks
        "def check_mine(fn):\n    return fn",
        "def my_check_answer(x):\n    return x",
        "print('check_answer = 3')",
        "def broken(:",  # a syntax error runs nothing
        "%%time\nx = check_answer(1, 1)",
    ],
)
def test_integrity_scan_leaves_honest_code_alone(source):
    nb = new_notebook(cells=[new_code_cell(source)])
    assert integrity_problems(nb) == []


@pytest.mark.parametrize("path", classroom.chapter_notebooks(), ids=lambda p: p.name)
def test_no_chapter_of_the_book_trips_the_integrity_scan(path):
    assert integrity_problems(nbformat.read(path, as_version=4)) == []


def test_every_check_a_coded_exercise_names_exists():
    public = {name for name in ex.__all__ if name.startswith("check_")}
    for path in classroom.chapter_notebooks():
        for found in exercises(nbformat.read(path, as_version=4)):
            assert set(found.checks) <= public, (path.name, found.label, found.checks)


def test_every_chapter_has_a_coded_exercise_to_grade():
    for path in classroom.chapter_notebooks():
        found = exercises(nbformat.read(path, as_version=4))
        assert any(e.checks for e in found), f"{path.name} has no coded exercise"


def test_make_book_gives_the_kernels_the_book_token():
    """tests/browser/test_grading.py scores the notebooks make book executed."""
    makefile = (ROOT / "Makefile").read_text()
    assert f"{NONCE_VARIABLE}={BOOK_BUILD_NONCE}" in makefile


def test_grading_environment_puts_this_package_first():
    env = grading_environment("t0ken")
    assert env[NONCE_VARIABLE] == "t0ken"
    assert env["PYTHONPATH"].split(":")[0] == str(Path(PACKAGE).parent)
    assert "MPLBACKEND" not in env
    with pytest.raises(ValueError, match="nonce must be a non-empty string"):
        grading_environment("")


# ------------------------------------------------------------- with a kernel


def _outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def test_checks_record_only_while_grading_and_print_the_same(tmp_path):
    """One notebook, run as a learner runs it and as the grader does."""
    nb = _answered(GOOD_SIGMOID, "count = 3\nassert not check_answer(count, 12)")
    nb.cells[1].source += (
        "\nimport os\nprint(sorted(os.listdir()))\n"
        "from lstm_course.exercises import run_cases\n"
        "CASES = [('one', (1,), {})]\n"
        "run_cases('check_sigmoid', abs, abs, CASES)\n"
        "def check_mine():\n    return run_cases('mine', abs, abs, CASES)\n"
        "check_mine()"
    )
    path = tmp_path / "demo.ipynb"
    nbformat.write(nb, path)
    plain = nbformat.read(path, as_version=4)
    learner = grading_environment("unused")
    del learner[NONCE_VARIABLE]
    NotebookClient(
        plain,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute(env=learner)
    graded = execute_submission(path, timeout=120)
    assert graded.problems == []
    records = check_records(graded.notebook)
    # run_cases called directly, and a learner's own check_mine, record nothing:
    # a record names the package's check found on the call stack.
    assert [(r.cell, r.check, r.passed, r.nonce, r.package) for r in records] == [
        (3, "check_sigmoid", True, graded.nonce, PACKAGE),
        (5, "check_answer", False, graded.nonce, PACKAGE),
    ]
    assert records[1].feedback == [
        "✗ answer: values differ from the reference: returned 3, expected 12 "
        "(whole numbers must match exactly)"
    ]
    assert check_records(plain) == []

    def text(nb):
        return [o.get("text") for o in _outputs(nb) if o.output_type == "stream"]

    # What the learner reads is the same; the records are extra outputs that no
    # front end shows.
    assert text(plain) == text(graded.notebook)
    assert len(_outputs(graded.notebook)) == len(_outputs(plain)) + 2
    # The grader's kernel ran in a folder holding only the notebook.
    assert text(graded.notebook)[0].startswith("['demo.ipynb']\n")


def test_a_notebook_that_loops_forever_is_stopped_and_reported(tmp_path):
    nb = new_notebook(
        cells=[
            new_code_cell("x = 1"),
            new_code_cell("while True:\n    print('x' * 10_000)"),
            new_code_cell("print('after the loop')"),
        ]
    )
    path = tmp_path / "loop.ipynb"
    nbformat.write(nb, path)
    run = execute_submission(path, timeout=3)
    assert run.problems == [
        "ran past its time limit of 3 s in cell 2 (a loop that never ends?); the "
        "cells after it did not run"
    ]
    assert run.notebook.cells[2].outputs == []
    assert 3 <= run.seconds < 60
    # What the loop printed is cut at OUTPUT_LIMIT characters, with a note.
    outputs = run.notebook.cells[1].outputs
    assert [o.output_type for o in outputs] == ["stream"] * len(outputs)
    text = "".join(o.text for o in outputs)
    note = (
        f"\n[the grader kept the first {OUTPUT_LIMIT:,} characters this cell printed]\n"
    )
    assert text.endswith(note)
    printed = ("x" * 10_000 + "\n") * (OUTPUT_LIMIT // 10_000 + 1)
    assert text[: -len(note)] == printed[:OUTPUT_LIMIT]


def test_files_that_are_not_notebooks_are_reported(tmp_path):
    (tmp_path / "notes.txt").write_text("my answers")
    (tmp_path / "broken.ipynb").write_text("{not json")
    (tmp_path / "empty.ipynb").write_text(json.dumps({"cells": "?"}))
    found = {
        name: execute_submission(tmp_path / name).problems
        for name in ("notes.txt", "broken.ipynb", "empty.ipynb")
    }
    assert found["notes.txt"] == [
        "notes.txt is not a notebook (a .txt file): hand in the .ipynb file"
    ]
    for name in ("broken.ipynb", "empty.ipynb"):
        assert found[name][0].startswith(f"{name} is not a notebook that Jupyter ")
    assert all(execute_submission(tmp_path / n).notebook is None for n in found)


@pytest.mark.parametrize(
    ("timeout", "error", "match"),
    [(0, ValueError, "must be a positive number"), ("5", TypeError, "got str")],
)
def test_execute_submission_refuses_a_bad_timeout(tmp_path, timeout, error, match):
    with pytest.raises(error, match=match):
        execute_submission(tmp_path / "x.ipynb", timeout=timeout)


def _book(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    nbformat.write(chapter(), book / "90_demo.ipynb")
    return book


def _class(tmp_path):
    """Three students: all right; one wrong and one cheat; broken files."""
    subs = tmp_path / "submissions"
    for name in ("ada", "bo", "cy"):
        (subs / name).mkdir(parents=True)
    nbformat.write(_answered(GOOD_SIGMOID, GOOD_COUNT), subs / "ada" / "90_demo.ipynb")
    bo = _answered(
        "def my_sigmoid(x):\n    return x\n\n\ncheck_sigmoid(my_sigmoid)",
        "count = 12\ncheck_answer(count, 12)",
        before_count="def check_answer(got, expected, **kw):\n    return True",
    )
    # A renamed copy is still recognised by its exercises; a cell that raises
    # does not stop the next ones.
    bo.cells.insert(2, new_code_cell("raise ValueError('oops')"))
    nbformat.write(bo, subs / "bo" / "Copy of demo.ipynb")
    (subs / "cy" / "homework.pdf").write_bytes(b"%PDF-1.4")
    (subs / "cy" / "90_demo.ipynb").write_text("{not json")
    (subs / "cy" / ".ipynb_checkpoints").mkdir()
    (subs / "cy" / ".ipynb_checkpoints" / "x.ipynb").write_text("{}")
    return subs


def test_grade_class_end_to_end(tmp_path, capsys):
    subs, out = _class(tmp_path), tmp_path / "grades"
    assert (
        classroom.main(
            ["grade", str(subs), "--out", str(out), "--book", str(_book(tmp_path))]
        )
        == 0
    )
    printed = capsys.readouterr().out
    with open(out / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    table = [(r["student"], r["chapter"], r["exercise"], r["passed"]) for r in rows]
    assert table == [
        ("ada", "90_demo", "ex-90-sigmoid", "True"),
        ("ada", "90_demo", "ex-90-count", "True"),
        ("bo", "90_demo", NOTEBOOK_ROW, "False"),  # the redefined check
        ("bo", "90_demo", NOTEBOOK_ROW, "False"),  # the cell that raised
        ("bo", "90_demo", "ex-90-sigmoid", "False"),
        ("bo", "90_demo", "ex-90-count", "False"),
        ("cy", "90_demo.ipynb", NOTEBOOK_ROW, "False"),
        ("cy", "homework.pdf", NOTEBOOK_ROW, "False"),
    ]
    feedback = [r["feedback"] for r in rows]
    assert feedback[2] == (
        "Copy of demo.ipynb: cell 7 defines check_answer: the grader counts only "
        "the package's own check"
    )
    assert feedback[3] == "Copy of demo.ipynb: cell 3 raised ValueError: oops"
    assert feedback[4].startswith("✗ check_sigmoid: values differ from the reference")
    assert feedback[5].startswith("not counted: cell 7 defines check_answer")
    assert feedback[6].startswith("90_demo.ipynb is not a notebook that Jupyter")
    assert feedback[7] == (
        "homework.pdf is not a notebook (a .pdf file): hand in the .ipynb file"
    )
    # The summaries agree with the rows, counted here independently.
    with open(out / "students.csv", newline="", encoding="utf-8") as handle:
        students = list(csv.reader(handle))
    assert students == [
        ["student", "files", "exercises", "passed", "problems"],
        ["ada", "1", "2", "2", "0"],
        ["bo", "1", "2", "0", "2"],
        ["cy", "2", "0", "0", "2"],
    ]
    with open(out / "exercises.csv", newline="", encoding="utf-8") as handle:
        per_exercise = list(csv.reader(handle))
    for _, label, _, handed, passed in per_exercise[1:]:
        mine = [r for r in rows if r["exercise"] == label]
        assert int(handed) == len({r["student"] for r in mine})
        assert int(passed) == len({r["student"] for r in mine if r["passed"] == "True"})
    assert per_exercise == [
        ["chapter", "exercise", "checks", "handed_in", "passed"],
        ["90_demo", "ex-90-sigmoid", "check_sigmoid", "2", "1"],
        ["90_demo", "ex-90-count", "check_answer", "2", "1"],
    ]
    ada = (out / "feedback" / "ada.md").read_text(encoding="utf-8")
    assert "- ✓ ex-90-count: ✓ count: correct." in ada
    assert "2 of 2 coded exercises passed." in ada
    assert sorted(p.name for p in (out / "feedback").iterdir()) == [
        "ada.md",
        "bo.md",
        "cy.md",
    ]
    assert (out / "executed" / "bo" / "Copy of demo.ipynb").exists()
    assert "graded 3 students in" in printed
    assert re.search(r"ex-90-sigmoid\s+check_sigmoid\s+2\s+1", printed)


def test_a_looping_student_is_reported_and_grading_goes_on(tmp_path):
    subs = tmp_path / "submissions"
    for name in ("ada", "bo"):
        (subs / name).mkdir(parents=True)
    loop = new_notebook(cells=[new_code_cell("while True:\n    pass")])
    nbformat.write(loop, subs / "ada" / "90_demo.ipynb")
    (subs / "bo" / "answers.docx").write_bytes(b"PK")
    rows = grade_class(
        subs, tmp_path / "out", timeout=2, book_dir=_book(tmp_path), progress=None
    )
    # The notebook is named as a chapter, so that chapter's exercises are graded.
    assert [(r.student, r.chapter, r.exercise, r.passed) for r in rows] == [
        ("ada", "90_demo", NOTEBOOK_ROW, False),
        ("ada", "90_demo", "ex-90-sigmoid", False),
        ("ada", "90_demo", "ex-90-count", False),
        ("bo", "answers.docx", NOTEBOOK_ROW, False),
    ]
    assert rows[0].feedback.startswith(
        "90_demo.ipynb ran past its time limit of 2 s in cell 1"
    )


@pytest.mark.parametrize(
    ("setup", "argv", "match"),
    [
        (None, ["grade", "{d}/nowhere", "--out", "{d}/out"], "is not a folder"),
        ("empty", ["grade", "{d}/subs", "--out", "{d}/out"], "holds no student"),
        ("class", ["grade", "{d}/subs", "--out", "{d}/subs/out"], "inside the"),
        ("class", ["grade", "{d}/subs", "--out", "{d}/f"], "is a file"),
        ("class", ["grade", "{d}/subs", "--out", "{d}/o", "--timeout", "-1"], "pos"),
        ("class", ["grade", "{d}/subs"], "--out"),
    ],
    ids=["missing", "no-students", "out-inside", "out-file", "timeout", "no-out"],
)
def test_grade_command_prints_one_error_line_and_exits_2(
    setup, argv, match, tmp_path, capsys
):
    if setup:
        (tmp_path / "subs").mkdir()
    if setup == "class":
        (tmp_path / "subs" / "ada").mkdir()
        (tmp_path / "f").write_text("")
    argv = [a.format(d=tmp_path) for a in argv] + ["--book", str(_book(tmp_path))]
    with pytest.raises(SystemExit) as stop:
        classroom.main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert [line for line in err if "error:" in line] == [err[-1]]
    assert "Traceback" not in "\n".join(err)
    assert re.search(match, err[-1]), err[-1]


def test_summaries_count_each_student_once_per_exercise():
    rows = [
        Grade("ada", "03_forget_gate", "ex-03-sigmoid", False, "✗ first copy"),
        Grade("ada", "03_forget_gate", "ex-03-sigmoid", True, "✓ second copy"),
    ]
    students, per_exercise = grade_summaries(rows)
    assert students == [["ada", 1, 1, 1, 0]]
    assert ["03_forget_gate", "ex-03-sigmoid", "check_sigmoid", 1, 1] in per_exercise
    assert [r[1] for r in per_exercise] == [
        e.label
        for e in exercises(nbformat.read(BOOK_DIR / "03_forget_gate.ipynb", 4))
        if e.checks
    ]


def test_a_chapter_of_the_book_with_its_solutions_scores_full_marks(tmp_path):
    """The cheapest coded chapter, executed as the grader executes a submission
    (the others: tests/browser/test_grading.py, from make book's notebooks)."""
    path = BOOK_DIR / "03_forget_gate.ipynb"
    run = execute_submission(path, timeout=300)
    scores, problems = score_notebook(
        run.notebook, nbformat.read(path, as_version=4), nonce=run.nonce
    )
    assert run.problems == [] and problems == []
    assert [s.exercise for s in scores] == [
        "ex-03-implement",
        "ex-03-sigmoid",
        "ex-03-bias",
    ]
    assert all(s.passed for s in scores), scores
