"""A Sphinx extension: the book's own message catalogues reach the search page too.

Sphinx reads the ``.mo`` catalogues of ``locale_dirs`` relative to the book (source
folder), but looks for the JavaScript catalogue (``<dir>/<language>/LC_MESSAGES/sphinx.js``,
published as ``_static/translations.js``, which the search page's messages come from)
relative to the folder the build was started in. Here each relative entry is made
absolute against the book once the configuration is read, so both are found in the
book's ``_locales`` wherever ``lkjip build`` runs from.
"""
from __future__ import annotations

import os


def absolute_locale_dirs(app, config) -> None:
    config.locale_dirs = [d if os.path.isabs(d) else os.path.join(app.srcdir, d)
                          for d in config.locale_dirs]


def setup(app):
    app.connect("config-inited", absolute_locale_dirs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
