"""The report's data for download, made in-process from the 2023 report's real tables and
charts (no book build): numbers as numbers with their units named, formulas as plain text,
each chart's data, one zip of everything with a README."""
from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from lkjip.build import site, unduh
from lkjip.laporan.bab_umum import Bab
from lkjip.laporan.konteks import Laporan
from lkjip.laporan.tabel import Mentah, teks_polos, tex_polos

TEX = re.compile(r"\\[A-Za-z%$&#_{}]|\$|\{,\}")


@pytest.fixture(scope="module")
def lap():
    return Laporan(2023)


def test_formulas_of_tabel_iii_3_are_plain_text(lap):
    t = lap.bab3().tabel_ringkasan("kegiatan")
    assert t.nomor == "III.3"
    cell = t.baris[0][-1]
    assert isinstance(cell, Mentah) and "\\frac" in cell  # the book renders it as a formula
    meta = t.metadata()
    assert meta["baris"][0][-1] == (
        "Realisasi tahun 2023 adalah sebesar 82,18%. Dengan rumus: (715 instansi yang menindaklanjuti) / "
        "(870 instansi yang menerima diseminasi) × 100% = 82,18%")
    # the mean of three semesters (IKK-4.1, RANHAM)
    assert "(92,28 + 78,34 + 74,54) / 3 = 81,72%" in meta["baris"][3][-1]
    assert not any(TEX.search(c) for r in meta["baris"] for c in r)


def test_tex_to_text():
    assert tex_polos(r"\frac{396 \text{ Instansi Pemerintah}}{109 \text{ target}} \times 100\% = 363{,}30\%") == \
        "(396 Instansi Pemerintah) / (109 target) × 100% = 363,30%"
    assert tex_polos(r"\frac{5 \text{ a\_b \& c}}{3}") == "(5 a_b & c) / 3"
    # an escaped dollar in the text part is not a formula
    assert teks_polos(Mentah(r"Rp \$5 dan $\frac{1}{2}$")) == "Rp $5 dan 1 / 2"


def test_csv_has_dot_decimals_and_units_in_the_header(lap):
    meta = lap.bab3().tabel_ringkasan("kegiatan").metadata()
    text, plan = unduh.tabel_csv(meta["kolom"], meta["baris"])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["SASARAN KEGIATAN", "INDIKATOR KINERJA KEGIATAN", "TARGET", "TARGET - satuan",
                       "CAPAIAN TARGET (%)", "PENJELASAN"]
    by = {r[1]: r for r in rows[1:]}
    ranham = by["Persentase pelaksanaan Aksi HAM dalam RANHAM"]
    assert ranham[2:5] == ["70", "%", "116.74"]
    # a target counted in its own unit: the number, and the unit beside it
    p2ham = next(r for r in rows[1:] if r[1].startswith("Jumlah instansi pemerintah yang menindaklanjuti"))
    assert p2ham[2:5] == ["33", "Instansi Pemerintah", "727.27"]  # 240 of 33: 727,27%
    for r in rows[1:]:
        float(r[4])  # every capaian a number
    assert [k.keterangan for k in plan][3] == "angka, satuan %"  # the table's 4th column


def test_workbook_cells_are_typed(lap):
    meta = lap.bab3().tabel_ringkasan("kegiatan").metadata()
    ws = load_workbook(io.BytesIO(site._workbook(meta)))["Data"]
    target, capaian = ws["C2"], ws["D2"]
    assert target.value == pytest.approx(0.75) and target.number_format == "0%"
    assert capaian.value == pytest.approx(1.0957) and capaian.number_format == "0.00%"
    counted = next(r for r in ws.iter_rows(min_row=2) if str(r[1].value).startswith("Jumlah instansi"))
    assert counted[2].value == 33 and counted[2].number_format == '0 "Instansi Pemerintah"'
    assert not any(TEX.search(str(c.value)) for r in ws.iter_rows() for c in r)
    # the workbook names what each column holds
    info = {r[0]: r[1] for r in load_workbook(io.BytesIO(site._workbook(meta)))["Keterangan"].iter_rows(values_only=True)}
    assert info["CAPAIAN TARGET"] == "angka, satuan %" and "format sel" in info["TARGET"]


