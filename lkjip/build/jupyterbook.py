"""`python -m lkjip.build.jupyterbook build BOOK --builder B`: Jupyter Book's command, started
a second faster.

Importing jsonschema (through Jupyter Book's config validation and nbformat) imports the
optional `rfc3987_syntax`, which compiles a grammar at import time (about 0.9 s here).
It only serves the "iri" string format, which neither Jupyter Book's config schema nor
nbformat's schema uses, so it is skipped; the build itself is unchanged.
"""
from __future__ import annotations

import os
import sys


def skip_slow_optional_imports() -> None:
    if "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # makes `import rfc3987_syntax` raise ImportError


def patch_sphinx_build(jinja_cache: str | None) -> None:
    """Around `Sphinx.build`, without changing what is built: the theme's HTML templates are
    compiled once and kept in `jinja_cache` (Jinja's own bytecode cache, keyed on each
    template's source) instead of being compiled again by every build (about 0.4 s)."""
    import sphinx.application

    original = sphinx.application.Sphinx.build

    def build(self, *args, **kwargs):
        templates = getattr(getattr(self, "builder", None), "templates", None)
        environment = getattr(templates, "environment", None)
        if jinja_cache and environment is not None and environment.bytecode_cache is None:
            import jinja2

            os.makedirs(jinja_cache, exist_ok=True)
            environment.bytecode_cache = jinja2.FileSystemBytecodeCache(jinja_cache)
        return original(self, *args, **kwargs)

    sphinx.application.Sphinx.build = build


def main(argv: list[str] | None = None) -> None:
    skip_slow_optional_imports()
    from lkjip import lingkungan

    patch_sphinx_build(lingkungan.cache_jinja())
    from jupyter_book.cli.main import main as jb_main

    jb_main(args=argv if argv is not None else sys.argv[1:], prog_name="jupyter-book")


if __name__ == "__main__":
    main()
