"""Executing a build's notebook jobs: in parallel, from the cache when nothing they read
changed, with a line of progress per chapter; and the persistent per-year work book
that lets Sphinx rebuild only the pages that changed.

- :func:`run_jobs` serves each job from :mod:`lkjip.build.cache` or executes it with papermill
  in a pool of worker processes (two per core, see :func:`workers_wanted`; ``LKJIP_JOBS``
  overrides). Each job gets its own chart folder (``LKJIP_ASSET_DIR``) and dependency log
  (``LKJIP_DEPS_LOG``), so the cache can store and restore the charts a page shows and the
  files it read.
- :class:`WorkBook` is ``build/.work/<year>/book``: the staged book is synchronised into
  it file by file, rewriting only files whose content changed (unchanged files keep
  their modification time, which is what Sphinx's incremental build looks at). When no
  source changed since the last successful Sphinx build, Sphinx is not started at all.
  Nothing here depends on where the project lies: a project moved or copied with its
  ``build/`` reuses the cache and the published output as they are. Only Sphinx's pickled
  environment records its source folder; the first time Sphinx has something to rebuild
  in a moved work book it discards that environment and reads every page once.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path

from lkjip.build.cache import ASSETS, MANIFEST, PAGE, Cache, Inputs, read_deps_log, tree_digest
from lkjip.data.berkas import write_atomic
from lkjip.data.proyek import Proyek
from lkjip.errors import BuildError, LkjipError
from lkjip import lingkungan

CACHED, RAN = "cache", "dijalankan"


@dataclass
class JobStatus:
    page: str
    status: str  # CACHED or RAN
    seconds: float
    berkas: tuple[str, ...] = ()  # the project files the page read (relative paths), as the cache keeps them
    work_seconds: float | None = None  # executed: the seconds its cells ran; the rest is kernel start-up and papermill


def _berkas(deps) -> tuple[str, ...]:
    return tuple(sorted(d.split("\t", 1)[1] for d in deps if d.startswith("file\t")))


def _berkas_entri(entry: Path) -> tuple[str, ...]:
    try:
        return _berkas(json.loads((entry / MANIFEST).read_text(encoding="utf-8")).get("deps", ()))
    except (OSError, ValueError):
        return ()


MAX_DOUBLED = 8  # two per core up to this many workers (~0.13 GB each with its kernel): memory stays low


ZYGOTE_MIN = 2  # pages to execute from which their kernels are forked from a warm parent


def workers_wanted(n_jobs: int) -> int:
    """Two workers per core (at most 8, never fewer than the cores): a page's kernel is
    idle about half of its ~1 s (starting, handshaking, shutting down), so a second job per
    core fills that time. Measured on 2 cores, cold build of 2023 (24 pages): 4 workers
    13.4 s, 2 workers 16 s, peak memory 0.63 GB instead of 0.38 GB."""
    n = lingkungan.pekerja()
    if n is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        n = max(cores, min(2 * cores, MAX_DOUBLED))
    return max(1, min(n, n_jobs))


# ------------------------------------------------------------------ one job, in a worker


def _execute(root: str, job, year: int, tmp: str, kernel: str) -> dict:
    """Run in a worker process: papermill into tmp/book, charts into tmp/_grafik."""
    from lkjip.build.execute import execute_job

    tmp_p = Path(tmp)
    lingkungan.atur(AKAR=root, FOLDER_ASET=tmp_p / ASSETS, LOG_BACAAN=tmp_p / "deps.log")
    (tmp_p / "book" / job.page).parent.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    try:
        out, work = execute_job(Path(root), job, tmp_p / "book", year)
    except BuildError as e:
        return {"error": str(e), "chapter": e.chapter, "cell": e.cell}
    except LkjipError as e:
        return {"error": str(e), "chapter": job.page, "cell": None}
    finally:
        lingkungan.atur(LOG_BACAAN=None)
    return {"page": str(out), "seconds": time.perf_counter() - t, "work": work}


def _restore(entry_page: Path, entry_assets: Path, book: Path, page: str, owners: dict) -> None:
    """Copy an executed page and its charts into the staging book."""
    dest = book / f"{page}.ipynb"
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(entry_page, dest)
    if entry_assets.is_dir():
        target = book / ASSETS
        target.mkdir(exist_ok=True)
        for f in sorted(entry_assets.iterdir()):
            t = target / f.name
            if f.name in owners and owners[f.name] != page and t.read_bytes() != f.read_bytes():
                raise BuildError(f"grafik {f.name} dibuat oleh dua bab berbeda ({owners[f.name]} dan {page}); "
                                 "beri label yang berbeda", chapter=page)
            owners[f.name] = page
            shutil.copyfile(f, t)


def run_jobs(root: Path, jobs: list, year: int, book: Path, cache_dir: Path, log=print,
             kernel: str = "python3", inputs: Inputs | None = None,
             before_execute=None, durations: dict[str, float] | None = None,
             keep_zygote: bool = False) -> list[JobStatus]:
    """Bring every job's executed page (and charts) into `book`; see the module doc.
    `before_execute` is called once when some job must be executed, before it starts.
    `durations` (page -> seconds, from an earlier build) puts the longest jobs first, so
    that no long job starts last while the other workers idle. `keep_zygote` leaves the warm
    kernel parent running for the next call (it is replaced when lkjip's source changes)."""
    root = Path(root).resolve()
    cache = Cache(cache_dir)
    inputs = inputs or Inputs(root, year)
    n = len(jobs)
    statuses: dict[int, JobStatus] = {}
    owners: dict[str, str] = {}
    done = 0

    def report(i: int, st: JobStatus) -> None:
        nonlocal done
        done += 1
        statuses[i] = st
        what = "dari cache" if st.status == CACHED else (
            f"dijalankan, {st.seconds:.1f} dtk (sel {st.work_seconds or 0:.1f} dtk)")
        log(f"  [{done}/{n}] {st.page}: {what}")

    keys = [inputs.static_key(job, kernel) for job in jobs]
    misses = []
    for i, (job, key) in enumerate(zip(jobs, keys)):
        t = time.perf_counter()
        entry = cache.lookup(key, inputs)
        if entry is None:
            misses.append(i)
            continue
        _restore(entry / PAGE, entry / ASSETS, book, job.page, owners)
        report(i, JobStatus(job.page, CACHED, time.perf_counter() - t, _berkas_entri(entry)))

    if misses:
        if before_execute:
            before_execute()
        from lkjip.build.jupyterbook import skip_slow_optional_imports

        skip_slow_optional_imports()
        import papermill  # noqa: F401  imported once here, inherited by the forked workers
        from lkjip.build import kernel as kernels

        # several pages: their kernels are forked from one warm parent (lkjip.build.zygote) that
        # imported ipykernel, matplotlib and lkjip once; one page alone starts its kernel
        # as usual (as fast as waiting for the warm parent's imports), unless one is warm already
        if len(misses) >= ZYGOTE_MIN or kernels.warm(inputs.code):
            zygote = kernels.zygote_for(inputs.code, cwd=str(root))
        else:
            kernels.stop_zygote()  # one of another lkjip source must not serve
            zygote = None
        n_workers = workers_wanted(len(misses))

        def warm_sphinx(left: int) -> None:
            # a page will change, so Sphinx will run: its imports (Jupyter Book, Sphinx, the
            # extensions) are made in a warm parent (run_sphinx) beside the last pages, when
            # workers start to idle (not beside all of them: memory stays low)
            if left <= max(1, n_workers // 2):
                kernels.sphinx_for(inputs.code, cwd=str(root))

        warm_sphinx(len(misses))

        tmp_root = cache_dir / "run" / f"{os.getpid()}-{time.monotonic_ns()}"
        tmp_root.mkdir(parents=True)
        failure: dict | None = None
        ctx = multiprocessing.get_context("fork")
        # Ctrl-C reaches every process of the terminal: the workers leave it to the build, which
        # stops them and says so in one line (lkjip.cli), instead of each printing a traceback
        ex = ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx,
                                 initializer=signal.signal, initargs=(signal.SIGINT, signal.SIG_IGN))
        try:
            futures = {}
            known = durations or {}
            # longest first; pages never timed first of all (they may be long)
            for i in sorted(misses, key=lambda i: -known.get(jobs[i].page, float("inf"))):
                tmp = tmp_root / str(i)
                tmp.mkdir()
                futures[ex.submit(_execute, str(root), jobs[i], year, str(tmp), kernel)] = i
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                warm_sphinx(len(pending))
                for fut in finished:
                    if fut.cancelled():  # after a failure
                        continue
                    i = futures[fut]
                    job, tmp = jobs[i], tmp_root / str(i)
                    res = fut.result()
                    if "error" in res:
                        failure = failure or res
                        for p in pending:
                            p.cancel()
                        continue
                    page = Path(res["page"])
                    deps = read_deps_log(tmp / "deps.log")
                    if deps is None:
                        deps = inputs.fallback_deps()
                    if cache.store(keys[i], inputs, page, tmp / ASSETS, deps, res["seconds"]) is None:
                        log(f"  {job.page}: data berubah selama build; halaman ini tidak disimpan di cache")
                    _restore(page, tmp / ASSETS, book, job.page, owners)
                    report(i, JobStatus(job.page, RAN, res["seconds"], _berkas(deps), round(res["work"], 3)))
        finally:
            ex.shutdown(wait=True, cancel_futures=True)
            if zygote is not None and not keep_zygote:
                kernels.stop_zygote()
            shutil.rmtree(tmp_root, ignore_errors=True)
        if failure:
            err = BuildError(failure["error"])  # the message already names chapter and cell
            err.chapter, err.cell = failure["chapter"], failure["cell"]
            raise err
    cache.prune()
    return [statuses[i] for i in range(n)]


# ------------------------------------------------------------------ Jupyter Book


def jupyter_book_cmd(book: Path, builder: str) -> list[str]:
    return [sys.executable, "-m", "lkjip.build.jupyterbook", "build", str(book), "--builder", builder]


def jupyter_book_env(book: Path, **extra: str) -> dict:
    # compiled theme templates, kept next to the notebook cache (build/.cache/jinja)
    cache = Proyek.temukan().build / ".cache" / "jinja"
    return lingkungan.untuk_proses(CACHE_JINJA=cache, **extra)


SPHINX_WAIT = 180.0  # seconds run_sphinx waits for a warm Sphinx parent still importing


def run_sphinx(book: Path, builder: str) -> tuple[int, str]:
    """Jupyter Book's `builder` on `book` (``python -m lkjip.build.jupyterbook build``); returns
    its status and output. When this build started a warm Sphinx parent (run_jobs), the build
    runs in a child forked from it: the same program, without its imports."""
    from lkjip.build import kernel as kernels

    env = jupyter_book_env(book)
    z = kernels._sphinx
    deadline = time.monotonic() + SPHINX_WAIT
    while z is not None and z.alive() and not z.ready() and time.monotonic() < deadline:
        time.sleep(0.05)
    if z is not None and z.ready():
        log = Path(kernels._short_path("sphinx") + ".log")
        try:
            try:
                proc = kernels.fork_request(z.path, {"book": str(book), "builder": builder, "log": str(log),
                                                     "env": env, "cwd": os.getcwd()})
            except OSError:
                proc = None  # the parent ended: as without one
            if proc is not None:
                code = proc.wait()
                return code, log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
        finally:
            log.unlink(missing_ok=True)
    import subprocess

    p = subprocess.run(jupyter_book_cmd(book, builder), capture_output=True, text=True, env=env)
    return p.returncode, p.stdout + p.stderr


def jupyter_book_failed(builder: str, output: str) -> BuildError:
    from lkjip.build.failures import tool_summary  # the cause in a few lines, not Sphinx's traceback

    tail = tool_summary(output)
    return BuildError(f"jupyter-book ({builder}) gagal:\n{tail}", chapter=None)


# ------------------------------------------------------------------ the persistent work book


def _same(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except FileNotFoundError:
        return False


def sync_tree(src: Path, dst: Path, keep: tuple[str, ...] = ("_build",), delete: bool = True) -> list[str]:
    """Make dst hold the files of src. Only files whose content differs are written (with
    a new modification time); files not in src are removed (when `delete`), except
    top-level `keep`. Returns the relative paths written or removed."""
    changed = []
    wanted = set()
    for d, dirs, files in os.walk(src):
        for f in files:
            s = Path(d) / f
            rel = s.relative_to(src)
            wanted.add(rel)
            t = dst / rel
            if not _same(s, t):
                t.parent.mkdir(parents=True, exist_ok=True)
                if t.is_dir():
                    shutil.rmtree(t)
                shutil.copyfile(s, t)  # not copy2: the new mtime tells Sphinx the page changed
                changed.append(str(rel))
    if delete and dst.is_dir():
        for d, dirs, files in os.walk(dst, topdown=True):
            dp = Path(d)
            if dp == dst:
                dirs[:] = [x for x in dirs if x not in keep]
            for f in files:
                rel = (dp / f).relative_to(dst)
                if rel.parts[0] in keep and len(rel.parts) == 1:
                    continue
                if rel not in wanted:
                    (dp / f).unlink()
                    changed.append(f"-{rel}")
        for d, dirs, files in sorted(os.walk(dst), key=lambda x: -len(x[0])):
            dp = Path(d)
            if dp != dst and dp.relative_to(dst).parts[0] not in keep and not any(dp.iterdir()):
                dp.rmdir()
    return changed


class WorkBook:
    """build/.work/<year>/: the persistent book Sphinx builds incrementally, under a lock
    (two builds of the same year wait for each other)."""

    def __init__(self, build_root: Path, year: int, fingerprint: str):
        self.dir = build_root / ".work" / str(year)
        self.book = self.dir / "book"
        self.out = self.book / "_build"
        self.fingerprint = fingerprint  # lkjip code + environment: a change means a fresh Sphinx build
        self._lock = None
        self.digests: dict[str, str] = {}  # per builder: the sources its output is built from

    def __enter__(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.dir / "lock", "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("  menunggu build lain untuk tahun yang sama selesai ...", file=sys.stderr, flush=True)
            fcntl.flock(self._lock, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self._lock, fcntl.LOCK_UN)
        self._lock.close()

    def prepare(self, staged_book: Path) -> None:
        """Before the pages exist: drop stale Sphinx state, bring in the configuration."""
        env_file = self.out / ".lkjip-env"
        if self.out.exists() and (not env_file.is_file() or env_file.read_text() != self.fingerprint):
            shutil.rmtree(self.out)  # code or environment changed: no stale Sphinx state
        sync_tree(staged_book, self.book, delete=False)
        self.out.mkdir(parents=True, exist_ok=True)
        env_file.write_text(self.fingerprint)

    def update_from(self, staged_book: Path) -> list[str]:
        """Bring the staged book in, rewriting only changed files. When a page left the book (a
        sasaran left the PK, a chapter left _toc.yml) Sphinx would keep its old output (the
        page, its images and downloads, the old navigation in other pages): its whole state is
        discarded, so this build is a clean one and publishes exactly what a clean build would.
        The same when any file left (a chart or a download no page shows any more)."""
        changed = sync_tree(staged_book, self.book)
        if any(c.startswith("-") for c in changed):
            shutil.rmtree(self.out, ignore_errors=True)
            self.out.mkdir(parents=True)
            (self.out / ".lkjip-env").write_text(self.fingerprint)
        return changed

    def source_digest(self) -> str:
        h = hashlib.sha256(self.fingerprint.encode())
        for d, dirs, files in os.walk(self.book):
            dp = Path(d)
            if dp == self.book:
                dirs[:] = [x for x in dirs if x != "_build"]
            dirs.sort()
            for f in sorted(files):
                h.update(str((dp / f).relative_to(self.book)).encode() + b"\0" + (dp / f).read_bytes())
        return h.hexdigest()

    def run(self, builder: str, output: Path, run_jupyter_book) -> bool:
        """Run Jupyter Book's `builder` unless its output is up to date with the sources.
        Returns whether it ran. On failure the Sphinx state is discarded."""
        stamp = self.out / f".lkjip-{builder}.stamp"
        digest = self.digests[builder] = self.source_digest()
        if output.exists() and stamp.is_file() and stamp.read_text() == digest:
            return False
        stamp.unlink(missing_ok=True)
        try:
            run_jupyter_book(self.book, builder)
        except BaseException:
            shutil.rmtree(self.out, ignore_errors=True)
            raise
        stamp.write_text(digest)
        return True


def write_report(path: Path, data: dict) -> None:
    write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False))


def summary(timings: dict[str, float], statuses: list[JobStatus], notes: dict[str, str]) -> str:
    if "sumber" in notes:  # nothing changed since the last build: nothing was run (pipeline._unchanged)
        return (f"Waktu: tidak ada sumber yang berubah sejak build terakhir, tidak ada yang dijalankan "
                f"({len(statuses)} halaman tetap) · total {timings.get('total', 0):.1f} dtk")
    ran = [s for s in statuses if s.status == RAN]
    split = ""
    if ran:  # a page's own work (its cells) apart from its kernel's start-up, papermill and shutdown
        work = sum(s.work_seconds or 0 for s in ran)
        split = f"; per halaman: sel {work:.1f} dtk, mulai kernel dll. {sum(s.seconds for s in ran) - work:.1f} dtk"
    parts = [f"validasi {timings.get('validasi', 0):.1f} dtk",
             f"bab {timings.get('bab', 0):.1f} dtk ({len(ran)} dijalankan, {len(statuses) - len(ran)} dari cache"
             f"{split})",
             f"HTML {timings.get('html', 0):.1f} dtk ({notes.get('html', '-')})"]
    if "pdf" in notes:
        parts.append(f"PDF {timings.get('pdf', 0):.1f} dtk ({notes['pdf']})")
    if "terbit" in notes:
        parts.append(f"terbit {timings.get('terbit', 0):.1f} dtk ({notes['terbit']})")
    parts.append(f"total {timings.get('total', 0):.1f} dtk")
    return "Waktu: " + " · ".join(parts)


def job_records(statuses: list[JobStatus]) -> list[dict]:
    return [asdict(s) for s in statuses]


def previous_durations(report: Path) -> dict[str, float]:
    """Execution seconds per page, from the last build report that executed it."""
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return dict(data.get("durations", {}))


def fingerprint(inputs: Inputs) -> str:
    """What, when changed, makes the Sphinx state of the work book untrustworthy."""
    return f"code {inputs.code}\nenvironment {inputs.environment}\n"


__all__ = ["JobStatus", "run_jobs", "sync_tree", "WorkBook", "summary", "CACHED", "RAN", "tree_digest"]