def test_chart_data_downloads_and_one_zip_of_all(tmp_path, lap):
    bab = Bab(2023)
    g = bab.grafik_realisasi_anggaran()
    _, meta = g._repr_mimebundle_()
    tabel = lap.bab3().tabel_ringkasan("kegiatan").metadata()
    items = [{**meta["lkjip"], "halaman": "bab3"}, {**tabel, "halaman": "bab3"}]
    written = site.write_downloads(tmp_path, items, tahun=2023, judul="Data Laporan Kinerja 2023")
    names = sorted(p.name for p in written)
    assert names == ["data-laporan-2023.zip", "grafik-realisasi-anggaran.csv", "grafik-realisasi-anggaran.xlsx",
                     "tabel-iii-ringkasan-kegiatan.csv", "tabel-iii-ringkasan-kegiatan.xlsx"]
    rows = list(csv.reader(io.StringIO((tmp_path / "_unduh" / "grafik-realisasi-anggaran.csv").read_text())))
    assert rows[0] == ["Kategori", "2023 (%)"]
    assert ["Diseminasi dan Penguatan HAM", "98.04"] in rows
    ws = load_workbook(tmp_path / "_unduh" / "grafik-realisasi-anggaran.xlsx")["Data"]
    assert isinstance(ws["B2"].value, float)
    z = zipfile.ZipFile(tmp_path / "_unduh" / "data-laporan-2023.zip")
    assert z.namelist()[0] == "README.txt"
    assert set(z.namelist()) == {"README.txt", *names[1:]}
    readme = z.read("README.txt").decode()
    assert "Tabel III.3. Capaian Target" in readme and "CAPAIAN TARGET (%): angka, satuan %" in readme
    assert "titik desimal" in readme
    # the same data, the same zip (no clock in it)
    again = tmp_path / "lagi"
    again.mkdir()
    site.write_downloads(again, items, tahun=2023, judul="Data Laporan Kinerja 2023")
    assert (again / "_unduh" / "data-laporan-2023.zip").read_bytes() == \
        (tmp_path / "_unduh" / "data-laporan-2023.zip").read_bytes()


def test_chart_alt_text_is_short_and_plain_with_the_data_as_long_description():
    bab = Bab(2023)
    for g in (bab.grafik_pengaduan("hak_dasar"), bab.grafik_pengaduan("tematik"), bab.grafik_realisasi_anggaran()):
        assert len(g.alt) <= 300 and "\\" not in g.alt, g.alt
        html = g.tabel_data_html()
        assert f'id="data-{g.label}"' in html and "<table" in html
    g = bab.grafik_pengaduan("hak_dasar")
    assert "Tertinggi Hak memperoleh keadilan (349), terendah Hak atas rasa aman (111)" in g.alt
    page = ('<figure class="align-default" id="grafik-x">\n<a href="x.png"><img alt="a" src="x.png" /></a>'
            '</figure><details id="data-grafik-x"></details><figure id="grafik-y"><img alt="b" /></figure>')
    out = unduh.hubungkan_deskripsi(page)
    assert '<img aria-describedby="data-grafik-x" alt="a"' in out
    assert '<img alt="b" />' in out  # no table of its own: no description named


def test_capaian_overview_from_data():
    g = Bab(2023).grafik_capaian()
    assert g.caption == "Grafik 1. Capaian Indikator Kinerja per Sasaran Tahun 2023"
    d = g.data
    assert len(d["kategori"]) == 21 and d["satuan"] == "%"
    cap = dict(zip(d["kategori"], d["seri"]["Capaian"]))
    assert cap["IKK-9.3 Jumlah instansi pemerintah yang menindaklanjuti hasil diseminasi dan penguatan HAM "
               "melalui pelayanan publik berbasis HAM"] == pytest.approx(727.27)
    assert d["kelompok"]["nilai"][0].startswith("SS-1 ")
    ax = g.figure.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "727,27% »" in texts and "123,04%" in texts and "target 100%" in texts  # values, not colour
    assert len(ax.patches) == 21
    # a draft year without realisasi: no bar, a label saying so
    g24 = Bab(2024).grafik_capaian()
    assert len(g24.figure.axes[0].patches) == 0
    assert "belum tersedia" in [t.get_text() for t in g24.figure.axes[0].texts]
    assert "capaiannya belum tersedia" in g24.alt


def test_photo_alt_text_has_no_markdown_escapes(tmp_path, monkeypatch):
    from lkjip.laporan.grafik import Gambar, pyplot

    plt = pyplot()
    fig, _ = plt.subplots(figsize=(1, 1))
    photo = tmp_path / "foto.png"
    fig.savefig(photo)
    plt.close(fig)
    monkeypatch.setenv("LKJIP_ASSET_DIR", str(tmp_path / "aset"))
    judul = "Peluncuran Peraturan Presiden No. 60 Tahun 2023 (Stranas BHAM) di Graha Pengayoman, Jakarta"
    g = Gambar(nomor="III.2", judul=judul, berkas=photo, berkas_rel="data/2023/gambar/foto.png", label="gambar-x")
    md = g._repr_mimebundle_()[0]["text/markdown"]
    assert f":alt: {judul}\n" in md
