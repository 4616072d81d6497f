"""The cache of executed notebooks, keyed on everything that can change a page.

A page is served from the cache only when all of these are unchanged since it was
executed:

- the static key (known before execution): the notebook's source, the job (notebook,
  page, parameters, year), the source of the installed ``lkjip`` package, the book
  configuration templates (``_config.yml``, ``_toc.yml``), the locked environment
  (``requirements.lock``, Python version, kernel), and the list of file names under
  ``data/`` (so that adding or removing any data file, which a chapter might test for
  with ``exists()``, re-executes every chapter);
- the dependencies recorded during execution (see :mod:`lkjip.build.deps`): the content of
  every project file the kernel opened and the names in every folder it listed. A
  notebook that never imports ``lkjip`` records nothing; it is then taken to depend on
  every file under ``data/`` and ``notebooks/``;
- the project folder, only for a page whose executed notebook contains its absolute path
  (recorded as the dependency ``root``). The pages of this project contain none (papermill's
  paths are removed, see :mod:`lkjip.build.reproducible`), so a project moved or copied with its
  ``build/`` keeps its cache.

jupyter-cache and Quarto's freeze hash only the notebook; this is why they serve stale
figures after a data edit and this cache does not.

Layout: ``build/.cache/nb/<static key>/<dependency digest>/`` holds ``manifest.json``,
``page.ipynb`` and the chart files (``_grafik/*.png``) the execution wrote. Entries
are written to a temporary folder and renamed into place, so a reader never sees a
half-written entry.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

MANIFEST = "manifest.json"
PAGE = "page.ipynb"
from lkjip.core.aset import GRAFIK as ASSETS  # noqa: E402
FORMAT = 1  # bump when the entry layout changes
MAX_VARIANTS = 4  # entries kept per static key (e.g. an edit and its undo)
MAX_AGE_DAYS = 30  # entries unused for longer are removed after a build

ROOT = "root"  # the kind of dependency the project folder is
ROOT_DEP = f"{ROOT}\t"

_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".git"}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """Content hash of a file; '-' when it does not exist (or is not a file)."""
    try:
        return _sha(Path(path).read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return "-"


def dir_digest(path: Path) -> str:
    """Hash of the names in a folder; '-' when it does not exist."""
    try:
        return _sha("\n".join(sorted(os.listdir(path))).encode())
    except (FileNotFoundError, NotADirectoryError):
        return "-"


def _files(base: Path) -> list[Path]:
    out = []
    for d, dirs, files in os.walk(base):
        dirs[:] = sorted(x for x in dirs if x not in _SKIP_DIRS)
        out += [Path(d) / f for f in sorted(files) if not f.endswith(".pyc")]
    return out


def tree_digest(base: Path, content: bool = True) -> str:
    """Hash of every file under base: relative names, and their content when asked."""
    h = hashlib.sha256()
    base = Path(base)
    for f in _files(base):
        h.update(str(f.relative_to(base)).encode() + b"\0")
        if content:
            h.update(f.read_bytes() + b"\0")
    return h.hexdigest()


def code_dir() -> Path:
    """The source folder of the ``lkjip`` package the kernels will import."""
    import lkjip

    return Path(lkjip.__file__).resolve().parent


def environment_digest(root: Path) -> str:
    """The locked environment: requirements.lock, Python, platform, kernel."""
    lock = root / "requirements.lock"
    if not lock.is_file():  # a project copy without the lock: the one next to the package
        lock = code_dir().parent / "requirements.lock"
    parts = [file_digest(lock), sys.version, platform.machine(), sys.prefix,
             os.path.realpath(sys.executable)]
    return _sha("\n".join(parts).encode())


class Inputs:
    """Digests shared by every job of one build (computed once per build)."""

    def __init__(self, root: Path, year: int, code: Path | None = None):
        self.root = Path(root).resolve()
        self.year = year
        from lkjip import lingkungan

        # in a build forked by the warm server: the digest of the source it imported, given by it
        self.code = (lingkungan.kode_server() if code is None else None) or tree_digest(code or code_dir())
        self.environment = environment_digest(self.root)
        self.config = _sha("".join(file_digest(self.root / n) for n in ("_config.yml", "_toc.yml")).encode())
        self.data_names = tree_digest(self.root / "data", content=False)
        # the content of every data file at the start of the build: lookups use it, and
        # a page whose data changed while it executed is not stored
        self._memo: dict[str, str] = {
            f"file\t{f.relative_to(self.root)}": file_digest(f) for f in _files(self.root / "data")}
        self._data: dict[int, object] = {}  # year -> its TahunData, loaded for the 'pk' dependencies

    def sources_digest(self) -> str:
        """Everything a build of the project reads, in one digest: the code, the environment,
        the book templates, every data file, the notebooks and the site's static files. Equal
        to the last build's: no page can have to run (the build then starts no warm parent)."""
        parts = [self.code, self.environment, self.config, *sorted(f"{k}\t{v}" for k, v in self._memo.items())]
        parts += [tree_digest(self.root / d) for d in ("notebooks", "_static") if (self.root / d).is_dir()]
        return _sha("\n".join(parts).encode())

    def static_key(self, job, kernel: str) -> str:
        nb = self.root / "notebooks" / f"{job.notebook}.ipynb"
        desc = {
            "format": FORMAT,
            "notebook": file_digest(nb),
            # the whole job (other fields, e.g. a page heading, may shape the page) and the
            # parameters papermill injects
            "job": [repr(job), repr(sorted(job.params(self.year).items(), key=lambda kv: kv[0]))],
            "code": self.code,
            "environment": self.environment,
            "kernel": kernel,
            "config": self.config,
            "data_names": self.data_names,
        }
        return _sha(json.dumps(desc, sort_keys=True).encode())

    def _tahun_data(self, tahun: int):
        """The year's data as the kernels load it (lkjip.data.pk.load_year), once per build; None
        when it cannot be loaded (a page that loaded it then would not match)."""
        if tahun not in self._data:
            from lkjip.data.pk import load_year
            from lkjip.errors import LkjipError

            try:
                self._data[tahun] = load_year(tahun, self.root)
            except LkjipError:
                self._data[tahun] = None
        return self._data[tahun]

    def _pk_digest(self, dep: str) -> str:
        """A year's structure ('pk\\t<year>\\tstruktur') or one figure field of one of its
        indicators ('nilai\\t<year>\\t<id>\\t<field>'): see lkjip.build.deps."""
        from dataclasses import replace

        from lkjip.build.deps import NILAI, STRUKTUR

        kind, tahun, *rest = dep.split("\t")
        data = self._tahun_data(int(tahun)) if tahun.isdigit() else None
        if data is None:
            return "-"
        if kind == "pk" and rest == [STRUKTUR]:  # everything but the figure fields
            kosong = {f: None for f in NILAI}
            kosong["komponen"] = ()
            sasaran = [replace(s, indikator=tuple(replace(i, **kosong) for i in s.indikator)) for s in data.sasaran]
            return _sha(repr(replace(data, sasaran=sasaran)).encode())
        if kind == "nilai" and len(rest) == 2 and rest[1] in NILAI:
            ind = next((i for i in data.indikator if i.id == rest[0]), None)
            return "-" if ind is None else _sha(repr(getattr(ind, rest[1])).encode())
        return "-"

    def data_changed(self) -> bool:
        """Whether a data file differs from its content at the start of the build."""
        now = {f"file\t{f.relative_to(self.root)}": file_digest(f) for f in _files(self.root / "data")}
        return now != {k: v for k, v in self._memo.items() if k.startswith("file\tdata/")}

    def dep_digest(self, dep: str, fresh: bool = False) -> str:
        """Current digest of one recorded dependency ('file\\tpath', 'dir\\tpath', or a part
        of a year's data: 'pk\\t...', 'nilai\\t...')."""
        if dep.startswith(("pk\t", "nilai\t")):  # from the data loaded once (see store for `fresh`)
            if dep not in self._memo:
                self._memo[dep] = self._pk_digest(dep)
            return self._memo[dep]
        if not fresh and dep in self._memo:
            return self._memo[dep]
        kind, _, rel = dep.partition("\t")
        if kind == ROOT:
            return _sha(str(self.root).encode())
        path = self.root / rel
        d = dir_digest(path) if kind == "dir" else file_digest(path)
        if not fresh:
            self._memo[dep] = d
        return d

    def fallback_deps(self) -> list[str]:
        """Dependencies of a notebook whose reads were not recorded: all data and notebooks."""
        deps = []
        for sub in ("data", "notebooks"):
            deps += [f"file\t{f.relative_to(self.root)}" for f in _files(self.root / sub)]
        return deps


