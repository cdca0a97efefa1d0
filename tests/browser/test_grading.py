"""The book's chapters, with their solutions, score full marks with the grader.

``make book`` executes every chapter with the grader's token for the book
(``LSTM_COURSE_GRADING_NONCE=make-book``, set in the Makefile), so each check
the solutions call records its outcome in the executed notebook, which Jupyter
Book writes to ``_build/jupyter_execute/book/``. This test scores those
notebooks as ``python -m lstm_course.classroom grade`` scores a student's,
without executing anything again. (The grader's execution step is tested in
tests/test_grading.py; the blank student copies in tests/test_classroom.py.)

Run it with ``make browser-test`` after ``make book``.
"""

from pathlib import Path

import nbformat
import pytest

from lstm_course.classroom import (
    BOOK_BUILD_NONCE,
    chapter_notebooks,
    exercises,
    score_notebook,
)

ROOT = Path(__file__).resolve().parents[2]
EXECUTED = ROOT / "_build" / "jupyter_execute" / "book"
CHAPTERS = chapter_notebooks(ROOT / "book")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_with_its_solutions_scores_full_marks(path):
    executed = EXECUTED / path.name
    if not executed.exists():
        pytest.fail(f"{executed} is missing: build the book first with `make book`.")
    chapter = nbformat.read(path, as_version=4)
    scores, problems = score_notebook(
        nbformat.read(executed, as_version=4), chapter, nonce=BOOK_BUILD_NONCE
    )
    assert problems == [], f"{path.name}: {problems}"
    coded = [ex.label for ex in exercises(chapter) if ex.checks]
    assert [s.exercise for s in scores] == coded
    failed = {s.exercise: s.feedback for s in scores if not s.passed}
    assert not failed, f"{path.name}: not full marks: {failed}"
