"""Sphinx extension for the course book: a clean console, and short API links.

Three small fixes, each a handler on one Sphinx event:

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
"""

import re

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


def setup(app):
    app.connect("html-page-context", drop_thebe, priority=900)
    app.connect("missing-reference", resolve_package_name)
    app.connect("autodoc-process-docstring", dollar_math)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
