"""A Sphinx extension: what every page of the published site carries, and what it does not.

- ``lkjip_status`` ("final" or "draf", from ``data/<year>/organisasi.yaml``) is written into
  every page as ``<meta name="lkjip-status">``; the landing page reads it to label a draft
  (the visible DRAF banner is the announcement bar, see :func:`lkjip.build.site.configure`).
- Jupyter Book always loads sphinx-thebe (live code cells), which the report does not use:
  its configuration script declared ``THEBE_JS_URL`` twice on every page (a JavaScript
  error) and named a script on a public CDN. Its scripts and stylesheet are left out, and a
  script or stylesheet added twice to a page is kept once.
- The book's ``_mathjax/`` folder (the copy of MathJax made by
  :func:`lkjip.build.site.copy_mathjax`) is published in ``_static/``. It is not in the
  book's ``_static/`` because Jupyter Book adds every script found there to every page.
"""
from __future__ import annotations

import os

from markupsafe import escape

THEBE_FILES = ("sphinx-thebe.js", "sphinx-thebe.css")
MATHJAX_SOURCE = "_mathjax"  # in the book; its contents are published in _static/


def _name(asset) -> str:
    return str(getattr(asset, "filename", asset) or "")


def _key(asset) -> tuple:
    attrs = getattr(asset, "attributes", {}) or {}
    return (_name(asset), tuple(sorted((k, str(v)) for k, v in attrs.items())))


def _thebe(asset) -> bool:
    body = str((getattr(asset, "attributes", {}) or {}).get("body", ""))
    return _name(asset).split("?")[0].endswith(THEBE_FILES) or "THEBE_JS_URL" in body


def _clean(assets, drop) -> list:
    out, seen = [], set()
    for a in assets or []:
        k = _key(a)
        if drop(a) or k in seen:
            continue
        seen.add(k)
        out.append(a)
    return out


def _mathjax(asset) -> bool:
    body = str((getattr(asset, "attributes", {}) or {}).get("body", ""))
    return "mathjax" in _name(asset).lower() or "window.MathJax" in body


def _has_math(doctree) -> bool:
    from docutils import nodes

    return doctree is not None and any(True for _ in doctree.findall(
        lambda n: isinstance(n, (nodes.math, nodes.math_block))))


def page_assets(app, pagename, templatename, context, doctree) -> None:
    # MyST-NB loads MathJax on every page; only a page with a formula needs it (0.7 MB)
    math = _has_math(doctree)
    context["script_files"] = _clean(context.get("script_files"),
                                     lambda a: _thebe(a) or (not math and _mathjax(a)))
    context["css_files"] = _clean(context.get("css_files"), _thebe)
    status = app.config.lkjip_status
    context["metatags"] = (context.get("metatags") or "") + f'\n<meta name="lkjip-status" content="{escape(status)}" />'


def static_mathjax(app, config) -> None:
    folder = os.path.join(app.srcdir, MATHJAX_SOURCE)
    if os.path.isdir(folder) and folder not in config.html_static_path:
        config.html_static_path.append(folder)


def setup(app):
    app.add_config_value("lkjip_status", "final", "html")
    app.connect("config-inited", static_mathjax)
    app.connect("html-page-context", page_assets, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
