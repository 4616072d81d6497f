"""Shared fixtures: the real project, a temporary copy of it, and its books built once
per test session (HTML and PDF for 2023 and 2024), read by many tests as a reader would."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip.projek import copy_project as _copy_project

ROOT = Path(__file__).resolve().parent.parent
LKJIP = str(Path(sys.executable).parent / "lkjip")


def copy_project(dest: Path) -> Path:
    return _copy_project(ROOT, dest)


def run_lkjip(project: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, LKJIP_ROOT=str(project))
    proc = subprocess.run([LKJIP, *args], cwd=project, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"lkjip {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture()
def project(tmp_path) -> Path:
    """A fresh temporary copy of the project (data, notebooks, book config)."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A temporary project with 2023 and 2024 built (site and PDF), once per session."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    for year in ("2023", "2024"):
        run_lkjip(project, "build", "--year", year, check=True)
    return project