def mentions_root(page: Path, root: Path) -> bool:
    """Whether an executed page contains the project's absolute path (as written, or
    escaped as in JSON)."""
    data = Path(page).read_bytes()
    text = str(root)
    return any(form.encode() in data for form in {text, json.dumps(text)[1:-1]})


def read_deps_log(path: Path) -> list[str] | None:
    if not path.is_file():
        return None
    return sorted({ln for ln in path.read_text(encoding="utf-8").splitlines() if "\t" in ln})


class Cache:
    def __init__(self, base: Path):
        self.base = Path(base)

    def lookup(self, key: str, inputs: Inputs) -> Path | None:
        """The entry of this static key whose recorded dependencies all still match."""
        kdir = self.base / "nb" / key
        if not kdir.is_dir():
            return None
        variants = sorted(kdir.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
        for v in variants:
            try:
                man = json.loads((v / MANIFEST).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if not (v / PAGE).is_file():
                continue
            if all(inputs.dep_digest(dep) == d for dep, d in man["deps"].items()):
                os.utime(v)  # most recently used
                return v
        return None

    def store(self, key: str, inputs: Inputs, page: Path, assets: Path, deps: list[str],
              seconds: float) -> Path | None:
        """Store an executed page. Dependencies are hashed now; when one of them differs
        from the digest taken at the start of the build (a file edited during the build),
        nothing is stored: the page may not match either version."""
        recorded = {}
        if mentions_root(page, inputs.root):
            deps = [*deps, ROOT_DEP]
        if any(d.startswith(("pk\t", "nilai\t")) for d in deps) and inputs.data_changed():
            return None  # the year's data was edited while this page ran: it may match neither
        for dep in deps:
            now = inputs.dep_digest(dep, fresh=True)
            if dep in inputs._memo and inputs._memo[dep] != now:
                return None
            recorded[dep] = now
        digest = _sha(json.dumps(recorded, sort_keys=True).encode())[:32]
        kdir = self.base / "nb" / key
        final = kdir / digest
        tmp = self.base / "tmp" / f"{key[:16]}-{digest[:8]}-{os.getpid()}-{time.monotonic_ns()}"
        tmp.mkdir(parents=True)
        try:
            shutil.copyfile(page, tmp / PAGE)
            if assets.is_dir() and any(assets.iterdir()):
                shutil.copytree(assets, tmp / ASSETS)
            (tmp / MANIFEST).write_text(json.dumps(
                {"format": FORMAT, "deps": recorded, "seconds": round(seconds, 2)},
                indent=1, sort_keys=True), encoding="utf-8")
            kdir.mkdir(parents=True, exist_ok=True)
            if final.exists():
                shutil.rmtree(final)
            os.replace(tmp, final)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        for old in sorted(kdir.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)[MAX_VARIANTS:]:
            shutil.rmtree(old, ignore_errors=True)
        return final

    def prune(self, max_age_days: float = MAX_AGE_DAYS) -> None:
        """Remove entries unused for `max_age_days`, and leftovers of interrupted builds."""
        for sub in ("tmp", "run"):
            d = self.base / sub
            if d.is_dir():
                for p in d.iterdir():
                    if p.stat().st_mtime < time.time() - 86400:
                        shutil.rmtree(p, ignore_errors=True)
        nb = self.base / "nb"
        if not nb.is_dir():
            return
        limit = time.time() - max_age_days * 86400
        for kdir in nb.iterdir():
            for v in list(kdir.iterdir()):
                if v.stat().st_mtime < limit:
                    shutil.rmtree(v, ignore_errors=True)
            if not any(kdir.iterdir()):
                kdir.rmdir()
