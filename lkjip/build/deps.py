"""Record which project files a notebook kernel opens, and which parts of a year's data a page
uses (for the build cache).

`lkjip build` sets ``LKJIP_DEPS_LOG`` (a file) and ``LKJIP_ROOT`` for each notebook it
executes and starts its kernels with :func:`install_from_env` as their first line
(``lkjip.build.execute.KERNEL_START``, before the notebook's first cell), which installs an audit hook
(:func:`sys.addaudithook`) that appends every file opened and every folder listed
under the project root to that log. The cache stores each page with the content hash
of those files, so an edit to a file a chapter read re-executes exactly that chapter.

A year's Perjanjian Kinerja is finer than its files. Every page loads the whole year
(:func:`lkjip.data.pk.load_year` reads indikator.csv, komponen.csv ...), but a page shows the
figures of some indicators only. So a successful ``load_year`` in the kernel records, instead of
the files it read, two kinds of entries (:func:`muat_pk`):

- ``pk\\t<year>\\tstruktur``: everything the loaded year holds except the indicators' figures
  (sasaran, indicators and their wording, formulas, the organisation, budget, Renstra, history);
- ``nilai\\t<year>\\t<indicator>\\t<field>``, one per figure field of an indicator the page read
  (:data:`NILAI`: target, realisasi_input, komponen, target_periode), recorded when read.

The build hashes them from the data it loaded itself (lkjip.build.cache.Inputs), so a realisasi
edit re-executes the pages that read that indicator's figures and no others. What the data of
an indicator gives away without naming a field (copied, pickled, its ``__dict__``) counts as
every figure field read. A load that fails records the files it read, as any read.

The hook does one string comparison per event; installing it imports lkjip's data layer, which
the kernels' warm parent has imported already (lkjip.build.zygote).
"""
from __future__ import annotations

import os
import sys

_SKIP_PARTS = (os.sep + "build" + os.sep, os.sep + ".venv" + os.sep, os.sep + ".git" + os.sep,
               os.sep + "__pycache__" + os.sep)
NILAI = frozenset({"target", "realisasi_input", "komponen", "target_periode"})  # an indicator's figures
# names through which an object's whole state is read at once (copy, pickle, vars)
_SEMUA = frozenset({"__dict__", "__getstate__", "__reduce__", "__reduce_ex__", "__copy__", "__deepcopy__"})
STRUKTUR = "struktur"

_installed = False
_log = None
_seen: set[str] = set()
_tahan: list[list[str]] = []  # while a year loads: the reads it makes (kept back, see muat_pk)
_tahun_objek: dict[int, int] = {}  # id() of an indicator loaded here -> its year
_hidup: list = []  # the loaded years, kept alive so that an id() above is never reused


def _write(entry: str) -> None:
    if entry in _seen:
        return
    _seen.add(entry)
    _log.write(entry + "\n")
    _log.flush()


def install(log_path: str, root: str) -> None:
    """Install the recording hook once per process."""
    global _installed, _log
    if _installed:
        return
    _installed = True
    _catat_nilai()  # (its imports before the hook: lkjip's own files are not the page's reads)
    from lkjip.data import pk

    root = os.path.abspath(root).rstrip(os.sep) + os.sep
    _log = open(log_path, "a", encoding="utf-8")  # opened before the hook: never recorded

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
        if _tahan:
            _tahan[-1].append(entry)
        else:
            _write(entry)

    def hook(event: str, args) -> None:
        if event == "open":
            note("file", args[0])
        elif event in ("os.listdir", "os.scandir"):
            note("dir", args[0] if args and args[0] is not None else ".")

    sys.addaudithook(hook)
    pk.PENCATAT = muat_pk
    global _akar
    _akar = root.rstrip(os.sep)


_akar = ""


def muat_pk(muat, year: int, root):
    """``load_year`` in a recording kernel: the reads of a successful load become the year's
    ``pk`` entry, and its indicators record the figures the page reads (see the module doc)."""
    _tahan.append([])
    try:
        data = muat(year, root)
    except BaseException:
        for entry in _tahan.pop():  # a failed load depends on exactly what it read
            if _tahan:
                _tahan[-1].append(entry)
            else:
                _write(entry)
        raise
    reads = _tahan.pop()
    if os.path.abspath(str(root)) != _akar:  # another project's data: its files, as read
        for entry in reads:
            _write(entry) if not _tahan else _tahan[-1].append(entry)
        return data
    _write(f"pk\t{data.tahun}\t{STRUKTUR}")
    _hidup.append(data)
    for s in data.sasaran:
        for i in s.indikator:
            _tahun_objek[id(i)] = data.tahun
    return data


def _catat_nilai() -> None:
    """Indicators loaded here say which of their figure fields are read, and by whom not."""
    from lkjip.core.model import Indikator

    baca = object.__getattribute__

    def __getattribute__(self, name):
        if name in NILAI or name in _SEMUA:
            tahun = _tahun_objek.get(id(self))
            if tahun is not None:
                ident = baca(self, "id")
                for f in ((name,) if name in NILAI else sorted(NILAI)):
                    _write(f"nilai\t{tahun}\t{ident}\t{f}")
        return baca(self, name)

    Indikator.__getattribute__ = __getattribute__


def install_from_env() -> None:
    from lkjip import lingkungan

    log_path, root = lingkungan.log_bacaan(), lingkungan.akar()
    if log_path and root:
        install(log_path, root)
