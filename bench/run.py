"""Benchmark of the edit-to-page loop (not a test): `.venv/bin/python bench/run.py`.

In one run, in a temporary copy of the project, side by side on this machine:
  (a) cold    `lkjip build --year Y --no-pdf` with an empty cache and no work book, and no warm
              build server (lkjip.build.server): the first build of the day
  (a') cold with the warm server that the builds before left running (cold_server_s)
  (b) naive   the same pages built the naive way: one Jupyter Book whose notebooks carry
              their parameters (`tahun = Y`, plus each job's own), `execute_notebooks: force`
  (c) nochange  the same `lkjip build --no-pdf` again, nothing changed
  (d) edit    after appending a sentence to one chapter's narrative Markdown (checked on the page)
  (e) pdf     `lkjip build --year Y` (the PDF step; the site is up to date)
  (f) memory  peak memory of the build's process tree with the warm server's (sampled ten times
              a second in (a)-(e), (i) and (k); not in (g) and (h), whose seconds it would move): summed
              PSS (shared pages counted once), summed RSS beside it, and the largest single
              process (getrusage)
  (g) every page  for one prose file of every page (every chapter, every Bab III sasaran: the
              `.md` the page read that the fewest pages read), a sentence appended and the site
              rebuilt: seconds and pages re-executed, median and max
  (h) data edit  one realisasi component changed in the year's komponen.csv
  (i) pdf edit   the PDF step after a one-page edit, against the PDF step from cold
  (k) all     `lkjip build --all --no-pdf` from an empty build folder: every report that has
              data in one run (seconds, peak memory, reports built)
and, from the cold build's report, the seconds the pages' cells ran against the rest of their
execution (kernel start-up, papermill, shutdown),
and prints the ratios against the targets of issues 12 and 15 (against the naive build of the
same run). It writes build/bench/result.json. Generic: it builds whatever chapters `_toc.yml`
lists; numbers move as chapters are added.
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


def server_roots() -> list[psutil.Process]:
    """The warm build servers running (lkjip.build.server): a build they fork is their child,
    not the command's, so their trees are measured with it."""
    out = []
    for p in psutil.process_iter(["cmdline"]):
        cmd = p.info.get("cmdline") or []
        if "server-build" in cmd:
            out.append(p)
    return out


class Peak:
    """Peak memory of a process and its descendants, with the warm build server's tree (the
    builds it forks, its warm parents and their kernels), sampled every 20 ms: the summed PSS
    (each page counted once across the processes that share it: forked kernels share most of
    their memory with their parent) and, for comparison, the summed RSS (shared pages counted
    once per process)."""

    def __init__(self, pid: int):
        self.proc = psutil.Process(pid)
        self.roots = server_roots()
        self.peak = self.peak_rss = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self):
        while not self._stop.is_set():
            total = total_rss = 0
            procs = {}
            for root in (self.proc, *self.roots):
                try:
                    for p in (root, *root.children(recursive=True)):
                        procs[p.pid] = p
                except psutil.Error:
                    continue
            for p in procs.values():
                try:
                    m = p.memory_full_info()
                except psutil.Error:
                    continue
                total += m.pss
                total_rss += m.rss
            self.peak = max(self.peak, total)
            self.peak_rss = max(self.peak_rss, total_rss)
            # reading every process's smaps costs CPU the build would use: 10 samples a second
            self._stop.wait(0.1)

    def stop(self) -> tuple[int, int]:
        self._stop.set()
        self._t.join()
        return self.peak, self.peak_rss


RSS: dict[str, int] = {}  # per command name: the summed-RSS peak, beside the PSS one


