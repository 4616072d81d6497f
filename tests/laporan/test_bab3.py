"""Bab III.1 Capaian Kinerja Organisasi: structure from the PK, numbering like the source,
formulas from komponen, the built site and PDF read as a reader would."""
from __future__ import annotations

import re

import nbformat
import papermill as pm
import pytest
from nbclient import NotebookClient

from conftest import notebook_text, page_text, pdf_text

from conftest import SUMBER as SOURCE  # noqa: E402  (../shared/source, the 2023 report)
BAB3_NOTEBOOKS = ["notebooks/bab3_akuntabilitas.ipynb", "notebooks/bab3_sasaran.ipynb"]
SASARAN_2023 = ["SS-1", "SP-1"] + [f"SK-{n}" for n in range(1, 13)]

# Figures the source prints in each table (and our report prints the same way).
ANGKA = {
    # where the source truncates, our report shows the rounded figure (169,867 -> 169,87)
    1: ["75%", "45%", "123,04%", "169,87%"],
    2: ["208%", "109,57%", "82,18%"],
    3: ["468,42%", "727,27%", "116,74%", "81,72%"],
    4: ["92,28%", "76,44%", "169,87%"],
    5: ["Kementerian Ketenagakerjaan", "Lembaga Perlindungan Saksi dan Korban"],
    6: ["93,25%", "133,21%", "69,94%", "174,85%"],
    7: ["89,09%", "59,92%", "65%", "35%"],
    8: ["208%", "82,18%"],
    9: ["Sumatera Utara", "Luar Negeri", "946", "367", "259"],
    10: ["Bapas Kelas II Polewali", "LPKA Kelas I Martapura"],
    11: ["40,5%", "203%", "84,25%"],
    12: ["138,75%", "92,70%", "95,35%", "ditiadakan"],
    13: ["82,18%", "109,57%"],
    14: ["84,25%"],
    15: ["92,70%", "95,35%"],
    16: ["100%"],
    19: ["100%"],
    20: ["Institute Leimina", "Peluncuran Perpres Strategi Nasional Bisnis dan HAM"],
    22: ["200%"],
    23: ["81,72%", "116,74%"],
    24: ["77,71%", "119,55%"],
    25: ["74,50%"],
    26: ["52%", "208%"],
    27: ["40,5%", "203%"],
    29: ["1 Dokumen"],
    32: ["70%", "140,0%", "63,9%", "127,8%"],
    33: ["138,75%", "75,60%"],
    34: ["1 Rekomendasi"],
    37: ["396 Instansi Pemerintah", "267 Instansi Pemerintah", "240 Instansi Pemerintah", "727,27%"],
    38: ["468 Instansi Pemerintah", "170 Instansi Pemerintah", "298,25%", "429,36%"],
    39: ["465 Instansi Pemerintah", "123 Instansi Pemerintah"],
    40: ["188 Rekomendasi"],
    43: ["111,11%"],
    44: ["88,8%", "111,00%"],
    45: ["60%", "75%", "88,8%"],
    46: ["1 Layanan"],
    48: ["1 Layanan"],
}


