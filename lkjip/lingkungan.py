"""Every environment variable lkjip reads, in one module: its name, what it means and how it is read.

Most are set by ``lkjip build`` for the processes it starts (its workers, the notebook
kernels and Jupyter Book), so that those processes know the build's state; two are an
analyst's or a developer's settings. Nothing else in lkjip reads ``os.environ``.
"""
from __future__ import annotations

import os
from pathlib import Path

AKAR = "LKJIP_ROOT"  # the project folder; else found from the working directory (lkjip.data.proyek)
FOLDER_ASET = "LKJIP_ASSET_DIR"  # a book build: where a page writes its charts (set by the build)
LOG_BACAAN = "LKJIP_DEPS_LOG"  # a book build: the file a kernel records its reads in (set by the build)
CACHE_JINJA = "LKJIP_JINJA_CACHE"  # compiled theme templates of Jupyter Book (set by the build)
HANGAT = "LKJIP_WARM"  # a build started by `lkjip preview`: its warm parents (kind\tsocket\tlkjip digest, one a line)
PEKERJA = "LKJIP_JOBS"  # setting: how many pages execute at once (default: from the cores)
DEBUG = "LKJIP_DEBUG"  # setting: show the traceback of an unexpected error
SERVER = "LKJIP_SERVER"  # setting: "0" no warm build server (lkjip.build.server), "1" one even under CI
SERVER_DIAM = "LKJIP_SERVER_IDLE"  # setting: seconds the warm build server waits for a build before it stops
KODE_SERVER = "LKJIP_SERVER_CODE"  # a build forked by the warm build server: the digest of the lkjip it imported
DARI_SERVER = "LKJIP_FROM_SERVER"  # a build forked by the warm build server (set by it): said in the build's report
CI = "CI"  # set by CI services: no warm build server unless LKJIP_SERVER=1 (it would outlive the job)


def _nilai(nama: str) -> str | None:
    v = os.environ.get(nama, "").strip()
    return v or None


def akar() -> Path | None:
    v = _nilai(AKAR)
    return Path(v).resolve() if v else None


def folder_aset() -> Path | None:
    v = _nilai(FOLDER_ASET)
    return Path(v) if v else None


def log_bacaan() -> str | None:
    return _nilai(LOG_BACAAN)


def cache_jinja() -> str | None:
    return _nilai(CACHE_JINJA)


def hangat() -> list[tuple[str, str, str]]:
    v = _nilai(HANGAT)
    return [tuple(ln.split("\t")) for ln in (v or "").splitlines() if ln.count("\t") == 2]


def pekerja() -> int | None:
    v = _nilai(PEKERJA)
    return int(v) if v and v.isdigit() and int(v) > 0 else None


def debug() -> bool:
    return _nilai(DEBUG) is not None


def server() -> bool:
    """Whether `lkjip build` goes through a warm build server: by default yes, except under CI."""
    v = _nilai(SERVER)
    if v is not None:
        return v not in ("0", "false", "no", "tidak")
    return _nilai(CI) in (None, "0", "false")


def kode_server() -> str | None:
    return _nilai(KODE_SERVER) if dari_server() else None


def dari_server() -> bool:
    return _nilai(DARI_SERVER) is not None


def server_diam(default: float = 900.0) -> float:
    v = _nilai(SERVER_DIAM)
    try:
        return max(1.0, float(v)) if v else default
    except ValueError:
        return default


def atur(**nilai: str | Path | None) -> None:
    """Set (or, with None, remove) variables for this process and the processes it starts;
    keys are this module's constant names (``atur(AKAR=root)``)."""
    for kunci, v in nilai.items():
        nama = globals()[kunci]
        if v is None:
            os.environ.pop(nama, None)
        else:
            os.environ[nama] = str(v)


def untuk_proses(**nilai: str | Path) -> dict[str, str]:
    """The environment of a child process: this one's, with these variables set."""
    return dict(os.environ, **{globals()[k]: str(v) for k, v in nilai.items()})
