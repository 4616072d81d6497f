"""`lkjip build`: execute the chapter notebooks with papermill for one fiscal year,
compile them with Jupyter Book into a site and a PDF, and publish atomically.

Nothing is lost: everything is written into a staging folder under build/, and
build/<year>/ is replaced only when every step succeeded.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from lkjip.build import latex as pdfbook
from lkjip.build import site
from lkjip.build.execute import KERNEL, nbformat
from lkjip.data.berkas import copy_tree_linked, swap_dir
from lkjip.data.pk import project_root
from lkjip.check.periksa import tulis_qa, validasi
from lkjip.errors import BuildError
from lkjip.core.aset import GRAFIK
from lkjip.core.fmt import tanggal
from lkjip.core.periode import Periode
from lkjip.core.model import TahunData
from lkjip.laporan.tabel import md_escape
from lkjip.laporan.judul import substitusi
from lkjip import lingkungan

@dataclass
class BuildResult:
    year: int
    html_dir: Path
    pdf: Path | None
    timings: dict[str, float] = field(default_factory=dict)
    jobs: list = field(default_factory=list)  # runner.JobStatus per page: from the cache or executed
    notes: dict[str, str] = field(default_factory=dict)  # per step: rebuilt or up to date

    def summary(self) -> str:
        from lkjip.build.runner import summary

        return summary(self.timings, self.jobs, self.notes)


def _bin(name: str) -> str:
    """An executable of this environment (the venv's bin), else from PATH."""
    cand = Path(sys.executable).parent / name
    return str(cand) if cand.exists() else (shutil.which(name) or name)


@dataclass(frozen=True)
class Job:
    """One notebook execution: notebooks/<notebook>.ipynb run with `parameters` into
    the book page <page>.ipynb."""

    notebook: str
    page: str
    parameters: tuple[tuple[str, object], ...] = ()
    judul: str | None = None  # page heading set by the build (per-sasaran pages)
    # the page's parts from the book plan (lkjip.data.buku): (kunci, heading or None); the
    # key "" is the page heading. None: the notebook as it is
    bagian: tuple[tuple[str, str | None], ...] | None = None

    def params(self, year: int) -> dict:
        """What papermill injects: the year, and the job's parameters (a quarterly report's
        ``periode``, tw1..tw4, is one of them: see :func:`plan`)."""
        return {"tahun": year, **dict(self.parameters)}


def read_toc(root: Path) -> dict:
    return yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))


def _entry_jobs(e: dict, data: TahunData, buku=None) -> list[Job]:
    """The jobs of one _toc.yml entry: one, or with ``per_sasaran: true`` one per sasaran
    of the year's PK (parameter ``sasaran_id``, page ``<file>_<id>``, heading from data).
    With the year's book plan, each job carries the headings of its parts (or their absence)."""
    bagian = None
    if buku is not None:
        h = buku.cari(e["file"])
        bagian = (*((("", "# " + h.judul),) if h.judul else ()), *h.judul_bagian())
    if not e.get("per_sasaran"):
        return [Job(e["file"], e["file"], bagian=bagian)]
    from lkjip.laporan.bab3 import judul_sasaran

    return [Job(e["file"], f"{e['file']}_{s.id.lower()}", (("sasaran_id", s.id),),
                judul_sasaran(data.sasaran, s, data.organisasi.nama_keterangan), bagian)
            for s in data.sasaran]


def _expand(entries, data: TahunData, jobs: list[Job], buku=None) -> list[dict]:
    """Entries of the year's _toc.yml, collecting the jobs in reading order; an entry whose
    page the year's book plan leaves out is dropped with its sections."""
    out = []
    for e in entries or []:
        e = dict(e)
        if "file" in e:
            if buku is not None and not buku.ada(e["file"]):
                continue
            ejobs = _entry_jobs(e, data, buku)
            jobs.extend(ejobs)
            e.pop("per_sasaran", None)
            if len(ejobs) != 1 or ejobs[0].page != e["file"]:
                out.extend({"file": j.page} for j in ejobs)
                continue
        if "sections" in e:
            e["sections"] = _expand(e["sections"], data, jobs, buku)
            if not e["sections"]:
                del e["sections"]
        if "chapters" in e:
            e["chapters"] = _expand(e["chapters"], data, jobs, buku)
        out.append(e)
    return out


