"""The build cache and the incremental build: a data edit re-executes exactly the chapters
that read the file and reaches the page; a code edit in `lkjip` re-executes every
chapter; an unchanged rebuild executes nothing and does not start Sphinx; charts come
back from the cache. Statuses are read from the build's own report
(build/.work/<year>/last-build.json), never from timings."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from html import unescape
from pathlib import Path

import nbformat
import pytest
import yaml

from conftest import run_lkjip

from lkjip.build.pipeline import Job
from lkjip.build.cache import Inputs
from lkjip.build.runner import sync_tree

pytestmark = pytest.mark.lambat  # executes notebooks or builds books

YEAR = "2023"


@pytest.fixture()
def project(project: Path) -> Path:
    """The project copy with a book of Bab II only, so each status set below is small and
    every build in these tests takes seconds."""
    toc = yaml.safe_load((project / "_toc.yml").read_text(encoding="utf-8"))
    toc["chapters"] = [{"file": "bab2_perencanaan"}]
    (project / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return project


def build(project: Path, env: dict | None = None) -> dict:
    if env:
        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
    try:
        proc = run_lkjip(project, "build", "--year", YEAR, "--no-pdf", check=True)
    finally:
        if env:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    report = json.loads((project / "build" / ".work" / YEAR / "last-build.json").read_text(encoding="utf-8"))
    report["stdout"] = proc.stdout
    return report


def status(report: dict) -> dict[str, str]:
    return {j["page"]: j["status"] for j in report["jobs"]}


def page(project: Path, name: str) -> str:
    s = (project / "build" / YEAR / "html" / f"{name}.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", s[s.find("<main"):])))


def add_chapter(project: Path, name: str, cells: list) -> None:
    """A second chapter in the project copy: a notebook and its _toc.yml entry."""
    nb = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}})
    nb.cells = [nbformat.v4.new_code_cell("tahun = None", metadata={"tags": ["parameters"]}), *cells]
    nbformat.write(nb, project / "notebooks" / f"{name}.ipynb")
    toc = yaml.safe_load((project / "_toc.yml").read_text(encoding="utf-8"))
    toc["chapters"].append({"file": name})
    (project / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    # and in the year's book plan (data/2023/buku.yaml), as an unnumbered page with its own heading
    plan = project / "data" / YEAR / "buku.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + f"  - berkas: {name}\n    bernomor: false\n",
                    encoding="utf-8")


CHART = nbformat.v4.new_code_cell(
    "import matplotlib.pyplot as plt\n"
    "from lkjip.data.pk import load_year\n"
    "from lkjip.laporan.grafik import Grafik\n"
    "d = load_year(tahun)\n"
    "fig, ax = plt.subplots()\n"
    "ax.bar(['a', 'b'], [1, 2])\n"
    "Grafik('U.1', f'Uji {len(d.sasaran)} sasaran', fig, 'grafik-uji', 'dua batang')")
HEADING = nbformat.v4.new_markdown_cell("# Bab Uji")


def test_edits_invalidate_exactly_the_chapters_that_read_them(project):
    add_chapter(project, "bab_uji", [HEADING, CHART])

    first = build(project)
    assert status(first) == {"bab2_perencanaan": "dijalankan", "bab_uji": "dijalankan"}
    assert "[1/2]" in first["stdout"] and "Waktu:" in first["stdout"]
    assert (project / "build" / YEAR / "html" / "_images" / "grafik-uji.png").is_file()

    # nothing changed: nothing executed, Sphinx not started, build/2023 left as it is
    index = project / "build" / YEAR / "html" / "index.html"
    published = index.stat().st_mtime_ns
    again = build(project)
    assert status(again) == {"bab2_perencanaan": "cache", "bab_uji": "cache"}
    assert again["notes"]["html"] == "tidak berubah"
    assert again["notes"]["terbit"] == "tidak berubah" and index.stat().st_mtime_ns == published
    # ... unless the published site was damaged
    index.unlink()
    assert build(project)["notes"]["terbit"] == "diganti" and index.is_file()
    assert (project / "build" / YEAR / "html" / "_images" / "grafik-uji.png").is_file()

    # a narrative edit: only Bab II reads pk_pengantar.md
    md = project / "data" / YEAR / "narasi" / "pk_pengantar.md"
    md.write_text(md.read_text(encoding="utf-8").rstrip("\n") + " Kalimat tambahan penguji cache.\n",
                  encoding="utf-8")
    edited = build(project)
    assert status(edited) == {"bab2_perencanaan": "dijalankan", "bab_uji": "cache"}
    assert "Kalimat tambahan penguji cache." in page(project, "bab2_perencanaan")

    # a data edit in a file every chapter reads (through load_year): both re-run, the new
    # figure is on the page
    csv = project / "data" / YEAR / "anggaran_pk.csv"
    text = csv.read_text(encoding="utf-8")
    assert "1200433000" in text and "1.200.433.000" in page(project, "bab2_perencanaan")
    csv.write_text(text.replace("1200433000", "1200433999"), encoding="utf-8")
    data_edit = build(project)
    assert status(data_edit) == {"bab2_perencanaan": "dijalankan", "bab_uji": "dijalankan"}
    assert "1.200.433.999" in page(project, "bab2_perencanaan")
    assert "1.200.433.000" not in page(project, "bab2_perencanaan")

    # komponen.csv is loaded by every chapter, but a realisasi edit re-executes only the chapters
    # that read that indicator's figures (lkjip.build.deps): bab_ind shows IKSS-1.1's realisasi,
    # Bab II and bab_uji do not
    add_chapter(project, "bab_ind", [nbformat.v4.new_code_cell(
        "from lkjip.core.compute import realisasi\n"
        "from lkjip.data.pk import load_year\n"
        "d = load_year(tahun)\n"
        "print('realisasi IKSS-1.1:', realisasi(d.indikator_by_id('IKSS-1.1')))")])
    assert status(build(project)) == {"bab2_perencanaan": "dijalankan", "bab_uji": "dijalankan",
                                      "bab_ind": "dijalankan"}  # the book plan changed: every page
    kom = project / "data" / YEAR / "komponen.csv"
    kom.write_text(kom.read_text(encoding="utf-8").replace("89.39", "89.40", 1), encoding="utf-8")
    ind_edit = build(project)
    assert status(ind_edit) == {"bab2_perencanaan": "cache", "bab_uji": "cache", "bab_ind": "dijalankan"}
    assert "realisasi IKSS-1.1: 92.29" in page(project, "bab_ind")  # (89.40 + 92.65 + 94.81) / 3
    # another indicator's figure: bab_ind does not read it
    kom.write_text(kom.read_text(encoding="utf-8").replace("77.97", "77.98", 1), encoding="utf-8")
    assert set(status(build(project)).values()) == {"cache"}
    # a new indicator's name (the year's structure): every chapter that loaded the year
    ind = project / "data" / YEAR / "indikator.csv"
    ind.write_text(ind.read_text(encoding="utf-8").replace("Persentase capaian Aksi HAM Pemerintah Pusat",
                                                           "Persentase capaian Aksi HAM Pusat", 1), encoding="utf-8")
    assert set(status(build(project)).values()) == {"dijalankan"}

    # undoing the edits finds the earlier pages in the cache
    ind.write_text(ind.read_text(encoding="utf-8").replace("Persentase capaian Aksi HAM Pusat",
                                                           "Persentase capaian Aksi HAM Pemerintah Pusat", 1),
                   encoding="utf-8")
    kom.write_text(kom.read_text(encoding="utf-8").replace("89.40", "89.39", 1).replace("77.98", "77.97", 1),
                   encoding="utf-8")
    assert set(status(build(project)).values()) == {"cache"}

    # a new file anywhere under data/ (a chapter might test for it) re-executes everything
    (project / "data" / YEAR / "narasi" / "baru.md").write_text("Teks baru.\n", encoding="utf-8")
    assert set(status(build(project)).values()) == {"dijalankan"}


def test_a_build_from_unchanged_sources_runs_nothing_and_says_what_the_last_one_found(project):
    """Every source the same as at the last build (content, not times) and its output in
    place: the build runs nothing, not even the validation, and repeats the last build's
    findings; any change, a damaged output or a PDF not made from these sources builds."""
    first = build(project)
    assert "sumber" not in first["notes"]
    findings = [ln for ln in first["stdout"].splitlines() if ln.startswith("  audit:")]
    assert findings  # the 2023 data states figures that differ from it (see qa.html)

    again = build(project)
    assert again["notes"]["sumber"] == "tidak berubah sejak build terakhir"
    assert "tidak ada sumber yang berubah" in again["stdout"] and "[1/1]" not in again["stdout"]
    assert [ln for ln in again["stdout"].splitlines() if ln.startswith("  audit:")] == findings
    assert set(status(again).values()) == {"cache"}

    # a file saved again with the same content is no change; one byte more is
    md = project / "data" / YEAR / "narasi" / "pk_pengantar.md"
    text = md.read_text(encoding="utf-8")
    md.write_text(text, encoding="utf-8")
    assert build(project)["notes"].get("sumber")
    md.write_text(text.rstrip("\n") + " Satu kalimat.\n", encoding="utf-8")
    edited = build(project)
    assert "sumber" not in edited["notes"] and status(edited) == {"bab2_perencanaan": "dijalankan"}
    assert "Satu kalimat." in page(project, "bab2_perencanaan")

    # the site's own files and the book templates are sources too
    css = next((project / "_static").glob("*.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n/* uji */\n", encoding="utf-8")
    assert "sumber" not in build(project)["notes"]
    # the published quality log gone: built again, and back
    (project / "build" / YEAR / "qa.html").unlink()
    rebuilt = build(project)
    assert "sumber" not in rebuilt["notes"] and (project / "build" / YEAR / "qa.html").is_file()
    # the PDF was never made from these sources: a build that asks for it builds
    run_lkjip(project, "build", "--year", YEAR, check=True)
    full = json.loads((project / "build" / ".work" / YEAR / "last-build.json").read_text(encoding="utf-8"))
    assert "sumber" not in full["notes"] and full["notes"]["pdf"] == "disusun ulang"
    assert (project / "build" / YEAR / f"lkjip-{YEAR}.pdf").is_file()


def test_cache_restores_charts_into_a_fresh_work_book(project):
    add_chapter(project, "bab_uji", [HEADING, CHART])
    build(project)
    shutil.rmtree(project / "build" / ".work")
    shutil.rmtree(project / "build" / YEAR)
    again = build(project)
    assert set(status(again).values()) == {"cache"}
    assert again["notes"]["html"] == "disusun ulang"
    assert (project / "build" / YEAR / "html" / "_images" / "grafik-uji.png").is_file()
    assert "Grafik U.1. Uji" in page(project, "bab_uji")


def test_code_edit_in_lkjip_reexecutes_every_chapter(project, root, tmp_path):
    # the build and its kernels import lkjip from a copy (PYTHONPATH comes before the
    # editable install), so the copy can be edited
    code = tmp_path / "code"
    shutil.copytree(root / "lkjip", code / "lkjip", ignore=shutil.ignore_patterns("__pycache__"))
    (code / "vendor").symlink_to(root / "vendor")  # the site's MathJax, found beside the package
    env = {"PYTHONPATH": str(code)}
    first = build(project, env)
    assert set(status(first).values()) == {"dijalankan"}
    assert set(status(build(project, env)).values()) == {"cache"}

    fmt = code / "lkjip" / "core" / "fmt.py"
    fmt.write_text(fmt.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    after = build(project, env)
    assert set(status(after).values()) == {"dijalankan"}
    assert after["notes"]["html"] == "disusun ulang"


def test_cache_key_covers_code_notebook_parameters_and_data_names(project, root, tmp_path):
    code = tmp_path / "lkjip"
    shutil.copytree(root / "lkjip", code, ignore=shutil.ignore_patterns("__pycache__"))
    job = Job("bab2_perencanaan", "bab2_perencanaan")
    key = Inputs(project, 2023, code=code).static_key(job, "python3")
    assert Inputs(project, 2023, code=code).static_key(job, "python3") == key  # stable

    (code / "core" / "compute.py").write_text((code / "core" / "compute.py").read_text() + "\n", encoding="utf-8")
    assert Inputs(project, 2023, code=code).static_key(job, "python3") != key
    key = Inputs(project, 2023, code=code).static_key(job, "python3")

    assert Inputs(project, 2024, code=code).static_key(job, "python3") != key
    other = Job("bab2_perencanaan", "bab2_perencanaan", (("sasaran", "SS-1"),))
    assert Inputs(project, 2023, code=code).static_key(other, "python3") != key

    nb = project / "notebooks" / "bab2_perencanaan.ipynb"
    nb.write_text(nb.read_text(encoding="utf-8").replace("tahun = None", "tahun = None "), encoding="utf-8")
    assert Inputs(project, 2023, code=code).static_key(job, "python3") != key
    key = Inputs(project, 2023, code=code).static_key(job, "python3")

    (project / "data" / "2024" / "catatan.txt").write_text("x", encoding="utf-8")
    assert Inputs(project, 2023, code=code).static_key(job, "python3") != key


def test_sync_keeps_unchanged_files_untouched(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "dst"
    (src / "sub").mkdir(parents=True)
    (src / "a.ipynb").write_text("A")
    (src / "sub" / "b.png").write_text("B")
    assert sorted(sync_tree(src, dst)) == ["a.ipynb", "sub/b.png"]
    (dst / "_build").mkdir()
    (dst / "_build" / "keep").write_text("K")
    (dst / "stale.ipynb").write_text("S")
    old = (dst / "a.ipynb").stat().st_mtime_ns
    time.sleep(0.01)
    (src / "sub" / "b.png").write_text("B2")
    assert sorted(sync_tree(src, dst)) == ["-stale.ipynb", "sub/b.png"]
    assert (dst / "a.ipynb").stat().st_mtime_ns == old
    assert (dst / "sub" / "b.png").read_text() == "B2"
    assert (dst / "_build" / "keep").read_text() == "K"
    assert not (dst / "stale.ipynb").exists()


def test_failed_chapter_is_named_and_the_other_is_cached(project):
    add_chapter(project, "bab_rusak", [nbformat.v4.new_code_cell("import lkjip\n1 / 0")])
    proc = run_lkjip(project, "build", "--year", YEAR, "--no-pdf")
    assert proc.returncode == 2
    assert "bab_rusak" in proc.stderr and "ZeroDivisionError" in proc.stderr
    assert not (project / "build" / YEAR).exists()
    # Bab II succeeded and was stored: fixing the broken chapter re-executes only it
    nb = project / "notebooks" / "bab_rusak.ipynb"
    nb.write_text(nb.read_text(encoding="utf-8").replace("1 / 0", "1 / 1"), encoding="utf-8")
    fixed = build(project)
    assert status(fixed) == {"bab2_perencanaan": "cache", "bab_rusak": "dijalankan"}


def test_builds_after_a_full_build_reuse_site_and_pdf(built, tmp_path):
    """On a copy, in another folder, of the session's built project (site and PDF, built
    minutes earlier): quick builds and a full build with nothing changed execute nothing,
    run neither Sphinx nor LaTeX, and keep the PDF (issue 7: the project's path was part of
    the cache key, and the interface catalogue carried the clock); an edit then reaches the
    page and re-executes only the chapter that reads it."""
    built = Path(shutil.copytree(built, tmp_path / "copy", symlinks=True))
    pdf = built / "build" / YEAR / f"lkjip-{YEAR}.pdf"
    before = pdf.read_bytes()
    # nothing changed since the build that made the copy: the build says so and runs nothing
    unchanged = {"html": "tidak berubah", "terbit": "tidak berubah", "sumber": "tidak berubah sejak build terakhir"}
    for _ in range(2):
        quick = build(built)
        assert set(status(quick).values()) == {"cache"}
        assert quick["notes"] == unchanged
        assert pdf.read_bytes() == before
    run_lkjip(built, "build", "--year", YEAR, check=True)
    full = json.loads((built / "build" / ".work" / YEAR / "last-build.json").read_text(encoding="utf-8"))
    assert set(status(full).values()) == {"cache"}
    assert full["notes"] == {**unchanged, "pdf": "tidak berubah"}
    assert pdf.read_bytes() == before

    md = built / "data" / YEAR / "narasi" / "pk_pengantar.md"
    md.write_text(md.read_text(encoding="utf-8").rstrip("\n") + " Kalimat di salinan proyek.\n", encoding="utf-8")
    edited = build(built)
    assert {p for p, st in status(edited).items() if st == "dijalankan"} == {"bab2_perencanaan"}
    assert edited["notes"]["html"] == "disusun ulang"
    assert "Kalimat di salinan proyek." in page(built, "bab2_perencanaan")


def test_a_moved_project_keeps_its_cache_unless_a_page_shows_its_path(project, tmp_path):
    from lkjip.build.cache import Cache

    moved = Path(shutil.copytree(project, tmp_path / "moved"))
    here, there = Inputs(project, 2023), Inputs(moved, 2023)
    job, other = Job("bab2_perencanaan", "bab2_perencanaan"), Job("bab2_perencanaan", "lain")
    assert here.static_key(job, "python3") == there.static_key(job, "python3")
    cache = Cache(tmp_path / "cache")
    deps = ["file\tdata/2023/sasaran.csv"]
    plain = tmp_path / "plain.ipynb"
    plain.write_text('{"cells": ["tanpa path"]}', encoding="utf-8")
    cache.store(here.static_key(job, "python3"), here, plain, tmp_path / "no-charts", deps, 1.0)
    assert cache.lookup(there.static_key(job, "python3"), there) is not None
    # a page that shows the project's absolute path is valid only where it was executed
    shows = tmp_path / "shows.ipynb"
    shows.write_text(json.dumps({"cells": [f"cwd: {project.resolve()}"]}), encoding="utf-8")
    cache.store(here.static_key(other, "python3"), here, shows, tmp_path / "no-charts", deps, 1.0)
    assert cache.lookup(here.static_key(other, "python3"), Inputs(project, 2023)) is not None
    assert cache.lookup(there.static_key(other, "python3"), there) is None


def test_prune_removes_unused_entries_and_leftovers(tmp_path):
    from lkjip.build.cache import Cache

    old_entry = tmp_path / "nb" / "k1" / "v1"
    new_entry = tmp_path / "nb" / "k2" / "v1"
    leftover = tmp_path / "run" / "123-456"
    for d in (old_entry, new_entry, leftover):
        d.mkdir(parents=True)
    long_ago = time.time() - 40 * 86400
    os.utime(old_entry, (long_ago, long_ago))
    os.utime(leftover, (long_ago, long_ago))
    Cache(tmp_path).prune()
    assert not (tmp_path / "nb" / "k1").exists() and not leftover.exists()
    assert new_entry.is_dir()


def test_a_notebook_that_never_imports_lkjip_records_its_reads(project):
    """The build's kernels record what a page reads from their start, not from `import lkjip`
    (which has no side effect): a plain-Python page re-runs for the file it read and no other."""
    add_chapter(project, "bab_polos", [nbformat.v4.new_code_cell(
        "print(open('data/NOTES-extraction.md', encoding='utf-8').readline())")])
    build(project)
    md = project / "data" / YEAR / "narasi" / "pk_pengantar.md"
    md.write_text(md.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
    assert status(build(project)) == {"bab2_perencanaan": "dijalankan", "bab_polos": "cache"}
    notes = project / "data" / "NOTES-extraction.md"  # read by bab_polos only
    notes.write_text(notes.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert status(build(project)) == {"bab2_perencanaan": "cache", "bab_polos": "dijalankan"}


def test_pdf_rebuilt_in_the_work_book_carries_the_edit(project):
    run_lkjip(project, "build", "--year", YEAR, check=True)
    md = project / "data" / YEAR / "narasi" / "pk_pengantar.md"
    md.write_text(md.read_text(encoding="utf-8").rstrip("\n") + " Kalimat untuk PDF kedua.\n", encoding="utf-8")
    run_lkjip(project, "build", "--year", YEAR, check=True)
    report = json.loads((project / "build" / ".work" / YEAR / "last-build.json").read_text(encoding="utf-8"))
    assert report["notes"]["pdf"] == "disusun ulang"
    text = subprocess.run(["pdftotext", str(project / "build" / YEAR / f"lkjip-{YEAR}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Kalimat untuk PDF kedua." in re.sub(r"\s+", " ", text)
