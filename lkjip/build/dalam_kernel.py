"""What every kernel the build starts runs before a notebook's first cell
(``lkjip.build.execute.KERNEL_START``), kept light: no pandas, no matplotlib.

- the build cache's file-read recorder (:mod:`lkjip.build.deps`);
- lkjip's own errors cross back to the build as data: a cell that raises a
  :class:`~lkjip.errors.LkjipError` also displays it as JSON (:data:`MIME`), every problem
  with its fields, so the build reads the problems instead of parsing a message.
"""
from __future__ import annotations

from dataclasses import asdict

MIME = "application/vnd.lkjip.masalah+json"


def sebagai_data(err: BaseException) -> dict:
    """An lkjip error as JSON-ready data: its kind, its message and its problems."""
    problems = [asdict(p) for p in getattr(err, "problems", ())]
    for p in problems:
        p["code"] = str(p["code"])
    return {"jenis": type(err).__name__, "pesan": str(err), "masalah": problems}


def _setelah_sel(result) -> None:
    """After a cell (IPython's post_run_cell event): an lkjip error it raised, as data."""
    from lkjip.errors import LkjipError

    err = getattr(result, "error_in_exec", None)
    if isinstance(err, LkjipError):
        from IPython.display import display

        display({MIME: sebagai_data(err)}, raw=True)


def mulai() -> None:
    from IPython import get_ipython

    from lkjip.build.deps import install_from_env

    install_from_env()
    shell = get_ipython()
    if shell is not None:
        shell.events.register("post_run_cell", _setelah_sel)
