"""A Sphinx extension: what every page of the published site carries, and what it does not.

- ``lkjip_status`` ("final" or "draf", from ``data/<year>/organisasi.yaml``) is written into
  every page as ``<meta name="lkjip-status">``; the landing page reads it to label a draft
  (the visible DRAF banner is the announcement bar, see :func:`lkjip.build.site.configure`).
- Jupyter Book always loads sphinx-thebe (live code cells), which the report does not use:
  its configuration script declared ``THEBE_JS_URL`` twice on every page (a JavaScript
  error) and named a script on a public CDN. Its scripts and stylesheet are left out, and a
  script or stylesheet added twice to a page is kept once.
- Formulas are written as MathML when the site is built (math renderer ``mathml``, by
  latex2mathml): the browser draws them itself, with no script (MathJax weighed 0.71 MB
  per page) and nothing to fetch, so they render on an intranet without the Internet.
"""
from __future__ import annotations

import os
import re

from markupsafe import escape

THEBE_FILES = ("sphinx-thebe.js", "sphinx-thebe.css")
MATH_RENDERER = "mathml"


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


def page_assets(app, pagename, templatename, context, doctree) -> None:
    # MyST-NB adds MathJax's configuration to every page: the formulas are MathML already
    context["script_files"] = _clean(context.get("script_files"), lambda a: _thebe(a) or _mathjax(a))
    context["css_files"] = _clean(context.get("css_files"), _thebe)
    status = app.config.lkjip_status
    # no icon file: without this line the browser asks for /favicon.ico (a 404 in the console)
    context["metatags"] = ((context.get("metatags") or "") + f'\n<meta name="lkjip-status" content="{escape(status)}" />'
                           + '\n<link rel="icon" href="data:," />')


# "63{,}9": TeX's braces keep the decimal comma ordinary; in MathML it is one number
_DECIMAL = re.compile(r"<mn>(\d+)</mn><mrow><mo>&#x0002C;</mo></mrow><mn>(\d+)</mn>")


def mathml(tex: str, block: bool = False) -> str:
    """A formula of the report (TeX: \\frac, \\text, \\times, {,}) as MathML."""
    from latex2mathml.converter import convert

    out = convert(tex.strip(), display="block" if block else "inline")
    while True:
        t = _DECIMAL.sub(r"<mn>\1,\2</mn>", out)
        if t == out:
            return out
        out = t


def _visit_inline(self, node) -> None:
    from docutils import nodes

    self.body.append(f'<span class="math">{mathml(node.astext())}</span>')
    raise nodes.SkipNode


def _visit_block(self, node) -> None:
    from docutils import nodes

    self.body.append(self.starttag(node, "div", CLASS="math"))
    self.body.append(mathml(node.astext(), block=True) + "</div>\n")
    raise nodes.SkipNode


def mathml_renderer(app, config) -> None:
    config.html_math_renderer = MATH_RENDERER


TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")


def own_templates(app, config) -> None:
    if TEMPLATES not in config.templates_path:
        config.templates_path.insert(0, TEMPLATES)


# pydata-sphinx-theme's sidebar: <a ...>Title</a><details><summary><span class="toctree-toggle"
_TOGGLE = re.compile(r'(<a class="(?:current )?reference internal" href="[^"]*">([^<]*)</a><details(?: open="open")?>)<summary>')


def named_toggles(html: str) -> str:
    """Each chapter toggle of the sidebar named after its chapter (axe: summary-name)."""
    return _TOGGLE.sub(lambda m: f'{m[1]}<summary aria-label="Subbab {m[2].strip().replace(chr(34), "&quot;")}">', html)


def toctree_names(app, pagename, templatename, context, doctree) -> None:
    make = context.get("generate_toctree_html")
    if callable(make) and not getattr(make, "lkjip", False):
        def named(*args, **kwargs):
            return named_toggles(str(make(*args, **kwargs)))
        named.lkjip = True
        context["generate_toctree_html"] = named


def setup(app):
    app.add_config_value("lkjip_status", "final", "html")
    app.add_html_math_renderer(MATH_RENDERER, (_visit_inline, None), (_visit_block, None))
    app.connect("config-inited", mathml_renderer)
    app.connect("config-inited", own_templates)
    app.connect("html-page-context", toctree_names, priority=900)
    app.connect("html-page-context", page_assets, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
