"""Record which project files a notebook kernel opens (for the build cache).

`lkjip build` sets ``LKJIP_DEPS_LOG`` (a file) and ``LKJIP_ROOT`` for each notebook it
executes and starts its kernels with :func:`install_from_env` as their first line
(``lkjip.build.execute.KERNEL_START``, before the notebook's first cell), which installs an audit hook
(:func:`sys.addaudithook`) that appends every file opened and every folder listed
under the project root to that log. The cache stores each page with the content hash
of those files, so an edit to a file a chapter read re-executes exactly that chapter.

Nothing here imports anything heavy; the hook does one string comparison per event.
"""
from __future__ import annotations

import os
import sys

_SKIP_PARTS = (os.sep + "build" + os.sep, os.sep + ".venv" + os.sep, os.sep + ".git" + os.sep,
               os.sep + "__pycache__" + os.sep)
_installed = False


def install(log_path: str, root: str) -> None:
    """Install the recording hook once per process."""
    global _installed
    if _installed:
        return
    _installed = True
    root = os.path.abspath(root).rstrip(os.sep) + os.sep
    log = open(log_path, "a", encoding="utf-8")  # opened before the hook: never recorded
    seen: set[str] = set()

    def note(kind: str, path) -> None:
        try:
            if isinstance(path, int) or path is None:
                return
            p = os.path.abspath(os.fsdecode(path))
        except Exception:
            return
        if not p.startswith(root) or p.endswith(".pyc"):
            return
        rel = p[len(root):]
        if any(s in os.sep + rel for s in _SKIP_PARTS):
            return
        entry = f"{kind}\t{rel}"
        if entry in seen:
            return
        seen.add(entry)
        log.write(entry + "\n")
        log.flush()

    def hook(event: str, args) -> None:
        if event == "open":
            note("file", args[0])
        elif event in ("os.listdir", "os.scandir"):
            note("dir", args[0] if args and args[0] is not None else ".")

    sys.addaudithook(hook)


def install_from_env() -> None:
    from lkjip import lingkungan

    log_path, root = lingkungan.log_bacaan(), lingkungan.akar()
    if log_path and root:
        install(log_path, root)
