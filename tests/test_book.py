"""Checks on the book's sources that need no build: the API reference covers the
package, every figure has alt text or a caption, and the configuration keeps the
rendered book offline. (tests/browser/ checks the built pages in Chromium.)"""

import pkgutil
import re
from pathlib import Path

import nbformat
import pytest
import yaml

import lstm_course
from lstm_course.classroom import chapter_notebooks

ROOT = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
CHAPTERS = chapter_notebooks(ROOT / "book")
PAGES = sorted((ROOT / "book").glob("*.md"))

# A code cell that draws: the figure it shows needs alt text or a caption.
DRAWS = re.compile(
    r"plt\.show\(|\.savefig\(|plt\.subplots?\(|plt\.figure\(|\bplot_\w+\("
)
# Markdown images: ![alt](src) and <img ...>.
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)]*)\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)


API_PAGES = {
    path.stem: path.read_text() for path in sorted((ROOT / "book" / "api").glob("*.md"))
}
API_PAGE = "\n".join(API_PAGES.values())


def _imports_members(module: str) -> bool:
    """Whether the API page documents ``module`` with ``:imported-members:``."""
    block = re.search(
        rf"^\.\. automodule:: {re.escape(module)}\s*\n((?:[ \t]+:.*\n)*)",
        API_PAGE,
        re.M,
    )
    return bool(block) and ":imported-members:" in block[1]


def public_modules() -> list[str]:
    """Every public module of the package, subpackages' modules included, except
    those of a subpackage documented through its imported members (exercises)."""
    found = []
    for info in pkgutil.walk_packages(lstm_course.__path__, "lstm_course."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts[1:]):
            continue
        parent = ".".join(parts[:-1])
        if parent != "lstm_course" and _imports_members(parent):
            continue
        found.append(info.name)
    return sorted(found)


@pytest.mark.parametrize("module", public_modules())
def test_api_reference_documents_module(module):
    """Each module of the package has its own page, book/api/NAME.md, where NAME
    is the module's first part after ``lstm_course.`` (subpackages keep their
    modules on the subpackage's page), and the page is in the table of contents."""
    name = module.split(".")[1]
    page = API_PAGES.get(name, "")
    assert re.search(rf"^\.\. automodule:: {re.escape(module)}\s*$", page, re.M), (
        f"book/api/{name}.md has no block for {module}; add:\n\n"
        f"```{{eval-rst}}\n.. automodule:: {module}\n   :members:\n```"
    )
    assert f"- file: book/api/{name}\n" in (ROOT / "_toc.yml").read_text(), (
        f"book/api/{name}.md is not in _toc.yml: list it under book/api_reference"
    )


def test_api_pages_document_one_module_each():
    """No page documents another module's members (the reference was once a
    single 60,000-pixel page)."""
    for name, page in API_PAGES.items():
        documented = re.findall(r"^\.\. automodule:: (\S+)", page, re.M)
        assert documented, f"book/api/{name}.md documents no module"
        foreign = [m for m in documented if m.split(".")[:2] != ["lstm_course", name]]
        assert not foreign, f"book/api/{name}.md documents {foreign}"


def _figure_cells(nb):
    return [
        (i, cell)
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and DRAWS.search(cell.source)
    ]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_figure_cell_has_alt_text_or_caption(path):
    nb = nbformat.read(path, as_version=4)
    missing = []
    for index, cell in _figure_cells(nb):
        meta = cell.metadata.get("mystnb", {})
        alt = meta.get("image", {}).get("alt", "").strip()
        caption = meta.get("figure", {}).get("caption", "").strip()
        if not (alt or caption):
            missing.append(f"cell {index}: {cell.source.splitlines()[0][:50]!r}")
    assert not missing, (
        f"{path.name}: cells that draw a figure without alt text or a caption: "
        f"{missing}. In the jupytext source, start the cell with\n"
        '# %% mystnb={"figure": {"caption": "What it shows.", "name": "fig-NN-x"}, '
        '"image": {"alt": "Describe the figure for a reader who cannot see it."}}'
    )


def _markdown_sources():
    for page in PAGES:
        yield page.name, page.read_text()
    for path in CHAPTERS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                yield path.name, cell.source


def test_markdown_images_have_alt_text():
    missing = []
    for name, text in _markdown_sources():
        missing += [
            f"{name}: {m['src']}"
            for m in MD_IMAGE.finditer(text)
            if not m["alt"].strip()
        ]
        missing += [
            f"{name}: {tag[:60]}"
            for tag in HTML_IMAGE.findall(text)
            if not re.search(r'\balt\s*=\s*"[^"]+"', tag)
        ]
    assert not missing, f"images without alt text: {missing}"


