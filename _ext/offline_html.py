"""A Sphinx extension for the course book: keep pages offline and their console clean.

Jupyter Book 1 always loads `sphinx-thebe`, which adds an inline script naming
thebe's CDN address and, in this build, adds it twice; the second copy is a
JavaScript error on every page. The book does not use thebe (its launch buttons
go to Binder and Colab), so this extension drops thebe's scripts from each page.
"""

THEBE_SCRIPTS = ("sphinx-thebe.js",)


def _is_thebe(script) -> bool:
    filename = getattr(script, "filename", script) or ""
    body = (getattr(script, "attributes", None) or {}).get("body", "")
    return filename.endswith(THEBE_SCRIPTS) or "THEBE_JS_URL" in body


def drop_thebe(app, pagename, templatename, context, doctree):
    """Remove thebe's scripts from a page's context before it is written."""
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [s for s in scripts if not _is_thebe(s)]


def setup(app):
    app.connect("html-page-context", drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
