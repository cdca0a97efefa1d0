"""Open every page of the built book in Chromium and check what a reader sees.

For each page in ``_toc.yml`` the test fails on: the page missing from the build,
raw TeX in the visible text (MathJax did not render it), a math element MathJax
left untouched, an image that did not load or has no alt text, a console error,
or any request to a host other than the local server (the book must work offline),
a code block that needs horizontal scrolling (its right-hand side is cut off in
a screenshot) and an output image shown narrower than the figure check of
``make test`` (``tests/figure_fonts.py``) assumes. It saves a full-page screenshot
of each page, every dropdown open, to ``_build/screenshots/``.

Run it with ``make browser-test`` after ``make book``.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import figure_fonts
import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# TeX that should have become an mjx-container, searched in text outside code.
RAW_TEX = [
    re.compile(pattern)
    for pattern in (
        r"\$\$",
        r"\\begin\{",
        r"\\end\{",
        r"\\frac",
        r"\\\(",
        r"\\\[",
        r"\$[^$\n]{0,200}?\\[A-Za-z]+[^$\n]{0,200}?\$",
    )
]

WAIT_FOR_MATHJAX = """
async () => {
  if (!document.querySelector('.math')) return 'no math on the page';
  for (let i = 0; i < 400; i++) {
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) break;
    await new Promise(r => setTimeout(r, 50));
  }
  if (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) {
    return 'MathJax did not load';
  }
  await MathJax.startup.promise;
  return 'typeset';
}
"""

UNRENDERED_MATH = """
() => [...document.querySelectorAll('.math')]
  .filter(e => !e.querySelector('mjx-container'))
  .map(e => e.textContent.slice(0, 80))
"""

VISIBLE_TEXT = """
() => {
  const root = document.querySelector('main') || document.body;
  const copy = root.cloneNode(true);
  copy.querySelectorAll(
    'pre, code, script, style, textarea, mjx-container, .highlight'
  ).forEach(e => e.remove());
  return copy.textContent;
}
"""

IMAGES = """
async () => {
  const images = [...document.images];
  images.forEach(img => { img.loading = 'eager'; });
  await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener('load', done);
    img.addEventListener('error', done);
    setTimeout(done, 15000);
  })));
  return images.map(img => ({
    src: img.getAttribute('src'),
    loaded: img.complete && img.naturalWidth > 0,
    alt: img.getAttribute('alt') || '',
    content: !!img.closest('main, article'),
    output: !!img.closest('.cell_output'),
  }));
}
"""


# Code blocks (cells, outputs, includes, docstring examples) wider than the page:
# the reader sees a scroll bar and a screenshot a cut-off line. Blocks inside a
# closed dropdown have no layout and are checked when open (the test opens all).
CLIPPED_CODE = """
() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  return [...document.querySelectorAll('div.highlight pre')]
    .filter(pre => pre.clientWidth > 0 && pre.scrollWidth > pre.clientWidth + 1)
    .map(pre => {
      const lines = pre.textContent.split('\\n');
      const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), '');
      return `${longest.length} columns: ${longest.trim().slice(0, 60)}`;
    });
}
"""

# Output images as shown: the figure check assumes the book shrinks an image
# only when it is wider than figure_fonts.COLUMN_PX.
SHOWN_IMAGES = """
() => [...document.querySelectorAll('.cell_output img')]
  .filter(img => img.clientWidth > 0)
  .map(img => ({src: img.getAttribute('src'), natural: img.naturalWidth,
                shown: img.clientWidth}))