def test_math_is_served_from_the_build():
    sphinx = CONFIG["sphinx"]
    assert "sphinx-mathjax-offline" in sphinx["extra_extensions"]
    path = sphinx["config"]["mathjax_path"]
    assert not re.match(r"^(https?:)?//", path), f"mathjax_path {path} is remote"
    # sphinx-mathjax-offline copies MathJax into _static/mathjax/.
    assert path.startswith("mathjax/")


def test_launch_repository_and_download_buttons():
    assert CONFIG["repository"]["url"].startswith("https://github.com/")
    assert CONFIG["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert CONFIG["launch_buttons"]["colab_url"] == "https://colab.research.google.com"
    assert CONFIG["launch_buttons"]["thebe"] is False  # thebe loads from a CDN
    html = CONFIG["html"]
    assert html["use_repository_button"] is True
    assert html["use_download_button"] is True


def test_instructor_pages_are_in_the_toc():
    toc = (ROOT / "_toc.yml").read_text()
    for page in ("instructor_guide", "pitfalls", "api_reference"):
        assert f"file: book/{page}" in toc


def _course_sphinx():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "course_sphinx", ROOT / "_ext" / "course_sphinx.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("docstring", "expected"),
    [
        ("Error $\\frac{1}{n}$ here.", "Error :math:`\\frac{1}{n}` here."),
        ("Costs $5 and $6 a day.", "Costs $5 and $6 a day."),
        (
            "    $$q = \\sum_t y_t,$$",
            "\n    .. math::\n\n       q = \\sum_t y_t,\n",
        ),
        (
            "  $$4 \\big(u +\n  v\\big).$$\nNext.",
            "\n  .. math::\n\n     4 \\big(u + v\\big).\n\nNext.",
        ),
        ("Inline $$a + b$$ in a sentence.", "Inline :math:`a + b` in a sentence."),
    ],
)
def test_docstring_dollar_math_becomes_rst_math(docstring, expected):
    lines = docstring.split("\n")
    _course_sphinx().dollar_math(None, "function", "f", None, {}, lines)
    assert "\n".join(lines) == expected


# Columns a code block of the rendered book shows without cutting off the line
# (book/ruff.toml formats the notebooks to this width).
CODE_WIDTH = 79


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_code_cells_fit_the_page(path):
    nb = nbformat.read(path, as_version=4)
    too_long = [
        f"cell {i}: {line!r} ({len(line)} columns)"
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        and "remove-cell" not in cell.metadata.get("tags", [])  # never shown
        for line in cell.source.splitlines()
        if len(line) > CODE_WIDTH
    ]
    assert not too_long, "\n".join(too_long)


def test_the_line_length_test_sees_a_long_line(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x = " + "1" * CODE_WIDTH)]
    )
    path = tmp_path / "long.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(AssertionError, match="columns"):
        test_code_cells_fit_the_page(path)


def test_bibliography_labels_read_as_the_text_cites():
    from pybtex.database import parse_file

    labels_style = _course_sphinx().AuthorYearLabels()
    entries = parse_file(ROOT / "references.bib").entries
    labels = dict(
        zip(entries, labels_style.format_labels(entries.values()), strict=True)
    )
    assert labels["greff2017odyssey"] == "Greff et al. 2017"  # Koutn{\'\i}k
    assert labels["hochreiter1997lstm"] == "Hochreiter and Schmidhuber 1997"
    assert labels["olah2015understanding"] == "Olah 2015"
    assert CONFIG["sphinx"]["config"]["bibtex_default_style"] == "course"
    for key, label in labels.items():
        assert re.fullmatch(r"[^\W\d][\w .'-]* (19|20)\d\d", label), (key, label)
    assert len(set(labels.values())) == len(labels), "two entries share a label"


def test_every_work_cited_is_in_the_bibliography():
    from pybtex.database import parse_file

    keys = set(parse_file(ROOT / "references.bib").entries)
    sources = [p.read_text() for p in PAGES] + [
        cell.source
        for path in CHAPTERS
        for cell in nbformat.read(path, as_version=4).cells
        if cell.cell_type == "markdown"
    ]
    cited = {
        key.strip()
        for text in sources
        for keys_text in re.findall(r"(?<!`)\{cite(?::\w+)?\}`([^`]+)`", text)
        for key in keys_text.split(",")
    }
    assert cited, "no chapter cites anything"
    assert cited <= keys, f"cited but not in references.bib: {cited - keys}"