def year_toc(root: Path, data: TahunData) -> tuple[dict, list[Job]]:
    """The year's table of contents and its jobs: _toc.yml's pages that the year's book plan
    (lkjip.data.buku) keeps."""
    from lkjip.data.buku import baca_buku

    buku = baca_buku(data.tahun, root)
    toc = read_toc(root)
    jobs: list[Job] = []
    if "chapters" in toc:
        toc["chapters"] = _expand(toc["chapters"], data, jobs, buku)
    for part in toc.get("parts", []) or []:
        part["chapters"] = _expand(part.get("chapters"), data, jobs, buku)
    return toc, jobs


def plan(root: Path, data: TahunData) -> list[Job]:
    """The jobs of a year's book, in reading order, from the template _toc.yml. Every job
    gets Bab III's numbering plan, made here once (parameter ``penomoran``): the numbers
    shared across pages are computed outside the kernels, so a page depends on the prose it
    shows and not on every Bab III prose file the plan reads. A quarterly report's data
    (``data.triwulan``) gives every job the parameter ``periode`` (tw1..tw4); the annual
    report's jobs have none (the notebooks' default, None)."""
    from lkjip.laporan.konteks import Laporan

    kode = Periode(data.tahun, data.triwulan).kode
    rencana = Laporan(data.tahun, root, periode=kode).bab3().penomoran()
    extra = (("penomoran", rencana),) + ((("periode", kode),) if kode else ())
    return [replace(j, parameters=(*j.parameters, *extra)) for j in year_toc(root, data)[1]]


