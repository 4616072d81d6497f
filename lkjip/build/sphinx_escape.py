"""A Sphinx extension: names from data are text, not HTML, in the theme's page frame too.

The book's title, author and the cover page's title come from data (organisasi.yaml).
Sphinx escapes them where it prints them, but the themes insert some of them as raw
HTML (pydata-sphinx-theme's logo title and search page title use ``docstitle``;
sphinx-book-theme's sidebar, print heading and footer use ``root_title``, ``pagetitle``
and ``author``). A ``<script>`` in a name would run. Here they are escaped once, as
``Markup``, so templates that escape again (``|e``) do not double-escape.
"""
from __future__ import annotations

from markupsafe import Markup, escape

TEXT_KEYS = ("docstitle", "root_title", "pagetitle", "author", "shorttitle")


def escape_text_context(app, pagename, templatename, context, doctree) -> None:
    for key in TEXT_KEYS:
        value = context.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            context[key] = escape(value)


def setup(app):
    # after the themes' own handlers (default priority 500) computed their values
    app.connect("html-page-context", escape_text_context, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
