"""Benchmark of the edit-to-page loop (not a test): `.venv/bin/python bench/run.py`.

In one run, in a temporary copy of the project, side by side on this machine:
  (a) cold    `lkjip build --year Y --no-pdf` with an empty cache and no work book
  (b) naive   the same pages built the naive way: one Jupyter Book whose notebooks carry
              their parameters (`tahun = Y`, plus each job's own), `execute_notebooks: force`
  (c) nochange  the same `lkjip build --no-pdf` again, nothing changed
  (d) edit    after appending a sentence to one chapter's narrative Markdown (checked on the page)
  (e) pdf     `lkjip build --year Y` (the PDF step; the site is up to date)
  (f) memory  peak resident memory of the build's process tree (sampled), and the largest
              single process (getrusage)
and prints the ratios against the targets of issue 7. Generic: it builds whatever
chapters `_toc.yml` lists; numbers move as chapters are added.
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from lkjip.tools.projek import copy_project

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SENTENCE = "Kalimat uji kecepatan bench {stamp}."


class Peak:
    """Peak of the summed RSS of a process and its descendants, sampled every 20 ms."""

    def __init__(self, pid: int):
        self.proc = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self):
        while not self._stop.is_set():
            total = 0
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
            except psutil.Error:
                break
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.02)

    def stop(self) -> int:
        self._stop.set()
        self._t.join()
        return self.peak


def timed(cmd: list[str], cwd: Path, env: dict) -> tuple[float, int, str]:
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = Peak(proc.pid)
    out, _ = proc.communicate()
    wall = time.perf_counter() - t
    mem = peak.stop()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{out[-3000:]}")
    return wall, mem, out


def naive_book(project: Path, book: Path, year: int) -> None:
    """The report's pages as one Jupyter Book that executes its notebooks itself."""
    sys.path.insert(0, str(ROOT))
    os.environ["LKJIP_ROOT"] = str(project)
    from lkjip.build.pipeline import plan, write_book_config, write_toc
    from lkjip.data.pk import load_year

    data = load_year(year, project)
    book.mkdir(parents=True)
    write_book_config(project, book, data)
    jobs = plan(project, data)
    if "data" in inspect.signature(write_toc).parameters:  # a plan that depends on the year's data
        write_toc(project, book, jobs, data=data)
    else:
        write_toc(project, book, jobs)
    for job in jobs:
        nb = json.loads((project / "notebooks" / f"{job.notebook}.ipynb").read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if "parameters" in cell.get("metadata", {}).get("tags", []):
                cell["source"] = "\n".join(f"{k} = {v!r}" for k, v in job.params(year).items())
                break
        out = book / f"{job.page}.ipynb"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    cfg_path = book / "_config.yml"
    cfg = cfg_path.read_text(encoding="utf-8")
    cfg = re.sub(r"execute_notebooks: .*", "execute_notebooks: force", cfg)
    cfg_path.write_text(cfg, encoding="utf-8")
    return jobs


def report_of(project: Path, year: int) -> dict:
    return json.loads((project / "build" / ".work" / str(year) / "last-build.json").read_text(encoding="utf-8"))


def page_text(html_dir: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in html_dir.glob("**/*.html"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--year", type=int, default=2023)
    ap.add_argument("--repeat", type=int, default=3, help="runs of (a)-(d); the median is shown")
    ap.add_argument("--keep", action="store_true", help="keep the temporary project")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    year = args.year

    tmp = Path(tempfile.mkdtemp(prefix="lkjip-bench-"))
    project = copy_project(ROOT, tmp / "project")
    env = dict(os.environ, LKJIP_ROOT=str(project))
    lkjip = [str(BIN / "lkjip")]
    build_html = lkjip + ["build", "--year", str(year), "--no-pdf"]
    runs: dict[str, list[float]] = {k: [] for k in ("naive", "cold", "nochange", "edit")}
    mem: dict[str, int] = {}
    ran_after_edit: list[str] = []
    on_page = True

    def measure(name: str, cmd: list[str], env_: dict = env) -> str:
        secs, peak, out = timed(cmd, project, env_)
        runs.setdefault(name, []).append(secs)
        mem[name] = max(mem.get(name, 0), peak)
        return out

    try:
        # warm the file cache for both sides (imports), outside the measurements
        timed(lkjip + ["check", "--year", str(year)], project, env)
        timed([str(BIN / "jupyter-book"), "--version"], project, env)
        narasi = project / "data" / str(year) / "narasi"
        md = narasi / "pk_pengantar.md"
        if not md.is_file():
            md = sorted(narasi.glob("*.md"))[0]

        for r in range(args.repeat):  # naive and cold alternate, so load from others hits both
            naive = tmp / f"naive-{r}"
            naive_book(project, naive, year)
            out = measure("naive", [str(BIN / "jupyter-book"), "build", str(naive), "--builder", "html"],
                          dict(env, LKJIP_ASSET_DIR=str(naive / "_grafik")))
            if "Execution Failed" in out or not (naive / "_build" / "html" / "index.html").is_file():
                raise SystemExit("naive build failed:\n" + out[-3000:])

            shutil.rmtree(project / "build", ignore_errors=True)
            measure("cold", build_html)
            rep = report_of(project, year)
            n_jobs = len(rep["jobs"])
            assert all(j["status"] == "dijalankan" for j in rep["jobs"]), rep

            measure("nochange", build_html)
            rep = report_of(project, year)
            assert all(j["status"] == "cache" for j in rep["jobs"]), rep
            assert rep["notes"]["html"] == "tidak berubah", rep

            sentence = SENTENCE.format(stamp=f"{int(time.time())}-{r}")
            md.write_text(md.read_text(encoding="utf-8").rstrip("\n") + " " + sentence + "\n", encoding="utf-8")
            measure("edit", build_html)
            rep = report_of(project, year)
            ran_after_edit = [j["page"] for j in rep["jobs"] if j["status"] == "dijalankan"]
            on_page = on_page and sentence in page_text(project / "build" / str(year) / "html")

        measure("pdf", lkjip + ["build", "--year", str(year)])
        pdf_step = report_of(project, year)["timings"].get("pdf", float("nan"))
        measure("pdf_nochange", lkjip + ["build", "--year", str(year)])
        largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    res = {k: statistics.median(v) for k, v in runs.items()}
    peak = max(mem.values())
    gb = 1024 ** 3
    rows = [
        ("(a) cold build, HTML", res["cold"], res["cold"] / res["naive"], "<= 0.6 x naive", 0.6),
        ("(b) naive build (execute: force)", res["naive"], None, "", None),
        ("(c) rebuild, nothing changed", res["nochange"], res["nochange"] / res["cold"], "<= 0.10 x cold", 0.10),
        ("(d) rebuild after one narrative edit", res["edit"], res["edit"] / res["cold"], "<= 0.35 x cold", 0.35),
        ("(e) PDF build (site up to date)", res["pdf"], None, f"of which PDF step {pdf_step:.1f} s", None),
        ("    PDF build again, nothing changed", res["pdf_nochange"], None, "", None),
    ]
    print(f"lkjip bench, {time.strftime('%Y-%m-%d %H:%M')}, year {year}, {n_jobs} notebook jobs, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}, "
          f"median of {args.repeat} for (a)-(d)")
    for name, secs, ratio, target, limit in rows:
        r = "" if ratio is None else f"{ratio:5.2f}  {'OK  ' if ratio <= limit else 'MISS'}"
        print(f"  {name:40s} {secs:6.1f} s  {r:11s} {target}")
    print(f"  (d) re-executed: {', '.join(ran_after_edit) or '-'}; the sentence is on the page: "
          f"{'ya' if on_page else 'TIDAK'}")
    print(f"  (f) peak memory, build process tree     {peak / gb:6.2f} GB  "
          f"{'OK  ' if peak < 1.5 * gb else 'MISS'}        < 1.5 GB "
          f"(largest single process {largest / gb:.2f} GB)")
    if args.json:
        args.json.write_text(json.dumps({"seconds": res, "runs": runs, "peak_bytes": peak, "jobs": n_jobs,
                                         "edit_on_page": on_page, "ran_after_edit": ran_after_edit}, indent=1))
    if not on_page:
        sys.exit(1)


if __name__ == "__main__":
    main()
