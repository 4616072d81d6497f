"""What is published: a final report or a draft that says so, without build instructions or
repository paths, self-contained (no request leaves the site), and a PDF that archives
accept (metadata from data, PDF/A identification, roman front matter).

2023 is final (data/2023/organisasi.yaml, status: final), 2024 a draft (status: draf)."""
from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from lkjip.check.kelengkapan import syarat_final
from lkjip.data.pk import load_year
from lkjip.errors import DataValidationError

from conftest import run_lkjip

BUILD_TEXT = ["susun ulang", "data/2023/", "data/2022/", "letakkan foto"]


def _status(project, year, status):
    p = project / "data" / str(year) / "organisasi.yaml"
    p.write_text(re.sub(r"^status: \w+", f"status: {status}", p.read_text(encoding="utf-8"), flags=re.M),
                 encoding="utf-8")


def test_status_comes_from_data_and_is_validated(project):
    assert load_year(2023, project).organisasi.status == "final"
    assert load_year(2024, project).organisasi.status == "draf"
    _status(project, 2023, "selesai")
    with pytest.raises(DataValidationError) as err:
        load_year(2023, project)
    (p,) = err.value.problems
    assert p.file.endswith("data/2023/organisasi.yaml") and p.column == "status"


def test_a_final_year_lists_every_required_item_still_empty(project):
    assert syarat_final(load_year(2023, project)) is None  # 2023 is complete
    assert syarat_final(load_year(2024, project)) is None  # 2024 is a draft: nothing refused
    _status(project, 2024, "final")
    msg = syarat_final(load_year(2024, project))
    lines = msg.splitlines()
    assert "Laporan tahun 2024 dinyatakan final (data/2024/organisasi.yaml, status: final)" in lines[0]
    assert "3 hal wajib belum diisi" in lines[0]
    items = [ln.strip() for ln in lines if re.match(r"\s+\d+\. ", ln)]
    assert items[0].startswith("1. data/2024/indikator.csv, kolom 'realisasi'") and "IKP-2.4" in items[0]
    assert items[1].startswith("2. data/2024/komponen.csv") and "IKP-1.1" in items[1]
    assert items[2].startswith("3. data/2024/organisasi.yaml") and "laporan.tanggal" in items[2]
    assert "status: draf" in lines[-1]


@pytest.mark.lambat
def test_a_final_build_refuses_before_any_notebook_runs(project):
    _status(project, 2024, "final")
    proc = run_lkjip(project, "build", "--year", "2024", "--no-pdf")
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "dinyatakan final" in out and "data/2024/komponen.csv" in out and "laporan.tanggal" in out
    assert "dijalankan" not in out  # refused before the chapters
    assert not (project / "build" / "2024" / "html").exists()


# ----------------------------------------------------------------------------- built books


def _pages(built, year):
    return sorted((built / "build" / str(year) / "html").glob("*.html"))


