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


def main(argv: list[str] | None = None) -> None:
    skip_slow_optional_imports()
    from jupyter_book.cli.main import main as jb_main

    jb_main(args=argv if argv is not None else sys.argv[1:], prog_name="jupyter-book")


if __name__ == "__main__":
    main()