def daftar_tabel(first=1, last=48) -> dict[int, str]:
    """The source's Daftar Tabel: number -> caption (captions broken over lines joined)."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    start = lines.index("# DAFTAR TABEL")
    out: dict[int, str] = {}
    last_n = None
    for ln in lines[start + 1:]:
        if ln.startswith("## DAFTAR GRAFIK"):
            break
        m = re.match(r"^Tabel 3\.(\d+)\t(.+?)\t\d+$", ln)
        if m:
            last_n = int(m.group(1))
            out[last_n] = m.group(2).strip()
        elif ln.startswith("\t") and last_n and ln.strip():
            out[last_n] += " " + ln.strip()
    return {n: c for n, c in out.items() if first <= n <= last}


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def _window(text: str, n: int) -> str:
    i = text.find(f"Tabel III.{n}. ")
    assert i >= 0, f"Tabel III.{n}"
    j = text.find(f"Tabel III.{n + 1}. ", i)
    return text[i:j if j > 0 else len(text)]


# ---------------------------------------------------------------------- without a build

def test_table_numbers_and_captions_follow_the_source_daftar_tabel(root):
    from lkjip.laporan.konteks import Laporan

    bab = Laporan(2023, root).bab3()
    daftar = daftar_tabel()
    assert len(daftar) == 48
    ours: dict[int, str] = {}
    for t in bab.tabel_ringkasan_semua():
        ours[int(t.nomor.split(".")[1])] = t.caption
    for s in bab.data.sasaran:
        for n in range(7):
            for b in bab.blok(s, n):
                if type(b).__name__ == "Tabel" and b.nomor:
                    k = int(b.nomor.split(".")[1])
                    assert k not in ours, f"Tabel III.{k} numbered twice"
                    ours[k] = b.caption
    assert sorted(ours) == list(range(1, 49))
    for n, cap in daftar.items():
        assert ours[n].startswith(f"Tabel III.{n}. "), ours[n]
        assert _norm(cap) in _norm(ours[n]), f"Tabel III.{n}: {ours[n]!r} vs source {cap!r}"
    # III.2-III.4 of other chapters continue after these
    assert bab.nomor_berikutnya() == {"tabel": 49, "grafik": 3, "gambar": 4}


@pytest.mark.parametrize("ind_id,expected", [
    ("IKP-1.1", r"\frac{267 \text{ Kab/Kota predikat Peduli HAM}}{514 \text{ Total Kab/Kota}} \times 100\% = 52\%"),
    ("IKK-4.1", r"\frac{92{,}28 + 78{,}34 + 74{,}54}{3} = 81{,}72\%"),
    ("IKSS-1.1", r"\frac{89{,}39 + 92{,}65 + 94{,}81}{3} = 92{,}28\%"),
    ("IKK-7.1", r"{288 \text{ dugaan pelanggaran HAM yang disampaikan}} \times 100\% = 63{,}9\%"),
    ("IKK-9.1", r"\frac{396 \text{ Instansi Pemerintah}}{109 \text{ target Instansi Pemerintah}} \times 100\% = 363{,}30\%"),
])
def test_formula_rendered_from_komponen(root, ind_id, expected):
    from lkjip.laporan.konteks import Laporan
    from lkjip.core.rumus import rumus_latex

    lap = Laporan(2023, root)
    assert expected in rumus_latex(lap.hasil[ind_id])


def test_formula_of_a_year_without_realisasi_is_none(root):
    from lkjip.laporan.konteks import Laporan
    from lkjip.core.rumus import rumus_latex

    lap = Laporan(2024, root)
    assert all(rumus_latex(h) is None for h in lap.hasil.values())


def test_plan_has_one_page_per_sasaran_in_pk_order(root):
    from lkjip.build.pipeline import year_toc
    from lkjip.data.pk import load_year

    toc, jobs = year_toc(root, load_year(2023, root))
    pages = [j.page for j in jobs]
    start = pages.index("bab2_perencanaan")
    jobs = jobs[start:]
    pages = pages[start:]
    assert pages[:2] == ["bab2_perencanaan", "bab3_akuntabilitas"]
    assert pages[2:16] == [f"bab3_sasaran_{s.lower()}" for s in SASARAN_2023]
    sk1 = jobs[4]
    assert dict(sk1.parameters) == {"sasaran_id": "SK-1"} and sk1.judul == "Sasaran Kegiatan 1 Ditjen HAM"
    assert jobs[2].judul == "Sasaran Strategis Ditjen HAM"
    bab3 = next(c for c in toc["chapters"] if c["file"] == "bab3_akuntabilitas")
    assert [e["file"] for e in bab3["sections"]][:3] == ["bab3_sasaran_ss-1", "bab3_sasaran_sp-1", "bab3_sasaran_sk-1"]
    _, jobs24 = year_toc(root, load_year(2024, root))
    assert [j.judul for j in jobs24 if j.notebook == "bab3_sasaran"] == [
        "Sasaran Program 1 Ditjen HAM", "Sasaran Program 2 Ditjen HAM"]


def test_default_year_is_the_latest_with_realisasi(root):
    from lkjip.data.pk import latest_year, latest_year_with_realisasi

    assert latest_year(root) == 2024  # the PK 2024 folder exists ...
    assert latest_year_with_realisasi(root) == 2023  # ... but has no realisasi yet


def test_prose_shows_computed_figures_not_the_sources_truncated_ones(root):
    """The prose's figures come from data: yankomas is 184/288 = 63,9% (the source
    prints 63,8%), and the change vs 2022 is computed (70 - 63,9 = 6,1 points)."""
    from lkjip.laporan.konteks import Laporan

    bab = Laporan(2023, root).bab3()
    s = bab.sasaran("SP-1")
    text = "\n".join(b.text for n in range(7) for b in bab.blok(s, n) if hasattr(b, "text"))
    assert "63,9%" in text and "63,8%" not in text
    assert "penurunan sebesar 6,1%" in text and "kenaikan sebesar 11,5%" in text
    assert "{{" not in text


@pytest.mark.lambat
@pytest.mark.parametrize("nb_path", BAB3_NOTEBOOKS)
def test_notebook_runs_as_in_jupyterlab(root, nb_path):
    """nbclient, default parameters, no papermill: the chapter of the latest year with
    realisasi (2023), with its tables and formulas."""
    nb = nbformat.read(root / nb_path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(root)}}).execute()
    text = notebook_text(nb)
    if nb_path.endswith("akuntabilitas.ipynb"):
        assert "Tabel III.1. Capaian Target Sasaran Strategis Ditjen HAM" in text
        assert "123,04\\%" in text and "\\frac{267" in text
    else:
        assert "Tabel III.4. Capaian Target dan Realisasi IKU Ditjen HAM Tahun 2023" in text
        assert "Kementerian Ketenagakerjaan" in text and "92,28\\%" in text


@pytest.mark.lambat
def test_papermill_runs_the_sasaran_notebook_for_a_2023_sasaran(root, tmp_path):
    out = tmp_path / "sk9.ipynb"
    pm.execute_notebook(str(root / "notebooks/bab3_sasaran.ipynb"), str(out),
                        parameters={"tahun": 2023, "sasaran_id": "SK-9"}, cwd=str(root),
                        kernel_name="python3", progress_bar=False)
    text = notebook_text(out)
    for f in ["Tabel III.37. Capaian Target dan Realisasi Indikator Kinerja Kegiatan Ditjen HAM Tahun 2023",
              "Tabel III.38.", "Tabel III.39.", "396 Instansi Pemerintah", "363,30\\%",
              r"\frac{240 \text{ Instansi Pemerintah}}{33"]:
        assert f in text, f
    assert "Tabel III.36" not in text and "Tabel III.40" not in text


# ---------------------------------------------------------------------- built book

def _bab3_site(built, year) -> str:
    html = built / "build" / str(year) / "html"
    pages = [html / "bab3_akuntabilitas.html"] + sorted(html.glob("bab3_sasaran_*.html"),
                                                         key=lambda p: p.name)
    return " ".join(page_text(p) for p in pages)


def test_built_site_and_pdf_have_every_table_of_iii_1(built):
    site = _bab3_site(built, 2023)
    pdf = pdf_text(built / "build" / "2023" / "lkjip-2023.pdf", dehyphenate=True)
    # the body, after the lists of tables, charts (and photos, when the report has any)
    pdf = pdf[max(pdf.rfind("Daftar Gambar"), pdf.rfind("Daftar Grafik")):]
    site_n, pdf_n = _norm(site), _norm(pdf)
    for n, cap in daftar_tabel().items():
        head = _norm(f"Tabel III.{n}. ")
        i, j = site_n.find(head), pdf_n.find(head)
        assert i >= 0 and _norm(cap) in site_n[i:i + 250], f"site: Tabel III.{n} {cap}"
        assert j >= 0 and _norm(cap)[:40] in pdf_n[j:j + 250], f"PDF: Tabel III.{n} {cap}"
        for f in ANGKA.get(n, []):
            # between this table's caption and the next table's caption
            assert f in _window(site, n), f"site: {f} in Tabel III.{n}"
            # narrow PDF columns wrap "396 Instansi Pemerintah": look for its number (first word)
            assert f.split()[0] in _window(pdf, n), f"PDF: {f} in Tabel III.{n}"
    # tables are real tables in the site, with their source line
    sk3 = (built / "build/2023/html/bab3_sasaran_sk-3.html").read_text(encoding="utf-8")
    assert re.search(r"<table[^>]*>.*Institute Leimina.*</table>", sk3, re.S)
    assert "Sumber data: Laporan kinerja Dit. Kerja Sama" in page_text(built / "build/2023/html/bab3_sasaran_sk-3.html")


def test_built_charts_and_photo_placeholders(built):
    html = built / "build" / "2023" / "html"
    page = (html / "bab3_sasaran_sk-7.html").read_text(encoding="utf-8")
    alts = re.findall(r'<img[^>]*alt="([^"]+)"', page)
    assert any("Sumatera Utara" in a and "Jumlah tanggapan" in a for a in alts), alts
    assert any("2020" in a and "Realisasi" in a for a in alts), alts
    text = page_text(html / "bab3_sasaran_sk-7.html")
    assert "Grafik III.1. Tindak Lanjut Komunikasi berdasarkan Locus Dugaan Pelanggaran HAM" in text
    assert "Grafik III.2. Perbandingan tindak lanjut penanganan dugaan pelanggaran HAM" in text
    # 2023 is final: its photos without a file are left out, with no build instruction on the page
    sk6 = page_text(html / "bab3_sasaran_sk-6.html")
    assert "Gambar III.2." not in sk6 and "Foto belum tersedia" not in sk6 and "data/2023/" not in sk6
    pdf = pdf_text(built / "build" / "2023" / "lkjip-2023.pdf", dehyphenate=True)
    for cap in ["Grafik III.1. Tindak Lanjut Komunikasi", "Grafik III.2. Perbandingan tindak lanjut"]:
        assert cap in pdf, cap
    assert "Gambar III.1. Workshop Pengarusutamaan HAM" not in pdf


def test_built_sasaran_headings_are_real_sections(built):
    html = built / "build" / "2023" / "html"
    page = (html / "bab3_sasaran_sk-1.html").read_text(encoding="utf-8")
    assert re.search(r"<h1>Sasaran Kegiatan 1 Ditjen HAM", page)
    assert re.search(r"<h2>1\. Perbandingan Target dan Realisasi Kinerja Tahun 2023", page)
    index = (html / "bab3_akuntabilitas.html").read_text(encoding="utf-8")
    for s in ("Sasaran Strategis Ditjen HAM", "Sasaran Program Ditjen HAM", "Sasaran Kegiatan 12 Ditjen HAM"):
        assert s in index  # in the navigation
    pdf = pdf_text(built / "build" / "2023" / "lkjip-2023.pdf", dehyphenate=True)
    assert "Sasaran Kegiatan 12 Ditjen HAM" in pdf


def test_built_2024_sections_from_its_pk(built):
    html = built / "build" / "2024" / "html"
    assert sorted(p.name for p in html.glob("bab3_sasaran_*.html")) == [
        "bab3_sasaran_sp-1.html", "bab3_sasaran_sp-2.html"]
    sp2 = page_text(html / "bab3_sasaran_sp-2.html")
    assert "Sasaran Program 2 Ditjen HAM" in sp2
    assert "Persentase Satuan Kerja yang nilai capaian RB minimal 90" in sp2
    assert "belum tersedia" in sp2
    sp1 = page_text(html / "bab3_sasaran_sp-1.html")
    # the previous year comes from the 2023 data: KKP HAM 52%
    assert "Tabel III.3. Perbandingan Realisasi dan Capaian Indikator Kinerja Program Ditjen HAM Tahun 2024" in sp1
    assert "52%" in sp1 and "63,9%" in sp1


@pytest.mark.lambat
def test_build_lists_missing_photos(root, tmp_path):
    """A declared photo without its file: a marked placeholder in the page, and the build's
    list of what is missing names its caption and expected path."""
    from lkjip.build.pipeline import Job, missing_pictures

    out = tmp_path / "bab3_sasaran_sk-6.ipynb"
    pm.execute_notebook(str(root / "notebooks/bab3_sasaran.ipynb"), str(out),
                        parameters={"tahun": 2023, "sasaran_id": "SK-6"}, cwd=str(root),
                        kernel_name="python3", progress_bar=False)
    assert "[Foto belum tersedia]" in notebook_text(out)
    assert missing_pictures(tmp_path, [Job("bab3_sasaran", "bab3_sasaran_sk-6")]) == [
        "Gambar III.2. Peluncuran Peraturan Presiden No. 60 Tahun 2023 tentang Strategi Nasional "
        "Bisnis dan HAM di Graha Pengayoman, Jakarta (data/2023/bab3/gambar/peluncuran_stranas_bham.jpg)"]


def test_photo_file_present_becomes_a_numbered_figure(project, tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from lkjip.laporan.konteks import Laporan

    img = project / "data/2023/bab3/gambar/workshop_iklim.jpg"
    img.parent.mkdir(parents=True, exist_ok=True)
    fig = plt.figure(figsize=(1, 1))
    fig.savefig(img, format="jpg")
    plt.close(fig)
    monkeypatch.setenv("LKJIP_ASSET_DIR", str(tmp_path / "_grafik"))
    bab = Laporan(2023, project).bab3()
    g = bab.gambar(bab.sasaran("SK-3"), "workshop-iklim")
    bundle, meta = g._repr_mimebundle_()
    assert meta["lkjip"]["ada"] is True and meta["lkjip"]["nomor"] == "III.1"
    assert "```{figure} _grafik/gambar-workshop-iklim.jpg" in bundle["text/markdown"]
    assert "Gambar III.1. Workshop Pengarusutamaan HAM" in bundle["text/markdown"]
    assert (tmp_path / "_grafik/gambar-workshop-iklim.jpg").read_bytes() == img.read_bytes()