def timed(cmd: list[str], cwd: Path, env: dict, name: str = "", memory: bool = True) -> tuple[float, int, str]:
    """Seconds, peak memory (when `memory`: the sampling takes some CPU) and output of a command."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = Peak(proc.pid) if memory else None
    out, _ = proc.communicate()
    wall = time.perf_counter() - t
    mem, rss = peak.stop() if peak else (0, 0)
    RSS[name] = max(RSS.get(name, 0), rss)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{out[-3000:]}")
    return wall, mem, out


def stop_server() -> None:
    """No warm build server before a cold build: cold is the first build of the day."""
    from lkjip.build import server

    server.stop()
    end = time.monotonic() + 60
    while (server.socket_path().exists() or server_roots()) and time.monotonic() < end:
        time.sleep(0.1)


def wait_server() -> bool:
    """Wait (up to 30 s) for the server the last build left behind."""
    from lkjip.build import server

    end = time.monotonic() + 30
    while not server.socket_path().exists() and time.monotonic() < end:
        time.sleep(0.1)
    return server.socket_path().exists()


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
    split: dict[str, list[float]] = {"work": [], "total": []}  # cold: the pages' cells, their whole execution
    on_page = True

    def measure(name: str, cmd: list[str], env_: dict = env) -> str:
        secs, peak, out = timed(cmd, project, env_, name)
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
            stop_server()
            measure("cold", build_html)
            rep = report_of(project, year)
            n_jobs = len(rep["jobs"])
            assert all(j["status"] == "dijalankan" for j in rep["jobs"]), rep
            split["work"].append(sum(j.get("work_seconds") or 0 for j in rep["jobs"]))
            split["total"].append(sum(j["seconds"] for j in rep["jobs"]))

            wait_server()  # the cold build left one: the builds below are the analyst's next ones
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

        # (a') cold, with the warm server the builds above left running (an empty cache and
        # work book, as cold; the imports and warm parents already made)
        shutil.rmtree(project / "build", ignore_errors=True)
        server_up = wait_server()
        measure("cold_server", build_html)
        measure("pdf", lkjip + ["build", "--year", str(year)])
        pdf_cold = report_of(project, year)["timings"].get("pdf", float("nan"))
        measure("pdf_nochange", lkjip + ["build", "--year", str(year)])

        # (g) one prose file of every page
        jobs = report_of(project, year)["jobs"]
        readers: dict[str, int] = {}
        for j in jobs:
            for f in j.get("berkas", ()):
                readers[f] = readers.get(f, 0) + 1
        per_page = []
        for j in jobs:
            prose = sorted((f for f in j.get("berkas", ()) if f.startswith("data/") and f.endswith(".md")),
                           key=lambda f: (readers[f], f))
            if not prose:
                per_page.append({"page": j["page"], "berkas": None})
                continue
            f = project / prose[0]
            sentence = SENTENCE.format(stamp=f"{int(time.time())}-{j['page']}")
            f.write_text(f.read_text(encoding="utf-8").rstrip("\n") + " " + sentence + "\n", encoding="utf-8")
            secs, _, _ = timed(build_html, project, env, memory=False)
            rep = report_of(project, year)
            ran = [x["page"] for x in rep["jobs"] if x["status"] == "dijalankan"]
            shown = sentence in page_text(project / "build" / str(year) / "html")
            per_page.append({"page": j["page"], "berkas": prose[0], "seconds": round(secs, 2), "ran": ran,
                             "on_page": shown})
            on_page = on_page and shown

        # (h) one realisasi edit: the first component with a value, +1
        komponen = project / "data" / str(year) / "komponen.csv"
        lines = komponen.read_text(encoding="utf-8").splitlines(keepends=True)
        header = lines[0].rstrip("\r\n").split(",")
        col = header.index("nilai")
        for n, line in enumerate(lines[1:], 1):
            cells = line.rstrip("\r\n").split(",")
            if len(cells) == len(header) and re.fullmatch(r"\d+", cells[col]):
                cells[col] = str(int(cells[col]) + 1)
                lines[n] = ",".join(cells) + "\n"
                break
        komponen.write_text("".join(lines), encoding="utf-8")
        data_secs, _, _ = timed(build_html, project, env, memory=False)
        data_ran = [x["page"] for x in report_of(project, year)["jobs"] if x["status"] == "dijalankan"]

        # (i) the PDF after a one-page edit: the PDF first brought up to date with the edits
        # above (not measured), then one sentence in one page's prose
        timed(lkjip + ["build", "--year", str(year)], project, env)
        f = project / next(p["berkas"] for p in per_page if p["berkas"])
        f.write_text(f.read_text(encoding="utf-8").rstrip("\n") + " Kalimat untuk PDF.\n", encoding="utf-8")
        measure("pdf_edit", lkjip + ["build", "--year", str(year)])
        pdf_edit = report_of(project, year)["timings"].get("pdf", float("nan"))
        # (k) every report of the cycle in one run, from an empty build folder
        shutil.rmtree(project / "build", ignore_errors=True)
        all_out = measure("all", lkjip + ["build", "--all", "--no-pdf"])
        all_built = len(re.findall(r"^== ", all_out, flags=re.M))
        largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        # (j) save-to-browser latency of `lkjip preview` (bench/preview.py, its own project copy)
        pv = subprocess.run([sys.executable, str(ROOT / "bench" / "preview.py"), "--saves", "5"],
                            cwd=ROOT, capture_output=True, text=True)
        preview = json.loads((ROOT / "build" / "bench" / "preview.json").read_text(encoding="utf-8")) \
            if pv.returncode == 0 else {"preview_latency_s": None, "error": pv.stdout[-2000:] + pv.stderr[-2000:]}
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    res = {k: statistics.median(v) for k, v in runs.items()}
    peak = max(mem.values())
    gb = 1024 ** 3
    edits = [p for p in per_page if p["berkas"]]
    edit_secs = [p["seconds"] for p in edits]
    edit_pages = [len(p["ran"]) for p in edits]
    naive_s = res["naive"]
    result = {
        "cold_s": round(res["cold"], 2), "naive_s": round(naive_s, 2), "nochange_s": round(res["nochange"], 2),
        "edit_median_s": round(statistics.median(edit_secs), 2), "edit_max_s": round(max(edit_secs), 2),
        "edit_max_pages": max(edit_pages), "edit_median_pages": statistics.median(edit_pages),
        "data_edit_s": round(data_secs, 2), "data_edit_pages": len(data_ran),
        "preview_latency_s": preview.get("preview_latency_s"), "preview": preview,
        "pdf_cold_s": round(pdf_cold, 2), "pdf_edit_s": round(pdf_edit, 2), "peak_gb": round(peak / gb, 3),
        "peak_rss_gb": round(max(RSS.values()) / gb, 3), "peak_measure": "summed PSS of the process trees",
        "cold_server_s": round(runs["cold_server"][0], 2), "server": server_up,
        "all_s": round(runs["all"][0], 2), "all_peak_gb": round(mem["all"] / gb, 3), "all_reports": all_built,
        "cold_cells_s": round(statistics.median(split["work"]), 2),
        "cold_startup_s": round(statistics.median(split["total"]) - statistics.median(split["work"]), 2),
        "jobs": n_jobs, "cores": os.cpu_count(), "load": round(os.getloadavg()[0], 1),
        "date": time.strftime("%Y-%m-%d %H:%M"), "repeat": args.repeat, "per_page": per_page,
        "data_edit_ran": data_ran, "ran_after_bab2_edit": ran_after_edit, "runs": runs,
    }
    targets = [  # (name, value, limit, what)
        ("cold / naive", res["cold"] / naive_s, 0.30, "<= 0.30 (issue 15)"),
        ("no change / naive", res["nochange"] / naive_s, 0.03, "<= 0.03 (issue 12)"),
        ("one prose edit, median / naive", result["edit_median_s"] / naive_s, 0.10, "<= 0.10 (issue 12)"),
        ("one prose edit, max / naive", result["edit_max_s"] / naive_s, 0.10, "<= 0.10 (issue 12)"),
        ("data edit / naive", data_secs / naive_s, 0.15, "<= 0.15 (issue 15)"),
        ("PDF after one-page edit / PDF cold", pdf_edit / pdf_cold, 0.5, "<= 0.5 (issue 15)"),
    ]
    if result["preview_latency_s"] is not None:
        targets.append(("preview save-to-browser / naive", result["preview_latency_s"] / naive_s, 0.12,
                        "<= 0.12 (issue 12)"))
    result["ratios"] = {name: round(v, 3) for name, v, _, _ in targets}
    print(f"lkjip bench, {result['date']}, year {year}, {n_jobs} notebook jobs, {os.cpu_count()} cores, "
          f"load {result['load']}, Python {sys.version.split()[0]}, median of {args.repeat} for (a)-(d)")
    for k in ("naive_s", "cold_s", "cold_server_s", "nochange_s", "edit_median_s", "edit_max_s", "edit_max_pages", "data_edit_s",
              "data_edit_pages", "preview_latency_s", "pdf_cold_s", "pdf_edit_s", "peak_gb", "all_s", "all_peak_gb",
              "all_reports", "cold_cells_s", "cold_startup_s"):
        print(f"  {k:22s} {result[k]}")
    for name, v, limit, what in targets:
        print(f"  {name:38s} {v:5.2f}  {'OK  ' if v <= limit else 'MISS'} {what}")
    print(f"  peak memory {peak / gb:.2f} GB {'OK' if peak < gb else 'MISS'} (< 1.0 GB; summed PSS; summed RSS "
          f"{result['peak_rss_gb']:.2f} GB; largest single process {largest / gb:.2f} GB); "
          f"every edited sentence on its page: {'ya' if on_page else 'TIDAK'}")
    out = ROOT / "build" / "bench" / "result.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    for path in (out, args.json):
        if path:
            path.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    if not on_page:
        sys.exit(1)


if __name__ == "__main__":
    main()