"""


def toc_pages() -> list[str]:
    """Every document the table of contents names, in book order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            found.extend(node[k] for k in ("root", "file") if k in node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return list(dict.fromkeys(found))


PAGES = toc_pages()


def expected_figures(page: str) -> int:
    """Figures a chapter's code cells show: cells that call ``plt.show()`` or carry
    figure metadata. A figure missing from the page means the kernel drew off-screen
    (for example with ``MPLBACKEND=Agg`` set while the book was built)."""
    notebook = ROOT / f"{page}.ipynb"
    if not notebook.exists():
        return 0
    nb = nbformat.read(notebook, as_version=4)
    return sum(
        1
        for cell in nb.cells
        if cell.cell_type == "code"
        and (
            "plt.show()" in cell.source
            or {"figure", "image"} & set(cell.metadata.get("mystnb", {}))
        )
        and "solution" not in cell.metadata.get("tags", [])
    )


def _screenshot_path(page: str) -> Path:
    return SCREENSHOTS / f"{page.replace('/', '__')}.png"


def test_toc_lists_pages():
    assert len(PAGES) >= 2, "_toc.yml names fewer than two pages"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_offline(page, book_url, browser):
    built = HTML / f"{page}.html"
    assert built.exists(), f"{page} is in _toc.yml, but the build has no {built}"

    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, service_workers="block"
    )
    problems: list[str] = []
    outside: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if urlparse(url).hostname in LOCAL_HOSTS:
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on(
        "console",
        lambda msg: (
            problems.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error"
            else None
        ),
    )
    tab.on("pageerror", lambda exc: problems.append(f"JavaScript error: {exc}"))
    tab.on(
        "response",
        lambda r: (
            problems.append(f"HTTP {r.status} for {r.url}") if r.status >= 400 else None
        ),
    )
    try:
        response = tab.goto(f"{book_url}/{page}.html", wait_until="networkidle")
        assert response is not None and response.status == 200, f"{page}: no page"

        mathjax = tab.evaluate(WAIT_FOR_MATHJAX)
        assert mathjax != "MathJax did not load", f"{page}: MathJax did not load"
        unrendered = tab.evaluate(UNRENDERED_MATH)
        assert not unrendered, f"{page}: MathJax left these unrendered: {unrendered}"

        text = tab.evaluate(VISIBLE_TEXT)
        raw = [
            text[max(m.start() - 40, 0) : m.end() + 40].replace("\n", " ")
            for pattern in RAW_TEX
            for m in pattern.finditer(text)
        ]
        assert not raw, f"{page}: raw TeX in the page text: {raw[:5]}"

        images = tab.evaluate(IMAGES)
        broken = [img["src"] for img in images if not img["loaded"]]
        assert not broken, f"{page}: images that did not load: {broken}"
        outputs = [img for img in images if img["output"]]
        assert len(outputs) >= expected_figures(page), (
            f"{page}: {len(outputs)} figures on the page, but its notebook shows "
            f"{expected_figures(page)}: was the book built with MPLBACKEND set?"
        )
        no_alt = [
            img["src"]
            for img in images
            if img["content"]
            and (
                not img["alt"].strip()
                or re.search(r"\.(png|jpe?g|gif|svg|webp)$", img["alt"], re.I)
            )
        ]
        assert not no_alt, (
            f"{page}: images without alt text or caption: {no_alt}. For a figure "
            "drawn by a code cell, give the cell metadata, e.g. in jupytext "
            '`# %% mystnb={"image": {"alt": "what the figure shows"}}`; for a '
            "markdown image, write `![what it shows](path)`."
        )

        shown = tab.evaluate(SHOWN_IMAGES)
        shrunk = [
            f"{img['src']}: {img['natural']} px shown at {img['shown']} px"
            for img in shown
            if img["shown"] < min(img["natural"], figure_fonts.COLUMN_PX) - 1
        ]
        assert not shrunk, (
            f"{page}: output images shown narrower than the figure check "
            f"assumes ({figure_fonts.COLUMN_PX} px): {shrunk}"
        )
        clipped = tab.evaluate(CLIPPED_CODE)
        assert not clipped, (
            f"{page}: code blocks wider than the page (format notebooks with "
            f"book/ruff.toml, the package with lstm_course/ruff.toml): {clipped}"
        )

        tab.wait_for_timeout(200)  # let late console messages arrive
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=_screenshot_path(page), full_page=True)
    finally:
        context.close()

    assert not outside, f"{page}: requests to hosts other than the book: {outside}"
    assert not problems, f"{page}: {problems}"


# Tags that load a resource when a page opens, and the attribute naming it.
LOADING = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "link": "href",
}


class _ExternalLoads(HTMLParser):
    """Collect src/href attributes that load a resource from another host."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = LOADING.get(tag)
        if key is None:
            return
        if tag == "link" and not {
            "stylesheet",
            "icon",
            "preload",
            "modulepreload",
        } & set((attrs.get("rel") or "").split()):
            return
        value = attrs.get(key) or ""
        if re.match(r"^(https?:)?//", value):
            self.found.append(f"<{tag} {key}={value}>")


def test_no_built_page_loads_from_another_host():
    """Every HTML file of the build, including search and index pages."""
    pages = sorted(HTML.rglob("*.html"))
    assert pages, f"no HTML under {HTML}: build the book first with `make book`"
    offenders = {}
    for path in pages:
        parser = _ExternalLoads()
        parser.feed(path.read_text(errors="replace"))
        if parser.found:
            offenders[str(path.relative_to(HTML))] = parser.found
    assert not offenders, f"pages that load from the internet: {offenders}"
