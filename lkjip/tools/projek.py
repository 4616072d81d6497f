"""A project copy: what a build reads, without its output (used by the tests and the bench)."""
from __future__ import annotations

import shutil
from pathlib import Path

# what `lkjip build` reads from a project; build/ (output, cache) is not part of it
PROJECT_PARTS = ("_config.yml", "_toc.yml", "_static", "notebooks", "data", "requirements.lock")


def copy_project(src: Path, dst: Path) -> Path:
    """Copy the project at `src` into `dst` (created when missing); returns `dst`."""
    src, dst = Path(src), Path(dst)
    dst.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        s = src / part
        if s.is_dir():
            shutil.copytree(s, dst / part)
        elif s.is_file():
            shutil.copy2(s, dst / part)
    return dst
