"""Sphinx extension for the course book: a clean console, short API links, and
readable bibliography labels.

Three small fixes, each a handler on one Sphinx event, and a bibliography style:

- Jupyter Book 1 always loads `sphinx-thebe`, which adds an inline script naming
  thebe's CDN address and, in this build, adds it twice; the second copy is a
  JavaScript error on every page. The book does not use thebe (its launch buttons
  go to Binder and Colab), so thebe's scripts are dropped from each page.
- Docstrings refer to the package's functions the way the chapters call them,
  ``lstm_course.make_windows`` or just ``make_windows``, while the API reference
  documents each where it is defined (``lstm_course.windows.make_windows``). A
  reference Sphinx cannot resolve is looked up among the documented
  ``lstm_course`` objects by its last name, and linked when exactly one matches.
- Docstrings write math as the notebooks do, ``$...$`` and ``$$...$$`` (readable in
  an editor and in ``help()``), but autodoc parses them as reStructuredText, which
  has no dollar math: it would print raw TeX. They become ``:math:`` roles and
  ``.. math::`` blocks before parsing.
- pybtex's ``alpha`` labels are codes such as ``[GSK+17]``, and they come out
  mangled from accented names (``Koutn{\\'\\i}k``). The ``course`` style
  (``bibtex_default_style`` in ``_config.yml``) labels an entry the way the text
  cites it, ``Greff et al. 2017``, sorted by author and year.
"""

import re

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from sphinx.util.nodes import make_refnode

THEBE_SCRIPTS = ("sphinx-thebe.js",)
PACKAGE = "lstm_course"


def _is_thebe(script) -> bool:
    filename = getattr(script, "filename", script) or ""
    body = (getattr(script, "attributes", None) or {}).get("body", "")
    return filename.endswith(THEBE_SCRIPTS) or "THEBE_JS_URL" in body


def drop_thebe(app, pagename, templatename, context, doctree):
    """Remove thebe's scripts from a page's context before it is written."""
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [s for s in scripts if not _is_thebe(s)]


def resolve_package_name(app, env, node, contnode):
    """Link ``lstm_course.name`` or ``name`` to the one documented object so named."""
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    if target.startswith(PACKAGE + "."):
        short = target.split(".")[-1]
    elif "." not in target and node.get("py:module", "").startswith(PACKAGE):
        short = target
    else:
        return None
    domain = env.get_domain("py")
    matches = [
        (name, obj)
        for name, obj in domain.objects.items()
        if name.startswith(PACKAGE + ".") and name.rsplit(".", 1)[-1] == short
    ]
    if len(matches) != 1:
        return None
    name, obj = matches[0]
    return make_refnode(
        app.builder, node["refdoc"], obj.docname, obj.node_id, contnode, name
    )


_DISPLAY = re.compile(r"\$\$(?P<tex>.+?)\$\$")
_INLINE = re.compile(r"(?<![\\$\w])\$(?=\S)(?P<tex>[^$\n]+?)(?<=\S)\$(?![\w$])")


def _math_block(indent: str, tex: str) -> list[str]:
    return ["", f"{indent}.. math::", "", f"{indent}   {' '.join(tex.split())}", ""]


def dollar_math(app, what, name, obj, options, lines):
    """Turn ``$$...$$`` paragraphs into math blocks and ``$...$`` into ``:math:``.

    A display equation starts a line with ``$$`` and may run over several lines
    up to the closing ``$$`` (punctuation right after it is kept in the block).
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if stripped.startswith("$$"):
            indent = line[: len(line) - len(stripped)]
            body = stripped[2:]
            j = i
            while "$$" not in body and j + 1 < len(lines):
                j += 1
                body += " " + lines[j].strip()
            if "$$" in body:
                tex, tail = body.split("$$", 1)
                if not tail.strip(" .,;:"):
                    out += _math_block(indent, tex + tail.strip())
                    i = j + 1
                    continue
        line = _DISPLAY.sub(lambda m: f":math:`{m['tex'].strip()}`", line)
        out.append(_INLINE.sub(lambda m: f":math:`{m['tex']}`", line))
        i += 1
    lines[:] = out


def _surname(person) -> str:
    return " ".join(part.render_as("text") for part in person.rich_last_names)


class AuthorYearLabels(BaseLabelStyle):
    """Labels such as ``Hochreiter and Schmidhuber 1997`` or ``Greff et al. 2017``."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            names = [_surname(p) for p in people]
            if not names:
                who = entry.fields.get("organization", entry.key)
            elif len(names) == 1:
                who = names[0]
            elif len(names) == 2:
                who = f"{names[0]} and {names[1]}"
            else:
                who = f"{names[0]} et al."
            yield f"{who} {entry.fields.get('year', 'n.d.')}"


class CourseStyle(UnsrtStyle):
    """pybtex's ``unsrt`` formatting with author-year labels, sorted by author."""

    default_label_style = AuthorYearLabels
    default_sorting_style = "author_year_title"


register_plugin("pybtex.style.formatting", "course", CourseStyle)


def setup(app):
    app.connect("html-page-context", drop_thebe, priority=900)
    app.connect("missing-reference", resolve_package_name)
    app.connect("autodoc-process-docstring", dollar_math)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
