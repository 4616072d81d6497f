"""`python -m lkjip._jupyterbook build BOOK --builder B`: Jupyter Book's command, started
a second faster.

Importing jsonschema (through Jupyter Book's config validation and nbformat) imports the
optional `rfc3987_syntax`, which compiles a grammar at import time (about 0.9 s here).
It only serves the "iri" string format, which neither Jupyter Book's config schema nor
nbformat's schema uses, so it is skipped; the build itself is unchanged.
"""
from __future__ import annotations

import sys


def skip_slow_optional_imports() -> None:
    if "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # makes `import rfc3987_syntax` raise ImportError


def wait_before_building() -> None:
    """With LKJIP_JB_WAIT set, Sphinx starts (imports, extensions, configuration, the
    pickled environment) and then waits for a line on stdin: "go" builds, anything else
    exits. `lkjip build` starts it this way while the notebooks execute; Sphinx only
    looks at which sources changed when it builds, after the pages are in place."""
    import sphinx.application

    original = sphinx.application.Sphinx.build

    def build(self, *args, **kwargs):
        if sys.stdin.readline().strip() != "go":
            raise SystemExit(3)
        return original(self, *args, **kwargs)

    sphinx.application.Sphinx.build = build


def main(argv: list[str] | None = None) -> None:
    import os

    skip_slow_optional_imports()
    if os.environ.get("LKJIP_JB_WAIT"):
        wait_before_building()
    from jupyter_book.cli.main import main as jb_main

    jb_main(args=argv if argv is not None else sys.argv[1:], prog_name="jupyter-book")


if __name__ == "__main__":
    main()
