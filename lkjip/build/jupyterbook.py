"""`python -m lkjip.build.jupyterbook build BOOK --builder B`: Jupyter Book's build of a book,
started faster and with one Sphinx state per builder.

The book is built with Jupyter Book's own Sphinx entry (``jupyter_book.sphinx.build_sphinx``,
the configuration it derives from ``_config.yml`` and the ``_toc.yml``), as its command line
does, without the command line around it. One difference, which leaves the output as it
is: each builder keeps its Sphinx state (the pickled environment and doctrees) in its own
folder, ``_build/.doctrees-<builder>``. Jupyter Book's command puts both the HTML and the
LaTeX builder's state in ``_build/.doctrees``; the LaTeX extension's read-time transforms
and configuration differ, so each builder found the other's state stale and read every
page again: a one-page edit cost a full HTML read after a PDF build, and a full LaTeX read
after an HTML build.

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

    # With numfig off, Sphinx still numbers every figure and table after each build, walking
    # every page's doctree (a third of a one-page rebuild); the HTML then carries those numbers,
    # which lkjip removes (site.finish_html: lkjip's captions carry the report's own numbers).
    # Without numfig nothing else reads them: they are not made.
    from sphinx.environment.collectors.toctree import TocTreeCollector

    assign = TocTreeCollector.assign_figure_numbers

    def assign_figure_numbers(self, env):
        return assign(self, env) if env.config.numfig else []

    TocTreeCollector.assign_figure_numbers = assign_figure_numbers


OUTPUT = {"html": "html", "latex": "latex"}  # builder -> folder under _build (as Jupyter Book names them)


PARALEL_DARI = 5  # pages to read again from which Sphinx reads and writes in parallel


def _jobs(src, doctrees) -> int:
    """Sphinx's parallel reading and writing, one process per core (it runs after the pages,
    when the cores are free), for a first build or when several pages changed since the last
    (files newer than its saved environment: the book rewrites only changed files); a build of
    a page or two is serial, since starting and polling the parallel writers costs more."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        since = (doctrees / "environment.pickle").stat().st_mtime_ns
    except OSError:
        return max(1, min(cores, 8))
    changed = sum(1 for p in src.iterdir() if p.suffix in (".ipynb", ".md") and p.stat().st_mtime_ns > since)
    return max(1, min(cores, 8)) if changed >= PARALEL_DARI else 1


def build_book(book: str | os.PathLike, builder: str) -> int:
    """Sphinx's `builder` on the Jupyter Book at `book` (its _config.yml and _toc.yml), into
    ``book/_build/<builder>``; returns Sphinx's status (0: built)."""
    from pathlib import Path

    from jupyter_book.sphinx import build_sphinx
    from sphinx_external_toc.parsing import parse_toc_yaml

    src = Path(book).absolute()
    toc = src / "_toc.yml"
    parse_toc_yaml(toc)  # a malformed _toc.yml fails here, with its own message
    out = src / "_build"
    result = build_sphinx(src, out / OUTPUT[builder], use_external_toc=True, noconfig=True,
                          path_config=src / "_config.yml",
                          confoverrides={"external_toc_path": toc.as_posix(), "latex_individualpages": False},
                          doctreedir=out / f".doctrees-{builder}", builder=builder,
                          jobs=_jobs(src, out / f".doctrees-{builder}"))
    if isinstance(result, Exception):
        raise result
    return int(result or 0)


def main(argv: list[str] | None = None) -> None:
    skip_slow_optional_imports()
    from lkjip import lingkungan

    patch_sphinx_build(lingkungan.cache_jinja())
    args = argv if argv is not None else sys.argv[1:]
    if len(args) == 4 and args[0] == "build" and args[2] == "--builder" and args[3] in OUTPUT:
        sys.exit(build_book(args[1], args[3]))
    from jupyter_book.cli.main import main as jb_main  # anything else: Jupyter Book's command as is

    jb_main(args=args, prog_name="jupyter-book")


if __name__ == "__main__":
    main()