def _pdf_text(built, year, first=None, last=None):
    cmd = ["pdftotext", "-layout"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(cmd + [str(built / "build" / str(year) / f"lkjip-{year}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_a_draft_says_draf_on_every_page_the_cover_and_the_landing_page(built):
    pages24 = _pages(built, 2024)
    assert len(pages24) > 10
    for p in pages24:
        s = p.read_text(encoding="utf-8")
        assert '<strong class="lkjip-draf">DRAF</strong>' in s, p.name
        assert '<meta name="lkjip-status" content="draf"' in s, p.name
    for p in _pages(built, 2023):
        s = p.read_text(encoding="utf-8")
        assert 'class="lkjip-draf"' not in s, p.name  # ("FINAL_DRAFT" is a 2023 file name in a table)
        assert '<meta name="lkjip-status" content="final"' in s, p.name
    cover24, cover23 = _pdf_text(built, 2024, 1), _pdf_text(built, 2023, 1)
    assert "DRAF" in cover24 and "belum final" in cover24
    assert "DRAF" not in cover23
    landing = (built / "build" / "index.html").read_text(encoding="utf-8")
    item24 = re.search(r'<li class="draf"><h3>Tahun 2024</h3>(.*?)</li>', landing, re.S)
    item23 = re.search(r'<li class="final"><h3>Tahun 2023</h3>(.*?)</li>', landing, re.S)
    assert item24 and '<span class="status draf">DRAF</span>' in item24.group(1)
    assert item23 and "DRAF" not in item23.group(1)


def test_no_build_instruction_or_repository_path_in_the_2023_site_and_pdf(built):
    for p in _pages(built, 2023):
        s = p.read_text(encoding="utf-8")
        for t in BUILD_TEXT:
            assert t not in s, f"{p.name}: {t!r}"
        assert "Foto belum tersedia" not in s, p.name  # a final report leaves a missing photo out
    pdf = _pdf_text(built, 2023)
    flat = " ".join(pdf.split())
    for t in BUILD_TEXT:
        assert t not in flat, t
    # the note on the 2022 budget stays, for the reader, without its file
    assert "Data realisasi anggaran tahun 2022 per unit belum tersedia, sehingga" in flat
    # no photo: no Daftar Gambar (the empty list page is gone) in the PDF or the site's lists
    assert "Daftar Gambar" not in flat
    assert "Daftar Gambar" not in (built / "build/2023/html/daftar.html").read_text(encoding="utf-8")
    # the analyst finds each note, with its file, in the quality log
    qa = (built / "build" / "2023" / "qa.html").read_text(encoding="utf-8")
    assert "Catatan penyusunan" in qa
    assert "data/2022/realisasi_anggaran.csv" in qa
    assert "data/2023/gambar/struktur_organisasi.png" in qa and "tidak dimuat dalam laporan final" in qa


def _page_with(tmp_path, outputs):
    import json

    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n- file: bab1\n", encoding="utf-8")
    nb = {"cells": [{"cell_type": "code", "source": "", "metadata": {}, "outputs": outputs}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "bab1.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    return tmp_path / "bab1.ipynb"


def _display(obj):
    """The output the kernel records for `display(obj)` (IPython's own formatter)."""
    from IPython.core.formatters import DisplayFormatter

    data, meta = DisplayFormatter().format(obj)
    return {"output_type": "display_data", "data": data, "metadata": meta}


def test_a_missing_photo_is_a_placeholder_in_a_draft_and_left_out_of_a_final_report(tmp_path, root):
    """Bab I's Gambar I.1 of 2023 (declared in data/2023/gambar.yaml, no file yet) and the
    Bab III.2 note on the 2022 budget, as the chapters display them, through the build's
    cleaning: no path or instruction reaches the page; each goes to the build's notes."""
    import json

    from lkjip.build.site import bersihkan
    from lkjip.laporan.bab_umum import Bab

    bab = Bab(2023, root)
    photo, note = bab.gambar("struktur-organisasi"), bab.catatan_realisasi_anggaran_lalu()
    assert not photo.ada
    for final in (False, True):
        book = tmp_path / ("final" if final else "draf")
        book.mkdir()
        page = _page_with(book, [_display(photo), _display(note)])
        notes = bersihkan(book, final)
        outputs = json.loads(page.read_text(encoding="utf-8"))["cells"][0]["outputs"]
        shown = json.dumps([o["data"] for o in outputs], ensure_ascii=False)  # what the page shows
        for t in BUILD_TEXT:
            assert t not in shown, t
        assert "Data realisasi anggaran tahun 2022 per unit belum tersedia, sehingga grafik" in shown
        assert ("Foto belum tersedia" in shown) is (not final)
        assert len(outputs) == (1 if final else 2)
        assert any("data/2023/gambar/struktur_organisasi.png" in n for n in notes)
        assert any("data/2022/realisasi_anggaran.csv" in n for n in notes)


def test_every_script_and_stylesheet_comes_from_the_site_once(built):
    for year in (2023, 2024):
        for p in _pages(built, year):
            s = p.read_text(encoding="utf-8")
            srcs = re.findall(r'<script[^>]*\ssrc="([^"]+)"', s)
            hrefs = re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', s) + \
                re.findall(r'<link[^>]*href="([^"]+)"[^>]*rel="stylesheet"', s)
            for u in srcs + hrefs:
                assert not re.match(r"(https?:)?//", u) and "cdn." not in u, f"{p.name}: {u}"
            assert len(srcs) == len(set(srcs)) and len(hrefs) == len(set(hrefs)), p.name
            assert "THEBE_JS_URL" not in s and "fontawesome.js" not in s, p.name
            assert "window.MathJax" not in s and "mathjax" not in " ".join(srcs).lower(), p.name
            assert "styles/theme.css" not in " ".join(hrefs), p.name  # it only @imported basic.css
    static = built / "build/2023/html/_static"
    assert not (static / "scripts" / "fontawesome.js").exists()
    # the icon font cut to the icons the site shows
    icons = static / "vendor/fontawesome/webfonts"
    assert (icons / "fa-solid-900.woff").stat().st_size < 20_000
    assert not (icons / "fa-solid-900.woff2").exists()
    # the formulas are MathML, written by the build (Tabel III.1: Capaian 63,9%)
    s = (built / "build/2023/html/bab3_akuntabilitas.html").read_text(encoding="utf-8")
    assert s.count("<math ") >= 20 and "\\frac" not in s
    assert "<mn>63,9</mn>" in s


def test_pdf_metadata_from_data_pdfa_identification_and_roman_front_matter(built):
    pdf = built / "build" / "2023" / "lkjip-2023.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(re.findall(r"^([A-Za-z ]+):\s+(.*)$", info, re.M))
    print(info)  # shown with -s: what an archive's tools read
    org = yaml.safe_load((built / "data/2023/organisasi.yaml").read_text(encoding="utf-8"))
    assert fields["Title"] == f"Laporan Kinerja {org['unit_singkat']} Tahun 2023"
    assert fields["Author"] == org["unit"]
    assert "LKjIP" in fields["Subject"] and "2023" in fields["Keywords"]
    assert fields["Metadata Stream"] == "yes"
    assert fields["Tagged"] == "no"  # Debian's TeX Live 2022 cannot tag a XeTeX PDF (see the report)
    meta = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"<dc:language>\s*<rdf:Bag>\s*<rdf:li>id</rdf:li>", meta)
    assert "<pdfaid:part>2</pdfaid:part>" in meta and "<pdfaid:conformance>B</pdfaid:conformance>" in meta
    assert "<xmp:CreateDate>2023-12-01T00:00:00Z</xmp:CreateDate>" in meta  # from data, not the clock
    assert b"/OutputIntents" in pdf.read_bytes() or "OutputIntent" in _objects(pdf)
    # draft: its title says so
    info24 = subprocess.run(["pdfinfo", str(built / "build/2024/lkjip-2024.pdf")], capture_output=True,
                            text=True, check=True).stdout
    assert "Tahun 2024 (DRAF)" in info24
    # front matter in roman: the page after the cover is "i"
    assert _pdf_text(built, 2023, 2).strip().splitlines()[-1].strip() == "i"


def _objects(pdf) -> str:
    import zlib

    raw, out = pdf.read_bytes(), []
    for m in re.finditer(rb"stream\r?\n", raw):
        try:
            out.append(zlib.decompress(raw[m.end():raw.find(b"endstream", m.end())]).decode("latin-1"))
        except zlib.error:
            pass
    return "".join(out)
