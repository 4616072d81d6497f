"""Builds you can trust: the same inputs give the same pages, and text from data cannot
inject markup or script into the site."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_lkjip
from conftest import edit, html_text, main_html, tables

SCRIPT = "<script>alert(1)</script>"


def _pages(site: Path) -> dict[str, tuple[str, list[str]]]:
    """Per page: its main text and the text of each of its tables."""
    out = {}
    for p in sorted(site.rglob("*.html")):
        rel = str(p.relative_to(site))
        if rel.startswith(("_static", "_sources")):
            continue
        main = main_html(p.read_text(encoding="utf-8"))
        out[rel] = (html_text(main), tables(main))
    return out


def test_two_builds_give_the_same_pages(built, project):
    """The session's build (2023, with PDF) and a second build of the same inputs in
    another folder: every page's text and every table identical, and the quality log and
    the PDF (its dates and trailer /ID from data, not the clock) byte for byte."""
    run_lkjip(project, "build", "--year", "2023", check=True)
    # the session's build root also publishes 2024, which every 2023 page's footer links to
    run_lkjip(project, "build", "--year", "2024", "--no-pdf", check=True)
    first, second = _pages(built / "build/2023/html"), _pages(project / "build/2023/html")
    assert first.keys() == second.keys()
    assert any(tables for _, tables in first.values()), "no table found to compare"
    for page in first:
        assert first[page][0] == second[page][0], f"{page}: page text differs"
        assert first[page][1] == second[page][1], f"{page}: a table differs"
    assert (built / "build/2023/qa.html").read_bytes() == (project / "build/2023/qa.html").read_bytes()
    assert (built / "build/2023/lkjip-2023.pdf").read_bytes() == (project / "build/2023/lkjip-2023.pdf").read_bytes()
    # every source Sphinx reads is byte for byte the same, although the two builds ran in
    # different folders and at different times: no path or clock reaches the book, so a
    # copied project or a later build finds its site up to date (issue 7)
    books = [p / "build/.work/2023/book" for p in (built, project)]
    sources = [{str(f.relative_to(b)): f.read_bytes() for f in sorted(b.rglob("*"))
                if f.is_file() and f.relative_to(b).parts[0] != "_build"} for b in books]
    assert sources[0].keys() == sources[1].keys()
    assert [n for n in sources[0] if sources[0][n] != sources[1][n]] == []
    # the page sources carry no clock time or random id of the run (the site does not
    # publish them: read them in the book Sphinx built from)
    for nb in books[1].glob("*.ipynb"):
        src = nb.read_text(encoding="utf-8")
        assert "iopub.execute_input" not in src and '"start_time"' not in src, nb.name
        assert not re.search(r" at 0x[0-9a-f]+>", src), nb.name


# LaTeX's special characters, and a command, in names from data
TEX = r"R&D 100% _x_ #1 {a} $5 ~ ^ \textbf{x}"


@pytest.mark.lambat
def test_text_from_data_is_text_in_the_pdf(project):
    """LaTeX's special characters in the unit's names and an indicator's uraian: the PDF
    builds and shows them as the text they are (cover, title, headings, tables, running
    heads), never as LaTeX markup."""
    import subprocess

    d = project / "data/2023"
    edit(d / "indikator.csv", "Persentase capaian Aksi HAM Pemerintah Pusat memenuhi target",
         f"Persentase capaian {TEX} Aksi HAM Pemerintah Pusat memenuhi target")
    edit(d / "organisasi.yaml", "unit: Direktorat Jenderal Hak Asasi Manusia",
         f"unit: 'Direktorat Jenderal {TEX} Hak Asasi Manusia'")
    edit(d / "organisasi.yaml", "unit_singkat: Direktorat Jenderal HAM", f"unit_singkat: 'Ditjen {TEX} HAM'")
    run_lkjip(project, "build", "--year", "2023", check=True)
    pdf = project / "build/2023/lkjip-2023.pdf"
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    text = " ".join(" ".join(pages).split())
    assert f"Persentase capaian {TEX} Aksi HAM Pemerintah Pusat memenuhi target" in text
    assert f"Direktorat Jenderal {TEX} Hak Asasi Manusia" in text
    assert f"Laporan Kinerja Ditjen {TEX} HAM Tahun 2023" in text  # running heads: the book's title
    cover = " ".join(pages[0].split())
    assert f"DITJEN {TEX.upper()} HAM" in cover and f"DIREKTORAT JENDERAL {TEX.upper()} HAK ASASI MANUSIA" in cover
    # nothing of it was read as LaTeX: no bold "x" alone, no lost braces or characters
    assert text.count(TEX) >= 10
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"Title: Laporan Kinerja Ditjen {TEX} HAM Tahun 2023" in " ".join(info.split())
    assert f"Author: Direktorat Jenderal {TEX} Hak Asasi Manusia" in " ".join(info.split())


def test_text_from_data_is_text_in_charts():
    """A chart's title, category and series names are drawn as written: matplotlib does not
    read "$...$" in them as a formula."""
    from lkjip.core.gaya import GayaGrafik
    from lkjip.laporan.grafik import grafik

    g = grafik("III.1", "Dana $5 dan $10", ["Unit $a$", "Unit _b_"],
               {"Tahun $2022$": [1.0, 2.0], "Tahun $2023$": [2.0, 3.0]}, "grafik-uji", GayaGrafik())
    ax = g.figure.axes[0]
    texts = [ax.title, *ax.get_yticklabels(), *ax.get_legend().get_texts()]
    shown = {t.get_text() for t in texts}
    assert {"Dana $5 dan $10", "Unit $a$", "Unit _b_"} <= shown
    assert not any(t.get_parse_math() for t in texts)
    assert g.png()[:4] == b"\x89PNG"


@pytest.mark.lambat
def test_text_from_data_cannot_inject_script(project):
    """A script tag in an indicator's uraian, a sasaran and the organisation's names is
    shown as text on the pages, never as a tag."""
    d = project / "data/2023"
    edit(d / "indikator.csv", "Persentase capaian Aksi HAM Pemerintah Pusat memenuhi target",
         f"Persentase capaian Aksi HAM {SCRIPT} Pemerintah Pusat memenuhi target")
    edit(d / "sasaran.csv", "Pemenuhan Aksi HAM dalam RANHAM", f"Pemenuhan Aksi HAM {SCRIPT} dalam RANHAM")
    edit(d / "organisasi.yaml", "unit: Direktorat Jenderal Hak Asasi Manusia",
         f'unit: "Direktorat Jenderal {SCRIPT} Hak Asasi Manusia"')
    edit(d / "organisasi.yaml", "unit_singkat: Direktorat Jenderal HAM", f'unit_singkat: "Ditjen {SCRIPT} HAM"')
    edit(d / "organisasi.yaml", "  nama: Yasonna H. Laoly", f'  nama: "Yasonna {SCRIPT} Laoly"')
    run_lkjip(project, "build", "--year", "2023", "--no-pdf", check=True)
    site = project / "build/2023/html"
    pages = [p for p in site.rglob("*.html") if "_static" not in p.parts]
    shown = 0
    for p in pages + [project / "build/index.html", project / "build/2023/qa.html"]:
        raw = p.read_text(encoding="utf-8")
        assert not re.search(r"<script>\s*alert", raw, flags=re.I), f"{p.name} carries the injected tag"
        shown += raw.count("&lt;script&gt;alert(1)&lt;/script&gt;")
    bab2 = (site / "bab2_perencanaan.html").read_text(encoding="utf-8")
    text = html_text(main_html(bab2))
    # shown as the text it is, where it belongs
    assert f"Persentase capaian Aksi HAM {SCRIPT} Pemerintah Pusat memenuhi target" in text
    assert f"Pemenuhan Aksi HAM {SCRIPT} dalam RANHAM" in text
    assert f"Yasonna {SCRIPT} Laoly" in text
    index = html_text((site / "index.html").read_text(encoding="utf-8"))
    assert f"Direktorat Jenderal {SCRIPT} Hak Asasi Manusia" in index
    assert shown >= 4


def test_the_interface_catalogue_does_not_carry_the_clock(tmp_path, monkeypatch):
    """The book's Indonesian interface catalogue (a Sphinx source) is the same whenever it is
    written: Babel's default creation date, the clock, made every build a minute later
    rebuild the site although no page had changed (issue 7)."""
    import datetime
    import types

    import babel.messages.catalog as catalog

    from lkjip.build.site import LOCALE_DIR, write_catalogue

    written = []
    for year in (2001, 2031):
        class Clock(datetime.datetime):
            @classmethod
            def now(cls, tz=None, _year=year):
                return datetime.datetime(_year, 5, 6, 7, 8, tzinfo=tz)

        clock = types.SimpleNamespace(**{k: getattr(datetime, k) for k in dir(datetime) if not k.startswith("__")})
        clock.datetime = Clock
        monkeypatch.setattr(catalog, "datetime", clock)
        assert catalog.datetime.datetime.now().year == year
        book = tmp_path / str(year)
        write_catalogue(book)
        written.append((book / LOCALE_DIR / "id" / "LC_MESSAGES" / "sphinx.mo").read_bytes())
    assert written[0] == written[1]
