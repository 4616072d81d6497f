"""One page: a chapter notebook executed by papermill into the book, then tidied for it."""
from __future__ import annotations

import importlib
from pathlib import Path

from lkjip.build.failures import from_papermill
from lkjip.build.reproducible import strip_run_metadata
from lkjip.errors import BuildError
from lkjip.laporan.tabel import md_escape

KERNEL = "python3"
# run by every kernel the build starts, before the notebook's first cell: the build cache's
# file-read recorder and lkjip's errors as data (lkjip.build.dalam_kernel)
KERNEL_START = "--IPKernelApp.exec_lines=import lkjip.build.dalam_kernel as _k; _k.mulai(); del _k"


class _Lazy:
    """A module imported on first use: nbformat takes a second to import (jsonschema), and a
    build served from the cache never needs it."""

    def __init__(self, name: str):
        self._name, self._module = name, None

    def __getattr__(self, attr):
        if self._module is None:
            from lkjip.build.jupyterbook import skip_slow_optional_imports

            skip_slow_optional_imports()
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


nbformat = _Lazy("nbformat")


def execute_job(root: Path, job, book: Path, year: int) -> tuple[Path, float]:
    """Execute `job` (a lkjip.build.pipeline.Job) into `book`; a failing cell is a BuildError
    naming the page and the cell. Returns the page and the seconds its cells ran (the page's
    own work, without the kernel's start-up and shutdown)."""
    import papermill as pm

    from lkjip.build.kernel import IpcKernelManager

    src = root / "notebooks" / f"{job.notebook}.ipynb"
    out = book / f"{job.page}.ipynb"
    if job.bagian is not None:  # the parts the book plan leaves out are not even run
        src = _tanpa_bagian(src, out, dict(job.bagian))
    try:
        pm.execute_notebook(str(src), str(out), parameters=job.params(year), kernel_name=KERNEL,
                            cwd=str(root), progress_bar=False, log_output=False,
                            # the kernel's start-up notices are not the analyst's business
                            extra_arguments=["--IPKernelApp.log_level=ERROR", KERNEL_START],
                            # one write at the end instead of one per cell; the kernel is
                            # stopped at once when every cell has run (saves ~0.2 s a page)
                            request_save_on_cell_execute=False, shutdown_kernel="immediate",
                            # sockets that cannot collide when kernels start in parallel
                            kernel_manager_class=IpcKernelManager)
    except pm.PapermillExecutionError as e:
        raise from_papermill(e, job.page, out) from None
    except Exception as e:  # kernel died, notebook missing, ...
        raise BuildError(f"{type(e).__name__}: {e}", chapter=job.page) from None
    return out, tidy_executed(out, job.judul, job.bagian)


def cell_seconds(nb) -> float:
    """Seconds the executed notebook's cells ran, from papermill's per-cell durations."""
    total = 0.0
    for cell in nb.cells:
        d = cell.metadata.get("papermill", {}).get("duration")
        if isinstance(d, (int, float)):
            total += d
    return total


def _bagian_sel(cell) -> str | None:
    """The book-plan part a cell belongs to (its tag ``bagian:<kunci>``), or None."""
    return next((t.split(":", 1)[1] for t in cell.metadata.get("tags", []) if t.startswith("bagian:")), None)


def _tanpa_bagian(src: Path, out: Path, rencana: dict) -> Path:
    """The notebook without the cells of the parts the plan leaves out, written to ``out``."""
    nb = nbformat.read(src, as_version=4)
    kept = [c for c in nb.cells if _bagian_sel(c) is None or _bagian_sel(c) in rencana]
    if len(kept) == len(nb.cells):
        return src
    nb.cells = kept
    nbformat.write(nb, out)
    return out


def tidy_executed(path: Path, judul: str | None = None, bagian=None) -> float:
    """Hide code in the book: papermill's injected cell and the parameters cell are
    removed, every other code cell shows only its output. A Markdown cell tagged
    ``judul-halaman`` gets the page heading computed from data (``judul``, else the book
    plan's). With the book plan's parts (``bagian``: (kunci, heading or None), see
    lkjip.data.buku), a cell tagged ``bagian:<kunci>`` is dropped when the plan leaves the
    part out, and a Markdown one gets the plan's numbered heading; the tags are then removed.
    Returns the seconds the cells ran (read before the run's metadata is removed)."""
    nb = nbformat.read(path, as_version=4)
    seconds = cell_seconds(nb)
    rencana = dict(bagian) if bagian is not None else None
    cells = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        kunci = [t.split(":", 1)[1] for t in tags if t.startswith("bagian:")]
        if kunci and rencana is not None:
            if kunci[0] not in rencana:
                continue
            if cell.cell_type == "markdown" and rencana[kunci[0]]:
                cell.source = rencana[kunci[0]]
        if kunci:
            cell.metadata["tags"] = tags = [t for t in tags if not t.startswith("bagian:")]
            if not tags:
                del cell.metadata["tags"]
        cells.append(cell)
        if cell.cell_type == "markdown" and "judul-halaman" in tags:
            if judul:
                cell.source = "# " + md_escape(judul)
            elif rencana and rencana.get(""):
                cell.source = rencana[""]
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.setdefault("tags", [])
        if "injected-parameters" in tags or "parameters" in tags:
            if "remove-cell" not in tags:
                tags.append("remove-cell")
        elif "remove-cell" not in tags and "remove-input" not in tags:
            tags.append("remove-input")
    nb.cells = cells
    strip_run_metadata(nb)
    nbformat.write(nb, path)
    return seconds