def write_toc(root: Path, book: Path, jobs: list[Job], data: TahunData | None = None) -> None:
    """The year's _toc.yml: the template, with every page a job produces."""
    toc = year_toc(root, data)[0] if data is not None else read_toc(root)
    (book / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_book_config(root: Path, book: Path, data: TahunData) -> None:
    cfg = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    o = data.organisasi
    per = Periode(data.tahun, data.triwulan)
    title = per.judul(o.unit_singkat)  # "... Triwulan III Tahun 2023" for a quarter
    cfg["title"] = title
    cfg["author"] = o.unit
    latex = cfg.setdefault("latex", {})
    latex.setdefault("latex_documents", {})["targetname"] = "book.tex"
    cfg.setdefault("parse", {})["myst_substitutions"] = substitusi(data)  # also filled in JupyterLab
    # the date printed on the cover comes from data, not from the build machine's clock
    # (a quarter's: its last month)
    cfg.setdefault("sphinx", {}).setdefault("config", {})["today"] = (
        tanggal(per.bulan_akhir) if not per.tahunan
        else tanggal(o.laporan_tanggal) if o.laporan_tanggal else str(data.tahun))
    site.configure(cfg, data)
    pdfbook.configure(cfg, data)
    (book / "_config.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    if (root / "_static").is_dir():
        shutil.copytree(root / "_static", book / "_static")
    sampul = "".join(f"**{md_escape(n)}**\n\n" for n in o.nama_sampul[1:])  # the ministry, unless the unit is it
    if per.tahunan:
        cover = (
            f"# Laporan Kinerja {md_escape(o.unit)} Tahun {data.tahun}\n\n" + sampul
            + f"Laporan Kinerja Instansi Pemerintah (LKjIP) {md_escape(o.unit)} tahun anggaran {data.tahun}.\n"
        )
        if o.laporan_tanggal:
            cover += f"\n{md_escape(o.laporan_tempat or '')}, {tanggal(o.laporan_tanggal)}\n"
    else:  # a quarterly report: the quarter on the cover, the figures to date
        cover = (
            f"# Laporan Kinerja {md_escape(o.unit)} {per.label} Tahun {data.tahun}\n\n" + sampul
            + f"Laporan Kinerja {per.label} {md_escape(o.unit)} tahun anggaran {data.tahun}: "
            f"capaian kinerja {per.sampai}.\n"
            f"\n{md_escape(o.laporan_tempat or '')}, {tanggal(per.bulan_akhir)}\n"
        )
    (book / "index.md").write_text(cover, encoding="utf-8")


def missing_pictures(book: Path, jobs: list[Job]) -> list[str]:
    """Every declared photo whose file is missing, read from the executed pages' output
    metadata: 'Gambar III.1. <judul> (data/...)'."""
    out = []
    for job in jobs:
        nb = nbformat.read(book / f"{job.page}.ipynb", as_version=4)
        for cell in nb.cells:
            for o in cell.get("outputs", []):
                m = o.get("metadata", {}).get("lkjip", {})
                if m.get("jenis") == "gambar" and not m.get("ada"):
                    out.append(f"Gambar {m['nomor']}. {m['judul']} ({m['berkas']})")
    return out


def run_jupyter_book(book: Path, builder: str) -> None:
    """Sphinx through Jupyter Book. "pdflatex" is done in two steps so lkjip can finish
    the LaTeX (cover, lists, float kinds) before latexmk compiles it (see latex.py)."""
    from lkjip.build.runner import jupyter_book_failed, run_sphinx

    sphinx_builder = "latex" if builder == "pdflatex" else builder
    code, output = run_sphinx(book, sphinx_builder)
    if code != 0:
        raise jupyter_book_failed(builder, output)
    if builder == "pdflatex":
        pdfbook.make_pdf(book / "_build" / "latex", site.jenis_by_label(book))
    elif builder == "html":
        site.finish_html(book / "_build" / "html")


def write_landing(build_root: Path) -> None:
    """build/index.html: every fiscal year built, with its site and PDF."""
    site.write_landing(build_root)


STAMP = ".lkjip-stamp"  # in build/<year>/: digests of the sources its site and PDF were built from


def _read_stamp(target: Path) -> dict:
    try:
        return json.loads((target / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def publish(staged: Path, target: Path) -> None:
    """Replace target by staged with two renames; the old output is kept until the new is in place."""
    swap_dir(staged, target, target.parent / f".old-{target.name}-{os.getpid()}")  # `recover` knows the name


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(build_root: Path, year: int | str) -> None:
    """Undo what an interrupted build left: put back a published output moved aside but
    not replaced (killed between the two renames of `publish`), and remove staging
    folders of builds that are no longer running. ``year``: the output's name, 2023 or
    "2023-tw3" (lkjip.core.periode.Periode.nama); one never touches the other's folders."""
    if not build_root.is_dir():
        return
    target = build_root / str(year)
    for kind in (".old", ".staging"):
        for d in sorted(build_root.glob(f"{kind}-{year}-*")):
            nama, _, pid = d.name[len(kind) + 1:].rpartition("-")
            if nama != str(year) or not pid.isdigit() or _alive(int(pid)):
                continue
            if kind == ".old" and not target.exists():
                os.replace(d, target)
            else:
                shutil.rmtree(d, ignore_errors=True)


_PROGRESS = ("  [", "  menyusun ", "  menunggu ")  # a build's progress lines, not its findings


def _last_report(report: Path) -> dict:
    """The report of the last successful build of this output (build/.work/<nama>/last-build.json)."""
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _unchanged(build_root: Path, nama: str, lalu: dict, pdf: bool, log, t0: float) -> BuildResult | None:
    """The last build's result when it was made from exactly today's sources (data/,
    notebooks/, the book templates, _static/, lkjip's code, the environment: see
    Inputs.sources_digest) and what it published is still in place, with the PDF when one is
    asked: nothing can come out different, so nothing is run, as `make` does. Its findings
    (audit, missing pictures, notes) are said again. None: build as usual."""
    from lkjip.build.runner import CACHED, JobStatus, write_report

    target = build_root / nama
    stamp = lalu.get("terbit")
    if (not stamp or _read_stamp(target) != stamp or not (target / "html" / "index.html").is_file()
            or not (target / "qa.html").is_file()
            or (pdf and (not stamp.get("pdf") or lalu.get("pdf_sumber") != lalu.get("sumber")))
            or (stamp.get("pdf") and not (target / f"lkjip-{nama}.pdf").is_file())):
        return None
    for line in lalu.get("catatan", []):
        log(line)
    jobs = [JobStatus(j["page"], CACHED, 0.0, tuple(j.get("berkas", ()))) for j in lalu.get("jobs", [])]
    notes = {"html": "tidak berubah", "terbit": "tidak berubah", "sumber": "tidak berubah sejak build terakhir"}
    if pdf:
        notes["pdf"] = "tidak berubah"
    write_landing(build_root)
    timings = {"total": time.perf_counter() - t0}
    write_report(build_root / ".work" / nama / "last-build.json",
                 {**lalu, "jobs": [dict(j, status=CACHED, seconds=0.0, work_seconds=None) for j in lalu.get("jobs", [])],
                  "timings": timings, "notes": notes})
    final_pdf = target / f"lkjip-{nama}.pdf"
    return BuildResult(int(nama.split("-")[0]), target / "html", final_pdf if final_pdf.exists() else None,
                       timings, jobs, notes)


def build(year: int, pdf: bool = True, root: Path | None = None, log=print,
          periode: str | None = None, keep_kernels: bool = False) -> BuildResult:
    """The year's report (``periode`` None) into build/<year>/, or a quarter's (``periode``
    tw1..tw4) into build/<year>-twN/ with its own work folder build/.work/<year>-twN/.
    `keep_kernels`: leave the warm kernel parent running for the next build of this process
    (``lkjip build --all``, lkjip.build.semua)."""
    from lkjip.build.jupyterbook import skip_slow_optional_imports
    from lkjip.build.cache import Inputs
    from lkjip.build.runner import RAN, WorkBook, fingerprint, job_records, previous_durations, run_jobs, write_report

    skip_slow_optional_imports()  # nbformat (papermill, page checks) imports a second faster
    root = Path(root) if root else project_root()
    per = Periode.dari(year, periode)
    nama = per.nama  # build/<nama>/: "2023" or "2023-tw3"
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    notes: dict[str, str] = {}
    recover(root / "build", nama)
    # compiled prose templates kept between builds (lkjip.data.templat), here and in the kernels
    lingkungan.atur(CACHE_JINJA=root / "build" / ".cache" / "jinja")
    from lkjip.build import kernel as kernels

    inputs = Inputs(root, year)
    sumber = inputs.sources_digest()
    laporan_lalu = root / "build" / ".work" / nama / "last-build.json"
    lalu = _last_report(laporan_lalu)
    if lalu.get("sumber") == sumber:
        same = _unchanged(root / "build", nama, lalu, pdf, log, t0)
        if same is not None:
            return same
    else:  # something changed since the last build: pages may run
        kernels.prestart(inputs.code, cwd=str(root), sphinx=False)  # its imports beside the validation below
    catatan: list[str] = []  # what this build says about the data, repeated by a build with nothing to do

    def log(msg: str, _log=log) -> None:
        if not msg.startswith(_PROGRESS):
            catatan.append(msg)
        _log(msg)
    qa = validasi(year, root, per.kode)  # the same complete check as `lkjip check`; raises on bad data
    data = qa.data
    from lkjip.check.kelengkapan import syarat_final

    belum = syarat_final(data)  # a report declared final is complete, or it is not built
    if belum:
        raise BuildError(belum)
    if qa.audit is not None and qa.audit.selisih:
        log(f"  audit: {len(qa.audit.selisih)} dari {qa.audit.diperiksa} angka tertulis berbeda dari data "
            "(peringatan; rinciannya di qa.html)")
    from lkjip.data.pelengkap import load_pelengkap  # the other chapters' data, validated before any notebook runs

    load_pelengkap(year, root, {i.id for i in data.indikator})
    if per.triwulan:  # the quarter's figures (data/<year>/triwulan.csv), validated before any notebook runs
        from lkjip.data.triwulan import terapkan

        data = terapkan(data, per.triwulan, root)
    timings["validasi"] = time.perf_counter() - t0

    build_root = root / "build"
    build_root.mkdir(exist_ok=True)
    staging = build_root / f".staging-{nama}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    book = staging / "book"
    out = staging / "out"
    book.mkdir(parents=True)
    out.mkdir()
    lingkungan.atur(AKAR=root, FOLDER_ASET=book / GRAFIK)
    try:
        with WorkBook(build_root, nama, fingerprint(inputs)) as work:
            write_book_config(root, book, data)
            jobs = plan(root, data)
            write_toc(root, book, jobs, data)
            t = time.perf_counter()
            work.prepare(book)
            durations = previous_durations(work.dir / "last-build.json")
            statuses = run_jobs(root, jobs, year, book, build_root / ".cache", log=log, kernel=KERNEL,
                                inputs=inputs,  # no prestarted Jupyter Book: it would read _toc.yml before site.prepare adds the Daftar page
                                durations=durations, keep_zygote=keep_kernels)
            durations.update({s.page: round(s.seconds, 2) for s in statuses if s.status == RAN})
            timings["bab"] = time.perf_counter() - t
            hilang = missing_pictures(book, jobs)
            if hilang:
                log("  Gambar yang belum tersedia (" + ("tidak dimuat dalam laporan final" if data.organisasi.final
                                                        else "ditampilkan sebagai penanda di draf") + "):")
                for h in hilang:
                    log(f"    - {h}")
            # repository paths and build instructions: off the pages, into the terminal and qa.html
            qa.catatan_susun = site.bersihkan(book, data.organisasi.final)
            for c in qa.catatan_susun:
                if not c.split(": ", 1)[-1].startswith("Gambar "):
                    log(f"  catatan penyusunan (tidak dimuat di laporan): {c}")
            # table downloads (workbooks kept in the cache), the Daftar page, interface words
            site.prepare(book, build_root / ".cache" / "unduh", tahun=year)
            site.write_perbedaan(book, qa.audit)  # the page telling readers the differences
            site.prune_downloads(build_root / ".cache" / "unduh")
            # the persistent book: only changed files are rewritten, so Sphinx rebuilds only them
            work.update_from(book)
            t = time.perf_counter()
            log("  menyusun situs (HTML) ...")
            ran = work.run("html", work.out / "html", run_jupyter_book)  # finished there (site.finish_html)
            notes["html"] = "disusun ulang" if ran else "tidak berubah"
            timings["html"] = time.perf_counter() - t
            built_pdf = work.out / "latex" / "book.pdf"
            if pdf:
                t = time.perf_counter()
                log("  menyusun PDF (LaTeX) ...")
                ran = work.run("pdflatex", built_pdf, run_jupyter_book)
                notes["pdf"] = "disusun ulang" if ran else "tidak berubah"
                if not built_pdf.is_file():
                    raise BuildError("PDF tidak dihasilkan oleh LaTeX (lihat build/.work/"
                                     f"{nama}/book/_build/latex/book.log)")
                timings["pdf"] = time.perf_counter() - t
            t = time.perf_counter()
            target = build_root / nama
            published = _read_stamp(target)
            stamp = {"html": work.digests["html"],
                     "pdf": work.digests["pdflatex"] if pdf else published.get("pdf")}
            if (stamp == published and (target / "html" / "index.html").is_file()
                    and (stamp["pdf"] is None or (target / f"lkjip-{nama}.pdf").is_file())):
                notes["terbit"] = "tidak berubah"  # build/<year> already holds exactly this
                tulis_qa(qa, target / "qa.html")  # the audit may differ even when the pages do not
            else:
                # unchanged files linked from the site published now (only a changed page is written)
                copy_tree_linked(work.out / "html", out / "html", target / "html")
                if pdf:
                    shutil.copy2(built_pdf, out / f"lkjip-{nama}.pdf")
                elif (target / f"lkjip-{nama}.pdf").exists():
                    # a quick HTML build keeps the last PDF of the year
                    shutil.copy2(target / f"lkjip-{nama}.pdf", out / f"lkjip-{nama}.pdf")
                (out / STAMP).write_text(json.dumps(stamp), encoding="utf-8")
                tulis_qa(qa, out / "qa.html")  # the quality log of the data this build was made from
                site.check_pdf_link(out, nama)
                publish(out, target)
                notes["terbit"] = "diganti"
            write_landing(build_root)
            timings["terbit"] = time.perf_counter() - t
            timings["total"] = time.perf_counter() - t0
            write_report(work.dir / "last-build.json", {
                "year": year, "pdf": pdf, "sumber": sumber, "terbit": stamp, "catatan": catatan,
                "server": lingkungan.dari_server(),  # forked by the warm build server (lkjip.build.server)
                # the sources the published PDF was made from (a --no-pdf build keeps the older PDF)
                "pdf_sumber": sumber if pdf else lalu.get("pdf_sumber"), "jobs": job_records(statuses), "timings": timings, "notes": notes,
                "durations": {j.page: durations[j.page] for j in jobs if j.page in durations}})
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    final_pdf = build_root / nama / f"lkjip-{nama}.pdf"
    return BuildResult(year, build_root / nama / "html", final_pdf if final_pdf.exists() else None,
                       timings, statuses, notes)
