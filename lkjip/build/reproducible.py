"""Same inputs, same output: remove what an execution adds that differs per run.

papermill and the kernel stamp every executed cell with clock times and durations,
give the injected parameters cell a random id, and record absolute paths. None of it
is content; all of it would make two builds of the same data differ (the book copies
the executed notebooks into the site as page sources).
"""
from __future__ import annotations

INJECTED_ID = "injected-parameters"


def strip_run_metadata(nb) -> None:
    """In place: keep the content and the parameters, drop times, durations, paths and
    the random id of papermill's injected cell."""
    pm = nb.metadata.get("papermill")
    if isinstance(pm, dict):
        nb.metadata["papermill"] = {k: pm[k] for k in ("parameters",) if k in pm}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if INJECTED_ID in cell.metadata.get("tags", []):
            cell["id"] = INJECTED_ID
