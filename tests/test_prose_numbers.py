"""Every measured number in a chapter's prose comes from the notebook.

A number the notebook computes must reach the text through myst-nb's ``glue``
(``{glue:text}`name:.2f```), so that the prose changes when the result does. This
test reads the markdown of every chapter, leaves out what is not prose (code,
math, roles such as ``{glue:text}`` and ``{cite}``, link targets, directive
options), and flags every number that looks measured: a decimal (``0.78``), a
percentage (``13.9%``), a ratio (``6x``) or a count of seconds, minutes or
epochs (``83 s``). Such a number passes only if it is

- glued (it is then inside a role, and never seen here);
- a setting: a literal in the chapter's own code (``0.7`` makes "70%" a setting,
  and so does ``0.3`` for "the other 30%");
- listed in ``NOT_MEASURED`` below with the reason it is not a measurement (a
  property of a function, a section number, an example of a scale).
"""

import io
import re
import tokenize
from pathlib import Path

import nbformat
import pytest

from lstm_course.classroom import chapter_notebooks

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = chapter_notebooks(ROOT / "book")

# chapter -> {number as written: why it is not measured}
NOT_MEASURED = {
    "03_forget_gate": {"0.73": "sigmoid(1), the gate of Keras' forget bias of 1"},
    "04_input_gate": {"0.25": "the largest slope of the sigmoid, at 0"},
    "10_predictions": {"5.8": "a section number of FPP3"},
    "12b_worth_it": {
        "5.10": "a section number of FPP3",
        "0.2": "an example of how to read a skill score",
    },
    "12c_uncertainty": {"5.5": "a section number of FPP3"},
    "12d_your_own_series": {"15%": "the Forecaster's default split fractions"},
    "13_tuning": {
        "0.1": "the search space's dropout values (lstm_course.tuning)",
        "0.2": "the search space's dropout values (lstm_course.tuning)",
        "0.3": "the search space's dropout values (lstm_course.tuning)",
    },
    "14_multiple_features": {"0.1": "an example of how to read a skill score"},
}

FENCE = re.compile(r"^(`{3,}|~{3,})(.*?)\n(.*?)^\1[ \t]*$", re.S | re.M)
# Directives whose body is code, not prose.
CODE_DIRECTIVES = ("{literalinclude}", "{code-block}", "{code-cell}", "{math}")
MEASURED = re.compile(
    r"(?<![\w.,$])(?P<number>\d+(?:\.\d+)?)"
    r"(?P<unit>%|×|x\b| s\b| seconds\b| minutes?\b| epochs?\b)"
    r"|(?<![\w.,$])(?P<decimal>\d+\.\d+)(?![\w.])"
)


def prose(markdown: str) -> str:
    """The prose of a markdown cell: no code, math, roles or directive options."""

    def keep_prose(fence: re.Match) -> str:
        info = fence[2].strip()
        if not info.startswith("{") or info.startswith(CODE_DIRECTIVES):
            return " "  # a code block, or a directive that shows code
        lines = fence[3].splitlines()
        return "\n".join(line for line in lines if not line.startswith(":"))

    text = FENCE.sub(keep_prose, markdown)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$]+\$", " ", text)
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", " ", text)  # roles: glue, cite, ref
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


def code_literals(nb) -> set[float]:
    """Every number written in the notebook's code cells."""
    values = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        python = "\n".join(
            line
            for line in cell.source.splitlines()
            if not line.lstrip().startswith(("%", "!"))  # IPython magics
        )
        try:
            for token in tokenize.generate_tokens(io.StringIO(python).readline):
                if token.type == tokenize.NUMBER:
                    try:
                        values.add(float(token.string.replace("_", "")))
                    except ValueError:  # 1j
                        pass
        except (tokenize.TokenError, SyntaxError):
            pass
    return values


def unglued_numbers(nb, allowed: dict[str, str]) -> list[str]:
    settings = code_literals(nb)
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        text = prose(cell.source)
        for match in MEASURED.finditer(text):
            written = match["number"] or match["decimal"]
            value = float(written)
            percent = match["unit"] == "%"
            is_setting = value in settings or (
                percent
                and any(
                    abs(v - value / 100) < 1e-12 or abs(1 - v - value / 100) < 1e-12
                    for v in settings
                )
            )
            if is_setting or match[0] in allowed or written in allowed:
                continue
            context = text[max(0, match.start() - 50) : match.end() + 20]
            found.append(f"cell {i}: {match[0]!r} in ...{' '.join(context.split())}...")
    return found


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_measured_numbers_in_prose_are_glued(path):
    nb = nbformat.read(path, as_version=4)
    found = unglued_numbers(nb, NOT_MEASURED.get(path.stem, {}))
    assert not found, (
        "numbers in the prose that the notebook should glue (myst_nb.glue and "
        "{glue:text}), or list in NOT_MEASURED with a reason:\n" + "\n".join(found)
    )


def test_the_allowances_are_still_needed():
    for stem, allowed in NOT_MEASURED.items():
        nb = nbformat.read(ROOT / "book" / f"{stem}.ipynb", as_version=4)
        flagged = "\n".join(unglued_numbers(nb, {}))
        for written in allowed:
            assert repr(written) in flagged or f"'{written}" in flagged, (
                f"{stem}: {written!r} is no longer in the prose; drop it from "
                "NOT_MEASURED"
            )


def _notebook(markdown: str, code: str = "x = 1"):
    return nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(code),
            nbformat.v4.new_markdown_cell(markdown),
        ]
    )


@pytest.mark.parametrize(
    "markdown",
    [
        "The forecast is off by 0.78 °C.",
        "It improves by 13.9% on the test part.",
        "The error is about 6x larger.",
        "Tuning takes 83 s on a laptop.",
        "Training stopped after 4 epochs.",
        "```{exercise}\n:label: ex-1\nExplain why 0.02 °C is noise.\n```",
    ],
)
def test_a_measured_number_is_caught(markdown):
    assert unglued_numbers(_notebook(markdown), {})


@pytest.mark.parametrize(
    "markdown, code",
    [
        ("The forecast is off by {glue:text}`mae:.2f` °C.", "x = 1"),
        ("The oldest 70% trains.", "split(train=0.7)"),
        ("The newest 30% is held out.", "split(train=0.7)"),
        ("A rate of 0.001 is Adam's default.", "lr = 0.001"),
        ("With $\\sigma = 0.5$ and `alpha=0.05`.", "x = 1"),
        ("See [the docs](https://x.org/v1.2/page.html).", "x = 1"),
        ("```python\ny = 0.25 * x\n```", "x = 1"),
        ("Half of the 48 half-hours, version 3 of the data.", "x = 1"),
    ],
)
def test_glued_numbers_settings_and_non_prose_pass(markdown, code):
    assert unglued_numbers(_notebook(markdown, code), {}) == []
